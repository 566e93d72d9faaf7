"""A fourth held-out set: eight more English calls, scored like the evaluation corpus.

    .venv/bin/python benchmarks/holdout4.py [--show-text] [--retranscribe]

Written on 2026-12-01 by someone who had read neither the detection rules (nothing under
`pipeline/` or `tests/`) nor the corpus dialogues, with sectors that the corpus, `holdout.py`,
`holdout2.py` and `holdout3.py` do not cover (mobile roaming bill, pension transfer to Belgium,
home insurance claim after a burglary, university admissions, airline lost luggage, driving
school, wedding venue deposit, child maintenance after a DNA test) and espeak-ng variants none of
them use: en-gb-x-gbcwmd+quincy, en-029+Jacky, en-gb-x-rp+edward, en+Denis, en-gb-scotland+linda,
en-us-nyc+victor, en-gb-x-gbclan+max, en-gb-x-rp+belinda, en-029+Michael, en-gb-scotland+Andrea,
en-gb-x-gbcwmd+aunty, en+anika, en-gb-x-rp+Alicia, en+klatt3, en-us+zac and
en-gb-x-gbclan+steph3, all at 8 kHz (mono and stereo, some with a noise floor). Agents ask their
own way ("Which postcode is the property?", "And a number to reach you on?", "What's the long
number on the front?", "Who's the passenger?") and read values back; callers say "um" and "let me find
it", give a card as two-digit pairs, phones with "double" and "triple", an IBAN in fours, spell
e-mails with "underscore" and "dash", correct a flat number, an expiry and a phone number
mid-item, and mention a diagnosis, a pregnancy, a faith's dietary rule, a union role, a party
membership, a husband, a DNA result and a fingerprint unlock in passing. This set is for
measuring how well the rules generalise, not for writing rules: a miss found here should be
fixed by a general rule checked on the corpus, never by a rule shaped to these calls. It is
replayed by `detect_loop` (Whisper once into `out/holdout4`, then detect, locate and score in a
second) and printed with the same table and miss buckets.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import detect_loop  # noqa: E402

from callvault.evaluation.corpus_lang import (  # noqa: E402
    DIGITS,
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

VISA, MC = luhn("453907215586034"), luhn("522316045877930")
BE_IBAN = iban("BE", be_bban("0018826354"))
IE_IBAN = iban("IE", "AIBK" + "933381" + "40296517")
NRN = be_nrn("780416", "153")

_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def pairs(digits: str) -> str:
    """Digits read two at a time as callers do ("forty five, oh seven, thirty"), comma-separated."""
    words = []
    for i in range(0, len(digits), 2):
        pair = digits[i : i + 2]
        tens, units = int(pair[0]), int(pair[-1])
        if len(pair) == 1:
            words.append(DIGITS["en"][tens])
        elif tens == 0:
            words.append(f"oh {DIGITS['en'][units]}")
        elif tens == 1:
            words.append(_TEENS[units])
        else:
            words.append(_TENS[tens] + (f" {DIGITS['en'][units]}" if units else ""))
    return ", ".join(words)


def calls() -> tuple[Call, ...]:
    en = "en"
    return (
        call("ho4_01_roaming_bill", en, "en-gb-x-gbcwmd+quincy/en-029+Jacky", 160, "8k mono", """
A: Afternoon, Kestrel Mobile billing, you're speaking with [PERSON|Roisin]. What can I do for you?
C: Hi Roisin. I've just opened my bill and it's [KEEP|four hundred and twelve pounds]. I normally pay
   a fraction of that.
A: Oh dear, let's get to the bottom of it. Which number is it about?
C: This one, [PHONE_NUMBER|oh seven seven triple one, four oh, double six two|07711140662]
A: And whose name is the contract in?
C: Mine, [PERSON|Kwabena Owusu-Ansah].
A: Thanks. Before I go into the account, is there a passcode on it?
C: Um, hang on, I saved it in my notes somewhere. Yes, [PIN|seven seven, one nine|7719]
A: Perfect. So I can see you were abroad for [KEEP|eleven days] without a travel bundle.
C: It was a family emergency, my grandmother passed. [ETHNIC_ORIGIN|We're Ashanti, so the
   funeral is a whole week of ceremonies], and I was ringing relatives the whole time.
