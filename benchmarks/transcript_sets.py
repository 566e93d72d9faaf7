"""Detection on written call transcripts, without Whisper: how general the rules are.

    .venv/bin/python benchmarks/transcript_sets.py [SET.json ...] [--root DIR] [--show]

The evaluation corpus is espeak voices on telephone audio, which Whisper garbles; the rules are
also judged on what Whisper writes for real voices: clean transcripts with ordinary punctuation,
digits written as digits, phrasing of their own. Each set under `benchmarks/transcripts/` was
written by someone who had not read the detection code, as JSON: calls of turns (agent or
customer), planted items (label and exact substring of a turn) and ordinary numbers to keep.

Each call is laid out as a stereo call (agent channel 0, customer channel 1, words 0.35 s apart)
and run through `Detector.prompts` and `Detector.detect`, the first pass's own detection. Scores
are on characters, not audio: a planted item's share of non-space characters inside a detected
span (mean, and share of items ≥ 90 %), ordinary characters inside a span, and kept numbers at
least half inside one. `--root` runs the detector of another checkout (a `git worktree` of an
earlier commit) on the same sets. `--show` prints each miss with its turn: personal data of the
synthetic sets, for local debugging only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORD_S, GAP_S = 0.35, 0.8
COVERED = 0.9


def _layout(call: dict[str, Any]) -> tuple[dict[int, list[tuple[str, float, float]]],
                                           dict[int, tuple[int, int, int]]]:
    """Words per channel with times, and per turn (channel, first word index, word count)."""
    chans: dict[int, list[tuple[str, float, float]]] = {0: [], 1: []}
    where, t = {}, 0.0
    for i, turn in enumerate(call["turns"]):
        ch = 0 if turn["speaker"] == "agent" else 1
        words = turn["text"].split()
        where[i] = (ch, len(chans[ch]), len(words))
        for w in words:
            chans[ch].append((w, t, t + WORD_S - 0.05))
            t += WORD_S
        t += GAP_S
    return chans, where


def score_call(detector: Any, call: dict[str, Any]) -> dict[str, Any]:
    from pipeline.transcribe import build_text
    from pipeline.types import ChannelTranscript, Speaker

    chans, where = _layout(call)
    transcripts = []
    for ch, words in chans.items():
        if words:
            text, segments = build_text([(words[0][1], words[-1][2],
                                          [(f" {w}", s, e, 0.9) for w, s, e in words])])
            speaker = Speaker.AGENT if ch == 0 else Speaker.CUSTOMER
            transcripts.append(ChannelTranscript(ch, speaker, call["language"], 1.0, text,
                                                 segments))
    prompts = [p for tr in transcripts for p in detector.prompts(tr)]
    masks = {}
    for tr in transcripts:
        mask = [False] * len(tr.text)
        for e in detector.detect(tr, prompts):
            mask[e.char_start:e.char_end] = [True] * (e.char_end - e.char_start)
        masks[tr.channel] = (tr, mask)

    def chars(turn: int, sub: str) -> tuple[int, range]:
        ch, first, count = where[turn]
        tr, _ = masks[ch]
        words = tr.words[first:first + count]
        at = tr.text.find(sub, words[0].char_start, words[-1].char_end)
        if at < 0:
            raise ValueError(f"{call['name']}: turn {turn} lacks a planted text")
        return ch, range(at, at + len(sub))

    def share(ch: int, span: range) -> float:
        tr, mask = masks[ch]
        seen = [k for k in span if not tr.text[k].isspace()]
        return sum(mask[k] for k in seen) / max(1, len(seen))

    planted: list[tuple[dict[str, Any], float]] = []
    taken: dict[int, set[int]] = defaultdict(set)
    for p in call["planted"]:
        ch, span = chars(p["turn"], p["text"])
        taken[ch].update(span)
        planted.append((p, share(ch, span)))
    keep = [(k, share(*chars(k["turn"], k["text"]))) for k in call.get("keep", [])]
    flagged = total = 0
    for ch, (tr, mask) in masks.items():
        for k, c in enumerate(tr.text):
            if not c.isspace() and k not in taken[ch]:
                flagged += mask[k]
                total += 1
    return {"planted": planted, "keep": keep, "ordinary": (flagged, total)}


def run(paths: Sequence[Path], show: bool) -> None:
    from pipeline.detect.detector import Detector

    detector = Detector()
    for path in paths:
        calls = json.loads(path.read_text())
        by_type: dict[str, list[float]] = defaultdict(list)
        keeps, flagged, total = [], 0, 0
        for call in calls:
            scored = score_call(detector, call)
            for p, cov in scored["planted"]:
                by_type[p["label"]].append(cov)
                if show and cov < COVERED:
                    turn = call["turns"][p["turn"]]["text"]
                    print(f"  miss {call['name']:34} {p['label']:18} {cov:4.0%} {p['text']!r} "
                          f"| {turn[:100]!r}")
            keeps += [cov for _, cov in scored["keep"]]
            flagged += scored["ordinary"][0]
            total += scored["ordinary"][1]
        every = [c for covs in by_type.values() for c in covs]
        print(f"{path.name}: {len(calls)} calls, {len(every)} planted items")
        for label in sorted(by_type):
            covs = by_type[label]
            print(f"  {label:22} {len(covs):4} {sum(covs) / len(covs):7.1%} "
                  f"{sum(c >= COVERED for c in covs) / len(covs):7.1%}")
        print(f"  {'ALL':22} {len(every):4} {sum(every) / len(every):7.1%} "
              f"{sum(c >= COVERED for c in every) / len(every):7.1%}")
        print(f"  ordinary characters inside a detection: {flagged / max(1, total):.1%}; "
              f"kept numbers ≥ 50 % inside one: {sum(k >= 0.5 for k in keeps)}/{len(keeps)}")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", type=Path,
                    default=sorted((HERE / "transcripts").glob("*.json")))
    ap.add_argument("--root", type=Path, default=HERE.parent, help="checkout whose detector runs")
    ap.add_argument("--show", action="store_true", help="debug only: prints personal data")
    args = ap.parse_args(argv)
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    sys.path.insert(0, str(args.root.resolve()))
    run(args.sets, args.show)


if __name__ == "__main__":
    main()
