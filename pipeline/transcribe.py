"""Transcribe stage: faster-whisper on CPU (int8) with word timestamps, one channel at a time.

Decoding is pinned to temperature 0 so a recording transcribes the same way every run: a redaction that
depends on a random fallback could not be reproduced or audited. Whisper's own fallback (sampling at
rising temperature where a window loops) was measured against beeping the loop whole: on the English
evaluation set it beeped less ordinary speech (30.5 % -> 27.6 %) but covered fewer planted items
(94.4 % -> 92.5 %; names 95 % -> 90 %), and CTranslate2 seeds its sampler once per thread, so even a
fixed seed would not make a long-running worker repeat itself. Each word keeps its character span in
the channel text, which is how detected text spans are later mapped back to audio time.
"""

from __future__ import annotations

import abc
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.errors import ModelError
from pipeline.rescue import PIECE_MAX_S, RESCUE_MIN_LOGPROB, RawSegment, RawWord, judged, rescue
from pipeline.types import ChannelAudio, ChannelTranscript, Segment, Word
from pipeline.unheard import MIN_UNHEARD_S, with_unheard
from pipeline.whisper_models import ENGLISH_ONLY, resolve_model

# Keep 300 ms around speech: a clipped first digit is a digit Whisper never hears.
VAD_PARAMETERS = {"min_silence_duration_ms": 500, "speech_pad_ms": 300}
LANGUAGE_PROBE_S = 120
DEFAULT_CACHE_DIR = Path.home() / ".cache" / "callvault"
ProgressFn = Callable[[float], None]  # seconds of this channel's audio transcribed so far


@dataclass(frozen=True)
class TranscriberConfig:
    model: str = "base"
    language: str | None = None  # None: detect per channel among `languages`
    languages: tuple[str, ...] = ("en", "nl", "fr", "de")
    compute_type: str = "int8"
    cpu_threads: int = 0  # 0: let CTranslate2 use every core
    beam_size: int = 5
    vad_filter: bool = True
    max_compression_ratio: float = 2.4  # Whisper's own mark of a repetition loop
    rescue: bool = False  # decode looping stretches again, in pieces (`pipeline.rescue`)
    unheard_s: float = MIN_UNHEARD_S  # speech this long with no word is redacted (0: off)
    cache_dir: Path = DEFAULT_CACHE_DIR


def split_speech(samples: np.ndarray) -> list[tuple[int, int]]:
    """Speech pieces of at most `PIECE_MAX_S`, cut at the pauses Silero VAD finds."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=150, speech_pad_ms=150,
                         max_speech_duration_s=PIECE_MAX_S)
    return [(int(p["start"]), int(p["end"])) for p in get_speech_timestamps(samples, options)]


def speech_regions(samples: np.ndarray, rate: int) -> list[tuple[float, float]]:
    """Where Silero VAD hears speech, in seconds."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=500, speech_pad_ms=100)
    return [(p["start"] / rate, p["end"] / rate)
            for p in get_speech_timestamps(samples, options, sampling_rate=rate)]


class Transcriber(abc.ABC):
    """Speech to timed words; an ABC so orchestration can be unit-tested without a model."""

    name: str

    @abc.abstractmethod
    def transcribe(
        self, audio: ChannelAudio, progress: ProgressFn | None = None, language: str | None = None
    ) -> ChannelTranscript:
        """Timed words of one channel; `language` overrides configuration and detection."""


def build_text(
    raw_segments: Sequence[RawSegment | tuple[float, float, Sequence[tuple[str, float, float, float]]]],
) -> tuple[str, tuple[Segment, ...]]:
    """Join words into one text and record each word's char span, so spans map back to time."""
    text = ""
    segments: list[Segment] = []
    for raw in map(RawSegment.of, raw_segments):
        words: list[Word] = []
        for w in raw.words:
            stripped = w.text.strip()
            if not stripped:
                continue
            if text:
                text += " "
            char_start = len(text)
            text += stripped
            words.append(Word(stripped, float(w.start), float(w.end), float(w.probability),
                              char_start, len(text)))
        if words:
            segments.append(Segment(raw.start, raw.end, words[0].char_start, len(text),
                                    tuple(words), raw.reliable))
    return text, tuple(segments)


class WhisperTranscriber(Transcriber):
    """faster-whisper behind the `Transcriber` interface; the model is loaded once, on first use."""

    def __init__(self, config: TranscriberConfig) -> None:
        self.config = config
        self.name = config.model
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            from faster_whisper import WhisperModel

            path = resolve_model(self.config.model, self.config.cache_dir)
            try:
                self._model = WhisperModel(
                    str(path),
                    device="cpu",
                    compute_type=self.config.compute_type,
                    cpu_threads=self.config.cpu_threads,
                    local_files_only=True,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"cannot load model '{self.config.model}': {exc}") from exc
        return self._model

    def _language(self, model: Any, audio: ChannelAudio) -> tuple[str, float]:
        if self.config.model in ENGLISH_ONLY:
            return "en", 1.0
        if self.config.language:
            return self.config.language, 1.0
        # The language is settled in the first minutes; VAD over a whole hour-long channel is not free.
        head = audio.samples[: audio.sample_rate * LANGUAGE_PROBE_S]
        _, _, probs = model.detect_language(
            head, vad_filter=self.config.vad_filter, language_detection_segments=3
        )
        allowed = [(lang, p) for lang, p in probs if lang in self.config.languages]
        if not allowed:
            return self.config.languages[0], 0.0
        lang, prob = max(allowed, key=lambda item: item[1])
        return str(lang), float(prob)

    def transcribe(
        self, audio: ChannelAudio, progress: ProgressFn | None = None, language: str | None = None
    ) -> ChannelTranscript:
        model = self._load()
        if language and self.config.model not in ENGLISH_ONLY:
            language_prob = 1.0
        else:
            language, language_prob = self._language(model, audio)
        max_ratio = self.config.max_compression_ratio

        def decode(clip: np.ndarray, vad: bool, first: bool = False) -> list[RawSegment]:
            found, _info = model.transcribe(
                clip,
                language=language,
                task="transcribe",
                beam_size=self.config.beam_size,
                temperature=0.0,
                condition_on_previous_text=False,
                word_timestamps=True,
                vad_filter=vad,
                vad_parameters=VAD_PARAMETERS if vad else None,
            )
            out = []
            for seg in found:
                words = tuple(RawWord(w.word, w.start, w.end, w.probability) for w in seg.words or ())
                floor = -math.inf if first else RESCUE_MIN_LOGPROB
                out.append(judged(RawSegment(float(seg.start), float(seg.end), words,
                                             seg.compression_ratio <= max_ratio), max_ratio, floor))
                if progress is not None and first:
                    progress(float(seg.end))
            return out

        raw = decode(audio.samples, self.config.vad_filter, first=True)
        if self.config.rescue:
            raw = rescue(audio.samples, audio.sample_rate, raw, decode, split_speech)
        if self.config.unheard_s > 0:
            speech = speech_regions(audio.samples, audio.sample_rate)
            raw = with_unheard(raw, speech, self.config.unheard_s)
        text, segments = build_text(raw)
        return ChannelTranscript(
            channel=audio.index,
            speaker=audio.speaker,
            language=language,
            language_probability=language_prob,
            text=text,
            segments=segments,
        )
