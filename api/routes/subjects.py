"""/subjects: a data subject's rights (GDPR Art. 15–18, 20), answered by the DPO in minutes.

Each recording touched gets its own audit event, so the log shows exactly which calls a request
found, exported, erased or restricted; the identifiers themselves are never logged.
"""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from api.deps import AuditCtx, CurrentPrincipal, RequestAudit, RuntimeDep, SessionDep, audited
from api.routes import ERRORS
from callvault.runtime import Runtime
from callvault.vault import subjects
from callvault.vault.export import write_export
from callvault.vault.gov_schemas import (
    DeletedArtefact,
    ErasedRecording,
    ErasureReport,
    KeptRecording,
    RestrictionResult,
    SubjectErase,
    SubjectQuery,
    SubjectRecording,
    SubjectSearchResult,
)
from callvault.vault.retention import retag
from callvault.vault.shred import finish
from models import Recording, new_id

router = APIRouter(prefix="/subjects", tags=["data subjects"], responses=ERRORS)


def _subject(rt: Runtime, q: SubjectQuery) -> subjects.Subject:
    email = str(q.email) if q.email else None
    return subjects.Subject.of(rt.keyring, q.tenant, phone=q.phone, email=email,
                               customer_id=q.customer_id, agent_id=q.agent_id)  # fmt: skip


def _each(rt: Runtime, session: Session, audit: RequestAudit, recs: list[Recording],
          detail: str | None = None) -> None:  # fmt: skip
    for rec in recs:
        entry = dataclasses.replace(audit.entry("ok", detail), recording_id=rec.id, tenant=rec.tenant)
        rt.audit.append(session, entry)
    if not recs:
        rt.audit.append(session, audit.entry("ok", "count=0"))


@router.post("/search", dependencies=[Depends(audited("subject.search"))])
def search(
    body: SubjectQuery, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> SubjectSearchResult:  # fmt: skip
    subject = _subject(rt, body)
    recs = subjects.find(session, principal, subject)
    _each(rt, session, audit, recs)
    items = [SubjectRecording.model_validate(r) for r in recs]
    return SubjectSearchResult(matched_by=subject.kinds, items=items)


@router.post(
    "/export", response_class=FileResponse, dependencies=[Depends(audited("subject.export"))],
    responses={200: {"content": {"application/zip": {}}, "description": "audio, transcripts, "
                     "manifest.json"}},
)  # fmt: skip
def export(
    body: SubjectQuery, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> FileResponse:  # fmt: skip
    """Art. 15 access / Art. 20 portability: the subject's recordings as one zip."""
    subject = _subject(rt, body)
    recs = subjects.find(session, principal, subject)
    target = rt.work_dir / f"export-{new_id()}.zip"
    try:
        write_export(rt.artefacts, recs, subject, target, rt.clock.now(), principal.id)
        _each(rt, session, audit, recs)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return FileResponse(target, media_type="application/zip", filename="subject-export.zip",
                        headers={"Cache-Control": "private, no-store"},
                        background=BackgroundTask(target.unlink, missing_ok=True))  # fmt: skip


@router.post("/erase", dependencies=[Depends(audited("subject.erase"))])
def erase(
    body: SubjectErase, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> ErasureReport:  # fmt: skip
    """Art. 17: erase every recording of the subject except those on legal hold or still kept
    for a legal obligation; tombstones record what went. `dry_run` changes nothing."""
    erasure_id, now = new_id(), rt.clock.now()
    items = subjects.erase(session, principal, _subject(rt, body), erasure_id, now)
    report = ErasureReport(
        erasure_id=erasure_id, at=now, dry_run=body.dry_run,
        erased=[ErasedRecording(recording_id=i.recording_id, tenant=i.tenant, artefacts=[
            DeletedArtefact(**a) for a in i.tombstone.artefacts]) for i in items if i.tombstone],
        kept=[KeptRecording(recording_id=i.recording_id, tenant=i.tenant, reason=i.reason,
                            dropped_purposes=list(i.dropped_purposes))
              for i in items if i.outcome == "kept"],
        storage_pending=[],
    )  # fmt: skip
    if body.dry_run:
        session.rollback()
    for i in items:
        entry = audit.entry("dry_run" if body.dry_run else "ok", f"{i.outcome}:{i.reason}")
        rt.audit.append(session, dataclasses.replace(entry, recording_id=i.recording_id,
                                                     tenant=i.tenant))  # fmt: skip
    if not items:
        rt.audit.append(session, audit.entry("ok", "count=0"))
    if not body.dry_run:
        session.commit()  # the keys are destroyed here; the bytes follow
        for i in items:
            if i.retag is not None:
                retag(rt, *i.retag)
        report.storage_pending = [
            i.recording_id for i in items
            if i.tombstone and not finish(rt.sessions, rt.store, i.recording_id, now)
        ]  # fmt: skip
    return report


@router.post("/restrict", dependencies=[Depends(audited("subject.restrict"))])
def restrict(
    body: SubjectQuery, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> RestrictionResult:  # fmt: skip
    """Art. 18: until lifted, nobody but the DPO may access the subject's recordings, including
    ones uploaded later."""
    recs = subjects.restrict(session, principal, _subject(rt, body), rt.clock.now())
    _each(rt, session, audit, recs)
    return RestrictionResult(restricted=True, recordings=[r.id for r in recs])


@router.post("/restrict/lift", dependencies=[Depends(audited("subject.lift"))])
def lift(
    body: SubjectQuery, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> RestrictionResult:  # fmt: skip
    recs = subjects.lift(session, principal, _subject(rt, body))
    _each(rt, session, audit, recs)
    return RestrictionResult(restricted=False, recordings=[r.id for r in recs])
