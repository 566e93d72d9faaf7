"""Helpers for vault tests: settings, auth headers, uploads, a fake redactor for orchestration."""

from __future__ import annotations

import base64
import json
import shutil
import uuid
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text

from callvault.runtime import Runtime
from callvault.settings import Settings
from callvault.vault import processing
from models import Base, Recording, RecordingStatus
from pipeline.runner import RedactionResult

MASTER_KEY = base64.b64encode(b"k" * 32).decode()
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sample-call.wav"
STRIPPED_TAIL = b"\x01\x00" * 512  # what FakeRedactor(strip_original=True) writes last


def make_settings(tmp_path: Path, db_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "database_url": db_url,
        "master_key": MASTER_KEY,
        "model": "tiny.en",
        "max_upload_mb": 5,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def metadata(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "call_id": f"call-{uuid.uuid4().hex[:8]}",
        "purposes": ["quality_assurance"],
        "agent_id": "agent-7",
        "channel_layout": "stereo_agent_left",
        "customer": {"phone": "+32 470 12 34 56", "email": "Jan.Peeters@example.be", "id": "C-1001"},
    }
    return {**base, **overrides}


class FakeRedactor:
    """Orchestration stand-in: 'redacts' by copying, reports one PHONE_NUMBER. Never for quality.

    `strip_original`: also hand back an original with card data 'removed' (its last KiB overwritten),
    as the real pipeline does for a call with card data when the vault asks for the transcript.
    """

    def __init__(self, fail_with: BaseException | None = None, *,
                 strip_original: bool = False) -> None:  # fmt: skip
        self.fail_with = fail_with
        self.strip_original = strip_original
        self.calls = 0

    def redact_file(self, path: Path, out_dir: Path, progress: Any = None, *,
                    keep_transcript: bool = False) -> Any:  # fmt: skip
        self.calls += 1
        if self.fail_with is not None:
            raise self.fail_with
        out_dir.mkdir(parents=True, exist_ok=True)
        audio = out_dir / f"{path.stem}.redacted{path.suffix}"
        shutil.copyfile(path, audio)
        seg = {"start": 0.0, "end": 1.0, "text": "my number is <PHONE_NUMBER>", "words": []}
        report = {
            "duration": 1.0, "languages": ["en"],
            "summary": {"redactions": 1, "by_type": {"PHONE_NUMBER": 1}, "special_categories": []},
            "channels": [{"channel": 0, "speaker": "agent", "language": "en", "segments": [seg]}],
        }  # fmt: skip
        report_path = out_dir / f"{path.stem}.json"
        report_path.write_text(json.dumps(report))
        transcript = out_dir / f"{path.stem}.transcript.json"
        transcript.write_text(json.dumps({"variant": "original", "channels": []}))
        original = None
        if keep_transcript and self.strip_original:
            original = out_dir / f"{path.stem}.original{path.suffix}"
            data = path.read_bytes()
            original.write_bytes(data[:-1024] + STRIPPED_TAIL)
        return RedactionResult(audio, report_path, report, transcript if keep_transcript else None,
                               original)  # fmt: skip


def upload(client: TestClient, key: str, meta: dict[str, Any] | None = None,
           path: Path = SAMPLE, content_type: str = "audio/wav") -> Any:  # fmt: skip
    with path.open("rb") as fh:
        return client.post(
            "/recordings",
            headers=auth(key),
            files={"file": (path.name, fh, content_type)},
            data={"metadata": json.dumps(meta if meta is not None else metadata())},
        )


def process_all(runtime: Runtime) -> list[str]:
    """Run processing for every queued recording, as a worker would."""
    with runtime.sessions() as s:
        ids = list(s.scalars(select(Recording.id).where(Recording.status == RecordingStatus.QUEUED)))
    return [processing.process(runtime, rid, timedelta(minutes=10)).status for rid in ids]


def truncate_postgres(url: str) -> None:
    """Empty every table of a shared PostgreSQL test database and restart the audit chain."""
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {tables} CASCADE"))
        conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)"), {"h": "0" * 64})
    engine.dispose()


def assert_error(r: Any, status: int, code: str, field: str | None, never: Iterable[str]) -> None:
    """The one error shape, naming at most a field, and none of the `never` values echoed."""
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["code"] == code
    assert body["error"]["field"] == field
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    for value in never:
        assert value not in r.text, value
