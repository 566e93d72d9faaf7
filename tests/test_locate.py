"""Span location table: character spans → words → padded, merged audio intervals."""

from __future__ import annotations

import pytest

from pipeline.locate import LocateConfig, locate, merge_intervals
from pipeline.transcribe import build_text
from pipeline.types import ChannelTranscript, Entity, Interval, Speaker

CFG = LocateConfig(pad_before=0.1, pad_after=0.2, merge_gap=0.3)


def _transcript(words: list[tuple[str, float, float]], channel: int = 0) -> ChannelTranscript:
    text, segments = build_text(
        [(words[0][1], words[-1][2], [(f" {w}", s, e, 0.9) for w, s, e in words])]
    )
    return ChannelTranscript(channel, Speaker.CUSTOMER, "en", 1.0, text, segments)


WORDS = [
    ("my", 0.0, 0.2),
    ("code", 0.2, 0.5),
    ("is", 0.5, 0.6),
    ("731", 0.7, 1.4),
    ("thanks", 2.0, 2.4),
]


def _entity(tr: ChannelTranscript, needle: str, etype: str = "PIN") -> Entity:
    start = tr.text.index(needle)
    return Entity(etype, tr.channel, start, start + len(needle), 0.9, "test")


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("731", (0.6, 1.6)),  # one word, padded both sides
        ("73", (0.6, 1.6)),  # part of a word redacts the whole word
        ("is 731", (0.4, 1.6)),  # several words
        ("my", (0.0, 0.4)),  # padding clipped at 0
        ("thanks", (1.9, 2.4)),  # padding clipped at the duration
    ],
)
def test_entity_to_interval(needle: str, expected: tuple[float, float]) -> None:
    tr = _transcript(WORDS)
    intervals, per_entity = locate([tr], [_entity(tr, needle)], CFG, duration=2.4)
    (iv,) = intervals
    assert (round(iv.start, 3), round(iv.end, 3)) == expected
    assert iv.placed and per_entity[_entity(tr, needle)] == iv


def test_zero_length_word_takes_its_neighbours() -> None:
    tr = _transcript([("code", 0.2, 0.5), ("731", 0.9, 0.9), ("thanks", 1.2, 1.6)])
    (iv,), _ = locate([tr], [_entity(tr, "731")], CFG, duration=3.0)
    assert (round(iv.start, 3), round(iv.end, 3)) == (0.1, 1.8) and iv.placed


def test_unplaceable_entity_redacts_its_whole_segment() -> None:
    tr = _transcript([("731", 1.0, 1.0), ("and", 1.0, 1.0)])
    (iv,), _ = locate([tr], [_entity(tr, "731")], CFG, duration=3.0)
    assert not iv.placed
    seg = tr.segments[0]
    assert (iv.start, iv.end) == (max(0.0, seg.start - 0.1), seg.end + 0.2)


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [
        ([(0, 0.0, 1.0), (0, 1.2, 2.0)], [(0, 0.0, 2.0)]),  # gap 0.2 <= 0.3: merged
        ([(0, 0.0, 1.0), (0, 1.5, 2.0)], [(0, 0.0, 1.0), (0, 1.5, 2.0)]),  # gap 0.5: kept apart
        ([(0, 0.0, 1.0), (1, 0.5, 2.0)], [(0, 0.0, 1.0), (1, 0.5, 2.0)]),  # other channel
        ([(0, 1.0, 3.0), (0, 0.0, 1.5)], [(0, 0.0, 3.0)]),  # unsorted overlap
    ],
)
def test_merge(
    intervals: list[tuple[int, float, float]], expected: list[tuple[int, float, float]]
) -> None:
    ivs = [Interval(c, s, e, ("X",)) for c, s, e in intervals]
    assert [(i.channel, i.start, i.end) for i in merge_intervals(ivs, 0.3)] == expected


def test_merged_interval_keeps_every_cause_and_fails_closed() -> None:
    a = Interval(0, 0.0, 1.0, ("CREDIT_CARD",))
    b = Interval(0, 1.1, 2.0, ("CARD_EXPIRY",), placed=False)
    (m,) = merge_intervals([a, b], 0.3)
    assert m.entity_types == ("CREDIT_CARD", "CARD_EXPIRY") and not m.placed


def test_looping_segment_is_redacted_whole() -> None:
    """A Whisper repetition loop hides what was really said: its whole span goes (fail closed)."""
    from dataclasses import replace

    from pipeline.locate import UNRELIABLE, unreliable_segments

    tr = _transcript([("no", 1.0, 1.1), ("no", 1.1, 1.1), ("no", 1.1, 1.2)])
    tr = replace(tr, segments=(replace(tr.segments[0], start=0.5, end=9.0, reliable=False),))
    (entity,) = unreliable_segments(tr)
    assert entity.entity_type == UNRELIABLE and (entity.char_start, entity.char_end) == (0, len(tr.text))
    (iv,), _ = locate([tr], [entity], CFG, duration=10.0)
    assert (round(iv.start, 3), round(iv.end, 3)) == (0.4, 9.2)
    assert unreliable_segments(_transcript(WORDS)) == []
