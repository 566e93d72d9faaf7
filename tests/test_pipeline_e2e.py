"""End to end with the real model: planted data must be beeped in the audio and gone from the text.

Calls are synthesised with planted items at known times, mono and stereo, 8 and 16 kHz. The layouts
are ones where the base model hears espeak's voice; how detection fares where Whisper mishears
(8 kHz with noise) is measured by the evaluation in benchmarks/, not asserted here. Coverage is
read from the output audio itself (callvault.evaluation.score), not from the report.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydub import AudioSegment

from callvault.evaluation.score import leaked_values, score_call
from callvault.evaluation.scripts import digits_call, sample_call
from callvault.evaluation.synth import SynthCall, synthesize
from pipeline.decode import probe
from pipeline.redact_audio import RedactionMode
from pipeline.runner import Redactor

# Card data, bank data and IDs must be fully beeped; the rest at least mostly.
STRICT = {
    "CREDIT_CARD",
    "CARD_SECURITY_CODE",
    "CARD_EXPIRY",
    "IBAN_CODE",
    "PIN",
    "BE_NATIONAL_REGISTER_NUMBER",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
}


GENERIC_WORDS = {"street", "road", "avenue", "lane", "example"}


def _run(redactor: Any, call: SynthCall, out: Path) -> tuple[Path, dict[str, Any]]:
    result = redactor.redact_file(call.path, out)
    return result.audio_path, result.report


@pytest.fixture(scope="module")
def outcomes(
    redactor: Redactor, calls_dir: Path
) -> dict[str, tuple[SynthCall, Path, dict[str, Any]]]:
    runs = {}
    for script, layouts in ((sample_call(), ((16000, True), (16000, False))),
                            (digits_call(), ((8000, True), (16000, False)))):
        for rate, stereo in layouts:
            name = f"{script.name}-{rate}-{'stereo' if stereo else 'mono'}"
            call = synthesize(script, calls_dir / f"{name}.wav", sample_rate=rate, stereo=stereo)
            audio, report = _run(redactor, call, calls_dir / "out")
            runs[name] = (call, audio, report)
    return runs


CASES = [
    "sample_call-16000-stereo",
    "sample_call-16000-mono",
    "digits_call-8000-stereo",
    "digits_call-16000-mono",
]


@pytest.mark.parametrize("case", CASES)
def test_planted_spans_are_beeped(outcomes: dict[str, Any], case: str) -> None:
    call, audio, _ = outcomes[case]
    planted, _ = score_call(call, audio)
    for span in planted:
        floor = 0.9 if span.label in STRICT else 0.8
        assert span.coverage >= floor, (
            f"{case}: {span.label} at {span.start:.2f}s {span.coverage:.2f}"
        )


@pytest.mark.parametrize("case", CASES)
def test_no_planted_value_in_text_or_report(outcomes: dict[str, Any], case: str) -> None:
    call, _, report = outcomes[case]
    assert leaked_values(call, report) == []
    strings = list(_strings(report))
    for span in call.planted:
        value = (span.value or "").lower()
        digits = re.sub(r"\D", "", value)
        for text in strings:
            if len(digits) >= 4:
                assert digits not in re.sub(r"\D", "", text), span.label
            elif value and not digits:
                for word in set(re.findall(r"[a-z]{4,}", value)) - GENERIC_WORDS:
                    assert not re.search(rf"\b{word}\b", text.lower()), span.label


def _strings(node: Any) -> Any:
    """Every string in the report (numbers are times and scores, not content)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


@pytest.mark.parametrize("case", CASES)
def test_output_keeps_format_rate_channels_duration(outcomes: dict[str, Any], case: str) -> None:
    call, audio, report = outcomes[case]
    src, out = probe(call.path), probe(audio)
    assert (out.container, out.codec, out.sample_rate, out.channels) == (
        src.container,
        src.codec,
        src.sample_rate,
        src.channels,
    )
    assert abs(out.duration - src.duration) < 1e-3
    assert report["input"]["channels"] == src.channels
    assert report["summary"]["redactions"] == len(report["redactions"]) > 0


