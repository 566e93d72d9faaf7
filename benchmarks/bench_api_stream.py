"""Ranged audio serving: the vault route against plain static files, on the same app and server.

Measures what a player's seek costs: `GET /recordings/{id}/audio?variant=redacted` with a 64 KiB
`Range` (bearer auth with a database lookup, access checks, one hash-chained audit event appended
and committed, chunked AES-GCM decryption of the range) against the same bytes served by
`starlette.staticfiles.StaticFiles` mounted on the same FastAPI app at `/static` (same middleware,
same uvicorn process). The static mount exists only in this benchmark.

Set-up, in a temporary directory: a runtime (SQLite by default, or a database of our own on the
PostgreSQL server given with `--database-url`), an ingest and a reviewer user, one upload of
samples/sample-call.wav through the API, processed with a stand-in redactor that copies the audio
(this measures serving, not redaction; `--real-redactor` runs the real pipeline instead). The
decrypted redacted audio is written into the static directory.

Then one uvicorn process (`--workers 1`, default loop, log level warning, no access log) on
loopback serves the app, and wrk (`-t2 -c16 -d15s` by default) runs `--runs` times per target,
alternating vault and static, with a Lua script that sends `Authorization: Bearer <key>` and a
64 KiB `Range` at a random (seeded, so both targets get the same sequence) or fixed offset.
Before the runs, one response of each is checked: 206, and identical bytes for the same range.
After them, the audit chain is verified and the events appended are compared with the vault
requests made. Results: results/api_stream.json (one entry per database kind).

    apt-get install -y wrk
    .venv/bin/python benchmarks/bench_api_stream.py
    .venv/bin/python benchmarks/bench_api_stream.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python benchmarks/bench_api_stream.py --profile 10   # py-spy on the server

Aim: vault requests/s at least 0.7 x static requests/s.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Siblings in benchmarks/ (on sys.path as this script's directory, also in the --serve child).
from common import database, merge_result  # noqa: E402
from stream_load import run_load, write_luas  # noqa: E402
from stream_setup import (  # noqa: E402
    RANGE_LEN,
    check_same_bytes,
    prepare,
    serve,
    start_server,
    stop_server,
    wait_ready,
)
from stream_vault import count_events, db_version, stage_costs  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
AIM = 0.7


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--database-url", default=None,
                    help="PostgreSQL server URL (a database of our own is created on it)")  # fmt: skip
    ap.add_argument("--real-redactor", action="store_true", help="process with the real pipeline")
    ap.add_argument("--threads", type=int, default=2, help="wrk -t")
    ap.add_argument("--connections", type=int, default=16, help="wrk -c")
    ap.add_argument("--duration", default="15s", help="wrk -d")
    ap.add_argument("--runs", type=int, default=2, help="wrk runs per target (alternating)")
    ap.add_argument("--warmup", default="2s", help="unreported wrk run per target first; 0 for none")
    ap.add_argument("--fixed-offsets", type=int, default=0,
                    help="cycle through N fixed unaligned offsets instead of random ones")  # fmt: skip
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--profile", type=int, default=0,
                    help="seconds of py-spy on the server under vault load (0: none)")  # fmt: skip
    ap.add_argument("--py-spy", default=None, help="py-spy binary (default: on PATH)")
    ap.add_argument("--out", type=Path, default=RESULTS / "api_stream.json",
                    help="JSON file; this run replaces the entry for its database kind")  # fmt: skip
    ap.add_argument("--serve", type=Path, default=None, help=argparse.SUPPRESS)
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    if args.serve is not None:
        serve(args.serve)
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: apt-get install -y wrk")

    print("NOTE: measures serving only; the recording was processed with "
          + ("the real redactor" if args.real_redactor else "a copying stand-in redactor"),
          flush=True)  # fmt: skip
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="bench-stream-") as tmp_name, \
            database(args.database_url, Path(tmp_name), "vault.db") as (db_url, kind):  # fmt: skip
        tmp = Path(tmp_name)
        static_dir = tmp / "static"
        static_dir.mkdir()
        info = prepare(tmp / "data", db_url, static_dir, args.real_redactor)
        plain = (static_dir / "redacted.wav").read_bytes()
        size = info["size"]
        print(f"{kind}: recording {info['recording_id']} ready, redacted audio {size:,} bytes "
              f"({info['upload_and_process_s']} s to upload and process)", flush=True)  # fmt: skip

        server, base = start_server(Path(__file__).resolve(), tmp, db_url, static_dir)
        try:
            wait_ready(base, server)
            step = (size - RANGE_LEN) // 7
            sample_offsets = [0, 1, RANGE_LEN - 1, step * 3 + 12345, size - RANGE_LEN]
            checks = check_same_bytes(base, info, plain, sample_offsets)
            print(f"  sample check: {len(checks)} ranges, 206 and identical bytes on both routes",
                  flush=True)  # fmt: skip
            targets, luas = write_luas(args, tmp, info)
            load = run_load(
                args, base, targets, luas, server.pid, RESULTS / f"api_stream_profile-{kind}"
            )
        finally:
            stop_server(server)

        events_after, verification = count_events(db_url)
        version_text = db_version(db_url)
        stages = stage_costs(tmp / "data", db_url, info)
        print("  vault steps called directly (median ms): "
              + ", ".join(f"{k} {v}" for k, v in stages.items()), flush=True)  # fmt: skip

    runs = load["runs"]
    vault_requests_sent = len(checks) + load["vault_requests"]
    best, ratio, ratios = compare(runs)
    appended = events_after - info["audit_events_before"]
    wrk_vault = sum(s["requests"] for s in runs["vault"])
    print(f"best vault {best['vault']['rps']:.1f} req/s, static {best['static']['rps']:.1f} req/s: "
          f"ratio {ratio:.3f} (aim >= {AIM}: {'met' if ratio >= AIM else 'NOT met'}); "
          f"per-run ratios {ratios}", flush=True)  # fmt: skip
    print(f"audit: {appended:,} events appended for {vault_requests_sent:,} vault requests counted "
          f"by wrk and the checks (wrk does not count requests still in flight when it stops); "
          f"chain {'intact' if verification['ok'] else 'BROKEN'}, {verification['checked']:,} "
          f"events verified in {verification['time_s']} s", flush=True)  # fmt: skip
    assert verification["ok"], verification
    wrk_runs = len(runs["vault"]) + (args.warmup not in ("0", "0s")) + load["profiled_runs"]
    in_flight_max = args.connections * wrk_runs
    # Every vault request appends one event; wrk leaves up to -c requests per run uncounted.
    assert vault_requests_sent <= appended <= vault_requests_sent + in_flight_max, (
        appended,
        vault_requests_sent,
    )

    audit = {
        "events_appended": appended,
        "vault_requests_counted": vault_requests_sent,
        "wrk_vault_requests_in_timed_runs": wrk_vault,
        "verify": verification,
    }
    out = assemble(
        args, kind, version_text, info, load, checks, audit, stages, load_at_start, (best, ratio, ratios)
    )
    path: Path = args.out
    merge_result(path, kind, out)
    print(f"wrote {path}")


def compare(runs: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], float, list[float]]:
    """Best run of each target, their ratio (the aim's measure), and the ratio of each run pair:
    the pairs show how much of the best ratio is noise."""
    best = {name: max(r, key=lambda s: s["rps"]) for name, r in runs.items()}
    ratio = best["vault"]["rps"] / best["static"]["rps"]
    ratios = [round(v["rps"] / s["rps"], 3) for v, s in zip(runs["vault"], runs["static"], strict=True)]
    return best, ratio, ratios


def assemble(
    args: argparse.Namespace,
    kind: str,
    version_text: str,
    info: dict[str, Any],
    load: dict[str, Any],
    checks: list[Any],
    audit: dict[str, Any],
    stages: dict[str, float],
    load_at_start: list[float],
    compared: tuple[dict[str, Any], float, list[float]],
) -> dict[str, Any]:
    """The JSON entry for this database kind; the machine's state is part of it, since the
    numbers only compare within one run on one machine."""
    best, ratio, ratios = compared
    return {
        "benchmark": "api_stream",
        "note": "serving only: the recording was processed with "
        + ("the real redactor" if args.real_redactor else "a copying stand-in redactor"),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": kind,
        "database_version": version_text,
        "range_bytes": RANGE_LEN,
        "offsets": f"{args.fixed_offsets} fixed" if args.fixed_offsets else f"random (seed {args.seed})",
        "object_bytes": info["size"],
        "wrk": {
            "args": f"-t{args.threads} -c{args.connections} -d{args.duration} --timeout 10s",
            "runs_per_target": args.runs,
            "warmup": args.warmup,
        },
        "best": {
            name: {k: best[name][k] for k in ("rps", "p50_us", "p99_us", "mib_s")} for name in best
        },
        "ratio_vault_static": round(ratio, 3),
        "ratios_per_run": ratios,
        "aim": AIM,
        "aim_met": ratio >= AIM,
        "runs": load["runs"],
        "sample_check": checks,
        "audit": audit,
        "vault_steps_direct_ms": stages,
        "profile": load["profile"],
        "upload_and_process_s": info["upload_and_process_s"],
        "machine": {
            "cores": os.cpu_count(),
            "loadavg_at_start": load_at_start,
            "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "uvicorn": version("uvicorn"),
            "starlette": version("starlette"),
            "fastapi": version("fastapi"),
            "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
            .stdout.strip()
            .splitlines()[0:1],
            "platform": platform.platform(),
        },
    }


if __name__ == "__main__":
    main()
