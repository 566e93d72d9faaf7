"""Art. 16 rectification of a transcript through the API, on SQLite and PostgreSQL.

A correction becomes a new transcript version and the old one stays readable to the DPO; the
redacted transcript withholds corrected text (it was never scanned); only the DPO may rectify;
erasure afterwards removes every version.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from callvault.runtime import Runtime
from callvault.vault.rectify import WITHHELD
from models import Artefact, Recording, Tombstone, User
from pipeline.runner import RedactionResult
from tests.vault import helpers
from tests.vault.helpers import FakeRedactor, auth, metadata, process_all, upload

SPOKEN, SPOKEN_1 = "my number is 0470 12 34 56", "thank you for calling"
REDACTED = "my number is <PHONE_NUMBER>"
CORRECTED = "my name is Jan Peeters, not Jan Peters"
SECRETS = (SPOKEN, SPOKEN_1, REDACTED, CORRECTED, "Peeters", "Peters")
Json = dict[str, Any]


def word(text: str, start: float) -> Json:
    return {"word": text, "start": start, "end": start + 0.1, "probability": 0.9}


def channels(seg0: str, seg1: str) -> list[Json]:
    segments = [
        {"start": 0.0, "end": 1.0, "text": seg0, "words": [word(w, 0.1) for w in seg0.split()]},
        {"start": 1.0, "end": 2.0, "text": seg1, "words": [word(w, 1.1) for w in seg1.split()]},
    ]
    return [{"channel": 0, "speaker": "agent", "language": "en", "segments": segments}]  # fmt: skip


class TranscribingRedactor(FakeRedactor):
    """FakeRedactor with a realistic original transcript and report (two segments, words)."""

    def redact_file(self, path: Path, out_dir: Path, progress: Any = None, *,
                    keep_transcript: bool = False) -> Any:  # fmt: skip
        result = super().redact_file(path, out_dir, progress, keep_transcript=keep_transcript)
        report = {**result.report, "channels": channels(REDACTED, SPOKEN_1)}
        result.report_path.write_text(json.dumps(report))
        if result.transcript_path is not None:
            doc = {"schema": "callvault.transcript/1", "variant": "original",
                   "channels": channels(SPOKEN, SPOKEN_1)}  # fmt: skip
            result.transcript_path.write_text(json.dumps(doc))
        return RedactionResult(result.audio_path, result.report_path, report,
                               result.transcript_path, result.original_path)  # fmt: skip


@pytest.fixture
def rid(client: TestClient, keys: dict[str, str], runtime: Runtime, short_wav: Path) -> str:
    """A processed recording of acme with a two-segment transcript."""
    fake = TranscribingRedactor()
    runtime._redactors.update({0: fake, 1: fake})  # type: ignore[dict-item]
    r = upload(client, keys["ingest"], metadata(), short_wav)
    assert r.status_code == 202, r.text
    assert process_all(runtime) == ["ready"]
    recording_id: str = r.json()["id"]
    return recording_id


def rectify(client: TestClient, key: str, rid: str, *corrections: Json) -> Any:
    return client.post(f"/recordings/{rid}/transcript/rectifications", headers=auth(key),
                       json={"corrections": list(corrections)})  # fmt: skip


def get(client: TestClient, key: str, path: str, **params: str) -> Json:
    r = client.get(path, headers=auth(key), params=params)
    assert r.status_code == 200, r.text
    body: Json = r.json()
    return body


def fix(text: str = CORRECTED, channel: int = 0, segment: int = 0) -> Json:
    return {"channel": channel, "segment": segment, "text": text}


def test_rectification_is_a_new_version(
    client: TestClient, keys: dict[str, str], runtime: Runtime, rid: str
) -> None:
    dpo = keys["dpo"]
    before = get(client, dpo, f"/recordings/{rid}/transcript", variant="original")
    before_red = get(client, keys["reviewer"], f"/recordings/{rid}/transcript")
    runtime.clock.freeze()
    r = rectify(client, dpo, rid, fix())
    assert r.status_code == 201, r.text
    listed = r.json()["versions"]
    assert [(v["version"], v["superseded_at"] is None) for v in listed] == [(1, False), (2, True)]
    assert get(client, dpo, f"/recordings/{rid}/transcript/versions") == r.json()

    doc = get(client, dpo, f"/recordings/{rid}/transcript", variant="original")
    seg0, seg1 = doc["channels"][0]["segments"]
    assert (seg0["text"], seg0["words"], seg0["rectified"]) == (CORRECTED, [], True)
    assert seg1 == before["channels"][0]["segments"][1]  # untouched, timings kept
    assert doc["version"] == 2
    with runtime.sessions() as s:
        dpo_id = s.scalar(select(User.id).where(User.name == "dpo"))
    assert doc["rectifications"] == [
        {
            "version": 2,
            "at": runtime.clock.now().isoformat(),
            "by": dpo_id,
            "segments": [{"channel": 0, "segment": 0}],
        }
    ]
    assert get(client, dpo, f"/recordings/{rid}/transcript/versions/1") == before
    assert get(client, dpo, f"/recordings/{rid}/transcript/versions/2") == doc
    assert get(client, dpo, f"/recordings/{rid}/transcript/versions/1", variant="redacted") == before_red

    red = get(client, keys["reviewer"], f"/recordings/{rid}/transcript")
    rseg0, rseg1 = red["channels"][0]["segments"]
    assert (rseg0["text"], rseg0["words"]) == (WITHHELD, []) and WITHHELD == "[RECTIFIED: withheld]"
    assert rseg1 == before_red["channels"][0]["segments"][1] and red["version"] == 2
    assert CORRECTED not in json.dumps(red) and SPOKEN not in json.dumps(red)

    with runtime.sessions() as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        audio = sorted((a.kind, a.version) for a in rec.artefacts if a.kind.endswith("audio"))
    assert audio == [("original_audio", 1), ("redacted_audio", 1)]  # the audio is not touched
    audit = client.get("/audit/events", headers=auth(keys["auditor"]), params={"limit": 1000})
    assert audit.status_code == 200
    for secret in SECRETS:
        assert secret not in audit.text, secret
    rect = [e for e in audit.json()["items"] if e["action"] == "transcript.rectify"]
    assert [(e["recording_id"], e["outcome"], e["detail"]) for e in rect] == [(rid, "ok", "segments=1")]


@pytest.mark.parametrize("role", ["reviewer", "auditor", "ingest", "admin"])
def test_only_the_dpo_rectifies_or_reads_versions(
    client: TestClient, keys: dict[str, str], rid: str, role: str
) -> None:
    key, base = keys[role], f"/recordings/{rid}/transcript"
    helpers.assert_error(rectify(client, key, rid, fix()), 403, "forbidden", None, SECRETS)
    for path in (f"{base}/versions", f"{base}/versions/1"):
        helpers.assert_error(client.get(path, headers=auth(key)), 403, "forbidden", None, SECRETS)
    assert len(get(client, keys["dpo"], f"{base}/versions")["versions"]) == 1


@pytest.mark.parametrize(("corrections", "field"), [
    ([fix(segment=2)], "corrections[0].segment"),
    ([fix(channel=1)], "corrections[0].channel"),
    ([fix(channel=7, segment=9)], "corrections[0].channel"),
    ([fix(), fix(segment=5)], "corrections[1].segment"),
    ([fix(channel=8)], "corrections.0.channel"),  # outside the schema: the request's own check
    ([fix(segment=-1)], "corrections.0.segment"),
    ([fix(text="")], "corrections.0.text"),
    ([], "corrections"),
])  # fmt: skip
def test_corrections_out_of_range_are_invalid(
    client: TestClient, keys: dict[str, str], rid: str, corrections: list[Json], field: str
) -> None:
    r = rectify(client, keys["dpo"], rid, *corrections)
    helpers.assert_error(r, 422, "invalid", field, SECRETS)
    assert len(get(client, keys["dpo"], f"/recordings/{rid}/transcript/versions")["versions"]) == 1


def test_unknown_version_is_not_found(client: TestClient, keys: dict[str, str], rid: str) -> None:
    r = client.get(f"/recordings/{rid}/transcript/versions/2", headers=auth(keys["dpo"]))
    helpers.assert_error(r, 404, "not_found", None, SECRETS)


def test_unprocessed_recording_has_nothing_to_rectify(
    client: TestClient, keys: dict[str, str], short_wav: Path
) -> None:
    r = upload(client, keys["ingest"], metadata(), short_wav)
    assert r.status_code == 202, r.text
    refused = rectify(client, keys["dpo"], r.json()["id"], fix())
    helpers.assert_error(refused, 409, "conflict", None, SECRETS)


def test_another_tenants_recording_is_not_found(
    client: TestClient, keys: dict[str, str], short_wav: Path
) -> None:
    r = upload(client, keys["ingest_other"], metadata(), short_wav)
    assert r.status_code == 202, r.text
    helpers.assert_error(rectify(client, keys["dpo"], r.json()["id"], fix()), 404, "not_found", None,
                         SECRETS)  # fmt: skip


def test_erasure_removes_every_version(
    client: TestClient, keys: dict[str, str], runtime: Runtime, rid: str
) -> None:
    for n in range(2):
        assert rectify(client, keys["dpo"], rid, fix(f"correction {n}", segment=n)).status_code == 201
    versions = get(client, keys["dpo"], f"/recordings/{rid}/transcript/versions")["versions"]
    assert [v["version"] for v in versions] == [1, 2, 3]
    with runtime.sessions() as s:
        stored = {(a.kind, a.version) for a in s.scalars(select(Artefact))}
    assert {("original_transcript", 3), ("redacted_transcript", 3)} < stored
    assert len(list(runtime.store.list_keys())) == len(stored) == 9

    export = client.post("/subjects/export", headers=auth(keys["dpo"]), json={"customer_id": "C-1001"})
    zf = zipfile.ZipFile(io.BytesIO(export.content))  # the current, rectified transcript
    [entry] = json.loads(zf.read("manifest.json"))["recordings"]
    versions_out = {f["kind"]: f["version"] for f in entry["files"]}
    assert versions_out == {"original_audio": 1, "original_transcript": 3}
    doc = json.loads(zf.read(f"recordings/{rid}/transcript.json"))
    assert [s["text"] for s in doc["channels"][0]["segments"]] == ["correction 0", "correction 1"]

    r = client.post("/subjects/erase", headers=auth(keys["dpo"]), json={"customer_id": "C-1001"})
    assert r.status_code == 200, r.text
    [erased] = r.json()["erased"]
    assert erased["recording_id"] == rid
    assert {(a["kind"], a["version"]) for a in erased["artefacts"]} == stored
    with runtime.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Artefact)) == 0
        assert s.get(Recording, rid) is None
        tomb = s.get(Tombstone, rid)
        assert tomb is not None and tomb.completed_at is not None and len(tomb.artefacts) == 9
    assert list(runtime.store.list_keys()) == []
