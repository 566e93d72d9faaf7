"""Request and response shapes: one model to create a recording, separate ones to read it.

The read models expose hashes' existence, never customer identifiers: once stored, a phone number
or e-mail is only ever a keyed hash, and no API returns it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$")]
PurposeName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ().-]{4,32}$")]


class ChannelLayout(StrEnum):
    MONO = "mono"
    STEREO_AGENT_LEFT = "stereo_agent_left"
    STEREO_AGENT_RIGHT = "stereo_agent_right"

    @property
    def agent_channel(self) -> int:
        return 1 if self is ChannelLayout.STEREO_AGENT_RIGHT else 0


class Art9Condition(StrEnum):
    """GDPR Art. 9(2) conditions that allow processing special-category data."""

    EXPLICIT_CONSENT = "explicit_consent"  # (a)
    EMPLOYMENT_SOCIAL_SECURITY = "employment_social_security"  # (b)
    VITAL_INTERESTS = "vital_interests"  # (c)
    MANIFESTLY_PUBLIC = "manifestly_public"  # (e)
    LEGAL_CLAIMS = "legal_claims"  # (f)
    SUBSTANTIAL_PUBLIC_INTEREST = "substantial_public_interest"  # (g)
    HEALTH_CARE = "health_care"  # (h)


class Customer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone: Phone | None = None
    email: EmailStr | None = None
    id: Annotated[str, StringConstraints(min_length=1, max_length=128)] | None = None


class RecordingCreate(BaseModel):
    """The `metadata` part of an upload."""

    model_config = ConfigDict(extra="forbid")

    call_id: Ident
    purposes: list[PurposeName] = Field(min_length=1, max_length=16)
    tenant: Ident | None = Field(None, description="needed when the uploader acts for several")
    started_at: AwareDatetime | None = Field(None, description="call start; default: upload time")
    agent_id: Ident | None = None
    customer: Customer = Field(default_factory=Customer)
    channel_layout: ChannelLayout = ChannelLayout.MONO
    consents: dict[PurposeName, bool] = Field(
        default_factory=dict, description="consent recorded per purpose (for consent-based ones)"
    )
    art9_condition: Art9Condition | None = Field(
        None, description="the Art. 9(2) condition covering special-category data, if any"
    )


class RecordingAccepted(BaseModel):
    id: str
    status: str


class PurposeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    purpose: str
    legal_basis: str
    retention_until: datetime


class RecordingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    tenant: str
    call_id: str
    started_at: datetime | None
    agent_id: str | None
    channel_layout: str
    purposes: list[PurposeRead]
    special_category: bool
    retention_until: datetime
    status: str
    stage: str | None
    progress: float
    error_code: str | None
    content_type: str
    original_sha256: str
    original_size: int
    duration: float | None
    languages: list[str]
    entity_counts: dict[str, int]
    created_at: datetime
    processed_at: datetime | None
    legal_hold: bool
    restricted: bool
    pci_stripped: bool = Field(description="card data was removed from the stored original too")


class RecordingPage(BaseModel):
    items: list[RecordingRead]
    total: int
    limit: int
    offset: int


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    at: datetime
    actor_id: str | None
    actor_role: str
    tenant: str | None
    action: str
    recording_id: str | None
    purpose: str | None
    variant: str | None
    client: str | None
    outcome: str
    detail: str | None
    request_id: str | None
    hash: str


class AuditPage(BaseModel):
    items: list[AuditEventRead]
    next_after: int | None


class AuditVerifyRead(BaseModel):
    ok: bool
    checked: int
    first_bad_seq: int | None
    reason: str | None


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None


class ErrorBody(BaseModel):
    """Every error response: ids, field names and reasons only, never a submitted value."""

    error: ErrorDetail
