"""The slots: which trigger phrases ask for which value, in English, French, Dutch and German.

One small class per kind of value, behind `SlotRecognizer` (`context`), so a new question form is a
line here and a row in `tests/test_slot_phrasing.py`.
"""

from __future__ import annotations

import re

from pipeline.detect.recognizers.base import Span, alternation, word_pattern
from pipeline.detect.recognizers.context import NAME_STOP, SlotRecognizer, bare_word


class SecurityCodeRecognizer(SlotRecognizer):
    ENTITY = "CARD_SECURITY_CODE"
    SCORE = 0.85
    WINDOW = 10
    TRIGGERS = word_pattern(
        r"security (?:code|number|digits)", "cvv2?", "cvc2?", "cv2", "csc", "cid",
        r"(?:code|number|digits?) (?:on|at) the back",
        r"(?:three|four|3|4)[- ]digits?(?: code| number| (?:on|at) the \w+)?",
        r"(?:the )?(?:last )?(?:three|four|3|4) (?:on|at) the back",  # "the three on the back are"
        r"card verification \w+",
        r"code de sécurité", "cryptogramme?", r"veiligheidscode", r"controlecode",
        r"sicherheitscode", r"prüfnummer", r"kartenprüfnummer",
    )


class CardExpiryRecognizer(SlotRecognizer):
    ENTITY = "CARD_EXPIRY"
    VALUE = "date"
    BARE_NUMBERS = True
    WINDOW = 8
    TRIGGERS = word_pattern(
        r"expiry(?: date)?", "expiration(?: date)?", "expires?(?: on| in| at)?", r"exp(?:\.)? date",
        r"valid (?:until|thru|through|till|to)", r"good (?:thru|through)", r"end date",
        # "when does the card run out?", heard as "... the car run out?" as often as not
        r"(?:card|it) runs? out", r"(?:does|did|will) (?:(?:the|your|this) \w+|it) run out",
        "vervaldatum", r"vervalt", r"date d'expiration", r"expire le", r"gültig bis",
        r"ablaufdatum", r"läuft \w+ ab",
    )


class CardNumberSlotRecognizer(SlotRecognizer):
    ENTITY = "CREDIT_CARD"
    SCORE = 0.8
    WINDOW = 14
    TRIGGERS = word_pattern(
        r"card number", r"long number", r"number on (?:the|your) card", r"card details",
        r"(?:sixteen|16) digits?", r"digits (?:across|on) (?:the )?(?:front of )?(?:the |your )?card",
        r"numéro de (?:la )?carte", r"kaartnummer", r"kartennummer",
    )


class PinRecognizer(SlotRecognizer):
    ENTITY = "PIN"
    WINDOW = 8
    MIN_DIGITS = 3
    TRIGGERS = word_pattern(r"pin(?: code| number)?", "passcode", r"pass code", r"code pin",
                         r"pincode", r"geheimzahl", r"password is", r"mot de passe")


class SecretWordRecognizer(SlotRecognizer):
    """A password, memorable word or security answer: words, not digits ("Rivington.")."""

    ENTITY = "PIN"
    VALUE = "words"
    WINDOW = 6
    # Asked for or given, not talked about: "the password on the account?", "my memorable word
    # is", but not "I forgot my password so ..." or "a password reset link".
    _ASKED_WORD = (r"(?:password|pass ?phrase|memorable (?:word|name|place|date)|secret word|"
               r"security (?:word|answer)|(?:mother|mum|mom)['’]?s maiden name|maiden name)")
    TRIGGERS = word_pattern(
        rf"(?:the|your) {_ASKED_WORD}(?: on (?:the|your|this) account| for (?:the|this) account)?"
        r"(?=\s*[?,.:])", rf"{_ASKED_WORD} is", rf"(?:the|your|my) {_ASKED_WORD}, (?:please|it['’]s)",
        r"(?:votre|le) mot de passe(?=\s*[?,.:])", r"mot de passe est",
        r"(?:uw|je|het) wachtwoord(?=\s*[?,.:])", r"wachtwoord is",
        r"(?:ihr|dein|das) (?:passwort|kennwort)(?=\s*[?,.:])", r"(?:passwort|kennwort) ist",
    )


