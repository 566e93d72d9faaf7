"""Audio and transcripts of a recording: the only routes that return call content.

Each request is authorised for a variant and a purpose, and audited before a byte is sent: `play`
for a ranged request, `download` for a whole file, `transcript` for text.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session
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
from api.ranges import parse_range
from api.routes import ERRORS
from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.vault import access, grants
from callvault.vault.content import ArtefactRef, load_target
from callvault.vault.errors import ConflictError
from callvault.vault.identity import Principal
from callvault.vault.policy import Variant
from callvault.vault.schemas import ErrorBody
from models import ArtefactKind

router = APIRouter(
    prefix="/recordings",
    tags=["content"],
    responses={
        **ERRORS,
        409: {"model": ErrorBody, "description": "not processed (yet), or failed"},
        416: {"model": ErrorBody, "description": "range not satisfiable"},
    },
)
AUDIO = {Variant.REDACTED: ArtefactKind.REDACTED_AUDIO, Variant.ORIGINAL: ArtefactKind.ORIGINAL_AUDIO}
TEXT = {
    Variant.REDACTED: ArtefactKind.REDACTED_TRANSCRIPT,
    Variant.ORIGINAL: ArtefactKind.ORIGINAL_TRANSCRIPT,
}
IN_MEMORY_BYTES = 1024 * 1024
VariantQuery = Annotated[Variant, Query(description="redacted (default) or original")]
PurposeQuery = Annotated[str | None, Query(description="purpose of this access; default: first allowed")]


def _authorised(
    rt: Runtime, session: Session, principal: Principal, audit: RequestAudit,
    recording_id: str, variant: Variant, purpose: str | None, kinds: dict[Variant, ArtefactKind],
) -> ArtefactRef:  # fmt: skip
    audit.variant, audit.purpose = variant, purpose
    target = load_target(session, recording_id, kinds[variant])
    rec = access.check_recording(principal, rt.policy, target)
    audit.tenant = rec.tenant
    if variant is Variant.ORIGINAL:
        use = grants.authorise_original(session, principal, rec, recording_id, purpose, rt.clock.now())
        audit.purpose, audit.grant = use.purpose, use.grant_id
    else:
        audit.purpose = access.content_purpose(principal, rt.policy, rec, variant, purpose)
    artefact = rec.artefact
    if artefact is None:
        raise ConflictError(f"{kinds[variant]} is not available")
    return artefact


@router.get(
    "/{recording_id}/audio",
    response_class=Response,
    responses={200: {"content": {"audio/*": {}}}, 206: {"description": "partial content (Range)"}},
)
async def audio(
    recording_id: str, request: Request, credentials: BearerDep,
    variant: VariantQuery = Variant.REDACTED, purpose: PurposeQuery = None,
    range_: Annotated[str | None, Header(alias="range")] = None,
) -> Response:  # fmt: skip
    """Whole file (200, audited `download`) or one byte range (206, audited `play`).

    A player seeking through a call sends many small ranged requests, so this route does its whole
    synchronous part (authentication, access, audit append and commit, decryption) in one worker
    thread hop, with its own unit of work, instead of one hop per dependency.
    """
    audit, rt = start_audit(request, "play"), request.app.state.runtime
    return await run_in_threadpool(
        _serve_audio, request, rt, audit, credentials, recording_id, variant, purpose, range_
    )


def _serve_audio(
    request: Request, rt: Runtime, audit: RequestAudit, credentials: HTTPAuthorizationCredentials | None,
    recording_id: str, variant: Variant, purpose: str | None, range_: str | None,
) -> Response:  # fmt: skip
    with transaction(rt.sessions) as session:  # committed before a byte of content is sent
        principal = authenticate(request, session, credentials)
        art = _authorised(rt, session, principal, audit, recording_id, variant, purpose, AUDIO)
        window = parse_range(range_, art.size)
        start, end = window or (0, art.size - 1)
        audit.action = "play" if window else "download"
        rt.audit.append(session, audit.entry("ok", f"bytes={start}-{end}"))
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Length": str(max(end - start + 1, 0)),
        "Cache-Control": "private, no-store",
        "ETag": f'"{art.sha256[:32]}"',
    }
    if window:
        headers["Content-Range"] = f"bytes {start}-{end}/{art.size}"
    status = 206 if window else 200
    if end - start < IN_MEMORY_BYTES:  # a player's typical range: no streaming hops
        body = b"".join(rt.artefacts.iter_range(art, start, end))
        return Response(body, status, headers, media_type=art.content_type)
    stream = rt.artefacts.iter_range(art, start, end)
    return StreamingResponse(stream, status, headers, media_type=art.content_type)


@router.get("/{recording_id}/transcript", dependencies=[Depends(audited("transcript"))])
def transcript(
    recording_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx, variant: VariantQuery = Variant.REDACTED, purpose: PurposeQuery = None,
) -> dict[str, Any]:  # fmt: skip
    art = _authorised(rt, session, principal, audit, recording_id, variant, purpose, TEXT)
    rt.audit.append(session, audit.entry("ok"))
    data: dict[str, Any] = json.loads(rt.artefacts.read_all(art))
    return data
