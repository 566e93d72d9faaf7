"""Deny by default, through the API: who may call what, on SQLite and PostgreSQL (fake redactor).

Order of checks (see `callvault.vault.access`): no or bad credentials → 401; a role that may never do
this → 403 without a lookup; another tenant's recording → 404; outside the role's purposes → 403.
Every refusal on an audited route leaves an audit event with outcome "denied" and the error code as
detail; neither audit events nor error bodies ever carry a customer's phone or e-mail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from callvault.runtime import Runtime
from models import User
from tests.vault import helpers
from tests.vault.helpers import auth, metadata, process_all, upload

PHONE = "+32 470 12 34 56"
EMAIL = "Jan.Peeters@example.be"
SECRETS = (PHONE, "470123456", "470 12 34 56", EMAIL, EMAIL.lower(), "Peeters")

# The action each route audits a request under (audio refusals stay "play").
ACTIONS = {
    "/recordings": "list",
    "/recordings/{id}": "view",
    "/recordings/{id}/audio": "play",
    "/recordings/{id}/transcript": "transcript",
    "/audit/events": "audit.list",
    "/audit/verify": "audit.verify",
}
CODES = {401: "unauthenticated", 403: "forbidden", 404: "not_found", 409: "conflict", 422: "invalid"}


@dataclass
class World:
    qa: str  # acme, purposes [quality_assurance], ready
    contract: str  # acme, purposes [contract_evidence], ready
    mixed: str  # acme, purposes [quality_assurance, contract_evidence], ready


@pytest.fixture
def world(
    client: TestClient, keys: dict[str, str], runtime: Runtime, fake_redactor: Any, short_wav: Path
) -> World:
    ids = []
    both = ["quality_assurance", "contract_evidence"]
    for purposes in (["quality_assurance"], ["contract_evidence"], both):
        r = upload(client, keys["ingest"], metadata(purposes=purposes), short_wav)
        assert r.status_code == 202, r.text
        ids.append(r.json()["id"])
    assert process_all(runtime) == ["ready"] * 3
    return World(*ids)


def user_id(runtime: Runtime, name: str) -> str:
    with runtime.sessions() as s:
        uid = s.scalar(select(User.id).where(User.name == name))
    assert uid is not None
    return uid


def audit_events(client: TestClient, keys: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    r = client.get("/audit/events", headers=auth(keys["auditor"]), params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def assert_error(r: Any, status: int, code: str, field: str | None = None) -> None:
    helpers.assert_error(r, status, code, field, SECRETS)


def call(client: TestClient, key: str | None, method: str, path: str, wav: Path) -> Any:
    headers = auth(key) if key is not None else {}
    if method == "POST":
        with wav.open("rb") as fh:
            return client.post(
                path, headers=headers, files={"file": ("call.wav", fh, "audio/wav")},
                data={"metadata": json.dumps(metadata())},
            )  # fmt: skip
    return client.request(method, path, headers=headers)


# (role key name, method, path template, expected status)
TABLE = [
    # ingest: uploads, nothing else
    ("ingest", "POST", "/recordings", 202),
    ("ingest", "GET", "/recordings", 403),
    ("ingest", "GET", "/recordings/{id}", 403),
    ("ingest", "GET", "/recordings/{id}/audio", 403),
    ("ingest", "GET", "/recordings/{id}/transcript", 403),
    ("ingest", "GET", "/audit/events", 403),
    ("ingest", "GET", "/audit/verify", 403),
    # reviewer: redacted content of its tenant and purposes, no audit log, no upload
    ("reviewer", "POST", "/recordings", 403),
    ("reviewer", "GET", "/recordings", 200),
    ("reviewer", "GET", "/recordings/{id}", 200),
    ("reviewer", "GET", "/recordings/{id}/audio", 200),
    ("reviewer", "GET", "/recordings/{id}/transcript", 200),
    ("reviewer", "GET", "/audit/events", 403),
    ("reviewer", "GET", "/audit/verify", 403),
    # dpo: recordings and audit log
    ("dpo", "POST", "/recordings", 403),
    ("dpo", "GET", "/recordings", 200),
    ("dpo", "GET", "/recordings/{id}", 200),
    ("dpo", "GET", "/recordings/{id}/audio", 200),
    ("dpo", "GET", "/recordings/{id}/transcript", 200),
    ("dpo", "GET", "/audit/events", 200),
    ("dpo", "GET", "/audit/verify", 200),
    # auditor: the audit log only
    ("auditor", "POST", "/recordings", 403),
    ("auditor", "GET", "/recordings", 403),
    ("auditor", "GET", "/recordings/{id}", 403),
    ("auditor", "GET", "/recordings/{id}/audio", 403),
    ("auditor", "GET", "/recordings/{id}/transcript", 403),
    ("auditor", "GET", "/audit/events", 200),
    ("auditor", "GET", "/audit/verify", 200),
    # admin: manages users, sees no content and no audit log
    ("admin", "POST", "/recordings", 403),
    ("admin", "GET", "/recordings", 403),
    ("admin", "GET", "/recordings/{id}", 403),
    ("admin", "GET", "/recordings/{id}/audio", 403),
    ("admin", "GET", "/recordings/{id}/transcript", 403),
    ("admin", "GET", "/audit/events", 403),
    ("admin", "GET", "/audit/verify", 403),
    # another tenant: the recording does not exist for them; a role check still comes first
    ("reviewer_other", "GET", "/recordings", 200),
    ("reviewer_other", "GET", "/recordings/{id}", 404),
    ("reviewer_other", "GET", "/recordings/{id}/audio", 404),
    ("reviewer_other", "GET", "/recordings/{id}/transcript", 404),
    ("reviewer_other", "GET", "/audit/events", 403),
    ("ingest_other", "GET", "/recordings/{id}", 403),
    ("ingest_other", "GET", "/recordings/{id}/audio", 403),
    # no credentials, or credentials nobody issued
    (None, "POST", "/recordings", 401),
    (None, "GET", "/recordings", 401),
    (None, "GET", "/recordings/{id}", 401),
    (None, "GET", "/recordings/{id}/audio", 401),
    (None, "GET", "/recordings/{id}/transcript", 401),
    (None, "GET", "/audit/events", 401),
    (None, "GET", "/audit/verify", 401),
    ("garbage", "GET", "/recordings", 401),
    ("garbage", "GET", "/recordings/{id}", 401),
    ("garbage", "GET", "/recordings/{id}/audio", 401),
    ("garbage", "GET", "/recordings/{id}/transcript", 401),
    ("garbage", "GET", "/audit/events", 401),
    ("garbage", "POST", "/recordings", 401),
]


@pytest.mark.parametrize(("who", "method", "template", "expected"), TABLE)
def test_access_table(
    client: TestClient, keys: dict[str, str], runtime: Runtime, world: World, short_wav: Path,
    who: str | None, method: str, template: str, expected: int,
) -> None:  # fmt: skip
    key = None if who is None else "cv_garbage-token-nobody-issued" if who == "garbage" else keys[who]
    path = template.format(id=world.qa)
    r = call(client, key, method, path, short_wav)
    assert r.status_code == expected, r.text
    for secret in SECRETS:
        assert secret not in r.text
    if expected >= 400:
        assert_error(r, expected, CODES[expected])
        if expected == 401:
            assert r.headers["WWW-Authenticate"] == "Bearer"
        action = "upload" if method == "POST" else ACTIONS[template]
        denied = audit_events(client, keys, action=action, outcome="denied")
        assert len(denied) == 1, denied
        event = denied[0]
        assert event["detail"] == CODES[expected]
        if who in (None, "garbage"):
            assert event["actor_id"] is None and event["actor_role"] == "anonymous"
        else:
            assert event["actor_id"] == user_id(runtime, who)
            assert event["actor_role"] == who.removesuffix("_other")
        if "{id}" in template:
            assert event["recording_id"] == world.qa
        return
    body = r.json() if "audio" not in template else None
    if template == "/recordings":
        if method == "POST":
            assert set(body) == {"id", "status"} and body["status"] == "queued"
        else:
            listed = {item["id"] for item in body["items"]}
            if who == "reviewer_other":
                assert listed == set() and body["total"] == 0
            elif who == "reviewer":
                assert listed == {world.qa, world.mixed} and body["total"] == 2
            else:
                assert listed == {world.qa, world.contract, world.mixed} and body["total"] == 3
    elif template == "/recordings/{id}":
        assert body["id"] == world.qa and body["status"] == "ready"
    elif template.endswith("/audio"):
        assert r.headers["content-type"] == "audio/wav" and r.content[:4] == b"RIFF"
    elif template.endswith("/transcript"):
        assert body["variant"] == "redacted"
    elif template == "/audit/verify":
        assert body["ok"] is True
    # a granted request is not also recorded as a refusal
    assert audit_events(client, keys, outcome="denied") == []


def test_refusals_are_audited_with_context(client, keys, runtime, world) -> None:
    """Each refusal is one denied event naming who, what, which recording, and why."""
    attempts = [
        (keys["reviewer_other"], f"/recordings/{world.qa}/audio", "play", "not_found"),
        (keys["reviewer"], f"/recordings/{world.contract}", "view", "forbidden"),
        (keys["reviewer"], f"/recordings/{world.qa}/audio?variant=original", "play", "forbidden"),
        (keys["reviewer"], f"/recordings/{world.qa}/audio?purpose=nope", "play", "invalid"),
        (None, f"/recordings/{world.qa}/transcript", "transcript", "unauthenticated"),
    ]
    for key, path, _, _ in attempts:
        r = client.get(path, headers=auth(key) if key else {})
        assert r.status_code >= 400
    denied = audit_events(client, keys, outcome="denied")
    assert [(e["action"], e["detail"]) for e in denied] == [(a, d) for _, _, a, d in attempts]
    qa, contract = world.qa, world.contract
    assert [e["recording_id"] for e in denied] == [qa, contract, qa, qa, qa]
    assert denied[2]["variant"] == "original"
    # the chain stays intact with refusals in it
    assert client.get("/audit/verify", headers=auth(keys["auditor"])).json()["ok"] is True


def test_other_tenant_sees_nothing(client, keys, world) -> None:
    r = client.get("/recordings", headers=auth(keys["reviewer_other"]))
    assert r.status_code == 200 and r.json()["items"] == [] and r.json()["total"] == 0
    for suffix in ("", "/audio", "/transcript"):
        other = client.get(f"/recordings/{world.qa}{suffix}", headers=auth(keys["reviewer_other"]))
        missing = client.get(f"/recordings/00000000-0000-0000-0000-000000000000{suffix}",
                             headers=auth(keys["reviewer"]))  # fmt: skip
        # indistinguishable from a recording that does not exist
        assert other.status_code == missing.status_code == 404
        assert other.json() == missing.json()


@pytest.mark.parametrize("route", ["audio", "transcript"])
def test_original_needs_a_grant_except_for_the_dpo(client, keys, world, route) -> None:
    """Without an approved grant a reviewer never gets the original; the DPO does, audited."""
    r = client.get(f"/recordings/{world.qa}/{route}", headers=auth(keys["reviewer"]),
                   params={"variant": "original"})  # fmt: skip
    assert_error(r, 403, "forbidden")
    denied = audit_events(client, keys, recording_id=world.qa, outcome="denied")
    assert len(denied) == 1
    assert denied[0]["variant"] == "original" and denied[0]["detail"] == "forbidden"
    # the redacted variant of the same recording is served to the same caller
    redacted = client.get(f"/recordings/{world.qa}/{route}", headers=auth(keys["reviewer"]))
    assert redacted.status_code == 200
    dpo = client.get(f"/recordings/{world.qa}/{route}", headers=auth(keys["dpo"]),
                     params={"variant": "original"})  # fmt: skip
    assert dpo.status_code == 200
    served = audit_events(client, keys, recording_id=world.qa, outcome="ok")
    assert [e["actor_role"] for e in served if e["variant"] == "original"] == ["dpo"]


def test_recording_outside_reviewer_purposes(client, keys, world) -> None:
    rid = world.contract
    listed = client.get("/recordings", headers=auth(keys["reviewer"])).json()
    assert rid not in {i["id"] for i in listed["items"]}
    assert client.get("/recordings", headers=auth(keys["reviewer"]),
                      params={"purpose": "contract_evidence"}).json()["items"] == [
        i for i in listed["items"] if i["id"] == world.mixed
    ]  # fmt: skip
    for suffix in ("", "/audio", "/transcript"):
        assert_error(client.get(f"/recordings/{rid}{suffix}", headers=auth(keys["reviewer"])),
                     403, "forbidden")  # fmt: skip
    denied = audit_events(client, keys, recording_id=rid, outcome="denied")
    assert [(e["action"], e["detail"]) for e in denied] == [
        ("view", "forbidden"), ("play", "forbidden"), ("transcript", "forbidden")
    ]
    # the DPO sees it: in the list, its metadata and its redacted content
    dpo = client.get("/recordings", headers=auth(keys["dpo"])).json()
    assert rid in {i["id"] for i in dpo["items"]}
    view = client.get(f"/recordings/{rid}", headers=auth(keys["dpo"]))
    assert view.status_code == 200
    assert [p["purpose"] for p in view.json()["purposes"]] == ["contract_evidence"]
    assert client.get(f"/recordings/{rid}/audio", headers=auth(keys["dpo"])).status_code == 200
    served = audit_events(client, keys, recording_id=rid, action="download", outcome="ok")
    assert [e["purpose"] for e in served] == ["contract_evidence"]


@pytest.mark.parametrize("route", ["audio", "transcript"])
def test_purpose_query(client, keys, world, route) -> None:
    path = f"/recordings/{world.qa}/{route}"
    reviewer = auth(keys["reviewer"])
    # unknown purpose: invalid input, naming the parameter only
    assert_error(client.get(path, headers=reviewer, params={"purpose": "marketing"}),
                 422, "invalid", "purpose")  # fmt: skip
    # a known purpose the recording is not kept for: refused, for the reviewer and the DPO
    for who in ("reviewer", "dpo"):
        assert_error(client.get(path, headers=auth(keys[who]), params={"purpose": "training"}),
                     403, "forbidden")  # fmt: skip
    # held by the recording but not one the reviewer may use
    mixed = f"/recordings/{world.mixed}/{route}"
    assert_error(client.get(mixed, headers=reviewer, params={"purpose": "contract_evidence"}),
                 403, "forbidden")  # fmt: skip
    assert client.get(mixed, headers=auth(keys["dpo"]),
                      params={"purpose": "contract_evidence"}).status_code == 200  # fmt: skip
    # held and allowed: served, and audited under that purpose
    ok = client.get(path, headers=reviewer, params={"purpose": "quality_assurance"})
    assert ok.status_code == 200
    denied = audit_events(client, keys, outcome="denied")
    assert [(e["recording_id"], e["detail"], e["purpose"]) for e in denied] == [
        (world.qa, "invalid", "marketing"),
        (world.qa, "forbidden", "training"),
        (world.qa, "forbidden", "training"),
        (world.mixed, "forbidden", "contract_evidence"),
    ]
    action = "download" if route == "audio" else "transcript"
    granted = audit_events(client, keys, action=action, outcome="ok")
    assert [(e["recording_id"], e["purpose"], e["actor_role"]) for e in granted] == [
        (world.mixed, "contract_evidence", "dpo"),
        (world.qa, "quality_assurance", "reviewer"),
    ]


def test_no_customer_identifier_in_audit_or_errors(client, keys, runtime, world, short_wav) -> None:
    """Provoke refusals of every kind, then read the whole audit log: no phone, no e-mail."""
    bodies = []
    for key in (None, "cv_nope", keys["ingest"], keys["admin"], keys["reviewer_other"]):
        for suffix in ("", "/audio", "/transcript"):
            r = client.get(f"/recordings/{world.qa}{suffix}", headers=auth(key) if key else {})
            assert r.status_code in (401, 403, 404)
            bodies.append(r.text)
    # refused uploads carrying the customer's identifiers in their metadata
    for key, meta in (
        (keys["reviewer"], metadata()),
        (keys["ingest"], metadata(purposes=["training"])),
        (keys["ingest_other"], metadata(tenant="acme")),
        (keys["ingest"], metadata(customer={"phone": PHONE, "email": "not-an-email " + EMAIL})),
    ):
        r = upload(client, key, meta, short_wav)
        assert r.status_code in (403, 422), r.text
        bodies.append(r.text)
    events = audit_events(client, keys)
    assert len([e for e in events if e["outcome"] == "denied"]) == 19
    dump = json.dumps(events) + "".join(bodies)
    for secret in SECRETS:
        assert secret not in dump
