"""End-to-end tests of `Detector.detect` on synthetic transcripts (words with made-up times)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from presidio_analyzer import RecognizerResult

from pipeline.detect.detector import Detector
from pipeline.detect.engine import DetectorConfig
from pipeline.transcribe import build_text
from pipeline.types import ChannelTranscript, Entity, Speaker

STEP = 0.4  # seconds per word


@pytest.fixture(scope="module")
def detector() -> Detector:
    # Each test's text is one short transcript, which would all be an opening line.
    return Detector(DetectorConfig(unnamed_opening=False))


def transcript(text: str, speaker: Speaker = Speaker.CUSTOMER, channel: int = 1,
               start: float = 0.0, language: str = "en") -> ChannelTranscript:
    words = [(w, start + k * STEP, start + k * STEP + 0.35, 0.95)
             for k, w in enumerate(text.split())]
    full, segments = build_text([(start, start + len(words) * STEP, words)])
    return ChannelTranscript(channel, speaker, language, 0.99, full, segments)


def spans(t: ChannelTranscript, entities: Sequence[Entity], entity_type: str) -> list[str]:
    return [t.text[e.char_start:e.char_end] for e in entities if e.entity_type == entity_type]


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        ("my reference is one one oh five eight two", Speaker.CUSTOMER, "one one oh five eight two"),
        ("my reference is one one oh five eight two", Speaker.UNKNOWN, "one one oh five eight two"),
        ("my reference is one one oh five eight two", Speaker.AGENT, None),
        ("that's 0000 1122 33", Speaker.CUSTOMER, "0000 1122 33"),
        ("that's 1122 33", Speaker.AGENT, None),  # (eight digits or more: a read-back, below)
        ("it's nine one four", Speaker.CUSTOMER, "nine one four"),  # read one by one: a code
        ("it's nine one four", Speaker.AGENT, None),
        ("the total is twelve thirty four", Speaker.CUSTOMER, None),  # not read digit by digit
        ("we have two kids and one dog", Speaker.CUSTOMER, None),
        # Whisper writes "three eight eight" as "388": a sentence that is only a short number
        ("Sure. 388.", Speaker.CUSTOMER, "388"),
        ("Yes, it's 1226. Anything else?", Speaker.UNKNOWN, "1226"),
        ("Sure. 388.", Speaker.AGENT, None),
        ("It came to 112 euros.", Speaker.CUSTOMER, None),
        # lone digit words and sound-alikes among written numbers are digits read out
        ("yes it's oh, four, I know oh, free nine, 27 thanks", Speaker.CUSTOMER,
         "oh, four, I know oh, free nine, 27"),
        ("it's hero hero, five, 8 then", Speaker.CUSTOMER, "hero hero, five, 8"),
        # once digits are being read out, a lone digit word a word or two on is one of them
        ("ok it's 553, free two, then nine thanks", Speaker.CUSTOMER, "553, free two, then nine"),
        # ... but not without a written number, nor one by one between other words
        ("one or two, maybe three or four of them", Speaker.CUSTOMER, None),
        ("oh, I'm fine, one of those 2 for free days", Speaker.CUSTOMER, None),
        ("I have 2 kids, one is four and one is nine", Speaker.CUSTOMER, None),
        ("so 2 of them, oh and three more later", Speaker.CUSTOMER, None),
        # a year after "in" or "since" is no digit of a code beside it
        ("we have 2 dogs and 1 cat since 2019", Speaker.CUSTOMER, None),
        # one number on its own, or two numbers several words apart, are no code read out
        ("The meter says 40917. Go on then. The code is 28 again", Speaker.CUSTOMER, None),
        ("Order 66120 for the sofa please", Speaker.CUSTOMER, None),
        # ... but digits read one by one still are, even as one written number
        ("Yes, it's four nine one then", Speaker.CUSTOMER, "four nine one"),
        # a word Whisper writes for one digit every time it comes is that digit ("nearer" zero)
        ("Two nearer, nearer, or one nearer, one nearer. Nearer, five nearer, five. And thanks",
         Speaker.CUSTOMER, "Two nearer, nearer, or one nearer, one nearer. Nearer, five nearer, five"),
        ("I'm 8 Perman, Nero Big Two, Perman, Nero Perman 8 thanks", Speaker.UNKNOWN,
         "8 Perman, Nero Big Two, Perman, Nero Perman 8"),
        # ... never a stop word or a unit, nor a word said beside a digit only twice
        ("it was two pounds, then five pounds, then nine pounds", Speaker.CUSTOMER, None),
        ("one of them, two of them, five of them", Speaker.CUSTOMER, None),
        ("two nearer the door and one nearer the window", Speaker.CUSTOMER, None),
    ],
)
def test_digit_run_rule_is_for_the_customer(
    detector: Detector, text: str, speaker: Speaker, expected: str | None
) -> None:
    t = transcript(text, speaker)
    found = spans(t, detector.detect(t), "DIGIT_SEQUENCE")
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        "I need to wire, 2 ,500 euro, to my landlord today.",  # Whisper's "2,500"
        "My salary of 4 ,200 Euro arrives by the 25th?",  # an amount is no postcode and town
        "Can we do 615, on the 25th?",  # a time and a date are not a code
        "Yeah, it was 85, 95, what went wrong with it?",  # a price is not a phone number
        "I paid 1 ,250 pounds for the whole year in advance.",
        "They were $5, $8 and $9 each.",  # currency signs: amounts, not digits read out
        # a count of digits or characters describes a value, it is none
        "What's the long number on the front? And the 3 -digit code, is it 3 digits?",
        "The reference has 8 characters and 2 letters at the start.",
    ],
)
def test_amounts_times_and_dates_stay_audible(detector: Detector, text: str) -> None:
    t = transcript(text, Speaker.CUSTOMER)
    assert detector.detect(t) == ()


def _agent_question(text: str, ends_at: float) -> ChannelTranscript:
    n = len(text.split())
    return transcript(text, Speaker.AGENT, channel=0, start=ends_at - (n - 1) * STEP - 0.35)


def test_security_code_asked_on_the_agent_channel(detector: Detector) -> None:
    agent = _agent_question("can I have the security code please?", ends_at=5.0)
    prompts = detector.prompts(agent)
    assert [p.recognizer for p in prompts] == ["SecurityCodeRecognizer"]
    assert prompts[0].channel == 0
    assert 4.0 <= prompts[0].time <= 5.0  # the end of "code"
    customer = transcript("seven three one", start=6.5)
    found = detector.detect(customer, prompts)
    assert spans(customer, found, "CARD_SECURITY_CODE") == ["seven three one"]
    assert all(e.channel == 1 for e in found)
    assert "CARD_SECURITY_CODE" not in {e.entity_type for e in detector.detect(customer)}


@pytest.mark.parametrize(
    ("question", "answer", "answer_at", "entity", "expected"),
    [
        ("and the three digits on the back?", "uh, five oh two", 6.5, "CARD_SECURITY_CODE",
         "five oh two"),
        ("and when does the card expire?", "oh three, twenty nine", 6.0, "CARD_EXPIRY",
         "oh three, twenty nine"),
        ("can I take your name please?", "sure, it's Tomasz Nowak", 6.0, "PERSON",
         "sure, it's Tomasz Nowak"),  # a short answer with a name in it goes whole
        ("what is your date of birth?", "the fourth of July, eighty two", 6.0, "DATE_OF_BIRTH",
         "the fourth of July, eighty two"),
        ("what is the new address?", "Flat two, Harbour View, Cork", 6.0, "LOCATION",
         "Flat two, Harbour View, Cork"),
        # Asked who is there without the word "name": the answer whatever Whisper made of it.
        ("and who am I speaking with?", "eight have written clearly.", 6.0, "PERSON",
         "eight have written clearly."),
        ("who've I got on the line today?", "it's Harriet, how you're telling the boy?", 6.0,
         "PERSON", "Harriet, how you're telling"),
        # A name question after a comma ("..., that's fine, what's your mum's name?").
        ("Fiona speaking, that's fine, what's your mum's name?", "Eat this mash.", 6.0, "PERSON",
         "Eat this mash."),
        # A caller correcting the date goes on with it; "birth" alone asks for one.
        ("what is your date of birth?", "the fourteenth of, no, the fifteenth of August", 6.0,
         "DATE_OF_BIRTH", "fourteenth of, no, the fifteenth of August"),
        ("and your name is on birth for security.", "the fifteenth of August.", 6.0,
         "DATE_OF_BIRTH", "fifteenth of August"),
        # An expiry's year heard after a month Whisper lost ("end of November" as "not no member")
        ("can you confirm the expiry?", "and not no member, twenty eight", 6.0, "CARD_EXPIRY",
         "not no member, twenty eight"),
        # "Who's the <role>?" asks for a person, whatever the role or Whisper made of it.
        ("Brilliant. Who's the former?", "Hats me, she won't know that it.", 6.0, "PERSON",
         "Hats me, she won't know"),
        # An answer outside the window is not taken for an answer.
        ("can I have the security code please?", "five oh two", 30.0, "CARD_SECURITY_CODE", None),
    ],
)
def test_cross_channel_answers(detector: Detector, question: str, answer: str, answer_at: float,
                               entity: str, expected: str | None) -> None:
    prompts = detector.prompts(_agent_question(question, ends_at=5.0))
    customer = transcript(answer, start=answer_at)
    found = detector.detect(customer, prompts)
    assert spans(customer, found, entity) == ([expected] if expected else [])


def test_a_name_the_agent_says_back_after_asking_is_kept(detector: Detector) -> None:
    """The question's slot value on the agent's side is dropped (the customer answers), but a
    name Presidio merged into it is found again."""
    agent = transcript("And who am I speaking with? Thanks Siobhán. I can move you.",
                       Speaker.AGENT, channel=0)
    assert spans(agent, detector.detect(agent), "PERSON") == ["Thanks Siobhán."]  # short: whole


@pytest.mark.parametrize(
    "text",
    ["Any email we can use? Anyone at home with extra needs?",
     "And where do you live now? Any pets in the house?",
     "What's your date of birth? 9th of May was my last day here.",
     # Whisper may end the question with a full stop: the agent has still moved on
     "Thank you and your name. I'll delete the data and destroy the sample.",
     "within your email. No, but here's a voucher for next time."],
)
def test_agent_questions_are_answered_on_the_other_channel(detector: Detector, text: str) -> None:
    agent = transcript(text, Speaker.AGENT, channel=0)
    assert detector.detect(agent) == ()


def test_agent_reading_back_in_the_same_sentence_is_redacted(detector: Detector) -> None:
    agent = transcript("So your email is lena dot maes at proximus dot be. Great.", Speaker.AGENT,
                       channel=0)
    assert "EMAIL_ADDRESS" in {e.entity_type for e in detector.detect(agent)}


def test_prompt_from_the_same_channel_is_not_replayed(detector: Detector) -> None:
    customer = transcript("what's the security code? Hmm. Seven three one", Speaker.CUSTOMER)
    prompts = detector.prompts(customer)
    later = transcript("seven three one", start=8.0)
    assert "CARD_SECURITY_CODE" not in {e.entity_type for e in detector.detect(later, prompts)}


class _Injecting:
    """The real analyzer plus fixed spaCy-like results, to test the detector's own filters."""

    def __init__(self, inner: Any, extra: Sequence[tuple[str, str]]) -> None:
        self.inner, self.extra = inner, extra

    def analyze(self, text: str, **kwargs: Any) -> list[RecognizerResult]:
        results = list(self.inner.analyze(text=text, **kwargs))
        for entity, value in self.extra:
            start = text.index(value)
            results.append(RecognizerResult(
                entity, start, start + len(value), 0.99,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "SpacyRecognizer"},
            ))
        return results


