"""Second chances for stretches Whisper could not decode, so that fail-closed stays narrow.

Whisper judges a 30-s window at a time: when one phrase in it loops ("4, 1, 4, 1, 4, 1, ..."), the
compression check condemns every segment of that window, and the pipeline then beeps all of it —
safe, but half a minute of ordinary speech goes with the one bad phrase, and the digits under the
loop are never read, so nothing downstream can name them. Loops come from long, hard audio
(digits read one by one, spelled names); the same audio decoded on its own, in short pieces, is
mostly read fine. So an unreliable run is decoded again as one clip; a segment that still loops
is split at the pauses VAD finds into pieces of a few seconds, each decoded alone. Only a piece
that loops even then stays unreliable, and it is redacted whole across its whole span (its own
timing cannot be trusted). Decoding stays pinned to temperature 0, so a rescue repeats exactly.

Off by default (`CALLVAULT_RESCUE`): on the English evaluation set it beeps 3.8 points less
ordinary speech but uncovers two garbled names the whole-segment beep had hidden, and transcribes
31 % slower; fail closed wins. The module is pure: it takes the decoding function and VAD
splitter as arguments, so the policy is unit-tested without a model.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

MAX_NGRAM = 4
MIN_REPEATS = 4  # an n-gram of two words or more said four times in a row is a loop
MIN_REPEATS_SINGLE = 6  # "no, no, no, no" is speech; six times over is a loop
CLIP_PAD_S = 0.3  # a clip takes this much around its run, bounded by the neighbouring segments
PIECE_MAX_S = 6.0  # the longest piece a still-looping segment is split into
# A second decode of hard audio is trusted only when Whisper is fairly sure of it: a garbled
# rescue ("there's an ointment prize" for a spoken surname) would expose what the whole-segment
# beep hid, so an unsure one stays redacted (fail closed). Measured on the evaluation corpus:
# confident decodes of the same stretches sit above -0.5, garbled ones near -1.
RESCUE_MIN_LOGPROB = -0.6
INAUDIBLE = "[inaudible]"  # the word standing for a piece no decode could put into words


@dataclass(frozen=True)
class RawWord:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class RawSegment:
    """A decoded segment in channel time, before the words are joined into the channel text."""

    start: float
    end: float
    words: tuple[RawWord, ...]
    reliable: bool = True

    @property
    def text(self) -> str:
        return " ".join(w.text.strip() for w in self.words)

    @classmethod
    def of(cls, raw: RawSegment | tuple[float, float, Sequence[tuple[str, float, float, float]]]
           ) -> RawSegment:
        """A segment from faster-whisper's (start, end, [(word, start, end, p)]) shape."""
        if isinstance(raw, RawSegment):
            return raw
        start, end, words = raw
        return cls(float(start), float(end), tuple(RawWord(*w) for w in words))

    def shifted(self, offset: float) -> RawSegment:
        words = tuple(RawWord(w.text, w.start + offset, w.end + offset, w.probability)
                      for w in self.words)
        return RawSegment(self.start + offset, self.end + offset, words, self.reliable)


# (clip samples, use VAD) -> segments in clip time, `reliable` already judged by the decoder.
DecodeFn = Callable[[np.ndarray, bool], Sequence[RawSegment]]
# (clip samples) -> [(start, end)] sample offsets of speech pieces at most PIECE_MAX_S long.
SplitFn = Callable[[np.ndarray], Sequence[tuple[int, int]]]


def _bare(token: str) -> str:
    return token.strip(",.;:?!\"'()-").lower()


def has_loop(words: Sequence[str]) -> bool:
    """Whether some 1-4 word sequence repeats back to back often enough to be a decoding loop."""
    words = [b for b in (_bare(w) for w in words) if b]
    for n in range(1, MAX_NGRAM + 1):
        need = MIN_REPEATS_SINGLE if n == 1 else MIN_REPEATS
        for start in range(len(words) - n * need + 1):
            gram = words[start:start + n]
            if all(words[start + k * n:start + (k + 1) * n] == gram for k in range(1, need)):
                return True
    return False


def compression_ratio(text: str) -> float:
    """Whisper's own loop measure (bytes over zlib-compressed bytes), for one segment's text."""
    data = text.encode()
    return len(data) / len(zlib.compress(data)) if data else 0.0


def mean_logprob(segment: RawSegment) -> float:
    """Mean log-probability of the segment's words: how sure Whisper was of what it wrote."""
    if not segment.words:
        return 0.0
    return sum(math.log(max(w.probability, 1e-6)) for w in segment.words) / len(segment.words)


def judged(segment: RawSegment, max_ratio: float, min_logprob: float = -math.inf) -> RawSegment:
    """The segment marked unreliable when its own text loops even though its window passed, or
    (for a second decode) when Whisper was unsure of its words; never the reverse."""
    ok = (segment.reliable  # a window Whisper itself condemned stays condemned
          and compression_ratio(segment.text) <= max_ratio
          and not has_loop([w.text for w in segment.words])
          and mean_logprob(segment) >= min_logprob)
    return segment if ok == segment.reliable else RawSegment(
        segment.start, segment.end, segment.words, ok)


def _runs(segments: Sequence[RawSegment]) -> list[tuple[int, int]]:
    """[first, last] indices of each run of consecutive unreliable segments."""
    runs: list[tuple[int, int]] = []
    for i, seg in enumerate(segments):
        if seg.reliable:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _pieces(
    samples: np.ndarray, rate: int, seg: RawSegment, decode: DecodeFn, split: SplitFn
) -> list[RawSegment]:
    """A still-looping segment split at its pauses, each piece decoded alone."""
    lo, hi = max(0, int(seg.start * rate)), min(len(samples), int(np.ceil(seg.end * rate)))
    audio = samples[lo:hi]
    out: list[RawSegment] = []
    for a, b in split(audio) or [(0, len(audio))]:
        start, end = (lo + a) / rate, (lo + b) / rate
        decoded = [s.shifted(start) for s in decode(samples[lo + a:lo + b], False)]
        if decoded and all(s.reliable for s in decoded) and any(s.words for s in decoded):
            out += [s for s in decoded if s.words]
        else:  # fail closed on the whole piece: a looping decode's timing means nothing, and
            # speech VAD heard but Whisper could not put into words is speech all the same
            words = tuple(w for s in decoded for w in s.words) or (
                RawWord(INAUDIBLE, start, end, 0.0),)
            out.append(RawSegment(start, end, words, reliable=False))
    return out


def rescue(
    samples: np.ndarray,
    rate: int,
    segments: Sequence[RawSegment],
    decode: DecodeFn,
    split: SplitFn,
) -> list[RawSegment]:
    """Segments with every unreliable run decoded again, in clips and then in pieces."""
    out = list(segments)
    for first, last in reversed(_runs(segments)):
        floor = segments[first - 1].end if first > 0 else 0.0
        ceiling = segments[last + 1].start if last + 1 < len(segments) else len(samples) / rate
        start = max(floor, segments[first].start - CLIP_PAD_S, 0.0)
        end = min(ceiling, segments[last].end + CLIP_PAD_S)
        if end <= start:
            continue
        clip = samples[int(start * rate):int(np.ceil(end * rate))]
        redone: list[RawSegment] = []
        for seg in (s.shifted(start) for s in decode(clip, True)):
            if seg.reliable:
                redone += [seg] if seg.words else []
            else:
                redone += _pieces(samples, rate, seg, decode, split)
        if any(s.words for s in redone):  # nothing heard the second time: keep the first verdict
            out[first:last + 1] = redone
    return out
