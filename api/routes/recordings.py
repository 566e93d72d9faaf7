"""/recordings: upload, list, read metadata. Content (audio, transcript) is in `content.py`."""

from __future__ import annotations

import shutil
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from api.deps import (
    AuditCtx,
    BearerDep,
    CurrentPrincipal,
    RequestAudit,
    RuntimeDep,
    SessionDep,
    audited,
    authenticate,
    start_audit,
)
from api.routes import ERRORS
from api.uploads import as_audio, parse_metadata, spool
from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.tasks import enqueue
from callvault.vault import access
from callvault.vault.recordings import ListFilter, admit, list_recordings, prepare
from callvault.vault.schemas import ErrorBody, RecordingAccepted, RecordingPage, RecordingRead
from models import ArtefactKind, Recording, RecordingStatus

router = APIRouter(
    prefix="/recordings",
    tags=["recordings"],
    responses={
        **ERRORS,
        409: {"model": ErrorBody, "description": "duplicate call id"},
        413: {"model": ErrorBody, "description": "file over the size limit"},
        415: {"model": ErrorBody, "description": "not a supported audio recording"},
    },
)


@router.post("", status_code=202)
async def upload(
    request: Request,
    file: Annotated[UploadFile, File(description="the call recording (WAV, MP3, FLAC, OGG)")],
    metadata: Annotated[str, Form(description="JSON object; schema: RecordingCreate")],
    credentials: BearerDep,
) -> RecordingAccepted:
    """Store the encrypted original and queue processing; 202 before any model runs."""
    audit, rt = start_audit(request, "upload"), request.app.state.runtime
    rid = await run_in_threadpool(_upload, request, rt, audit, credentials, file, metadata)
    return RecordingAccepted(id=rid, status=RecordingStatus.QUEUED)


def _upload(
    request: Request, rt: Runtime, audit: RequestAudit, credentials: HTTPAuthorizationCredentials | None,
    file: UploadFile, metadata: str,
) -> str:  # fmt: skip
    """Spooling, probing and encryption happen outside any transaction (on SQLite the write
    transaction locks the database); only the rows and the audit event are written in one."""
    with transaction(rt.sessions) as session:
        principal = authenticate(request, session, credentials)
    meta = parse_metadata(metadata)
    path, sha256, size = spool(file, rt.work_dir, rt.settings.max_upload_bytes)
    try:
        upload = as_audio(path, size, rt.settings.min_duration)
        rec = prepare(rt.keyring, rt.policy, principal, meta, upload, sha256, rt.clock.now())
        staged = rt.artefacts.stage(rec, ArtefactKind.ORIGINAL_AUDIO, upload.path, upload.content_type)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    try:
        with transaction(rt.sessions) as session:
            admit(session, rt.artefacts, rec, staged)
            audit.recording_id, audit.tenant = rec.id, rec.tenant
            rt.audit.append(session, audit.entry("ok"))
    except BaseException:
        rt.artefacts.store.delete(staged.ref.storage_key)
        audit.recording_id = None
        raise
    enqueue(request.app.state.celery, rec.id)  # after the commit; the sweep resends if this fails
    return rec.id


@router.get("", dependencies=[Depends(audited("list"))])
def list_(
    rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal, audit: AuditCtx,
    started_from: datetime | None = None, started_to: datetime | None = None,
    purpose: str | None = None, status: RecordingStatus | None = None, agent_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0)] = 0,
) -> RecordingPage:  # fmt: skip
    f = ListFilter(started_from, started_to, purpose, status, agent_id, limit, offset)
    items, total = list_recordings(session, principal, rt.policy, f)
    audit.purpose = purpose
    rt.audit.append(session, audit.entry("ok", f"count={len(items)}"))
    return RecordingPage(
        items=[RecordingRead.model_validate(r) for r in items], total=total, limit=limit, offset=offset
    )


@router.get("/{recording_id}", dependencies=[Depends(audited("view"))])
def get(
    recording_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> RecordingRead:  # fmt: skip
    rec = access.check_recording(principal, rt.policy, session.get(Recording, recording_id))
    audit.tenant = rec.tenant
    rt.audit.append(session, audit.entry("ok"))
    return RecordingRead.model_validate(rec)
