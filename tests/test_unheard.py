"""Speech with no transcribed word is redacted: the gap rule in tables, then with the real VAD."""

from __future__ import annotations

from pathlib import Path

import pytest

from callvault.evaluation.scripts import sample_call
from callvault.evaluation.synth import synthesize
from pipeline.decode import decode
from pipeline.rescue import INAUDIBLE, RawSegment, RawWord
from pipeline.transcribe import speech_regions
from pipeline.unheard import unheard_stretches, with_unheard
from tests.conftest import requires_espeak


def words(*spans: tuple[float, float], reliable: bool = True) -> RawSegment:
    ws = tuple(RawWord("word", a, b, 0.9) for a, b in spans)
    return RawSegment(spans[0][0], spans[-1][1], ws, reliable)


@pytest.mark.parametrize(
    ("speech", "segments", "expected"),
    [
        # Every second of speech has a word nearby: nothing to add.
        ([(0.0, 4.0)], [words((0.2, 1.0), (1.2, 2.5), (2.7, 3.9))], []),
        # Three seconds of speech after the last word: redacted from the word's slack on.
        ([(0.0, 6.0)], [words((0.2, 1.0), (1.1, 2.7))], [(3.0, 6.0)]),
        # A short gap (a pause inside speech) stays.
        ([(0.0, 5.0)], [words((0.2, 1.0)), words((2.5, 4.8))], []),
        # A stretch already redacted whole (a loop) is not redacted twice.
        ([(0.0, 9.0)], [words((0.2, 1.0)), words((1.5, 8.8), reliable=False)], []),
        # Speech with no word at all.
        ([(10.0, 13.5)], [words((0.2, 1.0))], [(10.0, 13.5)]),
        # Words outside any speech region do not hide a later gap.
        ([(5.0, 8.0)], [words((0.5, 1.0)), words((9.0, 9.5))], [(5.0, 8.0)]),
    ],
)
def test_unheard_stretches(
    speech: list[tuple[float, float]], segments: list[RawSegment],
    expected: list[tuple[float, float]],
) -> None:
    found = unheard_stretches(speech, segments)
    assert [(round(s.start, 2), round(s.end, 2)) for s in found] == expected
    assert all(not s.reliable and s.text == INAUDIBLE for s in found)


def test_with_unheard_keeps_time_order() -> None:
    segments = [words((0.2, 1.0)), words((6.0, 7.0))]
    out = with_unheard(segments, [(0.0, 7.0)])
    assert [s.start for s in out] == sorted(s.start for s in out)
    assert [s.reliable for s in out] == [True, False, True]
    assert with_unheard(segments, [(0.0, 1.2)]) == segments


@pytest.mark.parametrize(
    ("text", "start", "end", "is_stretched"),
    [
        ("MN281.", 38.27, 41.61, True),  # a phone number squeezed into one token
        ("Featherstonehaugh", 10.0, 12.5, False),  # long names take long
        ("hello", 1.0, 2.2, False),  # slow, but under the 2 s floor
        ("yes", 5.0, 7.5, True),
    ],
)
def test_stretched_words(text: str, start: float, end: float, is_stretched: bool) -> None:
    word = RawWord(text, start, end, 0.9)
    segments = [RawSegment(start - 1, end + 1, (RawWord("so", start - 1, start - 0.8, 0.9), word))]
    out = with_unheard(segments, [])
    assert out[0].reliable is not is_stretched
    assert out[0].words == segments[0].words


@requires_espeak
def test_real_vad_finds_the_speech_a_transcript_left_out(calls_dir: Path) -> None:
    """Silero VAD on a synthetic call: drop the words of one planted item from a transcript
    and the rule redacts where they were spoken."""
    call = synthesize(sample_call(), calls_dir / "unheard.wav", sample_rate=16000, stereo=False)
    channel = decode(call.path).channels[0]
    speech = speech_regions(channel.samples, channel.sample_rate)
    assert speech and all(b > a for a, b in speech)
    longest = max(call.planted, key=lambda p: p.end - p.start)
    assert longest.end - longest.start >= 2.5
    # A transcript with a word every half second of speech, except over the planted item.
    heard = [
        RawWord("word", t / 2, t / 2 + 0.3, 0.9)
        for t in range(int(channel.duration * 2))
        if not (longest.start - 0.3 < t / 2 < longest.end)
    ]
    found = with_unheard([RawSegment(0.0, channel.duration, tuple(heard))], speech)
    gaps = [s for s in found if not s.reliable]
    assert gaps, "the left-out item was not found"
    covered = sum(min(s.end, longest.end) - max(s.start, longest.start) for s in gaps)
    assert covered >= 0.8 * (longest.end - longest.start) - 0.6
