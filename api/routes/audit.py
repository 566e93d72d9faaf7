"""/audit: read and verify the chain. Reading the audit log is itself audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from api.deps import AuditCtx, CurrentPrincipal, RuntimeDep, SessionDep, audited
from api.routes import ERRORS
from callvault.vault import access
from callvault.vault.audit_verify import verify
from callvault.vault.schemas import AuditEventRead, AuditPage, AuditVerifyRead
from models import AuditEvent

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERRORS)


@router.get("/events", dependencies=[Depends(audited("audit.list"))])
def events(
    rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal, audit: AuditCtx,
    recording_id: str | None = None, action: str | None = None, actor_id: str | None = None,
    outcome: str | None = None, after: Annotated[int, Query(ge=0, description="seq cursor")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditPage:  # fmt: skip
    access.require_role(principal, access.AUDIT_ROLES, "read the audit log")
    stmt = select(AuditEvent).where(AuditEvent.seq > after)
    scope = access.tenant_filter(principal, AuditEvent.tenant)
    if scope is not None:
        stmt = stmt.where(scope)
    for column, value in ((AuditEvent.recording_id, recording_id), (AuditEvent.action, action),
                          (AuditEvent.actor_id, actor_id), (AuditEvent.outcome, outcome)):
        if value is not None:
            stmt = stmt.where(column == value)
    rows = list(session.scalars(stmt.order_by(AuditEvent.seq).limit(limit)))
    audit.recording_id = recording_id
    rt.audit.append(session, audit.entry("ok", f"count={len(rows)}"))
    return AuditPage(
        items=[AuditEventRead.model_validate(r) for r in rows],
        next_after=rows[-1].seq if len(rows) == limit else None,
    )


@router.get("/verify", dependencies=[Depends(audited("audit.verify"))])
def verify_chain(
    rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal, audit: AuditCtx
) -> AuditVerifyRead:
    access.require_role(principal, access.AUDIT_ROLES, "verify the audit log")
    result = verify(session, rt.keyring.audit_key)
    rt.audit.append(session, audit.entry("ok" if result.ok else "broken", result.reason))
    return AuditVerifyRead(**result.__dict__)
