"""DPO actions on one recording: legal hold, and rectification of its transcript (Art. 16)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from api.deps import AuditCtx, CurrentPrincipal, RuntimeDep, SessionDep, audited
from api.routes import ERRORS
from callvault.runtime import Runtime
from callvault.vault import access, holds
from callvault.vault.gov_schemas import (
    LegalHoldCreate,
    LegalHoldRead,
    RectificationCreate,
    TranscriptVersions,
)
from callvault.vault.identity import Principal
from callvault.vault.policy import Variant
from callvault.vault.rectify import apply_rectification, transcript_version, versions
from callvault.vault.schemas import ErrorBody
from models import Recording

router = APIRouter(
    prefix="/recordings",
    tags=["stewardship"],
    responses={**ERRORS, 409: {"model": ErrorBody, "description": "state does not allow it"}},
)


def _dpo_recording(
    rt: Runtime, session: Session, principal: Principal, recording_id: str, what: str
) -> Recording:
    access.require_role(principal, access.DPO_ONLY, what)
    return access.check_recording(principal, rt.policy, session.get(Recording, recording_id))


def _hold(rec: Recording) -> LegalHoldRead:
    return LegalHoldRead(recording_id=rec.id, legal_hold=rec.legal_hold,
                         reference=rec.legal_hold_ref, since=rec.legal_hold_since)  # fmt: skip


@router.post("/{recording_id}/legal-hold", dependencies=[Depends(audited("legal_hold.set"))])
def place_hold(
    recording_id: str, body: LegalHoldCreate, rt: RuntimeDep, session: SessionDep,
    principal: CurrentPrincipal, audit: AuditCtx,
) -> LegalHoldRead:  # fmt: skip
    """Freeze the recording: purge and erasure skip it until the hold is lifted."""
    rec = holds.place(session, principal, rt.policy, recording_id, body.reference, rt.clock.now())
    audit.tenant = rec.tenant
    rt.audit.append(session, audit.entry("ok", f"ref={body.reference}"[:128]))
    return _hold(rec)


@router.delete("/{recording_id}/legal-hold", dependencies=[Depends(audited("legal_hold.lift"))])
def lift_hold(
    recording_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> LegalHoldRead:  # fmt: skip
    rec = holds.lift(session, principal, rt.policy, recording_id)
    audit.tenant = rec.tenant
    rt.audit.append(session, audit.entry("ok"))
    return _hold(rec)


@router.post(
    "/{recording_id}/transcript/rectifications", status_code=201,
    dependencies=[Depends(audited("transcript.rectify"))],
)  # fmt: skip
def rectify(
    recording_id: str, body: RectificationCreate, rt: RuntimeDep, session: SessionDep,
    principal: CurrentPrincipal, audit: AuditCtx,
) -> TranscriptVersions:  # fmt: skip
    """Store corrected segments as a new transcript version; earlier versions stay (DPO)."""
    rec = apply_rectification(rt, session, principal, recording_id, body)
    audit.tenant, audit.variant = rec.tenant, Variant.ORIGINAL
    rt.audit.append(session, audit.entry("ok", f"segments={len(body.corrections)}"))
    return versions(rec)


@router.get(
    "/{recording_id}/transcript/versions",
    dependencies=[Depends(audited("transcript.versions"))],
)
def list_versions(
    recording_id: str, rt: RuntimeDep, session: SessionDep, principal: CurrentPrincipal,
    audit: AuditCtx,
) -> TranscriptVersions:  # fmt: skip
    rec = _dpo_recording(rt, session, principal, recording_id, "list transcript versions")
    audit.tenant = rec.tenant
    rt.audit.append(session, audit.entry("ok"))
    return versions(rec)


@router.get(
    "/{recording_id}/transcript/versions/{version}",
    dependencies=[Depends(audited("transcript"))],
)
def get_version(
    recording_id: str, version: int, rt: RuntimeDep, session: SessionDep,
    principal: CurrentPrincipal, audit: AuditCtx, variant: Variant = Variant.ORIGINAL,
) -> dict[str, Any]:  # fmt: skip
    """An earlier (or the current) version of a transcript, for the DPO's audit of a rectification."""
    rec = _dpo_recording(rt, session, principal, recording_id, "read earlier transcript versions")
    audit.tenant, audit.variant = rec.tenant, variant
    data = transcript_version(rt, rec, variant, version)
    rt.audit.append(session, audit.entry("ok", f"version={version}"))
    return data
