"""The unredacted original through the API: request, four-eyes decision, time-limited grant.

A grant serves one requester, one recording, one purpose, from approval until `expires_at` on the
runtime's clock (frozen, never slept on), checked and audited (against its id) at every use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.vault.identity import create_user
from models import Role
from pipeline.errors import InputError
from tests.vault import helpers
from tests.vault.helpers import FakeRedactor, auth, metadata, process_all, upload

PHONE = "+32 470 12 34 56"
EMAIL = "Jan.Peeters@example.be"
WHY = "Customer disputes the price agreed on the phone; the exact wording is needed."
SECRETS = (PHONE, "470123456", "470 12 34 56", EMAIL, EMAIL.lower(), "Peeters", WHY)
EXTRA = {"reviewer2": (Role.REVIEWER, ["acme"]), "supervisor": (Role.SUPERVISOR, ["acme"]),
         "dpo2": (Role.DPO, ["acme"]), "dpo_other": (Role.DPO, ["globex"])}  # fmt: skip
DROP = object()  # a body key to leave out


class SpecialRedactor(FakeRedactor):
    """Like FakeRedactor, but the call mentioned the caller's health (an Art. 9 category)."""

    def redact_file(self, path: Path, out_dir: Path, progress: Any = None, *,
                    keep_transcript: bool = False) -> Any:  # fmt: skip
        result = super().redact_file(path, out_dir, progress, keep_transcript=keep_transcript)
        result.report["summary"]["special_categories"] = ["HEALTH"]
        result.report_path.write_text(json.dumps(result.report))
        return result


@dataclass
class Gov:
    client: TestClient
    keys: dict[str, str]
    runtime: Runtime
    wav: Path
    t0: datetime

    def recording(self, redactor: FakeRedactor | None = None, expect: str = "ready",
                  who: str = "ingest", **meta: Any) -> str:  # fmt: skip
        if redactor is not None:
            self.runtime._redactors.update({0: redactor, 1: redactor})  # type: ignore[dict-item]
        r = upload(self.client, self.keys[who], metadata(**meta), self.wav)
        assert r.status_code == 202, r.text
        assert process_all(self.runtime) == [expect]
        rid: str = r.json()["id"]
        return rid

    def ask(self, who: str, rid: str, **body: Any) -> Any:
        data = {"recording_id": rid, "justification": WHY, "duration_minutes": 30, **body}
        data = {k: v for k, v in data.items() if v is not DROP}
        return self.client.post("/access-requests", headers=auth(self.keys[who]), json=data)

    def granted(self, who: str, rid: str, **body: Any) -> str:
        req_id: str = self.ask(who, rid, **body).json()["id"]
        assert self.decide("dpo", req_id, "approve").status_code == 200
        return req_id

    def decide(self, who: str, req_id: str, verb: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/access-requests/{req_id}/{verb}", headers=auth(self.keys[who]),
                                json=body)  # fmt: skip

    def original(self, who: str, rid: str, route: str = "audio", rng: str | None = None,
                 **params: str) -> Any:  # fmt: skip
        headers = {**auth(self.keys[who]), **({"Range": rng} if rng else {})}
        return self.client.get(f"/recordings/{rid}/{route}", headers=headers,
                               params={"variant": "original", **params})  # fmt: skip

    def events(self, **params: Any) -> list[dict[str, Any]]:
        """The audit log, which holds nothing personal and no justification."""
        r = self.client.get("/audit/events", headers=auth(self.keys["auditor"]),
                            params={"limit": 1000, **params})  # fmt: skip
        assert r.status_code == 200 and not [s for s in SECRETS if s in r.text], r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items

    def ids(self, who: str, **params: str) -> set[str]:
        r = self.client.get("/access-requests", headers=auth(self.keys[who]), params=params)
        assert r.status_code == 200, r.text
        return {item["id"] for item in r.json()["items"]}


@pytest.fixture
def gov(client: TestClient, keys: dict[str, str], runtime: Runtime, fake_redactor: FakeRedactor,
        short_wav: Path) -> Gov:  # fmt: skip
    with transaction(runtime.sessions) as s:
        more = {name: create_user(s, name, role, tenants)[1] for name, (role, tenants) in EXTRA.items()}
    t0 = runtime.clock.freeze()
    return Gov(client, {**keys, **more}, runtime, short_wav, t0)


def served(gov: Gov, rid: str) -> list[dict[str, Any]]:
    """Content served from the original (access.* events name the variant too)."""
    return [e for e in gov.events(recording_id=rid, outcome="ok")
            if e["variant"] == "original" and not e["action"].startswith("access.")]  # fmt: skip


def assert_error(r: Any, status: int, code: str, field: str | None = None) -> None:
    helpers.assert_error(r, status, code, field, SECRETS)


