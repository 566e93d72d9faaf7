"""Processing orchestration on SQLite and PostgreSQL: claims, leases, idempotence, failure paths.

The redactor is the fake one (copies the audio, reports one phone number): what is tested here is
the state machine around it, not redaction quality.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.tasks import LEASE
from callvault.vault import processing
from models import ArtefactKind, AuditEvent, Recording, RecordingStatus, utcnow
from pipeline.errors import InputError
from tests.vault.helpers import FakeRedactor, upload

ALL_KINDS = sorted(k.value for k in ArtefactKind)


def _upload(client: Any, keys: dict[str, str]) -> str:
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    return str(r.json()["id"])


def _rec(runtime: Runtime, rid: str) -> Recording:
    with runtime.sessions() as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        return rec


def _kinds(runtime: Runtime, rid: str) -> list[str]:
    return sorted(a.kind for a in _rec(runtime, rid).artefacts)


def _process_events(runtime: Runtime, rid: str) -> list[tuple[str, str | None]]:
    with runtime.sessions() as s:
        rows = s.execute(
            select(AuditEvent.outcome, AuditEvent.detail)
            .where(AuditEvent.action == "process", AuditEvent.recording_id == rid)
            .order_by(AuditEvent.seq)
        )
        return [(r[0], r[1]) for r in rows]


def _age(runtime: Runtime, rid: str, by: timedelta) -> None:
    """Pretend the row was last touched `by` ago (lease expiry, a lost task)."""
    with transaction(runtime.sessions) as s:
        n = s.execute(update(Recording).where(Recording.id == rid)
                      .values(updated_at=utcnow() - by)).rowcount  # type: ignore[attr-defined]  # fmt: skip
    assert n == 1


def _use(runtime: Runtime, fake: FakeRedactor) -> FakeRedactor:
    runtime._redactors.update({0: fake, 1: fake})  # type: ignore[dict-item]
    return fake


def test_processing_twice_is_idempotent(client, keys, runtime, fake_redactor) -> None:
    rid = _upload(client, keys)
    assert _kinds(runtime, rid) == ["original_audio"]
    first = processing.process(runtime, rid, LEASE)
    assert first == processing.Outcome("ready")
    rec = _rec(runtime, rid)
    assert (rec.status, rec.stage, rec.progress, rec.attempts) == ("ready", "done", 1.0, 1)
    assert rec.entity_counts == {"PHONE_NUMBER": 1}
    assert rec.duration == 1.0 and rec.languages == ["en"]
    artefact_ids = sorted(a.id for a in rec.artefacts)
    assert _kinds(runtime, rid) == ALL_KINDS

    second = processing.process(runtime, rid, LEASE)
    assert second.status == "skipped"
    assert fake_redactor.calls == 1
    again = _rec(runtime, rid)
    assert sorted(a.id for a in again.artefacts) == artefact_ids
    assert (again.status, again.attempts) == ("ready", 1)
    assert _process_events(runtime, rid) == [("ok", None)]
    # Every artefact row points at one stored object, and nothing else is stored for the recording.
    stored = sorted(runtime.store.list_keys(f"acme/{rid}/"))
    assert stored == sorted(a.storage_key for a in again.artefacts)


def test_processing_a_missing_recording_is_skipped(runtime, fake_redactor) -> None:
    assert processing.process(runtime, "no-such-id", LEASE).status == "skipped"
    assert fake_redactor.calls == 0


def test_claim_respects_the_lease(client, keys, runtime) -> None:
    rid = _upload(client, keys)
    assert processing.claim(runtime, rid, LEASE) is True
    rec = _rec(runtime, rid)
    assert (rec.status, rec.stage, rec.attempts) == ("processing", "decode", 1)
    assert processing.claim(runtime, rid, LEASE) is False  # a second processor: fresh lease

    _age(runtime, rid, LEASE - timedelta(minutes=1))
    assert processing.claim(runtime, rid, LEASE) is False  # not expired yet

    _age(runtime, rid, LEASE + timedelta(minutes=1))
    assert processing.claim(runtime, rid, LEASE) is True  # the first processor is presumed dead
    assert _rec(runtime, rid).attempts == 2
    assert processing.claim(runtime, rid, LEASE) is False


def test_finished_recordings_are_never_claimed(client, keys, runtime, fake_redactor) -> None:
    rid = _upload(client, keys)
    assert processing.process(runtime, rid, LEASE).status == "ready"
    _age(runtime, rid, timedelta(days=1))
    assert processing.claim(runtime, rid, LEASE) is False
    assert _rec(runtime, rid).status == "ready"


def test_input_error_fails_the_recording(client, keys, runtime) -> None:
    fake = _use(runtime, FakeRedactor(fail_with=InputError("no audio stream", source="call.wav")))
    rid = _upload(client, keys)
    outcome = processing.process(runtime, rid, LEASE)
    assert outcome == processing.Outcome("failed", "invalid_input")
    assert fake.calls == 1
    rec = _rec(runtime, rid)
    assert (rec.status, rec.error_code, rec.stage) == ("failed", "invalid_input", "failed")
    assert _kinds(runtime, rid) == ["original_audio"]
    assert _process_events(runtime, rid) == [("failed", "invalid_input")]
    # Failed is final: a redelivered task does not run the redactor again.
    assert processing.process(runtime, rid, LEASE).status == "skipped"
    assert fake.calls == 1


def test_unexpected_error_is_retryable_and_recoverable(client, keys, runtime) -> None:
    fake = _use(runtime, FakeRedactor(fail_with=RuntimeError("disk on fire")))
    rid = _upload(client, keys)
    with pytest.raises(processing.RetryableError, match=r"^RuntimeError$") as caught:
        processing.process(runtime, rid, LEASE)
    assert isinstance(caught.value.__cause__, RuntimeError)
    rec = _rec(runtime, rid)
    assert (rec.status, rec.error_code, rec.attempts) == ("processing", None, 1)
    assert _kinds(runtime, rid) == ["original_audio"]
    assert _process_events(runtime, rid) == []

    processing.release(runtime, rid)  # what the Celery task does before scheduling its retry
    rec = _rec(runtime, rid)
    assert (rec.status, rec.error_code) == ("queued", "retrying")

    fake.fail_with = None
    assert processing.process(runtime, rid, LEASE) == processing.Outcome("ready")
    rec = _rec(runtime, rid)
    assert (rec.status, rec.error_code, rec.attempts) == ("ready", None, 2)
    assert _kinds(runtime, rid) == ALL_KINDS
    assert _process_events(runtime, rid) == [("ok", None)]
    assert fake.calls == 2


def test_give_up_fails_the_recording(client, keys, runtime, fake_redactor) -> None:
    rid = _upload(client, keys)
    assert processing.claim(runtime, rid, LEASE) is True
    outcome = processing.give_up(runtime, rid, "retries_exhausted:RuntimeError")
    assert outcome == processing.Outcome("failed", "retries_exhausted:RuntimeError")
    rec = _rec(runtime, rid)
    assert (rec.status, rec.error_code) == ("failed", "retries_exhausted:RuntimeError")
    assert _process_events(runtime, rid) == [("failed", "retries_exhausted:RuntimeError")]

    done = _upload(client, keys)
    assert processing.process(runtime, done, LEASE).status == "ready"
    assert processing.give_up(runtime, done, "late").status == "skipped"  # ready stays ready
    assert _rec(runtime, done).status == "ready"


def test_requeue_candidates(client, keys, runtime, fake_redactor) -> None:
    fresh = _upload(client, keys)
    stale_queued = _upload(client, keys)
    stale_processing = _upload(client, keys)
    stale_ready = _upload(client, keys)
    assert processing.process(runtime, stale_ready, LEASE).status == "ready"
    assert processing.claim(runtime, stale_processing, LEASE) is True
    for rid in (stale_queued, stale_processing, stale_ready):
        _age(runtime, rid, timedelta(hours=2))

    found = processing.requeue_candidates(runtime, timedelta(hours=1))
    assert sorted(found) == sorted([stale_queued, stale_processing])
    assert processing.requeue_candidates(runtime, timedelta(hours=1)) == []
    assert processing.requeue_candidates(runtime, timedelta(minutes=5)) == []
    assert fresh not in processing.requeue_candidates(runtime, timedelta(hours=1))

    # A recording whose worker died is handed back, so the requeued task can claim it at once.
    assert _rec(runtime, stale_processing).status == "queued"
    assert processing.process(runtime, stale_queued, LEASE).status == "ready"
    assert processing.process(runtime, stale_processing, LEASE).status == "ready"
    assert _rec(runtime, stale_processing).attempts == 2


def test_reset_interrupted_requeues_claimed_work(client, keys, runtime, fake_redactor) -> None:
    queued = _upload(client, keys)
    claimed = _upload(client, keys)
    ready = _upload(client, keys)
    assert processing.process(runtime, ready, LEASE).status == "ready"
    assert processing.claim(runtime, claimed, LEASE) is True

    assert sorted(processing.reset_interrupted(runtime)) == sorted([queued, claimed])
    rec = _rec(runtime, claimed)
    assert (rec.status, rec.stage) == ("queued", None)
    assert _rec(runtime, ready).status == "ready"
    assert processing.process(runtime, claimed, LEASE).status == "ready"
    with runtime.sessions() as s:
        counts = select(Recording.status, func.count()).group_by(Recording.status)
        statuses = dict(s.execute(counts).all())
    assert statuses == {RecordingStatus.QUEUED: 1, RecordingStatus.READY: 2}


def test_reclaiming_removes_a_dead_attempts_plaintext(client, keys, runtime, fake_redactor) -> None:
    rid, other = _upload(client, keys), _upload(client, keys)
    leftover = runtime.work_dir / f"{rid}-deadbeef"
    leftover.mkdir()
    (leftover / "call.wav").write_bytes(b"RIFF decrypted original")
    unrelated = runtime.work_dir / f"{other}-cafebabe"
    unrelated.mkdir()
    assert processing.process(runtime, rid, LEASE).status == "ready"
    assert not leftover.exists()
    assert unrelated.is_dir()  # another recording's claim is not ours to clean
    assert sorted(p.name for p in runtime.work_dir.iterdir()) == [unrelated.name]