A: I'm sorry for your loss. What I can do is backdate the Roam Pass, which brings it down to
   [KEEP|sixty seven pounds forty].
C: Oh, that's much better, thank you.
A: I'll email the corrected bill. Is it still the one ending in icloud?
C: Yeah, [EMAIL_ADDRESS|k dot owusu ansah, with a dash between them, at icloud dot com|
   k.owusu-ansah@icloud.com]
A: Lovely, that's gone over now. Anything else?
C: No, that's everything. Cheers.
"""),
        call("ho4_02_pension_transfer", en, "en-gb-x-rp+edward/en+Denis", 155, "8k stereo", f"""
A: Good morning, Harbourside Pensions, transfers team, [PERSON|Alistair Pemberton] speaking.
C: Good morning. I have moved home and I want to take my old workplace pension with me.
A: We can look at that. Your full name, please?
C: [PERSON|Wouter Van den Broeck]
A: Thank you. And your date of birth?
C: [DATE_OF_BIRTH|the sixteenth of April, nineteen seventy eight|1978-04-16]
A: And your National Insurance number from your time here?
C: Let me find it. Yes, [NATIONAL_ID|S K, seventy three, fifty
   eight, oh two, C|SK735802C]
A: Lovely. And your Belgian national register number?
C: It is {num("BE_NATIONAL_REGISTER_NUMBER", NRN, 6, 3, oh=True)}
A: Reading that back,
   {num("BE_NATIONAL_REGISTER_NUMBER", NRN, 2, 2, 2, 3, 2)}. Is that right?
C: Exactly right.
A: And your address over there?
C: [LOCATION|Vaartstraat forty seven, box three, three thousand Leuven|
   Vaartstraat 47 bus 3, 3000 Leuven]
A: The transfer value is [KEEP|forty one thousand six hundred pounds], [KEEP|a quarter] of it
   as cash.
C: Good. [TRADE_UNION|I was the Unite shop steward at the plant], I fought for that scheme.
A: Well earned. Where should the cash part be paid?
C: [IBAN_CODE|{say_code(BE_IBAN)}|{BE_IBAN}]
A: And an email for the paperwork?
C: [EMAIL_ADDRESS|w, v, d, b, underscore, seventy eight, at telenet dot be|wvdb_78@telenet.be]
"""),
        call("ho4_03_burglary_claim", en, "en-gb-scotland+linda/en-us-nyc+victor", 155, "8k mono -30",
             """
A: Thistle Home Insurance, claims line, my name's [PERSON|Morven]. Are you somewhere safe to talk?
C: Yes, thanks. Someone broke in on Saturday night while we were out.
A: I'm really sorry. Have the police given you a crime reference?
C: Yeah, it's [KEEP|four seven two, two oh nine].
A: Thank you. Which postcode is the property?
C: [LOCATION|M K nine, three D X. It's flat four, no sorry, flat six, Linford House, twelve Saxon
   Gate|Flat 6, Linford House, 12 Saxon Gate, MK9 3DX]
A: And who's the policyholder?
C: Me, [PERSON|Dariusz Kaminski], and my husband's on it too. [SEX_LIFE|Yes, husband, we're both
   men, everyone assumes I mean my wife].
A: No assumptions here. What was taken?
C: Two laptops and my watch, about [KEEP|one thousand eight hundred pounds] altogether. And,
   stupidly, [HEALTH|the injection pens for my rheumatoid arthritis], they took the whole bag
   from the fridge. My tablet's gone too, [GENETIC_BIOMETRIC|but it only unlocks with my
   fingerprint], so at least nobody can get into it.
A: Okay. Your excess on this policy is [KEEP|two hundred and fifty pounds]. And a number to reach
   you on?
