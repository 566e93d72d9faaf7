"""Governance records: access requests and grants, tombstones of deleted recordings, restrictions.

None of these rows holds personal data in clear. A tombstone proves that a recording existed and was
deleted (ids, purposes, dates, digests) without keeping anything that would identify its caller.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, new_id, utcnow


class AccessStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    REVOKED = "revoked"


class AccessRequest(Base):
    """A request for the unredacted original; once approved, a grant until `expires_at`.

    Deleted with its recording: a justification is free text and may describe the caller. The
    audit log keeps the request's id, outcome and purpose for the records of processing.
    """

    __tablename__ = "access_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    recording_id: Mapped[str] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), index=True
    )
    requester_id: Mapped[str] = mapped_column(String(64), index=True)
    requester_role: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(64))
    justification: Mapped[str] = mapped_column(Text)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=AccessStatus.PENDING, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    art9_condition: Mapped[str | None] = mapped_column(String(64))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Tombstone(Base):
    """What remains of a deleted recording. `pending_keys` lists stored objects still to delete:
    the data keys are destroyed when the tombstone is committed, the bytes follow (resumable)."""

    __tablename__ = "tombstones"

    recording_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(String(32), index=True)
    request_ref: Mapped[str | None] = mapped_column(String(36))
    purposes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retention_until: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    deleted_by: Mapped[str] = mapped_column(String(64))
    original_sha256: Mapped[str] = mapped_column(String(64))
    artefacts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    special_category: Mapped[bool] = mapped_column(default=False)
    entity_counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    pending_keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SubjectRestriction(Base):
    """Art. 18: a subject (by keyed hash) whose recordings only the DPO may access, new ones too."""

    __tablename__ = "subject_restrictions"
    __table_args__ = (UniqueConstraint("tenant", "kind", "subject_hash", name="tenant_subject"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64))
