"""Art. 16 rectification: a corrected transcript becomes a new version; the old one stays.

The original transcript gets the corrected text for the named segments. Those segments lose their
word timings (the correction was typed, not heard, so nothing aligns it to the audio), and in the
new version of the redacted transcript their text is withheld entirely: it has not been through
detection, and fail closed means a reviewer sees no unscanned words. The audio is not touched.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from callvault.runtime import Runtime
from callvault.vault.access import DPO_ONLY, check_recording, require_role
from callvault.vault.errors import ConflictError, InvalidInputError, NotFoundError
from callvault.vault.gov_schemas import RectificationCreate, TranscriptVersion, TranscriptVersions
from callvault.vault.identity import Principal
from callvault.vault.policy import Variant
from models import ArtefactKind, Recording

WITHHELD = "[RECTIFIED: withheld]"


@dataclass(frozen=True)
class Correction:
    channel: int
    segment: int
    text: str


def _segment(doc: dict[str, Any], c: Correction, i: int) -> dict[str, Any]:
    channels = {ch["channel"]: ch for ch in doc.get("channels", [])}
    ch = channels.get(c.channel)
    if ch is None:
        raise InvalidInputError(f"corrections[{i}].channel: no such channel",
                                field=f"corrections[{i}].channel")  # fmt: skip
    if not 0 <= c.segment < len(ch["segments"]):
        raise InvalidInputError(f"corrections[{i}].segment: no such segment",
                                field=f"corrections[{i}].segment")  # fmt: skip
    seg: dict[str, Any] = ch["segments"][c.segment]
    return seg


def rectify(
    original: bytes, redacted: bytes | None, corrections: list[Correction], *, version: int,
    actor: str, now: datetime,
) -> tuple[bytes, bytes | None]:  # fmt: skip
    """The next versions of the original and redacted transcripts, as JSON bytes."""
    if not corrections:
        raise InvalidInputError("corrections: at least one", field="corrections")
    doc = json.loads(original)
    red = json.loads(redacted) if redacted is not None else None
    if doc.get("schema") != "callvault.transcript/1":
        raise ConflictError("transcript has an unknown format; cannot rectify")
    for i, c in enumerate(corrections):
        seg = _segment(doc, c, i)
        seg.update(text=c.text, words=[], rectified=True)
        if red is not None:
            rseg = _segment(red, c, i)
            rseg.update(text=WITHHELD, words=[], rectified=True)
    changed = [{"channel": c.channel, "segment": c.segment} for c in corrections]
    history = {"version": version, "at": now.isoformat(), "by": actor, "segments": changed}
    doc.setdefault("rectifications", []).append(history)
    doc["version"] = version
    out_red = None
    if red is not None:
        red.setdefault("rectifications", []).append(history)
        red["version"] = version
        out_red = json.dumps(red, ensure_ascii=False).encode()
    return json.dumps(doc, ensure_ascii=False).encode(), out_red


def apply_rectification(
    rt: Runtime, session: Session, principal: Principal, recording_id: str,
    body: RectificationCreate,
) -> Recording:  # fmt: skip
    """Stage the new versions, then record them in the caller's transaction. Should that
    transaction not commit, the staged objects stay behind unreadable: their data keys existed
    only in the rows that were rolled back."""
    require_role(principal, DPO_ONLY, "rectify transcripts")
    rec = check_recording(principal, rt.policy, session.get(Recording, recording_id,
                                                            with_for_update=True))
    current = rec.artefact(ArtefactKind.ORIGINAL_TRANSCRIPT)
    if current is None:
        raise ConflictError("recording has no transcript (not processed)")
    red = rec.artefact(ArtefactKind.REDACTED_TRANSCRIPT)
    now = rt.clock.now()
    corrections = [Correction(c.channel, c.segment, c.text) for c in body.corrections]
    new_orig, new_red = rectify(
        rt.artefacts.read_all(current), rt.artefacts.read_all(red) if red else None, corrections,
        version=current.version + 1, actor=principal.id, now=now,
    )  # fmt: skip
    staged = []
    try:
        with tempfile.TemporaryDirectory(dir=rt.work_dir, prefix=f"{rec.id}-rectify-") as tmp:
            for kind, data in ((ArtefactKind.ORIGINAL_TRANSCRIPT, new_orig),
                               (ArtefactKind.REDACTED_TRANSCRIPT, new_red)):  # fmt: skip
                if data is None:
                    continue
                path = Path(tmp) / kind.value
                path.write_bytes(data)
                staged.append(rt.artefacts.stage(rec, kind, path, "application/json"))
        for st in staged:
            rt.artefacts.add_version(session, rec, st, now)
    except BaseException:
        for st in staged:
            rt.artefacts.store.delete(st.ref.storage_key)
        raise
    return rec


def versions(rec: Recording) -> TranscriptVersions:
    return TranscriptVersions(
        recording_id=rec.id,
        versions=[
            TranscriptVersion(version=a.version, created_at=a.created_at,
                              superseded_at=a.superseded_at, sha256=a.sha256)
            for a in rec.versions(ArtefactKind.ORIGINAL_TRANSCRIPT)
        ],
    )  # fmt: skip


def transcript_version(rt: Runtime, rec: Recording, variant: Variant, version: int) -> dict[str, Any]:
    kind = (ArtefactKind.ORIGINAL_TRANSCRIPT if variant is Variant.ORIGINAL
            else ArtefactKind.REDACTED_TRANSCRIPT)  # fmt: skip
    art = next((a for a in rec.versions(kind) if a.version == version), None)
    if art is None:
        raise NotFoundError("no such transcript version")
    data: dict[str, Any] = json.loads(rt.artefacts.read_all(art))
    return data
