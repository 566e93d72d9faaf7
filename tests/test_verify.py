"""Verification pass orchestration, with a scripted transcriber standing in for the second model.

The real second model runs in the end-to-end tests (verification is on by default); here the point is
the rules: what still heard is redacted, what lies under a beep or is an amount is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydub import AudioSegment

from pipeline.detect.detector import Detector
from pipeline.locate import LocateConfig
from pipeline.transcribe import ProgressFn, Transcriber, build_text
from pipeline.types import ChannelAudio, ChannelTranscript, Interval, Speaker
from pipeline.verify import verify

CFG = LocateConfig(pad_before=0.1, pad_after=0.1, merge_gap=0.3)


class ScriptedTranscriber(Transcriber):
    """Returns fixed words: the orchestration under test doesn't depend on what a model hears."""

    name = "scripted"

    def __init__(self, words: list[tuple[str, float, float]]) -> None:
        self.words = words
        self.languages: list[str | None] = []

    def for_language(self, language: str) -> Transcriber:
        return self

    def transcribe(self, audio: ChannelAudio, progress: ProgressFn | None = None,
                   language: str | None = None) -> ChannelTranscript:
        self.languages.append(language)
        text, segments = build_text([(0.0, 10.0, [(f" {w}", s, e, 0.9) for w, s, e in self.words])])
        return ChannelTranscript(audio.index, audio.speaker, language or "en", 1.0, text, segments)


def _first_pass() -> ChannelTranscript:
    words = [("hello", 0.0, 0.5), ("my", 1.0, 1.2), ("number", 1.2, 1.6), ("is", 1.6, 1.8),
             ("Nero", 2.0, 2.4), ("nine", 2.5, 2.9), ("and", 3.0, 3.2), ("it", 3.3, 3.5),
             ("costs", 3.5, 3.9), ("199", 4.0, 4.5), ("euros", 4.5, 5.0)]
    text, segments = build_text([(0.0, 5.0, [(f" {w}", s, e, 0.9) for w, s, e in words])])
    return ChannelTranscript(0, Speaker.CUSTOMER, "en", 1.0, text, segments)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


def test_digits_still_heard_are_redacted_amounts_are_not(detector: Detector) -> None:
    heard = ScriptedTranscriber([("my", 1.0, 1.2), ("number", 1.2, 1.6), ("is", 1.6, 1.8),
                                 ("zero", 2.0, 2.4), ("nine", 2.5, 2.9), ("seven", 3.0, 3.2),
                                 ("it", 3.3, 3.5), ("costs", 3.5, 3.9), ("199", 4.0, 4.5),
                                 ("euros", 4.5, 5.0)])
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    result = verify(audio, [_first_pass()], [], lambda _lang: heard, detector, CFG)
    assert heard.languages == ["en"]
    assert [(h.entity_type, h.start) for h in result.heard] == [("DIGIT_SEQUENCE", 1.9)]
    # the first transcript's words under the new interval are redacted in the text too
    texts = {_first_pass().text[e.char_start:e.char_end] for e, _ in result.entities}
    assert {"Nero", "nine"} <= texts and "199" not in texts


def test_what_lies_under_a_beep_is_not_a_leak(detector: Detector) -> None:
    heard = ScriptedTranscriber([("four", 2.0, 2.2), ("five", 2.3, 2.5), ("six", 2.6, 2.8)])
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    beeped = [Interval(0, 1.8, 3.0, ("CREDIT_CARD",))]
    result = verify(audio, [_first_pass()], beeped, lambda _lang: heard, detector, CFG)
    assert result.heard == () and result.intervals == ()


def test_each_channel_is_verified_in_its_own_language(detector: Detector, tmp_path: Path) -> None:
    heard = ScriptedTranscriber([("bonjour", 0.0, 0.5)])
    stereo = AudioSegment.from_mono_audiosegments(
        AudioSegment.silent(duration=2000, frame_rate=8000),
        AudioSegment.silent(duration=2000, frame_rate=8000),
    )
    fr = ChannelTranscript(0, Speaker.AGENT, "fr", 1.0, "", ())
    en = ChannelTranscript(1, Speaker.CUSTOMER, "en", 1.0, "", ())
    asked: list[str] = []

    def pick(language: str) -> Transcriber:
        asked.append(language)
        return heard

    result = verify(stereo, [fr, en], [], pick, detector, CFG)
    assert asked == ["fr", "en"] and heard.languages == ["fr", "en"] and result.heard == ()


