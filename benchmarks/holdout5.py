"""A fifth held-out set: eight more English calls, scored like the evaluation corpus.

    .venv/bin/python benchmarks/holdout5.py [--show-text] [--retranscribe]

Written on 2026-12-01, in the seventh session, by someone who had read neither the detection
rules (nothing under `pipeline/` or `tests/`) nor the dialogues of the corpus or of any earlier
held-out set, with sectors none of them cover (pet insurance claim after a dog's knee surgery,
gym membership cancellation in New York, parking fine appeal in Cardiff, council tax change of
occupants in Croydon, mortgage arrears after a redundancy, hire-car damage dispute at a Belgian
airport, hearing-aid supplier in Brooklyn, IT service desk password reset) and espeak-ng variants
none of them use: en-gb-x-rp+david, en-gb-scotland+grandma, en-us+Mike, en-us-nyc+shelby,
en-gb-x-gbclan+rob, en-gb-x-gbcwmd+grandpa, en-gb-x-rp+edward2, en-029+Diogo,
en-gb-scotland+iven2, en+marcelo, en+michel, en-gb-x-rp+travis, en-us-nyc+Gene2, en-us+paul,
en-gb-x-gbcwmd+steph2 and en-029+pablo, at 8 and 16 kHz (mono and stereo, some with a noise
floor) and 142 to 172 words a minute. Agents greet with their own name (two with a full name),
ask in their own words ("Which vet did the surgery?", "Which address should I post it to?",
"spelled out, please?") and read some values back; callers say "erm", "hang on" and "let me get
my glasses", give a sort code in pairs, an account number split over two turns, a card in fours,
in run-together digits and as an American Express in 4-6-5, phones with "double", a false start
and a "plus four four", a Portuguese and a Belgian IBAN in fours, a Belgian register number in
pairs, e-mails both spoken and spelled letter by letter, a wrong PIN corrected to the right one
and an agent-issued one-time passcode; in passing they mention a stroke, rheumatoid arthritis,
emphysema with a blue badge, a deacon's chapel service, a woman's fiancée, a Green vote, a union
membership, anxiety treated with sertraline, a Ghanaian family background, hereditary hearing
loss found by a gene test, keeping Shabbat, dyslexia and a face-recognition login. This set is
for measuring how well the rules generalise, not for writing rules: a miss found here should be
fixed by a general rule checked on the corpus, never by a rule shaped to these calls. It is
replayed by `detect_loop` (Whisper once into `out/holdout5`, then detect, locate and score in a
second) and printed with the same table and miss buckets.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import detect_loop  # noqa: E402
from holdout4 import pairs  # noqa: E402

from callvault.evaluation.corpus_lang import (  # noqa: E402
    Call,
    be_bban,
    be_nrn,
    call,
    card,
    iban,
    luhn,
    num,
    say,
    say_code,
)


def pt_nib(bank: str, branch: str, account: str) -> str:
    """Portuguese NIB (bank + branch + 11-digit account) with its two mod-97 check digits."""
    body = bank + branch + account
    return f"{body}{98 - int(body + '00') % 97:02d}"


MC, VISA = luhn("537518840263911"), luhn("492918305567214")
AMEX = luhn("37428816093752")
PT_IBAN = iban("PT", pt_nib("0035", "0417", "00058213940"))
BE_IBAN = iban("BE", be_bban("7350148826"))
NRN = be_nrn("880321", "241")


def calls() -> tuple[Call, ...]:
    en = "en"
    return (
        call("ho5_01_pet_insurance", en, "en-gb-x-rp+david/en-gb-scotland+grandma", 150, "8k mono",
             f"""
A: Good afternoon, Heatherbell Pet Cover, my name's [PERSON|Callum], how can I help?
C: Hello, aye, I'm phoning about a claim for my dog. He's had an operation on his knee.
A: Oh dear, sorry to hear that. Can I take the policyholder's name first?
C: It's [PERSON|Morag Fettes].
A: Thank you, Mrs Fettes. And just for security, your date of birth?
C: [DATE_OF_BIRTH|the ninth of February, nineteen fifty eight|1958-02-09].
A: Lovely. And the address on the policy, with the postcode?
C: [LOCATION|fourteen Craigentinny Crescent, Edinburgh, E H seven, six Q W|
   14 Craigentinny Crescent, Edinburgh EH7 6QW].
