"""Engines, sessions and migrations for SQLite (embedded) and PostgreSQL (scale-out).

SQLite gets WAL, a busy timeout (the driver's `timeout`) and foreign keys on every connection: the
API threads and the in-process worker write to the same file, and cascading deletes must cascade.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "models" / "migrations"

SessionFactory = sessionmaker[Session]


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        _serialise_writers(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below start every transaction


def _serialise_writers(engine: Engine) -> None:
    """Every SQLite transaction takes the write lock at BEGIN (IMMEDIATE): nearly every vault
    transaction appends an audit event, and a deferred reader upgrading to a writer after another
    commit fails instead of waiting. Threads of this process queue on a Python lock first, held
    until the connection returns to the pool: SQLite's own busy handler sleeps in steps of up to
    100 ms, which under concurrent requests costs far more than the transactions themselves.
    Other processes (CLI, a second server) still meet SQLite's busy timeout."""
    lock = threading.Lock()

    def begin(conn: Any) -> None:
        if not lock.acquire(timeout=LOCK_TIMEOUT_S):
            raise TimeoutError("database busy: no write slot within the timeout")
        conn.info[_HELD] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(conn.info)
            raise

    def _release(info: dict[str, Any]) -> None:
        if info.pop(_HELD, False):
            lock.release()

    def checkin(_dbapi: Any, record: Any) -> None:
        if record is not None:
            _release(record.info)

    event.listen(engine, "begin", begin)
    event.listen(engine.pool, "checkin", checkin)
    event.listen(engine.pool, "invalidate", lambda dbapi, record, _exc: checkin(dbapi, record))


_HELD = "callvault_write_lock"
LOCK_TIMEOUT_S = 30


def session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: SessionFactory) -> Iterator[Session]:
    """A unit of work for tasks and CLI commands: commit on success, roll back on any error."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent; safe at every start)."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
