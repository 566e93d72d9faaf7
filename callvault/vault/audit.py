"""Append to and verify the hash-chained audit log.

Each event's HMAC covers its own fields and the previous event's hash, keyed by a sub-key of the
master key: someone with write access to the database alone can neither edit an event nor forge a
consistent chain after deleting one. Events carry ids, roles, actions and outcomes, never a value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models import GENESIS, AuditEvent, AuditHead, utcnow

CHAIN_FIELDS = (
    "seq", "at", "actor_id", "actor_role", "tenant", "action", "recording_id", "purpose",
    "variant", "client", "outcome", "detail", "request_id",
)  # fmt: skip


def _canonical(values: Sequence[Any]) -> bytes:
    return json.dumps(
        [v.isoformat() if isinstance(v, datetime) else v for v in values], separators=(",", ":")
    ).encode()


def chain_hash(key: bytes, prev_hash: str, values: Sequence[Any]) -> str:
    return hmac.new(key, prev_hash.encode() + b"\n" + _canonical(values), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    """What happened, without the chain bookkeeping; built by the API and tasks."""

    action: str
    outcome: str
    actor_id: str | None
    actor_role: str
    tenant: str | None = None
    recording_id: str | None = None
    purpose: str | None = None
    variant: str | None = None
    client: str | None = None
    detail: str | None = None
    request_id: str | None = None


class AuditLog:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def append(self, session: Session, entry: AuditEntry, at: datetime | None = None) -> AuditEvent:
        """Add one event at the head of the chain (locks the head row until the caller commits)."""
        head = session.scalars(select(AuditHead).where(AuditHead.id == 1).with_for_update()).first()
        if head is None:
            head = AuditHead(id=1, seq=0, hash=GENESIS)
            session.add(head)
        fields = {**entry.__dict__, "seq": head.seq + 1, "at": at or utcnow()}
        digest = chain_hash(self.key, head.hash, [fields[f] for f in CHAIN_FIELDS])
        event = AuditEvent(**fields, prev_hash=head.hash, hash=digest)
        session.add(event)
        head.seq, head.hash = event.seq, digest
        session.flush()
        return event


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str | None = None


def verify_rows(key: bytes, rows: Iterable[Sequence[Any]], head: tuple[int, str] | None) -> Verification:
    """Check rows (CHAIN_FIELDS + prev_hash + hash, ordered by seq) against each other and the head."""
    prev, expected_seq, checked = GENESIS, 1, 0
    for row in rows:
        seq = row[0]
        if seq != expected_seq:
            return Verification(False, checked, expected_seq, "missing event (sequence gap)")
        if row[-2] != prev:
            return Verification(False, checked, seq, "previous-hash link broken")
        if not hmac.compare_digest(chain_hash(key, prev, row[:-2]), row[-1]):
            return Verification(False, checked, seq, "event altered (hash mismatch)")
        prev, expected_seq, checked = row[-1], seq + 1, checked + 1
    head_seq, head_hash = head if head is not None else (0, GENESIS)
    if head_seq != checked or head_hash != prev:
        return Verification(False, checked, checked + 1, "newest events missing (head mismatch)")
    return Verification(True, checked)


def verify(session: Session, key: bytes, batch: int = 20000) -> Verification:
    """Verify the chain up to the head as it is now; events appended meanwhile wait for next time."""
    head_row = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    head = (int(head_row[0]), str(head_row[1])) if head_row is not None else None
    columns = [getattr(AuditEvent, f) for f in CHAIN_FIELDS]
    stmt: Select[Any] = select(*columns, AuditEvent.prev_hash, AuditEvent.hash).order_by(AuditEvent.seq)
    if head is not None:
        stmt = stmt.where(AuditEvent.seq <= head[0])
    rows = session.execute(stmt.execution_options(yield_per=batch))
    return verify_rows(key, (tuple(r) for r in rows), head)
