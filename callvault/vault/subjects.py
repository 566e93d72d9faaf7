"""Data-subject rights (GDPR Art. 15–18, 20) by phone, e-mail, customer id or agent id.

Callers are found by the keyed hashes stored at upload, never by a clear value: the identifier in a
request is hashed with the same key and normalisation, then compared. Agents are data subjects too
(their voices and names are in every call they take), so an agent id is an identifier as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, or_, select
from sqlalchemy.orm import Session

from callvault.crypto import Keyring
from callvault.vault.access import DPO_ONLY, require_role, tenant_filter
from callvault.vault.artefacts import object_tags
from callvault.vault.errors import ForbiddenError
from callvault.vault.identity import Principal
from callvault.vault.policy import LegalBasis
from callvault.vault.shred import shred
from models import ALL_TENANTS, Recording, SubjectRestriction, Tombstone

HASHED = {"phone": "customer_phone_hash", "email": "customer_email_hash",
          "customer_id": "customer_ref_hash"}  # fmt: skip


@dataclass(frozen=True)
class Subject:
    """A data subject as the database knows them: (kind, keyed hash or agent id) pairs."""

    tenant: str | None  # None: every tenant the DPO acts for
    keys: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, keyring: Keyring, tenant: str | None, **identifiers: str | None) -> Subject:
        keys = []
        for kind, value in identifiers.items():
            if value is None:
                continue
            keys.append((kind, value if kind == "agent_id" else keyring.lookup_hash(kind, value)))
        return cls(tenant, tuple(keys))

    @property
    def kinds(self) -> list[str]:
        return [k for k, _ in self.keys]

    def matches(self) -> ColumnElement[bool]:
        conds = [
            Recording.agent_id == v if k == "agent_id" else getattr(Recording, HASHED[k]) == v
            for k, v in self.keys
        ]
        return or_(*conds)


def _scope(principal: Principal, subject: Subject) -> ColumnElement[bool] | None:
    require_role(principal, DPO_ONLY, "act on data-subject requests")
    if subject.tenant is not None:
        if not principal.in_tenant(subject.tenant):
            raise ForbiddenError("the DPO does not act for this tenant")
        return Recording.tenant == subject.tenant
    return tenant_filter(principal, Recording.tenant)


def find(session: Session, principal: Principal, subject: Subject, *, lock: bool = False
         ) -> list[Recording]:  # fmt: skip
    stmt = select(Recording).where(subject.matches())
    scope = _scope(principal, subject)
    if scope is not None:
        stmt = stmt.where(scope)
    stmt = stmt.order_by(Recording.started_at, Recording.id)
    if lock:
        stmt = stmt.with_for_update()
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class ErasureItem:
    recording_id: str
    tenant: str
    outcome: str  # erased | kept
    reason: str  # erasure_request | legal_hold | legal_obligation
    dropped_purposes: tuple[str, ...] = ()
    tombstone: Tombstone | None = None
    retag: tuple[tuple[str, ...], dict[str, str]] | None = None  # storage keys, new object tags


def erase(
    session: Session, principal: Principal, subject: Subject, erasure_id: str, now: datetime
) -> list[ErasureItem]:
    """Art. 17: shred every recording of the subject except those on legal hold (kept whole) and
    those a legal obligation still requires (kept, with every other purpose dropped)."""
    out = []
    for rec in find(session, principal, subject, lock=True):
        if rec.legal_hold:
            out.append(ErasureItem(rec.id, rec.tenant, "kept", "legal_hold"))
            continue
        obliged = [p for p in rec.purposes if p.legal_basis == LegalBasis.LEGAL_OBLIGATION
                   and p.retention_until > now]  # fmt: skip
        if obliged:
            dropped = tuple(p.purpose for p in rec.purposes if p not in obliged)
            for p in [p for p in rec.purposes if p not in obliged]:
                rec.purposes.remove(p)
            rec.retention_until = max(p.retention_until for p in obliged)
            retag = (tuple(a.storage_key for a in rec.artefacts), object_tags(rec))
            out.append(ErasureItem(rec.id, rec.tenant, "kept", "legal_obligation", dropped,
                                   retag=retag))  # fmt: skip
            continue
        tomb = shred(session, rec, reason="erasure_request", actor=principal.id, now=now,
                     request_ref=erasure_id)  # fmt: skip
        out.append(ErasureItem(rec.id, rec.tenant, "erased", "erasure_request", tombstone=tomb))
    session.flush()
    return out


def restrict(
    session: Session, principal: Principal, subject: Subject, now: datetime
) -> list[Recording]:
    """Art. 18: recorded per subject, so recordings uploaded later are restricted at upload too."""
    recs = find(session, principal, subject, lock=True)
    for tenant in _tenants(principal, subject):
        for kind, value in subject.keys:
            exists = session.scalar(select(SubjectRestriction.id).where(
                SubjectRestriction.tenant == tenant, SubjectRestriction.kind == kind,
                SubjectRestriction.subject_hash == value))  # fmt: skip
            if exists is None:
                session.add(SubjectRestriction(tenant=tenant, kind=kind, subject_hash=value,
                                               created_at=now, created_by=principal.id))
    for rec in recs:
        rec.restricted = True
    session.flush()
    return recs


def lift(session: Session, principal: Principal, subject: Subject) -> list[Recording]:
    recs = find(session, principal, subject, lock=True)
    for kind, value in subject.keys:
        session.execute(delete(SubjectRestriction).where(
            SubjectRestriction.tenant.in_(_tenants(principal, subject)),
            SubjectRestriction.kind == kind, SubjectRestriction.subject_hash == value))  # fmt: skip
    session.flush()
    for rec in recs:  # another restricted subject of the same call keeps it restricted
        rec.restricted = is_restricted(session, rec)
    session.flush()
    return recs


def _tenants(principal: Principal, subject: Subject) -> list[str]:
    """Where a restriction is recorded: the named tenant, else each the DPO acts for ("*" only
    for a DPO of every tenant), so it never reaches a tenant the DPO does not act for."""
    return [subject.tenant] if subject.tenant is not None else sorted(principal.tenants)


def is_restricted(session: Session, rec: Recording) -> bool:
    """Whether any subject of this recording is under an Art. 18 restriction."""
    pairs = [(kind, getattr(rec, column)) for kind, column in HASHED.items()]
    pairs.append(("agent_id", rec.agent_id))
    conds = [
        and_(SubjectRestriction.kind == kind, SubjectRestriction.subject_hash == value)
        for kind, value in pairs
        if value is not None
    ]
    if not conds:
        return False
    stmt = select(SubjectRestriction.id).where(
        SubjectRestriction.tenant.in_([rec.tenant, ALL_TENANTS]), or_(*conds)
    )
    return session.scalar(stmt.limit(1)) is not None
