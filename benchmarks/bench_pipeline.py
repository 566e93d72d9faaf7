"""Pipeline vs bare faster-whisper on one synthetic call: wall time, real-time factor, peak RSS.

Both sides run in their own spawned child process (so peak RSS of one does not mask the other),
one after the other (so they never compete for cores), with the same `Settings`-derived transcriber
configuration. Model load and first-call warm-up happen before timing in both: each child first
processes a short clip cut from the start of the same call, then times the full call.

    .venv/bin/python benchmarks/bench_pipeline.py --minutes 5 --threads 2
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import time
import wave
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
WARMUP_S = 30.0


def _redactor_config(model: str, threads: int) -> Any:
    from callvault.settings import Settings

    # No pydantic mypy plugin in this project: mypy thinks every Field(default) is required.
    return Settings(model=model, cpu_threads=threads).redactor_config()  # type: ignore[call-arg]


def _peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)  # Linux: KiB


def run_bare(audio: str, warmup: str, model: str, threads: int, repeat: int) -> dict[str, Any]:
    """Child: faster-whisper alone on the pipeline's own decoded 16 kHz float32 channels."""
    from faster_whisper import WhisperModel

    from pipeline.decode import decode
    from pipeline.transcribe import VAD_PARAMETERS
    from pipeline.whisper_models import ENGLISH_ONLY, resolve_model

    cfg = _redactor_config(model, threads)
    tc = cfg.transcriber
    wm = WhisperModel(
        str(resolve_model(tc.model, tc.cache_dir)),
        device="cpu",
        compute_type=tc.compute_type,
        cpu_threads=tc.cpu_threads,
        local_files_only=True,
    )
    # The pipeline passes the language it detected; the synthetic call is English.
    language = tc.language or "en"
    vad_parameters = dict(VAD_PARAMETERS)

    def channels(path: str) -> list[Any]:
        decoded = decode(Path(path), agent_channel=cfg.agent_channel, min_duration=cfg.min_duration)
        return [ch.samples for ch in decoded.channels]

    def transcribe(chans: list[Any]) -> tuple[int, int]:
        segments = words = 0
        for samples in chans:
            it, _info = wm.transcribe(
                samples,
                language=language,
                task="transcribe",
                beam_size=tc.beam_size,
                temperature=0.0,
                condition_on_previous_text=False,
                word_timestamps=True,
                vad_filter=tc.vad_filter,
                vad_parameters=vad_parameters,
            )
            for seg in it:  # consume the generator: decoding happens lazily
                segments += 1
                words += len(seg.words or [])
        return segments, words

    transcribe(channels(warmup))
    chans = channels(audio)
    walls: list[float] = []
    for _ in range(repeat):
        t = time.perf_counter()
        segments, words = transcribe(chans)
        walls.append(round(time.perf_counter() - t, 3))
    peak = _peak_rss_mib()
    # Not part of the bare figure: what the pipeline additionally pays per channel for
    # language detection (VAD over the whole channel + one encoder pass) on multilingual models.
    lang_s = None
    if tc.model not in ENGLISH_ONLY and not tc.language:
        t = time.perf_counter()
        for samples in chans:
            wm.detect_language(samples, vad_filter=tc.vad_filter)
        lang_s = round(time.perf_counter() - t, 3)
    return {
        "walls": walls,
        "segments": segments,
        "words": words,
        "peak_rss_mib": peak,
        "language_detect_s": lang_s,
        "vad_parameters": vad_parameters,
    }


def run_pipeline(audio: str, warmup: str, model: str, threads: int, repeat: int) -> dict[str, Any]:
    """Child: the whole `Redactor.redact_file` (decode → … → write both outputs)."""
    from pipeline.runner import Redactor

    redactor = Redactor(_redactor_config(model, threads))
    walls: list[float] = []
    reports: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="callvault-bench-") as tmp:
        redactor.redact_file(Path(warmup), Path(tmp) / "warmup")
        for i in range(repeat):
            t = time.perf_counter()
            result = redactor.redact_file(Path(audio), Path(tmp) / f"run{i}")
            walls.append(round(time.perf_counter() - t, 3))
            reports.append(result.report)
    best = reports[walls.index(min(walls))]
    timings = dict(best["timings"])
    timings["write"] = round(min(walls) - timings["total"], 3)  # export + JSON, outside "total"
    return {
        "walls": walls,
        "timings": timings,
        "peak_rss_mib": _peak_rss_mib(),
        "segments": sum(len(c["segments"]) for c in best["channels"]),
        "languages": best["languages"],
        "redactions": best["summary"]["redactions"],
    }


