"""A sixth held-out set: eight more English calls, scored like the evaluation corpus.

    .venv/bin/python benchmarks/holdout6.py [--show-text] [--retranscribe]

Written on 2026-12-02, in the eighth session, by someone who had read neither the detection rules
(nothing under `pipeline/` or `tests/`) nor the dialogues of the corpus or of any earlier held-out
set (a `ruff format --check` diff once printed the greeting and closing lines of holdout5's calls;
the names they use were then avoided here), with sectors none of them cover (a missed dental
check-up rebooked in Leeds, a smart meter fitted in Edinburgh for a home-dialysis household,
overseas student-loan repayments from Dublin, a ski accident claimed on travel insurance from an
Austrian hospital, a pharmacy home delivery in Birmingham, a broadband engineer visit in Queens, a
card donation to a children's hospital charity, and a new baby added to a Child Benefit claim) and
espeak-ng variants none of them use: en-gb-x-gbclan+Annie, en-gb-x-rp+Hugo, en-gb-x-gbcwmd+norbert,
en-gb-scotland+benjamin, en+gustave, en+iven3, en-gb-x-rp+steph, en+Henrique, en-029+belinda,
en-gb-x-gbcwmd+john, en-us+linda, en-us-nyc+Lee, en-gb-scotland+adam, en-029+robert,
en-gb-x-rp+klatt4 and en-us+miguel (never "en-gb+variant": espeak-ng ignores the variant there and
speaks plain en-gb), at 8 and 16 kHz (mono and stereo, some with a noise floor) and 135 to 171
words a minute. Agents greet with their own name (one with a full name), ask in their own words
("has anything changed medically since we last saw you?", "what's the best number for the tech?",
"is anybody travelling with you?") and read a sort code back; callers say "erm", "hang on" and "no
wait, that's my old one", give a sort code in digit pairs and one as "twenty, forty five" (the
agent reading it back), an account number over two turns, a card in fours with a misread group
corrected, one run together and one in halves over two turns, phones with "double", "oh", "plus
three five three" and "plus three two", an Irish IBAN in fours and a Belgian one over two turns, a
Belgian register number as printed (six, three, two), national insurance numbers letter-digits and
in pairs, e-mails both spoken and spelled letter by letter, dates of birth as "three, nine, eighty
eight", "June fourteenth, seventy nine" or a leap day, a wrong account PIN corrected and an
agent-issued delivery code; in passing they mention warfarin for atrial fibrillation, Friday
prayers at the mosque, home dialysis, leafleting for the Lib Dems, a nurses' union, a plated ankle,
Kurdish family, type one diabetes and levetiracetam, PrEP, a codeine gene test, a wheelchair after
an accident, Mass on Sundays, leukaemia in remission, a Unison branch, Black Caribbean heritage,
cystic fibrosis found at birth with both parents carriers, and an Orthodox baptism. Its misses are
evidence of how the rules generalise, not material to write rules from; `detect_loop` replays it
from its own cache (`out/holdout6`) with the corpus's table and miss buckets.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import detect_loop  # noqa: E402
from holdout4 import pairs  # noqa: E402

from callvault.evaluation import corpus_lang as cl  # noqa: E402
from callvault.evaluation.corpus_lang import Call, call, card, num, say, say_code  # noqa: E402

luhn, iban, be_bban, be_nrn = cl.luhn, cl.iban, cl.be_bban, cl.be_nrn

VISA, MC, DEBIT = luhn("465948201957730"), luhn("522913846607182"), luhn("475129036618453")
IE_IBAN = iban("IE", "AIBK93104738216590")
BE_IBAN = iban("BE", be_bban("0634417259"))
NRN = be_nrn("790614", "187")


def calls() -> tuple[Call, ...]:
    en = "en"
    return (
        call("ho6_01_dental_rebook", en, "en-gb-x-gbclan+Annie/en-gb-x-rp+Hugo", 152, "16k mono", f"""