A: That's all matching. Which vet did the surgery?
C: The practice on Portobello Road. It was [PERSON|Doctor Adaeze Okonkwo|Adaeze Okonkwo], she
   was wonderful with him.
A: And what came to on the invoice?
C: [KEEP|Eight hundred and forty two pounds fifty]. Erm, I've paid it already.
A: Right. Your excess is [KEEP|ninety nine pounds], so we'd be looking at the rest. Your claim
   reference is [KEEP|nine one four, two two seven], if you ever need to chase it.
C: Grand. I'll be honest with you, it's been hard. [HEALTH|I had a stroke last spring], and
   I can't risk him pulling me over now, so my neighbour walks him.
A: That sounds tough. We'll get this moving. Shall we pay you rather than the vet?
C: Aye, pay me. The sort code is [BANK_ACCOUNT|eighty three, twenty six, fifteen|832615].
A: And the account number?
C: Let me get my glasses... {num("BANK_ACCOUNT", "04719358", 4, oh=True)}.
A: And a phone number, in case the assessor wants a word?
C: It's [PHONE_NUMBER|oh seven eight four one, no, sorry, oh seven eight one four, double two
   nine, three six oh|07814229360].
A: Lovely. You should hear from us within [KEEP|ten working days].
C: Thanks, son.
"""),
        call("ho5_02_gym_cancellation", en, "en-us+Mike/en-us-nyc+shelby", 168, "8k stereo", f"""
A: Thanks for calling IronWorks Fitness member services, this is [PERSON|Dwayne]. What can I do
   for you today?
C: Hi Dwayne. Um, I need to cancel my membership, and apparently it has to be by phone?
A: Yeah, I can help with that. Can I get the name on the account?
C: [PERSON|Teodora Lindqvist].
A: Got it. And can you verify your date of birth for me?
C: Sure, it's [DATE_OF_BIRTH|three fourteen eighty seven|1987-03-14].
A: Perfect. And the address we have on file?
C: [LOCATION|eleven oh five Pacific Street, apartment three B, Brooklyn, one one two three
   eight|1105 Pacific Street, Apt 3B, Brooklyn, NY 11238].
A: Okay, I've got you. Can I ask the reason you're cancelling?
C: Yeah, so, I got diagnosed with [HEALTH|rheumatoid arthritis] over the summer and my doctor
   wants me doing water exercise instead, and you guys don't have a pool.
A: I'm sorry to hear that. With a medical reason we waive the [KEEP|forty nine dollar] early
   termination fee, we just need a doctor's note within [KEEP|thirty days].
C: Oh, that's great. Where do I send it?
A: I'll email you an upload link. What's the best email?
C: It's [EMAIL_ADDRESS|teodora l eighty seven at gmail dot com|teodoral87@gmail.com].
A: And you were charged [KEEP|sixty four ninety nine] on the [KEEP|first of October], but you
   haven't checked in since, so I can refund that. The card on file expired, though.
C: Okay, um, let me grab my wallet. Okay. It's {card(MC, 4, 4, 4)}.
A: And the expiration date?
C: [CARD_EXPIRY|oh nine, twenty eight|09/28].
A: And the three digits on the back?
C: [CARD_SECURITY_CODE|four oh two|402].
A: All set. Refunds take [KEEP|five to seven business days], and your cancellation number is
   [KEEP|four four eight one two].
C: Thanks Dwayne, appreciate it.
"""),
        call("ho5_03_parking_appeal", en, "en-gb-x-gbclan+rob/en-gb-x-gbcwmd+grandpa", 142,
             "8k mono -32", """
