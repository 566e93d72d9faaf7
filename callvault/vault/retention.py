"""Storage limitation (GDPR Art. 5(1)(e)): each purpose keeps a recording only until its date.

When one purpose of a recording expires and another remains, only that purpose is dropped and the
recording's retention date becomes the latest remaining one. When the last one expires, the
recording is shredded (`shred`), leaving a tombstone. A legal hold freezes a recording as it is.

`purge` is safe to interrupt and to repeat: it first finishes deletions a previous run left
pending, then handles each recording in its own short transaction, re-checking it under a row lock
so an API request that placed a hold a moment earlier wins.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from callvault.db import transaction
from callvault.logging import get_logger
from callvault.runtime import Runtime
from callvault.vault.artefacts import object_tags
from callvault.vault.audit import AuditEntry
from callvault.vault.shred import finish, finish_pending, shred
from models import Recording, RecordingPurpose

log = get_logger("callvault.retention")
DELETE, DROP, HELD = "delete", "drop_purposes", "skip_legal_hold"


@dataclass(frozen=True)
class Planned:
    """One thing purge would do, and why; ids, purpose names and dates only."""

    recording_id: str
    tenant: str
    action: str  # delete | drop_purposes | skip_legal_hold
    expired: tuple[str, ...]
    remaining: tuple[str, ...]
    expired_since: datetime


@dataclass
class PurgeReport:
    now: datetime
    dry_run: bool
    planned: list[Planned] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    dropped: dict[str, list[str]] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)
    resumed: int = 0
    storage_pending: list[str] = field(default_factory=list)


def plan(rt: Runtime, now: datetime) -> list[Planned]:
    with rt.sessions() as s:
        rows = s.execute(
            select(RecordingPurpose.recording_id, RecordingPurpose.purpose,
                   RecordingPurpose.retention_until)
            .where(RecordingPurpose.recording_id.in_(
                select(RecordingPurpose.recording_id).where(RecordingPurpose.retention_until <= now)
            ))
            .order_by(RecordingPurpose.recording_id, RecordingPurpose.purpose)
        ).all()  # fmt: skip
        by_rec: dict[str, list[tuple[str, datetime]]] = defaultdict(list)
        for rid, purpose, until in rows:
            by_rec[rid].append((purpose, until))
        held = {
            r.id: (r.tenant, r.legal_hold)
            for r in s.execute(
                select(Recording.id, Recording.tenant, Recording.legal_hold)
                .where(Recording.id.in_(list(by_rec)))
            )
        }  # fmt: skip
    out = []
    for rid, purposes in by_rec.items():
        expired = tuple(p for p, until in purposes if until <= now)
        remaining = tuple(p for p, until in purposes if until > now)
        tenant, on_hold = held[rid]
        action = HELD if on_hold else (DROP if remaining else DELETE)
        since = min(until for _, until in purposes if until <= now)
        out.append(Planned(rid, tenant, action, expired, remaining, since))
    return out


def purge(rt: Runtime, *, dry_run: bool = False, actor: str = "system") -> PurgeReport:
    now = rt.clock.now()
    report = PurgeReport(now=now, dry_run=dry_run)
    if not dry_run:
        report.resumed = finish_pending(rt.sessions, rt.store, now)
    report.planned = plan(rt, now)
    if dry_run:
        return report
    for item in report.planned:
        if item.action == HELD:
            report.held.append(item.recording_id)
            continue
        done = _apply(rt, item.recording_id, now, actor)
        if done == DELETE:
            report.deleted.append(item.recording_id)
            if not finish(rt.sessions, rt.store, item.recording_id, now):
                report.storage_pending.append(item.recording_id)
        elif done:
            report.dropped[item.recording_id] = done.split(",")
    log.info("purge_done", deleted=len(report.deleted), dropped=len(report.dropped),
             held=len(report.held), resumed=report.resumed)  # fmt: skip
    return report


def _apply(rt: Runtime, recording_id: str, now: datetime, actor: str) -> str | None:
    """Re-check under a row lock and act; returns DELETE, the dropped purposes, or None."""
    tags_to_update: list[str] = []
    tags: dict[str, str] = {}
    with transaction(rt.sessions) as s:
        rec = s.get(Recording, recording_id, with_for_update=True, populate_existing=True)
        if rec is None or rec.legal_hold:
            return None
        expired = [p for p in rec.purposes if p.retention_until <= now]
        if not expired:
            return None
        names = [p.purpose for p in expired]
        for name in names:
            rt.audit.append(s, AuditEntry(action="retention.expire", outcome="ok", actor_id=actor,
                                          actor_role="system", tenant=rec.tenant,
                                          recording_id=rec.id, purpose=name))  # fmt: skip
        if len(expired) == len(rec.purposes):
            shred(s, rec, reason="retention_expired", actor=actor, now=now)
            rt.audit.append(s, AuditEntry(action="purge", outcome="ok", actor_id=actor,
                                          actor_role="system", tenant=rec.tenant,
                                          recording_id=rec.id, detail="retention_expired"))
            return DELETE
        for p in expired:
            rec.purposes.remove(p)
        rec.retention_until = max(p.retention_until for p in rec.purposes)
        s.flush()
        tags = object_tags(rec)
        tags_to_update = [a.storage_key for a in rec.artefacts]
    retag(rt, tuple(tags_to_update), tags)
    return ",".join(names)


def retag(rt: Runtime, keys: tuple[str, ...], tags: dict[str, str]) -> None:
    """Object tags are informational copies of the database's truth: best effort, logged."""
    for key in keys:
        try:
            rt.store.set_tags(key, tags)
        except Exception as exc:
            log.warning("tags_not_updated", error=type(exc).__name__)
