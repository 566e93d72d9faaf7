"""Set-up and serving for bench_api_stream.py: a runtime with users and one processed upload, the
same audio as a plain static file, and the uvicorn child that serves both.

Kept apart from the wrk side (stream_load.py) so the entry point reads as the measurement plan.
The server child is bench_api_stream.py itself (`--serve STATE`), started by `start_server`.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample-call.wav"
MASTER_KEY = base64.b64encode(b"s" * 32).decode()
RANGE_LEN = 65536


# --- the server child ---------------------------------------------------------------------------


def make_settings(data_dir: Path, database_url: str) -> Any:
    from callvault.settings import Settings

    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "master_key": MASTER_KEY,
        "model": "tiny.en",
        "max_upload_mb": 64,
    }
    return Settings(_env_file=None, **values)


def build_app(state: dict[str, Any], runtime: Any) -> Any:
    from starlette.staticfiles import StaticFiles

    from api.main import create_app

    app = create_app(runtime.settings, runtime, embedded_worker=False)
    app.mount("/static", StaticFiles(directory=state["static_dir"]), name="static")
    return app


def serve(state_file: Path) -> None:
    """Child process: the vault app plus the static mount, one uvicorn worker on loopback."""
    import uvicorn

    from callvault.runtime import build_runtime

    state = json.loads(state_file.read_text())
    runtime = build_runtime(make_settings(Path(state["data_dir"]), state["db_url"]), migrate=False)
    uvicorn.run(
        build_app(state, runtime),
        host="127.0.0.1",
        port=state["port"],
        workers=1,
        log_level="warning",
        access_log=False,
    )


# --- set-up -------------------------------------------------------------------------------------


class CopyRedactor:
    """Stand-in for the pipeline (like the tests' FakeRedactor): the 'redacted' audio is a copy.
    The benchmark is about serving; redaction speed is bench_pipeline.py's subject."""

    def redact_file(
        self, path: Path, out_dir: Path, progress: Any = None, *, keep_transcript: bool = False
    ) -> Any:
        from pipeline.runner import RedactionResult

        out_dir.mkdir(parents=True, exist_ok=True)
        audio = out_dir / f"{path.stem}.redacted{path.suffix}"
        shutil.copyfile(path, audio)
        report = {
            "duration": 1.0,
            "languages": ["en"],
            "summary": {"redactions": 0, "by_type": {}, "special_categories": []},
            "channels": [{"channel": 0, "speaker": "agent", "language": "en", "segments": []}],
        }
        report_path = out_dir / f"{path.stem}.json"
        report_path.write_text(json.dumps(report))
        transcript = out_dir / f"{path.stem}.transcript.json"
        transcript.write_text(json.dumps({"variant": "original", "channels": []}))
        return RedactionResult(audio, report_path, report, transcript if keep_transcript else None)


def prepare(data_dir: Path, db_url: str, static_dir: Path, real_redactor: bool) -> dict[str, Any]:
    """Users, one upload processed to `ready`, the redacted audio decrypted into static_dir."""
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from callvault.db import transaction
    from callvault.runtime import build_runtime
    from callvault.vault import processing
    from callvault.vault.identity import create_user
    from models import ArtefactKind, AuditEvent, Recording, Role

    runtime = build_runtime(make_settings(data_dir, db_url), migrate=True)
    try:
        with transaction(runtime.sessions) as session:
            _, ingest_key = create_user(session, "bench-ingest", Role.INGEST, ["acme"])
            _, reviewer_key = create_user(session, "bench-reviewer", Role.REVIEWER, ["acme"])
        if not real_redactor:
            fake = CopyRedactor()
            runtime._redactors.update({0: fake, 1: fake})  # type: ignore[dict-item]
        meta = {
            "call_id": f"bench-{uuid.uuid4().hex[:8]}",
            "purposes": ["quality_assurance"],
            "agent_id": "agent-7",
            "channel_layout": "stereo_agent_left",
            "customer": {"phone": "+32 470 12 34 56", "email": "jan@example.be", "id": "C-1"},
        }
        t0 = time.perf_counter()
        with TestClient(build_app({"static_dir": str(static_dir)}, runtime)) as client:
            with SAMPLE.open("rb") as fh:
                r = client.post(
                    "/recordings",
                    headers={"Authorization": f"Bearer {ingest_key}"},
                    files={"file": (SAMPLE.name, fh, "audio/wav")},
                    data={"metadata": json.dumps(meta)},
                )
            assert r.status_code == 202, r.text
            rid = r.json()["id"]
            outcome = processing.process(runtime, rid, timedelta(minutes=30))
            assert outcome.status == "ready", outcome
        process_s = time.perf_counter() - t0
        with runtime.sessions() as session:
            rec = session.get(Recording, rid)
            assert rec is not None
            art = rec.artefact(ArtefactKind.REDACTED_AUDIO)
            assert art is not None
            plain = runtime.artefacts.read_all(art)
            events = session.scalar(select(func.count()).select_from(AuditEvent))
        (static_dir / "redacted.wav").write_bytes(plain)
        return {
            "recording_id": rid,
            "reviewer_key": reviewer_key,
            "size": len(plain),
            "content_type": art.content_type,
            "chunk_size": 65536,
            "audit_events_before": int(events or 0),
            "upload_and_process_s": round(process_s, 2),
        }
    finally:
        runtime.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if get(f"{base}/health", {})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not become ready")


def check_same_bytes(base: str, info: dict[str, Any], plain: bytes, offsets: list[int]) -> list[Any]:
    """206 from both routes, and the same bytes (also equal to the decrypted file) per range."""
    checks = []
    vault = f"{base}/recordings/{info['recording_id']}/audio?variant=redacted"
    auth = {"Authorization": f"Bearer {info['reviewer_key']}"}
    for a in offsets:
        b = min(a + RANGE_LEN - 1, info["size"] - 1)
        rng = {"Range": f"bytes={a}-{b}"}
        v_status, v_headers, v_body = get(vault, {**auth, **rng})
        s_status, s_headers, s_body = get(f"{base}/static/redacted.wav", {**auth, **rng})
        ok = v_status == 206 and s_status == 206 and v_body == s_body == plain[a : b + 1]
        checks.append({"range": f"{a}-{b}", "vault": v_status, "static": s_status, "same": ok})
        assert ok, checks[-1]
        assert v_headers.get("content-range") == s_headers.get("content-range"), (
            v_headers,
            s_headers,
        )
    return checks


# --- the server child, from the parent ----------------------------------------------------------


def start_server(
    script: Path, tmp: Path, db_url: str, static_dir: Path
) -> tuple[subprocess.Popen[bytes], str]:
    """The uvicorn child, `script --serve state.json`, on a free loopback port; (process, base URL).
    It gets no CALLVAULT_* variables, so only the state file configures it."""
    port = free_port()
    state = {"data_dir": str(tmp / "data"), "db_url": db_url, "static_dir": str(static_dir),
             "port": port}  # fmt: skip
    (tmp / "state.json").write_text(json.dumps(state))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLVAULT_")}
    env["PYTHONPATH"] = str(ROOT)
    server = subprocess.Popen(
        [sys.executable, str(script), "--serve", str(tmp / "state.json")],
        env=env,
        cwd=str(tmp),
    )
    return server, f"http://127.0.0.1:{port}"


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGINT, as Ctrl-C would, for uvicorn's graceful shutdown; killed only if that hangs."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
