"""The long-lived objects of one process, built from `Settings` by a factory, never at import.

An API process, a Celery worker child and a CLI command each build one `Runtime`. The Whisper model
inside the redactor is loaded on first use and shared by every task that process runs.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine

from callvault.clock import Clock
from callvault.crypto import EXAMPLE_MASTER_KEY, CryptoError, Keyring, generate_key, parse_key
from callvault.db import SessionFactory, make_engine, session_factory, upgrade
from callvault.logging import get_logger
from callvault.settings import Environment, Settings
from callvault.storage import ObjectStore
from callvault.storage.factory import make_store
from callvault.vault.artefacts import ArtefactStore
from callvault.vault.audit import AuditLog
from callvault.vault.errors import ConfigurationError
from callvault.vault.policy import Policy, load_policy
from pipeline.runner import Redactor

log = get_logger("callvault.runtime")
KEY_FILE = "master.key"


def resolve_master_key(settings: Settings) -> bytes:
    """The configured key; in development only, a generated key file when none is configured."""
    configured = settings.master_key.get_secret_value() if settings.master_key else None
    production = settings.env is Environment.PRODUCTION
    if configured:
        if production and configured.strip() == EXAMPLE_MASTER_KEY:
            raise ConfigurationError("CALLVAULT_MASTER_KEY is the documented example key")
        try:
            return parse_key(configured)
        except CryptoError as exc:
            raise ConfigurationError(f"CALLVAULT_MASTER_KEY: {exc}") from None
    if production:
        raise ConfigurationError("CALLVAULT_MASTER_KEY is required when CALLVAULT_ENV=production")
    path = settings.data_dir.expanduser() / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(generate_key() + "\n")
        log.warning("master_key_generated", path=str(path), env=str(settings.env))
    try:
        return parse_key(path.read_text(encoding="ascii"))
    except (OSError, CryptoError) as exc:
        raise ConfigurationError(f"development key file {path.name} unusable ({exc})") from None


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    sessions: SessionFactory
    keyring: Keyring
    store: ObjectStore
    artefacts: ArtefactStore
    policy: Policy
    audit: AuditLog
    clock: Clock
    _redactors: dict[int, Redactor] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def redactor(self, agent_channel: int = 0) -> Redactor:
        """One Whisper model and analyzer per process; a variant per channel layout shares them."""
        with self._lock:
            if agent_channel not in self._redactors:
                config = replace(self.settings.redactor_config(), agent_channel=agent_channel)
                base = next(iter(self._redactors.values()), None)
                self._redactors[agent_channel] = (
                    Redactor(config)
                    if base is None
                    else Redactor(config, transcriber=base.transcriber, detector=base.detector)
                )
            return self._redactors[agent_channel]

    @property
    def work_dir(self) -> Path:
        path = self.settings.data_dir.expanduser() / "work"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def close(self) -> None:
        self.engine.dispose()


def build_runtime(settings: Settings, *, migrate: bool = False) -> Runtime:
    keyring = Keyring(resolve_master_key(settings))
    clock = Clock()
    policy = load_policy(settings.policy_file)
    engine = make_engine(settings.db_url)
    if migrate:
        upgrade(engine)
    store = make_store(settings)
    return Runtime(
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        keyring=keyring,
        store=store,
        artefacts=ArtefactStore(store, keyring),
        policy=policy,
        audit=AuditLog(keyring.audit_key, clock),
        clock=clock,
    )
