"""Vault fixtures: a real database (SQLite file and PostgreSQL), a real store, a real app.

`db_url` is parametrised, so every test that uses it runs on both databases. PostgreSQL is the
server on the CI machine (`.ci/run` starts it); a test database is created per session and its
tables emptied between tests. Processing in API tests uses a fake redactor where the test is about
orchestration; `real_redactor` tests run Whisper.
"""

from __future__ import annotations

import os
import uuid
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from api.main import create_app
from callvault.db import transaction
from callvault.runtime import Runtime, build_runtime
from callvault.settings import Settings
from callvault.vault.identity import create_user
from models import Role
from tests.vault.helpers import FakeRedactor, make_settings, truncate_postgres

PG_SERVER = os.environ.get("CALLVAULT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    name = f"callvault_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(f"{PG_SERVER}/test", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - a CI machine without PostgreSQL is broken
        pytest.fail(f"PostgreSQL at {PG_SERVER} unavailable ({type(exc).__name__}); run .ci/run")
    yield f"{PG_SERVER}/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def short_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One second of stereo 8 kHz noise: access and governance tests need a real recording, not
    a long one (the fake redactor never listens to it)."""
    path = tmp_path_factory.mktemp("audio") / "short-call.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes((i * 37) % 251 for i in range(8000 * 4)))
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'vault.db'}"
        return
    url = request.getfixturevalue("pg_database")
    yield url
    truncate_postgres(url)


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return make_settings(tmp_path, db_url)


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    rt = build_runtime(settings, migrate=True)
    yield rt
    rt.close()


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    """The real app on the real database; no worker (tests drive processing themselves)."""
    app = create_app(runtime.settings, runtime, embedded_worker=False)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def keys(runtime: Runtime) -> dict[str, str]:
    """An API key per role; tenant 'acme' unless the name says otherwise."""
    users = {
        "ingest": (Role.INGEST, ["acme"]),
        "reviewer": (Role.REVIEWER, ["acme"]),
        "dpo": (Role.DPO, ["acme"]),
        "auditor": (Role.AUDITOR, ["*"]),
        "admin": (Role.ADMIN, ["acme"]),
        "ingest_other": (Role.INGEST, ["globex"]),
        "reviewer_other": (Role.REVIEWER, ["globex"]),
    }
    out = {}
    with transaction(runtime.sessions) as session:
        for name, (role, tenants) in users.items():
            _, out[name] = create_user(session, name, role, tenants)
    return out


@pytest.fixture
def fake_redactor(runtime: Runtime) -> FakeRedactor:
    fake = FakeRedactor()
    runtime._redactors.update({0: fake, 1: fake})  # type: ignore[dict-item]
    return fake
