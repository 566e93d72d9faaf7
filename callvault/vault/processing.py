"""Process one recording: claim it, run the pipeline on the decrypted original, seal the results.

Safe to run twice and safe to run after a crash. A recording is claimed with a conditional update
(queued, or processing with an expired lease); a redelivered task finds it claimed or ready and does
nothing. Results are committed in one transaction with the `ready` status, so a reviewer sees all
redacted artefacts or none. Only a pipeline that succeeded end to end produces `ready`. When the call
held card data, the same transaction replaces the stored original by the pipeline's copy without it
(PCI DSS): the uploaded original's row and data key go with it, its bytes right after the commit.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from callvault.db import transaction
from callvault.logging import get_logger
from callvault.runtime import Runtime
from callvault.vault.audit import AuditEntry
from callvault.vault.recordings import AUDIO_EXTENSIONS
from callvault.vault.schemas import ChannelLayout
from models import ArtefactKind, Recording, RecordingStatus, utcnow
from pipeline.errors import InputError
from pipeline.runner import RedactionResult

log = get_logger("callvault.processing")
JSON = "application/json"
PROGRESS_EVERY_S = 2.0
LEASE = timedelta(minutes=10)  # a claim without progress for this long belongs to a dead worker


class RetryableError(Exception):
    """Processing failed for a reason that may pass (storage, database, worker resources)."""


@dataclass(frozen=True)
class Outcome:
    status: str  # ready | failed | skipped
    detail: str | None = None


def claim(rt: Runtime, recording_id: str, lease: timedelta) -> bool:
    now = utcnow()
    with transaction(rt.sessions) as s:
        result = s.execute(
            update(Recording)
            .where(
                Recording.id == recording_id,
                or_(
                    Recording.status == RecordingStatus.QUEUED,
                    (Recording.status == RecordingStatus.PROCESSING)
                    & (Recording.updated_at < now - lease),
                ),
            )
            .values(status=RecordingStatus.PROCESSING, stage="decode", progress=0.0,
                    attempts=Recording.attempts + 1, updated_at=now, error_code=None)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _progress_writer(rt: Runtime, recording_id: str) -> Callable[[str, float], None]:
    last = [0.0]

    def write(stage: str, fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY_S and fraction < 1.0:
            return
        last[0] = now
        with transaction(rt.sessions) as s:  # also renews the claim's lease
            s.execute(
                update(Recording)
                .where(Recording.id == recording_id, Recording.status == RecordingStatus.PROCESSING)
                .values(stage=stage[:32], progress=round(min(fraction, 0.99), 3), updated_at=utcnow())
            )

    return write


def redacted_transcript(report: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": "callvault.transcript/1",
        "variant": "redacted",
        "channels": [
            {k: ch[k] for k in ("channel", "speaker", "language", "segments")}
            for ch in report["channels"]
        ],
    }


def process(rt: Runtime, recording_id: str, lease: timedelta) -> Outcome:
    if not claim(rt, recording_id, lease):
        return Outcome("skipped", "not claimable (missing, claimed elsewhere or finished)")
    # A worker killed mid-task left its temporary directory, with the decrypted original, behind;
    # holding the claim now, no live task uses it.
    for leftover in rt.work_dir.glob(f"{recording_id}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    with rt.sessions() as s:  # a snapshot: keys, tags and the layout, read once
        rec = s.get(Recording, recording_id)
        assert rec is not None
        original = rec.artefact(ArtefactKind.ORIGINAL_AUDIO)
        layout = ChannelLayout(rec.channel_layout)
    if original is None:
        return _fail(rt, recording_id, "original_missing")
    ext = AUDIO_EXTENSIONS.get(original.content_type, "wav")
    with tempfile.TemporaryDirectory(dir=rt.work_dir, prefix=f"{recording_id}-") as tmp:
        src = Path(tmp) / f"call.{ext}"
        try:
            rt.artefacts.unseal_to(original, src)
            redactor = rt.redactor(layout.agent_channel)
            result = redactor.redact_file(src, Path(tmp) / "out", _progress_writer(rt, recording_id),
                                          keep_transcript=True)
        except InputError as exc:
            return _fail(rt, recording_id, exc.code)
        except Exception as exc:
            raise RetryableError(type(exc).__name__) from exc
        return _store(rt, rec, result, Path(tmp))


def _store(rt: Runtime, snapshot: Recording, result: RedactionResult, tmp: Path) -> Outcome:
    """Encrypt and store the outputs first, then record them with `ready` in one short
    transaction (on SQLite it locks the database); staged objects that end up unrecorded go."""
    recording_id = snapshot.id
    report = result.report
    red_tx = tmp / "redacted-transcript.json"
    red_tx.write_text(json.dumps(redacted_transcript(report), ensure_ascii=False), encoding="utf-8")
    outputs = [
        (ArtefactKind.REDACTED_AUDIO, result.audio_path, None),
        (ArtefactKind.REDACTED_TRANSCRIPT, red_tx, JSON),
        (ArtefactKind.ORIGINAL_TRANSCRIPT, result.transcript_path, JSON),
        (ArtefactKind.REPORT, result.report_path, JSON),
    ]
    pci_stripped = result.original_path is not None
    if pci_stripped:
        outputs.append((ArtefactKind.ORIGINAL_AUDIO, result.original_path, None))
    staged = []
    try:
        for kind, path, ctype in outputs:
            assert path is not None
            staged.append(rt.artefacts.stage(snapshot, kind, path, ctype or snapshot.content_type))
        # The replaced original's bytes are deleted after the commit by `attach`, which logs
        # rather than raises if that fails: nothing after the commit can undo it.
        with transaction(rt.sessions) as s:
            rec = s.get(Recording, recording_id, with_for_update=True)
            if rec is None or rec.status != RecordingStatus.PROCESSING:
                raise _StateChangedError
            for st in staged:
                rt.artefacts.attach(s, rec, st)
            _mark_ready(rt, s, rec, report, pci_stripped=pci_stripped)
    except BaseException as exc:
        for st in staged:
            rt.artefacts.store.delete(st.ref.storage_key)
        if isinstance(exc, _StateChangedError):
            return Outcome("skipped", "state changed while processing")
        raise
    log.info("recording_ready", recording_id=recording_id, redactions=report["summary"]["redactions"])
    return Outcome("ready")


class _StateChangedError(Exception):
    """The claim was lost while processing (another worker finished, or an operator intervened)."""


def _mark_ready(
    rt: Runtime, s: Session, rec: Recording, report: dict[str, Any], *, pci_stripped: bool = False
) -> None:
    """`pci_stripped`: the stored original was replaced by one without card data; the flag stays
    set once true, since the uploaded original is gone for good."""
    summary = report["summary"]
    rec.status, rec.stage, rec.progress = RecordingStatus.READY, "done", 1.0
    rec.duration = report["duration"]
    rec.languages = list(report["languages"])
    rec.entity_counts = dict(summary["by_type"])
    rec.special_category = rec.special_category or bool(summary["special_categories"])
    rec.processed_at = utcnow()
    rec.pci_stripped = rec.pci_stripped or pci_stripped
    rt.audit.append(s, AuditEntry(action="process", outcome="ok", actor_id="system",
                                  actor_role="system", tenant=rec.tenant, recording_id=rec.id))


def _fail(rt: Runtime, recording_id: str, code: str) -> Outcome:
    """Mark failed (fail closed: only the DPO may get at a failed recording)."""
    with transaction(rt.sessions) as s:
        rec = s.get(Recording, recording_id, with_for_update=True)
        if rec is None or rec.status == RecordingStatus.READY:
            return Outcome("skipped", "state changed while processing")
        rec.status, rec.error_code, rec.stage = RecordingStatus.FAILED, code[:64], "failed"
        rt.audit.append(s, AuditEntry(action="process", outcome="failed", actor_id="system",
                                      actor_role="system", tenant=rec.tenant, recording_id=rec.id,
                                      detail=code[:64]))
    log.warning("recording_failed", recording_id=recording_id, code=code)
    return Outcome("failed", code)


def give_up(rt: Runtime, recording_id: str, code: str) -> Outcome:
    """Retries exhausted: the recording is failed, never silently left in processing."""
    return _fail(rt, recording_id, code)


def release(rt: Runtime, recording_id: str) -> None:
    """Hand a claimed recording back to the queue so a retry can claim it again."""
    with transaction(rt.sessions) as s:
        s.execute(
            update(Recording)
            .where(Recording.id == recording_id, Recording.status == RecordingStatus.PROCESSING)
            .values(status=RecordingStatus.QUEUED, error_code="retrying")
        )


def requeue_candidates(rt: Runtime, stale_after: timedelta) -> list[str]:
    """Ids whose task may have been lost (broker restart, dead worker) and should be enqueued again.

    Each returned row's `updated_at` is bumped so the next sweep leaves it alone for a while. A
    claimed row without progress for that long lost its worker: it goes back to `queued`, since the
    bump would otherwise renew the dead worker's lease and the requeued task could not claim it.
    """
    cutoff = utcnow() - stale_after
    with transaction(rt.sessions) as s:
        ids = list(
            s.scalars(
                update(Recording)
                .where(
                    Recording.status.in_([RecordingStatus.QUEUED, RecordingStatus.PROCESSING]),
                    Recording.updated_at < cutoff,
                )
                .values(status=RecordingStatus.QUEUED, updated_at=utcnow())
                .returning(Recording.id)
            )
        )
    return ids


def reset_interrupted(rt: Runtime) -> list[str]:
    """Embedded mode at start: no worker can be alive, so every claimed recording is re-queued."""
    with transaction(rt.sessions) as s:
        return list(
            s.scalars(
                update(Recording)
                .where(Recording.status.in_([RecordingStatus.QUEUED, RecordingStatus.PROCESSING]))
                .values(status=RecordingStatus.QUEUED, stage=None, updated_at=utcnow())
                .returning(Recording.id)
            )
        )


def clean_work_dir(rt: Runtime, spool_max_age: timedelta = timedelta(hours=1)) -> int:
    """Delete decrypted leftovers of processing no live worker owns (after a crash or a kill).

    A folder is kept only while its recording is `processing` with a live lease, so a worker on
    this host that is still busy keeps its files; an upload spool is kept for `spool_max_age`.
    """
    removed, now = 0, utcnow()
    with rt.sessions() as s:
        for entry in rt.work_dir.iterdir():
            rid = entry.name[:36]
            if entry.name.startswith("upload-"):
                age = now.timestamp() - entry.stat().st_mtime
                stale = age > spool_max_age.total_seconds()
            else:
                rec = s.get(Recording, rid)
                stale = (
                    rec is None
                    or rec.status != RecordingStatus.PROCESSING
                    or rec.updated_at < now - LEASE
                )
            if stale and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
                removed += 1
            elif stale:
                entry.unlink(missing_ok=True)
                removed += 1
    if removed:
        log.info("work_dir_cleaned", removed=removed)
    return removed

