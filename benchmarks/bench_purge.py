"""Retention purge at scale: how long `callvault purge` takes to shred N expired recordings.

Builds a fresh vault (SQLite file, or a database of its own on a PostgreSQL server with
`--database-url`; local encrypted storage in a temporary directory), ingests N recordings with
the vault's own services (each with a sealed 64 KiB original and a sealed transcript, two
purposes), half of them on a purpose that has expired by the purge date, a tenth on legal hold.
Ingest is timed separately. Then the clock is moved past retention and `purge` runs once (timed),
and a second time (timed: the idempotent no-op). Checks that exactly the expected recordings went,
that no object of them is left in storage, and that the audit chain still verifies.

    .venv/bin/python benchmarks/bench_purge.py --recordings 1000
    .venv/bin/python benchmarks/bench_purge.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common import database, merge_result  # noqa: E402 (benchmarks/common.py, beside this script)

from callvault.db import transaction  # noqa: E402
from callvault.runtime import build_runtime  # noqa: E402
from callvault.settings import Settings  # noqa: E402
from callvault.vault.audit_verify import verify  # noqa: E402
from callvault.vault.identity import Principal  # noqa: E402
from callvault.vault.recordings import Upload, admit, prepare  # noqa: E402
from callvault.vault.retention import purge  # noqa: E402
from callvault.vault.schemas import RecordingCreate  # noqa: E402
from models import ArtefactKind, Recording, RecordingStatus, Role  # noqa: E402

KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="


def _ingest(rt, n: int, tmp: Path) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    audio, text = tmp / "call.wav", tmp / "transcript.json"
    audio.write_bytes(os.urandom(64 * 1024))
    text.write_text(json.dumps({"schema": "callvault.transcript/1", "channels": []}))
    ingest = Principal("bench", "bench", Role.INGEST, frozenset({"acme"}))
    expiring, held = set(), set()
    for i in range(n):
        purposes = ["quality_assurance"] if i % 2 == 0 else ["quality_assurance", "complaint_handling"]
        meta = RecordingCreate(call_id=f"bench-{i}", purposes=purposes,
                               customer={"phone": f"+32 470 {i:06d}"})  # type: ignore[arg-type]
        rec = prepare(rt.keyring, rt.policy, ingest, meta,
                      Upload(audio, "audio/wav", audio.stat().st_size), "0" * 64, rt.clock.now())
        original = rt.artefacts.stage(rec, ArtefactKind.ORIGINAL_AUDIO, audio, "audio/wav")
        transcript = rt.artefacts.stage(rec, ArtefactKind.ORIGINAL_TRANSCRIPT, text,
                                        "application/json")
        with transaction(rt.sessions) as s:
            admit(s, rt.artefacts, rec, original)
            row = s.get(Recording, rec.id)
            assert row is not None
            rt.artefacts.attach(s, row, transcript)
            row.status = RecordingStatus.READY
            if i % 10 == 1:
                row.legal_hold, row.legal_hold_ref = True, "BENCH-1"
                held.add(rec.id)
        if i % 2 == 0 and rec.id not in held:
            expiring.add(rec.id)
    return expiring, held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recordings", type=int, default=1000)
    parser.add_argument("--database-url")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/purge.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, \
            database(args.database_url, Path(tmp), "purge.db") as (url, kind):  # fmt: skip
        settings = Settings(_env_file=None, data_dir=Path(tmp) / "data", database_url=url,  # type: ignore[call-arg]
                            master_key=KEY)
        rt = build_runtime(settings, migrate=True)
        rt.clock.freeze()
        t = time.perf_counter()
        expiring, held = _ingest(rt, args.recordings, Path(tmp))
        ingest_s = time.perf_counter() - t
        rt.clock.advance(timedelta(days=91))
        t = time.perf_counter()
        report = purge(rt)
        purge_s = time.perf_counter() - t
        t = time.perf_counter()
        again = purge(rt)
        again_s = time.perf_counter() - t
        left = [k for k in rt.store.list_keys() if any(rid in k for rid in expiring)]
        with rt.sessions() as s:
            chain = verify(s, rt.keyring.audit_key)
        ok = (set(report.deleted) == expiring and not left and chain.ok and not again.deleted
              and not again.dropped and set(report.held) == held)  # fmt: skip
        out = {
            "recordings": args.recordings, "deleted": len(report.deleted),
            "purposes_dropped": len(report.dropped), "held_skipped": len(report.held),
            "ingest_s": round(ingest_s, 2), "purge_s": round(purge_s, 2),
            "per_deleted_ms": round(1000 * purge_s / max(len(report.deleted), 1), 2),
            "second_run_s": round(again_s, 3), "objects_left": len(left),
            "audit_chain_ok": chain.ok, "checks_ok": ok, "cpus": os.cpu_count(),
            "python": platform.python_version(),
        }  # fmt: skip
        rt.close()
    print(json.dumps({kind: out}, indent=2))
    merge_result(args.out, kind, out)
    if not ok:
        raise SystemExit("purge benchmark checks failed")


if __name__ == "__main__":
    main()
