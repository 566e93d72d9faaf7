"""GDPR Art. 30 records of processing, computed from the live tables, tombstones and audit log.

Counts only: what is held now per purpose (and which categories of data were detected in it), and
what happened in the period (grants, uses of originals, purposes expired, purges, erasures). The
audit log and tombstones outlive the recordings, so a period's figures stay true after deletion.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from callvault.vault.access import AUDIT_ROLES, require_role, tenant_filter
from callvault.vault.identity import Principal
from callvault.vault.policy import Policy, Variant
from models import AuditEvent, Recording, RecordingPurpose, Role, Tombstone

SECURITY_MEASURES = [
    "AES-256-GCM per artefact, data keys wrapped by a master key (crypto-shredding on deletion)",
    "redaction of personal data in audio and transcripts before any reviewer access",
    "originals only under DPO-approved, time-limited, per-use audited grants",
    "card numbers and security codes removed from stored originals (PCI DSS)",
    "hash-chained, keyed audit log of every access, allowed or refused",
]
DATA_SUBJECTS = ["callers (customers and prospects)", "contact-centre agents (employees)"]
ORIGINAL_USE = ("play", "download", "transcript")


def _audit_counts(session: Session, principal: Principal, start: datetime, end: datetime,
                  *conds: ColumnElement[bool]) -> Counter[str]:  # fmt: skip
    stmt = (
        select(AuditEvent.purpose, func.count())
        .where(AuditEvent.at >= start, AuditEvent.at < end, AuditEvent.outcome == "ok", *conds)
        .group_by(AuditEvent.purpose)
    )
    scope = tenant_filter(principal, AuditEvent.tenant)
    if scope is not None:
        stmt = stmt.where(scope)
    return Counter({p: n for p, n in session.execute(stmt) if p is not None})


def processing_report(
    session: Session, policy: Policy, principal: Principal, start: datetime, end: datetime
) -> dict[str, Any]:
    require_role(principal, AUDIT_ROLES, "read the records of processing")
    held = select(RecordingPurpose.purpose, Recording.entity_counts, Recording.special_category,
                  Recording.legal_hold, Recording.restricted).join(Recording)  # fmt: skip
    scope = tenant_filter(principal, Recording.tenant)
    if scope is not None:
        held = held.where(scope)
    now_counts: dict[str, Counter[str]] = defaultdict(Counter)
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    for purpose, entity_counts, special, hold, restricted in session.execute(held):
        c = now_counts[purpose]
        c.update(recordings=1, special_category=int(special), legal_hold=int(hold),
                 restricted=int(restricted))  # fmt: skip
        categories[purpose].update(entity_counts or {})
    grants = _audit_counts(session, principal, start, end, AuditEvent.action == "access.approve")
    uses = _audit_counts(session, principal, start, end, AuditEvent.variant == Variant.ORIGINAL,
                         AuditEvent.action.in_(ORIGINAL_USE))  # fmt: skip
    expired = _audit_counts(session, principal, start, end, AuditEvent.action == "retention.expire")
    tombs = select(Tombstone.reason, Tombstone.purposes).where(
        Tombstone.deleted_at >= start, Tombstone.deleted_at < end)  # fmt: skip
    scope = tenant_filter(principal, Tombstone.tenant)
    if scope is not None:
        tombs = tombs.where(scope)
    deleted: dict[str, Counter[str]] = defaultdict(Counter)
    for reason, purposes in session.execute(tombs):
        for p in purposes:
            deleted[p["purpose"]][reason] += 1
    recipients = {
        name: sorted(str(role) for role in Role if name in policy.allowed(role, Variant.REDACTED))
        for name in policy.purposes
    }
    names = sorted(set(policy.purposes) | set(now_counts) | set(deleted))
    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "data_subjects": DATA_SUBJECTS,
        "security_measures": SECURITY_MEASURES,
        "purposes": [
            {
                "purpose": name,
                "legal_basis": str(spec.legal_basis) if (spec := policy.spec(name)) else None,
                "retention_days": spec.retention_days if spec else None,
                "description": spec.description if spec else "",
                "recipients": recipients.get(name, []),
                "recordings": now_counts[name]["recordings"],
                "special_category_recordings": now_counts[name]["special_category"],
                "on_legal_hold": now_counts[name]["legal_hold"],
                "restricted": now_counts[name]["restricted"],
                "categories_detected": dict(sorted(categories[name].items())),
                "access_grants": grants[name],
                "original_accesses": uses[name],
                "purpose_expiries": expired[name],
                "purged": deleted[name]["retention_expired"],
                "erased": deleted[name]["erasure_request"],
            }
            for name in names
        ],
    }