@pytest.mark.parametrize(
    ("text", "spacy_person", "expected"),
    [
        ("I paid 42 Euro for it", "42 Euro", []),  # a quantity, not a name
        ("I paid 65 Euro today", "Euro", []),
        ("My meter reading is low", "My meter reading", []),  # lower-case words: a phrase
        ("Stefan 12 said hi to the whole team", "Stefan 12", ["Stefan"]),  # the number cut off
        ("please ask Jan de Vries about the invoice", "Jan de Vries", ["Jan de Vries"]),
        # a company's name in a greeting: a business word ends it or follows it
        ("Tidewell Pharmacy, how may I help you today", "Tidewell Pharmacy", []),
        ("good morning, Bryn Gas and Power, how can I help", "Bryn", []),
        ("Velo and Telecom, you're through to billing", "Velo", []),
        ("Marchetti Verzekeringen, goedemiddag", "Marchetti", []),
        # ... but not a name that a comma parts from the next words, nor a surname like "Banks"
        ("it's Ruth, bank transfer is fine", "Ruth", ["Ruth"]),
        ("I spoke to Tyrone Banks yesterday", "Tyrone Banks", ["Tyrone Banks"]),
    ],
)
def test_spacy_person_filters(detector: Detector, text: str, spacy_person: str,
                              expected: list[str]) -> None:
    injecting = Detector(detector.config, analyzer=_Injecting(detector.analyzer,
                                                              [("PERSON", spacy_person)]))
    t = transcript(text)
    found = [e for e in injecting.detect(t) if e.recognizer == "SpacyRecognizer"]
    assert spans(t, found, "PERSON") == expected


