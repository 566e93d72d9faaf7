"""PCI DSS: card data must not survive even in the encrypted original once a call is processed.

PCI DSS 3.3.1 forbids keeping a card's security code (and PIN) after authorisation in any form,
encryption included, and card numbers kept must be minimised. The vault therefore replaces its
stored original audio and original transcript by versions with only these items removed: everything
else stays as it was said, so a DPO-approved reviewer of the original still hears the call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from pipeline.locate import merge_intervals
from pipeline.types import ChannelTranscript, Entity, Interval, Word

PCI_ENTITIES = frozenset({"CREDIT_CARD", "CARD_SECURITY_CODE", "CARD_EXPIRY", "PIN"})


@dataclass(frozen=True)
class Mask:
    """A character span of a channel's text to hide, and the entity spans it was merged from."""

    char_start: int
    char_end: int
    parts: tuple[tuple[int, int, str], ...]  # (char_start, char_end, entity_type)

    @property
    def label(self) -> str:
        return _label(t for _, _, t in self.parts)


def _label(types: Iterable[str]) -> str:
    return "".join(f"[{t}]" for t in dict.fromkeys(types))


def pci_entities(entities: Iterable[Entity], types: Set[str]) -> tuple[Entity, ...]:
    return tuple(e for e in entities if e.entity_type in types)


def strip_intervals(
    per_entity: Mapping[Entity, Interval],
    types: Set[str],
    merge_gap: float,
    words: Mapping[int, Sequence[Word]] | None = None,
) -> tuple[Interval, ...]:
    """The audio to remove from the original: each card item's own padded interval, merged.

    Taken from the per-entity intervals rather than the merged redaction intervals, which also
    carry names, phone numbers and so on that the original must keep. With `words`, a word or two
    left between two card items is taken as well: it is usually a misheard digit of them.
    """
    chosen = [iv for e, iv in per_entity.items() if e.entity_type in types]
    if not chosen:
        return ()
    return merge_intervals(chosen, merge_gap, words)


def channel_masks(transcript: ChannelTranscript, entities: Iterable[Entity]) -> tuple[Mask, ...]:
    """Non-overlapping masks for one channel, widened to whole words.

    Widening keeps the segment text and the word list in agreement: a word that touches a card
    item is hidden as a whole in both, so no trailing digit of a split token stays readable.
    """
    spans: list[tuple[int, int, str]] = []
    for e in entities:
        if e.channel != transcript.channel or e.char_end <= e.char_start:
            continue
        start, end = e.char_start, e.char_end
        for w in transcript.words:
            if w.char_start < e.char_end and e.char_start < w.char_end:
                start, end = min(start, w.char_start), max(end, w.char_end)
        spans.append((start, end, e.entity_type))
    masks: list[Mask] = []
    for start, end, etype in sorted(spans):
        if masks and start < masks[-1].char_end:
            last = masks[-1]
            masks[-1] = Mask(last.char_start, max(last.char_end, end),
                             (*last.parts, (start, end, etype)))  # fmt: skip
        else:
            masks.append(Mask(start, end, ((start, end, etype),)))
    return tuple(masks)


def masked_text(text: str, start: int, end: int, masks: Sequence[Mask]) -> str:
    """`text[start:end]` with every mask that reaches into it replaced by its label."""
    out: list[str] = []
    pos = start
    for m in masks:
        if m.char_end <= start or m.char_start >= end:
            continue
        a = max(m.char_start, start)
        out.append(text[pos:a])
        out.append(m.label)
        pos = min(m.char_end, end)
    out.append(text[pos:end])
    return "".join(out)


def masked_word(word: Word, masks: Sequence[Mask]) -> str:
    """The word, or the types of the card items it belongs to."""
    types = [
        t
        for m in masks
        for a, b, t in m.parts
        if a < word.char_end and word.char_start < b
    ]
    return _label(types) if types else word.text


def original_transcript(
    transcripts: Sequence[ChannelTranscript], masked: Sequence[Entity] = ()
) -> dict[str, Any]:
    """The transcript with word timings, unredacted but for `masked` (card data): personal data,
    for an encrypted store only."""
    channels = []
    for t in transcripts:
        masks = channel_masks(t, masked)
        segments = [
            {
                "start": round(s.start, 3),
                "end": round(s.end, 3),
                "text": masked_text(t.text, s.char_start, s.char_end, masks).strip(),
                "words": [
                    {
                        "text": masked_word(w, masks),
                        "start": round(w.start, 3),
                        "end": round(w.end, 3),
                    }
                    for w in s.words
                ],
            }
            for s in t.segments
        ]
        channels.append(
            {"channel": t.channel, "speaker": str(t.speaker), "language": t.language,
             "segments": segments}
        )  # fmt: skip
    return {"schema": "callvault.transcript/1", "variant": "original", "channels": channels}
