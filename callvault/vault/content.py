"""The read path of content requests: one recording, one artefact, as frozen values.

Playback sends many small ranged requests, each authorised and audited. Loading the ORM graph
(recording, purposes, artefacts) for each costs three queries and object construction; this path
reads exactly the columns the access decision and the decryption need, in two Core queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, select
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
    restricted: bool
    special_category: bool
    consents: dict[str, Any]
    purposes: tuple[str, ...]
    artefact: ArtefactRef | None

    def purpose_names(self) -> list[str]:
        return list(self.purposes)


_R = cast(Table, Recording.__table__)
_A = cast(Table, Artefact.__table__)
_P = cast(Table, RecordingPurpose.__table__)
_TARGET = (
    select(_R.c.tenant, _R.c.status, _R.c.restricted, _R.c.special_category, _R.c.consents,
           _A.c.id, _A.c.storage_key, _A.c.content_type, _A.c.size, _A.c.sha256, _A.c.wrapped_key,
           _A.c.kek_id)
    .select_from(_R.outerjoin(_A, and_(_A.c.recording_id == _R.c.id, _A.c.kind == bindparam("kind"),
                                       _A.c.superseded_at.is_(None))))
    .where(_R.c.id == bindparam("rid"))
)  # fmt: skip
_PURPOSES = select(_P.c.purpose).where(_P.c.recording_id == bindparam("rid")).order_by(_P.c.purpose)


def load_target(session: Session, recording_id: str, kind: ArtefactKind) -> ContentTarget | None:
    """Two prepared Core statements on the session's connection (no ORM compilation per call)."""
    conn = session.connection()
    row = conn.execute(_TARGET, {"rid": recording_id, "kind": kind.value}).first()
    if row is None:
        return None
    purposes = conn.execute(_PURPOSES, {"rid": recording_id}).scalars().all()
    artefact = None if row[5] is None else ArtefactRef(*tuple(row)[5:])
    return ContentTarget(recording_id, row[0], row[1], bool(row[2]), bool(row[3]), row[4] or {},
                         tuple(purposes), artefact)
