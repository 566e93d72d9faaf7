"""`callvault users | keys | serve` as an operator runs them: a real subprocess, real exit codes.

The contract: a new API key is alone on the last stdout line; a refused input or configuration is
one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import base64
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from callvault.crypto import EXAMPLE_MASTER_KEY
from callvault.db import make_engine, session_factory
from callvault.runtime import KEY_FILE, resolve_master_key
from callvault.settings import Environment, Settings
from callvault.vault.errors import ConfigurationError, UnauthenticatedError
from callvault.vault.identity import KEY_PREFIX, Principal, principal_for_key
from models import Role
from tests.vault.helpers import MASTER_KEY

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 120


def _env(tmp_path: Path, db_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLVAULT_")}
    env.update(
        CALLVAULT_DATABASE_URL=db_url or f"sqlite:///{tmp_path / 'cli.db'}",
        CALLVAULT_MASTER_KEY=MASTER_KEY,
        CALLVAULT_DATA_DIR=str(tmp_path / "data"),
        CALLVAULT_LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def _cli(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "callvault", *args],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
    )  # fmt: skip


def _one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("callvault: error: ")
    return lines[0].removeprefix("callvault: error: ")


def _authenticate(db_url: str, key: str) -> Principal:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            return principal_for_key(session, key)
    finally:
        engine.dispose()


def test_users_create_prints_a_working_key(tmp_path: Path, db_url: str) -> None:
    env = _env(tmp_path, db_url)
    proc = _cli(env, "users", "create", "alice", "--role", "reviewer", "--tenant", "acme",
                cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    key = proc.stdout.splitlines()[-1]
    assert proc.stdout == key + "\n"  # the key is all there is on stdout
    assert key.startswith(KEY_PREFIX) and len(key) == len(KEY_PREFIX) + 43
    assert key not in proc.stderr
    assert "created reviewer alice (id " in proc.stderr and proc.stderr.rstrip().endswith("for acme")
    principal = _authenticate(db_url, key)
    assert (principal.name, principal.role, principal.tenants) == ("alice", Role.REVIEWER,
                                                                   frozenset({"acme"}))

    # Several tenants, a service account; `users list` shows both users and no key.
    proc = _cli(env, "users", "create", "ingest-bot", "--role", "ingest", "--tenant", "acme",
                "--tenant", "globex", "--service", cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    bot = _authenticate(db_url, proc.stdout.splitlines()[-1])
    assert (bot.role, bot.tenants) == (Role.INGEST, frozenset({"acme", "globex"}))
    listing = _cli(env, "users", "list", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    rows = [line.split() for line in listing.stdout.splitlines()]
    assert [r[1:] for r in rows] == [["alice", "reviewer", "acme", "active"],
                                     ["ingest-bot", "ingest", "acme,globex", "active"]]  # fmt: skip
    assert key not in listing.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "root", "--tenant", "acme"], "Invalid value for '--role'"),
        (["--tenant", "acme"], "Missing option '--role'"),
    ],
)
def test_users_create_usage_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    proc = _cli(_env(tmp_path), "users", "create", "bob", *args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert message in _one_error_line(proc)


@pytest.mark.parametrize(
    ("name", "tenant", "message"),
    [
        ("bad name!", "acme", "name: letters, digits, '.', '_' or '-', at most 64"),
        ("carol", "no tenant", "tenant: at least one valid tenant name"),
    ],
)
def test_users_create_invalid_values(tmp_path: Path, name: str, tenant: str, message: str) -> None:
    proc = _cli(_env(tmp_path), "users", "create", name, "--role", "dpo", "--tenant", tenant,
                cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert _one_error_line(proc) == message


def test_duplicate_user_is_refused(tmp_path: Path) -> None:
    env = _env(tmp_path)
    first = _cli(env, "users", "create", "dave", "--role", "dpo", "--tenant", "acme", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = _cli(env, "users", "create", "dave", "--role", "admin", "--tenant", "*", cwd=tmp_path)
    assert again.returncode == 2
    assert again.stdout == ""
    assert _one_error_line(again) == "name: a user with this name exists"
    # The first user is untouched.
    principal = _authenticate(env["CALLVAULT_DATABASE_URL"], first.stdout.splitlines()[-1])
    assert (principal.role, principal.tenants) == (Role.DPO, frozenset({"acme"}))


def test_revoke_makes_the_key_fail(tmp_path: Path) -> None:
    env = _env(tmp_path)
    db_url = env["CALLVAULT_DATABASE_URL"]
    created = _cli(env, "users", "create", "erin", "--role", "auditor", "--tenant", "*", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    key = created.stdout.splitlines()[-1]
    assert _authenticate(db_url, key).role is Role.AUDITOR

    revoked = _cli(env, "users", "revoke", "erin", cwd=tmp_path)
    assert revoked.returncode == 0, revoked.stderr
    with pytest.raises(UnauthenticatedError, match="invalid or revoked API key"):
        _authenticate(db_url, key)
    listing = _cli(env, "users", "list", cwd=tmp_path)
    assert listing.stdout.split()[-1] == "revoked"

    missing = _cli(env, "users", "revoke", "nobody", cwd=tmp_path)
    assert missing.returncode == 2
    assert _one_error_line(missing) == "no such user"


def test_keys_generate(tmp_path: Path) -> None:
    keys = []
    for _ in range(2):
        proc = _cli(_env(tmp_path), "keys", "generate", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        key = proc.stdout.strip()
        assert proc.stdout == key + "\n"
        assert len(key) == 44
        assert len(base64.b64decode(key, validate=True)) == 32
        keys.append(key)
    assert keys[0] != keys[1]


# --- master key resolution ----------------------------------------------------------------------


def _settings(tmp_path: Path, env: Environment, key: str | None) -> Settings:
    return Settings(_env_file=None, env=env, data_dir=tmp_path / "data",  # type: ignore[call-arg]
                    master_key=SecretStr(key) if key is not None else None)  # fmt: skip


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "CALLVAULT_MASTER_KEY is required when CALLVAULT_ENV=production"),
        (EXAMPLE_MASTER_KEY, "CALLVAULT_MASTER_KEY is the documented example key"),
        (f"  {EXAMPLE_MASTER_KEY}\n", "CALLVAULT_MASTER_KEY is the documented example key"),
    ],
)
def test_production_refuses_missing_or_example_key(
    tmp_path: Path, key: str | None, message: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve_master_key(_settings(tmp_path, Environment.PRODUCTION, key))
    assert caught.value.message == message
    assert not (tmp_path / "data").exists()  # no key file was made up


def test_production_accepts_a_real_key(tmp_path: Path) -> None:
    assert resolve_master_key(_settings(tmp_path, Environment.PRODUCTION, MASTER_KEY)) == b"k" * 32


def test_invalid_key_is_refused(tmp_path: Path) -> None:
    short = base64.b64encode(b"k" * 16).decode()
    with pytest.raises(ConfigurationError, match=r"^CALLVAULT_MASTER_KEY: "):
        resolve_master_key(_settings(tmp_path, Environment.DEVELOPMENT, short))


def test_development_generates_and_reuses_a_key_file(tmp_path: Path) -> None:
    settings = _settings(tmp_path, Environment.DEVELOPMENT, None)
    first = resolve_master_key(settings)
    path = tmp_path / "data" / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 32
    assert base64.b64decode(path.read_text().strip()) == first
    assert resolve_master_key(settings) == first
    assert resolve_master_key(_settings(tmp_path, Environment.DEVELOPMENT, None)) == first
    # The example key is tolerated in development (the README quick start uses it).
    example = _settings(tmp_path, Environment.DEVELOPMENT, EXAMPLE_MASTER_KEY)
    assert len(resolve_master_key(example)) == 32


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "CALLVAULT_MASTER_KEY is required when CALLVAULT_ENV=production"),
        (EXAMPLE_MASTER_KEY, "CALLVAULT_MASTER_KEY is the documented example key"),
    ],
)
def test_serve_refuses_to_start_in_production(tmp_path: Path, key: str | None, message: str) -> None:
    env = _env(tmp_path, CALLVAULT_ENV="production", CALLVAULT_API_PORT=str(_free_port()))
    del env["CALLVAULT_MASTER_KEY"]
    if key is not None:
        env["CALLVAULT_MASTER_KEY"] = key
    proc = _cli(env, "serve", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert _one_error_line(proc) == message
    assert not (tmp_path / "data" / KEY_FILE).exists()
