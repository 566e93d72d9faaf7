"""The rescue policy for looping stretches, with scripted decodes (the real model is in e2e tests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from callvault.evaluation.scripts import sample_call
from callvault.evaluation.synth import synthesize
from pipeline.decode import decode
from pipeline.rescue import (
    INAUDIBLE,
    RawSegment,
    RawWord,
    compression_ratio,
    has_loop,
    judged,
    rescue,
)
from pipeline.runner import Redactor
from pipeline.transcribe import WhisperTranscriber, split_speech
from tests.conftest import requires_espeak

RATE = 100  # samples per second: enough resolution for these timings


def seg(start: float, end: float, text: str, reliable: bool = True) -> RawSegment:
    toks = text.split()
    step = (end - start) / max(1, len(toks))
    words = tuple(RawWord(t, start + i * step, start + (i + 1) * step, 0.9)
                  for i, t in enumerate(toks))
    return RawSegment(start, end, words, reliable)


class Script:
    """A decoder that answers by the clip's length, recording every call it gets."""

    def __init__(self, clip: list[RawSegment], pieces: list[RawSegment] | None = None) -> None:
        self.clip, self.pieces = clip, pieces or []
        self.calls: list[tuple[float, bool]] = []

    def __call__(self, samples: np.ndarray, vad: bool) -> Sequence[RawSegment]:
        self.calls.append((len(samples) / RATE, vad))
        if vad:
            return [judged(s, 2.4) for s in self.clip]
        return [judged(self.pieces.pop(0), 2.4)] if self.pieces else []


def halves(samples: np.ndarray) -> list[tuple[int, int]]:
    mid = len(samples) // 2
    return [(0, mid), (mid, len(samples))]


LOOP = "four one " * 8


@pytest.mark.parametrize(
    ("words", "looping"),
    [
        ("no , no , no , no", False),
        ("no " * 6, True),
        ("four one four one four one four one", True),
        ("four one four one four one", False),
        ("the card is 4 1 5 6 7 2 8 1", False),
        ("O- L- U- N- A- T- E- M- A- T- E- M- A- T- E- M- A- T- E- M", True),
    ],
)
def test_has_loop(words: str, looping: bool) -> None:
    assert has_loop(words.split()) is looping


def test_judged_catches_a_loop_its_window_missed() -> None:
    assert not judged(seg(0, 5, LOOP), 2.4).reliable
    assert judged(seg(0, 5, "my account number please"), 2.4).reliable
    assert compression_ratio("") == 0.0
    # A window Whisper condemned is not acquitted by one clean-looking segment of it.
    assert not judged(seg(0, 5, "my account number please", reliable=False), 2.4).reliable


def test_clip_decode_replaces_the_run_and_keeps_neighbours() -> None:
    segments = [seg(0, 2, "hello there"), seg(2, 8, LOOP, False), seg(8, 9, "thank you")]
    decode = Script([seg(0.3, 3.0, "my card is"), seg(3.0, 6.0, "4 1 5 6")])
    out = rescue(np.zeros(10 * RATE), RATE, segments, decode, halves)
    assert [s.text for s in out] == ["hello there", "my card is", "4 1 5 6", "thank you"]
    assert all(s.reliable for s in out)
    # The clip stays between the reliable neighbours and is shifted back into channel time.
    assert decode.calls == [(6.0, True)]
    assert out[1].start == pytest.approx(2.3) and out[2].words[0].start == pytest.approx(5.0)


def test_a_segment_still_looping_is_split_and_only_the_bad_piece_stays_unreliable() -> None:
    segments = [seg(0, 10, LOOP, False)]
    decode = Script([seg(0, 10, LOOP)], pieces=[seg(0, 5, "the code is"), seg(0, 5, LOOP)])
    out = rescue(np.zeros(10 * RATE), RATE, segments, decode, halves)
    assert [s.reliable for s in out] == [True, False]
    assert out[0].text == "the code is"
    # The looping piece is redacted over the whole piece, whatever timing its words claim.
    assert (out[1].start, out[1].end) == (5.0, 10.0)


def test_a_piece_nobody_can_put_into_words_stays_redacted() -> None:
    segments = [seg(0, 10, LOOP, False)]
    decode = Script([seg(0, 10, LOOP)], pieces=[seg(0, 5, "fine words here")])
    out = rescue(np.zeros(10 * RATE), RATE, segments, decode, halves)
    assert out[-1].text == INAUDIBLE and not out[-1].reliable
    assert (out[-1].start, out[-1].end) == (5.0, 10.0)


def test_nothing_heard_again_keeps_the_first_verdict() -> None:
    segments = [seg(0, 2, "hello"), seg(2, 6, LOOP, False)]
    out = rescue(np.zeros(6 * RATE), RATE, segments, Script([]), halves)
    assert out == segments


def test_reliable_transcripts_are_not_decoded_again() -> None:
    segments = [seg(0, 2, "hello"), seg(2, 4, "goodbye")]
    decode = Script([])
    assert rescue(np.zeros(4 * RATE), RATE, segments, decode, halves) == segments
    assert decode.calls == []


@requires_espeak
def test_real_model_rescues_a_stretch_marked_unreliable(
    redactor: Redactor, calls_dir: Path
) -> None:
    """The real decoder and VAD splitter: a stretch condemned by its window is read again.

    A clean synthetic call is first transcribed; one segment is then marked unreliable, as a loop
    elsewhere in its window would have it. The rescue must put words back in the same stretch of
    channel time, judged reliable, and leave the other segments as they were.
    """
    call = synthesize(sample_call(), calls_dir / "rescue.wav", sample_rate=16000, stereo=False)
    channel = decode(call.path).channels[0]
    transcriber = redactor.transcriber
    assert isinstance(transcriber, WhisperTranscriber)
    rescuing = WhisperTranscriber(replace(transcriber.config, rescue=True))
    rescuing._model = transcriber._load()  # one model per session
    first = [RawSegment(s.start, s.end, tuple(RawWord(w.text, w.start, w.end, w.probability)
                                               for w in s.words))
             for s in rescuing.transcribe(channel).segments]
    assert len(first) >= 3
    condemned = len(first) // 2
    first[condemned] = replace(first[condemned], reliable=False)
    model = rescuing._load()

    def decode_clip(clip: np.ndarray, vad: bool) -> list[RawSegment]:
        found, _ = model.transcribe(clip, language="en", temperature=0.0, word_timestamps=True,
                                    condition_on_previous_text=False, vad_filter=vad)
        return [judged(RawSegment(s.start, s.end, tuple(RawWord(w.word, w.start, w.end,
                                                                w.probability) for w in s.words)),
                       2.4) for s in found]

    out = rescue(channel.samples, channel.sample_rate, first, decode_clip, split_speech)
    assert out[:condemned] == first[:condemned]
    assert out[-(len(first) - condemned - 1):] == first[condemned + 1:]
    redone = out[condemned:len(out) - (len(first) - condemned - 1)]
    assert redone and all(s.reliable for s in redone)
    gone = first[condemned]
    assert all(gone.start - 0.5 <= w.start and w.end <= gone.end + 0.5
               for s in redone for w in s.words)
    assert " ".join(s.text for s in redone).strip()