def test_spacy_person_with_digits_from_the_real_model_is_dropped(detector: Detector) -> None:
    t = transcript("My meter reading is four five six seven two.")
    assert spans(t, detector.detect(t), "PERSON") == []


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        # several HEALTH hits, StreetAddress + AddressIntro + spaCy: one entity each
        ("my mother has kidney failure and is on dialysis", "HEALTH",
         ["my mother has kidney failure and is on dialysis"]),
        ("I live at fifty two Rosebank Crescent, Galway", "LOCATION",
         ["fifty two Rosebank Crescent, Galway"]),
        ("the long number is five two nine nine, seven nine one oh, three nine one oh, four four "
         "five three", "CREDIT_CARD",
         ["five two nine nine, seven nine one oh, three nine one oh, four four five three"]),
    ],
)
def test_overlapping_entities_of_one_type_are_merged(detector: Detector, text: str, entity: str,
                                                     expected: list[str]) -> None:
    t = transcript(text)
    found = detector.detect(t)
    assert spans(t, found, entity) == expected
    # the bare digit run inside the card number is not reported beside it
    assert entity != "CREDIT_CARD" or spans(t, found, "DIGIT_SEQUENCE") == []


@pytest.mark.parametrize(
    ("text", "entity", "expected", "special"),
    [
        ("hello, my name is Ingrid Olsen and I'm calling about my bill", "PERSON", "Ingrid Olsen",
         False),
        ("sure, my email is lena dot martens at proximus dot be, thanks", "EMAIL_ADDRESS",
         "lena dot martens at proximus dot be", False),
        ("my IBAN is N L nine one A B N A zero four one seven one six four three zero zero okay",
         "IBAN_CODE", "N L nine one A B N A zero four one seven one six four three zero zero", False),
        ("it's eight five zero seven three zero, three three three, one nine I think",
         "BE_NATIONAL_REGISTER_NUMBER", "eight five zero seven three zero, three three three, one nine",
         False),
        ("my PIN? It's four nine one seven.", "PIN", "four nine one seven", False),
        ("can you call me on oh four seven five, one two, thirty four, fifty six please",
         "PHONE_NUMBER", "oh four seven five, one two, thirty four, fifty six", False),
        ("ok, my son was diagnosed with asthma, so he needs heating", "HEALTH",
         "ok, my son was diagnosed with asthma, so he needs heating", True),
        ("we're Jewish so no calls on Saturday", "RELIGION", "we're Jewish so no calls on Saturday",
         True),
        ("I'm a union rep at work", "TRADE_UNION", "I'm a union rep at work", True),
        ("my NI number is AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C", False),
        # a day, a month and a short year: a birth date ("ninety-eight"), not "10 of us"
        ("the twelfth of February, ninety-eight.", "DATE_OF_BIRTH",
         "the twelfth of February, ninety-eight", False),
        ("yeah, 22nd of November 94, thanks", "DATE_OF_BIRTH", "22nd of November 94", False),
        # the flat a house number belongs to ("3, 19" is normalised to "319"), a quay
        ("it's Flat 3, 19 Cromwell Road, Luton, LU3 1DS then", "LOCATION",
         "Flat 3, 19 Cromwell Road, Luton, LU3 1DS", False),
        ("we are at 4 Grand Canal Quay since June", "LOCATION", "4 Grand Canal Quay", False),
        ("opgestuurd naar de Lange Kievitstraat 88, 2018 Antwerpen.", "LOCATION",
         "Lange Kievitstraat 88, 2018 Antwerpen", False),
    ],
)
def test_entity_spans_and_flags(detector: Detector, text: str, entity: str, expected: str,
                                special: bool) -> None:
    t = transcript(text)
    found = [e for e in detector.detect(t) if e.entity_type == entity]
    assert [t.text[e.char_start:e.char_end] for e in found] == [expected]
    assert found[0].special_category is special
    # char spans line up with word boundaries, so they map to audio time
    starts = {w.char_start for w in t.words}
    ends = {w.char_end for w in t.words} | {w.char_end - 1 for w in t.words}
    assert found[0].char_start in starts and found[0].char_end in ends


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A short sentence holding a street is the address given whole: Whisper turned its
        # number and town into ordinary words ("fifty seven ... Didsbury").
        ("Okay. 50th Heaven, Willem's low road, is written. Thanks.",
         ["50th Heaven, Willem's low road, is written."]),
        # In a long sentence only the address and what follows it within reach are taken.
        ("We moved last spring so please send everything to 22 Baker Street from now on, thanks",
         ["22 Baker Street"]),
    ],
)
def test_a_short_sentence_with_a_street_is_taken_whole(detector: Detector, text: str,
                                                       expected: list[str]) -> None:
    t = transcript(text)
    assert spans(t, detector.detect(t), "LOCATION") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A country alone locates no one; the street, postcode and town beside it do.
        ("en", "I need cover for a trip to Canada next month", []),
        ("en", "I'm flying back to Belgium on Friday", []),
        ("fr", "je pars en Allemagne pour le travail", []),
        ("en", "I live at 12 Rue Haute, Brussels, in Belgium",
         ["12 Rue Haute, Brussels, in Belgium"]),
        # A country's name that is also a given name or an island stays a place.
        ("en", "I'm moving to Jersey next week", ["Jersey"]),
    ],
)
def test_a_country_alone_is_no_location(detector: Detector, language: str, text: str,
                                        expected: list[str]) -> None:
    t = transcript(text, language=language)
    assert spans(t, detector.detect(t), "LOCATION") == expected


