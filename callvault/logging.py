"""structlog set-up: key-value or JSON lines on stderr, with a correlation id bound per job.

Callers log ids, counts, types and timings only. Transcript text, file contents and personal values
never go to a log line: logs are shipped to places that have no access control on recordings.
"""

from __future__ import annotations

import logging
import sys
import uuid

import structlog


def configure(level: str = "INFO", json_lines: bool = False) -> None:
    logging.basicConfig(level=level.upper(), stream=sys.stderr, format="%(message)s")
    for noisy in ("faster_whisper", "presidio-analyzer", "presidio-anonymizer", "httpx", "alembic"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    renderer = (
        structlog.processors.JSONRenderer()
        if json_lines
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )


def new_correlation_id() -> str:
    cid = uuid.uuid4().hex[:16]
    structlog.contextvars.bind_contextvars(correlation_id=cid)
    return cid


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)  # type: ignore[no-any-return]
