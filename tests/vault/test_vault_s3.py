"""The vault on S3 (moto over real HTTP on loopback): upload, process, ranged playback, at rest.

Objects in the bucket are ciphertext (the vault's own envelope format, never a RIFF header or a
transcript in clear) and carry the recording's tenant, purposes and retention date as tags, so
bucket lifecycle rules can act without the database.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from callvault.crypto import CHUNK_SIZE, HEADER_SIZE, MAGIC
from callvault.db import transaction
from callvault.runtime import Runtime, build_runtime
from callvault.settings import StorageBackend
from callvault.tasks import LEASE
from callvault.vault import processing
from callvault.vault.identity import create_user
from models import Recording, Role
from tests.vault.helpers import SAMPLE, FakeRedactor, auth, make_settings, metadata, upload

BUCKET = "callvault-test"
TAG_SIZE = 16
EXPECTED_TAGS = {
    "tenant": "acme",
    "purposes": "complaint_handling:quality_assurance",
    "retention-until": "2026-03-01",  # 2025-03-01 + 365 days (complaint_handling outlives QA's 90)
}


@pytest.fixture
def s3_runtime(tmp_path: Path, db_url: str, s3_endpoint: str) -> Iterator[Runtime]:
    settings = make_settings(
        tmp_path, db_url, storage="s3", s3_endpoint=s3_endpoint, s3_access_key="testing",
        s3_secret_key="testing", s3_bucket=BUCKET, s3_region="us-east-1",
    )  # fmt: skip
    runtime = build_runtime(settings, migrate=True)
    fake = FakeRedactor()
    runtime._redactors.update({0: fake, 1: fake})  # type: ignore[dict-item]
    yield runtime
    runtime.close()


@pytest.fixture
def s3_client(s3_runtime: Runtime) -> Iterator[TestClient]:
    app = create_app(s3_runtime.settings, s3_runtime, embedded_worker=False)
    with TestClient(app) as client:
        yield client


def _sealed_size(plain: int) -> int:
    return HEADER_SIZE + plain + math.ceil(plain / CHUNK_SIZE) * TAG_SIZE


def test_vault_on_s3(s3_runtime: Runtime, s3_client: TestClient, tmp_path: Path) -> None:
    rt, client = s3_runtime, s3_client
    assert rt.store.name == "s3"
    with transaction(rt.sessions) as s:
        _, ingest_key = create_user(s, "ingest", Role.INGEST, ["acme"])
        _, reviewer_key = create_user(s, "reviewer", Role.REVIEWER, ["acme"])
    meta = metadata(purposes=["quality_assurance", "complaint_handling"],
                    started_at="2025-03-01T10:00:00Z")  # fmt: skip
    r = upload(client, ingest_key, meta)
    assert r.status_code == 202, r.text
    rid = r.json()["id"]
    assert processing.process(rt, rid, LEASE) == processing.Outcome("ready")

    plain = SAMPLE.read_bytes()
    headers = auth(reviewer_key)
    for first, last in ((0, 99), (100, 199), (CHUNK_SIZE - 10, 3 * CHUNK_SIZE + 5),
                        (len(plain) - 50, len(plain) - 1)):  # fmt: skip
        ranged = {**headers, "Range": f"bytes={first}-{last}"}
        part = client.get(f"/recordings/{rid}/audio", headers=ranged)
        assert part.status_code == 206, part.text
        assert part.headers["content-range"] == f"bytes {first}-{last}/{len(plain)}"
        assert part.content == plain[first : last + 1]  # the fake redactor copies the audio
    whole = client.get(f"/recordings/{rid}/audio", headers=headers)
    assert whole.status_code == 200
    assert whole.content == plain
    transcript = client.get(f"/recordings/{rid}/transcript", headers=headers)
    assert transcript.status_code == 200
    assert transcript.json()["channels"][0]["segments"][0]["text"] == "my number is <PHONE_NUMBER>"

    with rt.sessions() as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        artefacts = {a.kind: a for a in rec.artefacts}
        assert rec.retention_until.date().isoformat() == EXPECTED_TAGS["retention-until"]
        assert rec.retention_until - rec.started_at == timedelta(days=365)  # type: ignore[operator]
    assert sorted(artefacts) == ["original_audio", "original_transcript", "redacted_audio",
                                 "redacted_transcript", "report"]  # fmt: skip
    stored = sorted(rt.store.list_keys(f"acme/{rid}/"))
    assert stored == sorted(a.storage_key for a in artefacts.values())

    probe = plain[len(plain) // 2 : len(plain) // 2 + 64]
    for kind, art in artefacts.items():
        size = rt.store.size(art.storage_key)
        raw = rt.store.read_range(art.storage_key, 0, size)
        assert len(raw) == size == art.size + HEADER_SIZE + math.ceil(art.size / CHUNK_SIZE) * TAG_SIZE
        assert raw.startswith(MAGIC), kind
        assert b"RIFF" not in raw[:64] and b"WAVE" not in raw[:64], kind
        assert probe not in raw, kind
        assert b"PHONE_NUMBER" not in raw and b"channels" not in raw, kind
        assert rt.store.get_tags(art.storage_key) == EXPECTED_TAGS, kind
    assert artefacts["original_audio"].size == artefacts["redacted_audio"].size == len(plain)
    assert _sealed_size(len(plain)) == rt.store.size(artefacts["original_audio"].storage_key)
    # Nothing went to the local disk store.
    assert not (tmp_path / "data" / "objects").exists()
    assert rt.settings.storage is StorageBackend.S3


def test_purge_and_erasure_empty_the_bucket(s3_runtime: Runtime, s3_client: TestClient) -> None:
    """Governance on S3: a purged and an erased recording leave no object in the bucket, and the
    purpose a purge drops from a third recording is dropped from its object tags too."""
    rt, client = s3_runtime, s3_client
    rt.clock.freeze()
    with transaction(rt.sessions) as s:
        _, ingest_key = create_user(s, "ingest", Role.INGEST, ["acme"])
        _, dpo_key = create_user(s, "dpo", Role.DPO, ["acme"])
    ids = []
    for purposes, phone in ((["quality_assurance"], "+32 470 00 00 01"),
                            (["quality_assurance", "complaint_handling"], "+32 470 00 00 02"),
                            (["complaint_handling"], "+32 470 00 00 03")):  # fmt: skip
        meta = metadata(purposes=purposes, customer={"phone": phone})
        r = upload(client, ingest_key, meta)
        assert r.status_code == 202, r.text
        ids.append(r.json()["id"])
        assert processing.process(rt, ids[-1], LEASE) == processing.Outcome("ready")
    purged, dropped, erased = ids
    rt.clock.advance(timedelta(days=91))
    from callvault.vault.retention import purge

    report = purge(rt)
    assert (report.deleted, list(report.dropped)) == ([purged], [dropped])
    r = client.post("/subjects/erase", headers=auth(dpo_key), json={"phone": "0032470000003"})
    assert r.status_code == 200, r.text
    assert [e["recording_id"] for e in r.json()["erased"]] == [erased]
    # The bucket is shared by the test session: look at this test's recordings only.
    assert list(rt.store.list_keys(f"acme/{purged}/")) == []
    assert list(rt.store.list_keys(f"acme/{erased}/")) == []
    kept = list(rt.store.list_keys(f"acme/{dropped}/"))
    assert len(kept) == 5
    for key in kept:
        assert rt.store.get_tags(key)["purposes"] == "complaint_handling"
