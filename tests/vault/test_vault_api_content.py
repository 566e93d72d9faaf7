"""Audio, transcripts and operations endpoints, on SQLite and PostgreSQL (fake redactor).

Audio is served from the encrypted redacted artefact, whole or by HTTP Range, each request audited
before a byte leaves: `download` for the whole file, `play` for a range, with the bytes in the detail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from callvault.crypto import CHUNK_SIZE
from callvault.runtime import Runtime
from models import ArtefactKind, Recording
from pipeline.errors import InputError
from tests.vault.helpers import SAMPLE, FakeRedactor, auth, process_all, upload
from tests.vault.test_vault_openapi import CONTRACT


@dataclass
class Ready:
    id: str
    audio: bytes  # the plaintext of the redacted audio artefact
    transcript: bytes

    @property
    def size(self) -> int:
        return len(self.audio)


def artefact_bytes(runtime: Runtime, rid: str, kind: ArtefactKind) -> bytes:
    with runtime.sessions() as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        art = rec.artefact(kind)
        assert art is not None
        return runtime.artefacts.read_all(art)


@pytest.fixture
def ready(client: TestClient, keys: dict[str, str], runtime: Runtime, fake_redactor: Any) -> Ready:
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    assert process_all(runtime) == ["ready"]
    rid = r.json()["id"]
    audio = artefact_bytes(runtime, rid, ArtefactKind.REDACTED_AUDIO)
    assert len(audio) > 3 * CHUNK_SIZE and audio[:4] == b"RIFF"
    return Ready(rid, audio, artefact_bytes(runtime, rid, ArtefactKind.REDACTED_TRANSCRIPT))


def events(client: TestClient, keys: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = client.get("/audit/events", headers=auth(keys["auditor"]), params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def served(client: TestClient, keys: dict[str, str], rid: str) -> list[dict[str, Any]]:
    """Content events (upload and processing events left out)."""
    got = events(client, keys, recording_id=rid, outcome="ok")
    return [e for e in got if e["action"] in ("play", "download", "transcript")]


def assert_error(r: Any, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert set(r.json()) == {"error"}
    assert set(r.json()["error"]) == {"code", "message", "field"}
    assert r.json()["error"]["code"] == code


def test_full_download(client, keys, ready) -> None:
    r = client.get(f"/recordings/{ready.id}/audio", headers=auth(keys["reviewer"]))
    assert r.status_code == 200
    assert r.headers["accept-ranges"] == "bytes"
    assert r.headers["content-length"] == str(ready.size)
    assert r.headers["content-type"] == "audio/wav"
    assert r.headers["cache-control"] == "private, no-store"
    assert "content-range" not in r.headers
    assert r.content == ready.audio
    got = served(client, keys, ready.id)
    assert [(e["action"], e["detail"], e["variant"], e["purpose"], e["actor_role"]) for e in got] == [
        ("download", f"bytes=0-{ready.size - 1}", "redacted", "quality_assurance", "reviewer"),
    ]
    assert events(client, keys, action="play") == []


# Range header → (start, end) inclusive; a negative number counts from the end, None is "to the end".
RANGES = [
    ("bytes=0-0", 0, 0),
    ("bytes=100-1099", 100, 1099),
    ("bytes=-500", -500, None),
    ("bytes=1000-", 1000, None),
    ("bytes=0-999999999", 0, None),  # clamped to the object
    ("bytes=65530-65545", 65530, 65545),  # crosses the first 64 KiB encryption chunk boundary
    ("bytes=65535-65536", 65535, 65536),  # last byte of one chunk, first of the next
    ("bytes=65536-131071", 65536, 131071),  # exactly the second chunk
    ("bytes=131000-400000", 131000, 400000),  # spans more chunks than one storage read fetches
    ("bytes=-1", -1, None),
    (" bytes=10-19 ", 10, 19),
]


@pytest.mark.parametrize(("header", "first", "last"), RANGES)
def test_range(client, keys, ready, header, first, last) -> None:
    start = first if first >= 0 else ready.size + first
    end = ready.size - 1 if last is None else last
    r = client.get(f"/recordings/{ready.id}/audio", headers={**auth(keys["reviewer"]), "Range": header})
    assert r.status_code == 206, r.text
    assert r.headers["content-range"] == f"bytes {start}-{end}/{ready.size}"
    assert r.headers["content-length"] == str(end - start + 1)
    assert r.headers["accept-ranges"] == "bytes"
    assert r.headers["content-type"] == "audio/wav"
    assert r.content == ready.audio[start : end + 1]
    played = events(client, keys, recording_id=ready.id, action="play")
    assert [(e["outcome"], e["detail"]) for e in played] == [("ok", f"bytes={start}-{end}")]
    assert events(client, keys, action="download") == []


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=-0", "bytes=500-400"])
def test_unsatisfiable_range(client, keys, ready, header) -> None:
    r = client.get(f"/recordings/{ready.id}/audio", headers={**auth(keys["reviewer"]), "Range": header})
    assert_error(r, 416, "range_not_satisfiable")
    assert r.headers["content-range"] == f"bytes */{ready.size}"
    refused = events(client, keys, recording_id=ready.id, action="play")
    assert [(e["outcome"], e["detail"]) for e in refused] == [("denied", "range_not_satisfiable")]


@pytest.mark.parametrize("header", ["bytes=0-9,20-29", "items=0-9", "bytes=-"])
def test_ignored_range_sends_whole_file(client, keys, ready, header) -> None:
    """RFC 9110: a Range the server does not support may be ignored; the whole file is sent."""
    r = client.get(f"/recordings/{ready.id}/audio", headers={**auth(keys["reviewer"]), "Range": header})
    assert r.status_code == 200
    assert r.content == ready.audio
    assert [e["action"] for e in served(client, keys, ready.id)] == ["download"]


def test_each_request_is_one_event(client, keys, ready) -> None:
    headers = auth(keys["dpo"])
    for header in ("bytes=0-99", "bytes=100-199", None, "bytes=-10"):
        h = {**headers, "Range": header} if header else headers
        assert client.get(f"/recordings/{ready.id}/audio", headers=h).status_code in (200, 206)
    got = [(e["action"], e["detail"], e["actor_role"]) for e in served(client, keys, ready.id)]
    last = ready.size - 1
    assert got == [
        ("play", "bytes=0-99", "dpo"),
        ("play", "bytes=100-199", "dpo"),
        ("download", f"bytes=0-{last}", "dpo"),
        ("play", f"bytes={ready.size - 10}-{last}", "dpo"),
    ]


@pytest.mark.parametrize("who", ["reviewer", "dpo"])
def test_redacted_transcript(client, keys, ready, who) -> None:
    r = client.get(f"/recordings/{ready.id}/transcript", headers=auth(keys[who]))
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["variant"] == "redacted"
    assert body["schema"] == "callvault.transcript/1"
    assert body["channels"][0]["segments"][0]["text"] == "my number is <PHONE_NUMBER>"
    assert set(body["channels"][0]) == {"channel", "speaker", "language", "segments"}
    assert body == json.loads(ready.transcript)
    got = events(client, keys, recording_id=ready.id, action="transcript")
    assert [(e["outcome"], e["variant"], e["actor_role"]) for e in got] == [("ok", "redacted", who)]


@pytest.mark.parametrize("who", ["reviewer", "dpo"])
def test_content_before_processing_is_409(client, keys, runtime, fake_redactor, who) -> None:
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    rid = r.json()["id"]
    for route in ("audio", "transcript"):
        assert_error(client.get(f"/recordings/{rid}/{route}", headers=auth(keys[who])), 409, "conflict")
    ranged = {**auth(keys[who]), "Range": "bytes=0-9"}
    assert_error(client.get(f"/recordings/{rid}/audio", headers=ranged), 409, "conflict")
    view = client.get(f"/recordings/{rid}", headers=auth(keys[who]))
    assert view.status_code == 200 and view.json()["status"] == "queued"
    refused = events(client, keys, recording_id=rid, outcome="denied")
    assert [(e["action"], e["detail"]) for e in refused] == [
        ("play", "conflict"), ("transcript", "conflict"), ("play", "conflict")
    ]
    assert fake_redactor.calls == 0
    # once processed, the same requests are served
    assert process_all(runtime) == ["ready"]
    assert client.get(f"/recordings/{rid}/audio", headers=auth(keys[who])).status_code == 200
    assert client.get(f"/recordings/{rid}/transcript", headers=auth(keys[who])).status_code == 200


def test_failed_recording_is_never_served(client, keys, runtime) -> None:
    failing = FakeRedactor(fail_with=InputError("unreadable audio", source="call.wav"))
    runtime._redactors.update({0: failing, 1: failing})
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    rid = r.json()["id"]
    assert process_all(runtime) == ["failed"]
    assert failing.calls == 1
    view = client.get(f"/recordings/{rid}", headers=auth(keys["dpo"]))
    assert view.status_code == 200
    assert view.json()["status"] == "failed"
    assert view.json()["error_code"] == "invalid_input"
    with runtime.sessions() as s:
        rec = s.get(Recording, rid)
        assert rec is not None
        assert [a.kind for a in rec.artefacts] == [ArtefactKind.ORIGINAL_AUDIO]  # nothing redacted
    for who in ("reviewer", "dpo"):
        for route in ("audio", "transcript"):
            refused = client.get(f"/recordings/{rid}/{route}", headers=auth(keys[who]))
            assert_error(refused, 409, "conflict")
        ranged = {**auth(keys[who]), "Range": "bytes=0-0"}
        assert_error(client.get(f"/recordings/{rid}/audio", headers=ranged), 409, "conflict")
    assert_error(client.get(f"/recordings/{rid}/audio", headers=auth(keys["reviewer"]),
                            params={"variant": "original"}), 403, "forbidden")  # fmt: skip
    assert events(client, keys, recording_id=rid, outcome="ok", action="play") == []
    assert events(client, keys, recording_id=rid, outcome="ok", action="download") == []
    # fail closed: nobody but the DPO gets a call whose redaction failed, and the DPO only whole
    original = client.get(f"/recordings/{rid}/audio", headers=auth(keys["dpo"]),
                          params={"variant": "original"})  # fmt: skip
    assert original.status_code == 200 and original.content == SAMPLE.read_bytes()
    served = events(client, keys, recording_id=rid, outcome="ok", action="download")
    assert [(e["actor_role"], e["variant"]) for e in served] == [("dpo", "original")]
    process_events = events(client, keys, recording_id=rid, action="process")
    assert [(e["outcome"], e["detail"]) for e in process_events] == [("failed", "invalid_input")]


def test_health(client) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok", "storage": "ok"}


def test_metrics(client, keys) -> None:
    assert client.get("/health").status_code == 200
    assert client.get("/recordings", headers=auth(keys["ingest"])).status_code == 403
    r = client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert "# TYPE callvault_http_requests_total counter" in text
    assert 'callvault_http_requests_total{method="GET",route="/health",status="200"} 1.0' in text
    assert 'callvault_http_requests_total{method="GET",route="/recordings",status="403"} 1.0' in text
    assert "callvault_http_request_seconds_bucket" in text
    # no content, no identifiers: only method, route template and status
    assert "Bearer" not in text and keys["ingest"] not in text




def test_openapi_contract_paths(client) -> None:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path, methods in CONTRACT.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))
    audio = paths["/recordings/{recording_id}/audio"]["get"]
    params = {p["name"] for p in audio["parameters"]}
    assert {"recording_id", "variant", "purpose", "range"} <= params
    assert "202" in paths["/recordings"]["post"]["responses"]