def test_a_greeting_whose_name_is_beeped_is_not_heard_again(detector: Detector) -> None:
    """The opening rule is for a name the first model lost; under a beep, the name is gone."""
    greeting = [("Good", 0.0, 0.3), ("morning,", 0.3, 0.8), ("Lochside", 0.9, 1.4),
                ("Energy,", 1.4, 1.9), ("speaking.", 2.6, 3.1), ("How", 3.3, 3.5),
                ("can", 3.5, 3.7), ("I", 3.7, 3.8), ("help?", 3.8, 4.2)]
    first_text, first_segments = build_text(
        [(0.0, 4.2, [(f" {w}", s, e, 0.9) for w, s, e in greeting])])
    first = ChannelTranscript(0, Speaker.AGENT, "en", 1.0, first_text, first_segments)
    audio = AudioSegment.silent(duration=5000, frame_rate=8000)
    beeped = [Interval(0, 1.9, 2.6, ("PERSON",))]
    result = verify(audio, [first], beeped, lambda _lang: ScriptedTranscriber(greeting), detector,
                    CFG)
    assert result.heard == ()


def test_words_after_a_beeped_answer_are_not_the_answer(detector: Detector) -> None:
    """Heard again, "date of birth? [beep] Thanks. Tuesday, 10" gives the date slot what follows
    the beep; the date itself is under it."""
    heard = ScriptedTranscriber([("Your", 0.0, 0.2), ("date", 0.2, 0.5), ("of", 0.5, 0.6),
                                 ("birth?", 0.6, 1.0), ("Thanks.", 3.6, 4.0), ("Tuesday,", 4.2, 4.6),
                                 ("10", 4.7, 5.0)])
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    beeped = [Interval(0, 1.2, 3.4, ("DATE_OF_BIRTH",))]
    result = verify(audio, [_first_pass()], beeped, lambda _lang: heard, detector, CFG)
    assert [h.entity_type for h in result.heard] == []


def test_a_date_heard_right_after_its_question_is_redacted(detector: Detector) -> None:
    heard = ScriptedTranscriber([("Your", 0.0, 0.2), ("date", 0.2, 0.5), ("of", 0.5, 0.6),
                                 ("birth?", 0.6, 1.0), ("the", 1.2, 1.3), ("4th", 1.3, 1.6),
                                 ("of", 1.6, 1.7), ("June", 1.7, 2.0), ("1979.", 2.0, 2.6)])
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    result = verify(audio, [_first_pass()], [], lambda _lang: heard, detector, CFG)
    assert "DATE_OF_BIRTH" in [h.entity_type for h in result.heard]


def test_numbers_joined_by_and_are_a_time_or_an_amount(detector: Detector) -> None:
    heard = ScriptedTranscriber([("between", 1.0, 1.4), ("10", 1.5, 1.8), ("and", 1.8, 2.0),
                                 ("12", 2.0, 2.4), ("then", 2.6, 2.9)])
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    result = verify(audio, [_first_pass()], [], lambda _lang: heard, detector, CFG)
    assert result.heard == ()


def test_digits_the_first_pass_heard_the_same_are_left_to_it(detector: Detector) -> None:
    """An order reference both models hear as "4471" was judged by the first pass in context."""
    words = [("order", 1.0, 1.4), ("4471", 1.5, 2.3), ("arrived", 2.4, 2.9)]
    text, segments = build_text([(0.0, 5.0, [(f" {w}", s, e, 0.9) for w, s, e in words])])
    first = ChannelTranscript(0, Speaker.CUSTOMER, "en", 1.0, text, segments)
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    same = ScriptedTranscriber([("order", 1.1, 1.5), ("4471", 1.6, 2.4), ("arrived", 2.5, 3.0)])
    assert verify(audio, [first], [], lambda _lang: same, detector, CFG).heard == ()
    # other digits there, or the same digits elsewhere, are still news
    other = ScriptedTranscriber([("order", 1.1, 1.5), ("4479", 1.6, 2.4), ("arrived", 2.5, 3.0)])
    later = ScriptedTranscriber([("order", 3.1, 3.5), ("4471", 3.6, 4.4)])
    for heard in (other, later):
        result = verify(audio, [first], [], heard.for_language, detector, CFG)
        assert [h.entity_type for h in result.heard] == ["DIGIT_SEQUENCE"]


def _transcript(words: list[tuple[str, float, float]]) -> ChannelTranscript:
    text, segments = build_text([(0.0, 20.0, [(f" {w}", s, e, 0.9) for w, s, e in words])])
    return ChannelTranscript(0, Speaker.CUSTOMER, "en", 1.0, text, segments)