class AccountNumberRecognizer(SlotRecognizer):
    ENTITY = "BANK_ACCOUNT"
    WINDOW = 18  # an IBAN spelled out is letters and digit groups, up to 34 characters
    LEADING_LETTERS = True
    TRIGGERS = word_pattern(
        r"account number", r"bank account", r"sort code", r"routing number", r"iban",
        r"(?:which|what) account", r"bank details",
        r"account (?:you(?:['’]d| would)? )?(?:like to |want to )?pay(?:ing)? (?:from|with|by)",
        r"rekeningnummer", r"numéro de compte", r"kontonummer", r"customer number",
        r"client number", r"contract number", r"membership number", r"policy number",
    )


class NationalIdRecognizer(SlotRecognizer):
    """The answer to "your national register number?" whatever the checksum says: Whisper drops
    and mishears digits of an 11-digit number more often than not."""

    ENTITY = "NATIONAL_ID"
    WINDOW = 16
    TRIGGERS = word_pattern(
        r"national (?:register |registry |insurance |identity |id )?number", r"register number",
        r"social security number", r"ni number", r"identity (?:card )?number", r"id number",
        r"rijksregister(?:nummer)?", "insz", "niss", r"numéro (?:de registre )?national",
        r"registre national", r"numéro de sécurité sociale", r"nationalnummer",
        r"sozialversicherungsnummer", r"personalausweisnummer", r"steuer-?id",
        r"pps(?: number)?", r"bsn", r"burgerservicenummer", r"ssn",
    )


class PhoneContextRecognizer(SlotRecognizer):
    ENTITY = "PHONE_NUMBER"
    WINDOW = 14
    MIN_DIGITS = 6
    TRIGGERS = word_pattern(
        r"phone(?: number)?", r"mobile(?: number)?", r"cell(?: phone)?(?: number)?", "telephone",
        r"landline", r"contact number", r"call me (?:back )?(?:on|at)", r"reach me (?:on|at)",
        r"call(?:back)? number", r"telefoonnummer", r"gsm(?:-?nummer)?", r"numéro de téléphone",
        r"portable", r"telefonnummer", r"handynummer",
        # "the best number to reach you on?", "what number can we call you back on?"
        r"number (?:\w+ ){0,4}(?:reach|call|ring|contact|text|get) you",
        r"get (?:hold of )?you (?:on|at)", r"number you(?:['’]re| are) calling (?:from|on)",
        r"(?:daytime|evening|callback|call-back|alternative|home|work) number",
    )


class DateOfBirthRecognizer(SlotRecognizer):
    ENTITY = "DATE_OF_BIRTH"
    VALUE = "date"
    WINDOW = 10
    SCORE = 0.85
    TRIGGERS = word_pattern(
        r"date of birth", r"birth ?date", r"born (?:on|in)", "birthday", "dob", r"d o b",
        # "birth" heard without its "date of" ("your name is on birth for security."): a date
        # said right after a birth is a birth date, the caller's or a child's
        r"birth(?: for (?:security|verification))?",
        r"(?:when|what year|which year) were you born", r"year of birth", r"were you born(?= ?\?)",
        r"geboortedatum", r"geboren(?: op)?", r"date de naissance", r"né(?:e)? le",
        r"geburtsdatum", r"geboren am",
    )


