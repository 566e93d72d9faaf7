"""POST /recordings: what is stored (encrypted original, hashed identifiers) and what is refused.

A refused upload stores nothing: no rows, no objects, no spooled file in the work directory. That
includes an upload whose client goes away halfway, tested against the real app under uvicorn.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import uuid
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import func, select

from api.main import create_app
from callvault.runtime import Runtime
from models import Artefact, ArtefactKind, AuditEvent, Base, Recording, RecordingPurpose
from tests.vault import helpers
from tests.vault.helpers import SAMPLE, auth, metadata, upload

PHONE = "+32 470 12 34 56"
EMAIL = "Jan.Peeters@example.be"
CUSTOMER_ID = "C-1001"
SECRETS = (PHONE, "470123456", "470 12 34 56", EMAIL, EMAIL.lower(), "Peeters", CUSTOMER_ID)
LIMIT = 5 * 1024 * 1024  # max_upload_mb=5 in the test settings


# -- helpers ---------------------------------------------------------------------------------------


def assert_error(r: Any, status: int, code: str, field: str | None, *echo: str) -> None:
    """One error shape, naming the field only: never a submitted value."""
    helpers.assert_error(r, status, code, field, (*SECRETS, "agent-7", *echo))


def count(runtime: Runtime, model: Any) -> int:
    with runtime.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def work_files(runtime: Runtime) -> list[Path]:
    return sorted(runtime.work_dir.rglob("*"))


def stored_files(runtime: Runtime) -> list[Path]:
    """Everything in the object directory, hidden temporary files included."""
    root = runtime.settings.objects_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_nothing_stored(runtime: Runtime) -> None:
    assert count(runtime, Recording) == 0
    assert count(runtime, RecordingPurpose) == 0
    assert count(runtime, Artefact) == 0
    assert list(runtime.store.list_keys()) == []
    assert stored_files(runtime) == []
    assert work_files(runtime) == []


def write_wav(path: Path, seconds: float, rate: int = 16000, channels: int = 1) -> Path:
    frames = int(seconds * rate)
    pattern = bytes((i * 31) % 256 for i in range(4096))
    data = (pattern * (frames * 2 * channels // len(pattern) + 1))[: frames * 2 * channels]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data)
    return path


def multipart(meta: dict[str, Any], audio: bytes, boundary: str = "cvBoundary7MA4YWxk") -> bytes:
    return (
        f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n'
        f"{json.dumps(meta)}\r\n"
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="call.wav"\r\n'
        f"Content-Type: audio/wav\r\n\r\n"
    ).encode() + audio + f"\r\n--{boundary}--\r\n".encode()


# -- accepted uploads ------------------------------------------------------------------------------


def test_accepted_body(client, keys, runtime) -> None:
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    body = r.json()
    assert set(body) == {"id", "status"}
    assert body["status"] == "queued"
    with runtime.sessions() as s:
        rec = s.get(Recording, body["id"])
        assert rec is not None
        assert rec.status == "queued" and rec.tenant == "acme"
        assert rec.purpose_names() == ["quality_assurance"]
    ok = [e for e in _events(runtime) if e.action == "upload"]
    assert [(e.outcome, e.recording_id, e.tenant) for e in ok] == [("ok", body["id"], "acme")]


def test_original_is_encrypted_and_round_trips(client, keys, runtime) -> None:
    plain = SAMPLE.read_bytes()
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    with runtime.sessions() as s:
        rec = s.get(Recording, r.json()["id"])
        assert rec is not None
        assert rec.original_sha256 == hashlib.sha256(plain).hexdigest()
        assert rec.original_size == len(plain)
        assert rec.content_type == "audio/wav"
        assert [a.kind for a in rec.artefacts] == [ArtefactKind.ORIGINAL_AUDIO]
        art = rec.artefact(ArtefactKind.ORIGINAL_AUDIO)
        assert art is not None
        assert art.size == len(plain)
        assert runtime.artefacts.read_all(art) == plain
        key = art.storage_key
    assert list(runtime.store.list_keys()) == [key]
    raw = runtime.store.read_range(key, 0, runtime.store.size(key))
    assert len(raw) > len(plain)  # header and authentication tags
    assert not raw.startswith(b"RIFF")
    assert b"RIFF" not in raw[:4096] and b"WAVE" not in raw[:4096]
    assert plain[1000:1064] not in raw  # no stretch of the audio in clear
    assert work_files(runtime) == []  # the spooled upload is gone


def _all_rows(runtime: Runtime) -> str:
    """Every row of every table, as text."""
    parts = []
    with runtime.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(table.select()):
                parts.append(repr(tuple(row)))
    return "\n".join(parts)


def _events(runtime: Runtime) -> list[AuditEvent]:
    with runtime.sessions() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def test_customer_identifiers_are_stored_only_as_hashes(client, keys, runtime) -> None:
    first = upload(client, keys["ingest"], metadata())
    assert first.status_code == 202, first.text
    other_format = metadata(customer={"phone": "0032470123456", "email": "jan.peeters@EXAMPLE.BE",
                                      "id": CUSTOMER_ID})  # fmt: skip
    second = upload(client, keys["ingest"], other_format)
    assert second.status_code == 202, second.text
    different = metadata(customer={"phone": "+32 470 65 43 21", "email": "someone@example.be"})
    third = upload(client, keys["ingest"], different)
    assert third.status_code == 202, third.text

    dump = _all_rows(runtime)
    assert dump.count("quality_assurance") >= 3  # the dump does hold the rows
    for value in (*SECRETS, "0032470123456", "+32470123456", "jan.peeters@example.be", "654321"):
        assert value not in dump, value
    with runtime.sessions() as s:
        a, b, c = (s.get(Recording, r.json()["id"]) for r in (first, second, third))
        assert a is not None and b is not None and c is not None
        for rec in (a, b):
            assert rec.customer_phone_hash == runtime.keyring.lookup_hash("phone", "+32470123456")
            assert rec.customer_email_hash == runtime.keyring.lookup_hash("email", EMAIL)
            assert rec.customer_ref_hash == runtime.keyring.lookup_hash("customer_id", CUSTOMER_ID)
        assert a.customer_phone_hash is not None and len(a.customer_phone_hash) == 64
        assert c.customer_phone_hash not in (None, a.customer_phone_hash)
        assert c.customer_email_hash not in (None, a.customer_email_hash)
        assert c.customer_ref_hash is None
    # not in the API's view of the recording either
    for r in (first, second):
        view = client.get(f"/recordings/{r.json()['id']}", headers=auth(keys["dpo"]))
        assert view.status_code == 200
        assert "customer" not in view.text and "hash" not in view.text
        for value in SECRETS:
            assert value not in view.text


def test_training_needs_consent(client, keys, runtime) -> None:
    refused = upload(client, keys["ingest"], metadata(purposes=["training"]))
    assert_error(refused, 422, "invalid", "metadata.consents.training")
    assert_nothing_stored(runtime)
    no_consent = metadata(purposes=["training"], consents={"training": False})
    refused = upload(client, keys["ingest"], no_consent)
    assert_error(refused, 422, "invalid", "metadata.consents.training")
    assert_nothing_stored(runtime)
    consented = metadata(purposes=["training"], consents={"training": True})
    accepted = upload(client, keys["ingest"], consented)
    assert accepted.status_code == 202, accepted.text
    with runtime.sessions() as s:
        rec = s.get(Recording, accepted.json()["id"])
        assert rec is not None
        assert rec.purpose_names() == ["training"]
        assert rec.consents["training"] is True
        assert [p.legal_basis for p in rec.purposes] == ["consent"]


# -- refused uploads -------------------------------------------------------------------------------


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 2048


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("call.wav", b"this is not audio, whatever the name says\n" * 200, "audio/wav"),
        ("call.wav", PNG, "audio/wav"),
        ("image.png", PNG, "image/png"),
        ("call.wav", b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav"),  # a truncated header
        ("empty.wav", b"", "audio/wav"),
    ],
    ids=["text", "png-as-wav", "png", "truncated-wav", "empty"],
)
def test_not_audio_is_415(client, keys, runtime, tmp_path, name, content, content_type) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    r = upload(client, keys["ingest"], metadata(), path, content_type)
    assert_error(r, 415, "unsupported_media_type", "file")
    assert_nothing_stored(runtime)
    denied = [e for e in _events(runtime) if e.action == "upload"]
    assert [(e.outcome, e.detail) for e in denied] == [("denied", "unsupported_media_type")]


def test_too_large_is_413_declared(client, keys, runtime, tmp_path) -> None:
    big = write_wav(tmp_path / "big.wav", seconds=200)  # 6.4 MB
    assert big.stat().st_size > LIMIT + 64 * 1024
    r = upload(client, keys["ingest"], metadata(), big)
    assert_error(r, 413, "payload_too_large", "file")
    assert_nothing_stored(runtime)


def test_too_large_is_413_just_over(client, keys, runtime, tmp_path) -> None:
    """Over the limit by less than the multipart allowance: caught while spooling."""
    path = write_wav(tmp_path / "edge.wav", seconds=(LIMIT + 4096) / 32000)
    assert LIMIT < path.stat().st_size < LIMIT + 16 * 1024
    r = upload(client, keys["ingest"], metadata(), path)
    assert_error(r, 413, "payload_too_large", "file")
    assert_nothing_stored(runtime)
    # at the limit exactly is fine
    fits = write_wav(tmp_path / "fits.wav", seconds=(LIMIT - 44) / 32000)
    assert fits.stat().st_size == LIMIT
    assert upload(client, keys["ingest"], metadata(), fits).status_code == 202


def test_too_large_is_413_streamed(client, keys, runtime) -> None:
    """No Content-Length (chunked): the body is cut off while it streams in, still with 413."""
    boundary = "cvBoundary7MA4YWxk"
    body = multipart(metadata(), b"\0" * (LIMIT + 256 * 1024), boundary)

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 256 * 1024):
            yield body[i : i + 256 * 1024]

    headers = {**auth(keys["ingest"]), "Content-Type": f"multipart/form-data; boundary={boundary}"}
    r = client.post("/recordings", content=chunks(), headers=headers)
    assert "content-length" not in {k.lower() for k in r.request.headers}
    assert_error(r, 413, "payload_too_large", "file")
    assert_nothing_stored(runtime)


BAD_METADATA = [
    ("{not json", "metadata"),
    ("[]", "metadata"),
    ('"a string"', "metadata"),
    (json.dumps({k: v for k, v in metadata().items() if k != "call_id"}), "metadata.call_id"),
    (json.dumps(metadata(call_id="has space")), "metadata.call_id"),
    (json.dumps(metadata(purposes=["marketing"])), "metadata.purposes[0]"),
    (json.dumps(metadata(purposes=["quality_assurance", "marketing"])), "metadata.purposes[1]"),
    (json.dumps(metadata(purposes=["quality_assurance", "quality_assurance"])), "metadata.purposes"),
    (json.dumps(metadata(purposes=["Bad Name"])), "metadata.purposes[0]"),
    (json.dumps(metadata(purposes=[])), "metadata.purposes"),
    (json.dumps({k: v for k, v in metadata().items() if k != "purposes"}), "metadata.purposes"),
    (json.dumps(metadata(purposes=["training"])), "metadata.consents.training"),
    (json.dumps(metadata(customer={"phone": "call me +32 470", "email": EMAIL})),
     "metadata.customer.phone"),
    (json.dumps(metadata(customer={"phone": PHONE, "email": "Jan.Peeters(at)example.be"})),
     "metadata.customer.email"),
    (json.dumps(metadata(customer={"phone": PHONE, "name": "Jan Peeters"})), "metadata.customer.name"),
    (json.dumps(metadata(channel_layout="quad")), "metadata.channel_layout"),
    (json.dumps(metadata(started_at="2024-05-01T10:00:00")), "metadata.started_at"),
    (json.dumps(metadata(unknown_key=PHONE)), "metadata.unknown_key"),
]


@pytest.mark.parametrize(("raw", "field"), BAD_METADATA)
def test_bad_metadata_is_422(client, keys, runtime, raw, field) -> None:
    with SAMPLE.open("rb") as fh:
        files = {"file": ("call.wav", fh, "audio/wav")}
        r = client.post("/recordings", headers=auth(keys["ingest"]), files=files, data={"metadata": raw})
    assert_error(r, 422, "invalid", field, "Jan Peeters", "call me", "(at)", "has space", "marketing")
    assert_nothing_stored(runtime)
    denied = [e for e in _events(runtime) if e.action == "upload"]
    assert [(e.outcome, e.detail) for e in denied] == [("denied", "invalid")]


def test_missing_parts_are_422(client, keys, runtime) -> None:
    with SAMPLE.open("rb") as fh:
        no_meta = client.post("/recordings", headers=auth(keys["ingest"]),
                              files={"file": ("call.wav", fh, "audio/wav")})  # fmt: skip
    assert_error(no_meta, 422, "invalid", "metadata")
    no_file = client.post("/recordings", headers=auth(keys["ingest"]),
                          data={"metadata": json.dumps(metadata())})  # fmt: skip
    assert_error(no_file, 422, "invalid", "file")
    no_body = client.post("/recordings", headers=auth(keys["ingest"]))
    assert no_body.status_code == 422
    assert_error(no_body, 422, "invalid", no_body.json()["error"]["field"])
    assert no_body.json()["error"]["field"] in ("file", "metadata")
    assert_nothing_stored(runtime)


def test_duplicate_call_id_is_409(client, keys, runtime) -> None:
    meta = metadata(call_id="call-dup-1")
    assert upload(client, keys["ingest"], meta).status_code == 202
    again = upload(client, keys["ingest"], {**meta, "agent_id": "agent-9"})
    assert_error(again, 409, "conflict", "metadata.call_id", "call-dup-1")
    assert count(runtime, Recording) == 1
    assert count(runtime, Artefact) == 1
    assert len(list(runtime.store.list_keys())) == 1
    assert len(stored_files(runtime)) == 2  # the object and its tags, nothing else
    assert work_files(runtime) == []
    # the same call id in another tenant is another call
    other = upload(client, keys["ingest_other"], meta)
    assert other.status_code == 202, other.text
    assert count(runtime, Recording) == 2


def test_uploader_cannot_write_into_another_tenant(client, keys, runtime) -> None:
    r = upload(client, keys["ingest_other"], metadata(tenant="acme"))
    assert_error(r, 403, "forbidden", None, "acme")
    assert_nothing_stored(runtime)
    own = upload(client, keys["ingest_other"], metadata(tenant="globex"))
    assert own.status_code == 202, own.text
    with runtime.sessions() as s:
        rec = s.get(Recording, own.json()["id"])
        assert rec is not None and rec.tenant == "globex"


@pytest.mark.parametrize("who", ["reviewer", "dpo", "auditor", "admin"])
def test_only_ingest_uploads(client, keys, runtime, who) -> None:
    assert_error(upload(client, keys[who]), 403, "forbidden", None)
    assert_nothing_stored(runtime)


# -- a client that goes away -----------------------------------------------------------------------


@pytest.fixture
def live_server(runtime: Runtime) -> Iterator[int]:
    """The real app under uvicorn on a loopback port, in a thread; yields the port."""
    app = create_app(runtime.settings, runtime, embedded_worker=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


def _posts_seen(port: int) -> float:
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    total = 0.0
    for line in text.splitlines():
        if line.startswith("callvault_http_requests_total{") and 'method="POST"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def _raw_post(port: int, key: str, body: bytes, send: int) -> socket.socket:
    head = (
        f"POST /recordings HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {key}\r\n"
        f"Content-Type: multipart/form-data; boundary=cvBoundary7MA4YWxk\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn.sendall(head + body[:send])
    return conn


def test_broken_connection_mid_upload_stores_nothing(live_server, keys, runtime) -> None:
    port = live_server
    body = multipart(metadata(call_id=f"call-{uuid.uuid4().hex[:8]}"), SAMPLE.read_bytes())
    assert _posts_seen(port) == 0
    conn = _raw_post(port, keys["ingest"], body, len(body) // 2)
    time.sleep(0.3)  # let the server read what was sent
    conn.close()
    deadline = time.monotonic() + 15
    while _posts_seen(port) < 1:  # the app has finished with the request
        assert time.monotonic() < deadline, "the server never finished the broken request"
        time.sleep(0.05)
    assert_nothing_stored(runtime)
    assert [e.action for e in _events(runtime)] == []

    # the same bytes, all of them, on a fresh connection: accepted (the request above was valid)
    conn = _raw_post(port, keys["ingest"], body, len(body))
    with conn:
        response = b""
        while b"\r\n\r\n" not in response or not response.rstrip().endswith(b"}"):
            piece = conn.recv(65536)
            if not piece:
                break
            response += piece
    assert response.startswith(b"HTTP/1.1 202"), response[:200]
    assert count(runtime, Recording) == 1
    assert len(list(runtime.store.list_keys())) == 1
    assert work_files(runtime) == []
