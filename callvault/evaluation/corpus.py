"""The evaluation set: synthetic calls that measure whether spoken personal data survives redaction.

Each :class:`EvalCase` is a scripted call (see :mod:`callvault.evaluation.corpus_lang` for the
markup) plus how to render it: sample rate, mono/stereo, background noise, language. The set
mixes utility, bank, telecom, insurance, healthcare and e-commerce calls, many espeak voices and
speeds, and plants every label the redactor must catch, next to ``KEEP`` numbers (prices, times,
quantities, order references) that it must leave audible. All values are fake but valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from callvault.evaluation.corpus_lang import (
    Call,
    be_bban,
    be_nrn,
    call,
    card,
    foreign_calls,
    fr_bban,
    iban,
    luhn,
    more_english_calls,
    num,
    say,
    say_code,
)
from callvault.evaluation.synth import CallScript, SynthCall, synthesize

__all__ = ["LANGUAGES", "EvalCase", "cases", "synthesize_case"]

LANGUAGES = ("en", "nl", "fr", "de")


@dataclass(frozen=True)
class EvalCase:
    """One call of the evaluation set and how to render it."""

    name: str  # unique and filesystem-safe; also the script name (it seeds the noise)
    script: CallScript
    sample_rate: int
    stereo: bool
    noise_db: float | None
    language: str


# Card numbers: issuer-like prefixes, Luhn check digit computed.
VISA, AMEX, MC2 = luhn("453201511283036"), luhn("37144963539843"), luhn("222300487162115")
DISC = luhn("601100099013942")
FR_IBAN = iban("FR", fr_bban("20041", "01005", "05001340262"))
GB_IBAN = iban("GB", "MIDL" + "400515" + "71984523")
NL_IBAN = iban("NL", "INGB" + "0007215334")
DE_IBAN = iban("DE", "50010517" + "5407324931")
BE_IBAN = iban("BE", be_bban("3631587420"))
NRN_1978, NRN_2004 = be_nrn("780412", "157"), be_nrn("040923", "284")


def _english() -> tuple[Call, ...]:
    en = "en"
    return (
        call("en01_energy_final_bill", en, "en+f3/en-gb-scotland+m1", 150, "8k mono", f"""
A: Good afternoon, Lochside Energy, [PERSON|Fiona] speaking.
C: Hiya. I'm moving out on Friday and I need a final bill.
A: No bother. Who's the account holder?
C: that's me, [PERSON|Callum MacLeod].
A: And the address you're leaving?
C: [LOCATION|forty one Dundas Street, Edinburgh, E H three, six Q G|41 Dundas Street, Edinburgh EH3 6QG]
A: Where should the final bill go?
C: um, [LOCATION|flat two, nine Canal Row, Glasgow, G four, oh P W|Flat 2, 9 Canal Row, Glasgow G4 0PW]
A: Have you got a closing meter reading?
C: it says [KEEP|four seven two eight one] on the dial.
A: The balance will be about [KEEP|sixty three pounds]. Best number to reach you?
C: {num("PHONE_NUMBER", "07700900871", 5, 3, oh=True, double=True)}
A: Grand. You'll have the bill within [KEEP|two weeks].
"""),
        call("en02_bank_stolen_card", en, "en-us+m3/en-us-nyc+f2", 165, "8k stereo", f"""
A: Harbor Federal card services, this is [PERSON|Marcus]. Are you calling about a lost card?
C: Yes, I think it was stolen at the gym this morning.
A: I'm sorry to hear that. Can you read me the card number?
C: sure, it's {card(VISA, 4, 4, 4, 4)}
A: Thank you. And the name on the card?
C: [PERSON|Rosalind Achterberg]
A: For verification, your date of birth?
C: [DATE_OF_BIRTH|July second, nineteen seventy nine|1979-07-02]
A: And your telephone banking PIN?
C: {num("PIN", "5086")}
A: Okay, that card is blocked. Did you spend [KEEP|two hundred and forty dollars] at a sports store?
C: No, that wasn't me.
A: I'll dispute it. The new card goes to [LOCATION|fourteen twenty Maple Avenue, Springfield, Illinois,
   six two seven oh four|1420 Maple Avenue, Springfield, Illinois 62704], correct?
