"""Decode stage: probe and validate an input, keep the original audio, split parties per channel.

Validation happens here, before any model runs, so that a wrong file costs milliseconds and produces a
one-line reason. The original `AudioSegment` is kept untouched for the redaction stage, which must
write the same format, rate, channel count and duration back out.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from pydub import AudioSegment
from pydub.audio_segment import fix_wav_headers

from pipeline.errors import InputError
from pipeline.types import AudioInfo, ChannelAudio, Speaker

# Containers we accept, keyed by ffprobe's format name, with the pydub/ffmpeg muxer to write them.
CONTAINERS: dict[str, str] = {"wav": "wav", "mp3": "mp3", "flac": "flac", "ogg": "ogg"}
CODECS: dict[str, frozenset[str]] = {
    "wav": frozenset(
        {"pcm_s16le", "pcm_u8", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_alaw", "pcm_mulaw"}
    ),
    "mp3": frozenset({"mp3"}),
    "flac": frozenset({"flac"}),
    "ogg": frozenset({"opus", "vorbis", "flac"}),
}
# pydub reads WAV payloads as integer PCM whatever they hold: G.711 and float samples must be
# decoded by ffmpeg first, or a float file would be rewritten as noise.
TRANSCODE_WAV = {"pcm_mulaw": "pcm_s16le", "pcm_alaw": "pcm_s16le", "pcm_f32le": "pcm_s32le"}
MIN_RATE, MAX_RATE = 8000, 48000
ASR_RATE = 16000


@dataclass(frozen=True, eq=False)
class DecodedAudio:
    """The probed facts, the untouched original and the per-party 16 kHz channels."""

    info: AudioInfo
    original: AudioSegment
    channels: tuple[ChannelAudio, ...]


def _ffprobe(path: Path) -> dict[str, Any]:
    exe = shutil.which("ffprobe")
    if exe is None:
        raise InputError("ffprobe (ffmpeg) is not installed", source=str(path))
    proc = subprocess.run(
        [exe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        check=False,
        timeout=60,
    )
    if proc.returncode != 0:
        raise InputError("not a readable audio file (corrupt or unsupported format)", source=str(path))
    try:
        data: dict[str, Any] = json.loads(proc.stdout or b"{}")
    except json.JSONDecodeError as exc:
        raise InputError("not a readable audio file", source=str(path)) from exc
    return data


def probe(path: Path, *, min_duration: float = 0.25) -> AudioInfo:
    """Check that `path` is a supported recording and describe it; raise `InputError` if not."""
    src = str(path)
    if not path.exists():
        raise InputError("file not found", source=src)
    if path.is_dir():
        raise InputError("is a directory, not an audio file", source=src)
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or 'I/O error'})", source=src) from exc
    if size == 0:
        raise InputError("empty file (0 bytes)", source=src)
    data = _ffprobe(path)
    fmt = str(data.get("format", {}).get("format_name", ""))
    container = next((c for c in fmt.split(",") if c in CONTAINERS), None)
    streams = [s for s in data.get("streams", []) if s.get("codec_type") == "audio"]
    if container is None or not streams:
        raise InputError(
            f"unsupported format '{fmt or 'unknown'}' (expected WAV, MP3, FLAC or OGG/Opus)",
            source=src,
        )
    stream = streams[0]
    codec = str(stream.get("codec_name", ""))
    if codec not in CODECS[container]:
        raise InputError(f"unsupported codec '{codec}' in {container}", source=src)
    rate = int(stream.get("sample_rate") or 0)
    channels = int(stream.get("channels") or 0)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise InputError(f"unsupported sample rate {rate} Hz (8-48 kHz)", source=src)
    if channels not in (1, 2):
        raise InputError(f"unsupported channel count {channels} (mono or stereo)", source=src)
    duration = float(stream.get("duration") or data.get("format", {}).get("duration") or 0.0)
    if duration < min_duration:
        raise InputError(f"too short ({duration:.2f} s, minimum {min_duration:.2f} s)", source=src)
    bit_rate = stream.get("bit_rate") or data.get("format", {}).get("bit_rate")
    return AudioInfo(
        path=src,
        container=CONTAINERS[container],
        codec=codec,
        extension=path.suffix.lstrip(".").lower() or container,
        sample_rate=rate,
        channels=channels,
        sample_width=0,
        duration=duration,
        bit_rate=int(bit_rate) if bit_rate else None,
    )


def _decode_via_ffmpeg(path: Path, pcm_codec: str) -> AudioSegment:
    exe = shutil.which("ffmpeg") or "ffmpeg"
    proc = subprocess.run(
        [exe, "-v", "error", "-nostdin", "-i", str(path), "-vn", "-acodec", pcm_codec, "-f", "wav", "-"],
        capture_output=True,
        check=True,
        timeout=600,
    )
    data = bytearray(proc.stdout)
    fix_wav_headers(data)  # a piped WAV has no sizes in its header
    return AudioSegment.from_wav(io.BytesIO(bytes(data)))


def asr_samples(segment: AudioSegment) -> np.ndarray[Any, np.dtype[np.float32]]:
    mono = segment.set_frame_rate(ASR_RATE).set_sample_width(2)
    pcm = np.frombuffer(mono.raw_data, dtype=np.int16)
    return (pcm.astype(np.float32) / 32768.0).astype(np.float32)


def decode(
    path: Path,
    *,
    agent_channel: int = 0,
    min_duration: float = 0.25,
) -> DecodedAudio:
    """Probe, decode and split a recording; stereo means one party per channel."""
    info = probe(path, min_duration=min_duration)
    try:
        if info.codec in TRANSCODE_WAV:
            original = _decode_via_ffmpeg(path, TRANSCODE_WAV[info.codec])
        else:
            original = AudioSegment.from_file(str(path), format=info.container)
    except Exception as exc:  # pydub raises bare exceptions from ffmpeg for corrupt data
        raise InputError("corrupt audio data (decoding failed)", source=info.path) from exc
    if len(original) == 0 or original.frame_count() == 0:
        raise InputError("no audio samples after decoding", source=info.path)
    info = replace(info, sample_width=original.sample_width)
    if original.channels == 1:
        parts: list[tuple[AudioSegment, Speaker]] = [(original, Speaker.UNKNOWN)]
    else:
        monos = original.split_to_mono()
        parts = [
            (m, Speaker.AGENT if i == agent_channel else Speaker.CUSTOMER) for i, m in enumerate(monos)
        ]
    channels = tuple(
        ChannelAudio(index=i, speaker=spk, samples=asr_samples(seg))
        for i, (seg, spk) in enumerate(parts)
    )
    return DecodedAudio(info=info, original=original, channels=channels)
