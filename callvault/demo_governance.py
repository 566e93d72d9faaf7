"""The governance half of `python -m callvault.demo`: what the DPO does with a processed call.

A reviewer asks for the original, the DPO approves, the reviewer plays a range of it (audited
against the grant); the DPO places a legal hold, a dry-run purge a year ahead shows the hold
winning, the caller's data is exported and then erased, and a real purge finds nothing left to do.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import httpx
from rich.console import Console

from callvault.runtime import Runtime
from callvault.vault.retention import plan, purge
from models import Role

PHONE = "0032 470 12 34 56"  # another notation of the number the call was uploaded with


def governance(http: httpx.Client, keys: dict[Role, str], rt: Runtime, console: Console,
               rid: str) -> bool:  # fmt: skip
    def h(role: Role, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {keys[role]}", **extra}

    console.rule("governance")
    req = http.post("/access-requests", headers=h(Role.REVIEWER), json={
        "recording_id": rid, "justification": "complaint 2026-118: agent disputes the wording",
        "duration_minutes": 30, "purpose": "complaint_handling"}).json()  # fmt: skip
    console.print(f"reviewer POST /access-requests → {req['status']}")
    self_approval = http.post(f"/access-requests/{req['id']}/approve", headers=h(Role.REVIEWER))
    console.print(f"reviewer approves own request → {self_approval.status_code}")
    ok = http.post(f"/access-requests/{req['id']}/approve", headers=h(Role.DPO)).json()
    if "error" in ok:  # the sample call mentions health: Art. 9 data, no condition in its metadata
        console.print(f"DPO approves → {ok['error']['message']}")
        ok = http.post(f"/access-requests/{req['id']}/approve", headers=h(Role.DPO),
                       json={"art9_condition": "legal_claims"}).json()  # fmt: skip
    console.print(f"DPO approves naming Art. 9(2)(f) → {ok['status']} until "
                  f"{ok['expires_at'][11:19]} UTC")
    part = http.get(f"/recordings/{rid}/audio", params={"variant": "original"},
                    headers=h(Role.REVIEWER, Range="bytes=0-65535"))  # fmt: skip
    rec = http.get(f"/recordings/{rid}", headers=h(Role.DPO)).json()
    console.print(f"reviewer GET audio?variant=original → {part.status_code} "
                  f"(card data removed from the stored original: {rec['pci_stripped']})")
    hold = http.post(f"/recordings/{rid}/legal-hold", headers=h(Role.DPO),
                     json={"reference": "CASE-2026-118"}).json()  # fmt: skip
    console.print(f"DPO places legal hold {hold['reference']}")
    ahead = rt.clock.now() + timedelta(days=400)
    for item in plan(rt, ahead):
        console.print(f"purge --dry-run --as-of {ahead.date()}: {item.action} "
                      f"(expired: {', '.join(item.expired)})")
    http.delete(f"/recordings/{rid}/legal-hold", headers=h(Role.DPO)).raise_for_status()
    subject = {"phone": PHONE}
    found = http.post("/subjects/search", headers=h(Role.DPO), json=subject).json()
    export = http.post("/subjects/export", headers=h(Role.DPO), json=subject)
    with zipfile.ZipFile(io.BytesIO(export.content)) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    console.print(f"DPO subject search → {len(found['items'])} recording; export zip: "
                  f"{len(names)} files, {len(manifest['recordings'])} in manifest")
    report = http.post("/subjects/erase", headers=h(Role.DPO), json=subject).json()
    gone = sum(len(e["artefacts"]) for e in report["erased"])
    console.print(f"DPO erasure → {len(report['erased'])} erased ({gone} encrypted objects, "
                  f"keys destroyed), {len(report['kept'])} kept")
    after = http.get(f"/recordings/{rid}", headers=h(Role.DPO)).status_code
    left = [k for k in rt.store.list_keys() if rid in k]
    again = purge(rt)
    console.print(f"GET recording → {after}; objects left in storage: {len(left)}; "
                  f"purge now: {len(again.deleted)} deleted")
    return after == 404 and not left and req["status"] == "pending"