@pytest.mark.parametrize(
    ("language", "text", "entity", "expected"),
    [
        ("fr", "mon numéro de téléphone est zéro quatre septante-sept, douze, trente-quatre, "
         "cinquante-six", "PHONE_NUMBER",
         "zéro quatre septante-sept, douze, trente-quatre, cinquante-six"),
        ("nl", "mijn IBAN is B E zeven één nul negen zes één twee drie vier vijf zes zeven zes "
         "negen", "IBAN_CODE",
         "B E zeven één nul negen zes één twee drie vier vijf zes zeven zes negen"),
        ("de", "ich wohne in der Hauptstraße zwölf in Köln", "LOCATION", "Hauptstraße zwölf in Köln"),
    ],
)
def test_other_languages(detector: Detector, language: str, text: str, entity: str,
                         expected: str) -> None:
    t = transcript(text, language=language)
    assert expected in spans(t, detector.detect(t), entity)


@pytest.mark.parametrize(
    "text",
    [
        "Please press and hold the red button for five seconds then let go.",
        "Our fixed tariff is twenty eight cents per kilowatt hour for twelve months",
        "Can you call me back at ten thirty tomorrow?",
        "I'd like to place an order for two hundred and fifty leaflets.",
        "I'm at home. Me and my wife both work.",
        "My card expires soon, I think.",
        "this is about my bill",
        "I walk to the shop in five minutes.",
        "It came to one hundred and twelve euros",
    ],
)
def test_ordinary_speech_is_not_redacted(detector: Detector, text: str) -> None:
    t = transcript(text)
    assert detector.detect(t) == ()


