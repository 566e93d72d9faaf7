"""Ingest and list recordings.

Ingest is split so that the slow part holds no database lock: `prepare` validates everything a
policy can object to (role, tenant, purposes, consent for consent-based purposes) before a byte is
stored; the caller then stages the encrypted original in storage, and `admit` adds the rows in a
short transaction. If that fails, the caller deletes the staged object: nothing half-ingested stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callvault.crypto import Keyring
from callvault.vault.access import visible
from callvault.vault.artefacts import ArtefactStore, Staged
from callvault.vault.errors import ConflictError, ForbiddenError, InvalidInputError
from callvault.vault.identity import Principal
from callvault.vault.policy import LegalBasis, Policy
from callvault.vault.schemas import RecordingCreate
from callvault.vault.subjects import is_restricted
from models import (
    ALL_TENANTS,
    Recording,
    RecordingPurpose,
    RecordingStatus,
    Role,
    new_id,
    utcnow,
)

# The containers the pipeline accepts, by the name ffprobe gives them, and how they are served.
AUDIO_CONTENT_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "flac": "audio/flac", "ogg": "audio/ogg"}
AUDIO_EXTENSIONS = {ctype: ext for ext, ctype in AUDIO_CONTENT_TYPES.items()}


@dataclass(frozen=True)
class Upload:
    """An upload already spooled to disk and probed as audio."""

    path: Path
    content_type: str
    size: int


def resolve_tenant(principal: Principal, requested: str | None) -> str:
    if requested is not None:
        if not principal.in_tenant(requested):
            raise ForbiddenError("uploader does not act for this tenant")
        return requested
    own = sorted(t for t in principal.tenants if t != ALL_TENANTS)
    if len(own) != 1:
        raise InvalidInputError("metadata.tenant: required for an uploader of several tenants",
                                field="metadata.tenant")
    return own[0]


def _check_purposes(policy: Policy, meta: RecordingCreate) -> None:
    for i, name in enumerate(meta.purposes):
        spec = policy.spec(name)
        if spec is None:
            raise InvalidInputError(f"metadata.purposes[{i}]: unknown purpose",
                                    field=f"metadata.purposes[{i}]")
        if spec.legal_basis is LegalBasis.CONSENT and not meta.consents.get(name):
            raise InvalidInputError(
                f"metadata.consents.{name}: purpose relies on consent, none recorded",
                field=f"metadata.consents.{name}",
            )
    if len(set(meta.purposes)) != len(meta.purposes):
        raise InvalidInputError("metadata.purposes: listed twice", field="metadata.purposes")


def prepare(
    keyring: Keyring,
    policy: Policy,
    principal: Principal,
    meta: RecordingCreate,
    upload: Upload,
    sha256: str,
    now: datetime | None = None,
) -> Recording:
    """Validate an upload against role, tenant and policy and build its (unsaved) recording."""
    if principal.role is not Role.INGEST:
        raise ForbiddenError(f"role {principal.role} may not upload")
    tenant = resolve_tenant(principal, meta.tenant)
    _check_purposes(policy, meta)
    now = now or utcnow()
    start = meta.started_at or now
    purposes = [
        RecordingPurpose(
            purpose=name,
            legal_basis=policy.purposes[name].legal_basis,
            retention_until=policy.retention_until(name, start),
        )
        for name in meta.purposes
    ]
    c = meta.customer
    return Recording(
        id=new_id(),
        tenant=tenant,
        call_id=meta.call_id,
        started_at=start,
        agent_id=meta.agent_id,
        customer_phone_hash=keyring.lookup_hash("phone", c.phone) if c.phone else None,
        customer_email_hash=keyring.lookup_hash("email", str(c.email)) if c.email else None,
        customer_ref_hash=keyring.lookup_hash("customer_id", c.id) if c.id else None,
        channel_layout=meta.channel_layout,
        consents={**meta.consents, "art9_condition": meta.art9_condition},
        retention_until=max(p.retention_until for p in purposes),
        status=RecordingStatus.QUEUED,
        content_type=upload.content_type,
        original_sha256=sha256,
        original_size=upload.size,
        created_by=principal.id,
        created_at=now,
        updated_at=now,
        purposes=purposes,
    )


def admit(session: Session, artefacts: ArtefactStore, recording: Recording, original: Staged) -> None:
    """Add a prepared recording with its staged original; a duplicate call id is 409.

    The caller deletes the staged object if this raises or its transaction does not commit.
    """
    duplicate = select(Recording.id).where(
        Recording.tenant == recording.tenant, Recording.call_id == recording.call_id
    )
    if session.scalar(duplicate) is not None:
        raise _duplicate()
    recording.restricted = is_restricted(session, recording)  # a subject restricted earlier
    session.add(recording)
    try:
        session.flush()
    except IntegrityError:  # the same call id committed meanwhile by a concurrent upload
        raise _duplicate() from None
    artefacts.attach(session, recording, original)


def _duplicate() -> ConflictError:
    return ConflictError("metadata.call_id: a recording with this call id exists",
                         field="metadata.call_id")


@dataclass(frozen=True)
class ListFilter:
    started_from: datetime | None = None
    started_to: datetime | None = None
    purpose: str | None = None
    status: RecordingStatus | None = None
    agent_id: str | None = None
    limit: int = 50
    offset: int = 0


def list_recordings(
    session: Session, principal: Principal, policy: Policy, f: ListFilter
) -> tuple[list[Recording], int]:
    stmt = visible(principal, policy)
    if f.started_from is not None:
        stmt = stmt.where(Recording.started_at >= f.started_from)
    if f.started_to is not None:
        stmt = stmt.where(Recording.started_at < f.started_to)
    if f.status is not None:
        stmt = stmt.where(Recording.status == f.status)
    if f.agent_id is not None:
        stmt = stmt.where(Recording.agent_id == f.agent_id)
    if f.purpose is not None:
        stmt = stmt.where(Recording.purposes.any(RecordingPurpose.purpose == f.purpose))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = stmt.order_by(Recording.started_at.desc(), Recording.id).limit(f.limit).offset(f.offset)
    return list(session.scalars(page)), total
