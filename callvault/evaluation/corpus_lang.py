"""Building blocks of the evaluation corpus, its Dutch, French and German calls and some English ones.

Dialogues are written as compact markup, one turn per line::

    A: Thanks, and your date of birth?
    C: sure, [DATE_OF_BIRTH|the second of May, ninety one|1991-05-02]

``A:``/``C:`` start an agent/customer turn, also mid-line (other lines continue the last turn),
``[LABEL|spoken text|value]`` plants a chunk (value defaults to the spoken text) and
``[KEEP|spoken text]`` plants an ordinary number that a redactor must leave alone.
Check digits (Luhn, IBAN mod-97, Belgian national register mod-97) are computed
here, never typed, so every planted number is valid by construction.
"""

from __future__ import annotations

import re

from callvault.evaluation.synth import CallScript, Chunk, Turn

# (script, sample_rate, stereo, noise_db): corpus.py turns these into EvalCase objects.
Call = tuple[CallScript, int, bool, float | None]

DIGITS = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    "nl": ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"),
    "fr": ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"),
    "de": ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"),
}
_LINE = re.compile(r"^([AC]):\s*(.*)$")
_SPLIT = re.compile(r"\s+(?=[AC]:\s)")  # "C: Yes. A: Booked." holds two turns
_MARK = re.compile(r"\[([A-Z_]+)\|([^|\]]+)(?:\|([^\]]*))?\]")


def say(digits: str, *groups: int, lang: str = "en", oh: bool = False, double: bool = False) -> str:
    """Digits as words, comma-separated into ``groups``; ``oh``/``double`` as British callers say."""
    words = ["oh" if oh and d == "0" else DIGITS[lang][int(d)] for d in digits if d.isdigit()]
    sizes = [*groups, len(words) - sum(groups)] if sum(groups) < len(words) else list(groups)
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    out = [" ".join(words[a : a + n]) for a, n in zip(starts, sizes, strict=True)]
    if double:
        out = [re.sub(r"\b(\w+) \1\b", r"double \1", part) for part in out]
    return ", ".join(out)


def say_code(code: str, lang: str = "en", group: int = 4) -> str:
    """An IBAN-like code in groups of ``group``: letters as letters, digits as words."""
    parts = []
    for i in range(0, len(code), group):
        toks = [DIGITS[lang][int(ch)] if ch.isdigit() else ch for ch in code[i : i + group]]
        parts.append(" ".join(toks))
    return ", ".join(parts)


def num(
    label: str, digits: str, *groups: int, lang: str = "en", oh: bool = False, double: bool = False
) -> str:
    """Markup for a number spoken digit by digit; the value is the digits themselves."""
    return f"[{label}|{say(digits, *groups, lang=lang, oh=oh, double=double)}|{digits}]"


