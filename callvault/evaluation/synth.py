"""Synthetic contact-centre calls with personal data planted at known times.

Redaction quality can only be measured against ground truth, and real call
recordings with hand-labelled personal data are exactly what we may not keep.
This module therefore speaks a scripted call with the ``espeak-ng`` binary,
chunk by chunk, and records where every chunk lands in the output file, so
tests, benchmarks and the demo know precisely which seconds must be silenced
(``planted``) and which must survive (``ordinary``).

The output is deterministic: the same script and options always give a
byte-identical WAV file, so benchmark numbers are comparable between runs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pipeline.files import atomic_path

__all__ = [
    "CallScript",
    "Chunk",
    "PlantedSpan",
    "SynthCall",
    "Turn",
    "espeak_available",
    "synthesize",
]

Samples = npt.NDArray[np.int16]

_ESPEAK = "espeak-ng"
_SOX = "sox"
_LEAD_S = 0.5  # silence before the first turn
_TAIL_S = 0.5  # silence after the last turn
_CHUNK_GAP_S = 0.08  # short enough that a turn still sounds like one utterance
_KEEP_S = 0.02  # silence kept around trimmed speech so onsets are not clipped
_FULL_SCALE = 32767.0


@dataclass(frozen=True)
class Chunk:
    """A piece of one utterance; planted data gets its own chunk so its span is exact."""

    text: str
    label: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted utterance, made of chunks spoken back to back."""

    speaker: str
    chunks: tuple[Chunk, ...]
    voice: str | None = None


@dataclass(frozen=True)
class CallScript:
    """A whole call: turns plus the voices and pace used to speak them."""

    name: str
    turns: tuple[Turn, ...]
    agent_voice: str = "en-us+m3"
    customer_voice: str = "en-gb+f2"
    speed_wpm: int = 155
    language: str = "en"  # metadata for downstream ASR; voices decide the accent


@dataclass(frozen=True)
class PlantedSpan:
    """Where one chunk ended up in the file (seconds, trimmed speech only)."""

    label: str
    value: str | None
    text: str
    speaker: str
    channel: int
    start: float
    end: float


@dataclass(frozen=True)
class SynthCall:
    """The written file plus the ground truth needed to score a redactor on it."""

    path: Path
    sample_rate: int
    channels: int
    duration: float
    planted: tuple[PlantedSpan, ...]
    ordinary: tuple[PlantedSpan, ...]


def espeak_available() -> bool:
    """Tell callers (e.g. pytest skips) whether synthesis can run on this host."""
    return shutil.which(_ESPEAK) is not None


def _read_wav(path: Path) -> tuple[Samples, int]:
    """Read a mono 16-bit WAV; espeak and sox both produce exactly that."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise RuntimeError(f"unexpected WAV format in {path}")
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return data.astype(np.int16), rate


def _resample_linear(x: Samples, src: int, dst: int) -> Samples:
    """Fallback when sox is absent: crude but dependency-free and deterministic."""
    if src == dst or x.size == 0:
        return x
    n = max(1, round(x.size * dst / src))
    pos = np.arange(n, dtype=np.float64) * (src / dst)
    y = np.interp(pos, np.arange(x.size, dtype=np.float64), x.astype(np.float64))
    return np.clip(np.round(y), -32768, 32767).astype(np.int16)


def _trim(x: Samples, rate: int) -> Samples:
    """Cut espeak's leading/trailing pauses so spans cover speech, keeping a short pad."""
    mag = np.abs(x.astype(np.int32))
    if mag.size == 0 or int(mag.max()) == 0:
        return x[:0]
    threshold = max(150, int(0.03 * int(mag.max())))
    loud = np.flatnonzero(mag > threshold)
    keep = round(_KEEP_S * rate)
    lo = max(0, int(loud[0]) - keep)
    hi = min(x.size, int(loud[-1]) + 1 + keep)
    return x[lo:hi]


def _speak(text: str, voice: str, wpm: int, rate: int, tmp: Path) -> Samples:
    """Render one chunk to trimmed mono samples at ``rate``."""
    raw, out = tmp / "chunk.wav", tmp / "chunk_rs.wav"
    # "--" stops text starting with "-" from being parsed as an option.
    cmd = [_ESPEAK, "-v", voice, "-s", str(wpm), "-w", str(raw), "--", text]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0 or not raw.exists():
        raise RuntimeError(f"espeak-ng failed for {text!r} ({voice}): {res.stderr.strip()}")
    if shutil.which(_SOX):
        # -R/-D: repeatable and undithered, otherwise sox output differs run to run.
        sox = [_SOX, "-R", "-D", "-V1", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out)]
        res = subprocess.run(sox, capture_output=True, text=True, check=False)
        if res.returncode != 0:
            raise RuntimeError(f"sox resampling failed: {res.stderr.strip()}")
        samples, got = _read_wav(out)
    else:
        samples, got = _read_wav(raw)
        samples = _resample_linear(samples, got, rate)
        got = rate
    if got != rate:
        raise RuntimeError(f"resampled to {got} Hz, wanted {rate} Hz")
    trimmed = _trim(samples, rate)
    if trimmed.size == 0:
        raise RuntimeError(f"espeak-ng produced only silence for {text!r}")
    return trimmed