A: Good morning, Harewood Lane Dental, [PERSON|Gemma] speaking, how can I help?
C: Hi, erm, yeah, I missed my check-up last week, sorry about that, I need to rebook.
It's [PERSON|Idris Fairclough-Mensah].
A: No problem at all. Can you just confirm your date of birth for me?
C: [DATE_OF_BIRTH|three, nine, eighty eight|1988-09-03].
A: Thank you. And are you still at the address we've got on file?
C: Ah, no, I moved in the summer. It's [LOCATION|flat two, nine Granby Grove, L S six, three B D|\
Flat 2, 9 Granby Grove, LS6 3BD].
A: Lovely, updated. There is a missed appointment charge of [KEEP|twenty five pounds], I'm afraid.
Are you happy to pay that now on a card?
C: Go on then. Right, it's {num("CREDIT_CARD", DEBIT[:8], 4, oh=True)}
A: Mm-hm, got that.
C: then {num("CREDIT_CARD", DEBIT[8:], 4, oh=True)}.
A: And when does it expire?
C: [CARD_EXPIRY|oh four, twenty nine|04/29].
A: And the three numbers on the back?
C: {num("CARD_SECURITY_CODE", "716")}.
A: That's gone through, [KEEP|twenty five pounds]. Now, has anything changed medically since we last
saw you?
C: Erm, yes actually, I'm on [HEALTH|warfarin now, for atrial fibrillation], so the dentist should
probably know.
A: Definitely, I'll flag it. They'll want a blood test result from within [KEEP|seventy two] hours.
I've got Friday at [KEEP|one fifteen]?
C: Fridays at lunchtime are no good, I [RELIGION|go to Friday prayers at the mosque]. Anything on a
Tuesday?
A: Tuesday the [KEEP|sixteenth] at [KEEP|twenty to four]. It's a [KEEP|forty] minute slot, because
you're also due [KEEP|two] small fillings.
C: Perfect. Will I get a text to remind me?
A: You will, the day before, to the mobile on your record. See you then.
"""),
        call("ho6_02_smart_meter", en, "en-gb-x-gbcwmd+norbert/en-gb-scotland+benjamin", 163,
             "8k mono -33", f"""
A: You're through to Brightwatt Energy, my name's [PERSON|Dilip]. Who's the account holder, please?
C: Aye, that's me, [PERSON|Hamish Dunleavy]. My wife [PERSON|Catriona]'s on it as well.
A: Thank you. And the supply address?
C: [LOCATION|twenty three Bruntsfield Crescent, Edinburgh, E H ten, four H W|\
23 Bruntsfield Crescent, Edinburgh, EH10 4HW].
A: Lovely. Just for security, what's your date of birth?
C: [DATE_OF_BIRTH|fourteenth of March, nineteen seventy two|1972-03-14].
A: That's you. So you'd like the smart meter fitted? Our engineers come [KEEP|eight] till [KEEP|one]
or [KEEP|twelve] till [KEEP|five], and it takes about [KEEP|two hours]. The power's off for around
[KEEP|thirty minutes] while they swap it.
C: Thirty minutes, hmm. See, my wife's on [HEALTH|home dialysis], the machine can't just go off.
A: Right, thanks for telling me. I'll put you both on the Priority Services Register, and the
engineer will ring ahead so you can plan around her sessions. Best number for that?
C: The landline, {num("PHONE_NUMBER", "01314960058", 4, 3, oh=True, double=True)}.
A: And any days that don't suit?
C: Saturdays, I'm usually out [POLITICAL_OPINION|leafleting for the Lib Dems].
A: No bother, weekdays only. The smart tariff's [KEEP|twenty four point six] pence a unit, and
overnight it's [KEEP|eleven percent] cheaper.
C: Grand. Oh, and can I move the direct debit while I've got you? New bank.
A: Of course, sort code first.
C: {num("BANK_ACCOUNT", "830619", 2, 2, oh=True)}.
A: And the account number?
C: Hang on, it's on the other card. Erm, {num("BANK_ACCOUNT", "41882056", 4, oh=True, double=True)}.
A: Done. The first collection's on the [KEEP|first] of January, [KEEP|ninety two] pounds a month.
"""),
        call("ho6_03_student_loan", en, "en+gustave/en+iven3", 141, "16k stereo", f"""