C: That's right. A: It'll be there in [KEEP|five to seven business days].
"""),
        call("en03_mobile_upgrade", en, "en-gb-x-rp+m2/en-029+m4", 140, "8k mono -35", f"""
A: Skyline Mobile upgrades, you're through to [PERSON|Oliver]. The number on the account?
C: yeah, {num("PHONE_NUMBER", "07700900264", 5, 3, oh=True)}
A: And your name?
C: [PERSON|Desmond Baptiste]
A: And the security passcode, please.
C: that'd be {num("PIN", "918273")}, no wait, that's the old one. It's {num("PIN", "4417")}
A: Thanks. You're due an upgrade. The plan is [KEEP|thirty two pounds] a month for [KEEP|two years].
C: Put the handset on this card, {card(MC2)}
A: Expiry?
C: [CARD_EXPIRY|oh three, twenty eight|03/28]
A: And the three digits on the back.
C: {num("CARD_SECURITY_CODE", "062")}
C: Oh, and [ETHNIC_ORIGIN|I'm Jamaican, I'll need roaming when I go home|jamaican]
A: I've added it. Delivery tomorrow between [KEEP|eight and one].
"""),
        call("en04_motor_claim", en, "en+m5/en-gb-x-gbclan+f1", 155, "8k stereo", f"""
