"""`callvault serve | worker | beat | users | audit | db | keys`: the vault's command line.

Same contract as `callvault redact`: a refused configuration or input is one line on stderr and a
non-zero exit, never a traceback. A new API key is printed on the last line of stdout, alone, so a
provisioning script can capture it with `tail -n1`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from callvault.db import SessionFactory, make_engine, session_factory, transaction, upgrade
from callvault.settings import Settings
from callvault.vault.errors import VaultError
from models import Role

users = typer.Typer(no_args_is_help=True, help="API users and service accounts.")
audit = typer.Typer(no_args_is_help=True, help="The audit log.")
db = typer.Typer(no_args_is_help=True, help="Database schema.")
keys = typer.Typer(no_args_is_help=True, help="Master keys.")
EXIT_CONFIG = 2


def _fail(message: str, code: int = EXIT_CONFIG) -> typer.Exit:
    typer.echo(f"callvault: error: {message}", err=True)
    return typer.Exit(code)


def _settings() -> Settings:
    from callvault.cli import _load_settings

    return _load_settings({})


def serve(
    host: Annotated[str | None, typer.Option(help="default: CALLVAULT_API_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="default: CALLVAULT_API_PORT")] = None,
) -> None:
    """Run the API; with no CALLVAULT_BROKER_URL a worker runs inside it (embedded mode)."""
    import uvicorn

    from api.main import create_app
    from callvault.runtime import build_runtime

    settings = _settings()
    try:
        runtime = build_runtime(settings, migrate=True)
    except VaultError as exc:
        raise _fail(exc.message) from None
    except Exception as exc:
        reason = f"{type(exc).__name__}: check database and storage settings"
        raise _fail(f"cannot start ({reason})") from None
    app = create_app(settings, runtime)
    uvicorn.run(app, host=host or settings.api_host, port=port or settings.api_port,
                log_level=settings.log_level.lower(), proxy_headers=True)


def worker(
    concurrency: Annotated[
        int | None, typer.Option(help="default: CALLVAULT_WORKER_CONCURRENCY")
    ] = None,
) -> None:
    """Process recordings from the broker (scale-out mode); run as many as the load needs."""
    from callvault.runtime import build_runtime
    from callvault.tasks import QUEUE, create_celery
    from callvault.vault.processing import clean_work_dir

    settings = _settings()
    if settings.broker_url is None:
        raise _fail("CALLVAULT_BROKER_URL is not set (the embedded worker runs inside `serve`)")
    try:
        rt = build_runtime(settings, migrate=True)  # fail fast on keys, policy, database, storage
        clean_work_dir(rt)
        rt.close()
    except VaultError as exc:
        raise _fail(exc.message) from None
    app = create_celery(settings)
    app.worker_main(["worker", "-Q", QUEUE, "--loglevel", settings.log_level,
                     "--concurrency", str(concurrency or settings.worker_concurrency)])


def beat() -> None:
    """Run the scheduler (stale-task sweep; later retention purges). Exactly one per deployment."""
    from callvault.tasks import create_celery

    settings = _settings()
    if settings.broker_url is None:
        raise _fail("CALLVAULT_BROKER_URL is not set")
    create_celery(settings).start(["beat", "--loglevel", settings.log_level,
                                   "--schedule", str(settings.data_dir / "celerybeat-schedule")])


@users.command("create")
def users_create(
    name: str,
    role: Annotated[Role, typer.Option(help="ingest, reviewer, dpo, auditor or admin")],
    tenant: Annotated[list[str], typer.Option(help="tenant this user acts for; repeatable; * = all")],
    service: Annotated[bool, typer.Option(help="a service account, not a person")] = False,
) -> None:
    """Create a user; the API key is printed once, on the last line."""
    from callvault.vault.identity import create_user

    factory = _migrated()
    try:
        with transaction(factory) as session:
            user, key = create_user(session, name, role, tenant, service_account=service)
    except VaultError as exc:
        raise _fail(exc.message) from None
    typer.echo(f"created {user.role} {user.name} (id {user.id}) for {', '.join(user.tenants)}", err=True)
    typer.echo(key)


@users.command("list")
def users_list() -> None:
    from sqlalchemy import select

    from models import User

    with _migrated()() as session:
        for u in session.scalars(select(User).order_by(User.name)):
            state = "active" if u.active else "revoked"
            typer.echo(f"{u.id}  {u.name:<24} {u.role:<9} {','.join(u.tenants):<20} {state}")


@users.command("revoke")
def users_revoke(name: str) -> None:
    """Revoke a user's API key at once (the row stays: the audit log refers to its id)."""
    from sqlalchemy import select

    from models import User

    with transaction(_migrated()) as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise _fail("no such user")
        user.active = False


