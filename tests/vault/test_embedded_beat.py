"""The embedded mode's scheduler: beat runs as a thread of the `serve` process and its tasks reach
the in-process worker over the in-memory broker (a forked beat would send them into a broker of its
own, and the stale sweep and daily purge would silently never run)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from callvault.runtime import Runtime, build_runtime
from callvault.tasks import PURGE, SWEEP, EmbeddedWorker, bind_runtime, create_celery
from callvault.vault import processing
from tests.vault.helpers import make_settings


def test_beat_thread_sends_to_the_in_process_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'vault.db'}")
    runtime = build_runtime(settings, migrate=True)
    bind_runtime(runtime)
    app = create_celery(settings)
    assert {SWEEP, PURGE} <= set(app.conf.beat_schedule)
    swept = threading.Event()
    real = processing.clean_work_dir

    def clean(rt: Runtime, *args: Any) -> int:
        swept.set()
        return real(rt, *args)

    monkeypatch.setattr(processing, "clean_work_dir", clean)
    app.conf.beat_schedule = {SWEEP: {"task": SWEEP, "schedule": 0.2}}
    worker = EmbeddedWorker(app, tmp_path / "celerybeat-schedule")
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while not swept.is_set() and time.monotonic() < deadline:
            swept.wait(0.1)
        assert swept.is_set(), "the sweep scheduled by beat never ran in the embedded worker"
        assert worker.thread.is_alive()
    finally:
        worker.stop()
        runtime.close()
    assert not worker.thread.is_alive()


def test_embedded_mode_processes_an_upload(tmp_path: Path, short_wav: Path) -> None:
    """`callvault serve` with no broker: the app's own worker thread takes the upload to ready."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from callvault.db import transaction
    from callvault.vault.identity import create_user
    from models import Role
    from tests.vault.helpers import FakeRedactor, auth, upload

    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'vault.db'}")
    runtime = build_runtime(settings, migrate=True)
    fake = FakeRedactor()
    runtime._redactors.update({0: fake, 1: fake})  # type: ignore[dict-item]
    with transaction(runtime.sessions) as s:
        _, ingest = create_user(s, "ingest", Role.INGEST, ["acme"])
        _, dpo = create_user(s, "dpo", Role.DPO, ["acme"])
    with TestClient(create_app(settings, runtime, embedded_worker=True)) as client:
        r = upload(client, ingest, path=short_wav)
        assert r.status_code == 202, r.text
        status, deadline = "queued", time.monotonic() + 30
        while status in ("queued", "processing") and time.monotonic() < deadline:
            time.sleep(0.1)
            status = client.get(f"/recordings/{r.json()['id']}", headers=auth(dpo)).json()["status"]
        assert status == "ready"
    runtime.close()
