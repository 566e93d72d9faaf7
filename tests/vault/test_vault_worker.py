"""The scale-out shape for real: PostgreSQL, a Redis broker, `callvault worker` processes, Whisper.

The API (a TestClient on the real app, no embedded worker) enqueues to Redis; a separate
`callvault worker` process runs the real tiny.en model. The second test kills the worker with
SIGKILL mid-recording, as a crashed machine would, and checks that the stale sweep on a new worker
finishes the recording exactly once.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import wave
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from kombu import Connection
from kombu.exceptions import ChannelError
from sqlalchemy import select, update

from api.main import create_app
from callvault.db import make_engine, transaction, upgrade
from callvault.runtime import Runtime, build_runtime
from callvault.tasks import QUEUE, SWEEP
from callvault.vault.identity import create_user
from models import ArtefactKind, AuditEvent, Recording, Role, utcnow
from tests.vault.helpers import MASTER_KEY, SAMPLE, auth, make_settings, truncate_postgres, upload

pytestmark = pytest.mark.slow

BROKER = os.environ.get("CALLVAULT_TEST_REDIS", "redis://127.0.0.1:6379/11")
AMQP = os.environ.get("CALLVAULT_TEST_AMQP", "amqp://guest:guest@127.0.0.1:5672//")
REPO = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 180
ALL_KINDS = sorted(k.value for k in ArtefactKind)
# The sample call says a card number, a security code, an e-mail address and a phone number.
EXPECTED_TYPES = {"CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER"}


@pytest.fixture
def pg_url(pg_database: str) -> Iterator[str]:
    """The session's PostgreSQL database, emptied before and after (other tests share it)."""
    engine = make_engine(pg_database)
    upgrade(engine)  # the schema may not exist yet if no other test ran first
    engine.dispose()
    truncate_postgres(pg_database)
    yield pg_database
    truncate_postgres(pg_database)


@pytest.fixture(params=["redis"])
def broker(request: pytest.FixtureRequest) -> Iterator[str]:
    """A real broker with nothing queued: Redis by default, RabbitMQ where a test asks for it."""
    if request.param == "amqp":
        yield from _rabbitmq()
        return
    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.RedisError as exc:  # pragma: no cover - a CI machine without Redis is broken
        pytest.fail(f"Redis at {BROKER} unavailable ({type(exc).__name__})")
    client.flushdb()
    yield BROKER
    client.flushdb()
    client.close()


def _rabbitmq() -> Iterator[str]:
    def purge() -> None:
        with Connection(AMQP) as conn:
            conn.ensure_connection(max_retries=2)
            channel = conn.channel()
            with contextlib.suppress(ChannelError):  # the queue does not exist yet
                channel.queue_purge(QUEUE)

    try:
        purge()
    except OSError as exc:  # pragma: no cover - .ci/services starts RabbitMQ
        pytest.fail(f"RabbitMQ at {AMQP} unavailable ({type(exc).__name__}); run .ci/run")
    yield AMQP
    purge()


class Workers:
    """`callvault worker` subprocesses, each in its own process group (the prefork child too)."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.tmp_path, self.env = tmp_path, env
        self.procs: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(self) -> subprocess.Popen[bytes]:
        log = self.tmp_path / f"worker-{len(self.procs)}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "callvault", "worker", "--concurrency", "1"],
                env=self.env, cwd=self.tmp_path, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.procs.append((proc, log))
        return proc

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}"
                         for _, log in self.procs)  # fmt: skip

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        """SIGKILL to the worker's whole process group: no warm shutdown, no message restored."""
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def stop_all(self) -> None:
        for proc, _ in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for proc, _ in self.procs:
            try:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError):  # a prefork child left by a killed parent
                os.killpg(proc.pid, signal.SIGKILL)


class Vault:
    def __init__(self, client: TestClient, runtime: Runtime, workers: Workers) -> None:
        self.client, self.runtime, self.workers = client, runtime, workers
        with transaction(runtime.sessions) as s:
            _, self.ingest_key = create_user(s, "ingest", Role.INGEST, ["acme"])
            _, self.reviewer_key = create_user(s, "reviewer", Role.REVIEWER, ["acme"])

    def upload(self) -> str:
        r = upload(self.client, self.ingest_key)
        assert r.status_code == 202, r.text
        return str(r.json()["id"])

    def record(self, rid: str) -> Recording:
        with self.runtime.sessions() as s:
            rec = s.get(Recording, rid)
            assert rec is not None
            return rec

    def wait_for(self, what: str, done: Callable[[], bool], timeout: float = READY_TIMEOUT_S,
                 every: float = 0.5) -> None:  # fmt: skip
        deadline = time.monotonic() + timeout
        while not done():
            alive = any(p.poll() is None for p, _ in self.workers.procs)
            if time.monotonic() > deadline or not alive:
                state = "timed out" if alive else "no worker alive"
                pytest.fail(f"waiting for {what}: {state}\n{self.workers.logs()}")
            time.sleep(every)

    def wait_ready(self, rid: str) -> dict[str, Any]:
        seen: dict[str, Any] = {}

        def ready() -> bool:
            r = self.client.get(f"/recordings/{rid}", headers=auth(self.reviewer_key))
            assert r.status_code == 200, r.text
            seen.update(r.json())
            if seen["status"] == "failed":
                pytest.fail(f"recording failed ({seen['error_code']})\n{self.workers.logs()}")
            return bool(seen["status"] == "ready")

        self.wait_for(f"{rid} to be ready", ready, every=1.0)
        return seen


