"""Encrypted artefacts: seal a file into storage, read plaintext ranges back out.

Encryption happens into a temporary file next to the plaintext, never in memory as a whole, so a
two-hour WAV costs a 64 KiB buffer. Reads fetch only the ciphertext chunks a range touches.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session

from callvault.crypto import HEADER_SIZE, Keyring, Layout, decrypt_chunks, encrypt_path, parse_header
from callvault.logging import get_logger
from callvault.storage import ObjectStore
from callvault.vault.content import ArtefactRef
from models import Artefact, ArtefactKind, Recording, new_id

log = get_logger("callvault.artefacts")
HEADER_CACHE = 4096
STREAM_CHUNKS = 4  # chunks fetched per storage request when streaming (256 KiB)


def storage_key(recording: Recording, kind: ArtefactKind, artefact_id: str) -> str:
    """Unique per artefact: a replacement never overwrites bytes a committed row still points at."""
    return f"{recording.tenant}/{recording.id}/{kind.value}-{artefact_id}"


def object_tags(recording: Recording) -> dict[str, str]:
    """Purposes and retention on the object itself, for storage-side lifecycle rules and audits.

    Sorted: at upload the purposes are in the client's order, later in the database's, and every
    object of one recording must carry the same tags."""
    return {
        "tenant": recording.tenant,
        "purposes": ":".join(sorted(recording.purpose_names())),
        "retention-until": recording.retention_until.date().isoformat(),
    }


class SealedObject(Protocol):
    """An `Artefact` row or a `content.ArtefactRef`: what decryption needs to know."""

    @property
    def id(self) -> str: ...

    @property
    def storage_key(self) -> str: ...

    @property
    def size(self) -> int: ...

    @property
    def wrapped_key(self) -> bytes: ...

    @property
    def kek_id(self) -> str: ...


@dataclass(frozen=True)
class Staged:
    """An encrypted object already in storage, not yet recorded in the database."""

    kind: ArtefactKind
    ref: ArtefactRef


class ArtefactStore:
    def __init__(self, store: ObjectStore, keyring: Keyring) -> None:
        self.store = store
        self.keyring = keyring
        self._header = functools.lru_cache(maxsize=HEADER_CACHE)(self._read_header)

    def stage(
        self,
        recording: Recording,
        kind: ArtefactKind,
        source: Path,
        content_type: str,
        tags: Mapping[str, str] | None = None,
    ) -> Staged:
        """Encrypt `source` under a fresh data key and store it; touches no database, so callers
        can do this slow part before their transaction. The caller deletes a staged object that
        is never attached."""
        artefact_id = new_id()
        dek, wrapped = self.keyring.new_data_key(artefact_id)
        key = storage_key(recording, kind, artefact_id)
        with tempfile.TemporaryDirectory(dir=source.parent, prefix=".seal-") as tmp:
            sealed_path = Path(tmp) / "object"
            sealed = encrypt_path(source, sealed_path, dek)
            self.store.put_file(key, sealed_path, tags or object_tags(recording))
        ref = ArtefactRef(artefact_id, key, content_type, sealed.size, sealed.sha256, wrapped,
                          self.keyring.kek_id)  # fmt: skip
        return Staged(kind, ref)

    def attach(self, session: Session, recording: Recording, staged: Staged) -> Artefact:
        """Attach, replacing the current object of that kind: the replaced row and its data key
        go in this transaction, its bytes after commit (PCI: a stripped original replaces the
        upload; nothing of the card data stays readable)."""
        number = max((a.version for a in recording.versions(staged.kind)), default=0) + 1
        existing = recording.artefact(staged.kind)
        if existing is not None:
            old_key = existing.storage_key
            recording.artefacts.remove(existing)
            session.flush()
            # The old bytes go only once the new row is committed; a rollback keeps them usable.
            event.listen(session, "after_commit", lambda _s: self._drop(old_key), once=True)
        artefact = Artefact(kind=staged.kind, version=number, **asdict(staged.ref))
        recording.artefacts.append(artefact)
        session.flush()
        return artefact

    def _drop(self, key: str) -> None:
        """After commit the replaced object is unreadable already (its key row is gone); a failed
        delete leaves ciphertext nobody can open, so it is logged, never raised into a commit."""
        try:
            self.store.delete(key)
        except Exception as exc:
            log.warning("replaced_object_not_deleted", error=type(exc).__name__)

    def add_version(
        self, session: Session, recording: Recording, staged: Staged, now: datetime
    ) -> Artefact:
        """Attach as the next version, keeping the current one as superseded (rectification keeps
        the transcript it corrects, for audit)."""
        versions = recording.versions(staged.kind)
        for old in versions:
            if old.superseded_at is None:
                old.superseded_at = now
        number = max((a.version for a in versions), default=0) + 1
        artefact = Artefact(kind=staged.kind, version=number, **asdict(staged.ref))
        recording.artefacts.append(artefact)
        session.flush()
        return artefact

    def iter_range(self, artefact: SealedObject, start: int, end: int) -> Iterator[bytes]:
        """Plaintext bytes [start, end] inclusive, decrypted chunk by chunk as they are fetched."""
        if artefact.size == 0 or end < start:
            return
        dek = self.keyring.unwrap(artefact.wrapped_key, artefact.kek_id, artefact.id)
        header = self._header(artefact.storage_key)
        chunk_size, _ = parse_header(header)
        layout = Layout(chunk_size, artefact.size)
        first, last, _, _ = layout.span(start, end)
        position = first * chunk_size
        for group in range(first, last + 1, STREAM_CHUNKS):
            group_last = min(group + STREAM_CHUNKS - 1, last)
            _, _, c_off, c_len = layout.span(group * chunk_size, group_last * chunk_size)
            body = self.store.read_range(artefact.storage_key, c_off, c_len)
            for plain in decrypt_chunks(header, body, group, layout, dek, last=group_last):
                lo, hi = max(start - position, 0), min(end - position + 1, len(plain))
                if lo < hi:
                    yield plain[lo:hi]
                position += len(plain)

    def _read_header(self, storage_key: str) -> bytes:
        """An object's 16-byte header (magic, chunk size, nonce prefix); cached in `_header`: it
        is public, never changes under a key (keys are unique per artefact), and a player's every
        seek would otherwise cost an extra storage read (an extra HTTP round trip on S3)."""
        return self.store.read_range(storage_key, 0, HEADER_SIZE)

    def read_all(self, artefact: SealedObject) -> bytes:
        return b"".join(self.iter_range(artefact, 0, artefact.size - 1))

    def unseal_to(self, artefact: SealedObject, target: Path) -> None:
        with target.open("wb") as fh:
            for piece in self.iter_range(artefact, 0, artefact.size - 1):
                fh.write(piece)