def luhn(partial: str) -> str:
    """Append the Luhn check digit to ``partial``."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return partial + str((10 - total % 10) % 10)


def iban(country: str, bban: str) -> str:
    """A valid IBAN: ISO 13616 mod-97 check digits computed for ``country`` + ``bban``."""
    moved = bban + country + "00"
    as_int = int("".join(str(int(ch, 36)) for ch in moved))
    return f"{country}{98 - as_int % 97:02d}{bban}"


def be_bban(ten: str) -> str:
    """Belgian account number: 3-digit bank code + 7 digits + national mod-97 check."""
    check = int(ten) % 97 or 97
    return f"{ten}{check:02d}"


def fr_bban(bank: str, branch: str, account: str) -> str:
    """French BBAN (digits-only account) with its RIB key."""
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    return f"{bank}{branch}{account}{key:02d}"


def be_nrn(yymmdd: str, seq: str) -> str:
    """Belgian national register number; births from 2000 on get a '2' prefixed for the check."""
    base = yymmdd + seq
    born_2000s = int(yymmdd[:2]) < 25  # the corpus has no centenarians
    check = 97 - int(("2" if born_2000s else "") + base) % 97
    return f"{base}{check:02d}"


def card(number: str, *groups: int) -> str:
    """Markup for a card number, in ``groups`` or run together."""
    return num("CREDIT_CARD", number, *groups)


def _plain(segment: str, out: list[Chunk]) -> None:
    text = segment.lstrip(" ,.;:").rstrip(" ,;:")
    if any(ch.isalnum() for ch in text):
        out.append(Chunk(text))


def _chunks(body: str) -> tuple[Chunk, ...]:
    out: list[Chunk] = []
    pos = 0
    for m in _MARK.finditer(body):
        _plain(body[pos : m.start()], out)
        label, text = m[1], m[2].strip()
        value = None if label == "KEEP" else (m[3] if m[3] is not None else text).strip()
        out.append(Chunk(text, label, value))
        pos = m.end()
    _plain(body[pos:], out)
    return tuple(out)


def dialogue(text: str) -> tuple[Turn, ...]:
    """Parse the markup described in the module docstring into turns."""
    turns: list[tuple[str, str]] = []
    lines = (part for raw in text.splitlines() for part in _SPLIT.split(raw.strip()))
    for line in lines:
        if not line:
            continue
        if m := _LINE.match(line):
            turns.append((m[1], m[2]))
        elif turns:
            turns[-1] = (turns[-1][0], f"{turns[-1][1]} {line}")
        else:
            raise ValueError(f"dialogue must start with 'A:' or 'C:', got {line!r}")
    return tuple(Turn("agent" if s == "A" else "customer", _chunks(b)) for s, b in turns)


def call(name: str, lang: str, voices: str, wpm: int, fmt: str, text: str) -> Call:
    """One call: ``voices`` is 'agent/customer', ``fmt`` e.g. '8k mono', '16k stereo -35'."""
    agent, customer = voices.split("/")
    rate, layout, *noise = fmt.split()
    script = CallScript(name, dialogue(text), agent, customer, wpm, lang)
    return script, int(rate.rstrip("k")) * 1000, layout == "stereo", float(noise[0]) if noise else None


# --- English calls, continued from corpus.py ------------------------------------------------------

VISA2, MAESTRO = luhn("491748210035617"), luhn("675941002873156")


def more_english_calls() -> tuple[Call, ...]:
    """English calls 17 to 21 (DNA kit, gas, pharmacy, broadband, pets); 1 to 16 are in corpus.py."""
    en = "en"
    return (
        call("en17_ancestry_kit", en, "en-029+m1/en-us+f2", 165, "8k stereo", """
