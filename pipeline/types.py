"""Frozen value objects passed between pipeline stages.

Stages never share mutable state: each takes these objects in and returns new ones, so a stage can be
re-run, tested or replaced on its own, and a Celery worker can hold the same objects as the CLI.
Nothing here carries a clear personal value into a report: only `Transcript` text does, and it never
leaves the process unredacted except as the caller's explicit original artefact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt


class Speaker(StrEnum):
    """Which party a channel carries; `UNKNOWN` for mono calls where both share one channel."""

    AGENT = "agent"
    CUSTOMER = "customer"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AudioInfo:
    """What the output must reproduce: same container, codec, rate, channel count and duration."""

    path: str
    container: str  # pydub/ffmpeg format name used to write the output (wav, mp3, flac, ogg)
    codec: str  # e.g. pcm_s16le, mp3, flac, opus, vorbis
    extension: str  # original file extension without the dot, kept for the output name
    sample_rate: int
    channels: int
    sample_width: int  # bytes per sample of the decoded PCM
    duration: float  # seconds
    bit_rate: int | None = None  # bits/s of lossy inputs, reused when encoding the output


@dataclass(frozen=True, eq=False)
class ChannelAudio:
    """One party's audio, resampled to 16 kHz mono float32 for the recogniser."""

    index: int
    speaker: Speaker
    samples: npt.NDArray[np.float32] = field(repr=False)
    sample_rate: int = 16000

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


@dataclass(frozen=True)
class Word:
    """A recognised word with its character span in the channel transcript text."""

    text: str
    start: float
    end: float
    probability: float
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Segment:
    """A Whisper segment: the fallback interval when a word cannot be placed in time."""

    start: float
    end: float
    char_start: int
    char_end: int
    words: tuple[Word, ...]
    # False when Whisper looped ("no, no, no, ..."): whatever was said there is unknown, so the
    # whole segment is redacted (fail closed).
    reliable: bool = True


@dataclass(frozen=True)
class ChannelTranscript:
    """The transcript of one channel; `text` is the words joined exactly as their char spans say."""

    channel: int
    speaker: Speaker
    language: str
    language_probability: float
    text: str
    segments: tuple[Segment, ...]

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for s in self.segments for w in s.words)


@dataclass(frozen=True)
class Transcript:
    model: str
    channels: tuple[ChannelTranscript, ...]
    duration: float


@dataclass(frozen=True)
class Entity:
    """A detected span of personal data in one channel's transcript text (no clear value kept)."""

    entity_type: str
    channel: int
    char_start: int
    char_end: int
    score: float
    recognizer: str
    special_category: bool = False


@dataclass(frozen=True)
class Interval:
    """A stretch of audio to redact in one channel, with the entities that caused it."""

    channel: int
    start: float
    end: float
    entity_types: tuple[str, ...]
    placed: bool = True  # False: the entity had no word timing, so its whole segment is redacted

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Redaction:
    """One entity as it appears in the report: type, where, how sure and who found it."""

    entity_type: str
    channel: int
    speaker: Speaker
    start: float
    end: float
    score: float
    recognizer: str
    special_category: bool
    placed: bool


@dataclass(frozen=True)
class RedactedWord:
    text: str
    start: float
    end: float
    redacted: bool


@dataclass(frozen=True)
class RedactedSegment:
    channel: int
    speaker: Speaker
    start: float
    end: float
    text: str
    words: tuple[RedactedWord, ...]


@dataclass(frozen=True)
class RedactedTranscript:
    """Transcript with every entity replaced by the chosen operator's output, per channel."""

    channels: tuple[str, ...]
    segments: tuple[RedactedSegment, ...]
