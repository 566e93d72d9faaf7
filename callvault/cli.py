"""`callvault` command line: thin shell over the pipeline library.

Every failure a user can cause (a wrong file, a missing model, a full disk) ends as one line on
stderr naming the file and the reason, and exit status 2; no traceback, no partial output.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

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


def _load_settings(overrides: Mapping[str, Any]) -> Settings:
    """Settings from the environment plus flags; a bad value is one line naming the field."""
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors())
        _fail(f"invalid configuration: {fields}")
        raise typer.Exit(EXIT_INPUT) from None
    configure(settings.log_level, settings.log_json)
    return settings


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
    verify: Annotated[
        bool | None, typer.Option(help="re-listen to the output with a second model")
    ] = None,
    second_hearing: Annotated[
        bool | None, typer.Option(help="transcribe English input again with a second model")
    ] = None,
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
            "verify": verify,
            "second_hearing": second_hearing,
        }.items()
        if v is not None
    }
    settings = _load_settings(overrides)
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


@app.command("eval")
def eval_command(
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", "-o", help="keep synthesised and redacted audio here"),
    ] = None,
    languages: Annotated[str, typer.Option(help="comma-separated: en,nl,fr,de")] = "en,nl,fr,de",
    cases: Annotated[
        int | None, typer.Option("--cases", min=1, help="at most N cases per language")
    ] = None,
    baseline: Annotated[
        bool, typer.Option("--baseline/--no-baseline", help="also score vanilla Presidio")
    ] = True,
    json_path: Annotated[
        Path, typer.Option("--json", help="where all numbers go")
    ] = Path("benchmarks/results/eval.json"),
    calls: Annotated[
        list[Path] | None,
        typer.Option("--calls", help="score the calls() of this Python file instead of the "
                     "corpus (e.g. benchmarks/holdout4.py); repeatable"),
    ] = None,
) -> None:
    """Score redaction on synthetic calls: coverage, leaks, over-redaction; vs vanilla Presidio."""
    from rich.console import Console

    from callvault.evaluation.synth import espeak_available
    from callvault.evaluation.table import run_eval

    wanted = [lang.strip() for lang in languages.split(",") if lang.strip()]
    if not espeak_available():
        _fail("espeak-ng is not installed; it speaks the synthetic calls")
        raise typer.Exit(EXIT_INPUT)
    settings = _load_settings({})
    try:
        run_eval(
            settings.redactor_config(),
            languages=wanted,
            per_language=cases,
            baseline=baseline,
            out_dir=out_dir,
            json_path=json_path,
            console=Console(width=None if sys.stdout.isatty() else 120),
            log=Console(stderr=True),
            call_files=calls or (),
        )
    except (ValueError, PipelineError) as exc:
        _fail(exc.reason if isinstance(exc, PipelineError) else str(exc))
        raise typer.Exit(EXIT_INPUT) from None
    except OSError as exc:
        _fail(f"{exc.filename or json_path}: {exc.strerror or type(exc).__name__}")
        raise typer.Exit(EXIT_INPUT) from None


def _register_vault() -> None:
    from callvault import cli_vault

    app.command()(cli_vault.serve)
    app.command()(cli_vault.worker)
    app.command()(cli_vault.beat)
    app.command()(cli_vault.purge)
    app.add_typer(cli_vault.users, name="users")
    app.add_typer(cli_vault.audit, name="audit")
    app.add_typer(cli_vault.db, name="db")
    app.add_typer(cli_vault.keys, name="keys")


_register_vault()


def main() -> None:
    # A usage error (unknown --role, missing option) is a refused input like any other: one line on
    # stderr and exit 2, not click's usage block and boxed message. (Typer vendors click.)
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ClickException as exc:
        _fail(" ".join(exc.format_message().split()))
        sys.exit(exc.exit_code)
    except typer.Abort:
        _fail("aborted")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
