"""Verify the audit chain: every event's HMAC, every link, and the head.

A million events must verify in seconds, so the hot loop avoids per-event allocations: the database
builds each event's canonical text where it can, and the HMAC runs from pre-keyed hash states.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import json.encoder
import queue
import threading
import uuid
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from callvault.vault.audit import CHAIN_FIELDS, chain_hash, encode_parts
from models import GENESIS, AuditEvent, AuditHead


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str | None = None


def _hmac_pads(key: bytes) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """Copiers of SHA-256 states primed with key XOR ipad and key XOR opad (RFC 2104), so that
    HMAC(m) = outer().update(inner().update(m).digest()) without hmac.new's per-call set-up (looking
    the digest up in OpenSSL, wrapping objects), which costs more than hashing an event."""
    block = hashlib.sha256().block_size
    padded = (hashlib.sha256(key).digest() if len(key) > block else key).ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))
    probe_in = inner.copy()
    probe_in.update(b"probe")
    probe = outer.copy()
    probe.update(probe_in.digest())
    if probe.hexdigest() != hmac.new(key, b"probe", hashlib.sha256).hexdigest():  # pragma: no cover
        raise RuntimeError("HMAC-SHA256 pads disagree with hmac")
    return inner.copy, outer.copy


def verify_rows(key: bytes, rows: Iterable[Sequence[Any]], head: tuple[int, str] | None) -> Verification:
    """Check rows (CHAIN_FIELDS + prev_hash + hash, ordered by seq) against each other and the head."""
    prev, expected_seq, checked = GENESIS, 1, 0
    inner, outer = _hmac_pads(key)
    parts, join, same = encode_parts, "".join, hmac.compare_digest
    for row in rows:
        seq = row[0]
        if seq != expected_seq:
            return Verification(False, checked, expected_seq, "missing event (sequence gap)")
        if row[-2] != prev:
            return Verification(False, checked, seq, "previous-hash link broken")
        values = row[:-2]
        if not isinstance(values, list | tuple):
            values = list(values)
        h = inner()  # == chain_hash(key, prev, values), inlined
        h.update((prev + "\n" + join(parts(values, 0))).encode())
        mac = outer()
        mac.update(h.digest())
        if not same(mac.hexdigest(), row[-1]):
            return Verification(False, checked, seq, "event altered (hash mismatch)")
        prev, expected_seq, checked = row[-1], seq + 1, checked + 1
    return _head_check(checked, prev, head)


def _head_check(checked: int, prev: str, head: tuple[int, str] | None) -> Verification:
    head_seq, head_hash = head if head is not None else (0, GENESIS)
    if head_seq != checked or head_hash != prev:
        return Verification(False, checked, checked + 1, "newest events missing (head mismatch)")
    return Verification(True, checked)


# The canonical text of each event, built by the database itself, as a guess (the Python side
# reads four columns per event instead of fifteen, and encodes nothing):
# * SQLite: json_array(), whose output equals json.dumps's for ASCII text without DEL; `at` as
#   UTCDateTime stores it there ('YYYY-MM-DD HH:MM:SS.ffffff' text, UTC) sliced into isoformat().
# * PostgreSQL: strings quoted with only backslash and double quote escaped (to_json costs half as
#   much again); a control character is left raw, and json.dumps never leaves one raw. `at` formatted
#   in UTC; an era other than AD stays in the text ("BC"), as no isoformat() can contain it.
# A guess that differs from the exact canonical form (non-ASCII is re-encoded in Python first; DEL,
# control characters, another time layout) fails its HMAC and is checked again the exact way. A
# guess that verifies equals the canonical form of the event as appended, and decodes to the row's
# values (each encoding above is faithful wherever its output can equal json.dumps's), so the
# verdict is always the one the exact way would give.
_SQLITE_AT = (
    "CASE WHEN typeof(at) = 'text' AND length(at) = 26 AND substr(at, 11, 1) = ' '"
    " AND substr(at, 20, 1) = '.' THEN substr(at, 1, 10) || 'T' || CASE WHEN substr(at, 20) ="
    " '.000000' THEN substr(at, 12, 8) ELSE substr(at, 12) END || '+00:00' END"
)
_PG_AT = (  # '.000000' can only be the fraction; isoformat() leaves a zero fraction out
    "'\"' || replace(replace(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.USBC'),"
    " '.000000', ''), 'AD', '') || '+00:00\"'"
)


def _pg_json(field: str) -> str:
    if field == "seq":
        return "seq::text"
    if field == "at":
        return _PG_AT
    escaped = f"replace(replace({field}, chr(92), chr(92) || chr(92)), '\"', chr(92) || '\"')"
    return f"coalesce('\"' || {escaped} || '\"', 'null')"  # chr(92): a backslash


def _canonical_sql(session: Session) -> str | None:
    """SQL for the canonical text of each event on this database, or None where it has none (or
    where `_event_texts` does not know the driver)."""
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql" and dialect.driver in ("psycopg", "psycopg2"):
        return (
            "coalesce('[' || " + " || ',' || ".join(_pg_json(f) for f in CHAIN_FIELDS) + " || ']', '')"
        )
    if dialect.name == "sqlite" and dialect.driver == "pysqlite":
        try:  # JSON functions are built in from SQLite 3.38, optional before
            session.connection().exec_driver_sql("SELECT json_array(1)").close()
        except DBAPIError:  # pragma: no cover - an old SQLite without JSON1
            return None
        return "json_array(" + ", ".join(_SQLITE_AT if f == "at" else f for f in CHAIN_FIELDS) + ")"
    return None  # pragma: no cover - SQLite and PostgreSQL (psycopg) are what the vault runs on


def _check_texts(
    key: bytes, rows: Iterable[Sequence[Any]], head: tuple[int, str] | None,
    exact: Callable[[int], Sequence[Any]],
) -> Verification:  # fmt: skip
    """`verify_rows` over (seq, canonical text from the database, prev_hash, hash) rows; a text that
    fails its HMAC is re-checked against the event's values read the exact way (`exact(seq)`)."""
    prev, expected_seq, checked = GENESIS, 1, 0
    inner, outer = _hmac_pads(key)
    same = hmac.compare_digest
    for seq, canon, prev_hash, digest in rows:
        if seq != expected_seq:
            return Verification(False, checked, expected_seq, "missing event (sequence gap)")
        if prev_hash != prev:
            return Verification(False, checked, seq, "previous-hash link broken")
        if not canon.isascii():  # json.dumps escapes what the databases leave as it is
            try:
                canon = "".join(encode_parts(json.loads(canon), 0))
            except ValueError:  # a raw control character (PostgreSQL): not json.dumps's form
                canon = ""
        h = inner()
        h.update((prev + "\n" + canon).encode())
        mac = outer()
        mac.update(h.digest())
        if not same(mac.hexdigest(), digest) and not same(chain_hash(key, prev, exact(seq)), digest):
            return Verification(False, checked, seq, "event altered (hash mismatch)")
        prev, expected_seq, checked = digest, seq + 1, checked + 1
    return _head_check(checked, prev, head)


