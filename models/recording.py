"""Recordings, the purposes they are kept for, and the encrypted artefacts derived from them.

No column holds a customer's phone, e-mail or id in clear: they are keyed hashes (HMAC) so a
data-subject request can find a caller's recordings while a database dump reveals nobody.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, new_id, utcnow


class RecordingStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    READY = "ready"
    FAILED = "failed"


class ArtefactKind(StrEnum):
    ORIGINAL_AUDIO = "original_audio"
    REDACTED_AUDIO = "redacted_audio"
    ORIGINAL_TRANSCRIPT = "original_transcript"
    REDACTED_TRANSCRIPT = "redacted_transcript"
    REPORT = "report"


class Recording(Base):
    __tablename__ = "recordings"
    __table_args__ = (UniqueConstraint("tenant", "call_id", name="tenant_call"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    call_id: Mapped[str] = mapped_column(String(128))
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    agent_id: Mapped[str | None] = mapped_column(String(128), index=True)
    customer_phone_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    customer_email_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    customer_ref_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    channel_layout: Mapped[str] = mapped_column(String(32), default="mono")
    consents: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    special_category: Mapped[bool] = mapped_column(Boolean, default=False)
    retention_until: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), default=RecordingStatus.QUEUED, index=True)
    stage: Mapped[str | None] = mapped_column(String(32))
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error_code: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    content_type: Mapped[str] = mapped_column(String(64))
    original_sha256: Mapped[str] = mapped_column(String(64))
    original_size: Mapped[int] = mapped_column(Integer)
    duration: Mapped[float | None] = mapped_column(Float)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    entity_counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Governance (issue 4). A legal hold freezes the recording: purge and erasure skip it.
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    legal_hold_ref: Mapped[str | None] = mapped_column(String(128))
    legal_hold_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    legal_hold_by: Mapped[str | None] = mapped_column(String(36))
    # Art. 18 restriction of a subject of this call: nobody but the DPO may access it.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # PCI DSS: card numbers and security codes were cut from the stored original as well.
    pci_stripped: Mapped[bool] = mapped_column(Boolean, default=False)

    purposes: Mapped[list[RecordingPurpose]] = relationship(
        back_populates="recording", cascade="all, delete-orphan", lazy="selectin",
        order_by="RecordingPurpose.purpose",
    )
    artefacts: Mapped[list[Artefact]] = relationship(
        back_populates="recording", cascade="all, delete-orphan", lazy="selectin"
    )

    def purpose_names(self) -> list[str]:
        return [p.purpose for p in self.purposes]

    def artefact(self, kind: ArtefactKind) -> Artefact | None:
        """The current version of `kind` (earlier versions of a rectified transcript stay)."""
        return next(
            (a for a in self.artefacts if a.kind == kind and a.superseded_at is None), None
        )

    def versions(self, kind: ArtefactKind) -> list[Artefact]:
        return sorted((a for a in self.artefacts if a.kind == kind), key=lambda a: a.version)


class RecordingPurpose(Base):
    """One purpose per row: each has its own legal basis and retention, and can expire alone."""

    __tablename__ = "recording_purposes"

    recording_id: Mapped[str] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), primary_key=True
    )
    purpose: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    legal_basis: Mapped[str] = mapped_column(String(32))
    retention_until: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    recording: Mapped[Recording] = relationship(back_populates="purposes")

    def record(self) -> dict[str, str]:
        """As written into a tombstone and a subject export: it outlives the row."""
        return {"purpose": self.purpose, "legal_basis": self.legal_basis,
                "retention_until": self.retention_until.isoformat()}  # fmt: skip


class Artefact(Base):
    """An encrypted object in storage; its data key lives here, wrapped by the master key.

    Deleting the row destroys the only copy of the data key, so the stored bytes become unreadable
    even if a storage backend keeps a deleted version (crypto-shredding).
    """

    __tablename__ = "artefacts"
    __table_args__ = (
        UniqueConstraint("recording_id", "kind", "version", name="recording_kind_version"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    recording_id: Mapped[str] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=1)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    kek_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recording: Mapped[Recording] = relationship(back_populates="artefacts")
