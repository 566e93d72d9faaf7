"""Report stage: what was redacted, where, how sure, by which recognizer — never the value itself.

The report is what an auditor or the DPO reads to trust a redaction without hearing the original, so it
carries types, channels, times, scores and recognizer names, and only the *redacted* transcript.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from pipeline.second_hearing import SecondHearing
from pipeline.types import (
    AudioInfo,
    ChannelTranscript,
    Entity,
    Interval,
    RedactedTranscript,
    Speaker,
)
from pipeline.verify import Verification

SCHEMA = "callvault.redaction-report/1"


def build_report(
    *,
    info: AudioInfo,
    model: str,
    transcripts: Sequence[ChannelTranscript],
    entities: Sequence[Entity],
    entity_intervals: Mapping[Entity, Interval],
    intervals: Sequence[Interval],
    redacted: RedactedTranscript,
    settings: Mapping[str, Any],
    timings: Mapping[str, float],
    verification: Verification | None = None,
    second_hearing: SecondHearing | None = None,
) -> dict[str, Any]:
    speakers = {t.channel: t.speaker for t in transcripts}
    rows = [
        {
            "entity_type": e.entity_type,
            "channel": e.channel,
            "speaker": str(speakers.get(e.channel, Speaker.UNKNOWN)),
            "start": round(entity_intervals[e].start, 3),
            "end": round(entity_intervals[e].end, 3),
            "score": e.score,
            "recognizer": e.recognizer,
            "special_category": e.special_category,
            "placed": entity_intervals[e].placed,
        }
        for e in sorted(entities, key=lambda e: (entity_intervals[e].start, e.channel))
    ]
    # The verifier redacts word by word under one interval: one row says it, not one per word.
    redactions = list({tuple(r.items()): r for r in rows}.values())
    channels = []
    for t in transcripts:
        mine = [iv for iv in intervals if iv.channel == t.channel]
        channels.append(
            {
                "channel": t.channel,
                "speaker": str(t.speaker),
                "language": t.language,
                "language_probability": round(t.language_probability, 3),
                "redacted_seconds": round(sum(iv.duration for iv in mine), 3),
                "segments": [
                    {**asdict(s), "speaker": str(s.speaker)}
                    for s in redacted.segments
                    if s.channel == t.channel
                ],
            }
        )
    counts = Counter(r["entity_type"] for r in redactions)
    return {
        "schema": SCHEMA,
        "status": "redacted",
        "input": {
            "container": info.container,
            "codec": info.codec,
            "sample_rate": info.sample_rate,
            "channels": info.channels,
            "sample_width": info.sample_width,
            "duration": round(info.duration, 3),
        },
        "model": model,
        "languages": sorted({t.language for t in transcripts}),
        "duration": round(info.duration, 3),
        "settings": dict(settings),
        "summary": {
            "redactions": len(redactions),
            "by_type": dict(sorted(counts.items())),
            "special_categories": sorted({e.entity_type for e in entities if e.special_category}),
            "unplaced": sum(1 for r in redactions if not r["placed"]),
            "redacted_seconds": round(sum(iv.duration for iv in intervals), 3),
        },
        "intervals": [
            {
                "channel": iv.channel,
                "start": round(iv.start, 3),
                "end": round(iv.end, 3),
                "entity_types": list(iv.entity_types),
                "placed": iv.placed,
            }
            for iv in intervals
        ],
        "redactions": redactions,
        "channels": channels,
        "verification": None
        if verification is None
        else {
            "model": verification.model,
            "still_heard": len(verification.heard),
            "heard": [asdict(h) for h in verification.heard],
        },
        "second_hearing": None
        if second_hearing is None
        else {
            "model": second_hearing.model or None,
            "found": len(second_hearing.found),
            "heard": [asdict(h) for h in second_hearing.found],
        },
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
