"""Tests for the evaluation corpus: coverage of labels and languages, valid planted values, audio."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from callvault.evaluation.corpus import LANGUAGES, EvalCase, cases, synthesize_case
from callvault.evaluation.scripts import digits_call, long_call, sample_call
from callvault.evaluation.synth import Chunk, espeak_available

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng not installed")

SPECIAL = (
    "HEALTH",
    "RELIGION",
    "POLITICAL_OPINION",
    "ETHNIC_ORIGIN",
    "TRADE_UNION",
    "SEX_LIFE",
    "GENETIC_BIOMETRIC",
)
REQUIRED = (
    "CREDIT_CARD",
    "CARD_SECURITY_CODE",
    "CARD_EXPIRY",
    "PHONE_NUMBER",
    "IBAN_CODE",
    "BANK_ACCOUNT",
    "EMAIL_ADDRESS",
    "LOCATION",
    "PERSON",
    "DATE_OF_BIRTH",
    "BE_NATIONAL_REGISTER_NUMBER",
    "PIN",
    *SPECIAL,
)
_DIGIT_LISTS = (
    "zero one two three four five six seven eight nine",
    "nul een twee drie vier vijf zes zeven acht negen",
    "zéro un deux trois quatre cinq six sept huit neuf",
    "null eins zwei drei vier fünf sechs sieben acht neun",
)
DIGIT_WORDS = {w: str(i) for line in _DIGIT_LISTS for i, w in enumerate(line.split())}
DIGIT_WORDS |= {"oh": "0", "zwo": "2"}
IBAN_LENGTHS = {"BE": 16, "NL": 18, "FR": 27, "DE": 22, "GB": 22}


def _chunks(selected: tuple[EvalCase, ...]) -> Iterator[tuple[EvalCase, Chunk]]:
    for case in selected:
        for turn in case.script.turns:
            for chunk in turn.chunks:
                yield case, chunk


def _planted(selected: tuple[EvalCase, ...], label: str) -> list[Chunk]:
    return [c for _, c in _chunks(selected) if c.label == label]


def _luhn_ok(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


def _iban_ok(code: str) -> bool:
    moved = code[4:] + code[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _nrn_ok(nrn: str) -> tuple[bool, bool]:
    """(valid as born before 2000, valid as born from 2000 on)."""
    base, check = nrn[:9], int(nrn[9:])
    return 97 - int(base) % 97 == check, 97 - int("2" + base) % 97 == check


def test_cases_are_deterministic_unique_and_safe() -> None:
    all_cases = cases()
    assert all_cases == cases()
    names = [c.name for c in all_cases]
    assert len(names) == len(set(names)) >= 24
    for case in all_cases:
        assert re.fullmatch(r"[a-z0-9_]+", case.name), case.name
        assert case.script.name == case.name
        assert case.script.language == case.language in LANGUAGES


def test_language_counts_and_filter() -> None:
    assert len(cases(["en"])) >= 20
    for lang in ("nl", "fr", "de"):
        assert len(cases([lang])) >= 2
        assert {c.language for c in cases([lang])} == {lang}
    assert len(cases(["nl", "fr"])) == len(cases(["nl"])) + len(cases(["fr"]))
    with pytest.raises(ValueError, match="unknown languages"):
        cases(["xx"])


def test_rendering_variety() -> None:
    english = cases(["en"])
    rates = [c.sample_rate for c in cases()]
    assert set(rates) == {8000, 16000} and rates.count(8000) > len(rates) // 2
    assert {c.stereo for c in english} == {True, False}
    assert any(c.noise_db is not None for c in english)
    assert any(c.noise_db is None for c in english)
    assert all(130 <= c.script.speed_wpm <= 180 for c in cases())
    voices = {v for c in english for v in (c.script.agent_voice, c.script.customer_voice)}
    assert len({v.split("+")[0] for v in voices}) >= 5
    assert not any("mbrola" in v or v.startswith("mb") for v in voices)


def test_every_label_planted_in_english() -> None:
    labels = {c.label for _, c in _chunks(cases(["en"]))}
    assert set(REQUIRED) <= labels
    assert labels <= {*REQUIRED, "KEEP", None}
    assert all(any(c.label == "KEEP" for _, c in _chunks((case,))) for case in cases())


def test_markup_fully_parsed_and_values_set() -> None:
    for case, chunk in _chunks(cases()):
        assert not set("[]|{}") & set(chunk.text), (case.name, chunk.text)
        assert any(ch.isalnum() for ch in chunk.text), (case.name, chunk)
        if chunk.label == "KEEP" or chunk.label is None:
            assert chunk.value is None, (case.name, chunk)
        else:
            assert chunk.value and chunk.value == chunk.value.strip(), (case.name, chunk)


def test_card_numbers_pass_luhn_and_are_read_both_ways() -> None:
    chunks = _planted(cases(), "CREDIT_CARD")
    assert len({c.value for c in chunks}) >= 5
    for chunk in chunks:
        assert chunk.value and chunk.value.isdigit() and len(chunk.value) in (15, 16)
        assert _luhn_ok(chunk.value), chunk.value
    assert any("," in c.text for c in chunks) and any("," not in c.text for c in chunks)


def test_ibans_pass_mod97_in_several_countries() -> None:
    for chunk in _planted(cases(), "IBAN_CODE"):
        assert chunk.value and _iban_ok(chunk.value), chunk.value
        assert len(chunk.value) == IBAN_LENGTHS[chunk.value[:2]]
    english = {c.value[:2] for c in _planted(cases(["en"]), "IBAN_CODE") if c.value}
    assert set(IBAN_LENGTHS) <= english


def test_national_numbers_pass_checksum_pre_and_post_2000() -> None:
    eras = set()
    for chunk in _planted(cases(), "BE_NATIONAL_REGISTER_NUMBER"):
        assert chunk.value and re.fullmatch(r"\d{11}", chunk.value)
        pre, post = _nrn_ok(chunk.value)
        assert pre or post, chunk.value
        eras.add("post" if post else "pre")
    assert eras == {"pre", "post"}


def test_numbers_are_not_reused_from_scripts() -> None:
    scripts = (sample_call(), digits_call(), long_call(5.0))
    old = {c.value for s in scripts for t in s.turns for c in t.chunks}
    numeric = ("CREDIT_CARD", "IBAN_CODE", "BE_NATIONAL_REGISTER_NUMBER", "PHONE_NUMBER", "PIN")
    reused = {c.value for _, c in _chunks(cases()) if c.label in numeric} & old
    assert not reused


def test_value_formats() -> None:
    for chunk in _planted(cases(), "CARD_EXPIRY"):
        assert chunk.value and re.fullmatch(r"(0[1-9]|1[0-2])/\d\d", chunk.value)
    for chunk in _planted(cases(), "DATE_OF_BIRTH"):
        assert chunk.value and date.fromisoformat(chunk.value) < date(2010, 1, 1)
    emails = _planted(cases(), "EMAIL_ADDRESS")
    for chunk in emails:
        assert chunk.value and chunk.value == chunk.value.lower() and "@" in chunk.value
    spelled = [c for c in emails if re.search(r"\b\w, \w, \w\b", c.text)]
    assert spelled and len(spelled) < len(emails)
    for label in ("PHONE_NUMBER", "PIN", "CARD_SECURITY_CODE"):
        assert all(c.value and c.value.isdigit() for c in _planted(cases(), label)), label


def test_spoken_digits_match_values() -> None:
    checked = 0
    for _, chunk in _chunks(cases()):
        if chunk.label in (None, "KEEP", "IBAN_CODE") or not chunk.value:
            continue
        tokens = re.findall(r"[^\s,]+", chunk.text.lower())
        if not tokens or not all(t in DIGIT_WORDS or t == "double" for t in tokens):
            continue
        digits, repeat = "", 1
        for tok in tokens:
            if tok == "double":
                repeat = 2
                continue
            digits += DIGIT_WORDS[tok] * repeat
            repeat = 1
        assert digits == re.sub(r"\D", "", chunk.value), (chunk.text, chunk.value)
        checked += 1
    assert checked >= 20


def test_special_categories_are_statements_with_their_keyword() -> None:
    for case, chunk in _chunks(cases()):
        if chunk.label in SPECIAL:
            assert chunk.value and chunk.value.lower() in chunk.text.lower(), (case.name, chunk)
            assert len(chunk.text.split()) >= 4, (case.name, chunk.text)


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_other_languages_cover_the_belgian_basics(lang: str) -> None:
    selected = cases([lang])
    labels = {c.label for _, c in _chunks(selected)}
    basics = {"IBAN_CODE", "BE_NATIONAL_REGISTER_NUMBER", "EMAIL_ADDRESS", "PERSON", "HEALTH"}
    assert basics | {"LOCATION"} <= labels
    assert any(c.value and c.value.startswith("BE") for c in _planted(selected, "IBAN_CODE"))
    assert all(c.script.agent_voice.startswith(lang) for c in selected)


def _speak(voice: str) -> bytes:
    cmd = ["espeak-ng", "-v", voice, "--stdout", "-s", "150", "--", "testing one two three"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout


@needs_espeak
def test_voice_variants_take_effect() -> None:
    """espeak-ng silently drops the variant of e.g. 'en-gb+f2' (same audio as 'en-gb')."""
    voices = {v for c in cases() for v in (c.script.agent_voice, c.script.customer_voice)}
    for voice in sorted(voices):
        audio = _speak(voice)
        assert len(audio) > 10_000, voice
        if "+" in voice:
            assert audio != _speak(voice.split("+")[0]), f"variant ignored in {voice}"


@needs_espeak
def test_synthesize_small_case(tmp_path: Path) -> None:
    def words(case: EvalCase) -> int:
        return sum(len(c.text.split()) for t in case.script.turns for c in t.chunks)

    case = min((c for c in cases() if c.stereo), key=words)
    call = synthesize_case(case, tmp_path)
    assert call.path == tmp_path / f"{case.name}.wav" and call.path.exists()
    assert call.sample_rate == case.sample_rate and call.channels == 2
    assert 30.0 <= call.duration <= 90.0
    n_planted = sum(1 for _, c in _chunks((case,)) if c.label)
    assert len(call.planted) == n_planted
    for span in call.planted:
        assert 0.0 < span.start < span.end <= call.duration, span
