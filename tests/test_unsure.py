"""Unsure neighbours: (words with Whisper's probability, detected span) -> redacted span."""

from __future__ import annotations

import pytest

from pipeline.detect.unsure import MAX_WORDS, with_unsure_neighbours
from pipeline.locate import UNRELIABLE
from pipeline.transcribe import build_text
from pipeline.types import Entity, Word


def words_of(spec: str, pause_after: int | None = None) -> tuple[str, tuple[Word, ...]]:
    """'five:.9 nine:.9 Mirror:.05' -> text and words 0.4 s apart (a 2 s pause after word n)."""
    raw, t = [], 0.0
    for k, item in enumerate(spec.split()):
        text, p = item.rsplit(":", 1)
        raw.append((f" {text}", t, t + 0.3, float(p)))
        t += 0.4 + (2.0 if k == pause_after else 0.0)
    text, segments = build_text([(0.0, t, raw)])
    return text, tuple(w for s in segments for w in s.words)


def redacted(spec: str, value: str, entity_type: str = "CARD_SECURITY_CODE",
             special: bool = False, pause_after: int | None = None) -> str:
    text, words = words_of(spec, pause_after)
    start = text.index(value)
    entity = Entity(entity_type, 1, start, start + len(value), 0.8, "Test", special)
    (out,) = with_unsure_neighbours(words, [entity])
    return text[out.char_start:out.char_end]


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        # a garbled last digit after the digits heard
        ("code:.9 is:.9 5:.8 -9:.7 Mirror:.05 thanks:.9", "5 -9", "5 -9 Mirror"),
        # garbled letters before, garbled digits after: both sides
        ("I:.9 eat:.1 too:.15 high,:.1 931,:.9 9212,:.9 lemonade.:.04 To:.9",
         "931, 9212,", "eat too high, 931, 9212, lemonade."),
        # a name's garbled second half
        ("Sure,:.9 Marcus:.8 Diakawa:.3 readman.:.1 Thanks:.9", "Marcus Diakawa",
         "Marcus Diakawa readman."),
        # words Whisper was sure of stay, however close
        ("my:.95 card:.95 4539:.9 1488:.9 thanks:.9", "4539 1488", "4539 1488"),
        # the first sure word stops the reach, even with unsure words beyond it
        ("4539:.9 ok:.9 um:.05", "4539", "4539"),
        # a span inside a word keeps its own bounds (no punctuation taken in)
        ("Priya,:.9 speaking:.9", "Priya", "Priya"),
    ],
)
def test_unsure_neighbours(spec: str, value: str, expected: str) -> None:
    assert redacted(spec, value) == expected


def test_reach_is_bounded() -> None:
    spec = "1234:.9 " + " ".join(f"w{k}:.05" for k in range(MAX_WORDS + 3))
    assert redacted(spec, "1234") == "1234 " + " ".join(f"w{k}" for k in range(MAX_WORDS))


def test_a_pause_ends_the_value() -> None:
    assert redacted("1234:.9 5678:.9 um:.05", "1234 5678", pause_after=1) == "1234 5678"


def test_statements_and_loops_are_left_as_found() -> None:
    spec = "I'm:.9 diabetic:.9 uh:.05"
    assert redacted(spec, "I'm diabetic", "HEALTH", special=True) == "I'm diabetic"
    assert redacted(spec, "I'm diabetic", UNRELIABLE) == "I'm diabetic"
