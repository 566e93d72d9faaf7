"""Second-hearing orchestration, with scripted transcripts standing in for the two models.

The real `tiny.en` hears the calls in the end-to-end tests (the second hearing is on by default);
here the point is the policy: what the second transcript adds, and what it is not trusted with.
"""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.detect.detector import Detector
from pipeline.locate import LocateConfig
from pipeline.rescue import INAUDIBLE
from pipeline.second_hearing import RECOGNIZER, second_hearing
from pipeline.transcribe import ProgressFn, Transcriber, build_text
from pipeline.types import ChannelAudio, ChannelTranscript, Speaker

CFG = LocateConfig(pad_before=0.1, pad_after=0.1, merge_gap=0.3)
Said = dict[int, str]  # channel -> words, one every 0.5 s; the caller (1) answers from 2.5 s


def _transcript(channel: int, words: str, language: str = "en") -> ChannelTranscript:
    t0 = 2.5 * channel
    timed = [(f" {w}", t0 + 0.5 * i, t0 + 0.5 * i + 0.4, 0.9) for i, w in enumerate(words.split())]
    text, segments = build_text([(t0, t0 + 0.5 * len(timed) + 0.5, timed)])
    speaker = Speaker.AGENT if channel == 0 else Speaker.CUSTOMER
    return ChannelTranscript(channel, speaker, language, 1.0, text, segments)


class Scripted(Transcriber):
    """The second model: per channel, the words it is scripted to hear."""

    name = "scripted"

    def __init__(self, said: Said) -> None:
        self.said = said
        self.heard: list[int] = []

    def transcribe(self, audio: ChannelAudio, progress: ProgressFn | None = None,
                   language: str | None = None) -> ChannelTranscript:
        self.heard.append(audio.index)
        return _transcript(audio.index, self.said[audio.index], language or "en")


def _hear(detector: Detector, first: Said, second: Said, language: str = "en") -> tuple:
    firsts = [_transcript(ch, words, language) for ch, words in first.items()]
    audio = [ChannelAudio(ch, t.speaker, np.zeros(16, dtype=np.float32))
             for ch, t in zip(first, firsts, strict=True)]
    listener = Scripted(second)
    result = second_hearing(audio, firsts, (), lambda lang: listener if lang == "en" else None,
                            detector, CFG, 30.0)
    return result, firsts, listener


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


# (first model's words, second model's words, types the second hearing adds, first-pass words
# then redacted). Channel 1 is the caller; channel 0 the agent, where a question is needed.
CASES = [
    pytest.param({1: "I got rupus and my knees hurt"}, {1: "I've got lupus and my knees hurt"},
                 {"HEALTH"}, {"rupus"}, id="a condition only the second model heard"),
    pytest.param({1: "it is Nero nine set one to three"}, {1: "it is zero nine seven one two three"},
                 {"PHONE_NUMBER"}, {"Nero", "nine", "three"}, id="digits the first heard as words"),
    pytest.param({0: "and your surname please", 1: "it's come in sky"},
                 {0: "and your surname please", 1: "it's Kaminski"},
                 {"PERSON"}, {"come"}, id="an answer read by its question, placed by its time"),
    pytest.param({1: "it costs 199 euros in total"}, {1: "it costs 199 euros in total"},
                 set(), set(), id="an amount both heard"),
    pytest.param({1: "it was 4 1 2 7 7 3 yes"}, {1: "it was 4 1 2 7 7 3 yes"},
                 set(), set(), id="digits both heard alike: the first pass judged them"),
    pytest.param({1: "hello Bristol lovely to talk"}, {1: "hello Marcus lovely to talk"},
                 set(), set(), id="no spaCy or name-shape rule on the second transcript"),
    pytest.param({0: "and your surname please", 1: "it's Kaminski thanks"},
                 {0: "and your surname please", 1: INAUDIBLE},
                 set(), set(), id="nothing heard is no name"),
]


@pytest.mark.parametrize(("first", "second", "types", "words"), CASES)
def test_second_hearing_adds_what_only_it_heard(detector: Detector, first: Said, second: Said,
                                                types: set[str], words: set[str]) -> None:
    result, firsts, _ = _hear(detector, first, second)
    assert {h.entity_type for h in result.found} == types
    assert {iv.channel for iv in result.intervals} <= set(first)
    redacted = set()
    for entity, _iv in result.entities:
        assert entity.recognizer == RECOGNIZER
        tr = next(t for t in firsts if t.channel == entity.channel)
        redacted.add(tr.text[entity.char_start:entity.char_end].strip(" ,."))
    assert words <= redacted
    if not types:
        assert result.intervals == () and result.entities == ()


def test_found_interval_lies_on_the_second_models_timing(detector: Detector) -> None:
    result, _, _ = _hear(detector, {1: "I got rupus and my knees hurt"},
                         {1: "I've got lupus and my knees hurt"})
    (iv,) = result.intervals
    # the words redacted in the text stay special-category data: the report's Art. 9 summary
    # (which gates access to the recording) is read from them
    assert result.entities and all(e.special_category for e, _ in result.entities)
    # "lupus" is the caller's third word: 3.5-3.9 s, padded by 0.1 s; its sentence may widen it.
    assert iv.channel == 1 and iv.start <= 3.4 and iv.end >= 4.0
    assert result.model == "scripted"


def test_what_the_first_pass_redacts_already_is_no_finding(detector: Detector) -> None:
    first = {1: "I got rupus and my knees hurt"}
    second = {1: "I've got lupus and my knees hurt"}
    found, _, _ = _hear(detector, first, second)
    (iv,) = found.intervals
    firsts = [_transcript(1, first[1])]
    audio = [ChannelAudio(1, Speaker.CUSTOMER, np.zeros(16, dtype=np.float32))]
    listener = Scripted(second)
    again = second_hearing(audio, firsts, [iv], lambda _lang: listener, detector, CFG, 30.0)
    assert listener.heard == [1]  # heard, but nothing new
    assert again.found == () and again.intervals == () and again.entities == ()


def test_a_language_with_no_second_model_is_heard_once(detector: Detector) -> None:
    result, _, listener = _hear(detector, {1: "ik heb kanker"}, {1: "ik heb kanker"},
                                language="nl")
    assert listener.heard == []
    assert result.model == "" and result.found == () and result.intervals == ()


def test_progress_runs_over_every_channel_to_the_end(detector: Detector) -> None:
    firsts = [_transcript(0, "good morning", "nl"), _transcript(1, "I got rupus")]
    audio = [ChannelAudio(ch, t.speaker, np.zeros(1600 * (ch + 1), dtype=np.float32))
             for ch, t in enumerate(firsts)]
    listener = Scripted({1: "I've got lupus"})
    shares: list[float] = []
    second_hearing(audio, firsts, (), lambda lang: listener if lang == "en" else None,
                   detector, CFG, 30.0, shares.append)
    assert listener.heard == [1]  # the Dutch channel has no second model
    assert shares == sorted(shares) and shares[-1] == 1.0
    assert shares[0] == pytest.approx(1 / 3)  # the first channel is a third of the audio
