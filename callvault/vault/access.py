"""Access decisions: deny by default, then role, then tenant, then purpose, then state.

Order matters for what a caller learns: a role that may never see recordings gets 403 without a
lookup; another tenant's recording is 404, exactly like one that does not exist; a recording in the
caller's tenant but outside their purposes is 403.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, Select, exists, select

from callvault.vault.errors import ConflictError, ForbiddenError, InvalidInputError, NotFoundError
from callvault.vault.identity import Principal
from callvault.vault.policy import Policy, Variant
from models import ALL_TENANTS, Recording, RecordingPurpose, RecordingStatus, Role

CONTENT_ROLES = frozenset({Role.REVIEWER, Role.SUPERVISOR, Role.DPO})
AUDIT_ROLES = frozenset({Role.AUDITOR, Role.DPO})
DPO_ONLY = frozenset({Role.DPO})


def require_role(principal: Principal, roles: frozenset[Role], what: str) -> None:
    if principal.role not in roles:
        raise ForbiddenError(f"role {principal.role} may not {what}")


def tenant_filter(principal: Principal, column: Any) -> ColumnElement[bool] | None:
    """The condition that keeps a query to the caller's tenants; None for a caller of all."""
    if ALL_TENANTS in principal.tenants:
        return None
    condition: ColumnElement[bool] = column.in_(sorted(principal.tenants))
    return condition


def visible(principal: Principal, policy: Policy) -> Select[Recording]:
    """Recordings the caller may see the metadata of (a query, so lists and counts agree)."""
    require_role(principal, CONTENT_ROLES, "read recordings")
    stmt = select(Recording)
    scope = tenant_filter(principal, Recording.tenant)
    if scope is not None:
        stmt = stmt.where(scope)
    if principal.role is not Role.DPO:
        stmt = stmt.where(Recording.restricted.is_(False))
        allowed = sorted(policy.allowed(principal.role, Variant.REDACTED))
        stmt = stmt.where(
            exists().where(
                RecordingPurpose.recording_id == Recording.id, RecordingPurpose.purpose.in_(allowed)
            )
        )
    return stmt


class Governed(Protocol):
    """What access decisions read: an ORM `Recording` or a `content.ContentTarget`."""

    @property
    def tenant(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def restricted(self) -> bool: ...

    def purpose_names(self) -> list[str]: ...


G = TypeVar("G", bound=Governed)


def check_recording(principal: Principal, policy: Policy, recording: G | None) -> G:
    require_role(principal, CONTENT_ROLES, "read recordings")
    if recording is None or not principal.in_tenant(recording.tenant):
        raise NotFoundError("recording not found")
    if principal.role is not Role.DPO and recording.restricted:
        raise ForbiddenError("recording is restricted (GDPR Art. 18): only the DPO may access it")
    if principal.role is not Role.DPO and not (
        set(recording.purpose_names()) & policy.allowed(principal.role, Variant.REDACTED)
    ):
        raise ForbiddenError("recording is not kept for a purpose this role may access")
    return recording


def content_purpose(
    principal: Principal, policy: Policy, recording: Governed, variant: Variant, purpose: str | None
) -> str:
    """The purpose this access is made under; raises unless the variant may be served for it."""
    if variant is Variant.ORIGINAL:
        raise ForbiddenError("the original is served only under a DPO-approved access grant")
    if purpose is not None and policy.spec(purpose) is None:
        raise InvalidInputError("purpose: unknown purpose", field="purpose")
    held = set(recording.purpose_names())
    allowed = policy.allowed(principal.role, variant) & held
    if purpose is not None:
        if purpose not in held:
            raise ForbiddenError("recording is not kept for this purpose")
        if purpose not in allowed:
            raise ForbiddenError(f"role {principal.role} may not access {variant} for this purpose")
        chosen = purpose
    elif allowed:
        chosen = sorted(allowed)[0]
    else:
        raise ForbiddenError(f"role {principal.role} may not access {variant} of this recording")
    if recording.status != RecordingStatus.READY:
        # Fail closed: nothing redacted is served unless the whole pipeline succeeded.
        raise ConflictError(f"recording is {recording.status}; redacted content not available")
    return chosen
