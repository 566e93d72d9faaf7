"""The hash-chained audit log: appends verify, every tampering is caught at the right event.

Tampering is done the way an attacker with database access alone would: raw SQL on the tables, on
SQLite and PostgreSQL. Without the audit key (derived from the master key) no edit, deletion,
insertion or reordering yields a chain that verifies; with it (the control case) one does.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select, text

from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.vault.audit import CHAIN_FIELDS, AuditEntry, chain_hash
from callvault.vault.audit_verify import Verification, verify
from models import GENESIS, AuditEvent, AuditHead
from tests.vault.helpers import MASTER_KEY, auth

N = 6
HASH_MISMATCH = "event altered (hash mismatch)"
GAP = "missing event (sequence gap)"
LINK = "previous-hash link broken"
HEAD = "newest events missing (head mismatch)"
WRONG_KEY = b"w" * 32
REPO = Path(__file__).resolve().parents[2]

Rows = dict[int, AuditEvent]
Tamper = Callable[[Connection, Rows, bytes], None]


def _entry(i: int, thread: int = 0) -> AuditEntry:
    return AuditEntry(
        action=("upload", "view", "play", "transcript")[i % 4],
        outcome="ok",
        actor_id=f"user-{thread}-{i}",
        actor_role="reviewer",
        tenant="acme",
        recording_id=f"rec-{thread}-{i}",
        purpose="quality_assurance",
        client="127.0.0.1",
        detail=f"t{thread} e{i}",
        request_id=f"req-{thread}-{i}",
    )


def _append(runtime: Runtime, n: int) -> None:
    for i in range(1, n + 1):
        with transaction(runtime.sessions) as s:
            runtime.audit.append(s, _entry(i))


def _rows(runtime: Runtime) -> Rows:
    with runtime.sessions() as s:
        return {e.seq: e for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))}


def _verify(runtime: Runtime, key: bytes | None = None) -> Verification:
    with runtime.sessions() as s:
        return verify(s, key or runtime.keyring.audit_key)


# --- tamperings, raw SQL only -----------------------------------------------------------------


def _set(column: str, value: str, seq: int = 3) -> Tamper:
    def tamper(conn: Connection, _rows: Rows, _key: bytes) -> None:
        n = conn.execute(text(f"UPDATE audit_events SET {column} = :v WHERE seq = :s"),
                         {"v": value, "s": seq}).rowcount  # fmt: skip
        assert n == 1

    return tamper


def _delete(seq: int) -> Tamper:
    def tamper(conn: Connection, _rows: Rows, _key: bytes) -> None:
        assert conn.execute(text("DELETE FROM audit_events WHERE seq = :s"), {"s": seq}).rowcount == 1

    return tamper


def _insert_by_renumbering(conn: Connection, rows: Rows, _key: bytes) -> None:
    """Shift events 3.. up by one and slip a forged event 3 in, linked to event 2, head moved on."""
    for seq in range(N, 2, -1):  # from the top, so no primary key collides on the way
        conn.execute(text("UPDATE audit_events SET seq = seq + 1 WHERE seq = :s"), {"s": seq})
    at = conn.execute(text("SELECT at FROM audit_events WHERE seq = 2")).scalar_one()
    conn.execute(
        text("INSERT INTO audit_events (seq, at, actor_id, actor_role, tenant, action, recording_id,"
             " purpose, variant, client, outcome, detail, request_id, prev_hash, hash) VALUES"
             " (3, :at, 'intruder', 'dpo', 'acme', 'play', 'rec-x', 'quality_assurance', 'original',"
             " '10.0.0.1', 'ok', NULL, NULL, :prev, :hash)"),
        {"at": at, "prev": rows[2].hash, "hash": hashlib.sha256(b"forged").hexdigest()},
    )  # fmt: skip
    conn.execute(text("UPDATE audit_head SET seq = :n WHERE id = 1"), {"n": N + 1})


SWAPPED_CONTENT = ("at", "actor_id", "action", "recording_id", "detail", "request_id")


def _swap(columns: tuple[str, ...]) -> Tamper:
    """Exchange the given columns of events 3 and 4 (via a placeholder: `hash` is unique)."""

    def tamper(conn: Connection, _rows: Rows, _key: bytes) -> None:
        cols = ", ".join(columns)
        select_row = text(f"SELECT {cols} FROM audit_events WHERE seq = :s")
        values = {seq: conn.execute(select_row, {"s": seq}).one() for seq in (3, 4)}
        if "hash" in columns:
            conn.execute(text("UPDATE audit_events SET hash = 'placeholder' WHERE seq = 3"))
        assignments = ", ".join(f"{c} = :{c}" for c in columns)
        for seq, other in ((4, 3), (3, 4)):
            params = dict(zip(columns, values[other], strict=True))
            conn.execute(text(f"UPDATE audit_events SET {assignments} WHERE seq = :s"),
                         {**params, "s": seq})  # fmt: skip

    return tamper


def _rehash(key_of: Callable[[bytes], bytes]) -> Tamper:
    """Edit event 3, then recompute every hash from it to the head (and the head) with a key."""

    def tamper(conn: Connection, rows: Rows, real_key: bytes) -> None:
        key = key_of(real_key)
        prev = rows[2].hash
        for seq in range(3, N + 1):
            values = [getattr(rows[seq], f) for f in CHAIN_FIELDS]
            if seq == 3:
                values[CHAIN_FIELDS.index("detail")] = "nothing to see"
                conn.execute(text("UPDATE audit_events SET detail = 'nothing to see' WHERE seq = 3"))
            digest = chain_hash(key, prev, values)
            conn.execute(text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :s"),
                         {"p": prev, "h": digest, "s": seq})  # fmt: skip
            prev = digest
        conn.execute(text("UPDATE audit_head SET hash = :h WHERE id = 1"), {"h": prev})

    return tamper


TAMPERINGS = [
    pytest.param(_set("detail", "count=0"), Verification(False, 2, 3, HASH_MISMATCH), id="edit-detail"),
    pytest.param(_set("outcome", "denied"), Verification(False, 2, 3, HASH_MISMATCH), id="edit-outcome"),
    pytest.param(_set("actor_id", "someone-else"), Verification(False, 2, 3, HASH_MISMATCH),
                 id="edit-actor"),
    pytest.param(_set("prev_hash", GENESIS), Verification(False, 2, 3, LINK), id="edit-prev-hash"),
    pytest.param(_delete(3), Verification(False, 2, 3, GAP), id="delete-event-3"),
    pytest.param(_delete(1), Verification(False, 0, 1, GAP), id="delete-first"),
    pytest.param(_delete(N), Verification(False, N - 1, N, HEAD), id="delete-newest"),
    pytest.param(_insert_by_renumbering, Verification(False, 2, 3, HASH_MISMATCH),
                 id="insert-forged-by-renumbering"),
    pytest.param(_swap(SWAPPED_CONTENT), Verification(False, 2, 3, HASH_MISMATCH),
                 id="swap-contents"),
    pytest.param(_swap((*SWAPPED_CONTENT, "prev_hash", "hash")), Verification(False, 2, 3, LINK),
                 id="swap-whole-events"),
    pytest.param(_rehash(lambda _real: WRONG_KEY), Verification(False, 2, 3, HASH_MISMATCH),
                 id="rehash-with-wrong-key"),
]  # fmt: skip


def test_append_then_verify(runtime: Runtime) -> None:
    assert _verify(runtime) == Verification(True, 0)
    _append(runtime, N)
    rows = _rows(runtime)
    assert list(rows) == list(range(1, N + 1))
    assert rows[1].prev_hash == GENESIS
    for seq in range(2, N + 1):
        assert rows[seq].prev_hash == rows[seq - 1].hash
    assert [rows[s].detail for s in rows] == [f"t0 e{i}" for i in range(1, N + 1)]
    with runtime.sessions() as s:
        head = s.get(AuditHead, 1)
        assert head is not None
        assert (head.seq, head.hash) == (N, rows[N].hash)
    assert _verify(runtime) == Verification(True, N)
    # The chain is keyed: the same rows under another key fail at the very first event.
    assert _verify(runtime, WRONG_KEY) == Verification(False, 0, 1, HASH_MISMATCH)


@pytest.mark.parametrize(("tamper", "expected"), TAMPERINGS)
def test_tampering_is_detected(runtime: Runtime, tamper: Tamper, expected: Verification) -> None:
    _append(runtime, N)
    assert _verify(runtime) == Verification(True, N)
    rows = _rows(runtime)
    with runtime.engine.begin() as conn:
        tamper(conn, rows, runtime.keyring.audit_key)
    assert _verify(runtime) == expected


def test_rehash_with_the_real_key_verifies(runtime: Runtime) -> None:
    """Control for the wrong-key case: the forging code itself produces a consistent chain."""
    _append(runtime, N)
    rows = _rows(runtime)
    with runtime.engine.begin() as conn:
        _rehash(lambda real: real)(conn, rows, runtime.keyring.audit_key)
    assert _rows(runtime)[3].detail == "nothing to see"
    assert _verify(runtime) == Verification(True, N)


def _cli(args: list[str], runtime: Runtime, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLVAULT_")}
    env.update(
        CALLVAULT_DATABASE_URL=runtime.settings.db_url,
        CALLVAULT_MASTER_KEY=MASTER_KEY,
        CALLVAULT_DATA_DIR=str(runtime.settings.data_dir),
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return subprocess.run([sys.executable, "-m", "callvault", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_cli_audit_verify(runtime: Runtime, tmp_path: Path) -> None:
    _append(runtime, 5)
    ok = _cli(["audit", "verify"], runtime, tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip().splitlines()[-1] == "audit chain intact: 5 events"

    other_key = base64.b64encode(b"o" * 32).decode()
    wrong = _cli(["audit", "verify"], runtime, tmp_path, CALLVAULT_MASTER_KEY=other_key)
    assert wrong.returncode == 1
    assert "audit chain broken at event 1: event altered (hash mismatch)" in wrong.stderr

    with runtime.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET detail = 'edited' WHERE seq = 4"))
    bad = _cli(["audit", "verify"], runtime, tmp_path)
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.strip().splitlines() == [
        "callvault: error: audit chain broken at event 4: event altered (hash mismatch) "
        "(3 events verified before it)"
    ]
    assert "Traceback" not in bad.stderr


def test_concurrent_appends_make_one_gap_free_chain(runtime: Runtime) -> None:
    threads, per_thread = 8, 25
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(per_thread):
                with transaction(runtime.sessions) as s:
                    runtime.audit.append(s, _entry(i, thread=t))
        except BaseException as exc:  # reported below, with the thread's failure
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert not any(w.is_alive() for w in workers)
    assert errors == []
    rows = _rows(runtime)
    total = threads * per_thread
    assert list(rows) == list(range(1, total + 1))
    assert sorted(r.detail or "" for r in rows.values()) == sorted(
        f"t{t} e{i}" for t in range(threads) for i in range(per_thread)
    )
    # Each thread's own events are in its order (each append committed before the next began).
    for t in range(threads):
        mine = [r.detail for r in rows.values() if r.actor_id and r.actor_id.startswith(f"user-{t}-")]
        assert mine == [f"t{t} e{i}" for i in range(per_thread)]
    assert _verify(runtime) == Verification(True, total)


def test_api_verify_reports_tampering(client: Any, keys: dict[str, str], runtime: Runtime) -> None:
    headers = auth(keys["auditor"])
    first = client.get("/audit/verify", headers=headers)
    assert first.status_code == 200
    assert first.json() == {"ok": True, "checked": 0, "first_bad_seq": None, "reason": None}
    second = client.get("/audit/verify", headers=headers)  # the first check is event 1 now
    assert second.json() == {"ok": True, "checked": 1, "first_bad_seq": None, "reason": None}

    with runtime.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET outcome = 'denied' WHERE seq = 1"))
    broken = client.get("/audit/verify", headers=headers)
    assert broken.status_code == 200
    assert broken.json() == {"ok": False, "checked": 0, "first_bad_seq": 1, "reason": HASH_MISMATCH}

    rows = _rows(runtime)
    assert list(rows) == [1, 2, 3]
    assert (rows[3].action, rows[3].outcome, rows[3].detail) == ("audit.verify", "broken", HASH_MISMATCH)
    assert rows[3].actor_role == "auditor"