A: Student Finance repayments, my name's [PERSON|Leopold]. Who am I speaking to?
C: Hiya, it's [PERSON|Cathal Kowalczyk-Reid].
A: Thanks. Can I have your national insurance number first?
C: Yeah, erm, it's [NATIONAL_ID|J R, four six one, nine two seven, B|JR461927B].
A: And your date of birth?
C: [DATE_OF_BIRTH|oh two, oh six, two thousand and one|2001-06-02].
A: Thanks, that matches. What can I do for you today?
C: I moved to Dublin [KEEP|three] months ago, I'm nursing over here, and payroll says they can't take
the loan off my wages anymore. It's about [KEEP|forty one thousand] euro a year.
A: That's right, once you're overseas you pay us directly. It's [KEEP|nine percent] of what you earn
over the threshold. What's your address over there?
C: [LOCATION|apartment fourteen, eight Harold's Cross Road, Dublin six W|\
Apartment 14, 8 Harold's Cross Road, Dublin 6W].
A: And do you want to pay by direct debit from an Irish account? I'll need the IBAN.
C: Sorry, let me find it in the app. Okay, it's [IBAN_CODE|{say_code(IE_IBAN)}|{IE_IBAN}].
A: And an e-mail address for the statements?
C: It's [EMAIL_ADDRESS|c, k, o, w, a, l, c, z, y, k, at gmail dot com|ckowalczyk@gmail.com].
A: And a phone number over there?
C: [PHONE_NUMBER|plus three five three, {say("871246908", 2, 3, oh=True)}|+353871246908].
I'm a [TRADE_UNION|member of the I N M O, the nurses' union], they told me to ring you quick.
A: They were right. I'll send the overseas income form, it takes about [KEEP|ten] working days to
process. Your reference for this call is [KEEP|seven two four one nine].
"""),
        call("ho6_04_travel_claim", en, "en-gb-x-rp+steph/en+Henrique", 138, "8k stereo -36", f"""
