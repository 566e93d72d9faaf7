"""Span location table: character spans → words → padded, merged audio intervals."""

from __future__ import annotations

import pytest

from pipeline.locate import LocateConfig, entity_interval, locate, merge_intervals
from pipeline.transcribe import build_text
from pipeline.types import ChannelTranscript, Entity, Interval, Speaker

CFG = LocateConfig(pad_before=0.1, pad_after=0.2, merge_gap=0.3, digit_s=0)
DIGIT_CFG = LocateConfig(pad_before=0.1, pad_after=0.2, merge_gap=0.3, digit_s=0.25)


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


def test_untimed_word_takes_only_its_own_segment() -> None:
    """A garbled segment's untimed word redacts that segment, not the next one the entity
    reaches into: there the entity's timed words place it."""
    text, segments = build_text([
        (0.0, 30.0, [(" code", 0.5, 0.9, 0.9), (" 4", 6.0, 6.4, 0.9), (" 0.", 30.0, 30.0, 0.9)]),
        (30.0, 46.0, [(" A", 30.0, 30.5, 0.9), (" month", 30.9, 31.3, 0.9),
                      (" later", 45.0, 46.0, 0.9)]),
    ])
    tr = ChannelTranscript(0, Speaker.CUSTOMER, "en", 1.0, text, segments)
    start = text.index("4")
    entity = Entity("PIN", 0, start, text.index("A") + 1, 0.9, "test")
    (iv,), _ = locate([tr], [entity], CFG, duration=46.0)
    assert not iv.placed
    assert (round(iv.start, 3), round(iv.end, 3)) == (0.0, 30.7)  # not to 46 s


# Whisper squeezes digits read one by one into one token ("four four two one" → "4421") timed like
# a single word; a token with n digits is taken to last ≥ n × 0.25 s, widened both sides.
DIGIT_WORDS = [
    ("number", 1.0, 1.4),
    ("4421", 2.0, 2.3),  # 4 digits in 0.3 s: 0.7 s short
    ("731", 3.0, 3.8),  # 3 digits in 0.8 s: long enough
    ("Nero", 4.0, 4.2),  # a misheard zero carries no digit: left alone
    ("M1584523", 5.0, 6.0),  # only the 7 digits count: 0.75 s short
    ("gone", 8.0, 8.4),
]


@pytest.mark.parametrize(
    ("needle", "etype", "cfg", "expected"),
    [
        pytest.param("4421", "PIN", DIGIT_CFG, (1.2, 3.2), id="squeezed-token-widened"),
        pytest.param("4421", "PIN", CFG, (1.9, 2.5), id="rule-off"),
        pytest.param("4421", "LOCATION", DIGIT_CFG, (1.2, 3.2), id="any-entity-type"),
        pytest.param("number 4421", "PHONE_NUMBER", DIGIT_CFG, (0.9, 3.2), id="words-around-kept"),
        pytest.param("731", "CARD_SECURITY_CODE", DIGIT_CFG, (2.9, 4.0), id="long-enough"),
        pytest.param("Nero", "CARD_SECURITY_CODE", DIGIT_CFG, (3.9, 4.4), id="no-digits"),
        pytest.param("M1584523", "IBAN_CODE", DIGIT_CFG, (4.15, 6.95), id="letters-dont-count"),
        pytest.param("4421 731", "BANK_ACCOUNT", DIGIT_CFG, (1.2, 4.0), id="several-tokens"),
    ],
)
def test_digit_token_lasts_as_long_as_its_digits(
    needle: str, etype: str, cfg: LocateConfig, expected: tuple[float, float]
) -> None:
    tr = _transcript(DIGIT_WORDS)
    iv = entity_interval(tr, _entity(tr, needle, etype), cfg, duration=10.0)
    assert (round(iv.start, 3), round(iv.end, 3)) == expected and iv.placed


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # "0471" at the very start, 0.2 s for 4 digits: widened 0.8 s, clipped at 0.
        ([("0471", 0.1, 0.3), ("thanks", 1.0, 1.2)], (0.0, 1.3)),
        # Zero-length token: takes its neighbours' extent (0.5 → 1.5), 0.25 s short of 5 digits.
        ([("is", 0.5, 0.7), ("48291", 1.0, 1.0), ("ok", 1.2, 1.5)], (0.15, 1.95)),
        # At the end of the call: 5 digits in 0.2 s, widened 1.05 s, clipped to the duration.
        ([("is", 0.5, 0.7), ("55512", 1.6, 1.8)], (0.45, 2.0)),
    ],
)
def test_digit_widening_edges(
    words: list[tuple[str, float, float]], expected: tuple[float, float]
) -> None:
    tr = _transcript(words)
    digits = next(w for w, _, _ in words if w[0].isdigit())
    (iv,), _ = locate([tr], [_entity(tr, digits)], DIGIT_CFG, duration=2.0)
    assert (round(iv.start, 3), round(iv.end, 3)) == expected


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
