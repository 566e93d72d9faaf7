"""Audio redaction: exact frames replaced, nothing else touched, length and layout preserved."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydub import AudioSegment
from pydub.generators import Sine

from pipeline.decode import probe
from pipeline.errors import ConfigError
from pipeline.redact_audio import RedactionMode, export_like, redact
from pipeline.types import Interval


def _stereo(rate: int = 8000, seconds: float = 2.0) -> AudioSegment:
    left = Sine(300).to_audio_segment(duration=seconds * 1000).set_frame_rate(rate)
    right = Sine(500).to_audio_segment(duration=seconds * 1000).set_frame_rate(rate)
    return AudioSegment.from_mono_audiosegments(left.set_channels(1), right.set_channels(1))


def _frames(seg: AudioSegment) -> np.ndarray:  # type: ignore[type-arg]
    return np.array(seg.get_array_of_samples()).reshape(-1, seg.channels)


@pytest.mark.parametrize("mode", [RedactionMode.BEEP, RedactionMode.SILENCE])
def test_only_the_interval_of_its_channel_changes(mode: RedactionMode) -> None:
    audio = _stereo()
    out = redact(audio, [Interval(1, 0.5, 1.0, ("PIN",))], mode)
    before, after = _frames(audio), _frames(out)
    assert after.shape == before.shape and out.frame_rate == audio.frame_rate
    assert (after[:, 0] == before[:, 0]).all()
    assert (after[:4000, 1] == before[:4000, 1]).all() and (
        after[8000:, 1] == before[8000:, 1]
    ).all()
    region = after[4000:8000, 1]
    if mode is RedactionMode.SILENCE:
        assert not region.any()
    else:
        spectrum = np.abs(np.fft.rfft(region))
        assert abs(np.argmax(spectrum) * 8000 / len(region) - 1000) < 5  # a 1 kHz tone


def test_interval_for_missing_channel_is_refused() -> None:
    with pytest.raises(ConfigError):
        redact(_stereo().set_channels(1), [Interval(1, 0.0, 0.5, ("PIN",))], "beep")


@pytest.mark.parametrize(
    ("fmt", "codec", "ext"),
    [
        ("wav", "pcm_s16le", "wav"),
        ("mp3", "mp3", "mp3"),
        ("flac", "flac", "flac"),
        ("ogg", "opus", "ogg"),
    ],
)
def test_export_keeps_format(tmp_path: Path, fmt: str, codec: str, ext: str) -> None:
    src = tmp_path / f"src.{ext}"
    params = {"codec": "libopus"} if codec == "opus" else {}
    audio = _stereo(rate=16000 if codec != "opus" else 48000, seconds=3.0)
    audio.export(src, format=fmt, **params)
    info = probe(src)
    target = tmp_path / f"out.{ext}"
    export_like(
        redact(AudioSegment.from_file(src), [Interval(0, 1.0, 2.0, ("X",))], "beep"), info, target
    )
    out = probe(target)
    assert (out.codec, out.sample_rate, out.channels) == (
        info.codec,
        info.sample_rate,
        info.channels,
    )
    assert abs(out.duration - info.duration) < 0.06
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("codec", ["pcm_s16le", "pcm_u8", "pcm_s24le", "pcm_s32le", "pcm_f32le",
                                   "pcm_mulaw", "pcm_alaw"])
def test_every_wav_encoding_survives_redaction(tmp_path: Path, codec: str) -> None:
    """G.711 and float WAVs must be decoded, not read as raw integers (that turns them to noise)."""
    import subprocess

    from pipeline.decode import decode

    base = tmp_path / "tone.wav"
    _stereo(seconds=3.0).export(base, format="wav")
    src = tmp_path / f"src-{codec}.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(base), "-c:a", codec, str(src)],
                   check=True, timeout=60)
    decoded = decode(src)
    target = tmp_path / f"out-{codec}.wav"
    export_like(redact(decoded.original, [Interval(0, 1.0, 2.0, ("X",))], "beep"),
                decoded.info, target)
    assert probe(target).codec == codec
    before, after = _frames(decode(src).original), _frames(decode(target).original)
    full = 2 ** (8 * decoded.original.sample_width - 1)
    assert (after[:, 1] == before[:, 1]).all()  # the other channel is untouched
    assert (after[:7000, 0] == before[:7000, 0]).all() and (after[17000:, 0] == before[17000:, 0]).all()
    assert 0.2 < np.abs(after[9000:15000, 0]).max() / full < 0.3  # a -12 dBFS beep, not noise