def _noise(n: int, channels: int, level_db: float, seed: int) -> npt.NDArray[np.float64]:
    """Pinkish Gaussian noise (1/sqrt(f) spectrum) at ``level_db`` dBFS RMS, seeded."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, channels), dtype=np.float64)
    target = _FULL_SCALE * 10.0 ** (level_db / 20.0)
    for ch in range(channels):
        spec = np.fft.rfft(rng.standard_normal(n))
        freqs = np.arange(spec.size, dtype=np.float64)
        freqs[0] = 1.0
        shaped = np.fft.irfft(spec / np.sqrt(freqs), n=n)
        rms = float(np.sqrt(np.mean(shaped**2))) or 1.0
        out[:, ch] = shaped * (target / rms)
    return out


def _write_wav_atomic(path: Path, audio: Samples, rate: int) -> None:
    """Write via a temp file in the same directory so readers never see half a file."""
    with atomic_path(path) as tmp, wave.open(str(tmp), "wb") as w:
        w.setnchannels(audio.shape[1])
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(audio.astype("<i2").tobytes())


def synthesize(
    script: CallScript,
    out_path: Path,
    *,
    sample_rate: int = 8000,
    stereo: bool = False,
    agent_channel: int = 0,
    noise_db: float | None = None,
    gap_s: float = 0.35,
) -> SynthCall:
    """Speak ``script`` into a 16-bit PCM WAV at ``out_path`` and return its ground truth.

    Stereo files mimic dual-channel contact-centre recordings: the agent is on
    ``agent_channel``, the customer on the other one, and each channel is
    silent while the other party speaks (unless ``noise_db`` adds a floor).
    """
    if not espeak_available():
        raise RuntimeError("espeak-ng not found on PATH (apt-get install espeak-ng)")
    if sample_rate <= 0 or gap_s < 0:
        raise ValueError("sample_rate must be positive and gap_s non-negative")
    if stereo and agent_channel not in (0, 1):
        raise ValueError("agent_channel must be 0 or 1 for stereo output")
    channels = 2 if stereo else 1
    voices = {"agent": script.agent_voice, "customer": script.customer_voice}

    # Lay out every chunk on a timeline first; (channel, start sample, samples).
    pieces: list[tuple[int, int, Samples]] = []
    planted: list[PlantedSpan] = []
    ordinary: list[PlantedSpan] = []
    cache: dict[tuple[str, str], Samples] = {}
    cursor = round(_LEAD_S * sample_rate)
    chunk_gap = round(_CHUNK_GAP_S * sample_rate)
    turn_gap = round(gap_s * sample_rate)
    with tempfile.TemporaryDirectory(prefix="callvault-synth-") as tmp_dir:
        tmp = Path(tmp_dir)
        for t_idx, turn in enumerate(script.turns):
            if turn.speaker not in voices:
                raise ValueError(f"unknown speaker {turn.speaker!r}; use 'agent' or 'customer'")
            voice = turn.voice or voices[turn.speaker]
            if stereo:
                is_agent = turn.speaker == "agent"
                channel = agent_channel if is_agent else 1 - agent_channel
            else:
                channel = 0
            if t_idx:
                cursor += turn_gap
            for c_idx, chunk in enumerate(turn.chunks):
                if not chunk.text.strip():
                    raise ValueError(f"empty chunk text in turn {t_idx} of {script.name!r}")
                key = (voice, chunk.text)
                if key not in cache:
                    cache[key] = _speak(chunk.text, voice, script.speed_wpm, sample_rate, tmp)
                samples = cache[key]
                if c_idx:
                    cursor += chunk_gap
                span = PlantedSpan(
                    label=chunk.label or "O",
                    value=chunk.value if chunk.label else None,
                    text=chunk.text,
                    speaker=turn.speaker,
                    channel=channel,
                    start=cursor / sample_rate,
                    end=(cursor + samples.size) / sample_rate,
                )
                (planted if chunk.label else ordinary).append(span)
                pieces.append((channel, cursor, samples))
                cursor += samples.size
    total = cursor + round(_TAIL_S * sample_rate)

    mix = np.zeros((total, channels), dtype=np.float64)
    for channel, start, samples in pieces:
        mix[start : start + samples.size, channel] += samples
    if noise_db is not None:
        seed = zlib.crc32(f"{script.name}|{sample_rate}|{channels}|{noise_db}".encode())
        mix += _noise(total, channels, noise_db, seed)
    audio = np.clip(np.round(mix), -32768, 32767).astype(np.int16)

    out_path = Path(out_path)
    _write_wav_atomic(out_path, audio, sample_rate)
    return SynthCall(
        path=out_path,
        sample_rate=sample_rate,
        channels=channels,
        duration=total / sample_rate,
        planted=tuple(planted),
        ordinary=tuple(ordinary),
    )
