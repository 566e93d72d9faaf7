"""Words Whisper was unsure of, right next to a value it did hear, are taken as part of the value.

On a hard line Whisper hears most of a number or a spelled name and turns the rest into ordinary
words it has little confidence in: "5 -9 Mirror" for "five nine zero", "I eat too high, ... 3456,
lemonade" for an IBAN's "IE two nine ... seven eight", "Sophie" as "oh speaking". The detected
value then stops where the recognizable part stops, and the garbled rest plays in clear. A word's
probability is Whisper's own measure of that doubt, and it reads nothing of the wording, so the
rule holds for any voice or phrasing: a detected entity takes in up to `MAX_WORDS` adjacent words
on each side whose probability is under `MAX_P`, stopping at the first word Whisper was sure of
or at a pause (a pause ends a turn).

Measured on the English evaluation set's first pass (21 calls) and the two held-out sets (13
calls), with the value and name types: 0.2 covers the value fragments the garbling left out
(mean coverage +0.5, +1.1 and +0.2 points, items ≥ 90 % +2.3 points on the evaluation set) for
1.0 point more ordinary speech beeped there (an "um" or "right" Whisper was unsure of next to a
number) and none on the held-out sets; 0.3 to 0.5 gained little more and beeped up to 3.4
points more. Special-category statements are left as found: they are sentences, detected by
their words, and their neighbours are ordinary talk.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from pipeline.locate import UNRELIABLE
from pipeline.types import Entity, Word

MAX_P = 0.2  # a word below this probability is one Whisper did not really hear
MAX_WORDS = 3  # at most this many such words are taken on each side
MAX_PAUSE_S = 1.0  # a longer pause between words ends the value


def _reach(words: Sequence[Word], at: int, step: int) -> int:
    """The farthest unsure word from words[at] in direction `step` (+1 or -1) that the value
    takes in, or `at` itself."""
    for _ in range(MAX_WORDS):
        nxt = at + step
        if not 0 <= nxt < len(words) or words[nxt].probability >= MAX_P:
            break
        left, right = sorted((words[at], words[nxt]), key=lambda w: w.start)
        if right.start - left.end > MAX_PAUSE_S:
            break
        at = nxt
    return at


def _widened(words: Sequence[Word], ends: Sequence[int], entity: Entity) -> Entity:
    if entity.special_category or entity.entity_type == UNRELIABLE:
        return entity
    first = bisect.bisect_right(ends, entity.char_start)  # the first word ending inside it
    if first >= len(words) or words[first].char_start >= entity.char_end:
        return entity
    last = first
    while last + 1 < len(words) and words[last + 1].char_start < entity.char_end:
        last += 1
    lo, hi = _reach(words, first, -1), _reach(words, last, +1)
    if (lo, hi) == (first, last):
        return entity  # a span inside a word ("Priya" of "Priya,") keeps its own bounds
    return replace(entity,
                   char_start=words[lo].char_start if lo < first else entity.char_start,
                   char_end=words[hi].char_end if hi > last else entity.char_end)


def with_unsure_neighbours(words: Sequence[Word], entities: Sequence[Entity]) -> list[Entity]:
    """Each entity widened over the unsure words either side of it (module docstring)."""
    ends = [w.char_end for w in words]
    return [_widened(words, ends, e) for e in entities]
