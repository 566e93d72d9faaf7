"""Audit-chain verification at scale: `callvault.vault.audit.verify` over N events (default 1M).

Builds a fresh database (a SQLite file in a temporary directory, or a database of its own on a
PostgreSQL server with `--database-url`), runs the migrations, inserts N events forming a valid
chain (hashes computed with `chain_hash`, rows inserted with SQLAlchemy Core executemany in
batches; that insertion is timed separately and is not part of the aim), points `audit_head` at
the last one, then times `verify(session, key)` `--repeat` times. Finally it alters one event near
the end of the chain and checks that `verify` catches it, timing that run too.

    .venv/bin/python benchmarks/bench_audit_verify.py
    .venv/bin/python benchmarks/bench_audit_verify.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

With a PostgreSQL URL, the database named in it is only used to connect: the benchmark creates
`callvault_bench_<random>` on the same server and drops it at the end, whatever happens.
Aim: verifying 1,000,000 events takes at most 5 s.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import database, merge_result  # noqa: E402 (benchmarks/common.py, beside this script)
from sqlalchemy import Engine, text, update  # noqa: E402

from callvault.crypto import Keyring  # noqa: E402
from callvault.db import make_engine, session_factory, upgrade  # noqa: E402
from callvault.vault.audit import CHAIN_FIELDS, chain_hash  # noqa: E402
from callvault.vault.audit_verify import verify  # noqa: E402
from models import GENESIS, AuditEvent, AuditHead, Base  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
MASTER = b"b" * 32
AIM_S = 5.0

ACTIONS = ("play", "play", "play", "download", "transcript", "recording.read", "audit.list")
ROLES = ("reviewer", "reviewer", "dpo", "auditor", "ingest")


def event_values(seq: int, start: datetime) -> dict[str, Any]:
    """A plausible event: mostly plays of a few hundred recordings by a few dozen users."""
    actor = seq % 37
    rec = seq % 503
    action = ACTIONS[seq % len(ACTIONS)]
    offset = (seq * 65536) % 4_000_000
    return {
        "seq": seq,
        # 1 ms apart plus a varying microsecond part, so isoformat always has microseconds
        # except where they happen to be 0 (kept: the canonical form must cope with both)
        "at": start + timedelta(microseconds=seq * 1000 + seq % 997),
        "actor_id": f"00000000-0000-4000-8000-{actor:012d}",
        "actor_role": ROLES[actor % len(ROLES)],
        "tenant": "acme" if rec % 5 else "globex",
        "action": action,
        "recording_id": f"10000000-0000-4000-8000-{rec:012d}",
        "purpose": "quality_assurance" if seq % 3 else None,
        "variant": "redacted" if action in ("play", "download", "transcript") else None,
        "client": "127.0.0.1",
        "outcome": "ok" if seq % 50 else "denied",
        "detail": f"bytes={offset}-{offset + 65535}" if action == "play" else None,
        "request_id": f"{seq:016x}",
    }


def reference_hash(key: bytes, prev_hash: str, values: list[Any]) -> str:
    """The chain hash as first defined (json.dumps + hmac.new), independent of audit.py's faster
    code: a sample of the inserted hashes is checked against it, so a change to the canonical form
    cannot go unnoticed here."""
    canonical = json.dumps(
        [v.isoformat() if isinstance(v, datetime) else v for v in values], separators=(",", ":")
    ).encode()
    return hmac.new(key, prev_hash.encode() + b"\n" + canonical, hashlib.sha256).hexdigest()


def insert_chain(engine: Engine, key: bytes, n: int, batch: int) -> dict[str, float | str]:
    """N chained events via Core executemany; returns timings and the head hash."""
    table = Base.metadata.tables["audit_events"]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prev = GENESIS
    hash_s = insert_s = 0.0
    t_all = time.perf_counter()
    for lo in range(1, n + 1, batch):
        t0 = time.perf_counter()
        rows = []
        for seq in range(lo, min(lo + batch, n + 1)):
            values = event_values(seq, start)
            fields = [values[f] for f in CHAIN_FIELDS]
            digest = chain_hash(key, prev, fields)
            if seq % 997 == 1:
                assert digest == reference_hash(key, prev, fields), f"canonical form changed ({seq})"
            values["prev_hash"], values["hash"] = prev, digest
            rows.append(values)
            prev = digest
        t1 = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(table.insert(), rows)
        t2 = time.perf_counter()
        hash_s += t1 - t0
        insert_s += t2 - t1
    with engine.begin() as conn:
        conn.execute(
            update(Base.metadata.tables["audit_head"]).where(AuditHead.id == 1).values(seq=n, hash=prev)
        )
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE audit_events"))
    return {
        "total_s": round(time.perf_counter() - t_all, 2),
        "hash_s": round(hash_s, 2),
        "insert_s": round(insert_s, 2),
        "head_hash": prev,
    }


def timed_verify(engine: Engine, key: bytes) -> tuple[float, Any]:
    sessions = session_factory(engine)
    with sessions() as session:
        t0 = time.perf_counter()
        result = verify(session, key)
        elapsed = time.perf_counter() - t0
        session.rollback()
    return elapsed, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-n", "--events", type=int, default=1_000_000)
    ap.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL server URL (a database of our own is created on it)",
    )
    ap.add_argument("--batch", type=int, default=10_000, help="rows per executemany")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--out",
        type=Path,
        default=RESULTS / "audit_verify.json",
        help="JSON file; this run replaces the entry for its database kind",
    )
    args = ap.parse_args()

    key = Keyring(MASTER).audit_key
    n = args.events
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp, \
            database(args.database_url, Path(tmp), "audit.db") as (url, kind):  # fmt: skip
        engine = make_engine(url)
        upgrade(engine)
        print(f"{kind}: inserting {n:,} chained events in batches of {args.batch:,} ...", flush=True)
        insert = insert_chain(engine, key, n, args.batch)
        print(f"  hashing {insert['hash_s']} s, inserting {insert['insert_s']} s, "
              f"total {insert['total_s']} s", flush=True)  # fmt: skip
        db_bytes = None
        if kind == "sqlite":
            db_bytes = Path(url.split("///", 1)[1]).stat().st_size

        runs = []
        for i in range(args.repeat):
            elapsed, result = timed_verify(engine, key)
            assert result.ok, result
            assert result.checked == n, result
            runs.append(round(elapsed, 3))
            print(f"  verify run {i + 1}: {elapsed:.3f} s  ({n / elapsed:,.0f} events/s)", flush=True)
        best = min(runs)

        # Alter one event near the end (as a database writer without the key could) and re-verify.
        victim = max(n - 10, 1)
        with engine.begin() as conn:
            conn.execute(update(Base.metadata.tables["audit_events"]).where(AuditEvent.seq == victim)
                         .values(outcome="denied" if victim % 50 else "ok"))  # fmt: skip
        t_elapsed, tampered = timed_verify(engine, key)
        assert not tampered.ok and tampered.first_bad_seq == victim, tampered
        print(f"  tampered seq {victim}: caught in {t_elapsed:.3f} s "
              f"(first_bad_seq={tampered.first_bad_seq}, {tampered.reason})", flush=True)  # fmt: skip
        server = None
        with engine.connect() as conn:
            if kind == "postgresql":
                server = conn.execute(text("SHOW server_version")).scalar()
            else:
                server = conn.execute(text("SELECT sqlite_version()")).scalar()
        engine.dispose()

    out = {
        "benchmark": "audit_verify",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": kind,
        "database_version": server,
        "events": n,
        "insert": {k: v for k, v in insert.items() if k != "head_hash"},
        "insert_batch": args.batch,
        "sqlite_file_bytes": db_bytes,
        "verify_runs_s": runs,
        "verify_best_s": best,
        "verify_events_per_s": round(n / best),
        "aim_s": AIM_S,
        "aim_met": best <= AIM_S * n / 1_000_000,
        "tamper": {
            "seq": victim,
            "caught": not tampered.ok,
            "first_bad_seq": tampered.first_bad_seq,
            "reason": tampered.reason,
            "time_s": round(t_elapsed, 3),
        },
        "machine": {
            "cores": os.cpu_count(),
            "loadavg_at_start": load_at_start,
            "python": platform.python_version(),
            "sqlalchemy": version("sqlalchemy"),
            "driver": engine.dialect.driver,
            "platform": platform.platform(),
        },
    }
    path: Path = args.out
    merge_result(path, kind, out)
    print(f"best {best:.3f} s for {n:,} events (aim <= {AIM_S} s per 1M): "
          f"{'met' if out['aim_met'] else 'NOT met'}; wrote {path}")  # fmt: skip


if __name__ == "__main__":
    main()
