"""A second held-out set: eight more English calls, scored like the evaluation corpus.

    .venv/bin/python benchmarks/holdout2.py [--show-text] [--retranscribe]

Written on 2026-11-30 by someone who had not read the detection rules (nothing under `pipeline/`
or `tests/`), with voices that neither the corpus nor `benchmarks/holdout.py` use and sectors
they do not cover (airline rebooking, car rental damage, vet clinic, council tax, gym
cancellation, lottery account, courier customs fee, hearing-aid clinic). Questions are phrased
the way agents talk ("Who've I got on the line today?", "When does the card run out?", "Best
mobile for you?") and callers hesitate and correct themselves. This set is for measuring how
well the rules generalise, not for writing rules: a miss found here should be fixed by a
general rule checked on the corpus, never by a rule shaped to these calls. It is replayed by
`detect_loop` (Whisper once into `out/holdout2`, then detect, locate and score in a second) and
printed with the same table and miss buckets.
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
    be_nrn,
    call,
    card,
    iban,
    luhn,
    num,
    say_code,
)

MC, VISA, AMEX = luhn("545762003918274"), luhn("453201774510296"), luhn("37146205831955")
IE_IBAN = iban("IE", "AIBK" + "931152" + "12345678")
NRN = be_nrn("790614", "113")


def calls() -> tuple[Call, ...]:
    en = "en"
    return (
        call("ho2_01_airline_rebooking", en, "en-gb-x-rp+m5/en-gb-x-gbclan+f4", 155, "8k mono", f"""
A: Good afternoon, Skyward Airways rebooking desk, you're speaking with [PERSON|Rupert].
   Who've I got on the line today?
C: Oh hello, erm, it's [PERSON|Harriet, Harriet Ellingham-Boyd|Harriet Ellingham-Boyd].
A: Thank you. Have you got your booking reference there?
C: Hang on, let me find it. Yes, it's [KEEP|Q X seven R nine].
A: Lovely. So flight [KEEP|S W two one eight] to Lisbon was cancelled, I'm afraid.
   I can put you on the [KEEP|six forty] tomorrow morning instead.
C: That's fine. Just so you know, [HEALTH|I'm diabetic and I wear an insulin pump], so I'll need
   the meal and I can't be stuck at the gate for hours.
A: I'll add that. There's a change fee of [KEEP|forty five pounds], I'm sorry.
   What's the long number across the front of the card?
C: Right, it's {card(MC, 4, 4, 4, 4)}.
A: And when does the card run out?
C: Erm, [CARD_EXPIRY|April twenty nine|04/29]
A: And the three digits on the signature strip?
C: {num("CARD_SECURITY_CODE", "238")}
"""),
        call("ho2_02_car_rental_damage", en, "en-us-nyc+f3/en-029+m2", 165, "16k stereo", f"""
A: Roadway Rentals, damage claims, this is [PERSON|Shonda], how can I help you?
C: Yeah, hi. I'm calling about a scratch you guys say I put on the car.
A: Okay, let's take a look. Can I get the name on the rental agreement?
C: Sure, [PERSON|Marcus Delacroix-Whitman].
A: And the driver's date of birth?
C: [DATE_OF_BIRTH|July ninth, nineteen seventy nine|1979-07-09]
A: Thank you. I've got the repair estimate here, it's [KEEP|three hundred and eighty dollars],
   and your waiver covers everything after the first [KEEP|two hundred and fifty].
C: That scratch was there when I picked it up, man.
A: I hear you. What's the address on your license?
C: [LOCATION|fourteen twelve Magnolia Avenue, apartment two B, Savannah, Georgia, three one four
   oh one|1412 Magnolia Avenue, Apt 2B, Savannah, GA 31401]
A: And what's the best number to reach you on?
C: {num("PHONE_NUMBER", "9125550147", 3, 3)}
A: Great, someone will call you back within [KEEP|forty eight hours].
"""),
        call("ho2_03_vet_clinic", en, "en-gb-x-gbcwmd+f4/en-us+m8", 145, "8k mono -30", f"""
A: Hello, Oakfield Veterinary Surgery, [PERSON|Gemma] speaking.
C: Hiya, I need to book the cat in for her booster.
A: No problem. Whose name is she registered under?
C: My husband's, [PERSON|Darren Whitlock]. I'm his wife.
A: Could you give me the postcode there?
C: Erm, [LOCATION|B seventeen, nine T G|B17 9TG]
A: Found you. The booster is [KEEP|fifty two pounds], and I've got [KEEP|half past three]
   on Tuesday.
C: Perfect.
A: Best mobile for you, in case we're running late?
C: {num("PHONE_NUMBER", "07700900461", 5, 3, oh=True)}
A: And could I grab an email address for the reminder?
C: [EMAIL_ADDRESS|c dot whitlock seventy seven at hotmail dot co dot uk|c.whitlock77@hotmail.co.uk]
A: Lovely, that's all booked.
"""),
        call("ho2_04_council_tax", en, "en-gb-scotland+m4/en-gb-x-rp+f5", 150, "8k stereo", f"""
A: Good morning, Westmere Council revenues, [PERSON|Callum] speaking.
C: Morning. I'd like to set up a direct debit for my council tax, please.
A: Of course. And who's the account holder?
C: That's me, [PERSON|Bernadette O'Sullivan].
A: And the property address?
C: It's [LOCATION|forty one, sorry, forty seven Larch Grove, Reading, R G four, seven S L|
   47 Larch Grove, Reading RG4 7SL]
