"""Direct calls into the vault for bench_api_stream.py, no HTTP: the audit chain after the runs,
the cost of each step of a ranged read without the framework, and the database version.
"""

from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

from stream_setup import MASTER_KEY, RANGE_LEN, make_settings


def count_events(db_url: str) -> tuple[int, Any]:
    from sqlalchemy import func, select

    from callvault.crypto import Keyring
    from callvault.db import make_engine, session_factory
    from callvault.vault.audit_verify import verify
    from models import AuditEvent

    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            n = session.scalar(select(func.count()).select_from(AuditEvent))
            t0 = time.perf_counter()
            result = verify(session, Keyring(base64.b64decode(MASTER_KEY)).audit_key)
            verify_s = time.perf_counter() - t0
            session.rollback()
        return int(n or 0), {**result.__dict__, "time_s": round(verify_s, 3)}
    finally:
        engine.dispose()


def stage_costs(data_dir: Path, db_url: str, info: dict[str, Any], n: int = 300) -> dict[str, float]:
    """Median ms of each step of a vault ranged read, called directly (no HTTP, no threads): what
    the route does besides the framework. Appends n audit events (after the counts above)."""
    from callvault.runtime import build_runtime
    from callvault.vault import access
    from callvault.vault.audit import AuditEntry
    from callvault.vault.content import load_target
    from callvault.vault.identity import principal_for_key
    from callvault.vault.policy import Variant
    from models import ArtefactKind

    runtime = build_runtime(make_settings(data_dir, db_url), migrate=False)
    steps: dict[str, list[float]] = {
        "session + BEGIN + API key lookup": [],
        "load recording, purposes, artefact (load_target)": [],
        "access checks": [],
        "audit append (head, insert, update)": [],
        "commit": [],
        "decrypt 64 KiB range (2 chunks)": [],
    }
    try:
        for i in range(n):
            marks = [time.perf_counter()]
            with runtime.sessions() as session:
                principal = principal_for_key(session, info["reviewer_key"])
                marks.append(time.perf_counter())
                target = load_target(session, info["recording_id"], ArtefactKind.REDACTED_AUDIO)
                marks.append(time.perf_counter())
                rec = access.check_recording(principal, runtime.policy, target)
                purpose = access.content_purpose(principal, runtime.policy, rec, Variant.REDACTED, None)
                art = rec.artefact
                assert art is not None
                marks.append(time.perf_counter())
                entry = AuditEntry(
                    action="play", outcome="ok", actor_id=principal.id,
                    actor_role=str(principal.role), tenant=rec.tenant,
                    recording_id=rec.id, purpose=purpose, variant=Variant.REDACTED,
                    client="127.0.0.1", detail="bytes=1000-66535", request_id=f"stage{i}",
                )  # fmt: skip
                runtime.audit.append(session, entry)
                marks.append(time.perf_counter())
                session.commit()
                marks.append(time.perf_counter())
            body = b"".join(runtime.artefacts.iter_range(art, 1000, 1000 + RANGE_LEN - 1))
            marks.append(time.perf_counter())
            assert len(body) == RANGE_LEN
            for values, a, b in zip(steps.values(), marks, marks[1:], strict=False):
                values.append((b - a) * 1000)
    finally:
        runtime.close()
    skip = n // 10  # warm-up
    out = {name: round(sorted(v[skip:])[len(v[skip:]) // 2], 3) for name, v in steps.items()}
    out["total"] = round(sum(out.values()), 3)
    return out


def db_version(db_url: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                return "SQLite " + str(conn.execute(text("SELECT sqlite_version()")).scalar())
            return "PostgreSQL " + str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        engine.dispose()
