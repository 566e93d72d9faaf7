"""A third held-out set: eight more English calls, scored like the evaluation corpus.

    .venv/bin/python benchmarks/holdout3.py [--show-text] [--retranscribe]

Written on 2026-11-30 by someone who had read neither the detection rules (nothing under
`pipeline/` or `tests/`) nor the corpus dialogues, with voices that the corpus, `holdout.py` and
`holdout2.py` do not use (including the croak, Annie and Andy variants) and sectors they do not
cover (student loan refund, parking fine appeal, funeral plan, solar panel installer, charity
direct debit from Belgium, furniture redelivery, visa helpdesk, online eyewear order). Agents ask
things their own way ("Could you spell the surname for me?", "Is there a PIN on the account?",
"Best email for the decision letter?", "Can you confirm the expiry?") and callers hesitate,
correct themselves mid-item, spell names letter by letter, say "double" and "oh", give a wrong
PIN before the right one and are called back by title and surname ("Mr Wojcik"). This set is for
measuring how well the rules generalise, not for writing rules: a miss found here should be fixed
by a general rule checked on the corpus, never by a rule shaped to these calls. It is replayed by
`detect_loop` (Whisper once into `out/holdout3`, then detect, locate and score in a second) and
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
    be_bban,
    be_nrn,
    call,
    card,
    iban,
    luhn,
    num,
    say_code,
)

VISA, MC = luhn("492913605578241"), luhn("535510483227619")
IE_IBAN = iban("IE", "BOFI" + "905838" + "47261930")
BE_IBAN = iban("BE", be_bban("7350154821"))
NRN = be_nrn("850923", "274")


def calls() -> tuple[Call, ...]:
    en = "en"
    return (
        call("ho3_01_student_loan", en, "en-gb-x-rp+m3/en-gb-x-gbcwmd+f5", 150, "8k mono", f"""
A: Student Finance repayments, good morning. Who am I speaking to?
C: Hi, it's [PERSON|Priya Raghunathan].
A: Thank you. Could you spell the surname for me?
C: [PERSON|R A G H U, N A T H A N|Raghunathan]
A: Thanks. And your date of birth for security?
C: [DATE_OF_BIRTH|the fourteenth of, no, the fifteenth of August, two thousand and one|
   2001-08-15]
A: And your National Insurance number?
C: Erm, [NATIONAL_ID|J T four six, double two, nine one, B|JT462291B]
A: And what's the problem?
C: You've taken [KEEP|two hundred and twelve pounds] this month, but [HEALTH|I've been signed
   off since March with severe depression], so I'm barely earning.
A: Sorry to hear that. Under [KEEP|twenty seven thousand two hundred and ninety five] a year,
   we refund it. Sort code first?
C: [BANK_ACCOUNT|twenty, forty six, seventy one|204671]
A: And the account number?
C: {num("BANK_ACCOUNT", "53008126", 4, oh=True)}
A: Is the address we hold still right?
C: No, it's now [LOCATION|thirty eight Sandwell Road, West Bromwich,
   B seventy, eight T Q|38 Sandwell Road, West Bromwich B70 8TQ].
A: Done. Expect it within [KEEP|ten working days].
"""),
        call("ho3_02_parking_fine_appeal", en, "en-gb-scotland+m3/en-029+f5", 165, "16k stereo", f"""
A: Parking services appeals, [PERSON|Ewan] speaking, what can I do for you?
C: Hi. I got a ticket outside the hospital on Tuesday and I want to challenge it.
A: Okay. Have you got the penalty charge notice number?
C: Yeah, it's [KEEP|H G one seven seven, four oh two].
A: Right, that's [KEEP|seventy pounds], halved if it's paid within [KEEP|fourteen days].
   Name of the registered keeper?