A: Rootfinder customer care, [PERSON|Andre] speaking.
C: Hi. My results came through, but I want them deleted.
A: Can I take your email first?
C: [EMAIL_ADDRESS|o, l, u, w, a, s, e, u, n, eight, four, at gmail dot com|oluwaseun84@gmail.com]
A: Thank you. And your name?
C: [PERSON|Oluwaseun Adeyemi-Clarke]
C: [ETHNIC_ORIGIN|The report says I'm sixty percent Yoruba from Nigeria|yoruba]
C: and [GENETIC_BIOMETRIC|my DNA sample shows a cystic fibrosis carrier gene|dna]
A: I'll delete the data and destroy the sample within [KEEP|thirty days].
C: Do I get back the [KEEP|ninety nine dollars]?
A: No, but here's a [KEEP|twenty dollar] voucher.
"""),
        call("en18_gas_payment_plan", en, "en-gb-x-gbclan+m3/en+f1", 150, "8k mono", f"""
A: Pennine Gas, [PERSON|Liam] speaking.
C: Hello. I'm behind on my bill and I'm struggling.
A: I'm sorry. Let's sort a plan. Your name?
C: [PERSON|Maureen Ogunleye]
C: [HEALTH|I've been off work with depression since January|depression]
A: Thanks for telling me. You owe [KEEP|four hundred and twenty pounds].
A: We could do [KEEP|thirty five pounds] a month for [KEEP|twelve months].
C: Okay. The first payment on my debit card, {card(MAESTRO)}
A: Expires?
C: [CARD_EXPIRY|end of twenty seven, so twelve twenty seven|12/27]
A: Security code? C: {num("CARD_SECURITY_CODE", "317")}
A: And set a payment PIN for the phone line.
C: {num("PIN", "1966")}
"""),
        call("en19_pharmacy_refill", en, "en-us+f2/en-us-nyc+m5", 155, "16k mono", f"""
A: CareRx pharmacy, this is [PERSON|Beth]. How can I help?
C: I need a refill sent to my new place.
A: Sure, patient name and birthday?
C: [PERSON|Julian Moreau-Whitfield], [DATE_OF_BIRTH|four twelve eighty eight|1988-04-12]
A: Which prescription?
C: [HEALTH|My HIV medication, the Biktarvy|hiv]
C: [SEX_LIFE|and the PrEP for my partner, he's on my plan|prep]
A: Got it. [KEEP|ninety tablets] each, copay [KEEP|ten dollars].
A: The new address?
C: [LOCATION|three eighty Bleecker Street, apartment four C, New York, one double oh one four|
   380 Bleecker Street, Apt 4C, New York 10014]
A: Pay with the card on file? C: No, {card(VISA2, 4, 4, 4, 4)}
"""),
        call("en20_cork_broadband", en, "en+m6/en-gb-x-gbcwmd+f2", 145, "16k stereo -35", f"""
A: Shannon Telecom, [PERSON|Ciaran] speaking.
C: Hi, I'd like to cancel. I'm moving back to the city.
A: Sorry to hear. Your eircode?
C: [LOCATION|P eight five, X, nine two eight|P85 X928]
A: That's Cobh. And the name?
C: [PERSON|Siobhán Ní Dhomhnaill]
A: There's a fee of [KEEP|sixty euro] as you're inside [KEEP|eighteen months].
C: [TRADE_UNION|I'm a SIPTU member and our union said you'd waive it for nurses|union]
A: I'll check. Refund to which account?
C: {num("BANK_ACCOUNT", "58201377", 4)}, at the credit union. A: And the phone?
C: [PHONE_NUMBER|oh eight seven, one two three, four five six seven|0871234567]
"""),
        call("en21_pet_insurance", en, "en-us+m7/en-gb-scotland+f2", 180, "8k stereo", f"""
A: Pawsure pet insurance, [PERSON|Kevin] here. Your policy number?
C: {num("BANK_ACCOUNT", "60093517", 4)}
A: Thank you, [PERSON|Ms Drummond|Drummond]. What's happened?
C: My dog ate [KEEP|six] socks. The vet bill is [KEEP|one thousand three hundred and forty pounds].
A: Oh no. Is he okay?
C: He's fine now, after [KEEP|two nights] in.
A: I'll open a claim. Your excess is [KEEP|ninety nine pounds].
C: Send it to [EMAIL_ADDRESS|k, drummond, at outlook dot com|kdrummond@outlook.com].
A: And the vet's address?
C: [LOCATION|Ashgrove Vets, two Bridge Street, Inverness, I V one, one Q R|
   Ashgrove Vets, 2 Bridge Street, Inverness IV1 1QR]
A: Payment in [KEEP|fourteen days].
"""),
    )


# --- Dutch, French and German calls (Belgian context: Gent, Brussels, Eupen) -----------------------

BE_NL = iban("BE", be_bban("0682937415"))
BE_NL2 = iban("BE", be_bban("7350123987"))
BE_FR = iban("BE", be_bban("0015589643"))
BE_DE = iban("BE", be_bban("7310452211"))
DE_IBAN = iban("DE", "70020270" + "0015713644")
FR_IBAN = iban("FR", fr_bban("30004", "00823", "00012345678"))
NRN_NL, NRN_NL_KID = be_nrn("910722", "385"), be_nrn("120607", "246")
NRN_FR, NRN_DE = be_nrn("620921", "067"), be_nrn("030115", "331")


def foreign_calls() -> tuple[Call, ...]:
    """Two calls each in Dutch, French and German, voiced with espeak's nl, fr-be/fr and de."""
    nl, fr, de = "nl", "fr", "de"
    return (
        call("nl01_energie_verhuis", nl, "nl+f2/nl+m3", 150, "8k mono", f"""
A: Goeiemiddag, Scheldeland Energie, u spreekt met [PERSON|Lotte].
C: Dag Lotte, met [PERSON|Pieter Vermeulen]. Ik verhuis volgende maand.
A: Geen probleem. Mag ik uw rijksregisternummer?
C: ja, {num("BE_NATIONAL_REGISTER_NUMBER", NRN_NL, 2, 2, 2, 3, lang=nl)}
A: Dank u. En wat wordt het nieuwe adres?
C: [LOCATION|Kerkstraat twaalf, negenduizend Gent|Kerkstraat 12, 9000 Gent]
A: Op welke rekening mag de domiciliëring?
C: euh, [IBAN_CODE|{say_code(BE_NL, nl)}|{BE_NL}]
A: En uw e-mailadres voor de facturen?
C: [EMAIL_ADDRESS|pieter punt vermeulen apenstaartje telenet punt be|pieter.vermeulen@telenet.be]
C: Ik ben trouwens volgende week niet bereikbaar, [HEALTH|ik word geopereerd aan mijn hart|hart]
A: Veel beterschap. Het voorschot wordt [KEEP|vierentachtig euro] per maand.
"""),
        call("nl02_ziekenfonds_kind", nl, "nl+m1/nl+f4", 140, "16k stereo -35", f"""
A: Ziekenfonds Leieland, goedemorgen, met [PERSON|Bram].
C: Hallo, ik ben [PERSON|Annelies De Wachter]. Ik wil mijn dochter inschrijven.
A: Prima. Het rijksregisternummer van uw dochter?
C: dat is {num("BE_NATIONAL_REGISTER_NUMBER", NRN_NL_KID, 2, 2, 2, 3, lang=nl)}
A: Ik herhaal: {num("BE_NATIONAL_REGISTER_NUMBER", NRN_NL_KID, lang=nl)}. Klopt dat?
C: Ja. [HEALTH|Ze heeft astma en moet elke maand naar de longarts|astma]
A: Dat noteer ik. Terugbetalingen op welke rekening?
C: [IBAN_CODE|B E {say(BE_NL2[2:], 2, 4, 4, lang=nl)}|{BE_NL2}]
A: En uw telefoonnummer?
C: [PHONE_NUMBER|nul vier zeven vijf, twaalf, vierendertig, zesenvijftig|0475123456]
A: Uw e-mail, letter per letter graag?
C: [EMAIL_ADDRESS|a, d, w, a, c, h, t, e, r, apenstaartje gmail punt com|adwachter@gmail.com]
A: Uw afspraak is donderdag om [KEEP|half vier], dat duurt ongeveer [KEEP|twintig minuten].
"""),
        call("fr01_banque_carte", fr, "fr-be+m1/fr-be+f3", 150, "8k mono -30", f"""
A: Banque Ardenne, bonjour, [PERSON|Sébastien] à l'appareil.
C: Bonjour, c'est [PERSON|Fatima Benali], ma carte a été avalée au distributeur.
A: Je vais la bloquer. Votre numéro de registre national, s'il vous plaît?
C: {num("BE_NATIONAL_REGISTER_NUMBER", NRN_FR, 2, 2, 2, 3, lang=fr)}
A: Et le compte lié à la carte?
C: c'est [IBAN_CODE|{say_code(BE_FR, fr)}|{BE_FR}]
A: La nouvelle carte part à quelle adresse?
C: [LOCATION|rue de la Loi seize, mille Bruxelles|rue de la Loi 16, 1000 Bruxelles]
A: Un numéro de GSM?
C: [PHONE_NUMBER|zéro quatre huit sept, septante-deux, nonante et un, zéro trois|0487729103]
C: Faites vite, [HEALTH|je suis sous dialyse trois fois par semaine|dialyse]
A: C'est noté. Les frais sont de [KEEP|quinze euros], et la carte arrive dans [KEEP|cinq jours].
"""),
        call("fr02_telecom_demenagement", fr, "fr-be+f2/fr+m4", 165, "8k stereo", f"""
A: Telenova, bonjour, vous parlez avec [PERSON|Chloé].
C: Oui bonjour, [PERSON|Jean-Marc Dubois]. Je déménage et je veux garder internet.
A: Votre nouvelle adresse?
C: [LOCATION|avenue Louise cinquante-quatre, mille cinquante Ixelles|avenue Louise 54, 1050 Ixelles]
A: Et l'adresse e-mail du compte?
C: [EMAIL_ADDRESS|jm point dubois arobase skynet point bé|jm.dubois@skynet.be]
A: Vous payez toujours par domiciliation?
C: non, désormais sur mon compte français, [IBAN_CODE|{say_code(FR_IBAN, fr)}|{FR_IBAN}]
A: Bien. L'installation est prévue mardi à [KEEP|quatorze heures].
C: [HEALTH|je suis en fauteuil roulant|fauteuil roulant], le technicien doit sonner deux fois.
A: Aucun souci. L'abonnement reste à [KEEP|quarante-neuf euros] par mois.
"""),
        call("de01_versicherung_eupen", de, "de+m2/de+f1", 145, "8k mono", f"""
A: Ostbelgien Versicherung, guten Tag, Sie sprechen mit [PERSON|Jonas].
C: Guten Tag, hier ist [PERSON|Marlene Schröder]. Ich möchte einen Schaden melden.
A: Gerne. Ihre Nationalregisternummer, bitte?
C: {num("BE_NATIONAL_REGISTER_NUMBER", NRN_DE, 2, 2, 2, 3, lang=de)}
A: Danke. Und Ihre Adresse?
C: [LOCATION|Hauptstraße fünf, viertausendsiebenhundert Eupen|Hauptstraße 5, 4700 Eupen]
A: Was ist passiert?
C: Ich bin auf dem Eis gestürzt. [HEALTH|Ich habe mir das Handgelenk gebrochen|handgelenk]
A: Das tut mir leid. Auf welches Konto sollen wir überweisen?
C: ähm, [IBAN_CODE|{say_code(BE_DE, de)}|{BE_DE}]
A: Und Ihre E-Mail?
C: [EMAIL_ADDRESS|marlene punkt schroeder ät gmx punkt de|marlene.schroeder@gmx.de]
A: Die Selbstbeteiligung beträgt [KEEP|zweihundert Euro].
"""),
        call("de02_onlineshop_lieferung", de, "de+f3/de+m5", 160, "16k mono", f"""
A: Kundendienst Wohnwelt, mein Name ist [PERSON|Katrin], was kann ich tun?
C: Hallo, [PERSON|Dieter Kowalczyk] hier. Meine Bestellung ist nicht angekommen.
A: Die Bestellnummer?
C: [KEEP|vier acht zwei sechs sieben]
A: Ich sehe sie. Wohin sollte geliefert werden?
C: [LOCATION|Aachener Straße zweiundvierzig, fünf null sechs sieben sieben Köln
   |Aachener Straße 42, 50677 Köln]
A: Unter welcher Nummer erreicht der Fahrer Sie?
C: [PHONE_NUMBER|null eins fünf zwo, drei vier fünf sechs, sieben acht neun|01523456789]
A: Möchten Sie die Erstattung auf Ihr Konto?
C: ja bitte, [IBAN_CODE|{say_code(DE_IBAN, de)}|{DE_IBAN}]
C: Sorry, ich bin etwas durcheinander, [HEALTH|ich habe Diabetes und mein Zucker ist niedrig|diabetes]
A: Kein Problem. Sie bekommen [KEEP|neunundachtzig Euro] zurück, in etwa [KEEP|drei Tagen].
"""),
    )