def verify(session: Session, key: bytes, batch: int = 20000) -> Verification:
    """Verify the chain up to the head as it is now; events appended meanwhile wait for next time.

    Each event's canonical text is built by the database where it can (see `_canonical_sql`): reading
    fifteen typed columns per event and encoding them in Python is most of the cost of verifying a
    long chain."""
    head_row = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    head = (int(head_row[0]), str(head_row[1])) if head_row is not None else None
    columns = [getattr(AuditEvent, f) for f in CHAIN_FIELDS]
    canonical = _canonical_sql(session)
    if canonical is None:  # pragma: no cover - see _canonical_sql
        stmt: Select[Any] = select(*columns, AuditEvent.prev_hash, AuditEvent.hash)
        stmt = stmt.order_by(AuditEvent.seq)
        if head is not None:
            stmt = stmt.where(AuditEvent.seq <= head[0])
        result = session.execute(stmt.execution_options(yield_per=batch))
        return verify_rows(key, chain.from_iterable(result.partitions(batch)), head)

    def exact(seq: int) -> Sequence[Any]:
        return tuple(session.execute(select(*columns).where(AuditEvent.seq == seq)).one())

    with closing(_event_texts(session, canonical, head, batch)) as rows:
        return _check_texts(key, rows, head, exact)


def _event_texts(
    session: Session, canonical: str, head: tuple[int, str] | None, batch: int
) -> Generator[Sequence[Any], None, None]:
    """(seq, canonical text, prev_hash, hash) of each event up to the head, in order, straight from
    the driver in the session's transaction: SQLAlchemy's result rows would cost a third of the
    whole check. PostgreSQL streams them through a server-side cursor, read ahead by a thread."""
    sql = f"SELECT seq, {canonical}, prev_hash, hash FROM audit_events"  # noqa: S608 - constants
    if head is not None:
        sql += f" WHERE seq <= {int(head[0])}"
    sql += " ORDER BY seq"
    driver: Any = session.connection().connection.dbapi_connection
    server = session.get_bind().dialect.name == "postgresql"
    cursor = driver.cursor(name=f"audit_verify_{uuid.uuid4().hex}") if server else driver.cursor()
    try:
        cursor.execute(sql)
        if server:
            yield from _read_ahead(cursor, batch // 4)
        else:  # SQLite works while holding the GIL: a reader thread would only compete
            while rows := cursor.fetchmany(batch):
                yield from rows
    finally:
        cursor.close()


def _read_ahead(cursor: Any, batch: int) -> Generator[Sequence[Any], None, None]:
    """The cursor's rows, fetched a batch ahead by a thread: the server builds the next batch while
    this thread hashes the last one (the driver waits for it without holding the GIL), which takes a
    quarter off the time. The connection stays usable meanwhile (psycopg serialises its users), so a
    row can be re-read the exact way."""
    batches: queue.Queue[list[Any] | BaseException] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def fetch() -> None:
        try:
            while not stop.is_set():
                rows = cursor.fetchmany(batch)
                batches.put(rows)
                if not rows:
                    return
        except BaseException as exc:  # handed to the reading thread
            batches.put(exc)

    reader = threading.Thread(target=fetch, name="audit-verify-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item = batches.get()
            if isinstance(item, BaseException):
                raise item
            if not item:
                return
            yield from item
    finally:
        stop.set()
        while reader.is_alive():  # unblock a put() on a full queue, then let it see `stop`
            with suppress(queue.Empty):
                batches.get(timeout=0.05)
        reader.join()