@audit.command("verify")
def audit_verify() -> None:
    """Check the whole chain; exit 1 naming the first bad event."""
    from callvault.crypto import Keyring
    from callvault.runtime import resolve_master_key
    from callvault.vault.audit_verify import verify

    settings = _settings()
    try:
        keyring = Keyring(resolve_master_key(settings))
    except VaultError as exc:
        raise _fail(exc.message) from None
    with _migrated(settings)() as session:
        result = verify(session, keyring.audit_key)
    if not result.ok:
        raise _fail(f"audit chain broken at event {result.first_bad_seq}: {result.reason} "
                    f"({result.checked} events verified before it)", 1)
    typer.echo(f"audit chain intact: {result.checked} events")


def purge(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="list what would go and why")] = False,
    as_of: Annotated[str | None, typer.Option(help="with --dry-run: plan as of this ISO date")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
) -> None:
    """Apply retention: drop expired purposes, shred recordings with none left (tombstones stay).

    Resumes deletions an earlier run left unfinished; a second run does nothing more. A daily
    beat job runs the same thing in scale-out mode."""
    import json as json_mod
    from collections import Counter
    from datetime import UTC, datetime

    from callvault.runtime import build_runtime
    from callvault.vault.retention import purge as run_purge

    if as_of is not None and not dry_run:
        raise _fail("--as-of only with --dry-run (nothing is deleted ahead of its date)")
    try:
        runtime = build_runtime(_settings(), migrate=True)
        if as_of is not None:
            moment = datetime.fromisoformat(as_of)
            runtime.clock.freeze(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
        report = run_purge(runtime, dry_run=dry_run, actor="cli")
    except VaultError as exc:
        raise _fail(exc.message) from None
    except ValueError:
        raise _fail("--as-of: not an ISO 8601 date") from None
    except Exception as exc:
        raise _fail(f"purge interrupted ({type(exc).__name__}); run it again to resume") from None
    rows = [
        {"recording_id": p.recording_id, "tenant": p.tenant, "action": p.action,
         "expired": list(p.expired), "remaining": list(p.remaining),
         "expired_since": p.expired_since.isoformat()}
        for p in report.planned
    ]  # fmt: skip
    if as_json:
        typer.echo(json_mod.dumps({"as_of": report.now.isoformat(), "dry_run": dry_run,
                                   "planned": rows, "resumed": report.resumed,
                                   "deleted": report.deleted, "dropped": report.dropped,
                                   "held": report.held, "storage_pending": report.storage_pending},
                                  indent=2))  # fmt: skip
        return
    for r in rows:
        why = f"expired: {','.join(r['expired'])}" + (
            f"; kept for: {','.join(r['remaining'])}" if r["remaining"] else "")  # fmt: skip
        typer.echo(f"{r['action']:<16} {r['recording_id']}  {r['tenant']}  {why}")
    counts: Counter[str] = Counter(str(r["action"]) for r in rows)
    if not dry_run:  # what was done, re-checked under lock, may differ from the plan
        counts = Counter(delete=len(report.deleted), drop_purposes=len(report.dropped),
                         skip_legal_hold=len(report.held))  # fmt: skip
    verb = "would be" if dry_run else "were"
    typer.echo(f"{counts['delete']} recordings {verb} deleted, "
               f"{counts['drop_purposes']} lose expired purposes, "
               f"{counts['skip_legal_hold']} on legal hold skipped"
               + (f"; {report.resumed} earlier deletions finished" if report.resumed else "")
               + (f"; storage deletion pending for {len(report.storage_pending)}"
                  if report.storage_pending else ""))


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply database migrations (also done by `serve` and `worker` at start)."""
    _migrated()
    typer.echo("database schema is current")


@keys.command("generate")
def keys_generate() -> None:
    """Print a new random master key (base64) for CALLVAULT_MASTER_KEY."""
    from callvault.crypto import generate_key

    typer.echo(generate_key())


def _migrated(settings: Settings | None = None) -> SessionFactory:
    settings = settings or _settings()
    try:
        engine = make_engine(settings.db_url)
        upgrade(engine)
    except Exception as exc:
        raise _fail(f"database unavailable ({type(exc).__name__})") from None
    return session_factory(engine)

