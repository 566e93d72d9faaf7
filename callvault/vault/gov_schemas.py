"""Request and response shapes of the governance API (access grants, holds, subjects, reports)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from callvault.vault.schemas import Art9Condition, Ident, Phone, PurposeName, PurposeRead

Reason = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
MAX_GRANT_MINUTES = 7 * 24 * 60


class AccessRequestCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recording_id: Annotated[str, StringConstraints(min_length=1, max_length=36)]
    justification: Annotated[str, StringConstraints(min_length=10, max_length=2000)] = Field(
        description="why the original is needed; read by the DPO, never logged"
    )
    duration_minutes: int = Field(ge=1, le=MAX_GRANT_MINUTES, description="grant length once approved")
    purpose: PurposeName | None = Field(None, description="default: one of the caller's purposes")


class AccessDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason | None = None
    art9_condition: Art9Condition | None = Field(
        None, description="required to approve a special-category recording without one recorded"
    )


class AccessRequestRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    tenant: str
    recording_id: str
    requester_id: str
    requester_role: str
    purpose: str
    justification: str
    duration_minutes: int
    status: str
    created_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    art9_condition: str | None
    expires_at: datetime | None
    revoked_at: datetime | None


class AccessRequestPage(BaseModel):
    items: list[AccessRequestRead]


class LegalHoldCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reference: Ident = Field(description="case or matter reference (an id, not a description)")


class LegalHoldRead(BaseModel):
    recording_id: str
    legal_hold: bool
    reference: str | None
    since: datetime | None


class SubjectQuery(BaseModel):
    """Who: at least one identifier. A phone number matches in any notation (+32…, 0032…)."""

    model_config = ConfigDict(extra="forbid")

    phone: Phone | None = None
    email: EmailStr | None = None
    customer_id: Annotated[str, StringConstraints(min_length=1, max_length=128)] | None = None
    agent_id: Ident | None = Field(None, description="an employee is a data subject too")
    tenant: Ident | None = Field(None, description="default: every tenant the DPO acts for")

    @model_validator(mode="after")
    def _one_identifier(self) -> SubjectQuery:
        if not any((self.phone, self.email, self.customer_id, self.agent_id)):
            raise ValueError("give at least one of phone, email, customer_id, agent_id")
        return self


class SubjectErase(SubjectQuery):
    dry_run: bool = Field(False, description="report what would go and stay; change nothing")


class SubjectRecording(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    tenant: str
    call_id: str
    started_at: datetime | None
    status: str
    purposes: list[PurposeRead]
    special_category: bool
    legal_hold: bool
    restricted: bool


class SubjectSearchResult(BaseModel):
    matched_by: list[str]
    items: list[SubjectRecording]


class DeletedArtefact(BaseModel):
    kind: str
    version: int
    sha256: str
    size: int


class ErasedRecording(BaseModel):
    recording_id: str
    tenant: str
    artefacts: list[DeletedArtefact]


class KeptRecording(BaseModel):
    recording_id: str
    tenant: str
    reason: str = Field(description="legal_hold or legal_obligation")
    dropped_purposes: list[str]


class ErasureReport(BaseModel):
    erasure_id: str
    at: datetime
    dry_run: bool
    erased: list[ErasedRecording]
    kept: list[KeptRecording]
    storage_pending: list[str] = Field(description="keys destroyed; bytes deleted by the next purge")


class RestrictionResult(BaseModel):
    restricted: bool
    recordings: list[str]


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: int = Field(ge=0, le=7)
    segment: int = Field(ge=0)
    text: Annotated[str, StringConstraints(min_length=1, max_length=5000)]


class RectificationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    corrections: list[CorrectionIn] = Field(min_length=1, max_length=500)


class TranscriptVersion(BaseModel):
    version: int
    created_at: datetime
    superseded_at: datetime | None
    sha256: str


class TranscriptVersions(BaseModel):
    recording_id: str
    versions: list[TranscriptVersion]