def test_digits_the_first_pass_meant_to_beep_are_news(detector: Detector) -> None:
    """Heard again where the first pass beeped them, the same digits are a beep that missed."""
    first = _transcript([("order", 1.0, 1.4), ("4471", 1.5, 2.3), ("arrived", 2.4, 2.9)])
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    same = ScriptedTranscriber([("order", 1.1, 1.5), ("4471", 1.6, 2.4), ("arrived", 2.5, 3.0)])
    missed = [Interval(0, 1.5, 1.7, ("DIGIT_SEQUENCE",))]  # the beep ends inside the number
    result = verify(audio, [first], missed, same.for_language, detector, CFG)
    assert [h.entity_type for h in result.heard] == ["DIGIT_SEQUENCE"]


# The first model wrote a delivery slot and a count in words; the verifier writes them as digits
# at the same times, which its shape-only digit rule bridges into one long run.
SLOT_IN_WORDS = [("the", 0.0, 0.2), ("slot", 0.2, 0.5), ("is", 0.5, 0.7), ("ten", 0.8, 1.1),
                 ("twelve", 1.2, 1.6), ("and", 1.7, 1.9), ("thirty", 2.0, 2.3), ("six", 2.3, 2.6),
                 ("items", 2.7, 3.1), ("one", 3.2, 3.4), ("hundred", 3.4, 3.8), ("and", 3.8, 3.9),
                 ("four", 3.9, 4.2)]


def test_numbers_both_models_heard_alike_are_no_news(detector: Detector) -> None:
    first = _transcript(SLOT_IN_WORDS)
    audio = AudioSegment.silent(duration=6000, frame_rate=8000)
    digits = ScriptedTranscriber([("the", 0.0, 0.2), ("slot", 0.2, 0.5), ("is", 0.5, 0.7),
                                  ("10", 0.8, 1.1), ("12", 1.2, 1.6), ("and", 1.7, 1.9),
                                  ("36", 2.0, 2.6), ("items", 2.7, 3.1), ("104", 3.2, 4.2)])
    assert verify(audio, [first], [], digits.for_language, detector, CFG).heard == ()
    # a word standing for a digit, or one number the first model did not hear, is still news
    nero = ScriptedTranscriber([("10", 0.8, 1.1), ("12", 1.2, 1.6), ("Nero", 1.7, 1.9),
                                ("36", 2.0, 2.6), ("items", 2.7, 3.1), ("104", 3.2, 4.2)])
    other = ScriptedTranscriber([("10", 0.8, 1.1), ("12", 1.2, 1.6), ("and", 1.7, 1.9),
                                 ("36", 2.0, 2.6), ("items", 2.7, 3.1), ("107", 3.2, 4.2)])
    for heard in (nero, other):
        result = verify(audio, [first], [], heard.for_language, detector, CFG)
        assert result.heard, heard.words


def test_a_statement_heard_again_stops_at_a_beep(detector: Detector) -> None:
    """The words after a beep are another sentence the first pass judged; a term heard again
    takes its own stretch between beeps, not a budget of words across them."""
    first = _transcript([("hello", 0.0, 0.4)])
    words = [("so", 1.0, 1.2), ("my", 1.3, 1.5), ("son", 1.5, 1.8), ("has", 1.9, 2.1),
             ("asthma", 2.2, 2.8), ("and", 5.0, 5.2), ("then", 5.3, 5.5), ("the", 5.6, 5.7),
             ("parcel", 5.8, 6.2), ("came", 6.3, 6.6), ("late", 6.7, 7.0)]
    beep = [Interval(0, 3.0, 4.8, ("PERSON",))]
    audio = AudioSegment.silent(duration=9000, frame_rate=8000)
    result = verify(audio, [first], beep, ScriptedTranscriber(words).for_language, detector, CFG)
    assert [h.entity_type for h in result.heard] == ["HEALTH"]
    assert result.heard[0].start < 1.3 and result.heard[0].end < 3.0


def test_first_pass_words_under_a_statement_heard_again_are_special(detector: Detector) -> None:
    """The report's Art. 9 summary, which gates access to the recording, is read from them."""
    said = [("so", 1.0, 1.2), ("my", 1.3, 1.5), ("son", 1.5, 1.8), ("has", 1.9, 2.1)]
    first = _transcript([*said, ("as", 2.2, 2.4), ("mine", 2.4, 2.8)])
    heard = ScriptedTranscriber([*said, ("asthma", 2.2, 2.8)])
    audio = AudioSegment.silent(duration=4000, frame_rate=8000)
    result = verify(audio, [first], [], heard.for_language, detector, CFG)
    assert [h.entity_type for h in result.heard] == ["HEALTH"]
    words = {first.text[e.char_start:e.char_end] for e, _ in result.entities}
    assert {"as", "mine"} <= words
    assert all(e.special_category and e.entity_type == "HEALTH" for e, _ in result.entities)
