"""The vault end to end on the embedded default, over real HTTP: `python -m callvault.demo`.

Starts `callvault serve`'s app (SQLite, local encrypted storage, in-process worker) on a loopback
port, creates three users, uploads the bundled sample call, waits for processing, plays a range of
the redacted audio, shows a refused request and verifies the audit chain; then the governance
steps (`demo_governance`): grant, legal hold, dry-run purge, subject export and erasure.
`make demo` runs it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import uvicorn
from rich.console import Console

from api.main import create_app
from callvault.db import transaction
from callvault.demo_governance import governance
from callvault.runtime import build_runtime
from callvault.settings import Settings
from callvault.vault.identity import create_user
from models import Role

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "sample-call.wav"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def run(data_dir: Path, console: Console) -> int:
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = Settings(data_dir=data_dir)
    runtime = build_runtime(settings, migrate=True)
    with transaction(runtime.sessions) as session:
        keys = {role: create_user(session, f"demo-{role}", role, ["acme"])[1]
                for role in (Role.INGEST, Role.REVIEWER, Role.AUDITOR, Role.DPO)}  # fmt: skip
    port = _free_port()
    config = uvicorn.Config(create_app(settings, runtime), port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    console.print(f"vault on {base} — SQLite, encrypted objects and master key in {data_dir}/")
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            rid = _scenario(http, keys, console, data_dir)
            if rid is None:
                return 1
            return 0 if governance(http, keys, runtime, console, rid) else 1
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        runtime.close()


def _scenario(
    http: httpx.Client, keys: dict[Role, str], console: Console, out: Path
) -> str | None:
    def h(role: Role, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {keys[role]}", **extra}

    meta = {"call_id": "demo-0001", "purposes": ["quality_assurance", "complaint_handling"],
            "agent_id": "agent-42", "channel_layout": "stereo_agent_left",
            "customer": {"phone": "+32 470 12 34 56", "email": "caller@example.be"}}  # fmt: skip
    with SAMPLE.open("rb") as fh:
        files = {"file": (SAMPLE.name, fh, "audio/wav")}
        r = http.post("/recordings", headers=h(Role.INGEST), files=files,
                      data={"metadata": json.dumps(meta)})
    r.raise_for_status()
    rid = r.json()["id"]
    console.print(f"POST /recordings → {r.status_code} {r.json()}")
    with console.status("processing (Whisper + detection + redaction)…"):
        while (rec := http.get(f"/recordings/{rid}", headers=h(Role.REVIEWER)).json())["status"] in (
            "queued", "processing",
        ):  # fmt: skip
            time.sleep(1.0)
    console.print(f"status {rec['status']}; retention until {rec['retention_until'][:10]}; "
                  f"special category: {rec['special_category']}; redacted: {rec['entity_counts']}")
    if rec["status"] != "ready":
        return None
    part = http.get(f"/recordings/{rid}/audio", headers=h(Role.REVIEWER, Range="bytes=0-65535"))
    console.print(f"GET audio Range bytes=0-65535 → {part.status_code}, {part.headers['content-range']}")
    full = http.get(f"/recordings/{rid}/audio", headers=h(Role.REVIEWER))
    (out / "redacted.wav").write_bytes(full.content)
    console.print(f"GET audio → {full.status_code}, {len(full.content)} bytes → {out / 'redacted.wav'}")
    transcript = http.get(f"/recordings/{rid}/transcript", headers=h(Role.REVIEWER)).json()
    for seg in transcript["channels"][1]["segments"][:4]:
        console.print(f"  customer {seg['start']:6.2f}s  {seg['text']}")
    denied = http.get(f"/recordings/{rid}/audio", params={"variant": "original"},
                      headers=h(Role.REVIEWER))
    reason = denied.json()["error"]["message"]
    console.print(f"GET audio?variant=original → {denied.status_code} {reason}")
    verify = http.get("/audit/verify", headers=h(Role.AUDITOR)).json()
    events = http.get("/audit/events", headers=h(Role.AUDITOR)).json()["items"]
    counts = Counter(f"{e['action']}:{e['outcome']}" for e in events)
    console.print(f"audit chain ok={verify['ok']} over {verify['checked']} events: "
                  + ", ".join(f"{k}×{n}" for k, n in sorted(counts.items())))
    return rid if verify["ok"] else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=Path("out/demo-vault"))
    args = parser.parse_args()
    raise SystemExit(run(args.dir, Console()))


if __name__ == "__main__":
    main()
