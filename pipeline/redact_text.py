"""Redact-text stage: presidio-anonymizer over each segment, with tag, mask or hash operators.

Segments are anonymised one by one (entities clipped to each) so the redacted transcript keeps
Whisper's segment timing, which reviewers use to jump around a call. Hashing uses Presidio's random
per-entity salt: a bare SHA-256 of a 3-digit security code could be reversed by trying 1000 values.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from pipeline.errors import ConfigError
from pipeline.types import (
    ChannelTranscript,
    Entity,
    RedactedSegment,
    RedactedTranscript,
    RedactedWord,
)

WORD_PLACEHOLDER = "[REDACTED]"


class TextOperator(StrEnum):
    TAG = "tag"
    MASK = "mask"
    HASH = "hash"


def build_anonymizer() -> Any:
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()  # type: ignore[no-untyped-call]


def _operators(operator: TextOperator) -> dict[str, Any]:
    from presidio_anonymizer.entities import OperatorConfig

    if operator is TextOperator.TAG:
        return {"DEFAULT": OperatorConfig("replace")}  # "<ENTITY_TYPE>"
    if operator is TextOperator.MASK:
        return {
            "DEFAULT": OperatorConfig(
                "mask", {"masking_char": "*", "chars_to_mask": 10_000, "from_end": False}
            )
        }
    if operator is TextOperator.HASH:
        return {"DEFAULT": OperatorConfig("hash", {"hash_type": "sha256"})}
    raise ConfigError(f"unknown text operator '{operator}'")


def anonymize(
    anonymizer: Any,
    text: str,
    entities: Sequence[tuple[str, int, int, float]],
    operator: TextOperator,
) -> str:
    """Replace each (type, start, end, score) span of `text` with the operator's output."""
    if not entities:
        return text
    from presidio_anonymizer.entities import RecognizerResult

    results = [RecognizerResult(t, s, e, sc) for t, s, e, sc in entities]
    return str(
        anonymizer.anonymize(
            text=text, analyzer_results=results, operators=_operators(operator)
        ).text
    )


def redact_transcript(
    anonymizer: Any,
    transcripts: Sequence[ChannelTranscript],
    entities: Sequence[Entity],
    operator: TextOperator | str = TextOperator.TAG,
) -> RedactedTranscript:
    op = TextOperator(operator)
    channel_texts: list[str] = []
    segments: list[RedactedSegment] = []
    for tr in transcripts:
        mine = [e for e in entities if e.channel == tr.channel]
        parts = []
        for seg in tr.segments:
            clipped = [
                (
                    e.entity_type,
                    max(e.char_start, seg.char_start) - seg.char_start,
                    min(e.char_end, seg.char_end) - seg.char_start,
                    e.score,
                )
                for e in mine
                if e.char_start < seg.char_end and seg.char_start < e.char_end
            ]
            text = anonymize(anonymizer, tr.text[seg.char_start : seg.char_end], clipped, op)
            parts.append(text)
            words = tuple(
                RedactedWord(
                    WORD_PLACEHOLDER if hit else w.text, round(w.start, 3), round(w.end, 3), hit
                )
                for w in seg.words
                for hit in [
                    any(e.char_start < w.char_end and w.char_start < e.char_end for e in mine)
                ]
            )
            segments.append(
                RedactedSegment(
                    tr.channel, tr.speaker, round(seg.start, 3), round(seg.end, 3), text, words
                )
            )
        channel_texts.append(" ".join(parts))
    return RedactedTranscript(tuple(channel_texts), tuple(segments))
