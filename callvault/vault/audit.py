"""Append to the hash-chained audit log (verification: `audit_verify`).

Each event's HMAC covers its own fields and the previous event's hash, keyed by a sub-key of the
master key: someone with write access to the database alone can neither edit an event nor forge a
consistent chain after deleting one. Events carry ids, roles, actions and outcomes, never a value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import json.encoder
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from callvault.clock import Clock
from models import GENESIS, AuditEvent, AuditHead

CHAIN_FIELDS = (
    "seq", "at", "actor_id", "actor_role", "tenant", "action", "recording_id", "purpose",
    "variant", "client", "outcome", "detail", "request_id",
)  # fmt: skip


def _canonical_reference(values: Sequence[Any]) -> bytes:
    """The definition of what is hashed; `_canonical` computes the same bytes faster."""
    return json.dumps(
        [v.isoformat() if isinstance(v, datetime) else v for v in values], separators=(",", ":")
    ).encode()


def _isoformat(value: object) -> str:
    """JSON `default` hook: a datetime is hashed as its isoformat string; nothing else is allowed."""
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_PROBES: tuple[Sequence[Any], ...] = (
    [1, datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC), 'a"b\\c\n\x00\x7f', None, "é€😀", ""],
    (2**63, datetime(2026, 1, 2, tzinfo=UTC), "plain", None),
    [],
)


Encoder = Callable[[Sequence[Any], int], Iterable[str]]


def _make_encoder() -> Encoder:
    """The pieces of `json.dumps(values, separators=(",", ":"))` (datetimes as isoformat) without
    its per-call set-up: the C encoder json.dumps itself uses, built once. Checked against
    `_canonical_reference` at import and replaced by plain `json.dumps` if it differs or is missing."""

    def portable(values: Sequence[Any], _level: int = 0) -> list[str]:
        return [json.dumps(values, default=_isoformat, separators=(",", ":"))]

    make = getattr(json.encoder, "c_make_encoder", None)
    quote = getattr(json.encoder, "c_encode_basestring_ascii", None)
    if make is None or quote is None:  # pragma: no cover - CPython always has _json
        return portable
    try:
        encoder: Encoder = make(None, _isoformat, quote, None, ":", ",", False, False, True)
        same = all("".join(encoder(p, 0)).encode() == _canonical_reference(p) for p in _PROBES)
    except Exception:  # pragma: no cover - a future encoder signature
        return portable
    return encoder if same else portable  # pragma: no branch


encode_parts = _make_encoder()


def _canonical(values: Sequence[Any]) -> bytes:
    """Compact JSON (ASCII only) of the values, datetimes as isoformat: what each event's HMAC covers.
    Must never change: every stored hash was computed over it (see `_canonical_reference`)."""
    if not isinstance(values, list | tuple):
        values = list(values)
    return "".join(encode_parts(values, 0)).encode()


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
    """Appends with three prepared Core statements on the session's connection.

    Every request appends one event, so this sits on the path of each ranged read of a recording:
    statements are built once (no per-call construction or cache-key work), and run on the
    connection of the caller's transaction, which still owns the commit.
    """

    def __init__(self, key: bytes, clock: Clock | None = None) -> None:
        self.key = key
        self.clock = clock or Clock()
        events, head = cast(Table, AuditEvent.__table__), cast(Table, AuditHead.__table__)
        self._head = select(head.c.seq, head.c.hash).where(head.c.id == 1).with_for_update()
        self._insert = insert(events)
        self._start = insert(head)
        advance: dict[str, Any] = {"seq": bindparam("new_seq"), "hash": bindparam("new_hash")}
        self._advance = update(head).where(head.c.id == 1).values(advance)

    def append(self, session: Session, entry: AuditEntry, at: datetime | None = None) -> int:
        """Add one event at the head of the chain (locks the head row until the caller commits);
        returns its sequence number."""
        conn = session.connection()
        head = conn.execute(self._head).first()
        prev_seq, prev_hash = (head[0], head[1]) if head is not None else (0, GENESIS)
        fields = {**entry.__dict__, "seq": prev_seq + 1, "at": at or self.clock.now()}
        digest = chain_hash(self.key, prev_hash, [fields[f] for f in CHAIN_FIELDS])
        conn.execute(self._insert, {**fields, "prev_hash": prev_hash, "hash": digest})
        if head is None:
            conn.execute(self._start, {"id": 1, "seq": fields["seq"], "hash": digest})
        else:
            conn.execute(self._advance, {"new_seq": fields["seq"], "new_hash": digest})
        return int(fields["seq"])
