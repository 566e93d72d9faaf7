"""One typed `Settings` for every entry point, read from `CALLVAULT_*` variables or a `.env` file.

The CLI flags override these per run; the API and workers (later) read the same object, so a
deployment is configured in exactly one place. See README "Configuration reference".
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.detect.engine import DetectorConfig
from pipeline.locate import LocateConfig
from pipeline.redact_audio import RedactionMode
from pipeline.redact_text import TextOperator
from pipeline.runner import RedactorConfig
from pipeline.transcribe import TranscriberConfig


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CALLVAULT_", env_file=".env", extra="ignore")

    model: str = Field(
        "base", description="bundled model name (base, tiny.en) or a CTranslate2 folder"
    )
    language: str | None = Field(
        None, description="force a language (en, nl, fr, de); unset: detect"
    )
    languages: list[str] = Field(["en", "nl", "fr", "de"], description="candidates for detection")
    mode: RedactionMode = RedactionMode.BEEP
    text_operator: TextOperator = TextOperator.TAG
    agent_channel: int = Field(0, ge=0, le=1, description="stereo channel carrying the agent")
    pad_before: float = Field(0.25, ge=0, le=5)
    pad_after: float = Field(0.30, ge=0, le=5)
    merge_gap: float = Field(0.40, ge=0, le=10)
    min_digits: int = Field(
        6, ge=3, le=32, description="PCI rule: digits in a run to always redact"
    )
    score_threshold: float = Field(0.35, ge=0, le=1)
    beam_size: int = Field(5, ge=1, le=10)
    vad_filter: bool = True
    max_compression_ratio: float = Field(
        2.4, gt=1, description="segments above it are Whisper loops and are redacted whole"
    )
    cpu_threads: int = Field(0, ge=0)
    min_duration: float = Field(0.25, ge=0)
    verify: bool = Field(False, description="re-listen to the redacted audio with a second model")
    verify_model: str = Field("tiny.en", description="verifier for English channels")
    cache_dir: Path = Path("~/.cache/callvault").expanduser()
    data_dir: Path = Path("./data")
    log_level: str = "INFO"
    log_json: bool = False

    def redactor_config(self) -> RedactorConfig:
        return RedactorConfig(
            transcriber=TranscriberConfig(
                model=self.model,
                language=self.language,
                languages=tuple(self.languages),
                cpu_threads=self.cpu_threads,
                beam_size=self.beam_size,
                vad_filter=self.vad_filter,
                max_compression_ratio=self.max_compression_ratio,
                cache_dir=self.cache_dir.expanduser(),
            ),
            detector=DetectorConfig(
                min_digits=self.min_digits, score_threshold=self.score_threshold
            ),
            locate=LocateConfig(self.pad_before, self.pad_after, self.merge_gap),
            mode=self.mode,
            text_operator=self.text_operator,
            agent_channel=self.agent_channel,
            min_duration=self.min_duration,
            verify=self.verify,
            verify_model=self.verify_model,
        )
