"""Upload → process → play, through the API, on SQLite and PostgreSQL (fake redactor)."""

from __future__ import annotations

from tests.vault.helpers import auth, process_all, upload


def test_upload_process_play(client, keys, runtime, fake_redactor) -> None:
    r = upload(client, keys["ingest"])
    assert r.status_code == 202, r.text
    rid = r.json()["id"]
    assert process_all(runtime) == ["ready"]
    meta = client.get(f"/recordings/{rid}", headers=auth(keys["reviewer"]))
    assert meta.status_code == 200 and meta.json()["status"] == "ready"
    ranged = {**auth(keys["reviewer"]), "Range": "bytes=0-99"}
    part = client.get(f"/recordings/{rid}/audio", headers=ranged)
    assert part.status_code == 206 and len(part.content) == 100
    assert client.get("/audit/verify", headers=auth(keys["auditor"])).json()["ok"] is True
