"""Access to the unredacted original: requests, the DPO's four-eyes decision, time-limited grants.

A grant belongs to one requester, one recording and one purpose, and lasts from approval until
`expires_at`. Every use is checked here at the moment of use (expiry, revocation, restriction,
Art. 9) and audited by the caller against the grant's id, so the log shows who heard what and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from callvault.vault.access import (
    DPO_ONLY,
    Governed,
    check_recording,
    require_role,
    tenant_filter,
)
from callvault.vault.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError
from callvault.vault.identity import Principal
from callvault.vault.policy import Policy, Variant
from models import AccessRequest, AccessStatus, Recording, RecordingStatus, Role

REQUESTER_ROLES = frozenset({Role.REVIEWER, Role.SUPERVISOR, Role.DPO})


@dataclass(frozen=True)
class NewRequest:
    recording_id: str
    justification: str
    duration_minutes: int
    purpose: str | None = None


def request_access(
    session: Session, policy: Policy, principal: Principal, req: NewRequest, now: datetime
) -> AccessRequest:
    require_role(principal, REQUESTER_ROLES, "request access to originals")
    rec = check_recording(principal, policy, session.get(Recording, req.recording_id))
    held = rec.purpose_names()
    if req.purpose is not None and req.purpose not in held:
        raise InvalidInputError("purpose: the recording is not kept for this purpose", field="purpose")
    own = policy.allowed(principal.role, Variant.REDACTED) & set(held)
    if principal.role is not Role.DPO and req.purpose is not None and req.purpose not in own:
        raise ForbiddenError(f"role {principal.role} does not work for this purpose")
    purpose = req.purpose or (sorted(own)[0] if own else held[0])
    ar = AccessRequest(
        tenant=rec.tenant, recording_id=rec.id, requester_id=principal.id,
        requester_role=str(principal.role), purpose=purpose, justification=req.justification,
        duration_minutes=req.duration_minutes, status=AccessStatus.PENDING, created_at=now,
    )  # fmt: skip
    session.add(ar)
    session.flush()
    return ar


def queue(
    session: Session, principal: Principal, status: AccessStatus | None, limit: int, offset: int
) -> list[AccessRequest]:
    """The DPO's queue (all requests of their tenants), or a requester's own requests."""
    stmt = select(AccessRequest)
    if principal.role is Role.DPO:
        scope = tenant_filter(principal, AccessRequest.tenant)
        if scope is not None:
            stmt = stmt.where(scope)
    else:
        require_role(principal, REQUESTER_ROLES, "list access requests")
        stmt = stmt.where(AccessRequest.requester_id == principal.id)
    if status is not None:
        stmt = stmt.where(AccessRequest.status == status)
    stmt = stmt.order_by(AccessRequest.created_at, AccessRequest.id).limit(limit).offset(offset)
    return list(session.scalars(stmt))


def get_request(session: Session, principal: Principal, request_id: str) -> AccessRequest:
    ar = session.get(AccessRequest, request_id, with_for_update=True)
    if ar is None or not principal.in_tenant(ar.tenant):
        raise NotFoundError("access request not found")
    if principal.role is not Role.DPO and ar.requester_id != principal.id:
        raise NotFoundError("access request not found")
    return ar


def _decidable(session: Session, principal: Principal, request_id: str) -> AccessRequest:
    require_role(principal, DPO_ONLY, "decide access requests")
    ar = get_request(session, principal, request_id)
    if ar.requester_id == principal.id:
        raise ForbiddenError("four eyes: nobody decides their own access request")
    if ar.status != AccessStatus.PENDING:
        raise ConflictError(f"access request is {ar.status}")
    return ar


def approve(
    session: Session, principal: Principal, request_id: str, now: datetime,
    art9_condition: str | None = None, reason: str | None = None,
) -> AccessRequest:  # fmt: skip
    """Grant the original until now + the requested duration.

    A recording with special-category data and no Art. 9(2) condition in its metadata is the
    DPO's case-by-case decision: approving it requires the DPO to name the condition relied on.
    """
    ar = _decidable(session, principal, request_id)
    rec = session.get(Recording, ar.recording_id)
    assert rec is not None  # the request row cascades with its recording
    if rec.special_category and not _art9_recorded(rec) and art9_condition is None:
        raise InvalidInputError(
            "art9_condition: special-category recording without a recorded Art. 9(2) condition",
            field="art9_condition",
        )
    ar.status, ar.decided_by, ar.decided_at = AccessStatus.APPROVED, principal.id, now
    ar.expires_at = now + timedelta(minutes=ar.duration_minutes)
    ar.art9_condition, ar.decision_reason = art9_condition, reason
    session.flush()
    return ar


def deny(
    session: Session, principal: Principal, request_id: str, now: datetime, reason: str | None
) -> AccessRequest:
    ar = _decidable(session, principal, request_id)
    ar.status, ar.decided_by, ar.decided_at = AccessStatus.DENIED, principal.id, now
    ar.decision_reason = reason
    session.flush()
    return ar


def revoke(session: Session, principal: Principal, request_id: str, now: datetime) -> AccessRequest:
    """Withdraw an approved grant before its expiry (the DPO), or cancel one's own request."""
    ar = get_request(session, principal, request_id)
    if principal.role is not Role.DPO and ar.requester_id != principal.id:
        raise ForbiddenError("only the DPO or the requester may revoke")
    if ar.status not in (AccessStatus.APPROVED, AccessStatus.PENDING):
        raise ConflictError(f"access request is {ar.status}")
    ar.status, ar.revoked_by, ar.revoked_at = AccessStatus.REVOKED, principal.id, now
    session.flush()
    return ar


def _art9_recorded(rec: Governed | Recording) -> bool:
    consents = getattr(rec, "consents", None) or {}
    return bool(consents.get("art9_condition"))


@dataclass(frozen=True)
class OriginalAccess:
    purpose: str
    grant_id: str | None  # None: the DPO's own access


def authorise_original(
    session: Session, principal: Principal, target: Governed, recording_id: str,
    purpose: str | None, now: datetime,
) -> OriginalAccess:  # fmt: skip
    """May this caller hear the original now? The DPO may (fail closed leaves failed recordings
    to them alone); anyone else needs an approved, unexpired, unrevoked grant of their own."""
    held = target.purpose_names()
    if purpose is not None and purpose not in held:
        raise ForbiddenError("recording is not kept for this purpose")
    if principal.role is Role.DPO:
        return OriginalAccess(purpose or held[0], None)
    live = session.scalars(
        select(AccessRequest)
        .where(
            AccessRequest.recording_id == recording_id,
            AccessRequest.requester_id == principal.id,
            AccessRequest.status == AccessStatus.APPROVED,
            AccessRequest.expires_at > now,
        )
        .order_by(AccessRequest.expires_at.desc())
    ).all()
    if not live:
        raise ForbiddenError("the original is served only under a DPO-approved access grant")
    grant = next((g for g in live if purpose in (None, g.purpose)), None)
    if grant is None:
        raise ForbiddenError("the access grant is for another purpose")
    if target.status != RecordingStatus.READY:
        raise ConflictError(f"recording is {target.status}; only the DPO may access it")
    special = getattr(target, "special_category", False)
    if special and not _art9_recorded(target) and grant.art9_condition is None:
        raise ForbiddenError("special-category recording: the grant names no Art. 9(2) condition")
    return OriginalAccess(grant.purpose, grant.id)