def test_empty_transcript(detector: Detector) -> None:
    assert detector.detect(transcript("")) == ()


@pytest.mark.parametrize(
    ("text", "loops"),
    [
        ("and my number is right, so, right, so, right, so, right, so, right, so", True),
        ("call me on hey hey hey hey hey hey hey", True),
        ("no, no, no, that's not what I ordered", False),
        ("thank you, thank you, bye", False),
    ],
)
def test_repetition_loops_are_unreliable(detector: Detector, text: str, loops: bool) -> None:
    t = transcript(text)
    found = spans(t, detector.detect(t), "UNRELIABLE_TRANSCRIPT")
    assert found == ([t.text] if loops else [])


@pytest.mark.parametrize(
    ("customer", "agent", "expected"),
    [
        # The agent reads back digits the customer said: the read-back is their data too.
        ("it's four eight one, five five two, nine", "so that's four eight one five five two nine?",
         "four eight one five five two nine"),
        ("sort code 30 91 76", "lovely, 309176, and the account?", "309176"),
        # Different digits on the agent's side are the agent's own (an order reference).
        ("it's four eight one, five five two, nine", "your ticket is seven seven two one nine four",
         None),
    ],
)
def test_agent_read_back(detector: Detector, customer: str, agent: str,
                         expected: str | None) -> None:
    said = transcript(customer, start=1.0)
    back = transcript(agent, Speaker.AGENT, channel=0, start=6.0)
    prompts = detector.prompts(said) + detector.prompts(back)
    found = detector.detect(back, prompts)
    if expected is None:  # the customer's digits change nothing on the agent's side
        assert found == detector.detect(back)
    else:  # a typed entity (a phone-like run) may stand in for the bare digit run
        assert expected in [back.text[e.char_start:e.char_end] for e in found]
        assert not any(e.entity_type == "DIGIT_SEQUENCE" for e in detector.detect(back))


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        # Eight digits or more from the agent are a read-back even when the customer's side was
        # too garbled to confirm it: a sort code and account, a phone number, a card.
        ("So R203211, 7361, 0992.", "R203211, 7361, 0992"),
        ("right, reading it back, 5 5 0 1 9 2 8 4 6 3", "5 5 0 1 9 2 8 4 6 3"),
        # Fewer digits, amounts and times are the agent's own.
        ("your reference is 5519, anything else?", None),
        ("that comes to 1 ,250 ,000 euros over the term", None),
        ("the engineer comes between 8 and 12 on the 14th, 2027", None),
    ],
)
def test_agent_reading_out_many_digits(detector: Detector, agent: str,
                                       expected: str | None) -> None:
    back = transcript(agent, Speaker.AGENT, channel=0)
    found = [back.text[e.char_start:e.char_end] for e in detector.detect(back)]
    assert found == ([expected] if expected else [])  # a phone-like run may keep a phone type


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        ("and your name?", "er, Lorcan Fitzgibbon-Ames", "er, Lorcan Fitzgibbon-Ames"),
        ("full name please?", "walk in a beetle", "walk in a beetle"),  # a name Whisper garbled
        ("Thank you, and you are.", "There's an oil and pride,", "There's an oil and pride,"),
    ],
)
def test_name_answered_on_the_other_channel(detector: Detector, question: str, answer: str,
                                            expected: str) -> None:
    agent = _agent_question(question, ends_at=5.0)
    assert detector.detect(agent) == ()
    customer = transcript(answer, start=6.0)
    assert expected in spans(customer, detector.detect(customer, detector.prompts(agent)), "PERSON")


