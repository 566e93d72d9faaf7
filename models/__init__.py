"""Data model (SQLAlchemy 2): recordings, purposes, encrypted artefacts, users, audit chain.

The pipeline never imports this package; services in `callvault.vault` do, and own no transaction:
they flush, the caller (a request or a task) commits.
"""

from models.audit import GENESIS, AuditEvent, AuditHead
from models.base import Base, new_id, utcnow
from models.governance import AccessRequest, AccessStatus, SubjectRestriction, Tombstone
from models.recording import Artefact, ArtefactKind, Recording, RecordingPurpose, RecordingStatus
from models.user import ALL_TENANTS, Role, User

__all__ = [
    "ALL_TENANTS",
    "GENESIS",
    "AccessRequest",
    "AccessStatus",
    "Artefact",
    "ArtefactKind",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Recording",
    "RecordingPurpose",
    "RecordingStatus",
    "Role",
    "SubjectRestriction",
    "Tombstone",
    "User",
    "new_id",
    "utcnow",
]
