"""Locate stage: character spans → words → padded, merged audio intervals per channel.

This is the audio counterpart of Presidio's image redactor mapping text boxes back to pixels. Whisper's
word timings are approximate (tens to a few hundred milliseconds), so every interval is padded, and
intervals closer than `merge_gap` are joined so no syllable survives between two beeps. Fail closed:
an entity whose words carry no usable timing redacts its whole segment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.types import ChannelTranscript, Entity, Interval, Word

MIN_WORD_S = 0.02
MAX_GUESS_S = 4.0


@dataclass(frozen=True)
class LocateConfig:
    pad_before: float = 0.25
    pad_after: float = 0.30
    merge_gap: float = 0.40


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
    if bounds and all(b is not None for b in bounds):
        start = min(b[0] for b in bounds if b) - config.pad_before
        end = max(b[1] for b in bounds if b) + config.pad_after
        placed = True
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


def merge_intervals(intervals: Iterable[Interval], merge_gap: float) -> tuple[Interval, ...]:
    """Join overlapping or near intervals of the same channel; keep every cause."""
    merged: list[Interval] = []
    for iv in sorted(intervals, key=lambda i: (i.channel, i.start)):
        last = merged[-1] if merged else None
        if last and last.channel == iv.channel and iv.start - last.end <= merge_gap:
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
    return merge_intervals(per_entity.values(), config.merge_gap), per_entity
