"""People and service accounts that call the API, with one role and the tenants they act for.

Only a SHA-256 of an API key is stored: keys are 256-bit random, so a fast hash is enough to make a
leaked table useless, and lookups stay a single indexed equality.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, new_id, utcnow


class Role(StrEnum):
    INGEST = "ingest"
    REVIEWER = "reviewer"
    SUPERVISOR = "supervisor"
    DPO = "dpo"
    AUDITOR = "auditor"
    ADMIN = "admin"


ALL_TENANTS = "*"


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    tenants: Mapped[list[str]] = mapped_column(JSON, default=list)
    service_account: Mapped[bool] = mapped_column(Boolean, default=False)
    api_key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key_prefix: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