def test_report_shape(outcomes: dict[str, Any]) -> None:
    _, _, report = outcomes["sample_call-16000-stereo"]
    assert report["schema"].startswith("callvault.redaction-report/")
    assert {c["speaker"] for c in report["channels"]} == {"agent", "customer"}
    for r in report["redactions"]:
        assert set(r) == {
            "entity_type",
            "channel",
            "speaker",
            "start",
            "end",
            "score",
            "recognizer",
            "special_category",
            "placed",
        }
        assert 0 <= r["start"] < r["end"] <= report["duration"]
    words = [w for c in report["channels"] for s in c["segments"] for w in s["words"]]
    assert any(w["redacted"] and w["text"] == "[REDACTED]" for w in words)
    # English channels are heard twice by default; what the second model added is listed by type.
    assert report["settings"]["second_hearing"] is True
    assert report["settings"]["second_model"] == "tiny.en"
    assert report["second_hearing"]["model"] == "tiny.en"
    assert report["second_hearing"]["found"] == len(report["second_hearing"]["heard"])
    for h in report["second_hearing"]["heard"]:
        assert set(h) == {"entity_type", "channel", "start", "end"}


def test_special_category_reported_as_such(outcomes: dict[str, Any]) -> None:
    _, _, report = outcomes["sample_call-16000-mono"]
    assert "HEALTH" in report["summary"]["special_categories"]
    assert all(r["special_category"] for r in report["redactions"] if r["entity_type"] == "HEALTH")


def test_customer_digit_run_on_customer_channel_only(outcomes: dict[str, Any]) -> None:
    _, _, report = outcomes["digits_call-8000-stereo"]
    assert all(
        r["speaker"] == "customer"
        for r in report["redactions"]
        if r["entity_type"] == "DIGIT_SEQUENCE"
    )


def test_silence_mode_zeroes_the_intervals(redactor: Redactor, calls_dir: Path) -> None:
    call = synthesize(digits_call(), calls_dir / "silence-src.wav", sample_rate=8000, stereo=True)
    silent = Redactor(
        config=type(redactor.config)(**{**redactor.config.__dict__, "mode": RedactionMode.SILENCE}),
        transcriber=redactor.transcriber,
        detector=redactor.detector,
    )
    result = silent.redact_file(call.path, calls_dir / "silence-out")
    out = np.array(AudioSegment.from_file(result.audio_path).get_array_of_samples())
    frames, rate = out.reshape(-1, 2), 8000
    assert result.report["intervals"]
    for iv in result.report["intervals"]:
        a, b = int(np.ceil(iv["start"] * rate)), int(iv["end"] * rate)
        assert not frames[a:b, iv["channel"]].any()
    planted, _ = score_call(call, result.audio_path)
    assert all(p.coverage >= 0.9 for p in planted if p.label in STRICT)


@pytest.mark.parametrize(
    ("ext", "codec", "args"),
    [("mp3", "mp3", ["-c:a", "libmp3lame", "-b:a", "32k"]), ("flac", "flac", []),
     ("ogg", "opus", ["-c:a", "libopus", "-b:a", "24k"])],
)
def test_compressed_inputs_keep_their_format(
    redactor: Redactor, calls_dir: Path, ext: str, codec: str, args: list[str]
) -> None:
    """Lossy outputs can't be diffed sample by sample, so coverage is read from the intervals."""
    call = synthesize(digits_call(), calls_dir / f"fmt-{ext}.wav", sample_rate=16000, stereo=True)
    src = calls_dir / f"fmt.{ext}"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(call.path), *args, str(src)],
                   check=True, timeout=120)
    result = redactor.redact_file(src, calls_dir / f"fmt-out-{ext}")
    assert result.audio_path.name == f"fmt.redacted.{ext}"
    before, after = probe(src), probe(result.audio_path)
    assert (after.codec, after.sample_rate, after.channels) == (codec, before.sample_rate, 2)
    assert abs(after.duration - before.duration) < 0.08
    for span in call.planted:
        if span.label not in STRICT:
            continue
        covered = sum(
            max(0.0, min(iv["end"], span.end) - max(iv["start"], span.start))
            for iv in result.report["intervals"] if iv["channel"] == span.channel
        )
        assert covered >= 0.9 * (span.end - span.start), f"{ext}: {span.label}"


def test_cli_can_hear_a_call_once(tmp_path: Path) -> None:
    """`--no-second-hearing` (with `--no-verify`) is the one-model, fastest mode."""
    wav = Path(__file__).resolve().parents[1] / "samples" / "sample-call.wav"
    proc = subprocess.run(
        [sys.executable, "-m", "callvault", "redact", str(wav), "--out-dir", str(tmp_path),
         "--no-second-hearing", "--no-verify", "--no-progress"],
        capture_output=True, text=True, check=False, timeout=600,
        env={**os.environ, "CALLVAULT_LOG_LEVEL": "WARNING"},
    )
    assert proc.returncode == 0, proc.stderr[-500:]
    report = json.loads((tmp_path / "sample-call.json").read_text())
    assert report["settings"]["second_hearing"] is False
    assert report["second_hearing"] is None and report["verification"] is None
    assert "second_hearing" not in report["timings"]
