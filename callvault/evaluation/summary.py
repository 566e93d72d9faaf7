"""Print a redaction report as a short table: `python -m callvault.evaluation.summary REPORT`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table


def main(path: str) -> None:
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    table = Table(title=f"{Path(path).name}: {report['duration']} s, model {report['model']}")
    for col in ("type", "channel", "speaker", "start", "end", "score", "recognizer"):
        table.add_column(col)
    for r in report["redactions"]:
        table.add_row(
            r["entity_type"],
            str(r["channel"]),
            r["speaker"],
            f"{r['start']:.2f}",
            f"{r['end']:.2f}",
            f"{r['score']:.2f}",
            r["recognizer"],
        )
    console = Console()
    console.print(table)
    s = report["summary"]
    console.print(
        f"{s['redactions']} redactions, {s['redacted_seconds']} s redacted, "
        f"special categories: {', '.join(s['special_categories']) or 'none'}"
    )
    for ch in report["channels"]:
        console.print(f"\n[bold]channel {ch['channel']} ({ch['speaker']}, {ch['language']})[/bold]")
        for seg in ch["segments"]:
            console.print(f"  {seg['start']:6.2f}  {seg['text']}", highlight=False, markup=False)


if __name__ == "__main__":
    main(sys.argv[1])