A: Northstar Travel Insurance, emergency claims, you're speaking to [PERSON|Philippa Ashdown-Rees].
C: Hello, my name is [PERSON|Wouter Van Acoleyen], I have a policy with you. I am calling from the
hospital in Innsbruck.
A: Oh dear, are you alright? What's happened?
C: I [HEALTH|fractured my left ankle skiing, they put a plate in yesterday].
A: I'm sorry. Let me find your policy, what's your date of birth?
C: [DATE_OF_BIRTH|June fourteenth, seventy nine|1979-06-14].
A: Got you. The hospital may ask us for your identity number, can I take that?
C: My national register number, yes. It is [BE_NATIONAL_REGISTER_NUMBER|{say(NRN, 6, 3)}|{NRN}].
A: Thank you. Your excess is [KEEP|one hundred and fifty pounds], and we'll pay the hospital
directly, the bill so far is about [KEEP|six thousand four hundred] euros.
C: Okay. I also paid the taxi and the pharmacy myself, [KEEP|two hundred and thirty] euros.
A: We'll refund that to your bank. What's the IBAN?
C: It is a Belgian one. [IBAN_CODE|{say_code(BE_IBAN[:8])}|{BE_IBAN[:8]}]
A: Yes, carry on.
C: [IBAN_CODE|{say_code(BE_IBAN[8:])}|{BE_IBAN[8:]}].
A: Lovely. Is anybody travelling with you?
C: My mother, but she speaks almost no English or German, [ETHNIC_ORIGIN|we're Kurdish], she speaks
Kurmanji. The doctors cannot explain things to her.
A: We have an interpreter line, I'll arrange that. Best contact number while you're there?
C: My Belgian mobile, [PHONE_NUMBER|plus {say("32476118293", 2, 3, 3, double=True)}|+32476118293].
A: And an e-mail for the claim documents?
C: [EMAIL_ADDRESS|wouter dot van acoleyen at telenet dot be|wouter.vanacoleyen@telenet.be].
A: Your claim reference is [KEEP|eight eight four oh two]. If the doctors say you can't fly in
[KEEP|forty eight] hours, ring us back and we'll look at bringing you home.
"""),
        call("ho6_05_pharmacy_delivery", en, "en-029+belinda/en-gb-x-gbcwmd+john", 156, "8k mono", f"""
A: Good afternoon, Kingsway Pharmacy home delivery, [PERSON|Marcia] speaking.
C: Alright, it's [PERSON|Lennox Ridgeway-Bamford], I need my repeat delivered, I can't get out this
week.
A: Can I take your date of birth?
C: [DATE_OF_BIRTH|twenty ninth of February, eighty four|1984-02-29]. Leap year baby, yeah.
A: And the address we're bringing it to?
C: [LOCATION|seventeen Stechford Lane, Birmingham, B eight, two A J|\
17 Stechford Lane, Birmingham, B8 2AJ].
A: Okay, I see [KEEP|four] items. Your [HEALTH|insulin pens for the type one diabetes], the
[HEALTH|levetiracetam for your epilepsy]...
C: And my [SEX_LIFE|PrEP, the H I V prevention tablets].
A: Yes, that's there. And the doctor's put a note, no codeine?
C: Yeah, I [GENETIC_BIOMETRIC|had a DNA test, I'm a poor metaboliser for codeine], it does nothing
for me.
A: Okay. The insulin's free, but [KEEP|two] items aren't exempt, that's [KEEP|nine pounds ninety]
each, so [KEEP|nineteen eighty] in total. Card?
C: Erm, yeah, it's {card(MC)}.
A: And the expiry and the security code?
C: [CARD_EXPIRY|end of November, twenty eight|11/28], and the code's
{num("CARD_SECURITY_CODE", "309", oh=True)}.
A: Thank you. It'll come on Thursday between [KEEP|two] and [KEEP|six]. The driver will ask for a
code, it's {num("PIN", "4173")}.
C: Hang on, let me write that down. Got it.
A: We can't leave it with a neighbour, so someone needs to be in.
C: No problem, I'm not going anywhere.
"""),
        call("ho6_06_broadband_engineer", en, "en-us+linda/en-us-nyc+Lee", 171, "16k mono -40", f"""
A: Thanks for calling Skyline Fiber, my name is [PERSON|Tamika]. Can I get the name on the account?
C: Yeah, it's [PERSON|Ignacio Quintanilla-Burke].
A: And the four digit account PIN, please?
C: Ugh, [PIN|two eight, two eight|2828], no wait, that's my old one. It's {num("PIN", "2819")}.
A: That one works, thank you. What's going on today?
C: The internet's been dropping for like [KEEP|three days]. I'm paying [KEEP|seventy nine ninety
nine] a month for the [KEEP|five hundred] meg plan and I'm getting nothing.
A: I'm sorry about that. I can see [KEEP|fourteen] disconnects since Sunday, that's a line problem,
so I'd like to send a technician. Can you confirm the service address?
C: [LOCATION|thirty one oh five Ditmars Boulevard, apartment four B, Astoria, New York, one one one
oh five|31-05 Ditmars Boulevard, Apt 4B, Astoria, NY 11105].
A: I have Thursday, [KEEP|eight to twelve]?
C: Thursday's fine. Just tell them to use the side entrance, [HEALTH|I've been in a wheelchair since
the accident], the front steps don't work for me.
A: I've added that to the ticket. What's the best number for the tech?
C: {num("PHONE_NUMBER", "7185550142", 3, 3, oh=True)}.
A: Got it.
C: Oh, and don't book anything Sunday morning, [RELIGION|I'm at Mass at Saint Joan of Arc].
A: No problem, we don't do Sundays anyway. Can I send the confirmation by e-mail?
C: Sure, it's a new one,
[EMAIL_ADDRESS|nacho dot q dot burke at yahoo dot com|nacho.q.burke@yahoo.com].
A: Perfect. I've put a [KEEP|twenty dollar] credit on the account, and your ticket number is
[KEEP|four seven seven oh two].
"""),
        call("ho6_07_charity_donation", en, "en-gb-scotland+adam/en-029+robert", 147, "8k stereo", f"""
