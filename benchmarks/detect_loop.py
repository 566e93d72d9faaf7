"""A fast detection loop: Whisper once per case, then detector + locate in seconds.

    .venv/bin/python benchmarks/detect_loop.py [--languages en] [--cache out/detect-loop]
        [--cases N] [--misses] [--show-text] [--retranscribe]

The first run synthesises every case of the evaluation corpus into `--cache` and transcribes each
channel once with the pipeline's own transcriber (`Settings().redactor_config()`, temperature
pinned as in the pipeline), pickling the first-pass transcripts. Every run then replays the
pipeline's detect and locate stages (`Redactor.process` without Whisper) on those transcripts and
scores each planted span by the share of its audible frames inside a redaction interval of its
channel: `callvault.evaluation.score.span_coverage` on a mask built from intervals instead of
from the redacted audio. Over-redaction of ordinary speech and of KEEP numbers is scored the same
way as `callvault eval`. The second hearing (`CALLVAULT_SECOND_HEARING`, on by default) is replayed
from a second cached transcript of each English channel by `second_model`
(`<case>.again.pkl`); verification is not replayed.

`--misses` prints one line per span under 90 % covered, with a bucket: (a) the transcript around
the span lost or garbled the value, (b) nothing was detected there, (c) detected but located too
short. Only types, times and shares are printed; `--show-text` adds the transcript words around
the span, which carry personal data of the synthetic corpus: for local debugging only.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import sys
import time
import wave
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from second_replay import heard_again, replay  # noqa: E402

from callvault.evaluation.corpus_lang import Call  # noqa: E402
from callvault.evaluation.evaluate import KEEP, select_cases  # noqa: E402
from callvault.evaluation.score import SpanScore, over_redaction  # noqa: E402
from callvault.evaluation.synth import PlantedSpan, SynthCall  # noqa: E402
from pipeline.detect.detector import Detector  # noqa: E402
from pipeline.detect.normalize import normalize  # noqa: E402
from pipeline.locate import locate, unreliable_segments  # noqa: E402
from pipeline.types import ChannelTranscript, Entity, Interval  # noqa: E402

COVERED = 0.9
KEEP_BEEPED = 0.5
WINDOW_S = 0.4  # transcript words this close to a span are "around" it
GARBLED = 0.75  # share of the value's digits/letters found, in order, around the span


@dataclass
class Cached:
    call: SynthCall
    transcripts: tuple[ChannelTranscript, ...]
    audible: np.ndarray  # frames x channels, False where the original is digital silence
    rate: int
    again: tuple[ChannelTranscript, ...] = ()  # the second hearing's transcripts (English only)


def _case_key(case: object, model: str) -> str:
    return hashlib.sha256(f"{case!r}|{model}".encode()).hexdigest()[:16]


def _audible(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        rate, channels = w.getframerate(), w.getnchannels()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return data.reshape(-1, channels) != 0, rate


def prepare(cases: Sequence[object], cache: Path, retranscribe: bool) -> list[Cached]:
    """Synthesise and transcribe what the cache lacks; load the rest."""
    from callvault.evaluation.corpus import synthesize_case
    from callvault.settings import Settings
    from pipeline.decode import decode

    config = Settings().redactor_config()
    (cache / "calls").mkdir(parents=True, exist_ok=True)
    transcriber = None
    out = []
    for case in cases:
        name = case.name  # type: ignore[attr-defined]
        pkl = cache / f"{name}.pkl"
        key = _case_key(case, config.transcriber.model)
        data = pickle.loads(pkl.read_bytes()) if pkl.exists() else None
        if data is None or data["key"] != key or retranscribe:
            t0 = time.perf_counter()
            call = synthesize_case(case, cache / "calls")
            if transcriber is None:
                from pipeline.transcribe import WhisperTranscriber

                transcriber = WhisperTranscriber(config.transcriber)
            decoded = decode(call.path, agent_channel=config.agent_channel,
                             min_duration=config.min_duration)
            transcripts = tuple(transcriber.transcribe(ch) for ch in decoded.channels)
            data = {"key": key, "call": call, "transcripts": transcripts}
            pkl.write_bytes(pickle.dumps(data))
            print(f"  transcribed {name} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        audible, rate = _audible(data["call"].path)
        again = heard_again(config, data, pkl.with_suffix(".again.pkl"), retranscribe)
        out.append(Cached(data["call"], data["transcripts"], audible, rate, again))
    return out


def coverage(item: Cached, intervals: Sequence[Interval], span: PlantedSpan) -> float:
    """`score.span_coverage` with the mask drawn from intervals rather than from audio."""
    a, b = int(span.start * item.rate), int(np.ceil(span.end * item.rate))
    audible = item.audible[a:b, span.channel]
    hit = np.zeros(b - a, dtype=bool)
    for iv in intervals:
        if iv.channel != span.channel or iv.end <= span.start or iv.start >= span.end:
            continue
        lo, hi = max(int(iv.start * item.rate), a), min(int(np.ceil(iv.end * item.rate)), b)
        hit[lo - a:hi - a] = True
    hit = hit[: len(audible)]
    return float(hit[audible].mean()) if audible.any() else 1.0


def _key(text: str, language: str) -> str:
    """Digits where the value has them, else letters: what must be heard to be a leak."""
    norm = normalize(text, language).text.lower()
    digits = re.sub(r"\D", "", norm)
    return digits if len(digits) >= 3 else re.sub(r"[^a-zà-ÿ]", "", norm)


def _around(item: Cached, span: PlantedSpan) -> tuple[ChannelTranscript | None, str]:
    tr = next((t for t in item.transcripts if t.channel == span.channel), None)
    if tr is None:
        return None, ""
    words = [w.text for w in tr.words
             if w.end > span.start - WINDOW_S and w.start < span.end + WINDOW_S]
    return tr, " ".join(words)


def garbled(item: Cached, span: PlantedSpan, language: str) -> bool:
    value = _key(span.value or span.text, language)
    _, heard = _around(item, span)
    got = _key(heard, language)
    if not value:
        return False
    blocks = SequenceMatcher(None, value, got, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(value) < GARBLED


def bucket(item: Cached, span: PlantedSpan, per_entity: dict[Entity, Interval],
           language: str) -> str:
    touching = [iv for e, iv in per_entity.items()
                if iv.channel == span.channel and iv.end > span.start and iv.start < span.end]
    if touching:
        return "c:short"
    return "a:transcript" if garbled(item, span, language) else "b:undetected"


def run(items: Sequence[Cached], languages: Sequence[str], misses: bool, show_text: bool) -> None:
    from callvault.settings import Settings

    config = Settings().redactor_config()
    t0 = time.perf_counter()
    detector = Detector(config.detector)
    t_build = time.perf_counter() - t0
    by_type: dict[str, list[float]] = defaultdict(list)
    keep: list[SpanScore] = []
    ordinary: list[SpanScore] = []
    miss_lines = []
    buckets: dict[str, int] = defaultdict(int)
    blame: dict[str, float] = defaultdict(float)  # seconds of ordinary speech under each cause
    t0 = time.perf_counter()
    for item, language in zip(items, languages, strict=True):
        trs = item.transcripts
        prompts = [p for tr in trs for p in detector.prompts(tr)]
        entities = [e for tr in trs for e in detector.detect(tr, prompts)]
        entities += [e for tr in trs for e in unreliable_segments(tr)]
        intervals, per_entity = locate(trs, entities, config.locate, item.call.duration)
        again = replay(item.again, trs, intervals, detector, config, item.call.duration)
        intervals = [*intervals, *again]
        for span in item.call.planted:
            cov = coverage(item, intervals, span)
            if span.label == KEEP:
                keep.append(SpanScore(span.label, span.channel, span.start, span.end, cov))
                continue
            by_type[span.label].append(cov)
            if cov < COVERED:
                why = bucket(item, span, per_entity, language)
                buckets[why] += 1
                line = (f"  {item.call.path.stem:32} {span.label:20} ch{span.channel} "
                        f"{span.start:6.1f}s {cov:5.0%}  {why}")
                if show_text:
                    _, heard = _around(item, span)
                    line += f"  | said: {span.text!r} | heard: {heard!r}"
                miss_lines.append(line)
        ordinary += [SpanScore(s.label, s.channel, s.start, s.end, coverage(item, intervals, s))
                     for s in item.call.ordinary]
        for s in item.call.ordinary:
            for e, iv in per_entity.items():
                if iv.channel == s.channel:
                    overlap = min(iv.end, s.end) - max(iv.start, s.start)
                    if overlap > 0:
                        blame[f"{e.entity_type}:{e.recognizer.split(':')[0]}"] += overlap
            for iv in again:
                if iv.channel == s.channel:
                    blame["SecondHearing"] += max(0.0, min(iv.end, s.end) - max(iv.start, s.start))
    t_run = time.perf_counter() - t0
    print(f"{'entity type':22} {'spans':>5} {'coverage':>9} {'≥90%':>6}")
    every = []
    for label in sorted(by_type):
        covs = by_type[label]
        every += covs
        print(f"{label:22} {len(covs):5} {np.mean(covs):9.1%} "
              f"{np.mean([c >= COVERED for c in covs]):6.1%}")
    print(f"{'ALL':22} {len(every):5} {np.mean(every):9.1%} "
          f"{np.mean([c >= COVERED for c in every]):6.1%}")
    total = sum(s.end - s.start for s in ordinary)
    print(f"over-redaction (ordinary): {over_redaction(ordinary):.1%} of {len(ordinary)} spans, "
          f"{total:.0f} s")
    print(f"KEEP beeped ≥50%: {np.mean([k.coverage >= KEEP_BEEPED for k in keep]):.1%} "
          f"of {len(keep)}, mean {np.mean([k.coverage for k in keep]):.1%}")
    top = sorted(blame.items(), key=lambda kv: -kv[1])[:8]
    print("ordinary speech under (s, overlapping): "
          + ", ".join(f"{k} {v:.0f}" for k, v in top))
    print(f"misses by bucket: {dict(sorted(buckets.items()))}")
    print(f"(analyzer built in {t_build:.1f} s, detect+locate+score {t_run:.1f} s)")
    if misses:
        print("\n".join(miss_lines))


def replay_english(calls: Sequence[Call], cache: Path, argv: Sequence[str]) -> None:
    """Replay a held-out set of English calls with misses listed: `holdout.py` and
    `holdout2.py`, each with its own cache."""
    from callvault.evaluation.corpus import EvalCase

    cases = [EvalCase(script.name, script, rate, stereo, noise, "en")
             for script, rate, stereo, noise in calls]
    items = prepare(cases, cache, "--retranscribe" in argv)
    run(items, ["en"] * len(items), True, "--show-text" in argv)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--languages", default="en")
    ap.add_argument("--cache", type=Path, default=ROOT / "out" / "detect-loop")
    ap.add_argument("--cases", type=int, default=None, help="at most N cases per language")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--show-text", action="store_true", help="debug only: prints personal data")
    ap.add_argument("--retranscribe", action="store_true")
    args = ap.parse_args(argv)
    from callvault.evaluation.corpus import cases as all_cases

    langs = args.languages.split(",")
    chosen = select_cases(all_cases(langs), langs, args.cases)
    items = prepare(chosen, args.cache, args.retranscribe)
    run(items, [c.language for c in chosen], args.misses or args.show_text, args.show_text)


if __name__ == "__main__":
    main()
