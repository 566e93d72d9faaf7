"""The read path of content requests: one recording, one artefact, as frozen values.

Playback sends many small ranged requests, each authorised and audited. Loading the ORM graph
(recording, purposes, artefacts) for each costs three queries and object construction; this path
reads exactly the columns the access decision and the decryption need, in two Core queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from models import Artefact, ArtefactKind, Recording, RecordingPurpose


@dataclass(frozen=True)
class ArtefactRef:
    id: str
    storage_key: str
    content_type: str
    size: int
    sha256: str
    wrapped_key: bytes
    kek_id: str


@dataclass(frozen=True)
class ContentTarget:
    id: str
    tenant: str
    status: str
    purposes: tuple[str, ...]
    artefact: ArtefactRef | None

    def purpose_names(self) -> list[str]:
        return list(self.purposes)


def load_target(session: Session, recording_id: str, kind: ArtefactKind) -> ContentTarget | None:
    a = Artefact
    row = session.execute(
        select(Recording.tenant, Recording.status, a.id, a.storage_key, a.content_type, a.size,
               a.sha256, a.wrapped_key, a.kek_id)
        .outerjoin(a, and_(a.recording_id == Recording.id, a.kind == kind))
        .where(Recording.id == recording_id)
    ).first()  # fmt: skip
    if row is None:
        return None
    purposes = session.scalars(
        select(RecordingPurpose.purpose)
        .where(RecordingPurpose.recording_id == recording_id)
        .order_by(RecordingPurpose.purpose)
    ).all()
    artefact = None if row[2] is None else ArtefactRef(*row[2:])
    return ContentTarget(recording_id, row.tenant, row.status, tuple(purposes), artefact)
