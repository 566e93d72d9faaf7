"""The evaluation harness: leak rules and aggregation on hand-made inputs, then one real case.

The unit tests need no model: transcripts are built from timed words, results from spans. The last
test runs `Evaluator` end to end (espeak-ng, Whisper base + tiny.en, spaCy, Presidio) on one short
call and checks the table it prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from rich.console import Console

from callvault.evaluation.baseline import VanillaDetector
from callvault.evaluation.evaluate import (
    CALLVAULT,
    VANILLA,
    ArmResult,
    CaseResult,
    Evaluation,
    RecordingTranscriber,
    SpanResult,
    load_call_file,
    select_cases,
)
from callvault.evaluation.leaks import (
    LeakCheck,
    check_call,
    check_span,
    digit_stream,
    digits_heard,
    distinctive_words,
    heard_words,
    listener_models,
    merge_listeners,
)
from callvault.evaluation.score import SpanScore
from callvault.evaluation.scripts import digits_call, sample_call
from callvault.evaluation.synth import CallScript, PlantedSpan, SynthCall, espeak_available, synthesize
from callvault.evaluation.table import language_table, render, summarize, write_json
from pipeline.transcribe import Transcriber, build_text
from pipeline.types import ChannelAudio, ChannelTranscript, Speaker

requires_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng not installed")


@dataclass(frozen=True)
class PlainCase:
    """A case built here rather than taken from the corpus, so the tests pin their own call."""

    name: str
    script: CallScript
    sample_rate: int = 16000
    stereo: bool = False
    noise_db: float | None = None
    language: str = "en"


def synthesize_plain(case: PlainCase, out_dir: Path) -> SynthCall:
    return synthesize(case.script, out_dir / f"{case.name}.wav", sample_rate=case.sample_rate,
                      stereo=case.stereo, noise_db=case.noise_db)


def transcript(words: list[tuple[str, float, float]], channel: int = 0) -> ChannelTranscript:
    """A transcript whose words sit at the given times, one segment."""
    raw = [(words[0][1], words[-1][2], [(w, s, e, 0.9) for w, s, e in words])] if words else []
    text, segments = build_text(raw)
    return ChannelTranscript(channel, Speaker.UNKNOWN, "en", 1.0, text, segments)


def timed(text: str, start: float, step: float = 0.3) -> list[tuple[str, float, float]]:
    return [(w, start + i * step, start + (i + 1) * step) for i, w in enumerate(text.split())]


def span(label: str, value: str, start: float, end: float, text: str | None = None) -> PlantedSpan:
    return PlantedSpan(label, value, text or value, "customer", 0, start, end)


# --- digit rules ------------------------------------------------------------------------------


def test_digit_stream_reads_spoken_and_written_digits_across_separators() -> None:
    assert digit_stream("four five three nine, one four eight eight, 0343 6467", "en") == (
        "4539148803436467",
    )
    assert digit_stream("zero eight, twenty seven and seven three one", "en") == ("0827", "731")
    assert digit_stream("no numbers here", "en") == ()


def test_long_values_leak_on_any_six_consecutive_digits() -> None:
    card = "4539148803436467"
    assert digits_heard(card, ("880343",)) == (True, "digits>=6")
    assert digits_heard(card, ("99" + card[10:] + "1",)) == (True, "digits>=6")
    assert digits_heard(card, ("45391",)) == (False, "digits>=6")  # five digits say little
    assert digits_heard(card, ("4539", "1488"))[0] is False  # split by a word, not one run


def test_short_codes_leak_only_on_their_exact_digits() -> None:
    assert digits_heard("731", ("731",))[0]
    assert digits_heard("731", ("1731",))[0]
    assert not digits_heard("731", ("73", "1"))[0]
    assert not digits_heard("0827", ("082",))[0]


def test_digits_count_only_inside_the_span_window() -> None:
    cvv = span("CARD_SECURITY_CODE", "731", 10.0, 11.0)
    far = transcript(timed("it costs seven three one euros", 20.0))
    near = transcript(timed("and seven three one", 10.2))
    edge = transcript(timed("seven three one", 11.3, 0.2))  # within the one-second margin
    assert check_span(cvv, far, "en").leaked is False
    assert check_span(cvv, near, "en").leaked is True
    assert check_span(cvv, edge, "en").leaked is True
    assert check_span(cvv, None, "en").leaked is False  # nothing was heard on that channel


def test_a_card_number_heard_partly_leaks_and_a_beeped_one_does_not() -> None:
    card = span("CREDIT_CARD", "4539148803436467", 5.0, 9.0)
    partly = transcript(timed("four five three nine, one four [beep]", 5.0))
    beeped = transcript(timed("card number? Thank you", 3.5, 0.2) + timed("goodbye", 10.5))
    assert check_span(card, partly, "en").leaked is True
    result = check_span(card, beeped, "en")
    assert (result.leaked, result.rule) == (False, "digits>=6")


# --- word rules -------------------------------------------------------------------------------


def test_distinctive_words_skip_stopwords_numbers_and_generic_words() -> None:
    assert distinctive_words("22 Baker Street, London NW1", "en") == {"baker", "london"}
    assert distinctive_words("sarah.jones@example.com", "en") == {"sarah", "jones"}
    assert distinctive_words("Zürich", "de") == {"zurich"}
    assert distinctive_words("Tom", "en") == {"tom"}  # falls back to three letters
    assert distinctive_words("twenty two", "en") == frozenset()


def test_words_leak_case_and_accent_insensitively_in_the_window() -> None:
    name = span("PERSON", "Chloé Martin", 2.0, 3.0)
    assert check_span(name, transcript(timed("Bonjour CHLOE", 1.5)), "fr").leaked is True
    assert check_span(name, transcript(timed("Bonjour madame", 1.5)), "fr").leaked is False
    assert check_span(name, transcript(timed("Chloe", 8.0)), "fr").leaked is False


def test_spelled_letters_join_into_a_word() -> None:
    assert "adwachter" in heard_words("a, d, w, a, c, h, t, e, r at gmail")
    mail = span("EMAIL_ADDRESS", "adwachter@gmail.com", 4.0, 8.0)
    heard = transcript(timed("a d w a c h t e r at gmail dot com", 4.0))
    assert check_span(mail, heard, "nl").leaked is True


def test_generic_words_alone_are_no_leak() -> None:
    addr = span("LOCATION", "22 Baker Street, London", 1.0, 3.0)
    assert check_span(addr, transcript(timed("the street", 1.0)), "en").leaked is False
    assert check_span(addr, transcript(timed("Baker", 1.0)), "en").leaked is True


def test_dates_leak_on_the_year_or_the_spoken_month() -> None:
    dob = span("DATE_OF_BIRTH", "1985-03-14", 2.0, 4.0, "fourteenth of March, nineteen eighty five")

    def heard(text: str) -> tuple[bool | None, str]:
        result = check_span(dob, transcript(timed(text, 2.5)), "en")
        return result.leaked, result.rule

    assert heard("born 1985") == (True, "date")
    assert heard("14/3/85") == (True, "date digits")
    assert heard("of march") == (True, "date")
    assert heard("the fourteenth") == (True, "word")
    assert heard("thank you") == (False, "word")
    may = span("DATE_OF_BIRTH", "1991-05-02", 2.0, 4.0, "the second of May, ninety one")
    assert check_span(may, transcript(timed("in May", 3.0)), "en").leaked is True
    assert check_span(may, transcript(timed("born in 91", 3.0)), "en").leaked is True
    assert check_span(may, transcript(timed("on the 2nd", 3.0)), "en").leaked is False


def test_an_expiry_needs_month_and_year() -> None:
    exp = span("CARD_EXPIRY", "09/27", 2.0, 3.0, "September twenty seven")

    def leaked(text: str) -> bool | None:
        return check_span(exp, transcript(timed(text, 2.0)), "en").leaked

    assert leaked("September 27") is True
    assert leaked("oh nine twenty seven") is True
    assert leaked("09/27") is True
    assert leaked("September") is False
    assert leaked("27 thanks") is False


def test_postcodes_leak_as_one_stretch_of_letters_and_digits() -> None:
    pc = span("LOCATION", "M20 2RY", 2.0, 3.0, "M twenty, two, R, Y")
    assert check_span(pc, transcript(timed("M20 2RY.", 2.0)), "en").rule == "compact"
    assert check_span(pc, transcript(timed("M20 2RY.", 2.0)), "en").leaked is True
    assert check_span(pc, transcript(timed("M twenty two R Y", 2.0)), "en").leaked is True
    assert check_span(pc, transcript(timed("M20 [beep]", 2.0)), "en").leaked is False


def test_a_value_with_nothing_checkable_is_not_counted() -> None:
    odd = span("PERSON", "Al", 1.0, 2.0)
    assert check_span(odd, transcript(timed("Al", 1.0)), "en").leaked is None


def test_check_call_routes_spans_to_their_channel() -> None:
    spans = [
        PlantedSpan("PIN", "7291", "seven two nine one", "customer", 1, 1.0, 2.0),
        PlantedSpan("PIN", "7291", "seven two nine one", "customer", 0, 1.0, 2.0),
    ]
    heard = [transcript(timed("seven two nine one", 1.0), channel=1), transcript([], channel=0)]
    assert [c.leaked for c in check_call(spans, heard, "en")] == [True, False]


# --- case selection, models, the recording transcriber --------------------------------------


def test_select_cases_limits_per_language_in_order() -> None:
    cases = [PlainCase(f"{lang}{i}", sample_call(), language=lang)
             for lang in ("en", "nl") for i in range(3)]
    assert [c.name for c in select_cases(cases, ["en", "nl"], 2)] == ["en0", "en1", "nl0", "nl1"]
    assert [c.name for c in select_cases(cases, ["nl"], None)] == ["nl0", "nl1", "nl2"]


def test_a_call_file_gives_cases_in_its_own_language(tmp_path: Path) -> None:
    """`callvault eval --calls FILE` scores a held-out set's calls() through the pipeline."""
    path = tmp_path / "set.py"
    path.write_text(
        "from callvault.evaluation.corpus_lang import call\n"
        "def calls():\n"
        "    return (call('x_01', 'fr', 'fr/fr', 150, '8k stereo -35', 'A: Bonjour.\\nC: Oui.'),\n"
        "            call('x_02', 'en', 'en/en', 150, '16k mono', 'A: Hello.\\nC: Hi.'))\n")
    cases = load_call_file(path)
    assert [(c.name, c.language, c.sample_rate, c.stereo, c.noise_db) for c in cases] == [
        ("x_01", "fr", 8000, True, -35.0), ("x_02", "en", 16000, False, None)]
    assert [c.name for c in select_cases(cases, ["en"], None)] == ["x_02"]