def test_a_name_answer_after_a_silence_is_its_own_sentence(detector: Detector) -> None:
    """Whisper ran the caller's words before the agent's question into the answer after it, with
    no full stop between; the 3-s silence (the agent asking) ends the sentence all the same."""
    agent = _agent_question("can I take your name,", ends_at=10.0)
    before = [(" so", 5.0, 5.2), (" you", 5.2, 5.4), (" get", 5.4, 5.6), (" a", 5.6, 5.7),
              (" cat,", 5.7, 6.0)]
    answer = [(" carry", 10.2, 10.6), (" on", 10.6, 10.8), (" with", 10.8, 11.0), (" it.", 11.0, 11.3)]
    text, segments = build_text([(5.0, 11.3, [(w, a, b, 0.9) for w, a, b in before + answer])])
    customer = ChannelTranscript(1, Speaker.CUSTOMER, "en", 0.99, text, segments)
    found = spans(customer, detector.detect(customer, detector.prompts(agent)), "PERSON")
    assert "carry on with it." in found
    assert not any("cat" in f for f in found)


@pytest.mark.parametrize("speaker", [Speaker.AGENT, Speaker.UNKNOWN])
def test_what_an_email_is_for_is_no_email(detector: Detector, speaker: Speaker) -> None:
    """"Best email for the decision letter?" asks; the words after "email" are its purpose."""
    t = transcript("Best email for the decision letter?", speaker, channel=0)
    assert spans(t, detector.detect(t), "EMAIL_ADDRESS") == []


