"""Locate stage: character spans → words → padded, merged audio intervals per channel.

This is the audio counterpart of Presidio's image redactor mapping text boxes back to pixels. Whisper's
word timings are approximate (tens to a few hundred milliseconds), so every interval is padded, and
intervals closer than `merge_gap` are joined so no syllable survives between two beeps. Fail closed:
a word of an entity that carries no usable timing redacts its whole segment.

Digits are where Whisper's timing is worst: it merges "four four two one" into one token "4421" and
gives it the time of one short word. So a token carrying n digits is taken to last at least
n × `digit_s`, a quarter second being about the shortest a spoken digit takes at any natural rate;
a shorter token is widened by the whole shortfall on both sides, since which side its timing lost
is unknown (fail closed). The rule reads only the token's characters and its own timing, whatever
the entity type or voice. Taking the silence up to the neighbouring words as well was measured and
dropped: it beeped ordinary speech (neighbouring words are timed as loosely) without covering any
more digits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pipeline.types import ChannelTranscript, Entity, Interval, Word

MIN_WORD_S = 0.02
MAX_GUESS_S = 4.0
UNRELIABLE = "UNRELIABLE_TRANSCRIPT"
MAX_GAP_WORDS = 2
MAX_WORD_GAP_S = 1.5


@dataclass(frozen=True)
class LocateConfig:
    pad_before: float = 0.25
    pad_after: float = 0.30
    merge_gap: float = 0.40
    digit_s: float = 0.25  # the shortest a spoken digit lasts (0: rule off)


def _word_bounds(words: Sequence[Word], i: int) -> tuple[float, float] | None:
    """A word's time span; a zero-length word takes its neighbours' whole extent (generous)."""
    w = words[i]
    if w.end - w.start >= MIN_WORD_S:
        return w.start, w.end
    if i == 0 or i + 1 >= len(words):
        return None
    start, end = words[i - 1].start, words[i + 1].end
    if not 0 < end - start <= MAX_GUESS_S:
        return None
    return start, end


def _digit_bounds(
    words: Sequence[Word], i: int, bounds: tuple[float, float], digit_s: float
) -> tuple[float, float]:
    """A word's span widened both sides by how much shorter it is than its digits can be spoken."""
    digits = sum(c.isdecimal() for c in words[i].text)
    short = digits * digit_s - (bounds[1] - bounds[0])
    return (bounds[0] - short, bounds[1] + short) if short > 0 else bounds


def unreliable_segments(transcript: ChannelTranscript) -> list[Entity]:
    """Segments Whisper could not transcribe (repetition loops): what was said there is unknown."""
    return [
        Entity(UNRELIABLE, transcript.channel, s.char_start, s.char_end, 1.0,
               "TranscriptQualityRule")
        for s in transcript.segments
        if not s.reliable
    ]


def _segment_span(transcript: ChannelTranscript, word: Word) -> tuple[float, float]:
    seg = next(s for s in transcript.segments if word in s.words)
    return seg.start, seg.end


def entity_interval(
    transcript: ChannelTranscript, entity: Entity, config: LocateConfig, duration: float
) -> Interval:
    """The padded time interval of one entity, or its segment(s) when words can't place it."""
    all_words = transcript.words
    idx = [
        i
        for i, w in enumerate(all_words)
        if w.char_start < entity.char_end and entity.char_start < w.char_end
    ]
    bounds = [_word_bounds(all_words, i) for i in idx]
    if entity.entity_type == UNRELIABLE:
        bounds = []  # a looping segment's word times mean nothing: take the segment's span
    if bounds:
        # A word without usable timing takes its own segment's span; the others keep theirs,
        # so one untimed word does not spread the beep over every segment the entity touches.
        spans = [
            _digit_bounds(all_words, i, b, config.digit_s) if b and config.digit_s > 0
            else b or _segment_span(transcript, all_words[i])
            for i, b in zip(idx, bounds, strict=True)
        ]
        start = min(b[0] for b in spans) - config.pad_before
        end = max(b[1] for b in spans) + config.pad_after
        placed = all(b is not None for b in bounds)
    else:
        segments = [
            s
            for s in transcript.segments
            if s.char_start < entity.char_end and entity.char_start < s.char_end
        ]
        if not segments:  # nothing to anchor on at all: the whole channel goes
            segments = list(transcript.segments)
        start = min((s.start for s in segments), default=0.0) - config.pad_before
        end = max((s.end for s in segments), default=duration) + config.pad_after
        placed = False
    return Interval(
        channel=entity.channel,
        start=max(0.0, start),
        end=min(duration, end),
        entity_types=(entity.entity_type,),
        placed=placed,
    )


def _words_between(words: Sequence[Word], start: float, end: float) -> int:
    return sum(1 for w in words if start < (w.start + w.end) / 2 < end)


def merge_intervals(
    intervals: Iterable[Interval],
    merge_gap: float,
    words: Mapping[int, Sequence[Word]] | None = None,
) -> tuple[Interval, ...]:
    """Join overlapping or near intervals of the same channel; keep every cause.

    With `words`, two redactions with at most `MAX_GAP_WORDS` words between them (within
    `MAX_WORD_GAP_S`) are joined too: a lone word left audible between two beeped items is usually
    a misheard part of them ("four five, Nero, six"), and fail-closed means it goes as well.
    """
    merged: list[Interval] = []
    for iv in sorted(intervals, key=lambda i: (i.channel, i.start)):
        last = merged[-1] if merged else None
        near = last is not None and last.channel == iv.channel and (
            iv.start - last.end <= merge_gap
            or (
                words is not None
                and iv.start - last.end <= MAX_WORD_GAP_S
                and _words_between(words.get(iv.channel, ()), last.end, iv.start) <= MAX_GAP_WORDS
            )
        )
        if last and near:
            types = tuple(dict.fromkeys(last.entity_types + iv.entity_types))
            merged[-1] = Interval(
                last.channel, last.start, max(last.end, iv.end), types, last.placed and iv.placed
            )
        else:
            merged.append(iv)
    return tuple(merged)


def locate(
    transcripts: Sequence[ChannelTranscript],
    entities: Sequence[Entity],
    config: LocateConfig,
    duration: float,
) -> tuple[tuple[Interval, ...], dict[Entity, Interval]]:
    """All intervals to redact, merged, and the (unmerged) interval of each entity for the report."""
    by_channel = {t.channel: t for t in transcripts}
    per_entity = {e: entity_interval(by_channel[e.channel], e, config, duration) for e in entities}
    words = {t.channel: t.words for t in transcripts}
    return merge_intervals(per_entity.values(), config.merge_gap, words), per_entity