def _in_child(fn: Any, *args: Any) -> dict[str, Any]:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as ex:
        result: dict[str, Any] = ex.submit(fn, *args).result()
    return result


def _cut(src: Path, dst: Path, seconds: float) -> None:
    with wave.open(str(src), "rb") as r, wave.open(str(dst), "wb") as w:
        w.setparams(r.getparams())
        w.writeframes(r.readframes(round(seconds * r.getframerate())))


def _machine() -> dict[str, Any]:
    cpu = "unknown"
    with Path("/proc/cpuinfo").open() as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "faster_whisper": version("faster-whisper"),
        "ctranslate2": version("ctranslate2"),
    }


def main() -> None:
    from callvault.evaluation.scripts import long_call
    from callvault.evaluation.synth import synthesize
    from callvault.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--rate", type=int, default=8000, help="sample rate of the synthetic call")
    ap.add_argument("--stereo", action="store_true", help="agent/customer on separate channels")
    ap.add_argument("--model", default=Settings().model)  # type: ignore[call-arg]
    ap.add_argument("--threads", type=int, default=2, help="cpu_threads for both (target: 2)")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per side; best is kept")
    ap.add_argument("--verify", action=argparse.BooleanOptionalAction,
                    default=Settings().verify,  # type: ignore[call-arg]
                    help="pipeline with the verification pass (second model over the output)")
    ap.add_argument("--second-hearing", action=argparse.BooleanOptionalAction,
                    default=Settings().second_hearing,  # type: ignore[call-arg]
                    help="pipeline with the second hearing (second model over the input)")
    args = ap.parse_args()
    # children inherit both
    os.environ["CALLVAULT_VERIFY"] = "true" if args.verify else "false"
    os.environ["CALLVAULT_SECOND_HEARING"] = "true" if args.second_hearing else "false"

    with tempfile.TemporaryDirectory(prefix="callvault-bench-") as tmp:
        audio, warmup = Path(tmp) / "call.wav", Path(tmp) / "warmup.wav"
        print(f"synthesising long_call({args.minutes:g}) at {args.rate} Hz ...", flush=True)
        call = synthesize(long_call(args.minutes), audio, sample_rate=args.rate, stereo=args.stereo)
        _cut(audio, warmup, WARMUP_S)
        common = (str(audio), str(warmup), args.model, args.threads, args.repeat)
        print("bare faster-whisper (child process) ...", flush=True)
        bare = _in_child(run_bare, *common)
        print("pipeline Redactor.redact_file (child process) ...", flush=True)
        pipe = _in_child(run_pipeline, *common)

    dur = call.duration
    b, p = min(bare["walls"]), min(pipe["walls"])
    result = {
        "model": args.model,
        "threads": args.threads,
        "verify": args.verify,
        "second_hearing": args.second_hearing,
        "minutes": args.minutes,
        "rate": args.rate,
        "stereo": args.stereo,
        "repeat": args.repeat,
        "audio_s": round(dur, 2),
        "machine": _machine(),
        "note": f"model load and a {WARMUP_S:g} s warm-up run excluded from timings; "
        "best of --repeat runs; peak RSS per child process (includes model)",
        "bare": {**bare, "wall_s": round(b, 3), "rtf": round(dur / b, 2)},
        "pipeline": {**pipe, "wall_s": round(p, 3), "rtf": round(dur / p, 2)},
        "ratio_pipeline_over_bare": round(p / b, 3),
    }
    print(
        f"\nmodel={args.model} threads={args.threads} audio={dur:.1f} s "
        f"({call.channels} ch, {args.rate} Hz); {result['note']}"
    )
    print(f"{'':10}{'wall s':>9}{'RTF':>8}{'peak RSS MiB':>14}")
    for name, r in (("bare", result["bare"]), ("pipeline", result["pipeline"])):
        print(f"{name:10}{r['wall_s']:9.2f}{r['rtf']:8.2f}{r['peak_rss_mib']:14.0f}")
    print(f"ratio pipeline/bare: {result['ratio_pipeline_over_bare']:.3f}")
    print("pipeline stages (s): " + ", ".join(f"{k}={v:.2f}" for k, v in pipe["timings"].items()))
    if bare["language_detect_s"] is not None:
        print(f"language detection alone (not in bare): {bare['language_detect_s']:.2f} s")
    print(f"segments bare/pipeline: {bare['segments']}/{pipe['segments']}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = ("-verify" if args.verify else "") + ("-twice" if args.second_hearing else "")
    out = RESULTS / f"pipeline-{Path(args.model).name}-{args.minutes:g}min{suffix}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