def test_agent_asking_for_a_name_is_not_the_answer(detector: Detector) -> None:
    """On a stereo agent channel the words after "the name on the card." are the agent's own."""
    t = transcript("Thank you, and the name on the card. For verification, your date of birth?",
                   Speaker.AGENT, channel=0)
    assert spans(t, detector.detect(t), "PERSON") == []


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        # the agent's name garbled into ordinary words, no cue heard: the opening goes, up to a
        # question or 8 words
        ("Hello, Brookside Dental, who and speak in? Yes, I'd like to move my appointment.",
         Speaker.UNKNOWN, ["Hello, Brookside Dental, who and speak in?"]),
        # ... a self-introduction cue heard: the words beside it go, the business's greeting stays
        ("Westbay Water, you are seeking with pat a ball. How can I help? I need a new meter.",
         Speaker.AGENT, ["with pat a ball."]),
        ("Skyline mobile airplane, you're through to a river. How can I help?", Speaker.AGENT,
         ["through to a river."]),
        # ... and the words just before the opening's own question, where a name sits as often
        # as before "here" ("..., you're through to Marisol, how can I help?")
        ("Harbour Home Insurance, you're through to the claims team, if you're married, how can "
         "I help?", Speaker.AGENT, ["through to the claims team, if you're married,"]),
        ("While your pet insurance can't be here, your policy number?", Speaker.AGENT,
         ["pet insurance can't be here"]),
        ("I'll make an answer with my name in my name so great how can I help you?",
         Speaker.AGENT, ["with my name in my name so great how can"]),
        # "here to help" is no name before "here"; the cue before it still takes its words
        ("Thanks for calling Parcelpoint, I'm here to help, do you have the order number?",
         Speaker.AGENT, ["I'm here to help,"]),
        # a name was found in the opening: only the name goes
        ("Good morning, Harlow Gas, Priya speaking. How can I help?", Speaker.AGENT, ["Priya"]),
        ("Thanks for holding. My name is Deborah. Who am I talking to?", Speaker.AGENT,
         ["My name is Deborah."]),
        # a name found past the business's own words, with no introduction heard around it
        ("Thank you for calling Pennine Gas, Liam here, how can I help?", Speaker.AGENT, ["Liam"]),
        # ... but a "name" in the first words is the business: the garbled agent's name is not
        ("Roadway Rentals, damage claims, this is stronger, how can I help you?", Speaker.AGENT,
         ["Roadway Rentals", "this is stronger,"]),
        # the question that ends the opening comes after the name, and stays audible
        ("Harbor Federal Cardboard ribbon, ribbon, are you calling about a lost card?",
         Speaker.AGENT, ["Harbor Federal Cardboard ribbon, ribbon,"]),
        ("Clearline, hi, what can I do for you today?", Speaker.AGENT,
         ["Clearline, hi, what can I do for you today?"]),  # too little before it to hold a name
        # the customer's first words are no greeting
        ("I'd like to change my tariff please", Speaker.CUSTOMER, []),
    ],
)
def test_opening_without_a_name_is_redacted(detector: Detector, text: str, speaker: Speaker,
                                            expected: list[str]) -> None:
    opening = Detector(analyzer=detector.analyzer)
    t = transcript(text, speaker, channel=0 if speaker == Speaker.AGENT else 1)
    assert spans(t, opening.detect(t), "PERSON") == expected