# (who, body changes, status, error code, field)
REQUESTS = [
    ("reviewer", {}, 201, None, None),
    ("supervisor", {"purpose": "quality_assurance"}, 201, None, None),
    ("dpo", {"duration_minutes": 10080}, 201, None, None),
    ("reviewer", {"duration_minutes": 1, "justification": "x" * 2000}, 201, None, None),
    ("ingest", {}, 403, "forbidden", None),
    ("auditor", {}, 403, "forbidden", None),
    ("admin", {}, 403, "forbidden", None),
    ("reviewer_other", {}, 404, "not_found", None),
    ("dpo_other", {}, 404, "not_found", None),
    ("reviewer", {"recording_id": "00000000-0000-0000-0000-000000000000"}, 404, "not_found", None),
    ("reviewer", {"purpose": "contract_evidence"}, 422, "invalid", "purpose"),
    ("reviewer", {"purpose": "No Such Purpose"}, 422, "invalid", "purpose"),
    ("reviewer", {"justification": "too short"}, 422, "invalid", "justification"),
    ("reviewer", {"justification": "x" * 2001}, 422, "invalid", "justification"),
    ("reviewer", {"justification": DROP}, 422, "invalid", "justification"),
    ("reviewer", {"duration_minutes": 0}, 422, "invalid", "duration_minutes"),
    ("reviewer", {"duration_minutes": 10081}, 422, "invalid", "duration_minutes"),
    ("reviewer", {"recording_id": DROP}, 422, "invalid", "recording_id"),
    ("reviewer", {"phone": PHONE}, 422, "invalid", "phone"),
]


@pytest.mark.parametrize(("who", "changes", "status", "code", "field"), REQUESTS)
def test_request_access(gov: Gov, who: str, changes: dict[str, Any], status: int,
                        code: str | None, field: str | None) -> None:  # fmt: skip
    rid = gov.recording()
    r = gov.ask(who, rid, **changes)
    if code is not None:
        assert_error(r, status, code, field)
        assert gov.ids("dpo") == set()
        return
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["status"], body["recording_id"], body["requester_role"]) == ("pending", rid, who)
    assert body["purpose"] == "quality_assurance" and body["expires_at"] is None
    [event] = gov.events(action="access.request")
    assert (event["outcome"], event["detail"]) == ("ok", f"request={body['id']}")
    assert gov.original(who, rid).status_code == (200 if who == "dpo" else 403)  # not before approval


@pytest.mark.parametrize(("who", "status"), [("reviewer", 403), ("supervisor", 201), ("dpo", 201)])
def test_a_request_stays_within_the_requesters_purposes(gov: Gov, who: str, status: int) -> None:
    """Purpose limitation: a reviewer does not work on contract evidence, so cannot ask for it."""
    rid = gov.recording(purposes=["quality_assurance", "contract_evidence"])
    r = gov.ask(who, rid, purpose="contract_evidence")
    if status == 403:
        assert_error(r, 403, "forbidden")
    else:
        assert r.status_code == 201 and r.json()["purpose"] == "contract_evidence", r.text


def test_queue_dpo_sees_tenant_requester_sees_own(gov: Gov) -> None:
    rid, other_rid = gov.recording(), gov.recording(who="ingest_other")
    mine, theirs = gov.ask("reviewer", rid).json()["id"], gov.ask("supervisor", rid).json()["id"]
    other = gov.ask("reviewer_other", other_rid).json()["id"]
    assert gov.ids("dpo") == gov.ids("dpo", status="pending") == {mine, theirs}
    assert (gov.ids("reviewer"), gov.ids("supervisor"), gov.ids("reviewer_other")) == (
        {mine}, {theirs}, {other})  # fmt: skip
    assert gov.ids("dpo_other") == {other}
    assert gov.decide("dpo", theirs, "deny", {"reason": "not needed"}).status_code == 200
    assert (gov.ids("dpo", status="pending"), gov.ids("dpo", status="denied")) == ({mine}, {theirs})
    view = gov.client.get(f"/access-requests/{mine}", headers=auth(gov.keys["dpo"]))
    assert view.status_code == 200 and view.json()["justification"] == WHY  # for the DPO to read
    for who, req_id in (("reviewer", theirs), ("reviewer2", mine), ("reviewer_other", mine),
                        ("dpo_other", mine)):  # fmt: skip
        r = gov.client.get(f"/access-requests/{req_id}", headers=auth(gov.keys[who]))
        assert_error(r, 404, "not_found")
    for who, query, status, code in (("ingest", "", 403, "forbidden"), ("auditor", "", 403, "forbidden"),
                                     ("dpo", "?status=bogus", 422, "invalid")):  # fmt: skip
        r = gov.client.get(f"/access-requests{query}", headers=auth(gov.keys[who]))
        assert_error(r, status, code, "status" if query else None)


