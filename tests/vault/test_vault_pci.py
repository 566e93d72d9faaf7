"""PCI DSS in the vault: after processing, the stored original is the pipeline's card-free copy.

The uploaded original's row (with its wrapped data key) and its stored bytes must be gone, not just
hidden: a superseded copy that can still be decrypted would still hold the security code. The
redactor is the fake one; what the real pipeline strips is tested in tests/test_pci_strip.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.storage import StorageError
from callvault.tasks import LEASE
from callvault.vault import processing
from models import Artefact, ArtefactKind, Recording, RecordingStatus
from tests.vault.helpers import SAMPLE, STRIPPED_TAIL, FakeRedactor, upload


def _use(runtime: Runtime, fake: Any) -> None:
    runtime._redactors.update({0: fake, 1: fake})


def _upload(client: TestClient, keys: dict[str, str]) -> str:
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    return str(r.json()["id"])


def _rec(runtime: Runtime, rid: str) -> Recording:
    with runtime.sessions() as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        return rec


def _originals(rec: Recording) -> list[Artefact]:
    return [a for a in rec.artefacts if a.kind == ArtefactKind.ORIGINAL_AUDIO]


def _stored(runtime: Runtime, rid: str) -> list[str]:
    return sorted(runtime.store.list_keys(f"acme/{rid}/"))


def test_card_free_original_replaces_the_upload(
    client: TestClient, keys: dict[str, str], runtime: Runtime
) -> None:
    _use(runtime, FakeRedactor(strip_original=True))
    rid = _upload(client, keys)
    before = _rec(runtime, rid)
    (uploaded,) = _originals(before)
    assert before.pci_stripped is False

    assert processing.process(runtime, rid, LEASE) == processing.Outcome("ready")

    rec = _rec(runtime, rid)
    assert rec.status == RecordingStatus.READY and rec.pci_stripped is True
    (current,) = _originals(rec)  # exactly one row: the upload's row and data key are gone
    assert rec.artefact(ArtefactKind.ORIGINAL_AUDIO) == current
    assert current.id != uploaded.id
    assert current.storage_key != uploaded.storage_key
    assert current.wrapped_key != uploaded.wrapped_key
    assert current.content_type == uploaded.content_type == "audio/wav"
    assert not runtime.store.exists(uploaded.storage_key)
    assert _stored(runtime, rid) == sorted(a.storage_key for a in rec.artefacts)
    stripped = runtime.artefacts.read_all(current)
    plain = SAMPLE.read_bytes()
    assert stripped == plain[:-1024] + STRIPPED_TAIL and stripped != plain


def test_without_card_data_the_upload_stays(
    client: TestClient, keys: dict[str, str], runtime: Runtime
) -> None:
    _use(runtime, FakeRedactor())
    rid = _upload(client, keys)
    (uploaded,) = _originals(_rec(runtime, rid))
    assert processing.process(runtime, rid, LEASE).status == "ready"
    rec = _rec(runtime, rid)
    assert rec.pci_stripped is False
    assert [a.id for a in _originals(rec)] == [uploaded.id]
    assert runtime.artefacts.read_all(uploaded) == SAMPLE.read_bytes()


class _LosesClaim(FakeRedactor):
    """Someone takes the recording away while the pipeline runs (operator, another worker)."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(strip_original=True)
        self.runtime = runtime

    def redact_file(self, path: Any, out_dir: Any, progress: Any = None, *,
                    keep_transcript: bool = False) -> Any:  # fmt: skip
        result = super().redact_file(path, out_dir, progress, keep_transcript=keep_transcript)
        with transaction(self.runtime.sessions) as s:
            rec = s.get(Recording, path.parent.name[:36])
            assert rec is not None
            rec.status = RecordingStatus.QUEUED
        return result


def test_lost_claim_keeps_the_upload_and_no_staged_copy(
    client: TestClient, keys: dict[str, str], runtime: Runtime
) -> None:
    _use(runtime, _LosesClaim(runtime))
    rid = _upload(client, keys)
    (uploaded,) = _originals(_rec(runtime, rid))
    assert processing.process(runtime, rid, LEASE).status == "skipped"
    rec = _rec(runtime, rid)
    assert rec.pci_stripped is False
    assert [a.id for a in _originals(rec)] == [uploaded.id]
    assert _stored(runtime, rid) == [uploaded.storage_key]
    assert runtime.artefacts.read_all(uploaded) == SAMPLE.read_bytes()


def test_failed_delete_of_the_old_bytes_keeps_the_committed_result(
    client: TestClient, keys: dict[str, str], runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old row and its data key are committed away; bytes left behind are undecryptable, so
    the new artefacts must not be cleaned up as if the transaction had failed."""
    _use(runtime, FakeRedactor(strip_original=True))
    rid = _upload(client, keys)
    (uploaded,) = _originals(_rec(runtime, rid))
    real_delete = runtime.store.delete

    def flaky_delete(key: str) -> None:
        if key == uploaded.storage_key:
            raise StorageError("storage unavailable")
        real_delete(key)

    monkeypatch.setattr(runtime.store, "delete", flaky_delete)
    assert processing.process(runtime, rid, LEASE) == processing.Outcome("ready")
    rec = _rec(runtime, rid)
    assert rec.status == RecordingStatus.READY and rec.pci_stripped is True
    (current,) = _originals(rec)
    assert current.id != uploaded.id
    for artefact in rec.artefacts:
        assert runtime.store.exists(artefact.storage_key), artefact.kind
