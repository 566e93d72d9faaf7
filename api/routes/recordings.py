"""/recordings: upload, list, read metadata. Content (audio, transcript) is in `content.py`."""

from __future__ import annotations

import shutil
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile

from api.deps import AuditCtx, CurrentPrincipal, RuntimeDep, SessionDep, audited
from api.routes import ERRORS
from api.uploads import as_audio, parse_metadata, spool
from callvault.tasks import enqueue
from callvault.vault import access
from callvault.vault.recordings import ListFilter, ingest, list_recordings
from callvault.vault.schemas import ErrorBody, RecordingAccepted, RecordingPage, RecordingRead
from models import Recording, RecordingStatus

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


@router.post("", status_code=202, dependencies=[Depends(audited("upload"))])
def upload(
    request: Request,
    file: Annotated[UploadFile, File(description="the call recording (WAV, MP3, FLAC, OGG)")],
    metadata: Annotated[str, Form(description="JSON object; schema: RecordingCreate")],
    rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal, audit: AuditCtx,
) -> RecordingAccepted:  # fmt: skip
    """Store the encrypted original and queue processing; 202 before any model runs."""
    meta = parse_metadata(metadata)
    path, sha256, size = spool(file, rt.work_dir, rt.settings.max_upload_bytes)
    try:
        upload = as_audio(path, size, rt.settings.min_duration)
        rec = ingest(session, rt.artefacts, rt.keyring, rt.policy, principal, meta, upload, sha256)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    audit.recording_id, audit.tenant = rec.id, rec.tenant
    rt.audit.append(session, audit.entry("ok"))
    celery = request.app.state.celery
    rid = rec.id
    audit.after_commit.append(lambda: enqueue(celery, rid))
    return RecordingAccepted(id=rec.id, status=rec.status)


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
