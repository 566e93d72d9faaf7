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

from collections.abc import Sequence
from dataclasses import replace

from pipeline.locate import UNRELIABLE
from pipeline.types import Entity, Word

MAX_P = 0.2  # a word below this probability is one Whisper did not really hear
MAX_WORDS = 3  # at most this many such words are taken on each side
MAX_PAUSE_S = 1.0  # a longer pause between words ends the value


def _reach(words: Sequence[Word], first: int, last: int) -> tuple[int, int]:
    """Indices of the unsure words next to words[first..last] that the value takes in."""
    for _ in range(MAX_WORDS):
        nxt = last + 1
        if nxt >= len(words) or words[nxt].probability >= MAX_P:
            break
        if words[nxt].start - words[last].end > MAX_PAUSE_S:
            break
        last = nxt
    for _ in range(MAX_WORDS):
        prev = first - 1
        if prev < 0 or words[prev].probability >= MAX_P:
            break
        if words[first].start - words[prev].end > MAX_PAUSE_S:
            break
        first = prev
    return first, last


def _widened(words: Sequence[Word], entity: Entity) -> Entity:
    if entity.special_category or entity.entity_type == UNRELIABLE:
        return entity
    inside = [i for i, w in enumerate(words)
              if w.char_start < entity.char_end and entity.char_start < w.char_end]
    if not inside:
        return entity
    first, last = _reach(words, inside[0], inside[-1])
    if (first, last) == (inside[0], inside[-1]):
        return entity  # a span inside a word ("Priya" of "Priya,") keeps its own bounds
    start = words[first].char_start if first < inside[0] else entity.char_start
    end = words[last].char_end if last > inside[-1] else entity.char_end
    return replace(entity, char_start=start, char_end=end)


def with_unsure_neighbours(words: Sequence[Word], entities: Sequence[Entity]) -> list[Entity]:
    """Each entity widened over the unsure words either side of it (module docstring)."""
    return [_widened(words, e) for e in entities]
