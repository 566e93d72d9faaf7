"""Art. 15/20: a subject's recordings as one zip, a portable copy a DPO can hand over.

Each recording contributes its original audio and its original transcript (the current, possibly
rectified version; both with card data already removed, PCI DSS), plus an entry in
`manifest.json` with purposes, legal bases, retention dates and categories of data detected. The
zip is written to a temporary file and streamed: a two-hour WAV never sits in memory.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from callvault.vault.artefacts import ArtefactStore
from callvault.vault.recordings import AUDIO_EXTENSIONS
from callvault.vault.subjects import Subject
from models import ArtefactKind, Recording

FORMAT = "callvault.subject-export/1"


def write_export(
    artefacts: ArtefactStore, recordings: list[Recording], subject: Subject, target: Path,
    now: datetime, requested_by: str,
) -> dict[str, Any]:  # fmt: skip
    """Write the zip to `target`; returns the manifest (also inside the zip)."""
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "generated_at": now.isoformat(),
        "generated_by": requested_by,
        "matched_by": subject.kinds,
        "recordings": [],
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rec in recordings:
            manifest["recordings"].append(_add_recording(zf, artefacts, rec, subject))
        zf.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def _add_recording(
    zf: zipfile.ZipFile, artefacts: ArtefactStore, rec: Recording, subject: Subject
) -> dict[str, Any]:
    files = []
    wanted = [(ArtefactKind.ORIGINAL_AUDIO, f"audio.{AUDIO_EXTENSIONS.get(rec.content_type, 'bin')}"),
              (ArtefactKind.ORIGINAL_TRANSCRIPT, "transcript.json")]  # fmt: skip
    for kind, name in wanted:
        art = rec.artefact(kind)
        if art is None:
            continue
        path = f"recordings/{rec.id}/{name}"
        digest = hashlib.sha256()
        with zf.open(path, "w", force_zip64=True) as out:
            for piece in artefacts.iter_range(art, 0, art.size - 1):
                digest.update(piece)
                out.write(piece)
        files.append({"path": path, "kind": kind.value, "version": art.version,
                      "sha256": digest.hexdigest()})  # fmt: skip
    entry: dict[str, Any] = {
        "recording_id": rec.id,
        "tenant": rec.tenant,
        "call_id": rec.call_id,
        "started_at": rec.started_at.isoformat() if rec.started_at else None,
        "duration_seconds": rec.duration,
        "languages": rec.languages,
        "status": rec.status,
        "purposes": [p.record() for p in rec.purposes],
        "categories_detected": dict(sorted(rec.entity_counts.items())),
        "special_category": rec.special_category,
        "card_data_removed_from_original": rec.pci_stripped,
        "legal_hold": rec.legal_hold,
        "restricted": rec.restricted,
        "files": files,
    }  # fmt: skip
    if "agent_id" in subject.kinds:  # another person's identifier only when it is the subject's
        entry["agent_id"] = rec.agent_id
    return entry