# (who decides, verb, body, status, error code, field) on a pending request of "reviewer"
DECISIONS = [
    ("dpo", "approve", None, 200, None, None),
    ("dpo2", "approve", {"reason": "dispute", "art9_condition": "legal_claims"}, 200, None, None),
    ("dpo", "deny", {"reason": "a redacted copy is enough"}, 200, None, None),
    ("reviewer", "approve", None, 403, "forbidden", None),
    ("reviewer2", "deny", None, 403, "forbidden", None),
    ("supervisor", "approve", None, 403, "forbidden", None),
    ("auditor", "approve", None, 403, "forbidden", None),
    ("dpo_other", "approve", None, 404, "not_found", None),
    ("dpo", "approve", {"art9_condition": "because"}, 422, "invalid", "art9_condition"),
    ("dpo", "deny", {"reason": ""}, 422, "invalid", "reason"),
    ("dpo", "approve", {"grant": "forever"}, 422, "invalid", "grant"),
]


@pytest.mark.parametrize(("who", "verb", "body", "status", "code", "field"), DECISIONS)
def test_decide(gov: Gov, who: str, verb: str, body: dict[str, Any] | None, status: int,
                code: str | None, field: str | None) -> None:  # fmt: skip
    rid = gov.recording()
    req_id = gov.ask("reviewer", rid).json()["id"]
    r = gov.decide(who, req_id, verb, body)
    if code is not None:
        assert_error(r, status, code, field)
        assert gov.ids("dpo", status="pending") == {req_id}
        return
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["status"] == ("approved" if verb == "approve" else "denied")
    assert out["decided_at"] is not None and out["decision_reason"] == (body or {}).get("reason")
    if verb == "approve":
        assert datetime.fromisoformat(out["expires_at"]) == gov.t0 + timedelta(minutes=30)
        assert out["art9_condition"] == (body or {}).get("art9_condition")
    assert_error(gov.decide("dpo2", req_id, "approve"), 409, "conflict")  # decided once only
    assert_error(gov.decide("dpo2", req_id, "deny"), 409, "conflict")
    assert gov.original("reviewer", rid).status_code == (200 if verb == "approve" else 403)


def test_four_eyes_and_revocation(gov: Gov) -> None:
    rid = gov.recording()
    own = gov.ask("dpo", rid).json()["id"]
    assert_error(gov.decide("dpo", own, "approve"), 403, "forbidden")
    assert_error(gov.decide("dpo", own, "deny"), 403, "forbidden")
    assert gov.decide("dpo2", own, "approve").status_code == 200
    denied = gov.ask("reviewer", rid).json()["id"]
    assert gov.decide("dpo", denied, "deny").status_code == 200
    assert_error(gov.decide("dpo", denied, "revoke"), 409, "conflict")
    req_id = gov.granted("reviewer", rid)
    assert gov.original("reviewer", rid).status_code == 200
    assert_error(gov.decide("reviewer2", req_id, "revoke"), 404, "not_found")
    revoked = gov.decide("dpo", req_id, "revoke").json()
    assert revoked["status"] == "revoked" and revoked["revoked_at"] is not None
    assert_error(gov.original("reviewer", rid), 403, "forbidden")
    assert_error(gov.decide("dpo", req_id, "revoke"), 409, "conflict")
    assert_error(gov.decide("dpo", req_id, "approve"), 409, "conflict")
    [event] = gov.events(action="access.revoke", outcome="ok")
    assert event["detail"] == f"request={req_id}" and event["recording_id"] == rid


def test_grant_serves_its_holder_for_its_purpose_until_expiry(gov: Gov) -> None:
    rid = gov.recording(purposes=["quality_assurance", "complaint_handling"])
    req_id = gov.ask("reviewer", rid, purpose="complaint_handling").json()["id"]
    t1 = gov.runtime.clock.advance(timedelta(hours=2))  # a grant runs from approval, not request
    approved = gov.decide("dpo", req_id, "approve").json()
    assert datetime.fromisoformat(approved["expires_at"]) == t1 + timedelta(minutes=30)
    full = gov.original("reviewer", rid)
    assert full.status_code == 200 and full.content == gov.wav.read_bytes()
    part = gov.original("reviewer", rid, rng="bytes=0-99")
    assert part.status_code == 206 and part.content == gov.wav.read_bytes()[:100]
    text = gov.original("reviewer", rid, "transcript", purpose="complaint_handling")
    assert text.status_code == 200 and text.json() == {"variant": "original", "channels": []}
    for who, params in (("reviewer", {"purpose": "quality_assurance"}), ("reviewer2", {}),
                        ("supervisor", {}), ("reviewer_other", {})):  # fmt: skip
        assert gov.original(who, rid, **params).status_code == (404 if "other" in who else 403)
    used = served(gov, rid)
    assert [(e["action"], e["purpose"], e["detail"]) for e in used] == [
        ("download", "complaint_handling", f"grant={req_id} bytes=0-{len(full.content) - 1}"),
        ("play", "complaint_handling", f"grant={req_id} bytes=0-99"),
        ("transcript", "complaint_handling", f"grant={req_id}"),
    ]
    assert {datetime.fromisoformat(e["at"]) for e in used} == {t1}
    gov.runtime.clock.advance(timedelta(minutes=29, seconds=59))
    assert gov.original("reviewer", rid, rng="bytes=0-0").status_code == 206
    gov.runtime.clock.advance(timedelta(seconds=1))  # expires_at: the grant is over
    assert_error(gov.original("reviewer", rid, rng="bytes=0-0"), 403, "forbidden")
    assert_error(gov.original("reviewer", rid, "transcript"), 403, "forbidden")
    refused = [(e["action"], e["detail"]) for e in gov.events(recording_id=rid, outcome="denied")]
    assert refused[-2:] == [("play", "forbidden"), ("transcript", "forbidden")]
    assert gov.original("dpo", rid).status_code == 200  # the DPO needs no grant


