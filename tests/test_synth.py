"""Tests for the synthetic-call generator: ground-truth timings must be trustworthy."""

from __future__ import annotations

import itertools
import wave
from pathlib import Path

import numpy as np
import pytest

from callvault.evaluation.scripts import digits_call, long_call, sample_call, spell_digits
from callvault.evaluation.synth import (
    CallScript,
    Chunk,
    SynthCall,
    Turn,
    espeak_available,
    synthesize,
)

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng not installed")

TINY = CallScript(
    name="tiny",
    turns=(
        Turn("agent", (Chunk("Your name please?"),)),
        Turn("customer", (Chunk("It is"), Chunk("Sarah Jones", "PERSON", "Sarah Jones"))),
        Turn("agent", (Chunk("And the pin?"),)),
        Turn("customer", (Chunk("seven two nine one", "PIN", "7291"), Chunk("thanks"))),
    ),
)


def _read(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return data.reshape(-1, w.getnchannels()), w.getframerate()


@pytest.fixture(scope="module")
def stereo_call(tmp_path_factory: pytest.TempPathFactory) -> SynthCall:
    if not espeak_available():
        pytest.skip("espeak-ng not installed")
    return synthesize(sample_call(), tmp_path_factory.mktemp("synth") / "sample.wav", stereo=True)


@needs_espeak
def test_spans_inside_duration_and_disjoint(stereo_call: SynthCall) -> None:
    spans = sorted(stereo_call.planted + stereo_call.ordinary, key=lambda s: s.start)
    assert stereo_call.planted and stereo_call.ordinary
    assert spans[0].start >= 0.5 - 1e-9
    assert spans[-1].end <= stereo_call.duration - 0.5 + 1e-9
    for span in spans:
        assert 0.0 <= span.start < span.end <= stereo_call.duration
    for prev, nxt in itertools.pairwise(spans):
        assert prev.end <= nxt.start, (prev, nxt)
    assert {s.label for s in stereo_call.ordinary} == {"O"}
    assert all(s.value is None for s in stereo_call.ordinary)


@needs_espeak
def test_sample_call_plants_every_type(stereo_call: SynthCall) -> None:
    labels = {s.label for s in stereo_call.planted}
    assert labels >= {
        "PERSON",
        "CREDIT_CARD",
        "CARD_EXPIRY",
        "CARD_SECURITY_CODE",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "LOCATION",
        "DATE_OF_BIRTH",
        "HEALTH",
    }
    assert 35.0 <= stereo_call.duration <= 50.0
    kept = {s.text for s in stereo_call.ordinary}
    assert {"forty two euros", "three"} <= kept


@needs_espeak
def test_planted_audio_is_loud_and_other_channel_silent(stereo_call: SynthCall) -> None:
    audio, rate = _read(stereo_call.path)
    assert rate == 8000 and audio.shape[1] == 2
    assert abs(audio.shape[0] / rate - stereo_call.duration) < 1e-9
    for span in stereo_call.planted + stereo_call.ordinary:
        seg = audio[round(span.start * rate) : round(span.end * rate)].astype(np.float64)
        assert np.sqrt(np.mean(seg[:, span.channel] ** 2)) > 200, span
        assert not seg[:, 1 - span.channel].any(), span
        assert span.channel == (0 if span.speaker == "agent" else 1)


@needs_espeak
def test_agent_channel_can_be_swapped(tmp_path: Path) -> None:
    call = synthesize(TINY, tmp_path / "t.wav", stereo=True, agent_channel=1)
    assert {(s.speaker, s.channel) for s in call.planted + call.ordinary} == {
        ("agent", 1),
        ("customer", 0),
    }


@needs_espeak
def test_deterministic_bytes(tmp_path: Path) -> None:
    for kwargs in ({}, {"noise_db": -35.0, "stereo": True}):
        a = synthesize(digits_call(), tmp_path / "a.wav", **kwargs)  # type: ignore[arg-type]
        b = synthesize(digits_call(), tmp_path / "b.wav", **kwargs)  # type: ignore[arg-type]
        assert a.path.read_bytes() == b.path.read_bytes()
        assert a.planted == b.planted
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.wav", "b.wav"]  # no temp leftovers


@needs_espeak
@pytest.mark.parametrize("rate", [8000, 16000])
def test_sample_rates(tmp_path: Path, rate: int) -> None:
    call = synthesize(TINY, tmp_path / f"{rate}.wav", sample_rate=rate)
    audio, got = _read(call.path)
    assert got == rate == call.sample_rate and call.channels == 1 and audio.shape[1] == 1
    assert abs(audio.shape[0] / rate - call.duration) < 1e-9
    assert [s.label for s in call.planted] == ["PERSON", "PIN"]
    assert all(s.channel == 0 for s in call.planted + call.ordinary)


@needs_espeak
def test_noise_changes_file_keeps_duration(tmp_path: Path) -> None:
    clean = synthesize(TINY, tmp_path / "clean.wav")
    noisy = synthesize(TINY, tmp_path / "noisy.wav", noise_db=-35.0)
    assert clean.path.read_bytes() != noisy.path.read_bytes()
    assert noisy.duration == clean.duration and noisy.planted == clean.planted
    audio, rate = _read(noisy.path)
    lead = audio[: int(0.4 * rate), 0].astype(np.float64)
    level_db = 20 * np.log10(np.sqrt(np.mean(lead**2)) / 32767)
    assert -40.0 < level_db < -30.0


@needs_espeak
def test_long_call_is_long_enough(tmp_path: Path) -> None:
    assert long_call(1.0) == long_call(1.0)
    call = synthesize(long_call(1.0), tmp_path / "long.wav")
    assert call.duration >= 60.0
    assert len(long_call(5.0).turns) > len(long_call(1.0).turns)


def test_missing_espeak_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert not espeak_available()
    with pytest.raises(RuntimeError, match="espeak-ng"):
        synthesize(TINY, tmp_path / "x.wav")


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_planted_values_are_valid_and_match_spoken_text() -> None:
    chunks = [
        c
        for s in (sample_call(), digits_call(), long_call(5.0))
        for t in s.turns
        for c in t.chunks
        if c.label
    ]
    for c in chunks:
        assert c.value
        if c.label == "CREDIT_CARD":
            assert _luhn_ok(c.value) and c.value.startswith("4") and len(c.value) == 16
        if c.label in {"CREDIT_CARD", "PIN", "CARD_SECURITY_CODE", "BE_NATIONAL_REGISTER_NUMBER"}:
            assert c.text.replace(",", "") == spell_digits(c.value), c
        if c.label == "IBAN_CODE":
            iban = c.value
            assert iban.startswith("BE") and len(iban) == 16
            assert int("".join(str(int(x, 36)) for x in iban[4:] + iban[:4])) % 97 == 1
            assert int(iban[4:14]) % 97 == int(iban[14:])
        if c.label == "BE_NATIONAL_REGISTER_NUMBER":
            assert 97 - int(c.value[:9]) % 97 == int(c.value[9:])
    assert {"IBAN_CODE", "BE_NATIONAL_REGISTER_NUMBER", "PIN"} <= {c.label for c in chunks}
    assert spell_digits("07700900123", (5, 3), oh=True) == (
        "oh seven seven oh oh, nine oh oh, one two three"
    )
