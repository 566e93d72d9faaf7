"""The pipeline end to end: decode → transcribe → detect → locate → redact audio/text → report.

`Redactor` holds the expensive engines (Whisper model, Presidio analyzer) so a CLI run, an API
process or a Celery worker builds them once and processes many files. `redact_file` writes all its
outputs or none: a failure at any point removes what was written for that input.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.decode import DecodedAudio, decode
from pipeline.detect.detector import Detector
from pipeline.detect.engine import DetectorConfig
from pipeline.errors import OutputError
from pipeline.files import atomic_path
from pipeline.locate import LocateConfig, locate, merge_intervals, unreliable_segments
from pipeline.pci import PCI_ENTITIES, original_transcript, pci_entities, strip_intervals
from pipeline.redact_audio import RedactionMode, export_like, redact
from pipeline.redact_text import TextOperator, build_anonymizer, redact_transcript
from pipeline.report import build_report
from pipeline.second_hearing import second_hearing
from pipeline.transcribe import Transcriber, TranscriberConfig, WhisperTranscriber
from pipeline.types import ChannelTranscript, Entity, Interval
from pipeline.verify import verify

StageProgress = Callable[[str, float], None]  # (stage name, overall fraction 0..1)


@dataclass(frozen=True)
class RedactorConfig:
    transcriber: TranscriberConfig = field(default_factory=TranscriberConfig)
    detector: DetectorConfig = field(default_factory=DetectorConfig)
    locate: LocateConfig = field(default_factory=LocateConfig)
    mode: RedactionMode = RedactionMode.BEEP
    text_operator: TextOperator = TextOperator.TAG
    agent_channel: int = 0
    min_duration: float = 0.25
    verify: bool = False  # re-listen to the redacted audio with a second model (fail closed)
    verify_model: str = "tiny.en"  # used for English channels; others use the main model
    second_hearing: bool = False  # transcribe channels that have a second model twice
    second_model: str = "tiny.en"  # the second hearing's model for English channels
    # PCI DSS: entity types also removed from the kept original (audio and transcript); empty: off
    strip_from_original: frozenset[str] = PCI_ENTITIES


@dataclass(frozen=True)
class RedactionResult:
    audio_path: Path
    report_path: Path
    report: dict[str, Any]
    transcript_path: Path | None = None  # the original transcript (card data masked), if asked for
    original_path: Path | None = None  # the input with only card data removed, with the transcript


@dataclass(frozen=True, eq=False)
class Processed:
    decoded: DecodedAudio
    audio: Any  # pydub AudioSegment, redacted
    report: dict[str, Any]
    transcripts: tuple[ChannelTranscript, ...]
    stripped_original: Any | None = None  # pydub AudioSegment: only card data redacted
    pci_entities: tuple[Entity, ...] = ()


class Redactor:
    def __init__(
        self,
        config: RedactorConfig | None = None,
        transcriber: Transcriber | None = None,
        detector: Detector | None = None,
    ) -> None:
        self.config = config or RedactorConfig()
        self.transcriber = transcriber or WhisperTranscriber(self.config.transcriber)
        self.detector = detector or Detector(self.config.detector)
        self.anonymizer = build_anonymizer()
        self._english: dict[str, Transcriber] = {}  # English-only models, by name, loaded once

    def _english_model(self, language: str, model: str) -> Transcriber | None:
        """`model` for an English channel, or None where that is the main model or no English."""
        if language != "en" or model == self.config.transcriber.model:
            return None
        if model not in self._english:
            self._english[model] = WhisperTranscriber(
                replace(self.config.transcriber, model=model, language="en")
            )
        return self._english[model]

    def verifier_for(self, language: str) -> Transcriber:
        """A different model where one exists for the language (tiny.en for English)."""
        return self._english_model(language, self.config.verify_model) or self.transcriber

    def second_listener(self, language: str) -> Transcriber | None:
        """The second model for a second hearing, or None where the language has only one."""
        return self._english_model(language, self.config.second_model)

    def process(self, path: Path, progress: StageProgress | None = None) -> Processed:
        """Run every stage in memory."""
        notify = progress or (lambda _stage, _frac: None)
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        decoded = decode(
            path, agent_channel=self.config.agent_channel, min_duration=self.config.min_duration
        )
        timings["decode"] = time.perf_counter() - t0
        total = sum(ch.duration for ch in decoded.channels) or 1.0
        first_share = 0.6 if self.config.second_hearing else 0.9  # of the whole run
        done = 0.0
        transcripts: list[ChannelTranscript] = []
        t = time.perf_counter()
        for ch in decoded.channels:

            def on_progress(seconds: float, base: float = done) -> None:
                notify("transcribe", first_share * (base + seconds) / total)

            transcripts.append(self.transcriber.transcribe(ch, on_progress))
            done += ch.duration
        timings["transcribe"] = time.perf_counter() - t
        notify("detect", first_share)
        t = time.perf_counter()
        prompts = [p for tr in transcripts for p in self.detector.prompts(tr)]
        entities = [e for tr in transcripts for e in self.detector.detect(tr, prompts)]
        entities += [e for tr in transcripts for e in unreliable_segments(tr)]
        timings["detect"] = time.perf_counter() - t
        t = time.perf_counter()
        intervals, per_entity = locate(transcripts, entities, self.config.locate, decoded.info.duration)
        timings["locate"] = time.perf_counter() - t
        heard_twice = None
        if self.config.second_hearing:
            t = time.perf_counter()
            heard_twice = second_hearing(
                decoded.channels, transcripts, intervals, self.second_listener, self.detector,
                self.config.locate, decoded.info.duration,
                lambda frac: notify("second_hearing", first_share + (0.9 - first_share) * frac),
            )
            intervals = _taken_in(heard_twice.entities, heard_twice.intervals, entities,
                                  per_entity, intervals, self.config.locate.merge_gap)
            timings["second_hearing"] = time.perf_counter() - t
        t = time.perf_counter()
        redacted_audio = redact(decoded.original, intervals, self.config.mode)
        timings["redact_audio"] = time.perf_counter() - t
        verification = None
        if self.config.verify:
            notify("verify", 0.92)
            t = time.perf_counter()
            verification = verify(
                redacted_audio,
                transcripts,
                intervals,
                self.verifier_for,
                self.detector,
                self.config.locate,
            )
            if verification.intervals:
                intervals = _taken_in(verification.entities, verification.intervals, entities,
                                      per_entity, intervals, self.config.locate.merge_gap)
                redacted_audio = redact(decoded.original, intervals, self.config.mode)
            timings["verify"] = time.perf_counter() - t
        t = time.perf_counter()
        pci = pci_entities(entities, self.config.strip_from_original)
        stripped = None
        if pci:
            words = {tr.channel: tr.words for tr in transcripts}
            pci_intervals = strip_intervals(
                per_entity, self.config.strip_from_original, self.config.locate.merge_gap, words
            )
            stripped = redact(decoded.original, pci_intervals, self.config.mode)
        timings["strip_original"] = time.perf_counter() - t
        t = time.perf_counter()
        redacted_text = redact_transcript(
            self.anonymizer, transcripts, entities, self.config.text_operator
        )
        timings["redact_text"] = time.perf_counter() - t
        timings["total"] = time.perf_counter() - t0
        report = build_report(
            info=decoded.info,
            model=self.transcriber.name,
            transcripts=transcripts,
            entities=entities,
            entity_intervals=per_entity,
            intervals=intervals,
            redacted=redacted_text,
            settings=self._settings(),
            timings=timings,
            verification=verification,
            second_hearing=heard_twice,
        )
        notify("write", 0.97)
        return Processed(decoded, redacted_audio, report, tuple(transcripts), stripped, pci)

    def _settings(self) -> dict[str, Any]:
        c = self.config
        return {
            "mode": str(c.mode),
            "text_operator": str(c.text_operator),
            "agent_channel": c.agent_channel,
            **asdict(c.locate),
            "min_digits": c.detector.min_digits,
            "score_threshold": c.detector.score_threshold,
            "verify": c.verify,
            "verify_model": c.verify_model if c.verify else None,
            "second_hearing": c.second_hearing,
            "second_model": c.second_model if c.second_hearing else None,
            "vad_filter": c.transcriber.vad_filter,
            "beam_size": c.transcriber.beam_size,
            "strip_from_original": sorted(c.strip_from_original),
        }

    def redact_file(
        self,
        path: Path,
        out_dir: Path,
        progress: StageProgress | None = None,
        *,
        keep_transcript: bool = False,
    ) -> RedactionResult:
        """Process `path` and write `<stem>.redacted.<ext>` and `<stem>.json`, all or nothing.

        `keep_transcript` also writes the original transcript `<stem>.transcript.json` and, when
        the call holds card data, `<stem>.original.<ext>` (the input with only card data removed),
        both free of card data: the vault keeps them, encrypted, in place of the uploaded original
        for DPO-approved access. The CLI never asks for them, so its outputs stay safe to share.
        """
        result = self.process(path, progress)
        out_dir.mkdir(parents=True, exist_ok=True)
        ext = result.decoded.info.extension
        audio_path = out_dir / f"{path.stem}.redacted.{ext}"
        report_path = out_dir / f"{path.stem}.json"
        transcript_path = out_dir / f"{path.stem}.transcript.json" if keep_transcript else None
        original_path = None
        if keep_transcript and result.stripped_original is not None:
            original_path = out_dir / f"{path.stem}.original.{ext}"
        written = [audio_path, report_path, transcript_path, original_path]
        try:
            export_like(result.audio, result.decoded.info, audio_path)
            _write_json(result.report, report_path)
            if transcript_path is not None:
                tx = original_transcript(result.transcripts, result.pci_entities)
                _write_json(tx, transcript_path)
            if original_path is not None:
                export_like(result.stripped_original, result.decoded.info, original_path)
        except BaseException:
            for p in written:
                if p is not None:
                    p.unlink(missing_ok=True)
            raise
        if progress:
            progress("done", 1.0)
        return RedactionResult(
            audio_path, report_path, result.report, transcript_path, original_path
        )


def _taken_in(
    found: Sequence[tuple[Entity, Interval]],
    found_intervals: Sequence[Interval],
    entities: list[Entity],
    per_entity: dict[Entity, Interval],
    intervals: Sequence[Interval],
    merge_gap: float,
) -> tuple[Interval, ...]:
    """What a later hearing found (the second hearing, the verifier) added to the first pass's
    entities and their intervals, in place; returns the merged intervals."""
    entities += [e for e, _ in found]
    per_entity.update(dict(found))
    return merge_intervals([*intervals, *found_intervals], merge_gap)


def _write_json(data: dict[str, Any], target: Path) -> None:
    try:
        with atomic_path(target) as tmp:
            tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write report ({exc.strerror})", source=target.name) from exc