def test_failed_recording_only_the_dpo_gets_the_original(gov: Gov) -> None:
    failing = FakeRedactor(fail_with=InputError("unreadable audio", source="call.wav"))
    rid = gov.recording(failing, expect="failed")
    gov.granted("reviewer", rid)
    assert_error(gov.original("reviewer", rid), 409, "conflict")
    assert_error(gov.original("reviewer", rid, rng="bytes=0-9"), 409, "conflict")
    dpo = gov.original("dpo", rid)
    assert dpo.status_code == 200 and dpo.content == gov.wav.read_bytes()
    assert [(e["actor_role"], e["action"]) for e in served(gov, rid)] == [("dpo", "download")]


# (art9_condition in the upload metadata, approval body, approval status)
ART9 = [
    (None, None, 422),
    (None, {"reason": "dispute"}, 422),
    (None, {"art9_condition": "explicit_consent"}, 200),
    ("explicit_consent", None, 200),
]


@pytest.mark.parametrize(("recorded", "body", "status"), ART9)
def test_special_category_needs_an_art9_condition(
    gov: Gov, recorded: str | None, body: dict[str, Any] | None, status: int
) -> None:
    rid = gov.recording(SpecialRedactor(), **({"art9_condition": recorded} if recorded else {}))
    view = gov.client.get(f"/recordings/{rid}", headers=auth(gov.keys["dpo"]))
    assert view.json()["special_category"] is True
    req_id = gov.ask("reviewer", rid).json()["id"]
    r = gov.decide("dpo", req_id, "approve", body)
    if status == 422:
        assert_error(r, 422, "invalid", "art9_condition")
        assert gov.ids("dpo", status="pending") == {req_id}
        assert_error(gov.original("reviewer", rid), 403, "forbidden")
        return
    assert r.status_code == 200, r.text
    use = gov.original("reviewer", rid)
    assert use.status_code == 200 and use.content == gov.wav.read_bytes()
    [event] = served(gov, rid)
    assert event["detail"].startswith(f"grant={req_id} ")


def test_restriction_suspends_the_grant_until_lifted(gov: Gov) -> None:
    rid = gov.recording()
    gov.granted("reviewer", rid)
    assert gov.original("reviewer", rid).status_code == 200
    dpo = auth(gov.keys["dpo"])
    r = gov.client.post("/subjects/restrict", headers=dpo, json={"phone": PHONE})
    assert r.status_code == 200 and r.json()["recordings"] == [rid]
    assert_error(gov.original("reviewer", rid), 403, "forbidden")
    assert_error(gov.original("reviewer", rid, "transcript"), 403, "forbidden")
    assert gov.original("dpo", rid).status_code == 200
    lifted = gov.client.post("/subjects/restrict/lift", headers=dpo, json={"phone": PHONE})
    assert lifted.status_code == 200 and lifted.json()["restricted"] is False
    assert gov.original("reviewer", rid).status_code == 200
    assert len(gov.events(action="subject.restrict", outcome="ok")) == 1


def test_each_live_grant_serves_its_own_purpose(gov: Gov) -> None:
    rid, other = gov.recording(purposes=["quality_assurance", "complaint_handling"]), gov.recording()
    short = gov.granted("reviewer", rid, purpose="complaint_handling", duration_minutes=30)
    long = gov.granted("reviewer", rid, purpose="quality_assurance", duration_minutes=60)
    assert_error(gov.original("reviewer", other), 403, "forbidden")  # one grant, one recording
    for purpose, grant in (("quality_assurance", long), ("complaint_handling", short)):
        r = gov.original("reviewer", rid, purpose=purpose)
        assert r.status_code == 200, (purpose, r.text)
        assert served(gov, rid)[-1]["detail"].startswith(f"grant={grant} ")
