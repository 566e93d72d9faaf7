"""Score a redaction against a synthetic call whose planted spans are known to the millisecond.

Coverage is measured on the *audio*, not on the report: a span counts as covered where the output
samples differ from the input (beep) or are zeroed (silence). That is what a listener would hear, so a
bug anywhere between detection and encoding shows up here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from pydub import AudioSegment

from callvault.evaluation.synth import PlantedSpan, SynthCall

Mask = npt.NDArray[np.int8]  # 1 redacted, 0 audible as in the original, SILENT: nothing to hear
SILENT = -1


@dataclass(frozen=True)
class SpanScore:
    label: str
    channel: int
    start: float
    end: float
    coverage: float


def _frames(path: Path) -> tuple[npt.NDArray[np.int64], int]:
    seg = AudioSegment.from_file(str(path))
    arr = np.array(seg.get_array_of_samples(), dtype=np.int64).reshape(-1, seg.channels)
    return arr, seg.frame_rate


def redaction_mask(original: Path, redacted: Path) -> tuple[Mask, int]:
    """Per-frame, per-channel: True where the redacted file no longer carries the original,
    False where it does, and masked out (see `AUDIBLE`) where the original was digital silence:
    a pause carries nothing to hear or to hide, in beep and silence mode alike.
    """
    a, rate = _frames(original)
    b, rate_b = _frames(redacted)
    if rate != rate_b or a.shape[1] != b.shape[1]:
        raise ValueError("redacted file changed rate or channel count")
    n = min(len(a), len(b))
    changed = (a[:n] != b[:n]).astype(np.int8)
    changed[a[:n] == 0] = SILENT
    return changed, rate


def span_coverage(mask: Mask, rate: int, span: PlantedSpan) -> float:
    """Share of the span's audible frames that were redacted (1.0 for a span with none)."""
    a, b = int(span.start * rate), int(np.ceil(span.end * rate))
    part = mask[a:b, span.channel]
    audible = part[part != SILENT]
    return float(audible.mean()) if len(audible) else 1.0


def score_call(call: SynthCall, redacted: Path) -> tuple[list[SpanScore], list[SpanScore]]:
    """Coverage of every planted span, and how much of each ordinary span was redacted."""
    mask, rate = redaction_mask(call.path, redacted)
    planted = [
        SpanScore(s.label, s.channel, s.start, s.end, span_coverage(mask, rate, s))
        for s in call.planted
    ]
    ordinary = [
        SpanScore(s.label, s.channel, s.start, s.end, span_coverage(mask, rate, s))
        for s in call.ordinary
    ]
    return planted, ordinary


def over_redaction(ordinary: Iterable[SpanScore]) -> float:
    spans = list(ordinary)
    total = sum(s.end - s.start for s in spans)
    return sum((s.end - s.start) * s.coverage for s in spans) / total if total else 0.0


def leaked_values(call: SynthCall, report: dict[str, Any]) -> list[str]:
    """Labels of planted values that can still be read in the report's redacted text."""
    text = " ".join(seg["text"] for ch in report["channels"] for seg in ch["segments"])
    words = " ".join(
        w["text"] for ch in report["channels"] for seg in ch["segments"] for w in seg["words"]
    )
    haystack = f"{text} {words}".lower()
    digits_only = re.sub(r"\D", "", haystack)
    leaks = []
    for span in call.planted:
        if not span.value:
            continue
        value_digits = re.sub(r"\D", "", span.value)
        if (len(value_digits) >= 4 and value_digits in digits_only) or (
            not value_digits and span.value.lower() in haystack
        ):
            leaks.append(span.label)
    return leaks
