"""GDPR Art. 30 records of processing: exact per-purpose figures after a scripted scenario.

Held figures are what the vault keeps now; period figures (grants, uses of originals, expiries,
purges, erasures) come from the audit log and tombstones, so they survive the deleted recordings.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from callvault.runtime import Runtime
from callvault.vault.retention import purge
from tests.vault.helpers import FakeRedactor, assert_error, auth, metadata, process_all, upload

QA, TR, CH, CE, RR = ("quality_assurance", "training", "complaint_handling", "contract_evidence",
                      "regulatory_retention")  # fmt: skip
PHONE, ERASED_PHONE = "+32 470 12 34 56", "+32 470 99 88 77"
ZERO: dict[str, Any] = {
    "recordings": 0, "special_category_recordings": 0, "on_legal_hold": 0, "restricted": 0,
    "categories_detected": {}, "access_grants": 0, "original_accesses": 0, "purpose_expiries": 0,
    "purged": 0, "erased": 0,
}  # fmt: skip
PERIOD = ("access_grants", "original_accesses", "purpose_expiries", "purged", "erased")


class SpecialRedactor(FakeRedactor):
    """FakeRedactor whose report also finds a special category (Art. 9) statement."""

    def redact_file(self, path: Path, out_dir: Path, progress: Any = None, *,
                    keep_transcript: bool = False) -> Any:  # fmt: skip
        result = super().redact_file(path, out_dir, progress, keep_transcript=keep_transcript)
        summary = result.report["summary"]
        summary["special_categories"], summary["by_type"]["HEALTH"] = ["HEALTH"], 1
        result.report_path.write_text(json.dumps(result.report))
        return result


def report(client: TestClient, key: str, start: datetime | None = None, end: datetime | None = None
           ) -> Any:  # fmt: skip
    params = {k: v.isoformat() for k, v in (("from", start), ("to", end)) if v is not None}
    return client.get("/reports/processing", headers=auth(key), params=params)


def figures(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["purpose"]: {k: p[k] for k in ZERO} for p in body["purposes"]}


@pytest.mark.parametrize(("role", "status"), [("dpo", 200), ("auditor", 200), ("reviewer", 403),
                                              ("ingest", 403), ("admin", 403)])  # fmt: skip
def test_who_may_read_the_report(client: TestClient, keys: dict[str, str], runtime: Runtime,
                                 role: str, status: int) -> None:  # fmt: skip
    now = runtime.clock.freeze()
    r = report(client, keys[role])
    assert r.status_code == status, r.text
    if status == 200:  # default period: the last 30 days
        period = r.json()["period"]
        assert datetime.fromisoformat(period["to"]) == now
        assert datetime.fromisoformat(period["from"]) == now - timedelta(days=30)
        assert {p["purpose"] for p in r.json()["purposes"]} == {QA, TR, CH, CE, RR}
    else:
        assert r.json()["error"]["code"] == "forbidden"


NAIVE, AWARE = "2026-01-01T00:00:00", "2026-01-01T00:00:00+00:00"
BAD_PERIODS = [
    ({"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}, "from"),
    ({"from": AWARE, "to": AWARE}, "from"),
    ({"from": NAIVE}, "from"),
    ({"from": NAIVE, "to": "2026-02-01T00:00:00Z"}, "from"),
    ({"from": AWARE, "to": "2026-02-01T00:00:00"}, "to"),
    ({"to": NAIVE}, "to"),
    ({"from": "last tuesday"}, "from"),
]


@pytest.mark.parametrize(("params", "field"), BAD_PERIODS)
def test_invalid_periods_are_422(client: TestClient, keys: dict[str, str], params: dict[str, str],
                                 field: str) -> None:  # fmt: skip
    r = client.get("/reports/processing", headers=auth(keys["dpo"]), params=params)
    assert_error(r, 422, "invalid", field, ())


def test_figures_after_a_scenario_are_exact(
    client: TestClient, keys: dict[str, str], runtime: Runtime, fake_redactor: FakeRedactor,
    short_wav: Path,
) -> None:  # fmt: skip
    t0 = runtime.clock.freeze()

    def ingest(purposes: list[str], key: str = "ingest", phone: str = PHONE) -> str:
        consents = {"training": True} if TR in purposes else {}
        meta = metadata(purposes=purposes, consents=consents,
                        customer={"phone": phone, "id": "C-1001"})  # fmt: skip
        r = upload(client, keys[key], meta, short_wav)
        assert r.status_code == 202, r.text
        assert process_all(runtime) == ["ready"]
        return str(r.json()["id"])

    def ok(method: str, path: str, role: str, **kw: Any) -> Any:
        r = client.request(method, path, headers=auth(keys[role]), **kw)
        assert r.status_code in (200, 201), r.text
        return r

    # Special category (Art. 9), kept for a contract and a complaint, and on legal hold.
    runtime._redactors.update({0: SpecialRedactor(), 1: SpecialRedactor()})  # type: ignore[dict-item]
    special = ingest([CE, CH])
    runtime._redactors.update({0: fake_redactor, 1: fake_redactor})  # type: ignore[dict-item]
    ok("POST", f"/recordings/{special}/legal-hold", "dpo", json={"reference": "CASE-7"})
    purged_qa, mixed, purged_tr = ingest([QA]), ingest([QA, CH]), ingest([TR])
    erased = ingest([CH], phone=ERASED_PHONE)
    ingest([QA, CH], key="ingest_other")  # globex: the acme DPO never counts it
    # A reviewer asks for the original of `mixed` for a complaint; the DPO approves; one download.
    request = ok("POST", "/access-requests", "reviewer", json={
        "recording_id": mixed, "purpose": CH, "justification": "customer disputes the agent's words",
        "duration_minutes": 30}).json()  # fmt: skip
    ok("POST", f"/access-requests/{request['id']}/approve", "dpo")
    ok("GET", f"/recordings/{mixed}/audio", "reviewer", params={"variant": "original"})

    t1 = runtime.clock.advance(timedelta(days=91))  # QA (90 d) and training (30 d) have expired
    done = purge(runtime)
    assert sorted(done.deleted) == sorted([purged_qa, purged_tr]) and mixed in done.dropped
    erasure = ok("POST", "/subjects/erase", "dpo", json={"phone": ERASED_PHONE}).json()
    assert [e["recording_id"] for e in erasure["erased"]] == [erased]

    special_counts = {"HEALTH": 1, "PHONE_NUMBER": 1}
    acme = {
        QA: {**ZERO, "purpose_expiries": 2, "purged": 1},
        TR: {**ZERO, "purpose_expiries": 1, "purged": 1},
        CH: {**ZERO, "recordings": 2, "special_category_recordings": 1, "on_legal_hold": 1,
             "categories_detected": {"HEALTH": 1, "PHONE_NUMBER": 2}, "access_grants": 1,
             "original_accesses": 1, "erased": 1},
        CE: {**ZERO, "recordings": 1, "special_category_recordings": 1, "on_legal_hold": 1,
             "categories_detected": special_counts},
        RR: ZERO,
    }  # fmt: skip
    whole = (t0 - timedelta(hours=1), t1 + timedelta(hours=1))
    r = report(client, keys["dpo"], *whole)
    assert r.status_code == 200, r.text
    assert figures(r.json()) == acme
    assert r.json()["period"] == {"from": whole[0].isoformat(), "to": whole[1].isoformat()}
    legal = {p["purpose"]: (p["legal_basis"], p["retention_days"]) for p in r.json()["purposes"]}
    assert legal[TR] == ("consent", 30) and legal[RR] == ("legal_obligation", 1825)

    # The auditor acts for every tenant: globex's recording and its expired QA purpose count too.
    everyone = figures(report(client, keys["auditor"], *whole).json())
    assert everyone[QA] == {**acme[QA], "purpose_expiries": 3}
    assert everyone[CH] == {**acme[CH], "recordings": 3,
                            "categories_detected": {"HEALTH": 1, "PHONE_NUMBER": 3}}  # fmt: skip

    # Periods: before anything happened, nothing did; the first day holds the grant and its use.
    quiet = {p: {**f, **dict.fromkeys(PERIOD, 0)} for p, f in acme.items()}
    hour, day = timedelta(hours=1), timedelta(days=1)
    assert figures(report(client, keys["dpo"], t0 - 10 * day, t0 - hour).json()) == quiet
    first_day = figures(report(client, keys["dpo"], t0 - hour, t0 + day).json())
    assert first_day == quiet | {CH: {**quiet[CH], "access_grants": 1, "original_accesses": 1}}
