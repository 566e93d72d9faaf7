"""Held-out calls: other voices and other phrasing than the evaluation corpus, scored like it.

    .venv/bin/python benchmarks/holdout.py [--show-text] [--retranscribe]

The maintainers run a hidden set against `callvault redact`; tuning detection on the 27 corpus
calls alone would overfit it. These five English calls (voices the corpus does not use, questions
phrased another way: "valid until?", "the CVC?", "can I take your surname?", "your national
register number?", "which account?") are for checking that a rule generalises, not for finding
new rules. They are replayed by `detect_loop` (Whisper once into `out/holdout`, then detect, locate
and score in a second) and printed with the same table and miss buckets.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import detect_loop  # noqa: E402

from callvault.evaluation.corpus_lang import (  # noqa: E402
    Call,
    be_bban,
    be_nrn,
    call,
    card,
    iban,
    luhn,
    num,
    say_code,
)

MC, VISA = luhn("535522001234567"), luhn("401288888888188")
BE_IBAN = iban("BE", be_bban("0682345678"))
NRN = be_nrn("850317", "062")


def calls() -> tuple[Call, ...]:
    en = "en"
    return (
        call("ho01_insurer", en, "en-us+m3/en+f4", 160, "8k mono", f"""
A: Thanks for holding, Brightline Insurance, my name's [PERSON|Deborah]. Who am I talking to?
C: Hi Deborah, it's [PERSON|Thomas Okonkwo-Reyes].
A: Can you confirm the first line of your address?
C: Sure, [LOCATION|twenty three Hawthorn Crescent, Leeds, L S six, two P Q|
   23 Hawthorn Crescent, Leeds LS6 2PQ].
A: And a contact number for you?
C: It's {num("PHONE_NUMBER", "07911123456", 5, 3, oh=True)}.
A: The premium is [KEEP|thirty two pounds fifty] a month.
C: I'd like to pay by card. The long number is {card(MC, 4, 4, 4)}.
A: Valid until?
C: [CARD_EXPIRY|the end of September twenty eight|09/28]
A: And the CVC?
C: {num("CARD_SECURITY_CODE", "417")}
"""),
        call("ho02_clinic", en, "en-gb-x-gbclan+f2/en-us+m5", 140, "16k stereo -35", """
A: Riverside Clinic appointments, [PERSON|Priyanka] here.
C: Morning. I need to move my appointment, [HEALTH|I've been having chemotherapy and the nausea
   is bad this week].
A: Sorry to hear that. Your date of birth please?
C: [DATE_OF_BIRTH|the third of March, nineteen eighty five|1985-03-03]
A: And your e-mail so I can send the new time?
C: [EMAIL_ADDRESS|priya dot nair eighty five at outlook dot com|priya.nair85@outlook.com]
A: Is [KEEP|ten fifteen] on Thursday okay?
C: Yes. Also [RELIGION|I'm Muslim and I'm fasting for Ramadan, so not around lunch].
"""),
        call("ho03_bank", en, "en-us+f2/en+m4", 150, "8k stereo", f"""
A: Northpoint Bank, security check first. Your national register number?
C: {num("BE_NATIONAL_REGISTER_NUMBER", NRN, 6, 3)}
A: Thanks. Where should we send the refund?
C: To my account, [IBAN_CODE|{say_code(BE_IBAN)}|{BE_IBAN}].
A: That's [KEEP|one hundred and twenty euros] back by Friday.
C: Great. By the way, [TRADE_UNION|I'm a shop steward for the GMB union] and we'll move our branch
   account to you.
A: Lovely. Can I take your surname?
C: [PERSON|Vandersteen], V A N D E R S T E E N.
"""),
        call("ho04_utility", en, "en-gb-scotland+m2/en-gb+f5", 170, "8k mono -30", f"""
A: Clydeside Power, [PERSON|Hamish] speaking, how can I help?
C: Hiya, my meter's broken. I'm [PERSON|Agnieszka Kowalewska].
A: What's the postcode?
C: [LOCATION|G twelve, eight Q H|G12 8QH]
A: And the meter reading is [KEEP|four thousand and sixty two]?
C: Aye. You can ring me on {num("PHONE_NUMBER", "01415553219", 4, 3)}.
C: And [POLITICAL_OPINION|as a Green Party member I want a renewable tariff].
A: I'll note that. The account number please?
C: {num("BANK_ACCOUNT", "88231907")}
"""),
        call("ho05_retail", en, "en-us+m1/en-us+f3", 155, "16k mono", f"""
A: Hi, you've reached Gadgetly returns, this is [PERSON|Marco].
C: Hello, I bought [KEEP|two] headphones and one pair is faulty.
A: What's the order number?
C: [KEEP|A B four four seven]
A: And the card you paid with, the full number please.
C: {card(VISA)}
A: Security code on the back?
C: {num("CARD_SECURITY_CODE", "902")}
A: Your email?
C: [EMAIL_ADDRESS|j, o, s, h, m, at g mail dot com|joshm@gmail.com]
C: [ETHNIC_ORIGIN|I'm of Nigerian descent] and your chatbot keeps mangling my name.
"""),
    )


def main(argv: list[str]) -> None:
    detect_loop.replay_english(calls(), ROOT / "out" / "holdout", argv)


if __name__ == "__main__":
    main(sys.argv[1:])