A: Thanks. Your bill this year is [KEEP|one thousand nine hundred and twelve pounds],
   over [KEEP|ten] instalments.
C: Right. Could the first one be in May? [TRADE_UNION|I'm a Unison rep and we've been out on
   strike for three weeks], so money's tight.
A: We can do that. What's the sort code?
C: [BANK_ACCOUNT|forty, eleven, sixty two|401162]
A: And the account number?
C: {num("BANK_ACCOUNT", "31926605", 4)}
"""),
        call("ho2_05_gym_cancellation", en, "en-029+f3/en-gb+m3", 170, "16k mono", f"""
A: FitHub members' line, you're through to the cancellations team.
C: Hi, yeah, I want to cancel my membership.
A: Sorry to hear that. Can I start with your full name?
C: [PERSON|Oliver Pemberton-Sykes]
A: And for security, your date of birth?
C: [DATE_OF_BIRTH|twenty second of November, ninety four|1994-11-22]
A: Thanks. Can I ask why you're leaving us?
C: [RELIGION|I've become an observant Jew and I keep the Sabbath now], so the Saturday classes
   are no use to me.
A: Understood. There's a [KEEP|thirty day] notice period, so one last payment of
   [KEEP|twenty four ninety nine]. We'll refund the locker deposit to a card.
   Read me the card number when you're ready.
C: Okay, erm, {card(VISA)}
A: Expiry date on that?
C: [CARD_EXPIRY|oh eight, twenty seven|08/27]
A: And the last three on the back?
C: {num("CARD_SECURITY_CODE", "615")}
"""),
        call("ho2_06_lottery_account", en, "en-gb-x-gbclan+m1/en-us-nyc+f4", 160, "8k mono -30", f"""
A: EuroDraw player services, [PERSON|Niamh] speaking.
C: Hello, I won [KEEP|two thousand five hundred euro] on a scratch card online and now I can't
   log in.
A: Congratulations! Let's get you back in. Your name as it is on the account?
C: [PERSON|Wouter Claeys], that's C L A E Y S.
A: And the four digit PIN on the account?
C: {num("PIN", "7291")}
A: Thank you. I'll reset your login, so pick a new PIN for me.
C: Hmm, let's say {num("PIN", "3058")}.
A: Because you registered from Belgium, I also need your national register number.
C: {num("BE_NATIONAL_REGISTER_NUMBER", NRN, 2, 2, 2, 3)}
A: Are you still living at the same address?
C: No, I moved, it's [LOCATION|twenty six Ranelagh Road, Dublin six, D oh six, W one eight two|
   26 Ranelagh Road, Dublin 6, D06 W182].
A: And where should we pay the winnings?
C: Into my Irish account, [IBAN_CODE|{say_code(IE_IBAN)}|{IE_IBAN}]
A: Could I grab an email address for the confirmation?
C: [EMAIL_ADDRESS|w, c, l, a, e, y, s, at proton dot me|wclaeys@proton.me]
A: That should reach you within [KEEP|five working days].
"""),
        call("ho2_07_courier_customs", en, "en-us+f5/en-gb-x-gbcwmd+m4", 175, "8k stereo -35", f"""
A: Hello, you're through to Swiftpost customs support.
C: Hi, I got a text saying there's a fee on my parcel before you'll deliver it.
A: Let's check. What's the tracking number?
C: It's [KEEP|P X four four nine one two].
A: Yes, that's [KEEP|eighteen euro forty] in import duty plus [KEEP|eight euro] handling.
   Who am I speaking with?
C: [PERSON|Aoife Brennan-Kiely]
A: And the delivery address?
C: [LOCATION|apartment twelve, Harbour View, Galway, H nine one, K seven X two|
   Apartment 12, Harbour View, Galway H91 K7X2]
A: A number the driver can ring?
C: {num("PHONE_NUMBER", "0861234871", 3, 3, oh=True)}
A: Grand. I can take the payment now. Card number please.
C: It's an Amex, {card(AMEX, 4, 6, 5)}
A: Valid through?
C: [CARD_EXPIRY|oh six, thirty|06/30]
A: And the four digit code on the front?
C: {num("CARD_SECURITY_CODE", "4719")}
"""),
        call("ho2_08_hearing_aid_clinic", en, "en+m2/en-gb-scotland+f5", 140, "16k stereo", f"""
A: Clearwave Hearing, [PERSON|Fiona] speaking.
C: Hello, I'm ringing for my mother, she can't manage the phone any more. I'm her son,
   [PERSON|Graham].
A: That's fine. What's your mum's name?
C: [PERSON|Edith Marsh]
A: And could you confirm her address for me?
C: [LOCATION|flat three, nine Kingsway, Cardiff, C F ten, three A T|Flat 3, 9 Kingsway,
   Cardiff CF10 3AT]
C: The audiologist told us [GENETIC_BIOMETRIC|her hearing loss is genetic, she carries the same
   gene mutation as my grandad], so I want to get my own kids tested too.
A: I can help with that. The new aids are [KEEP|three hundred and ninety five pounds] each, and
   we have [KEEP|eleven o'clock] on Friday.
A: Best mobile for you?
C: {num("PHONE_NUMBER", "07821446093", 5, 3, oh=True)}
A: And an email for the letters?
C: [EMAIL_ADDRESS|graham dot marsh at btinternet dot com|graham.marsh@btinternet.com]
"""),
    )


def main(argv: list[str]) -> None:
    detect_loop.replay_english(calls(), ROOT / "out" / "holdout2", argv)


if __name__ == "__main__":
    main(sys.argv[1:])
