"""One typed `Settings` for every entry point, read from `CALLVAULT_*` variables or a `.env` file.

The CLI flags override these per run; the API and workers (later) read the same object, so a
deployment is configured in exactly one place. See README "Configuration reference".
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.detect.engine import DetectorConfig
from pipeline.locate import LocateConfig
from pipeline.pci import PCI_ENTITIES
from pipeline.redact_audio import RedactionMode
from pipeline.redact_text import TextOperator
from pipeline.runner import RedactorConfig
from pipeline.transcribe import TranscriberConfig


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class StorageBackend(StrEnum):
    LOCAL = "local"
    S3 = "s3"


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
    digit_s: float = Field(
        0.25, ge=0, le=1, description="shortest a spoken digit lasts: widens squeezed digit tokens"
    )
    min_digits: int = Field(
        6, ge=3, le=32, description="PCI rule: digits in a run to always redact"
    )
    score_threshold: float = Field(0.35, ge=0, le=1)
    beam_size: int = Field(5, ge=1, le=10)
    vad_filter: bool = True
    max_compression_ratio: float = Field(
        2.4, gt=1, description="segments above it are Whisper loops and are redacted whole"
    )
    unheard_s: float = Field(
        2.0, ge=0, description="speech this long that Whisper wrote no word for is redacted (0: off)"
    )
    rescue: bool = Field(
        False, description="decode looping stretches again in pieces instead of redacting them whole"
    )
    cpu_threads: int = Field(0, ge=0)
    min_duration: float = Field(0.25, ge=0)
    verify: bool = Field(True, description="re-listen to the redacted audio with a second model")
    verify_model: str = Field("tiny.en", description="verifier for English channels")
    second_hearing: bool = Field(
        True, description="transcribe English channels again with second_model, redact both findings"
    )
    second_model: str = Field("tiny.en", description="the second hearing's model (English)")
    pci_strip_original: bool = Field(
        True, description="PCI DSS: remove card data from the stored original audio and transcript"
    )
    cache_dir: Path = Path("~/.cache/callvault").expanduser()
    data_dir: Path = Path("./data")
    log_level: str = "INFO"
    log_json: bool = False

    # --- vault -------------------------------------------------------------------------------
    env: Environment = Field(
        Environment.DEVELOPMENT,
        description="production refuses to start without a real master key",
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; unset: SQLite file in data_dir"
    )
    storage: StorageBackend = StorageBackend.LOCAL
    storage_dir: Path | None = Field(None, description="local store root; unset: data_dir/objects")
    s3_endpoint: str = Field("localhost:9000", description="host:port of S3/MinIO")
    s3_access_key: str = ""
    s3_secret_key: SecretStr = SecretStr("")
    s3_bucket: str = "callvault"
    s3_region: str | None = None
    s3_secure: bool = Field(False, description="HTTPS to the S3 endpoint")
    master_key: SecretStr | None = Field(
        None,
        description="base64 of 32 random bytes (`callvault keys generate`); unset in "
        "development: a key file in data_dir is created",
    )
    broker_url: str | None = Field(
        None, description="Celery broker (redis://, amqp://); unset: in-process worker"
    )
    policy_file: Path | None = Field(None, description="purposes and access YAML; unset: shipped")
    max_upload_mb: int = Field(512, ge=1, description="uploads above it get 413")
    worker_concurrency: int = Field(1, ge=1, description="recordings processed at once per worker")
    task_max_retries: int = Field(5, ge=0)
    stale_after_minutes: int = Field(
        60, ge=1, description="queued/processing this long without progress: enqueued again"
    )
    api_host: str = "127.0.0.1"
    api_port: int = Field(8000, ge=1, le=65535)
    oidc_issuer: str | None = Field(None, description="accept JWTs from this issuer")
    oidc_audience: str | None = None
    oidc_public_key_file: Path | None = Field(None, description="PEM key that signs the JWTs")
    oidc_algorithms: list[str] = ["RS256", "ES256"]
    oidc_role_claim: str = "callvault_role"
    oidc_tenants_claim: str = "callvault_tenants"

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'callvault.db').expanduser().resolve()}"

    @property
    def objects_dir(self) -> Path:
        return (self.storage_dir or self.data_dir / "objects").expanduser()

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

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
                rescue=self.rescue,
                unheard_s=self.unheard_s,
                cache_dir=self.cache_dir.expanduser(),
            ),
            detector=DetectorConfig(
                min_digits=self.min_digits, score_threshold=self.score_threshold
            ),
            locate=LocateConfig(self.pad_before, self.pad_after, self.merge_gap, self.digit_s),
            mode=self.mode,
            text_operator=self.text_operator,
            agent_channel=self.agent_channel,
            min_duration=self.min_duration,
            verify=self.verify,
            verify_model=self.verify_model,
            second_hearing=self.second_hearing,
            second_model=self.second_model,
            strip_from_original=PCI_ENTITIES if self.pci_strip_original else frozenset(),
        )