C: [PERSON|Adaeze Okonkwo-Reid]
A: And why are you appealing?
C: I was at the rheumatology clinic. [HEALTH|I've got lupus and my knees swell up], I can't walk
   from the multi-storey. And honestly, [ETHNIC_ORIGIN|I'm Nigerian, I'm Igbo], and the warden
   said something about people like me that I did not appreciate.
A: I'm sorry, I'll log that as a complaint too. What's the address on the logbook?
C: [LOCATION|flat two, nineteen Moss Lane, Hulme, Manchester, M fifteen, five R J|
   Flat 2, 19 Moss Lane, Hulme, Manchester M15 5RJ]
A: Best email for the decision letter?
C: [EMAIL_ADDRESS|ada underscore reid at outlook dot com|ada_reid@outlook.com]
A: And a daytime number, just in case?
C: {num("PHONE_NUMBER", "07946118302", 5, 3, oh=True, double=True)}
"""),
        call("ho3_03_funeral_plan", en, "en+steph/en-gb-x-gbclan+croak", 145, "8k mono -30", f"""
A: Good afternoon, Evergreen Funeral Plans, how can I help?
C: Hello, love. I'd like a plan for myself, before my family has to sort it.
A: Very sensible. Your full name?
C: It's [PERSON|Stanislaw Wojcik].
A: Thank you, [PERSON|Mr Wojcik|Wojcik]. And your date of birth?
C: [DATE_OF_BIRTH|second of March, nineteen forty six|1946-03-02]
A: Could I take the first line of the address and the postcode?
C: [LOCATION|fourteen Bramble Close, Lancaster, L A one, four P Q|14 Bramble Close, Lancaster
   LA1 4PQ]
A: Any wishes for the service?
C: [RELIGION|I'm a Catholic, I go to Mass every Sunday], so I want a requiem Mass, not the
   crematorium chapel.
A: Of course. And who should we contact?
C: My partner, [PERSON|Derek Hallam]. [SEX_LIFE|We're a gay couple, forty one years together,
   never had a civil partnership], so I want it in writing that he's in charge.
A: Noted. Has he got a number?
C: Same as mine, the landline, {num("PHONE_NUMBER", "01524846312", 5, 3, oh=True)}
A: Thank you. The plan is [KEEP|four thousand one hundred and fifty pounds], or
   [KEEP|twenty four] monthly payments.
"""),
        call("ho3_04_solar_panels", en, "en-gb-x-gbclan+m2/en+f2", 160, "16k mono", f"""
A: Brightroof Solar, [PERSON|Kieran] here.
C: Hi, the surveyor came out last week and we're happy with the quote.
A: Brilliant. Who's the homeowner?
C: That's me, [PERSON|Siobhan Doherty].
A: And the site address, with the Eircode?
C: [LOCATION|Knockmore, Ballina, County Mayo, F twenty six, X Y four eight|Knockmore, Ballina,
   Co. Mayo F26 XY48]
A: So that's [KEEP|fourteen panels], about [KEEP|five point six kilowatts], and after the grant
   you'd be paying [KEEP|seven thousand two hundred euro].
C: Grand. To be honest, [POLITICAL_OPINION|I've been a Green Party member for twenty years, I
   canvass for them every election], so it's about time I walked the walk.
A: Fair play to you. For the SEAI grant I'll need your PPS number.
C: Hang on, it's [NATIONAL_ID|five eight two, three one oh seven, L A|5823107LA]
A: Thanks. The IBAN for the deposit?
C: [IBAN_CODE|{say_code(IE_IBAN)}|{IE_IBAN}]
A: And what's the best email to reach you?
C: [EMAIL_ADDRESS|siobhan dot doherty at eir dot ie|siobhan.doherty@eir.ie], that's S I O B H A
   N, no accent.
"""),
        call("ho3_05_charity_direct_debit", en, "en-us+Annie/en-us-nyc+m3", 155, "8k stereo", f"""
A: Hello, thank you for calling Hope Horizons supporter care, how can I help?
C: Hi, I want to start a monthly donation to your cancer research. It matters to me,
   [HEALTH|I finished chemo for bowel cancer last spring].
A: I'm so glad you're through it. Could I have your name?
C: [PERSON|Lieven Vandamme]
A: And your address in Belgium?
C: [LOCATION|Kortrijksesteenweg one hundred and twelve, nine thousand Gent|
   Kortrijksesteenweg 112, 9000 Gent]
A: How much would you like to give?
C: [KEEP|twenty five euro] a month, please.
A: Wonderful. As that's over [KEEP|forty euro] a year, you'll get a tax certificate, and for
   that I need your national register number.
C: Okay, {num("BE_NATIONAL_REGISTER_NUMBER", NRN, 2, 2, 2, 3)}
A: And which account should it be taken from?
C: [IBAN_CODE|{say_code(BE_IBAN)}|{BE_IBAN}]
A: Shall we text you to confirm?
C: Yes please, [PHONE_NUMBER|oh four seven six, thirty eight, twenty one, ninety five|0476382195]
A: All set up. Thank you so much.
"""),
        call("ho3_06_furniture_delivery", en, "en-029+m3/en+m3", 170, "8k mono -35", f"""
A: Oakline Furniture deliveries, you're through to [PERSON|Dwayne].
C: Hiya, my sofa was meant to come yesterday and nobody turned up.
A: Sorry about that. Have you got the order number handy?
C: Yeah, [KEEP|order seven seven four one nine three].
A: Got it, the corner sofa. The driver says he couldn't get access. Can I check the address?
C: [LOCATION|flat nine, Cobden Mill, forty Union Street, Oldham, O L one, one D P|Flat 9,
   Cobden Mill, 40 Union Street, Oldham OL1 1DP]. You need to buzz the concierge.
A: Okay. And your name?
C: [PERSON|Gareth Llewellyn]
A: A redelivery is [KEEP|thirty nine pounds], I'm afraid, because it was a missed slot.
C: Fine, whatever. Just not Thursday, [TRADE_UNION|I'm the GMB branch secretary at the depot and
   Thursdays I'm in meetings with members all day].
A: Friday, [KEEP|seven till eleven]? Lovely. What's the long number on the card?
C: {card(VISA, 4, 4, 4, 4)}
A: Can you confirm the expiry?
C: [CARD_EXPIRY|end of November, twenty eight|11/28]
A: And the CVV on the back?
C: {num("CARD_SECURITY_CODE", "902", oh=True)}
"""),
        call("ho3_07_visa_helpdesk", en, "en+Andy/en-gb-x-rp+f1", 150, "16k stereo -30", f"""
A: UK visa enquiries, good morning, [PERSON|Tariq] speaking.
C: Hello, I applied for a family visa and I haven't heard anything in [KEEP|eleven weeks].
A: Let me have a look. Your full name as it appears on the passport?
C: [PERSON|Ananya Krishnamurthy]
A: And date of birth?
C: Erm, [DATE_OF_BIRTH|nineteenth of June, nineteen ninety|1990-06-19]
A: Is there a PIN on the account?
C: Yes, I set one, {num("PIN", "8406")}. Oh wait, no, that's my bank one. It's
   {num("PIN", "5173")}.
A: That's it, thanks. Your application's waiting on the biometrics appointment, which was missed.
C: Oh. Yes, [HEALTH|I was in hospital that week, I'd had a miscarriage].
A: I'm very sorry. I'll rebook it. Priority processing is [KEEP|five hundred pounds] if you
   want it. Where should we send the new appointment?
C: [EMAIL_ADDRESS|ananya k, the letter k, dot nineteen ninety at gmail dot com|
   ananyak.1990@gmail.com]
A: And the UK address you're staying at?
C: [LOCATION|twenty two Cedar Road, Leicester, L E two, oh N F|22 Cedar Road, Leicester LE2 0NF]
"""),
        call("ho3_08_eyewear_order", en, "en-gb-x-gbcwmd+m5/en-gb-scotland+f1", 175, "16k mono", f"""
A: ClearFrame Eyewear online orders, how can I help?
C: Hi, I ordered prescription sunglasses and I think the tint's wrong.
A: Let's have a look. What's the order number?
C: [KEEP|C F eight eight three oh one two]
A: And the name on the order?
C: [PERSON|Morag McCorquodale]
A: Could you spell the surname?
C: [PERSON|M C, capital C, O R Q U O D A L E|McCorquodale]
A: Thanks. You've gone for the grey tint at [KEEP|twenty five percent].
C: That's the problem. [GENETIC_BIOMETRIC|My genetic test showed I carry the same retinitis
   pigmentosa gene as my dad], so the specialist says I need the amber filter instead.
A: Understood. The amber upgrade is [KEEP|thirty four pounds]. Shall I put that on a card?
C: Yes, go on, {card(MC, 4, 4, 4, 4)}
A: And the expiry?
C: [CARD_EXPIRY|oh two, twenty nine, no sorry, oh three, twenty nine|03/29]
A: Security code?
C: {num("CARD_SECURITY_CODE", "477", double=True)}
A: And the best email for the dispatch note?
C: [EMAIL_ADDRESS|morag dot m c c at yahoo dot co dot uk|morag.mcc@yahoo.co.uk]
"""),
    )


def main(argv: list[str]) -> None:
    detect_loop.replay_english(calls(), ROOT / "out" / "holdout3", argv)


if __name__ == "__main__":
    main(sys.argv[1:])
