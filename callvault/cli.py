"""`callvault` command line: thin shell over the pipeline library.

Every failure a user can cause (a wrong file, a missing model, a full disk) ends as one line on
stderr naming the file and the reason, and exit status 2; no traceback, no partial output.
"""

from __future__ import annotations

import hashlib
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from callvault.logging import configure, get_logger, new_correlation_id
from callvault.settings import Settings
from pipeline.decode import probe
from pipeline.errors import InputError, PipelineError
from pipeline.redact_audio import RedactionMode
from pipeline.redact_text import TextOperator

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="GDPR-proof call recordings: transcribe, detect, redact.",
)
log = get_logger("callvault.cli")
EXIT_INPUT = 2


@app.callback()
def _root() -> None:
    """GDPR-proof call recordings: transcribe, detect, redact."""


class ModeChoice(StrEnum):
    beep = "beep"
    silence = "silence"


class OperatorChoice(StrEnum):
    tag = "tag"
    mask = "mask"
    hash = "hash"


def _fail(message: str) -> None:
    typer.echo(f"callvault: error: {message}", err=True)


def _file_id(path: Path) -> str:
    return hashlib.sha256(str(path).encode()).hexdigest()[:12]


@app.command()
def redact(
    inputs: Annotated[list[Path], typer.Argument(help="recordings (WAV, MP3, FLAC, OGG/Opus)")],
    out_dir: Annotated[Path, typer.Option("--out-dir", "-o", help="where outputs go")],
    mode: Annotated[ModeChoice | None, typer.Option(help="beep or silence")] = None,
    model: Annotated[str | None, typer.Option(help="base, tiny.en or a model folder")] = None,
    language: Annotated[str | None, typer.Option(help="en, nl, fr, de; default: detect")] = None,
    text_operator: Annotated[OperatorChoice | None, typer.Option(help="tag, mask, hash")] = None,
    agent_channel: Annotated[int | None, typer.Option(min=0, max=1)] = None,
    progress: Annotated[
        bool | None, typer.Option(help="progress bar (default: on a terminal)")
    ] = None,
    debug: Annotated[bool, typer.Option(help="show tracebacks of internal errors")] = False,
) -> None:
    """Write DIR/<stem>.redacted.<ext> and DIR/<stem>.json for each input."""
    overrides = {
        k: v
        for k, v in {
            "mode": RedactionMode(mode.value) if mode else None,
            "model": model,
            "language": language,
            "text_operator": TextOperator(text_operator.value) if text_operator else None,
            "agent_channel": agent_channel,
        }.items()
        if v is not None
    }
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors())
        _fail(f"invalid configuration: {fields}")
        raise typer.Exit(EXIT_INPUT) from None
    configure(settings.log_level, settings.log_json)
    from pipeline.runner import Redactor

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"{out_dir}: cannot create output directory ({exc.strerror})")
        raise typer.Exit(EXIT_INPUT) from None
    show = sys.stderr.isatty() if progress is None else progress
    failures = 0
    redactor: Redactor | None = None
    from callvault.progress import ProgressView

    with ProgressView(enabled=show) as view:
        for path in inputs:
            new_correlation_id()
            task = view.add(path.name)
            try:
                probe(
                    path, min_duration=settings.min_duration
                )  # cheap: reject before loading models
                if redactor is None:
                    redactor = Redactor(settings.redactor_config())
                result = redactor.redact_file(path, out_dir, view.callback(task))
                summary = result.report["summary"]
                log.info(
                    "redacted",
                    file_id=_file_id(path),
                    redactions=summary["redactions"],
                    types=sorted(summary["by_type"]),
                    seconds=summary["redacted_seconds"],
                )
                view.finish(task, f"{summary['redactions']} redactions")
            except InputError as exc:
                failures += 1
                view.finish(task, "failed")
                _fail(f"{path}: {exc.reason}")
            except PipelineError as exc:
                failures += 1
                view.finish(task, "failed")
                _fail(f"{path}: {exc.reason}")
                if exc.code == "model_unavailable":
                    break
            except KeyboardInterrupt:
                _fail("interrupted; no partial output was left")
                raise typer.Exit(130) from None
            except Exception as exc:
                failures += 1
                view.finish(task, "failed")
                _fail(f"{path}: internal error ({type(exc).__name__}); nothing was written")
                if debug:
                    raise
    if failures:
        raise typer.Exit(EXIT_INPUT)


def main() -> None:
    app()
