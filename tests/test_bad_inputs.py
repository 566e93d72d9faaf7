"""Bad input: one clear line naming the file and the reason, no traceback, nothing left behind.

These run the real `callvault` executable in a subprocess, as a user would, so exit codes, stderr and
the output directory are checked exactly as they are seen.
"""

from __future__ import annotations

import json
import math
import os
import struct
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from pydub import AudioSegment

from callvault.evaluation.scripts import digits_call
from callvault.evaluation.synth import synthesize

CLI = [sys.executable, "-m", "callvault"]


def _wav(path: Path, seconds: float, rate: int = 8000, tone: bool = False) -> Path:
    n = int(seconds * rate)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = (int(8000 * math.sin(i / 3)) if tone else 0 for i in range(n))
        w.writeframes(b"".join(struct.pack("<h", f) for f in frames))
    return path


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CALLVAULT_LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [*CLI, "redact", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def _bad_files(d: Path) -> dict[str, tuple[Path, str]]:
    rnd = d / "random.wav"
    rnd.write_bytes(os.urandom(4096))
    empty = d / "empty.mp3"
    empty.write_bytes(b"")
    good = _wav(d / "good.wav", 2.0, tone=True)
    truncated = d / "truncated.wav"
    truncated.write_bytes(good.read_bytes()[:30])
    folder = d / "folder.wav"
    folder.mkdir()
    short = _wav(d / "short.wav", 0.1, tone=True)
    text = d / "notes.ogg"
    text.write_text("this is not audio\n" * 50)
    return {
        "random bytes": (rnd, "not a readable audio file"),
        "zero-length": (empty, "empty file"),
        "truncated header": (truncated, "not a readable audio file"),
        "a directory": (folder, "is a directory"),
        "0.1 s clip": (short, "too short"),
        "text file": (text, "not a readable audio file"),
        "missing": (d / "nope.wav", "file not found"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "random bytes",
        "zero-length",
        "truncated header",
        "a directory",
        "0.1 s clip",
        "text file",
        "missing",
    ],
)
def test_bad_input_is_one_line_and_leaves_nothing(tmp_path: Path, case: str) -> None:
    path, reason = _bad_files(tmp_path)[case]
    out = tmp_path / "out"
    proc = _run(path, "--out-dir", out)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and reason in lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout
    assert list(out.iterdir()) == []


def test_good_inputs_still_processed_beside_bad_ones(tmp_path: Path) -> None:
    call = synthesize(digits_call(), tmp_path / "call.wav", sample_rate=8000)
    silence = _wav(tmp_path / "silence.wav", 3.0)
    bad = tmp_path / "bad.flac"
    bad.write_bytes(os.urandom(1000))
    out = tmp_path / "out"
    proc = _run(bad, call.path, silence, "--out-dir", out, "--mode", "silence")
    assert proc.returncode == 2
    assert "bad.flac" in proc.stderr and "Traceback" not in proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["call.json", "call.redacted.wav", "silence.json", "silence.redacted.wav"]


def test_pure_silence_is_a_valid_call_with_nothing_to_redact(tmp_path: Path) -> None:
    silence = _wav(tmp_path / "quiet.wav", 4.0)
    proc = _run(silence, "--out-dir", tmp_path / "o")
    assert proc.returncode == 0, proc.stderr

    report = json.loads((tmp_path / "o" / "quiet.json").read_text())
    assert report["summary"]["redactions"] == 0
    assert report["summary"]["redacted_seconds"] == 0
    out = AudioSegment.from_file(tmp_path / "o" / "quiet.redacted.wav")
    src = AudioSegment.from_file(silence)
    assert out.raw_data == src.raw_data and out.frame_rate == src.frame_rate


def test_unwritable_out_dir_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = _run(_wav(tmp_path / "a.wav", 1.0), "--out-dir", blocker / "sub")
    assert proc.returncode == 2
    assert "cannot create output directory" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_invalid_setting_names_the_field(tmp_path: Path) -> None:
    env = {**os.environ, "CALLVAULT_MIN_DIGITS": "banana"}
    proc = subprocess.run(
        [*CLI, "redact", str(_wav(tmp_path / "a.wav", 1.0)), "--out-dir", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "min_digits" in proc.stderr and "Traceback" not in proc.stderr
