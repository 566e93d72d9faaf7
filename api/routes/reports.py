"""/reports: records of processing (GDPR Art. 30) for the DPO and auditors."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api.deps import AuditCtx, CurrentPrincipal, RuntimeDep, SessionDep, audited
from api.routes import ERRORS
from callvault.vault.errors import InvalidInputError
from callvault.vault.reports import processing_report

router = APIRouter(prefix="/reports", tags=["reports"], responses=ERRORS)



@router.get("/processing", dependencies=[Depends(audited("report.processing"))])
def processing(
    rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal, audit: AuditCtx,
    from_: Annotated[datetime | None, Query(alias="from", description="default: 30 days ago")] = None,
    to: Annotated[datetime | None, Query(description="default: now")] = None,
) -> dict[str, Any]:  # fmt: skip
    """Per purpose: legal basis, retention, recipients, recordings held, categories of data
    detected, and the period's grants, uses of originals, expiries, purges and erasures."""
    for name, value in (("from", from_), ("to", to)):
        if value is not None and value.tzinfo is None:
            raise InvalidInputError(f"{name}: needs a time zone", field=name)
    end = to or rt.clock.now()
    start = from_ or end - timedelta(days=30)
    if start >= end:
        raise InvalidInputError("from: must be before to", field="from")
    report = processing_report(session, rt.policy, principal, start, end)
    rt.audit.append(session, audit.entry("ok"))
    return report
