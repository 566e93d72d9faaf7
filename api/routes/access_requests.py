"""/access-requests: ask for the unredacted original, and the DPO's four-eyes decision on it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import AuditCtx, CurrentPrincipal, RequestAudit, RuntimeDep, SessionDep, audited
from api.routes import ERRORS
from callvault.runtime import Runtime
from callvault.vault import grants
from callvault.vault.gov_schemas import (
    AccessDecision,
    AccessRequestCreate,
    AccessRequestPage,
    AccessRequestRead,
)
from callvault.vault.schemas import ErrorBody
from models import AccessRequest, AccessStatus

router = APIRouter(
    prefix="/access-requests",
    tags=["access requests"],
    responses={**ERRORS, 409: {"model": ErrorBody, "description": "request already decided"}},
)


def _done(rt: Runtime, session: SessionDep, audit: RequestAudit, ar: AccessRequest
          ) -> AccessRequestRead:  # fmt: skip
    audit.recording_id, audit.tenant, audit.purpose = ar.recording_id, ar.tenant, ar.purpose
    audit.variant = "original"
    rt.audit.append(session, audit.entry("ok", f"request={ar.id}"))
    return AccessRequestRead.model_validate(ar)


@router.post("", status_code=201, dependencies=[Depends(audited("access.request"))])
def create(
    body: AccessRequestCreate, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> AccessRequestRead:  # fmt: skip
    """A reviewer or supervisor asks for the original of one recording, for one purpose."""
    audit.recording_id = body.recording_id
    req = grants.NewRequest(body.recording_id, body.justification, body.duration_minutes, body.purpose)
    ar = grants.request_access(session, rt.policy, principal, req, rt.clock.now())
    return _done(rt, session, audit, ar)


@router.get("", dependencies=[Depends(audited("access.list"))])
def list_(
    rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal, audit: AuditCtx,
    status: AccessStatus | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> AccessRequestPage:  # fmt: skip
    """The DPO's queue (`?status=pending`); anyone else sees their own requests."""
    rows = grants.queue(session, principal, status, limit, offset)
    rt.audit.append(session, audit.entry("ok", f"count={len(rows)}"))
    return AccessRequestPage(items=[AccessRequestRead.model_validate(r) for r in rows])


@router.get("/{request_id}", dependencies=[Depends(audited("access.view"))])
def get(
    request_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> AccessRequestRead:  # fmt: skip
    return _done(rt, session, audit, grants.get_request(session, principal, request_id))


@router.post("/{request_id}/approve", dependencies=[Depends(audited("access.approve"))])
def approve(
    request_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx, body: AccessDecision | None = None,
) -> AccessRequestRead:  # fmt: skip
    """DPO only, never one's own request; the grant runs from now for the requested minutes."""
    d = body or AccessDecision()
    cond = str(d.art9_condition) if d.art9_condition else None
    ar = grants.approve(session, principal, request_id, rt.clock.now(), cond, d.reason)
    return _done(rt, session, audit, ar)


@router.post("/{request_id}/deny", dependencies=[Depends(audited("access.deny"))])
def deny(
    request_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx, body: AccessDecision | None = None,
) -> AccessRequestRead:  # fmt: skip
    reason = body.reason if body else None
    return _done(rt, session, audit, grants.deny(session, principal, request_id, rt.clock.now(), reason))


@router.post("/{request_id}/revoke", dependencies=[Depends(audited("access.revoke"))])
def revoke(
    request_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> AccessRequestRead:  # fmt: skip
    """End a grant before it expires (DPO), or withdraw one's own request."""
    return _done(rt, session, audit, grants.revoke(session, principal, request_id, rt.clock.now()))