A: Good morning, parking services, [PERSON|Sunita] speaking.
C: Bore da. I want to appeal a ticket, it's not right at all.
A: Okay, have you got the penalty charge notice number there?
C: Hang on now... it's [KEEP|C F, nine oh three, five five one, two].
A: Thank you. And your name?
C: [PERSON|Gwilym Pritchard].
A: Thanks, Mr Pritchard. So the notice says you were on Whitchurch Road at [KEEP|twenty to
   eleven] on the [KEEP|twelfth of October] with no valid ticket.
C: Well, I had my blue badge on the dashboard, plain as day. I've got [HEALTH|emphysema], I
   can't walk more than [KEEP|fifty yards] without stopping for breath.
A: I understand. Was the badge face up, with the expiry showing?
C: It was. I was only there [KEEP|an hour and a half]. [RELIGION|I'm a deacon at Bethel chapel],
   and I was at the Sunday morning service, same as every week.
A: Right. The best thing is to send us a photo of the badge with the appeal form. Which
   address should I post it to?
C: [LOCATION|thirty seven Heol Hir, Llanishen, Cardiff, C F fourteen, five A T|
   37 Heol Hir, Llanishen, Cardiff CF14 5AT].
A: Or I can email it, it's quicker.
C: Email then. It's [EMAIL_ADDRESS|G, W, I, L, Y, M, dot, P, at B T internet dot com|
   gwilym.p@btinternet.com].
A: So that's [EMAIL_ADDRESS|gwilym dot p at btinternet dot com|gwilym.p@btinternet.com]?
C: That's it.
A: And a phone number, in case there's a question about the badge?
C: The house phone, [PHONE_NUMBER|oh two nine two oh, seven six one, double four eight|
   02920761448].
A: And your date of birth, to match it to the badge record?
C: [DATE_OF_BIRTH|fifth of the eleventh, forty four|1944-11-05].
A: Thank you. The fine's on hold while we look at it, and the [KEEP|thirty five pound]
   discount stays open for [KEEP|fourteen days] after our decision.
C: Diolch. Thank you, love.
"""),
        call("ho5_04_council_tax", en, "en-gb-x-rp+edward2/en-029+Diogo", 155, "16k stereo", f"""
A: Good morning, council tax, you're through to [PERSON|Bartholomew Nwachukwu-Hale]. How can
   I help?
C: Hi, erm, I get the single person discount and I think I need to stop it.
A: Okay. Can I take your name and the address of the property?
C: Yeah, [PERSON|Ines Carvalho], and it's [LOCATION|flat four, ninety two Wellesley Road,
   Croydon, C R oh, two A G|Flat 4, 92 Wellesley Road, Croydon CR0 2AG].