A: Meridian Insurance claims, [PERSON|Gareth] speaking. What's the policy number?
C: it's [BANK_ACCOUNT|M E R, four four oh nine, one seven two six|MER44091726]
A: Thank you. And you are?
C: [PERSON|Bethan Oyelaran-Price]
A: What happened?
C: Someone reversed into me. [HEALTH|I've got whiplash and the physio says six weeks|whiplash]
A: I'm sorry. Where is the car now?
C: At home, [LOCATION|twelve Primrose Hill, Lancaster, L, A, one, three B D
   |12 Primrose Hill, Lancaster LA1 3BD]
A: The excess is [KEEP|two hundred and fifty pounds]. Where should the settlement go?
C: Sort code [BANK_ACCOUNT|twenty, thirty two, eleven|203211], account
   [BANK_ACCOUNT|seven three six one, oh nine five two|73610952]
A: So that's [BANK_ACCOUNT|two oh three two one one|203211], [BANK_ACCOUNT|{say("73610952")}|73610952].
C: That's it.
A: An assessor will ring you Thursday at [KEEP|half past three].
"""),
        call("en05_gp_followup", en, "en+f4/en+m7", 135, "16k mono", f"""
A: Riverside Surgery, [PERSON|Helen] speaking, how can I help?
C: Hello, I need a follow-up with Doctor [PERSON|Okafor].
A: Of course. Patient's name and date of birth?
C: [PERSON|Arthur Pennington], [DATE_OF_BIRTH|third of the eleventh, forty eight|1948-11-03]
A: What's it regarding?
C: [HEALTH|It's my prostate cancer, the radiotherapy has finished|prostate cancer] and
   [GENETIC_BIOMETRIC|the genetic test says I carry the BRCA two mutation|genetic]
A: I'll flag that. Tuesday at [KEEP|ten past nine] or Wednesday at [KEEP|quarter past four]?
C: Tuesday, please.
A: Booked. Is your number still {num("PHONE_NUMBER", "01134960417", 4, 3, oh=True)}?
C: Yes. A: We'll text a reminder [KEEP|twenty four hours] before.
"""),
        call("en06_blender_refund", en, "en-us+f1/en-us+m2", 175, "8k stereo -30", """
A: Thanks for calling Parcelpoint, I'm [PERSON|Jenna]. Do you have the order number?
C: yeah, [KEEP|seven seven one oh four two nine]
A: Got it, the blender for [KEEP|eighty nine ninety nine]. What went wrong?
C: It came cracked. I just want my money back.
A: No problem. The email on the order?
C: [EMAIL_ADDRESS|t, r, e, v, o, r, underscore, k, i, m, at hotmail dot com|trevor_kim@hotmail.com]
A: So [EMAIL_ADDRESS|trevor underscore kim at hotmail dot com|trevor_kim@hotmail.com]?
C: Yup. And [SEX_LIFE|I'm gay, the other account is my husband's, not my wife's|gay]
A: Noted. Refunds go to the original card. Its expiry?
C: [CARD_EXPIRY|eleven slash twenty six|11/26]
A: You'll see it in [KEEP|three to five days].
"""),
        call("en07_mortgage_switch", en, "en-gb-x-rp+f2/en-gb-x-gbcwmd+m3", 150, "8k mono", f"""
A: Albion Building Society, [PERSON|Priyanka] speaking.
C: Hi, I want my mortgage paid from a different account.
A: Certainly. Your full name?
C: [PERSON|Wojciech Zielinski]
A: And your customer number?
C: {num("BANK_ACCOUNT", "81429773", 3, 2)}
A: Thank you. The new account?
C: the IBAN is [IBAN_CODE|{say_code(GB_IBAN)}|{GB_IBAN}]
A: Reading back, [IBAN_CODE|{say_code(GB_IBAN, group=22)}|{GB_IBAN}].
C: Correct.
A: And your memorable date?
C: my birthday, [DATE_OF_BIRTH|twenty ninth of February, nineteen eighty four|1984-02-29]
A: [KEEP|eight hundred and twelve pounds] will come from the new account
   on the [KEEP|first] of the month.
"""),
        call("en08_brussels_expat", en, "en-us+f3/en+m4", 145, "8k stereo", f"""
A: Welcome to Flanders Bank English service, [PERSON|Ines] speaking.
C: Good morning. I've just moved to Belgium and want to open a current account.
A: Lovely. Your national register number, it's on the back of your ID card.
C: right, {num("BE_NATIONAL_REGISTER_NUMBER", NRN_1978, 2, 2, 2, 3)}
A: Thanks. And your name?
C: [PERSON|Graham Whitcombe]
A: Your address in Belgium?
C: [LOCATION|rue Haute one hundred and two, one thousand Brussels|rue Haute 102, 1000 Brussels]
A: Your account number will be [IBAN_CODE|{say_code(BE_IBAN)}|{BE_IBAN}].
C: Great. Will my salary of [KEEP|four thousand two hundred euros] arrive by the [KEEP|twenty fifth]?
A: Yes. Your card PIN will come by post, separately.
C: It's {num("PIN", "2580")}, isn't it? I chose that online. A: Please don't say your PIN aloud.
"""),
        call("en09_grocery_delivery", en, "en-gb-x-gbclan+m6/en+f2", 160, "8k mono", """
A: Freshbasket deliveries, [PERSON|Tom] here.
C: Hi Tom, my Saturday slot needs to move.
A: Sure, what's the postcode?
C: [LOCATION|M twenty, two, R, Y|M20 2RY]
A: And the house number?
C: [LOCATION|fifty seven, Wilmslow Road, Didsbury|57 Wilmslow Road, Didsbury]
A: Found you, [PERSON|Mrs Rosenbaum|Rosenbaum]. Why move it?
C: [RELIGION|We're Orthodox Jewish, we don't take deliveries on the Sabbath|jewish]
A: Understood. Friday between [KEEP|ten and twelve]?
C: Perfect. It's [KEEP|thirty six items], yes?
A: Yes, [KEEP|one hundred and four pounds twenty]. Your email for the receipt?
C: [EMAIL_ADDRESS|miriam dot rosenbaum at btinternet dot com|miriam.rosenbaum@btinternet.com]
"""),
        call("en10_broadband_outage", en, "en-gb-scotland+f3/en-gb-x-gbcwmd+m2", 150, "8k stereo -35",
             """
A: Clearline Broadband, you're speaking with [PERSON|Morag]. Account number?
C: um, [BANK_ACCOUNT|C L, nine oh two, seven seven four six|CL9027746]
A: Thanks, and the name?
C: [PERSON|Kwame Asante-Boateng]
A: How can I help?
C: The internet's been down for [KEEP|three days]. I work from home.
C: [TRADE_UNION|I'm a Unite union rep and I've got a ballot meeting online tonight|unite]
A: Sorry about that. I'll send an engineer at [KEEP|eight a.m.] tomorrow.
A: And a credit of [KEEP|fifteen pounds]. Can I confirm your mobile?
C: [PHONE_NUMBER|oh seven seven oh oh, nine double oh, five five two|07700900552]
A: All booked.
"""),
        call("en11_travel_insurance", en, "en-029+f2/en-gb-x-rp+m1", 155, "16k stereo", f"""
A: Globeguard travel insurance, [PERSON|Shanice] speaking.
C: Hello, I need cover for a trip to Canada for [KEEP|sixteen nights].
A: Certainly. Name and date of birth of the traveller?
C: [PERSON|Humphrey Aldous-Fenwick], [DATE_OF_BIRTH|ninth of October, sixty one|1961-10-09]
A: Any medical conditions to declare?
C: [HEALTH|I had a stroke in March and I'm on blood thinners|stroke]
A: That adds [KEEP|forty two pounds]. Total [KEEP|one hundred and eighteen]. Card number?
C: {card(AMEX, 4, 6, 5)}
A: Expiry and the four digit code on the front?
C: [CARD_EXPIRY|September twenty seven|09/27], code {num("CARD_SECURITY_CODE", "8841")}
A: Your policy document goes to
   [EMAIL_ADDRESS|h fenwick at example dot co dot uk|hfenwick@example.co.uk].
"""),
        call("en12_water_leak", en, "en+m1/en-gb-scotland+f4", 145, "8k mono", f"""
A: Severn Valley Water, [PERSON|Rob] speaking.
C: There's water pouring out of the pavement outside my house.
A: Whereabouts?
C: [LOCATION|outside number eight, Orchard Close, Worcester, W R five, three J N
   |8 Orchard Close, Worcester WR5 3JN]
A: Thanks, and your name?
C: [PERSON|Councillor Agnieszka Duffy|Agnieszka Duffy].
C: [POLITICAL_OPINION|I'm the Green Party councillor for this ward, and people are angry|green party]
A: Understood. A crew will be there within [KEEP|two hours].
C: Call me back on {num("PHONE_NUMBER", "07700900318")}
C: Oh, and [ETHNIC_ORIGIN|last time your man was rude because I'm Irish Traveller|traveller]
A: I'm sorry, I'll log that complaint. Your reference is [KEEP|five five one nine].
"""),
        call("en13_child_health_cover", en, "en-gb-x-rp+f4/en-us+m6", 150, "8k mono", f"""
A: Benelux Health Mutual, [PERSON|Sophie] speaking. How can I help?
C: I'd like to add my son to my policy.
A: Of course. His name?
C: [PERSON|Noah Van den Broeck]
A: His national register number?
C: let me look, {num("BE_NATIONAL_REGISTER_NUMBER", NRN_2004, 6, 3)}
A: So he was born in two thousand and four. Anything we should know?
C: [HEALTH|He has epilepsy and sees a neurologist every three months|epilepsy]
A: Okay. Premium is [KEEP|twelve euros fifty] a month. Which account do you pay from?
C: My Dutch one. [IBAN_CODE|{say_code(NL_IBAN)}|{NL_IBAN}]
A: And an email for the policy?
C: [EMAIL_ADDRESS|v, d, b, dot family at proton dot me|vdb.family@proton.me]
"""),
        call("en14_voiceprint_optout", en, "en-us-nyc+m1/en-us+f4", 170, "8k stereo", f"""
A: First Hudson Bank, [PERSON|Tony] speaking. Can I get your name?
C: [PERSON|Leilani Kahananui]
A: Thanks. Your date of birth?
C: [DATE_OF_BIRTH|December the thirty first, two thousand|2000-12-31]
A: What can I do for you today?
C: [GENETIC_BIOMETRIC|I want my voiceprint deleted, I never agreed to voice biometrics|voiceprint]
A: I can remove that. It takes [KEEP|ten working days].
C: Also, wire [KEEP|two thousand five hundred euros] to my landlord in Germany.
A: Their IBAN?
C: [IBAN_CODE|{say_code(DE_IBAN)}|{DE_IBAN}]
A: And your account PIN to authorise it?
C: {num("PIN", "7306")}
A: Done. The fee is [KEEP|twenty five dollars].
"""),
        call("en15_dentist_reschedule", en, "en+f1/en-gb-x-gbcwmd+f3", 140, "8k mono", """
A: Smile Studio Dental, [PERSON|Chloe] speaking.
C: Hi, it's [PERSON|Nasreen Choudhury]. I've got a check-up on the [KEEP|fourteenth].
A: Let me find you. Date of birth?
C: [DATE_OF_BIRTH|oh five, oh nine, nineteen ninety|1990-09-05]
C: Could we move it to the evening? [RELIGION|I'm fasting for Ramadan and I'll be dizzy by noon|ramadan]
A: Of course. Is [KEEP|six fifteen] on the twenty second okay?
C: Lovely.
A: And the hygienist visit is still [KEEP|forty five minutes], [KEEP|fifty eight pounds].
C: [HEALTH|Tell them I'm pregnant now, so no x-rays|pregnant]
A: Noted. Reminder to [PHONE_NUMBER|oh seven seven oh oh, nine oh oh, six two five|07700900625]?
"""),
        call("en16_hotel_refund", en, "en-us+m4/en-gb-x-rp+f3", 160, "8k mono -30", f"""
A: Staywell Hotels, this is [PERSON|Diego]. How can I help?
C: I cancelled a room in Paris and never got the [KEEP|three hundred and ten euro] refund.
A: Sorry about that. The booking name?
C: [PERSON|Margaux Featherstonehaugh]
A: Thanks. We refund by bank transfer. Your IBAN?
C: it's French, [IBAN_CODE|{say_code(FR_IBAN)}|{FR_IBAN}]
A: And the card you booked with, to close the hold?
C: {card(DISC, 4, 4, 4, 4)}
A: The three digits?
C: {num("CARD_SECURITY_CODE", "590")}
A: Your billing address?
C: [LOCATION|eighteen rue des Martyrs, seventy five oh oh nine Paris|18 rue des Martyrs, 75009 Paris]
A: The refund will arrive in [KEEP|ten days].
"""),
    )


def _build() -> tuple[EvalCase, ...]:
    out = [EvalCase(s.name, s, rate, stereo, noise, s.language) for s, rate, stereo, noise in
           (*_english(), *more_english_calls(), *foreign_calls())]
    names = [c.name for c in out]
    if len(set(names)) != len(names):
        raise RuntimeError("duplicate case names in the corpus")
    return tuple(out)


_CASES = _build()


def cases(languages: Iterable[str] | None = None) -> tuple[EvalCase, ...]:
    """The evaluation set (deterministic order), optionally only ``languages``."""
    if languages is None:
        return _CASES
    wanted = {languages} if isinstance(languages, str) else set(languages)
    if unknown := wanted - set(LANGUAGES):
        raise ValueError(f"unknown languages {sorted(unknown)}; choose from {LANGUAGES}")
    return tuple(c for c in _CASES if c.language in wanted)


def synthesize_case(case: EvalCase, out_dir: Path) -> SynthCall:
    """Render ``case`` to ``out_dir/<name>.wav`` and return its ground truth."""
    return synthesize(
        case.script,
        Path(out_dir) / f"{case.name}.wav",
        sample_rate=case.sample_rate,
        stereo=case.stereo,
        noise_db=case.noise_db,
    )