A: Hello, Little Lanterns Children's Charity, my name's [PERSON|Euan], thanks for calling.
C: Good evening. I want to make a donation by card. My daughter [PERSON|Keziah] was on your ward with
[HEALTH|acute lymphoblastic leukaemia], and she's in remission now.
A: Oh, that's wonderful news. How much would you like to give?
C: [KEEP|two hundred and fifty pounds]. Our [TRADE_UNION|Unison branch] at the bus depot collected
some of it.
A: That's so generous. Can I take your full name?
C: [PERSON|Everton Lascelles-Gordon].
A: And do you pay UK tax? With Gift Aid we can claim another [KEEP|twenty five percent], that's
[KEEP|sixty two pounds fifty] on top. I'd need your home address for that.
C: Yes, I do. It's [LOCATION|flat six, Marlowe House, one oh three Coldharbour Lane, S E five,
nine N R|Flat 6, Marlowe House, 103 Coldharbour Lane, SE5 9NR].
A: Thank you. And the card number, when you're ready.
C: [CREDIT_CARD|four six five nine, four eight two oh, one nine seven five|465948201975], oh,
hold on, I read that wrong. The third bit is {num("CREDIT_CARD", VISA[8:12], oh=True)}, then
{num("CREDIT_CARD", VISA[12:], oh=True)}.
A: Lovely, that's gone in fine. Expiry date?
C: [CARD_EXPIRY|twelve, thirty|12/30]. And the number on the back is
{num("CARD_SECURITY_CODE", "552", double=True)}.
A: Thank you. Where shall I send the receipt?
C: E-mail, [EMAIL_ADDRESS|e, l, a, s, c, e, l, l, e, s, at hotmail dot co dot uk|\
elascelles@hotmail.co.uk].
A: And a phone number, just in case?
C: [PHONE_NUMBER|plus four four, {say("7700900561", 4, 3, oh=True, double=True)}|+447700900561].
I've joined the stem cell register too, they said they need more donors [ETHNIC_ORIGIN|of Black
Caribbean heritage, like me].
A: That's brilliant. It'll show on your statement in [KEEP|three to five] working days.
"""),
        call("ho6_08_child_benefit", en, "en-gb-x-rp+klatt4/en-us+miguel", 135, "16k stereo -37", f"""
A: Child Benefit Office, [PERSON|Rhys] speaking. How can I help?
C: Hi, yes, we've just had a baby and I want to add her to my claim. I'm [PERSON|Nikos
Papadakis-Thorne].
A: Congratulations! Your national insurance number first, please.
C: Sure, it's [NATIONAL_ID|S H, {pairs("310874")}, D|SH310874D].
A: And your own date of birth?
C: [DATE_OF_BIRTH|nineteenth of the eleventh, eighty six|1986-11-19].
A: Thanks. What's the baby's full name and when was she born?
C: [PERSON|Eleni Sofia Papadakis-Thorne], born on the [DATE_OF_BIRTH|twenty third of October,
twenty twenty six|2026-10-23]. We had her [RELIGION|baptised at the Greek Orthodox church] on
Sunday, so the name's official now.
A: Lovely. And she lives with you at [LOCATION|eight Ashgrove Terrace, Bristol, B S three, four D P|\
8 Ashgrove Terrace, Bristol, BS3 4DP]?
C: Yes, well, she was in the neonatal unit for [KEEP|three weeks]. [HEALTH|She has cystic fibrosis],
it showed up on the heel prick test. [GENETIC_BIOMETRIC|My wife and I are both carriers of the
gene], we only found out at the genetic clinic.
A: I'm sorry to hear that. She may also get Disability Living Allowance, I'll send you the form. Your
first child gets [KEEP|twenty six pounds five] a week, and the baby, as your [KEEP|second], gets
[KEEP|seventeen twenty five].
C: Okay. Also my wife wants it paid into our joint account now.
A: That's fine. What's the sort code?
C: [BANK_ACCOUNT|{pairs("204573")}|204573].
A: So [BANK_ACCOUNT|{pairs("204573")}|204573]. And the account number?
C: It's {num("BANK_ACCOUNT", "5391")}, erm...
A: Take your time.
C: {num("BANK_ACCOUNT", "0628", oh=True)}.
A: Done. It's paid every [KEEP|four weeks], and the first payment should reach you within
[KEEP|twelve weeks].
"""),
    )


def main(argv: list[str]) -> None:
    detect_loop.replay_english(calls(), ROOT / "out" / "holdout6", argv)


if __name__ == "__main__":
    main(sys.argv[1:])
