"""Celery: the app factory, the tasks, and the in-process worker of the embedded mode.

Tasks take ids, open their own sessions and call `callvault.vault.processing`. They are
`acks_late` with `reject_on_worker_lost`: a worker killed mid-task leaves the message to be
delivered again, and the claim in `processing.claim` makes that second delivery harmless.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from celery import Celery, Task
from celery.beat import EmbeddedService
from celery.schedules import crontab
from celery.worker import WorkController

from callvault.logging import get_logger
from callvault.runtime import Runtime, build_runtime
from callvault.settings import Settings
from callvault.vault import processing, retention

log = get_logger("callvault.tasks")
PROCESS = "callvault.process_recording"
SWEEP = "callvault.requeue_stale"
PURGE = "callvault.purge_expired"
QUEUE = "callvault"
LEASE = processing.LEASE
RETRY_BASE_S = 30


class _State:
    """The process's runtime, built on the first task (after a prefork child starts)."""

    runtime: Runtime | None = None
    settings: Settings | None = None
    lock = threading.Lock()


def bind_runtime(runtime: Runtime) -> None:
    """Embedded mode: the API's runtime (and its loaded model) serves the worker thread too."""
    _State.runtime = runtime


def runtime() -> Runtime:
    with _State.lock:
        if _State.runtime is None:
            _State.runtime = build_runtime(_State.settings or Settings())
        return _State.runtime


def create_celery(settings: Settings) -> Celery:
    _State.settings = settings
    app = Celery("callvault", broker=settings.broker_url or "memory://", set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_default_queue=QUEUE,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 4 * 3600},
        task_serializer="json",
        accept_content=["json"],
        beat_schedule={
            SWEEP: {"task": SWEEP, "schedule": 600.0},
            PURGE: {"task": PURGE, "schedule": crontab(minute=30, hour=3)},  # daily, UTC
        },
    )
    max_retries = settings.task_max_retries

    @app.task(name=PROCESS, shared=False, bind=True, max_retries=max_retries, acks_late=True)  # type: ignore[untyped-decorator]
    def process_recording(self: Task[Any, Any], recording_id: str) -> str:
        rt = runtime()
        try:
            outcome = processing.process(rt, recording_id, LEASE)
        except processing.RetryableError as exc:
            if self.request.retries >= max_retries:
                return processing.give_up(rt, recording_id, f"retries_exhausted:{exc}").status
            processing.release(rt, recording_id)
            log.warning("processing_retry", recording_id=recording_id, error=str(exc),
                        retry=self.request.retries + 1)
            raise self.retry(countdown=RETRY_BASE_S * 2**self.request.retries) from None
        return outcome.status

    @app.task(name=SWEEP, shared=False)  # type: ignore[untyped-decorator]
    def requeue_stale() -> int:
        rt = runtime()
        processing.clean_work_dir(rt)
        ids = processing.requeue_candidates(rt, timedelta(minutes=rt.settings.stale_after_minutes))
        for rid in ids:
            enqueue(app, rid)
        return len(ids)

    @app.task(name=PURGE, shared=False)  # type: ignore[untyped-decorator]
    def purge_expired() -> int:
        """Retention: idempotent and resumable, so a missed or doubled run is harmless."""
        report = retention.purge(runtime())
        return len(report.deleted)

    return app


def enqueue(app: Celery, recording_id: str) -> bool:
    """Send the processing task; False when the broker is down (the stale sweep will resend)."""
    try:
        app.send_task(PROCESS, args=[recording_id], queue=QUEUE)
    except Exception as exc:
        log.error("enqueue_failed", recording_id=recording_id, error=type(exc).__name__)
        return False
    return True


class EmbeddedWorker:
    """A Celery worker in a thread of this process, on the in-memory broker: no service needed."""

    def __init__(self, app: Celery, schedule: Path | None = None) -> None:
        """With `schedule` (beat's state file), beat runs too: the stale sweep and the daily
        retention purge happen on one machine without a separate `callvault beat`.

        Beat runs as a thread, never as the worker's `-B` child process: a forked child has its
        own in-memory broker, so the tasks it sends would never reach this worker."""
        self.controller = WorkController(
            app=app, pool_cls="solo", concurrency=1, queues=[QUEUE], loglevel="WARNING",
            without_heartbeat=True, without_mingle=True, without_gossip=True, hostname="embedded@local",
        )  # fmt: skip
        self.thread = threading.Thread(target=self._run, name="callvault-worker", daemon=True)
        self.beat = (
            EmbeddedService(app, thread=True, schedule_filename=str(schedule)) if schedule else None
        )

    def _run(self) -> None:
        # The current app is thread-local in Celery; tasks are registered on this app only
        # (`shared=False`), so this thread must resolve names against it, not the default app.
        self.controller.app.set_current()
        self.controller.start()

    def start(self) -> None:
        self.thread.start()
        if self.beat is not None:
            self.beat.start()

    def stop(self) -> None:
        if self.beat is not None:
            self.beat.stop()
        self.controller.stop(in_sighandler=False)
        self.thread.join(timeout=30)
