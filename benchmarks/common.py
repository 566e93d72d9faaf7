"""Shared by the benchmarks: a throw-away database of the kind asked for."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def database(url: str | None, tmp: Path, filename: str = "bench.db") -> Iterator[tuple[str, str]]:
    """(url, kind) of an empty database that is ours alone; a PostgreSQL one is dropped afterwards."""
    if url is None or url.startswith("sqlite"):
        yield (url or f"sqlite:///{tmp / filename}"), "sqlite"
        return
    name = f"callvault_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False), "postgresql"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def merge_result(path: Path, kind: str, result: dict[str, object]) -> None:
    """Results of each database kind side by side in one JSON file; a rerun replaces its kind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    merged = json.loads(path.read_text()) if path.exists() else {}
    merged[kind] = result
    path.write_text(json.dumps(merged, indent=2) + "\n")