@pytest.mark.parametrize(
    ("text", "speaker", "entity_type", "expected"),
    [
        # the business's name in the agent's greeting is no one's health data ...
        ("Riverside Clinic appointments, Priyanka here. How can I help?", Speaker.AGENT,
         "HEALTH", []),
        # ... but what the agent says of the caller later is
        ("Riverside Clinic appointments, Priyanka here. How can I help? Your chemotherapy "
         "appointment is moved.", Speaker.AGENT, "HEALTH", ["Your chemotherapy appointment is moved."]),
        # ... and so is what the agent says next, inside the opening's eight words
        ("Oncology ward. Sorry to hear about your cancer diagnosis.", Speaker.AGENT, "HEALTH",
         ["Oncology ward. Sorry to hear about your cancer diagnosis"]),
        # a caller who speaks first on a mono call is not a greeting
        ("I have a clinic appointment I need to move, it's for my chemotherapy.", Speaker.UNKNOWN,
         "HEALTH", ["I have a clinic appointment I need to move, it's for my chemotherapy"]),
    ],
)
def test_greeting_names_the_business_not_the_caller(
    detector: Detector, text: str, speaker: Speaker, entity_type: str, expected: list[str]
) -> None:
    t = transcript(text, speaker, channel=0)
    assert spans(t, detector.detect(t), entity_type) == expected


def test_opening_name_taken_for_a_place_is_still_the_name(detector: Detector) -> None:
    """spaCy's small model tags a lone first name a place as readily as a person."""
    opening = Detector(analyzer=detector.analyzer)
    t = transcript("Harbour Federal card services, it is Marcus, are you calling about a lost card?",
                   Speaker.AGENT, channel=0)
    found = opening.detect(t)
    assert spans(t, found, "LOCATION") == ["Marcus"]
    assert spans(t, found, "PERSON") == []


def test_opening_keeps_the_types_it_holds(detector: Detector) -> None:
    """A card number said in the opening is reported as one, inside the opening's redaction."""
    opening = Detector(analyzer=detector.analyzer)
    t = transcript("yes it's four five three nine one four eight eight", Speaker.UNKNOWN)
    types = {e.entity_type for e in opening.detect(t)}
    assert "PERSON" in types and types - {"PERSON"}


def test_opening_lasts_seconds_not_the_call(detector: Detector) -> None:
    opening = Detector(analyzer=detector.analyzer)
    words = " ".join(["fine"] * 40)  # 40 words at 0.4 s, no sentence end
    t = transcript(words, Speaker.AGENT, channel=0)
    (person,) = [e for e in opening.detect(t) if e.entity_type == "PERSON"]
    assert len(t.text[person.char_start:person.char_end].split()) == 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the expiry question garbled, the date right after the card's digits
        ("Yes, it's 4929 1234 5678 9012. And it has highly made. November 20, 27, and the code?",
         ["November 20, 27"]),
        # a card-length digit run with no card word counts as the card
        ("It's four nine two eight, three six seven two, one four. Good. March 2028.",
         ["March 2028"]),
        # no card before it: a date is a date
        ("The delivery comes on November 20, after the sale.", []),
        # too far after the card to be its expiry
        ("Yes, it's 4929 1234 5678 9012. Thank you, that's gone through, and your booking is "
         "confirmed for the large room with the sea view and breakfast included for two adults "
         "and one child, arriving on the evening of November 20.", []),
    ],
)
def test_a_date_just_after_a_card_number_is_its_expiry(detector: Detector, text: str,
                                                       expected: list[str]) -> None:
    t = transcript(text, Speaker.CUSTOMER, channel=1)
    assert spans(t, detector.detect(t), "CARD_EXPIRY") == expected
