"""Storage limitation: purposes expire one by one, the last one shreds the recording (tombstone only).

Time is the runtime's clock, frozen and advanced; purge runs in-process (and once through the CLI).
Safe to repeat and to interrupt: a second purge does nothing, a failed storage delete is resumed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import ColumnElement, func, select

from callvault import tasks
from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.storage import StorageError
from callvault.vault.retention import DELETE, DROP, HELD, purge
from callvault.vault.shred import shred
from models import AccessRequest, Artefact, AuditEvent, Recording, RecordingPurpose, Tombstone
from tests.vault.helpers import MASTER_KEY, auth, make_settings, metadata, process_all, upload

QA, CH = "quality_assurance", "complaint_handling"
REPO = Path(__file__).resolve().parents[2]
PER_RECORDING = {"recordings": Recording.id, "recording_purposes": RecordingPurpose.recording_id,
                 "artefacts": Artefact.recording_id, "access_requests": AccessRequest.recording_id}


@dataclass
class Vault:
    client: TestClient
    keys: dict[str, str]
    rt: Runtime
    wav: Path

    def ingest(self, *purposes: str, by: str = "ingest", **meta: Any) -> str:
        r = upload(self.client, self.keys[by], metadata(purposes=list(purposes), **meta), self.wav)
        assert r.status_code == 202, r.text
        assert process_all(self.rt) == ["ready"]
        return str(r.json()["id"])

    def call(self, method: str, path: str, role: str = "dpo", **kw: Any) -> Any:
        return self.client.request(method, path, headers=auth(self.keys[role]), **kw)

    def hold(self, rid: str, role: str = "dpo", ref: str = "CASE-2026/042") -> Any:
        return self.call("POST", f"/recordings/{rid}/legal-hold", role, json={"reference": ref})

    def keys_of(self, rid: str) -> list[str]:
        return sorted(self.rt.store.list_keys(f"acme/{rid}/"))

    def rows(self, rid: str) -> dict[str, int]:
        with self.rt.sessions() as s:
            return {n: s.scalar(select(func.count()).where(c == rid)) or 0
                    for n, c in PER_RECORDING.items()}

    def events(self, *conds: ColumnElement[bool]) -> list[tuple[Any, ...]]:
        with self.rt.sessions() as s:
            stmt = select(AuditEvent.action, AuditEvent.recording_id, AuditEvent.purpose,
                          AuditEvent.detail).where(*conds).order_by(AuditEvent.seq)  # fmt: skip
            return [tuple(r) for r in s.execute(stmt)]

    def tomb(self, rid: str) -> Tombstone | None:
        with self.rt.sessions() as s:
            return s.get(Tombstone, rid)

    def on_hold(self, rid: str) -> bool:
        with self.rt.sessions() as s:
            return bool(s.scalar(select(Recording.legal_hold).where(Recording.id == rid)))

    def state(self) -> tuple[Any, ...]:
        """Everything purge could change: rows, stored objects and their tags, the audit log."""
        with self.rt.sessions() as s:
            purposes = sorted(tuple(r) for r in s.execute(select(
                RecordingPurpose.recording_id, RecordingPurpose.purpose)))  # fmt: skip
            counts = [s.scalar(select(func.count()).select_from(m)) for m in
                      (Recording, Artefact, AccessRequest, Tombstone, AuditEvent)]  # fmt: skip
        keys = sorted(self.rt.store.list_keys())
        return purposes, counts, keys, [self.rt.store.get_tags(k) for k in keys]


@pytest.fixture
def vault(client: TestClient, keys: dict[str, str], runtime: Runtime, fake_redactor: Any,
          short_wav: Path) -> Vault:  # fmt: skip
    runtime.clock.freeze()
    return Vault(client, keys, runtime, short_wav)


def test_expired_purpose_is_dropped_and_the_others_keep_the_recording(vault: Vault) -> None:
    rid = vault.ingest(QA, CH)
    before = {p["purpose"]: p for p in vault.call("GET", f"/recordings/{rid}").json()["purposes"]}
    vault.rt.clock.advance(timedelta(days=91))
    report = purge(vault.rt)
    assert (report.deleted, report.dropped, report.held) == ([], {rid: [QA]}, [])

    body = vault.call("GET", f"/recordings/{rid}").json()
    assert body["purposes"] == [before[CH]]
    assert body["retention_until"] == before[CH]["retention_until"]
    assert (vault.rows(rid)["recordings"], vault.rows(rid)["recording_purposes"]) == (1, 1)
    until = datetime.fromisoformat(before[CH]["retention_until"]).date().isoformat()
    for key in vault.keys_of(rid):
        assert vault.rt.store.get_tags(key) == {"tenant": "acme", "purposes": CH,
                                                "retention-until": until}
    # The reviewer reaches it through complaint handling only.
    t = f"/recordings/{rid}/transcript"
    assert vault.call("GET", t, "reviewer", params={"purpose": QA}).status_code == 403
    assert vault.call("GET", t, "reviewer", params={"purpose": CH}).status_code == 200
    listed = vault.call("GET", "/recordings", "reviewer", params={"purpose": QA}).json()
    assert listed["total"] == 0
    assert vault.events(AuditEvent.action == "retention.expire") == [("retention.expire", rid, QA, None)]


def test_last_purpose_expired_leaves_only_a_tombstone(vault: Vault) -> None:
    rid, kept = vault.ingest(QA), vault.ingest(CH)
    r = vault.call("POST", "/access-requests", "reviewer", json={
        "recording_id": rid, "justification": "complaint about agent tone", "duration_minutes": 60})
    assert r.status_code == 201, r.text
    with vault.rt.sessions() as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        digests = sorted(({"kind": a.kind, "version": a.version, "sha256": a.sha256, "size": a.size}
                          for a in rec.artefacts), key=lambda a: (a["kind"], a["version"]))
        until = rec.retention_until
    stored, others = vault.keys_of(rid), vault.keys_of(kept)
    assert stored and vault.rows(rid)["access_requests"] == 1
    now = vault.rt.clock.advance(timedelta(days=91))

    report = purge(vault.rt)
    assert (report.deleted, report.dropped, report.storage_pending) == ([rid], {}, [])
    assert vault.rows(rid) == dict.fromkeys(PER_RECORDING, 0)
    assert vault.keys_of(rid) == [] and not set(stored) & set(vault.rt.store.list_keys())
    assert vault.keys_of(kept) == others
    tomb = vault.tomb(rid)
    assert tomb is not None
    assert (tomb.reason, tomb.tenant, tomb.deleted_by, tomb.pending_keys) == (
        "retention_expired", "acme", "system", [])
    assert tomb.completed_at == now and tomb.deleted_at == now
    assert tomb.purposes == [{"purpose": QA, "legal_basis": "legitimate_interest",
                              "retention_until": until.isoformat()}]  # fmt: skip
    assert tomb.artefacts == digests
    assert vault.events(AuditEvent.recording_id == rid, AuditEvent.actor_role == "system",
                        AuditEvent.action != "process") == [
        ("retention.expire", rid, QA, None), ("purge", rid, None, "retention_expired")]
    assert vault.call("GET", f"/recordings/{rid}").status_code == 404
    verified = vault.call("GET", "/audit/verify", "auditor")
    assert verified.status_code == 200 and verified.json()["ok"] is True, verified.text
    after = vault.state()  # a second run finds nothing to do
    again = purge(vault.rt)
    assert (again.planned, again.deleted, again.dropped, again.resumed) == ([], [], {}, 0)
    assert vault.state() == after


def test_dry_run_plans_with_reasons_and_changes_nothing(vault: Vault) -> None:
    gone, dropped, held = vault.ingest(QA), vault.ingest(QA, CH), vault.ingest(QA)
    young = vault.ingest(CH)
    assert vault.hold(held).status_code == 200
    start = vault.rt.clock.now()
    vault.rt.clock.advance(timedelta(days=91))
    before = vault.state()

    report = purge(vault.rt, dry_run=True)
    plan = {p.recording_id: (p.tenant, p.action, p.expired, p.remaining) for p in report.planned}
    assert plan == {gone: ("acme", DELETE, (QA,), ()), dropped: ("acme", DROP, (QA,), (CH,)),
                    held: ("acme", HELD, (QA,), ())}  # fmt: skip
    assert young not in plan
    assert {p.expired_since for p in report.planned} == {start + timedelta(days=90)}
    assert (report.dry_run, report.deleted, report.dropped, report.held) == (True, [], {}, [])
    assert vault.state() == before

    done = purge(vault.rt)  # and the real run does what was planned
    assert (done.deleted, done.dropped, done.held) == ([gone], {dropped: [QA]}, [held])


def test_failed_storage_delete_is_resumed_by_the_next_purge(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = vault.ingest(QA)
    stored = vault.keys_of(rid)
    assert len(stored) >= 2
    vault.rt.clock.advance(timedelta(days=91))
    real, calls = vault.rt.store.delete, list[str]()

    def flaky(key: str) -> None:  # the first object goes, then storage fails
        calls.append(key)
        if len(calls) > 1:
            raise StorageError("storage unavailable")
        real(key)

    monkeypatch.setattr(vault.rt.store, "delete", flaky)
    report = purge(vault.rt)
    assert (report.deleted, report.storage_pending) == ([rid], [rid])
    assert vault.rows(rid) == dict.fromkeys(PER_RECORDING, 0)  # data keys destroyed: unreadable
    assert vault.keys_of(rid) == stored[1:]
    tomb = vault.tomb(rid)
    assert tomb is not None and tomb.completed_at is None and tomb.pending_keys == stored

    monkeypatch.undo()
    healed = purge(vault.rt)
    assert (healed.resumed, healed.planned, healed.storage_pending) == (1, [], [])
    assert vault.keys_of(rid) == []
    tomb = vault.tomb(rid)
    assert tomb is not None and tomb.completed_at is not None and tomb.pending_keys == []


def test_purge_finishes_a_shred_interrupted_between_its_steps(vault: Vault) -> None:
    rid = vault.ingest(CH)  # not expired: only the unfinished deletion is purge's business
    stored = vault.keys_of(rid)
    with transaction(vault.rt.sessions) as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        shred(s, rec, reason="erasure_request", actor="dpo", now=vault.rt.clock.now())
    assert vault.keys_of(rid) == stored  # the process died before `finish`
    report = purge(vault.rt)
    assert (report.resumed, report.planned, report.deleted) == (1, [], [])
    assert vault.keys_of(rid) == []
    tomb = vault.tomb(rid)
    assert tomb is not None and tomb.completed_at == vault.rt.clock.now() and tomb.pending_keys == []


# (caller, method, uploader of the recording, status, error code)
HOLD_REFUSED = [
    ("reviewer", "POST", "ingest", 403, "forbidden"), ("auditor", "POST", "ingest", 403, "forbidden"),
    ("ingest", "POST", "ingest", 403, "forbidden"), ("admin", "POST", "ingest", 403, "forbidden"),
    ("reviewer", "DELETE", "ingest", 403, "forbidden"),
    ("auditor", "DELETE", "ingest", 403, "forbidden"),
    ("dpo", "POST", "ingest_other", 404, "not_found"),  # another tenant's: as if it did not exist
]  # fmt: skip


@pytest.mark.parametrize(("role", "method", "uploader", "status", "code"), HOLD_REFUSED)
def test_only_the_dpo_places_or_lifts_holds(
    vault: Vault, role: str, method: str, uploader: str, status: int, code: str
) -> None:
    rid = vault.ingest(QA, by=uploader)
    r = vault.call(method, f"/recordings/{rid}/legal-hold", role, json={"reference": "CASE-1"})
    assert r.status_code == status and r.json()["error"]["code"] == code, r.text
    assert not vault.on_hold(rid)


@pytest.mark.parametrize("ref", ["case 42", "", "-lead", "x" * 129, "CASE#1", "Zoë-1", "a\nb", None])
def test_invalid_hold_reference_is_422(vault: Vault, ref: str | None) -> None:
    rid = vault.ingest(QA)
    r = vault.hold(rid, ref=ref)  # type: ignore[arg-type]
    assert r.status_code == 422 and r.json()["error"]["field"] == "reference", r.text
    assert not vault.on_hold(rid)


def test_hold_freezes_a_recording_past_retention_until_lifted(vault: Vault) -> None:
    held, mixed = vault.ingest(QA), vault.ingest(QA, CH)
    now = vault.rt.clock.now()
    for rid in (held, mixed):
        r = vault.hold(rid)
        assert r.status_code == 200, r.text
        assert r.json() == {"recording_id": rid, "legal_hold": True, "reference": "CASE-2026/042",
                            "since": now.isoformat().replace("+00:00", "Z")}  # fmt: skip
    assert vault.hold(held).status_code == 409
    vault.rt.clock.advance(timedelta(days=400))
    report = purge(vault.rt)
    assert sorted(report.held) == sorted([held, mixed])
    assert (report.deleted, report.dropped) == ([], {})
    purposes = vault.call("GET", f"/recordings/{mixed}").json()["purposes"]
    assert [p["purpose"] for p in purposes] == [CH, QA]
    assert vault.events(AuditEvent.action == "retention.expire") == []

    for rid in (held, mixed):
        lifted = vault.call("DELETE", f"/recordings/{rid}/legal-hold")
        assert lifted.status_code == 200, lifted.text
        assert lifted.json() == {"recording_id": rid, "legal_hold": False, "reference": None,
                                 "since": None}
    assert vault.call("DELETE", f"/recordings/{held}/legal-hold").status_code == 409
    assert sorted(purge(vault.rt).deleted) == sorted([held, mixed])
    assert vault.events(AuditEvent.action.like("legal_hold.%"), AuditEvent.outcome == "ok") == [
        ("legal_hold.set", held, None, "ref=CASE-2026/042"),
        ("legal_hold.set", mixed, None, "ref=CASE-2026/042"),
        ("legal_hold.lift", held, None, None), ("legal_hold.lift", mixed, None, None)]


def _cli(vault: Vault, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLVAULT_")}
    env.update(CALLVAULT_DATABASE_URL=vault.rt.settings.db_url, CALLVAULT_MASTER_KEY=MASTER_KEY,
               CALLVAULT_DATA_DIR=str(vault.rt.settings.data_dir), CALLVAULT_LOG_LEVEL="WARNING",
               PYTHONPATH=str(REPO))  # fmt: skip
    return subprocess.run([sys.executable, "-m", "callvault", "purge", *args], env=env,
                          cwd=vault.rt.settings.data_dir, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip


def test_cli_purge(vault: Vault) -> None:
    """Three runs of the real command (wall clock): plan as of a date, a refused date, the purge."""
    past = (datetime.now(UTC) - timedelta(days=91)).isoformat()
    gone, dropped = (vault.ingest(*p, started_at=past) for p in ([QA], [QA, CH]))
    young = vault.ingest(QA)
    as_of = (datetime.now(UTC) + timedelta(days=100)).isoformat()
    before = vault.state()
    plan = _cli(vault, "--dry-run", "--json", "--as-of", as_of)
    assert plan.returncode == 0, plan.stderr
    out = json.loads(plan.stdout)
    assert (out["as_of"], out["dry_run"], out["resumed"], out["storage_pending"]) == (as_of, True, 0, [])
    rows = {r["recording_id"]: (r["action"], r["expired"], r["remaining"]) for r in out["planned"]}
    assert rows == {gone: (DELETE, [QA], []), dropped: (DROP, [QA], [CH]), young: (DELETE, [QA], [])}
    assert vault.state() == before

    refused = _cli(vault, "--as-of", as_of)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.strip().splitlines() == [  # one line, no traceback
        "callvault: error: --as-of only with --dry-run (nothing is deleted ahead of its date)"]
    assert vault.state() == before

    done = _cli(vault)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "1 recordings were deleted, 1 lose expired purposes, 0 on legal hold skipped")
    assert vault.rows(gone)["recordings"] == 0 and vault.keys_of(gone) == []
    tomb = vault.tomb(gone)
    assert tomb is not None and tomb.deleted_by == "cli" and tomb.completed_at is not None
    assert [vault.rows(r)["recording_purposes"] for r in (dropped, young)] == [1, 1]


def test_celery_runs_the_purge_daily(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks._State, "settings", tasks._State.settings)
    monkeypatch.setattr(tasks._State, "runtime", vault.rt)
    app = tasks.create_celery(vault.rt.settings)
    entry = app.conf.beat_schedule[tasks.PURGE]
    assert entry["task"] == tasks.PURGE == "callvault.purge_expired"
    cron = entry["schedule"]
    assert (cron.minute, cron.hour, cron.day_of_week, cron.day_of_month) == (
        {30}, {3}, set(range(7)), set(range(1, 32)))
    assert tasks.PURGE in app.tasks
    rid = vault.ingest(QA)
    vault.rt.clock.advance(timedelta(days=91))
    assert app.tasks[tasks.PURGE]() == 1
    assert vault.rows(rid)["recordings"] == 0


def test_each_celery_app_runs_its_own_task_callables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tasks are closures over their app and settings; a second app built in the same process (the
    test suite, a CLI next to an embedded worker) must not be handed the first app's callables."""
    monkeypatch.setattr(tasks._State, "settings", tasks._State.settings)
    for retries in (1, 7):
        app = tasks.create_celery(make_settings(tmp_path, "sqlite://", task_max_retries=retries))
        assert app.tasks[tasks.PROCESS].max_retries == retries