@pytest.mark.parametrize(("body", "reason"), [
    (None, "no such Python file"),
    ("SETS = ()\n", "defines no calls()"),
    ("def calls(:\n", "cannot be loaded \\(SyntaxError"),
    ("import no_such_module_here\n", "cannot be loaded \\(ModuleNotFoundError"),
    ("def calls():\n    return [1, 2]\n", "must give \\(script, rate, stereo, noise\\)"),
])
def test_a_call_file_without_calls_is_refused(tmp_path: Path, body: str | None,
                                              reason: str) -> None:
    path = tmp_path / "set.py"
    if body is not None:
        path.write_text(body)
    with pytest.raises(ValueError, match=reason):
        load_call_file(path)


def test_listeners_start_with_a_model_other_than_the_pipelines() -> None:
    assert listener_models("en", "base") == ("tiny.en", "base")
    assert listener_models("en", "tiny.en") == ("base", "tiny.en")
    assert listener_models("nl", "base") == ("base",)  # the only multilingual model


def test_a_value_leaks_when_any_listener_hears_it() -> None:
    def check(leaked: bool | None, rule: str = "word") -> LeakCheck:
        return LeakCheck("PERSON", 0, 0.0, 1.0, leaked, rule)

    merged = merge_listeners({
        "tiny.en": [check(False), check(None, "none"), check(True, "digits"), check(False)],
        "base": [check(True), check(None, "none"), check(False, "digits"), check(False)],
    })
    assert [(h.leaked, h.by) for h in merged] == [
        (True, ("base",)), (None, ()), (True, ("tiny.en",)), (False, ())]
    assert merged[2].rule == "digits"
    assert merge_listeners({}) == ()