@pytest.fixture
def vault(tmp_path: Path, pg_url: str, broker: str) -> Iterator[Vault]:
    settings = make_settings(tmp_path, pg_url, broker_url=broker)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLVAULT_")}
    env.update(
        CALLVAULT_BROKER_URL=broker,
        CALLVAULT_DATABASE_URL=pg_url,
        CALLVAULT_MASTER_KEY=MASTER_KEY,
        CALLVAULT_DATA_DIR=str(settings.data_dir),
        CALLVAULT_MODEL="tiny.en",
        CALLVAULT_CPU_THREADS="2",
        CALLVAULT_LOG_LEVEL="INFO",
        PYTHONPATH=str(REPO),
    )
    workers = Workers(tmp_path, env)
    runtime = build_runtime(settings, migrate=True)
    try:
        app = create_app(settings, runtime, embedded_worker=False)
        with TestClient(app) as client:
            yield Vault(client, runtime, workers)
    finally:
        workers.stop_all()
        runtime.close()


def _check_result(vault: Vault, rid: str, meta: dict[str, Any]) -> None:
    """Everything a finished recording must have: redacted audio, counts, report, one audit event."""
    rt, headers = vault.runtime, auth(vault.reviewer_key)
    assert meta["error_code"] is None
    assert set(meta["entity_counts"]) >= EXPECTED_TYPES, meta["entity_counts"]
    assert all(n >= 1 for n in meta["entity_counts"].values())
    assert meta["languages"] == ["en"]
    assert meta["duration"] == pytest.approx(45.1, abs=0.5)
    assert meta["special_category"] is True  # the caller mentions a diagnosis

    audio = vault.client.get(f"/recordings/{rid}/audio", headers=headers)
    assert audio.status_code == 200
    with wave.open(io.BytesIO(audio.content)) as out, wave.open(str(SAMPLE)) as src:
        assert out.getparams() == src.getparams()  # same format and length, beeps over the PII
        assert out.readframes(out.getnframes()) != src.readframes(src.getnframes())

    transcript = vault.client.get(f"/recordings/{rid}/transcript", headers=headers)
    assert transcript.status_code == 200
    said = " ".join(s["text"] for ch in transcript.json()["channels"] for s in ch["segments"])
    assert "<EMAIL_ADDRESS>" in said
    for value in ("4539", "diabetes", "07700"):
        assert value not in said

    rec = vault.record(rid)
    artefacts = {a.kind: a for a in rec.artefacts}
    assert sorted(artefacts) == ALL_KINDS
    report = json.loads(rt.artefacts.read_all(artefacts[ArtefactKind.REPORT]))
    assert report["summary"]["by_type"] == meta["entity_counts"]
    assert report["duration"] == meta["duration"]
    # Exactly one set of objects in storage, the ones the rows point at.
    stored = sorted(rt.store.list_keys(f"acme/{rid}/"))
    assert stored == sorted(a.storage_key for a in artefacts.values())
    with rt.sessions() as s:
        events = s.execute(select(AuditEvent.outcome, AuditEvent.actor_id).where(
            AuditEvent.action == "process", AuditEvent.recording_id == rid)).all()  # fmt: skip
    assert [tuple(e) for e in events] == [("ok", "system")]
    # No decrypted copy of the call is left in the work directory.
    assert sorted(p.name for p in rt.work_dir.iterdir() if p.name.startswith(rid)) == []


@pytest.mark.parametrize("broker", ["redis", "amqp"], indirect=True)
def test_worker_processes_an_upload(vault: Vault) -> None:
    started = time.monotonic()
    vault.workers.start()
    rid = vault.upload()
    meta = vault.wait_ready(rid)
    _check_result(vault, rid, meta)
    assert vault.record(rid).attempts == 1
    print(f"upload to ready: {time.monotonic() - started:.1f} s")


def test_killed_worker_recording_is_recovered_by_the_sweep(vault: Vault) -> None:
    first = vault.workers.start()
    rid = vault.upload()

    def mid_pipeline() -> bool:
        rec = vault.record(rid)
        assert rec.status != "ready", "processed before the worker could be killed"
        return rec.status == "processing" and rec.progress > 0

    vault.wait_for("processing to be under way", mid_pipeline, every=0.05)
    vault.workers.kill(first)
    rec = vault.record(rid)
    assert (rec.status, rec.attempts) == ("processing", 1)
    assert [a.kind for a in rec.artefacts] == ["original_audio"]

    vault.workers.start()
    # The task is still unacknowledged in Redis (redelivered only after the visibility timeout),
    # so the recording waits for the sweep. Pretend an hour without progress has passed ...
    with transaction(vault.runtime.sessions) as s:
        s.execute(update(Recording).where(Recording.id == rid)
                  .values(updated_at=utcnow() - timedelta(minutes=61)))  # fmt: skip
    # ... and run the sweep as beat would, on the new worker.
    vault.client.app.state.celery.send_task(SWEEP, queue=QUEUE)  # type: ignore[attr-defined]
    meta = vault.wait_ready(rid)
    _check_result(vault, rid, meta)
    assert vault.record(rid).attempts == 2