class NameIntroRecognizer(SlotRecognizer):
    ENTITY = "PERSON"
    VALUE = "name"
    WINDOW = 6
    SCORE = 0.7
    TRIGGERS = word_pattern(
        r"my name is", r"my name's", r"name is", r"name's", r"this is", r"speaking (?:with|to)",
        r"talking to", r"surname is", r"first name is", r"last name is", r"family name is",
        r"call me", r"mr\.?", r"mrs\.?", r"ms\.?", "miss", r"dr\.?", "mister", "missus",
        "madame", "monsieur", "meneer", "mevrouw", "herr", "frau", r"je m'appelle",
        r"mon nom est", r"ik heet", r"mijn naam is", r"ich heiße", r"mein name ist",
        r"spelled", r"spelt", r"spelling", r"your (?:full |first |last |sur)?name",
        r"who am i (?:speaking|talking) (?:to|with)",
        r"(?:first|given) and (?:last|family|sur) ?name", r"spell (?:that|it|your \w+)",
        r"who(?:['’]s| is) the (?:main )?(?:account|policy|card|bill) ?(?:holder|payer)",
        # "And you are?", "Who's calling?", "Who have I got on the line?"
        r"(?:^|(?<=[.?!,]\s))and you are(?=\s*[?.])", r"who(?:['’]s| is) (?:calling|speaking)",
        r"who (?:do|have) i (?:have|got) on the (?:line|phone)", r"who(?:['’]s| is) on the line",
        r"met wie spreek ik", r"wie is (?:er )?aan de lijn", r"mit wem spreche ich",
        r"wer ist (?:am apparat|dran)", r"(?:à|a) qui ai-je l'honneur", r"de la part de qui",
        r"qui est à l'appareil",
        # "a bloke called Darren Pickering", "Wie heißt der Patient?", "Hoe heet u?"
        r"(?:called|named)", r"herrn", r"hier (?:ist|spricht)",
        r"(?:hallo|dag|hoi|goeiedag|goedemorgen|goedemiddag|goedenavond|goeiemorgen|goeiemiddag|"
        r"goeienavond|goedendag),? met",
        # "ACV-dienstencentrum Gent, met Sanne.": the Dutch phone greeting names its speaker
        r"(?<=, )met(?= (?-i:[A-Z]))",
        r"wie hei(?:ß|ss)(?:t|en)",
        # a holder named: "in the name of Edith Calloway?", "booked under Okafor", "op naam van"
        r"in the name of", r"under the name(?: of)?", r"(?:booked|registered) (?:under|to)",
        r"op (?:de )?naam van", r"au nom de", r"auf den namen", r"im namen von",
        r"hoe heet",
        r"comment (?:vous appelez-vous|tu t['’]appelles|s['’]appelle)", r"vous vous appelez",
    )
    # After these a lower-case word is still the name ("my name is ahmed", "spelled smith").
    # After the others ("this is about my bill", "call me back", "I miss having") it must be
    # capitalised, as Whisper writes names.
    DECLARED = re.compile(
        r"(?:my name is|my name's|(?:sur|first |last |family )name is|speaking (?:with|to)|"
        r"je m'appelle|mon nom est|"
        r"ik heet|mijn naam is|ich heiße|mein name ist|spel(?:led|t|ling)|"
        r"(?:last|family|sur) ?name|spell (?:that|it|your \w+))$",
        re.I,
    )

    def value_before_question(self, tokens: list[tuple[int, int, str]]) -> bool:
        first = tokens[0][2]
        return first[:1].isupper() and bare_word(first) not in NAME_STOP

    def extract(self, text: str, pos: int) -> Span | None:
        span = super().extract(text, pos)
        if span is None:
            return None
        before = text[max(0, pos - 40):pos]
        after_trigger = any(m.end() == len(before) for m in self.TRIGGERS.finditer(before))
        if after_trigger and not self.DECLARED.search(before) and not text[span.start].isupper():
            return None
        return span