class FakeTranscriber(Transcriber):
    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def transcribe(
        self, audio: ChannelAudio, progress: Any = None, language: str | None = None
    ) -> ChannelTranscript:
        self.calls += 1
        return transcript(timed(f"call {self.calls}", 0.0), channel=audio.index)


def test_recording_transcriber_keeps_the_first_pass_of_each_channel() -> None:
    import numpy as np

    rec = RecordingTranscriber(FakeTranscriber())
    audio = [ChannelAudio(i, Speaker.UNKNOWN, np.zeros(160, dtype=np.float32)) for i in (0, 1)]
    for ch in (*audio, *audio):  # first pass, then verification re-listening
        rec.transcribe(ch)
    assert [t.text for t in rec.first_pass()] == ["call 1", "call 2"]
    rec.reset()
    assert rec.first_pass() == ()
    assert rec.name == "fake"


# --- vanilla baseline without a model --------------------------------------------------------


def test_vanilla_detector_maps_results_to_transcript_chars() -> None:
    class Analyzer:
        def __init__(self) -> None:
            self.supported_languages = ["en", "fr"]
            self.seen: list[str] = []

        def analyze(self, text: str, language: str) -> list[Any]:
            self.seen.append(language)
            meta = {"recognizer_name": "DateRecognizer"}
            return [SimpleNamespace(entity_type="DATE_TIME", start=5, end=9, score=0.6,
                                    recognition_metadata=meta)]

    analyzer = Analyzer()
    detector = VanillaDetector(analyzer)
    tr = ChannelTranscript(1, Speaker.CUSTOMER, "nl", 1.0, "born 1985", ())
    (entity,) = detector.detect(tr)
    assert (entity.entity_type, entity.channel, entity.char_start, entity.char_end) == (
        "DATE_OF_BIRTH", 1, 5, 9)
    assert analyzer.seen == ["en"]  # no Dutch model: Presidio's English pipeline
    assert detector.detect(ChannelTranscript(0, Speaker.AGENT, "fr", 1.0, " ", ())) == ()