A: Thanks. And who's moved in with you?
C: My partner, [PERSON|Zara Obi]. We got engaged in the summer, actually, and
   [SEX_LIFE|she'll be my wife next year], so it's the two of us on the bill from now on.
A: Congratulations! From what date has she lived there?
C: The [KEEP|first of August].
A: I'll need her date of birth and her National Insurance number.
C: Her birthday's the [DATE_OF_BIRTH|twenty second of July, two thousand|2000-07-22]. And the
   N I number, hang on, she texted it to me... [NATIONAL_ID|J T, four one, six six, oh eight,
   C|JT416608C].
A: Thank you. Without the [KEEP|twenty five percent] discount your instalment goes up to
   [KEEP|a hundred and sixty eight pounds], over the [KEEP|eight months] left this year.
C: Ugh. Honestly, [POLITICAL_OPINION|I've voted Green at every local election], and this is why.
A: I understand. There is some good news: you've a credit of [KEEP|two hundred and twelve
   pounds] from last year. Where would you like it refunded?
C: Could it go to my Portuguese account? I'm saving for the wedding over there.
A: We can do an international transfer, yes. Go ahead with the IBAN when you're ready.
C: Okay, it's [IBAN_CODE|{say_code(PT_IBAN)}|{PT_IBAN}].
A: Lovely. You'll get a new bill in about [KEEP|ten days].
C: Thanks, bye.
"""),
        call("ho5_05_mortgage_arrears", en, "en-gb-scotland+iven2/en+marcelo", 160,
             "8k stereo -35", f"""
A: Hello, you're through to the customer support team, I'm [PERSON|Fiona]. Before we start,
   can I take your full name?
C: Yeah, it's [PERSON|Desmond Achterberg].
A: Thank you. And your date of birth?
C: [DATE_OF_BIRTH|June the thirtieth, nineteen seventy nine|1979-06-30].
A: And the postcode of the mortgaged property?
C: [LOCATION|B L three, two N X|BL3 2NX].
A: Thanks, Mr Achterberg. I can see the account's [KEEP|three payments] behind, that's
   [KEEP|two thousand three hundred and ten pounds] in arrears. What's been happening?
C: I got made redundant in June. [TRADE_UNION|I'm a GMB member], and the union's taking it to a
   tribunal, but that could be months. And, erm, I've not been great. The GP says it's
   [HEALTH|anxiety, she's put me on sertraline].
A: I'm sorry, that's a lot at once. We can look at an arrangement. What could you manage on
   top of the normal payment?
C: Maybe [KEEP|a hundred and fifty pounds] a month, once the redundancy money comes through.
A: That would clear it in about [KEEP|fifteen months]. Do you want to move the payment date?
C: Yeah, to the [KEEP|twenty eighth], that's when my wife gets paid. It'll come from our joint
   account, so it's new details.
A: No problem. Sort code first.
C: [BANK_ACCOUNT|{pairs("204406")}|204406].
A: And the account number?
C: [BANK_ACCOUNT|three one eight eight|3188]...
A: Yes?
C: [BANK_ACCOUNT|five seven six oh|5760]. Sorry, I'm reading it off the app.
A: That's fine. I'll send you the new arrangement in the post, it should arrive in
   [KEEP|five days], and some details for free debt advice as well.
C: Cheers, Fiona.
"""),
        call("ho5_06_car_hire_damage", en, "en+michel/en-gb-x-rp+travis", 158, "8k mono -30", f"""
A: Good afternoon, Brabant Car Hire, damage department, [PERSON|Liesbeth Verhaegen] speaking.
C: Hi, yes, I returned a car at Zaventem on Monday and I've had an email saying there's a
   scratch that I caused, apparently.
A: I can look into that. What is the rental agreement number?
C: [KEEP|four seven seven, one oh nine].
A: Thank you, Mister...?
C: [PERSON|Kwabena Ashdown].
A: Yes, I have it. To identify you I need your national register number, on the back of your
   ID card.
C: Right, I'm resident here, so, erm, it's
   [BE_NATIONAL_REGISTER_NUMBER|{say(NRN, 2, 2, 2, 3)}|{NRN}].
A: Thank you. And your address in Belgium?
C: [LOCATION|Naamsestraat one hundred and twelve, box three, three thousand Leuven|
   Naamsestraat 112 bus 3, 3000 Leuven].
A: The photos show a scratch on the rear bumper; the repair estimate is
   [KEEP|three hundred and eighty euros].
C: That was there when I picked it up. And to be honest, the man at the desk asked for a second
   ID and where I'm really from. [ETHNIC_ORIGIN|I'm Black British, my parents are Ghanaian],
   and it felt like I was being singled out.
A: I'm sorry that happened, I will pass it on. For now there's a hold of
   [KEEP|eight hundred euros] on your card until it's resolved. Can you confirm the card?
C: Yeah, it's {card(VISA)}.
A: And the expiry date?
C: [CARD_EXPIRY|November twenty twenty seven|11/27].
A: And the security code on the back?
C: [CARD_SECURITY_CODE|six two, no, six one nine|619].
A: Okay. We also overcharged you for fuel, [KEEP|forty two euros sixty]; that goes back by bank
   transfer. Your IBAN, please?
C: [IBAN_CODE|{say_code(BE_IBAN)}|{BE_IBAN}].
A: Thank you. You'll have our answer within [KEEP|ten working days].
"""),
        call("ho5_07_hearing_aids", en, "en-us-nyc+Gene2/en-us+paul", 146, "8k mono", f"""
A: SoundWell Hearing, this is [PERSON|Marisol], how can I help you today?
C: Hello? Yes, hello. Can you speak up a little, dear? It's about my new hearing aids.
A: Of course! Can I get your name?
C: [PERSON|Avraham Feldstein].
A: Thank you, Mr Feldstein. And the order number?
C: It's on the box... [KEEP|eight eight three oh four one].
A: Got it, the pair at [KEEP|two thousand four hundred dollars]. What's going on with them?
C: The left one whistles. I have [HEALTH|moderate hearing loss in both ears], and the whistle
   is driving me crazy.
A: That's feedback, usually the dome size. You're still inside the [KEEP|forty five day] trial,
   so we can send a replacement. I see a note that your hearing loss runs in the family?
C: Yes, yes. [GENETIC_BIOMETRIC|The gene test found the G J B two mutation], same as my
   father had. And listen, I need it before Friday. [RELIGION|I keep Shabbat], so I won't be
   fiddling with an app from Friday night.
A: Understood. For the insurance claim I need your Social Security number.
C: Let me find the card. [NATIONAL_ID|five two seven, oh four, eight eight one three|527048813].
A: And shipping is still to [LOCATION|twenty two fifteen Ocean Parkway, apartment six F,
   Brooklyn, one one two two three|2215 Ocean Parkway, Apt 6F, Brooklyn, NY 11223]?
C: That's right.
A: For delivery by Thursday there's a [KEEP|thirty dollar] express fee. Would you like that?
C: Fine, fine. Put it on the American Express, {card(AMEX, 4, 6)}.
A: And the four digit code on the front of the card?
C: [CARD_SECURITY_CODE|seven two oh nine|7209].
A: Perfect, it ships today before [KEEP|five p m].
C: Thank you, dear.
"""),
        call("ho5_08_password_reset", en, "en-gb-x-gbcwmd+steph2/en-029+pablo", 172,
             "16k mono -38", """
A: IT service desk, you're through to [PERSON|Ravi]. What's the problem?
C: Hiya Ravi, I'm locked out of my laptop. It says my password's expired and the face login
   won't work either.
A: Okay, let's get you back in. Your name?
C: [PERSON|Siobhan McGillivray].
A: And your work email, spelled out, please?
C: It's [EMAIL_ADDRESS|S, dot, M, C, G, I, double L, I, V, R, A, Y, at ferrybridge dash logistics
   dot co dot U K|s.mcgillivray@ferrybridge-logistics.co.uk].
A: Thanks. For verification I need your date of birth and your service desk PIN.
C: [DATE_OF_BIRTH|nineteen eighty two, the eleventh of December|1982-12-11]. And the PIN is,
   erm, [PIN|two eight four seven|2847]... no, hang on, that's my old one. It's
   [PIN|two eight seven four|2874].
A: That's verified. I've opened ticket [KEEP|four five five two one oh] for this. Now, has
   anything changed since the face login last worked?
C: Well, I shaved off my beard at the weekend, so maybe [GENETIC_BIOMETRIC|the face scan it
   stored] doesn't match me any more.
A: Ha, that'd do it. You'll need to enrol again once you're in. I'll text you a code. Which
   mobile number?
C: [PHONE_NUMBER|plus four four, seven seven two three, nine six one, two five three|
   +447723961253].
A: If the text doesn't arrive, your temporary passcode is [PIN|six one, eight nine, oh three|
   618903]. It expires in [KEEP|fifteen minutes].
C: Got it. Sorry I'm slow with this, [HEALTH|I'm dyslexic], and the new rule with
   [KEEP|twelve characters] is a nightmare.
A: No worries. A passphrase of [KEEP|three random words] works well, and I can flag a
   reasonable adjustment so it expires every [KEEP|ninety days] instead of [KEEP|thirty].
C: Brilliant. Thanks Ravi.
"""),
    )


def main(argv: list[str]) -> None:
    detect_loop.replay_english(calls(), ROOT / "out" / "holdout5", argv)


if __name__ == "__main__":
    main(sys.argv[1:])
