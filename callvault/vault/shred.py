"""Delete a recording for good: crypto-shred in the transaction, then the bytes, resumably.

Two steps, so that no crash leaves a recording half deleted and readable:
1. In the caller's transaction: a tombstone is written and the recording's rows are deleted,
   artefact rows included. Those rows hold the only copies of the wrapped data keys, so at commit
   every stored object of the recording becomes unreadable (crypto-shredding), wherever a copy
   of its bytes may still sit (a storage version, a backup of the bucket).
2. After commit: the stored objects listed on the tombstone are deleted, then the tombstone is
   marked complete. Interrupted, `finish_pending` picks it up again; deleting twice is harmless.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from callvault.db import SessionFactory, transaction
from callvault.logging import get_logger
from callvault.storage import ObjectStore
from models import AccessRequest, Recording, Tombstone

log = get_logger("callvault.shred")


def shred(
    session: Session, rec: Recording, *, reason: str, actor: str, now: datetime,
    request_ref: str | None = None,
) -> Tombstone:  # fmt: skip
    """Step 1 (flushes; the caller commits, then calls `finish`)."""
    tomb = Tombstone(
        recording_id=rec.id, tenant=rec.tenant, reason=reason, request_ref=request_ref,
        purposes=[p.record() for p in rec.purposes],
        started_at=rec.started_at, created_at=rec.created_at, retention_until=rec.retention_until,
        deleted_at=now, deleted_by=actor, original_sha256=rec.original_sha256,
        artefacts=[
            {"kind": a.kind, "version": a.version, "sha256": a.sha256, "size": a.size}
            for a in sorted(rec.artefacts, key=lambda a: (a.kind, a.version))
        ],
        special_category=rec.special_category, entity_counts=dict(rec.entity_counts),
        pending_keys=sorted(a.storage_key for a in rec.artefacts),
    )  # fmt: skip
    session.add(tomb)
    session.execute(delete(AccessRequest).where(AccessRequest.recording_id == rec.id))
    session.delete(rec)  # cascades to purposes and artefacts: the wrapped data keys go here
    session.flush()
    return tomb


def finish(sessions: SessionFactory, store: ObjectStore, recording_id: str, now: datetime) -> bool:
    """Step 2: delete the stored objects of a committed tombstone; True once nothing is left."""
    with sessions() as s:
        tomb = s.get(Tombstone, recording_id)
        keys = list(tomb.pending_keys) if tomb is not None else []
    if tomb is None:
        return True
    for key in keys:
        try:
            store.delete(key)
        except Exception as exc:  # the keys are gone already; the bytes wait for the next run
            log.warning("shred_storage_pending", recording_id=recording_id, error=type(exc).__name__)
            return False
    with transaction(sessions) as s:
        tomb = s.get(Tombstone, recording_id, with_for_update=True)
        if tomb is not None and tomb.completed_at is None:
            tomb.pending_keys, tomb.completed_at = [], now
    return True


def finish_pending(sessions: SessionFactory, store: ObjectStore, now: datetime) -> int:
    """Resume every deletion a crash or a storage outage interrupted; returns how many finished."""
    with sessions() as s:
        ids = list(s.scalars(select(Tombstone.recording_id).where(Tombstone.completed_at.is_(None))))
    return sum(finish(sessions, store, rid, now) for rid in ids)