class AddressIntroRecognizer(SlotRecognizer):
    ENTITY = "LOCATION"
    VALUE = "address"
    WINDOW = 12
    SCORE = 0.7
    TRIGGERS = word_pattern(
        r"i live (?:at|in|on)", r"my address is", r"address is", r"postal address",
        r"(?:your|new|current|full|correct) (?:home |postal |street )?address",
        r"what(?:['’]s| is) the (?:\w+ )?address", r"(?:property|installation|supply|"
        r"correspondence|invoice|shipping) address",
        r"where (?:are you|do you) (?:based|living|staying)", r"which (?:town|city|village)",
        r"where do you live", r"where (?:are you|is this|is that) calling from",
        # "Where is the car now?", "Where's the vehicle kept?": the place a thing is
        r"where(?:['’]s| is| are) (?:the|your) \w+(?: \w+)?(?: now| kept| parked| located)?"
        r"(?=\s*[?.])",
        r"address (?:on|for|linked to|registered (?:to|on|with)) (?:the|your|this) \w+",
        r"address we have (?:on file|for you)", r"first line of (?:the|your) address",
        r"where (?:would|do) you (?:like|want) (?:\w+ ){0,3}(?:delivered|sent|posted|shipped|to go)",
        # "Where should the final bill go?", "Where shall we send it?"
        r"where (?:should|shall|do|can|will) (?:we|i|it|they|(?:the|your) \w+(?: \w+)?) "
        r"(?:go|be sent|be delivered|be posted|send|deliver|post)(?: (?:it|them|that|this))?",
        r"home address", r"billing address", r"delivery address",
        # "Which address should I post it to?", "What address is it going to?"
        r"(?:which|what) (?!e-?mail\b|ip\b|web\b)(?:\w+ )?address",
        r"moved to", r"deliver(?:ed)? to", r"j'habite(?: au| à| a)?",
        r"mon adresse est", r"ik woon(?: in| op| aan)?", r"mijn adres is", r"ich wohne(?: in| am)?",
        r"meine adresse ist",
        # where it should go, asked in the other languages ("Wohin sollte geliefert werden?")
        r"(?:wohin|wo)\b[^.?!]{0,30}\b(?:geliefert|geschickt|gesendet|zugestellt) werden",
        r"(?:an |auf )?welche (?:adresse|anschrift)", r"(?:à |a )?quelle adresse",
        r"o[uù] (?:faut-il|doit-on|dois-je|peut-on|est-ce qu'on) (?:livrer|envoyer|exp[ée]dier)",
        r"(?:op |naar )?welk adres",
        r"waar (?:mag|moet|kan|mogen|moeten) (?:het|dit|dat|we|wij|ik|de \w+|het \w+) "
        r"(?:naartoe|heen|geleverd|bezorgd|opgestuurd|verstuurd)",
        # a part of one, asked for or given ("And the postcode?", "the house number is 12"),
        # not talked about ("the street name changed")
        alternation(
            r"(?:house|flat|apartment|door|building) number", r"post ?code", r"zip code",
            r"street name", r"which street", r"which (?:county|area|district|part of town)",
            r"eircode", r"whereabouts", r"where (?:are you|is it) located",
            r"huisnummer", r"woonplaats", r"code postal", r"numéro de (?:la )?rue", r"hausnummer",
            r"postleitzahl", r"wohnort",
            r"(?:ihre|votre|uw|je) (?:neue |nouvelle |nieuwe? )?(?:adresse|anschrift|adres)",
        ) + r"(?=(?:,? (?:please|then|again|svp|alstublieft|bitte))?\s?\?|'s\b| is\b| est\b"
            r"| ist\b| zijn\b)",
    )


class EmailSlotRecognizer(SlotRecognizer):
    """The words after "e-mail": Whisper often garbles a spoken address beyond any pattern."""

    ENTITY = "EMAIL_ADDRESS"
    VALUE = "email"
    WINDOW = 16  # a spelled address is many words ("j, o, s, h, at g mail dot com")
    SCORE = 0.6
    TRIGGERS = word_pattern(
        r"e-?mail(?: address)?(?: is)?", r"mail address", r"adresse (?:e-?)?mail", r"courriel",
        r"mailadres", r"e-?mailadres", r"e-?mail-?adresse",
    )


SLOT_RECOGNIZERS: tuple[type[SlotRecognizer], ...] = (
    SecurityCodeRecognizer, CardExpiryRecognizer, CardNumberSlotRecognizer, PinRecognizer,
    SecretWordRecognizer, AccountNumberRecognizer, NationalIdRecognizer, PhoneContextRecognizer,
    DateOfBirthRecognizer, NameIntroRecognizer,
    AddressIntroRecognizer, EmailSlotRecognizer,
)
