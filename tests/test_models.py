"""Model resolution: bundled names, folders, and clear errors; never a download."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import ModelError
from pipeline.whisper_models import REQUIRED_FILES, resolve_model


def test_bundled_tiny_en_resolves_to_a_complete_folder(tmp_path: Path) -> None:
    path = resolve_model("tiny.en", tmp_path)
    assert all((path / f).is_file() for f in REQUIRED_FILES)


def test_base_is_joined_once_into_the_cache(tmp_path: Path) -> None:
    first = resolve_model("base", tmp_path)
    stamp = (first / "model.bin").stat().st_mtime_ns
    again = resolve_model("base", tmp_path)
    assert again == first == tmp_path / "whisper-base"
    assert (again / "model.bin").stat().st_mtime_ns == stamp  # not rebuilt
    assert not [p for p in first.iterdir() if p.name.startswith(".")]  # no temp leftovers


@pytest.mark.parametrize(
    ("name", "reason"),
    [("large-v9", "unknown model"), ("/nonexistent/folder", "unknown model")],
)
def test_unknown_model_is_a_clear_error(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(ModelError, match=reason):
        resolve_model(name, tmp_path)


def test_folder_missing_files_names_them(tmp_path: Path) -> None:
    folder = tmp_path / "half"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    with pytest.raises(ModelError, match=r"model\.bin"):
        resolve_model(str(folder), tmp_path)


def test_cli_reports_a_bad_model_in_one_line(tmp_path: Path) -> None:
    wav = Path(__file__).resolve().parents[1] / "samples" / "sample-call.wav"
    proc = subprocess.run(
        [sys.executable, "-m", "callvault", "redact", str(wav), "--out-dir", str(tmp_path / "o"),
         "--model", "large-v9"],
        capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, "CALLVAULT_LOG_LEVEL": "WARNING"},
    )
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "unknown model" in lines[0] and "Traceback" not in proc.stderr
    assert list((tmp_path / "o").iterdir()) == []
