"""Decrypted leftovers of a crashed worker are removed; a live worker's files are kept."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from sqlalchemy import update

from callvault.db import transaction
from callvault.vault import processing
from models import Recording, RecordingStatus, utcnow
from tests.vault.helpers import upload


def _rid(client, keys) -> str:
    r = upload(client, keys["ingest"])
    assert r.status_code == 202
    return str(r.json()["id"])


def _set(runtime, rid: str, status: RecordingStatus, age: timedelta) -> None:
    with transaction(runtime.sessions) as s:
        s.execute(update(Recording).where(Recording.id == rid)
                  .values(status=status, updated_at=utcnow() - age))  # fmt: skip


def test_clean_work_dir_keeps_live_claims_only(client, keys, runtime) -> None:
    live, dead, done = (_rid(client, keys) for _ in range(3))
    _set(runtime, live, RecordingStatus.PROCESSING, timedelta(seconds=5))
    _set(runtime, dead, RecordingStatus.PROCESSING, timedelta(minutes=30))
    _set(runtime, done, RecordingStatus.READY, timedelta(0))
    work = runtime.work_dir
    for rid in (live, dead, done):
        (work / f"{rid}-abc").mkdir()
        (work / f"{rid}-abc" / "call.wav").write_bytes(b"RIFF plaintext")
    (work / "deadbeef-0000-0000-0000-000000000000-x").mkdir()  # no such recording
    fresh, old = work / "upload-fresh", work / "upload-old"
    fresh.mkdir()
    old.mkdir()
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))

    assert processing.clean_work_dir(runtime) == 4
    assert sorted(p.name for p in work.iterdir()) == sorted([f"{live}-abc", "upload-fresh"])