C: [PHONE_NUMBER|oh seven nine triple two, four eight, six oh one|07922248601]
A: Thank you. A loss adjuster will ring you back this week.
"""),
        call("ho4_04_university_admissions", en, "en-gb-x-gbclan+max/en-gb-x-rp+belinda", 170,
             "8k stereo -35", f"""
A: Northgate University admissions, [PERSON|Imogen] speaking, how can I help?
C: Hi, um, I had a conditional offer for biomedical science and my results aren't quite there.
A: Okay, don't panic. Can I take your full name and your date of birth?
C: [PERSON|Harpreet Kaur Sandhu], and it's the [DATE_OF_BIRTH|fourth of the seventh, oh seven|
   2007-07-04]
A: Thanks. So the offer was [KEEP|one hundred and twenty eight] points. What did you get?
C: [KEEP|One hundred and twelve]. The thing is, [HEALTH|I only got my autism diagnosis in March],
   right in the middle of revision, and nobody arranged extra time.
A: That's exactly what mitigating circumstances are for. Which email are you using?
C: [EMAIL_ADDRESS|h, k, underscore, s, a, n, d, h, u, at hotmail dot co dot uk|
   hk_sandhu@hotmail.co.uk]
A: Got it, I'll send you the form. If we confirm your place, is there anything halls should know?
C: Yes, [RELIGION|I'm Sikh and I keep a strict vegetarian diet for my faith, no meat, no eggs], so
   a shared kitchen is hard.
A: We have a vegetarian corridor. The deposit to hold a room is [KEEP|two hundred pounds].
   Would you like to pay that now?
C: With my mum's card, she said it's fine.
A: What's the long number on the front?
C: {card(MC, 4, 4, 4, 4)}
A: Expiry date?
C: [CARD_EXPIRY|ten, twenty seven|10/27]
A: And the three digit code?
C: {num("CARD_SECURITY_CODE", "884", double=True)}
"""),
        call("ho4_05_lost_luggage", en, "en-029+Michael/en-gb-scotland+Andrea", 165, "8k mono", """
A: Baggage services, [PERSON|Marcus] speaking. Have you got a file reference for me?
C: Yes, it's [KEEP|E D I, four four one seven two].
A: Thanks. And who's the passenger?
C: [PERSON|Eilidh MacAskill]. That's [PERSON|E, I, L, I, D, H|Eilidh], it's Gaelic.
A: Okay. So the bag's been traced to the transfer hub and it's on the [KEEP|six fifteen] flight
   tomorrow morning.
C: Oh thank God. [HEALTH|My CPAP machine for my sleep apnoea is in there], I've barely slept. And
   my pass, [POLITICAL_OPINION|I'm an SNP delegate, I'm meant to be speaking at conference on
   Saturday].
A: We'll get it to you in time. Where should the courier deliver it?
C: [LOCATION|twenty seven Dalkeith Road, flat one left, Edinburgh, E H sixteen, five B U|
   27 Dalkeith Road, Flat 1L, Edinburgh EH16 5BU]
A: And a number for the driver?
C: [PHONE_NUMBER|double oh four four, seven seven double six, one two three, four five nine|
   00447766123459]
A: Lovely. You can also claim up to [KEEP|fifty pounds] a day for essentials while you wait.
"""),
        call("ho4_06_driving_school", en, "en-gb-x-gbcwmd+aunty/en+anika", 150, "8k stereo", f"""
A: Smart Start Driving School, you're through to [PERSON|Bev], how can I help?
C: Hello, I want to book an intensive course, if possible before the summer.
A: We've got the [KEEP|thirty hour] course over a fortnight, that's [KEEP|nine hundred and
   ninety five pounds] with the test fee. Who's the learner?
C: Me, [PERSON|Mihaela Popescu].
A: Lovely. Anything the instructor should know about?
C: Well, [HEALTH|I'm twenty weeks pregnant], so I'd like to pass before the baby comes. And could
   I have a woman instructor? [ETHNIC_ORIGIN|I'm Roma, and at the last school the man made gypsy
   jokes the whole lesson].
A: That's awful, I'm sorry. I'll put you with one of our women. Where should she pick you up?
C: [LOCATION|flat seven, Varna Court, ninety one Coventry Road, Small Heath, B ten, oh H J|
   Flat 7, Varna Court, 91 Coventry Road, Small Heath B10 0HJ]
A: And an email for the booking confirmation?
C: [EMAIL_ADDRESS|mihaela dash popescu ninety at yahoo dot com|mihaela-popescu90@yahoo.com]
A: And the long card number, when you're ready.
C: [CREDIT_CARD|{pairs(VISA)}|{VISA}]
A: And the month and year on the front?
C: [CARD_EXPIRY|oh six, thirty. No wait, that's the old one. Oh nine, thirty|09/30]
A: And the last three on the signature strip?
C: {num("CARD_SECURITY_CODE", "058", oh=True)}
"""),
        call("ho4_07_wedding_venue", en, "en-gb-x-rp+Alicia/en+klatt3", 140, "8k mono -35", f"""
A: Good afternoon, Ashcombe Manor weddings, [PERSON|Henrietta] speaking.
C: Hi there, we came round for a viewing last month and we'd love to book.
A: Wonderful. Could I take the names of the happy couple?
C: I'm [PERSON|Sean O'Brien], and my fiancee is [PERSON|Rivka Feldman].
A: And roughly how many guests?
C: About [KEEP|a hundred and ten], on a Sunday in June if you have one.
A: The twenty second is free. The Sunday package is [KEEP|fourteen thousand five hundred
   pounds], with [KEEP|twenty percent] to secure the date.
C: Grand. One thing, [RELIGION|Rivka's family are Orthodox Jewish, so the whole meal has to be
   kosher].
A: We work with a kosher caterer, that's no problem at all. For the deposit, where will the money
   come from?
C: An Irish one, [IBAN_CODE|{say_code(IE_IBAN)}|{IE_IBAN}]
A: And the best number for you?
C: [PHONE_NUMBER|oh eight five, triple seven, two four one nine|0857772419]
A: Let me read that back, [PHONE_NUMBER|oh eight five, seven seven seven, two four one nine|
   0857772419]?
C: Spot on.
A: I'll send the contract out today.
"""),
        call("ho4_08_child_maintenance", en, "en-us+zac/en-gb-x-gbclan+steph3", 175, "8k stereo -30",
             f"""
A: Child Maintenance Service, my name is [PERSON|Zainab Chaudhry], how can I help you today?
C: Hi. I applied in the spring, and the other parent said the baby wasn't his, so you did a test.
A: I can help with that. Can I start with your name?
C: [PERSON|Kerry-Ann Whitworth]
A: And your date of birth?
C: [DATE_OF_BIRTH|third of November, ninety two|1992-11-03]
A: And your National Insurance number?
C: Um, [NATIONAL_ID|P R, eighteen, sixty four, ninety three, A|PR186493A]
A: Thank you, you're through security. So the result came back last week.
C: I know. [GENETIC_BIOMETRIC|The DNA test says he's the father, ninety nine point nine per
   cent], like I told everyone.
A: So we can now work it out. It'll be about [KEEP|forty eight pounds] a week, paid every
   [KEEP|four weeks]. Where should the payments go?
C: Sort code [BANK_ACCOUNT|oh nine, double oh, fourteen|090014], and the account is
   {num("BANK_ACCOUNT", "31750842", 2, 2, 2)}
A: And if you'd like to skip security next time, pick a four digit number.
C: {num("PIN", "3850", oh=True)}
A: And a number to reach you on?
C: [PHONE_NUMBER|oh one six one, four nine six, no, four nine eight, two two seven oh|01614982270]
A: And is the address still [LOCATION|fifty two Ladybarn Lane, Fallowfield, M fourteen, six Y L|
   52 Ladybarn Lane, Fallowfield M14 6YL]?
C: Yes, that's right.
"""),
    )


def main(argv: list[str]) -> None:
    detect_loop.replay_english(calls(), ROOT / "out" / "holdout4", argv)


if __name__ == "__main__":
    main(sys.argv[1:])
