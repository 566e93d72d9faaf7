"""Redact-audio stage: beep or silence over intervals, then write the input's own format back.

Samples are overwritten in place in a copy (never cut and re-joined), so the output has exactly the
input's frame count, rate and channel layout. A beep is a 1 kHz tone with short fades: listeners hear
that something was removed, and no click is mistaken for speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydub import AudioSegment

from pipeline.errors import ConfigError, OutputError
from pipeline.files import atomic_path
from pipeline.types import AudioInfo, Interval

BEEP_HZ = 1000.0
BEEP_LEVEL = 0.25  # fraction of full scale, about -12 dBFS: audible, not painful
FADE_S = 0.005


class RedactionMode(StrEnum):
    BEEP = "beep"
    SILENCE = "silence"


ENCODERS: dict[str, str] = {
    "mp3": "libmp3lame",
    "opus": "libopus",
    "vorbis": "libvorbis",
    "flac": "flac",
}


def _tone(n: int, rate: int, full_scale: float) -> npt.NDArray[np.float64]:
    t = np.arange(n) / rate
    wave = np.sin(2 * np.pi * BEEP_HZ * t) * BEEP_LEVEL * full_scale
    fade = min(int(FADE_S * rate), n // 2)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade)
        wave[:fade] *= ramp
        wave[-fade:] *= ramp[::-1]
    return wave


def redact(
    audio: AudioSegment, intervals: Sequence[Interval], mode: RedactionMode | str
) -> AudioSegment:
    """A copy of `audio` with every interval of its channel beeped or silenced."""
    mode = RedactionMode(mode)
    samples = np.array(audio.get_array_of_samples())
    frames = samples.reshape(-1, audio.channels).copy()
    rate = audio.frame_rate
    full_scale = float(2 ** (8 * audio.sample_width - 1) - 1)
    for iv in intervals:
        if not 0 <= iv.channel < audio.channels:
            raise ConfigError(f"interval for channel {iv.channel} of a {audio.channels}-ch file")
        a = max(0, int(np.floor(iv.start * rate)))
        b = min(len(frames), int(np.ceil(iv.end * rate)))
        if b <= a:
            continue
        if mode is RedactionMode.SILENCE:
            frames[a:b, iv.channel] = 0
        else:
            frames[a:b, iv.channel] = _tone(b - a, rate, full_scale).astype(frames.dtype)
    return audio._spawn(frames.reshape(-1).astype(samples.dtype).tobytes())


def export_like(audio: AudioSegment, info: AudioInfo, target: Path) -> None:
    """Encode `audio` as `info` describes, atomically: a temp file in the target dir, then rename."""
    params = ["-ar", str(info.sample_rate), "-ac", str(info.channels)]
    kwargs: dict[str, object] = {"format": info.container, "parameters": params}
    if info.container == "wav":
        kwargs["codec"] = info.codec
    else:
        kwargs["codec"] = ENCODERS.get(info.codec, info.codec)
        if info.bit_rate and info.codec in ("mp3", "opus", "vorbis"):
            kwargs["bitrate"] = f"{max(8, info.bit_rate // 1000)}k"
    try:
        with atomic_path(target) as tmp:
            audio.export(str(tmp), **kwargs).close()
            if tmp.stat().st_size == 0:
                raise OutputError("encoder produced an empty file", source=target.name)
    except OutputError:
        raise
    except Exception as exc:  # ffmpeg failures surface as assorted exceptions from pydub
        raise OutputError(
            f"cannot write redacted audio ({type(exc).__name__})", source=target.name
        ) from exc
