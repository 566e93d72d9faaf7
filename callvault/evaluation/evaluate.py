"""Evaluate redaction on synthetic calls: callvault vs vanilla Presidio, on audio and by ear.

For every case: synthesise the call (ground truth to the millisecond), redact it with the real
pipeline (`Redactor.redact_file`, exactly as `callvault redact` does, verification included), then
run a vanilla Presidio analyzer on the *same* first-pass transcripts and send its results through
the pipeline's own locate and redact stages. Both outputs are scored the same way:

* coverage of each planted span, read from the output audio (`score.span_coverage`);
* leaks: the output re-transcribed by listener models (`leaks.listener_models`: a model other
  than the pipeline's where one exists), planted values searched near their span
  (`leaks.check_span`), and the same check on the unredacted call for what is audible at all;
* over-redaction of ordinary speech and of KEEP numbers (prices, quantities, times).

The pipeline transcribes once: a recording wrapper around its transcriber keeps the first
transcript of every channel, which is what the detector saw; later calls on the same channel are
the verification stage re-listening to the redacted audio, and are passed through untouched.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from callvault.evaluation.baseline import VanillaDetector
from callvault.evaluation.leaks import Heard, check_call, listener_models, merge_listeners
from callvault.evaluation.score import Mask, SpanScore, redaction_mask, span_coverage
from callvault.evaluation.synth import CallScript, PlantedSpan, SynthCall
from pipeline.decode import decode
from pipeline.locate import locate
from pipeline.redact_audio import export_like, redact
from pipeline.runner import Redactor, RedactorConfig
from pipeline.transcribe import ProgressFn, Transcriber, WhisperTranscriber
from pipeline.types import ChannelAudio, ChannelTranscript

KEEP = "KEEP"
CALLVAULT, VANILLA = "callvault", "vanilla"


class CaseLike(Protocol):
    """What the evaluator needs of a case (`callvault.evaluation.corpus.EvalCase`)."""

    @property
    def name(self) -> str: ...
    @property
    def script(self) -> CallScript: ...
    @property
    def sample_rate(self) -> int: ...
    @property
    def stereo(self) -> bool: ...
    @property
    def noise_db(self) -> float | None: ...
    @property
    def language(self) -> str: ...


# `Any`: the corpus's own function takes its concrete `EvalCase`, not the protocol.
Synthesize = Callable[[Any, Path], SynthCall]


@dataclass(frozen=True)
class SpanResult:
    """One planted span scored for one arm: types and times only, never the value."""

    label: str
    channel: int
    start: float
    end: float
    coverage: float
    leaked: bool | None  # None: the value has nothing a listener could be checked for
    rule: str
    heard_by: tuple[str, ...]  # listener models that still heard the value in the output
    audible: bool | None  # the same check on the *original*: can the listeners hear it at all?


@dataclass(frozen=True)
class ArmResult:
    arm: str
    spans: tuple[SpanResult, ...]  # planted personal data (KEEP excluded)
    keep: tuple[SpanScore, ...]  # KEEP numbers: coverage is damage here
    ordinary: tuple[SpanScore, ...]
    detected: dict[str, int]  # entity type → count, as this arm's detector named them
    listeners: tuple[str, ...]  # models that re-transcribed this arm's output for the leak check
    seconds: float  # callvault: the whole redact_file; vanilla: detect → export (transcript shared)


@dataclass(frozen=True)
class CaseResult:
    name: str
    language: str
    sample_rate: int
    stereo: bool
    noise_db: float | None
    duration: float
    arms: tuple[ArmResult, ...]
    seconds: float

    def arm(self, name: str) -> ArmResult | None:
        return next((a for a in self.arms if a.arm == name), None)


@dataclass(frozen=True)
class Evaluation:
    cases: tuple[CaseResult, ...]
    wall_s: float
    pipeline_model: str
    baseline: bool


class RecordingTranscriber(Transcriber):
    """Delegates to `inner`; keeps the first transcript of each channel since `reset()`."""

    def __init__(self, inner: Transcriber) -> None:
        self.inner = inner
        self.name = inner.name
        self._first: dict[int, ChannelTranscript] = {}

    def reset(self) -> None:
        self._first = {}

    def first_pass(self) -> tuple[ChannelTranscript, ...]:
        return tuple(self._first[k] for k in sorted(self._first))

    def transcribe(
        self, audio: ChannelAudio, progress: ProgressFn | None = None, language: str | None = None
    ) -> ChannelTranscript:
        transcript = self.inner.transcribe(audio, progress, language)
        self._first.setdefault(audio.index, transcript)
        return transcript


def load_cases(languages: Sequence[str] | None) -> tuple[CaseLike, ...]:
    from callvault.evaluation.corpus import cases

    found: tuple[CaseLike, ...] = cases(languages)
    return found


def load_call_file(path: Path) -> tuple[CaseLike, ...]:
    """Cases from a Python file that defines `calls()` in the held-out sets' format
    (`benchmarks/holdout*.py`: tuples of script, sample rate, stereo, noise level), so any set
    can be scored through the whole pipeline, verification and listeners included."""
    import importlib.util

    from callvault.evaluation.corpus import EvalCase

    spec = importlib.util.spec_from_file_location(f"callvault_calls_{path.stem}", path)
    if not path.is_file():
        raise ValueError(f"{path}: no such Python file")
    if spec is None or spec.loader is None:
        raise ValueError(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a held-out file is user input: its error is one line, no trace,
        # and only its type: the message of an error raised while building calls may quote them
        raise ValueError(f"{path}: cannot be loaded ({type(exc).__name__})") from exc
    if not callable(getattr(module, "calls", None)):
        raise ValueError(f"{path}: defines no calls()")
    try:
        return tuple(EvalCase(script.name, script, rate, stereo, noise, script.language)
                     for script, rate, stereo, noise in module.calls())
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{path}: calls() must give (script, rate, stereo, noise) tuples "
                         f"({type(exc).__name__})") from exc


def corpus_synthesize() -> Synthesize:
    from callvault.evaluation.corpus import synthesize_case

    make: Synthesize = synthesize_case
    return make


def select_cases(
    all_cases: Iterable[CaseLike], languages: Sequence[str] | None, per_language: int | None
) -> list[CaseLike]:
    """Cases of `languages` in corpus order, at most `per_language` of each language."""
    taken: Counter[str] = Counter()
    chosen = []
    for case in all_cases:
        if languages and case.language not in languages:
            continue
        if per_language is not None and taken[case.language] >= per_language:
            continue
        taken[case.language] += 1
        chosen.append(case)
    return chosen


class Evaluator:
    """Holds the engines (pipeline, vanilla analyzer, listeners); `run` scores many cases."""

    def __init__(
        self,
        config: RedactorConfig,
        *,
        baseline: bool = True,
        vanilla: VanillaDetector | None = None,
        transcriber: Transcriber | None = None,
    ) -> None:
        self.config = config
        self.recorder = RecordingTranscriber(transcriber or WhisperTranscriber(config.transcriber))
        self.redactor = Redactor(config, transcriber=self.recorder)
        self.vanilla = (vanilla or VanillaDetector()) if baseline else None
        self._listeners: dict[str, Transcriber] = {}

    def listeners(self, language: str) -> list[Transcriber]:
        """Leak-check models for `language`, each loaded once and reused (`listener_models`)."""
        found = []
        for model in listener_models(language, self.config.transcriber.model):
            if model not in self._listeners:
                self._listeners[model] = WhisperTranscriber(
                    replace(self.config.transcriber, model=model, language=None)
                )
            found.append(self._listeners[model])
        return found

    def hear(self, audio: Path, spans: Sequence[PlantedSpan], language: str) -> tuple[Heard, ...]:
        """Which planted values each listener still hears in `audio`, merged over listeners."""
        cfg = self.config
        decoded = decode(audio, agent_channel=cfg.agent_channel, min_duration=cfg.min_duration)
        return merge_listeners({
            listener.name: check_call(
                spans, [listener.transcribe(ch, None, language) for ch in decoded.channels],
                language,
            )
            for listener in self.listeners(language)
        })

    def run(
        self,
        cases: Sequence[CaseLike],
        out_dir: Path,
        synthesize_case: Synthesize | None = None,
        on_case: Callable[[int, int, CaseResult], None] | None = None,
    ) -> Evaluation:
        make = synthesize_case or corpus_synthesize()
        t0 = time.perf_counter()
        results = []
        for i, case in enumerate(cases, 1):
            result = self.run_case(case, out_dir, make)
            results.append(result)
            if on_case is not None:
                on_case(i, len(cases), result)
        return Evaluation(
            tuple(results), time.perf_counter() - t0, self.redactor.transcriber.name,
            self.vanilla is not None,
        )

    def run_case(self, case: CaseLike, out_dir: Path, make: Synthesize) -> CaseResult:
        t0 = time.perf_counter()
        calls = out_dir / "calls"
        calls.mkdir(parents=True, exist_ok=True)
        call = make(case, calls)
        self.recorder.reset()
        t = time.perf_counter()
        result = self.redactor.redact_file(call.path, out_dir / CALLVAULT)
        seconds = time.perf_counter() - t
        transcripts = self.recorder.first_pass()
        detected = Counter(str(r["entity_type"]) for r in result.report["redactions"])
        # What the listeners hear in the unredacted call bounds what any leak count can show.
        audible = [h.leaked for h in self.hear(call.path, _personal(call), case.language)]
        arms = [self._score(CALLVAULT, call, result.audio_path, case.language, detected, seconds,
                            audible)]
        if self.vanilla is not None:
            t = time.perf_counter()
            path, detected = self._vanilla_redact(call, transcripts, out_dir / VANILLA)
            seconds = time.perf_counter() - t
            arms.append(self._score(VANILLA, call, path, case.language, detected, seconds,
                                    audible))
        return CaseResult(
            case.name, case.language, case.sample_rate, case.stereo, case.noise_db,
            call.duration, tuple(arms), time.perf_counter() - t0,
        )

    def _vanilla_redact(
        self, call: SynthCall, transcripts: Sequence[ChannelTranscript], out_dir: Path
    ) -> tuple[Path, Counter[str]]:
        """Vanilla entities → the pipeline's own locate and redact stages → WAV."""
        assert self.vanilla is not None
        cfg = self.config
        decoded = decode(call.path, agent_channel=cfg.agent_channel, min_duration=cfg.min_duration)
        entities = [e for tr in transcripts for e in self.vanilla.detect(tr)]
        intervals, _ = locate(transcripts, entities, cfg.locate, decoded.info.duration)
        audio = redact(decoded.original, intervals, cfg.mode)
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{call.path.stem}.redacted.{decoded.info.extension}"
        export_like(audio, decoded.info, target)
        return target, Counter(e.entity_type for e in entities)

    def _score(
        self, arm: str, call: SynthCall, redacted: Path, language: str,
        detected: Counter[str], seconds: float, audible: Sequence[bool | None],
    ) -> ArmResult:
        mask, rate = redaction_mask(call.path, redacted)
        pii = _personal(call)
        keep = [s for s in call.planted if s.label == KEEP]
        heard = self.hear(redacted, pii, language)
        spans = tuple(
            SpanResult(s.label, s.channel, s.start, s.end, span_coverage(mask, rate, s),
                       h.leaked, h.rule, h.by, a)
            for s, h, a in zip(pii, heard, audible, strict=True)
        )
        return ArmResult(
            arm=arm,
            spans=spans,
            keep=_scores(keep, mask, rate),
            ordinary=_scores(call.ordinary, mask, rate),
            detected=dict(sorted(detected.items())),
            listeners=tuple(t.name for t in self.listeners(language)),
            seconds=seconds,
        )


def _personal(call: SynthCall) -> list[PlantedSpan]:
    return [s for s in call.planted if s.label != KEEP]


def _scores(spans: Iterable[PlantedSpan], mask: Mask, rate: int) -> tuple[SpanScore, ...]:
    return tuple(
        SpanScore(s.label, s.channel, s.start, s.end, span_coverage(mask, rate, s)) for s in spans
    )