# --- aggregation and the table ----------------------------------------------------------------


def _arm(name: str, coverages: list[float], leaks: list[bool | None], keep: list[float],
         ordinary: list[float]) -> ArmResult:
    audible = [True, False, True, None]  # what the listener heard in the original
    spans = tuple(
        SpanResult("CREDIT_CARD" if i % 2 == 0 else "PERSON", 0, i, i + 1.0, c, leak, "x",
                   ("base",) if leak else (), a)
        for i, (c, leak, a) in enumerate(zip(coverages, leaks, audible, strict=True))
    )
    return ArmResult(
        arm=name,
        spans=spans,
        keep=tuple(SpanScore("KEEP", 0, 0.0, 1.0, c) for c in keep),
        ordinary=tuple(SpanScore("O", 0, 0.0, 2.0 if i == 0 else 1.0, c)
                       for i, c in enumerate(ordinary)),
        detected={"CREDIT_CARD": 1},
        listeners=("tiny.en", "base"),
        seconds=1.0,
    )


def _evaluation() -> Evaluation:
    case = CaseResult(
        "c1", "en", 16000, False, None, 60.0,
        (
            _arm(CALLVAULT, [1.0, 0.95, 0.5, 1.0], [False, False, True, None], [0.0, 0.6],
                 [0.1, 0.4]),
            _arm(VANILLA, [0.0, 0.8, 1.0, 0.0], [True, False, False, True], [1.0, 1.0],
                 [0.0, 0.0]),
        ),
        12.0,
    )
    return Evaluation((case,), 12.5, "base", True)


def test_summary_numbers_per_type_and_footer() -> None:
    summary = summarize(_evaluation())
    en = summary["languages"]["en"]
    card, person = en["by_type"]["CREDIT_CARD"], en["by_type"]["PERSON"]
    assert card["spans"] == person["spans"] == 2
    assert card[CALLVAULT]["coverage_mean"] == pytest.approx(0.75)
    assert card[CALLVAULT]["covered_90"] == pytest.approx(0.5)
    assert (card[CALLVAULT]["leaked"], card[CALLVAULT]["leak_checked"]) == (1, 2)
    assert (person[CALLVAULT]["leaked"], person[CALLVAULT]["leak_checked"]) == (0, 1)
    assert (person[VANILLA]["leaked"], person[VANILLA]["leak_checked"]) == (1, 2)
    assert card[CALLVAULT]["audible_in_original"] == 2
    assert card[CALLVAULT]["leak_rate_of_audible"] == pytest.approx(0.5)
    assert card[VANILLA]["leak_rate_of_audible"] == pytest.approx(0.5)
    totals = en["totals"]
    assert totals[CALLVAULT]["over_redaction"] == pytest.approx((2 * 0.1 + 0.4) / 3)
    assert totals[CALLVAULT]["keep_beeped"] == pytest.approx(0.5)
    assert totals[VANILLA]["keep_beeped"] == pytest.approx(1.0)
    assert en["audio_minutes"] == pytest.approx(1.0)


