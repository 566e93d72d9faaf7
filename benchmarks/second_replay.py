"""`detect_loop`'s replay of the second hearing: the second model's transcripts, cached once per
case beside the first (`<case>.again.pkl`), fed to `pipeline.second_hearing` as if heard again."""

from __future__ import annotations

import functools
import pickle
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from pipeline.detect.detector import Detector
from pipeline.runner import RedactorConfig
from pipeline.second_hearing import second_hearing
from pipeline.transcribe import Transcriber, TranscriberConfig
from pipeline.types import ChannelAudio, ChannelTranscript, Interval


@functools.cache
def _listener(model: TranscriberConfig) -> Transcriber:
    from pipeline.transcribe import WhisperTranscriber

    return WhisperTranscriber(model)


def heard_again(config: RedactorConfig, data: dict, pkl: Path,
                 retranscribe: bool) -> tuple[ChannelTranscript, ...]:
    """The second hearing's transcripts of the English channels, cached beside the first."""
    from pipeline.decode import decode

    english = [tr.channel for tr in data["transcripts"] if tr.language == "en"]
    if not config.second_hearing or not english:
        return ()
    key = f"{data['key']}|{config.second_model}"
    cached = pickle.loads(pkl.read_bytes()) if pkl.exists() else None
    if cached is None or cached["key"] != key or retranscribe:
        listener = _listener(replace(config.transcriber, model=config.second_model, language="en"))
        decoded = decode(data["call"].path, agent_channel=config.agent_channel,
                         min_duration=config.min_duration)
        again = tuple(listener.transcribe(ch, language="en") for ch in decoded.channels
                      if ch.index in english)
        cached = {"key": key, "again": again}
        pkl.write_bytes(pickle.dumps(cached))
    return tuple(cached["again"])


class _Replayed(Transcriber):
    """A second model that hears what it heard when the cache was made."""

    name = "replayed"

    def __init__(self, heard: Sequence[ChannelTranscript]) -> None:
        self.heard = {t.channel: t for t in heard}

    def transcribe(self, audio: ChannelAudio, progress: object = None,
                   language: str | None = None) -> ChannelTranscript:
        return self.heard[audio.index]


def replay(again: Sequence[ChannelTranscript], first: Sequence[ChannelTranscript],
           intervals: Sequence[Interval], detector: Detector, config: RedactorConfig,
           duration: float) -> list[Interval]:
    """The second hearing's intervals, replayed from the cached second transcripts."""
    if not config.second_hearing or not again:
        return []
    replayed = _Replayed(again)
    channels = [ChannelAudio(tr.channel, tr.speaker, np.zeros(1, dtype=np.float32))
                for tr in first]
    found = second_hearing(channels, first, intervals,
                           lambda lang: replayed if lang == "en" else None,
                           detector, config.locate, duration)
    return list(found.intervals)