def test_table_and_json_carry_types_and_numbers_only(tmp_path: Path) -> None:
    summary = summarize(_evaluation())
    console = Console(record=True, width=200)
    render(summary, console)
    out = console.export_text()
    for row in ("CREDIT_CARD", "PERSON", "over-redaction (ordinary)", "KEEP beeped", "wall time"):
        assert row in out
    assert "75% / 50%" in out and "1/2" in out and "2/2" in out
    target = tmp_path / "r" / "eval.json"
    write_json(summary, target)
    assert json.loads(target.read_text())["languages"]["en"]["by_type"]["PERSON"]["spans"] == 2


# --- end to end -------------------------------------------------------------------------------


def _fractions(node: Any) -> list[float]:
    """Every share/coverage/rate number in a summary subtree."""
    keys = ("coverage_mean", "covered_90", "leak_rate", "over_redaction", "keep_beeped")
    found: list[float] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in keys and v is not None:
                found.append(v)
            else:
                found += _fractions(v)
    elif isinstance(node, list):
        for v in node:
            found += _fractions(v)
    return found


def digits_call_spans() -> list[PlantedSpan]:
    return [span(c.label, c.value, 0.0, 1.0) for t in digits_call().turns for c in t.chunks
            if c.label and c.value]


@requires_espeak
@pytest.mark.slow
def test_evaluator_end_to_end_on_one_call(tools_present: None, tmp_path: Path) -> None:
    from callvault.evaluation.evaluate import Evaluator
    from callvault.settings import Settings

    config = Settings(_env_file=None).redactor_config()  # type: ignore[call-arg]
    case = PlainCase("digits_call-16k-mono", digits_call(), 16000, False)
    evaluation = Evaluator(config).run([case], tmp_path, synthesize_plain)
    summary = summarize(evaluation)
    en = summary["languages"]["en"]
    planted = {"IBAN_CODE", "BE_NATIONAL_REGISTER_NUMBER", "PIN", "CREDIT_CARD"}
    assert set(en["by_type"]) == planted
    assert en["arms"] == [CALLVAULT, VANILLA]
    fractions = _fractions(summary["languages"])
    assert fractions and all(0.0 <= f <= 1.0 for f in fractions)
    assert en["totals"][CALLVAULT]["coverage_mean"] > 0.5  # the pipeline does beep card data
    (record,) = summary["cases"]
    assert record["arms"][CALLVAULT]["listeners"] == ["tiny.en", "base"]
    assert (tmp_path / "vanilla" / "digits_call-16k-mono.redacted.wav").is_file()
    text = Console(record=True, width=200)
    text.print(language_table("en", en))
    out = text.export_text()
    assert all(label in out for label in planted)
    assert "over-redaction (ordinary)" in out and "KEEP beeped" in out
    dumped = json.dumps(summary)
    for item in digits_call_spans():  # no clear value anywhere
        assert item.value and item.value not in dumped and item.value not in out


def test_without_baseline_the_table_has_callvault_columns_only() -> None:
    full = _evaluation()
    only = Evaluation(
        tuple(CaseResult(c.name, c.language, c.sample_rate, c.stereo, c.noise_db, c.duration,
                         c.arms[:1], c.seconds) for c in full.cases),
        full.wall_s, full.pipeline_model, False,
    )
    summary = summarize(only)
    assert summary["languages"]["en"]["arms"] == [CALLVAULT]
    console = Console(record=True, width=200)
    render(summary, console)
    out = console.export_text()
    assert "callvault" in out and "vanilla" not in out and "KEEP beeped" in out
