"""OIDC bearer JWTs: a token from the configured issuer, signed by its key, with a known role.

Anything else (expired, another issuer or audience, another key, no or an unknown role, a
different algorithm) is 401, with the same body as a bad API key; a valid token for a role that may
not read recordings is 403. API keys keep working beside JWTs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.main import create_app
from callvault.db import transaction
from callvault.runtime import Runtime, build_runtime
from callvault.vault.identity import create_user
from models import AuditEvent, Role
from tests.vault.helpers import auth, make_settings, metadata, upload

ISSUER = "https://idp.example.test/realms/contact-centre"
AUDIENCE = "callvault"
HMAC_SECRET = "a-shared-secret-of-32-bytes-or-more"
UNAUTHENTICATED = {"error": {"code": "unauthenticated", "message": "invalid token", "field": None}}


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())  # fmt: skip


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def other_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Vault:
    def __init__(self, client: TestClient, runtime: Runtime, key: rsa.RSAPrivateKey) -> None:
        self.client, self.runtime, self.key = client, runtime, key

    def token(self, *, key: rsa.RSAPrivateKey | None = None, algorithm: str = "RS256",
              drop: tuple[str, ...] = (), **overrides: Any) -> str:  # fmt: skip
        now = int(time.time())
        claims: dict[str, Any] = {
            "sub": "jane.reviewer", "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 300,
            "callvault_role": "reviewer", "callvault_tenants": ["acme"], **overrides,
        }  # fmt: skip
        for name in drop:
            del claims[name]
        signer: Any = _pem(key or self.key) if algorithm.startswith("RS") else HMAC_SECRET
        return jwt.encode(claims, signer, algorithm=algorithm)

    def list(self, token: str) -> Any:
        return self.client.get("/recordings", headers=auth(token))


@pytest.fixture
def vault(tmp_path: Path, db_url: str, signing_key: rsa.RSAPrivateKey) -> Iterator[Vault]:
    public = tmp_path / "idp.pem"
    public.write_bytes(signing_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))  # fmt: skip
    settings = make_settings(tmp_path, db_url, oidc_issuer=ISSUER, oidc_audience=AUDIENCE,
                             oidc_public_key_file=public)  # fmt: skip
    runtime = build_runtime(settings, migrate=True)
    try:
        app = create_app(settings, runtime, embedded_worker=False)
        with TestClient(app) as client:
            yield Vault(client, runtime, signing_key)
    finally:
        runtime.close()


@pytest.fixture
def uploaded(vault: Vault) -> dict[str, str]:
    """One recording in tenant acme and one in globex, uploaded with API keys."""
    with transaction(vault.runtime.sessions) as s:
        _, acme = create_user(s, "ingest-acme", Role.INGEST, ["acme"])
        _, globex = create_user(s, "ingest-globex", Role.INGEST, ["globex"])
    ids = {}
    for tenant, key in (("acme", acme), ("globex", globex)):
        r = upload(vault.client, key, metadata(call_id=f"call-{tenant}"))
        assert r.status_code == 202, r.text
        ids[tenant] = r.json()["id"]
    return ids


def test_reviewer_token_lists_own_tenant(vault: Vault, uploaded: dict[str, str]) -> None:
    r = vault.list(vault.token())
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 1
    assert [item["id"] for item in body["items"]] == [uploaded["acme"]]
    # The audit event names the token's subject and role.
    with vault.runtime.sessions() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert (last.action, last.outcome, last.actor_id, last.actor_role) == (
        "list", "ok", "jane.reviewer", "reviewer")
    assert last.detail == "count=1"


def test_tenants_claim_as_a_single_string(vault: Vault, uploaded: dict[str, str]) -> None:
    r = vault.list(vault.token(callvault_tenants="globex"))
    assert r.status_code == 200, r.text
    assert [item["id"] for item in r.json()["items"]] == [uploaded["globex"]]
    none = vault.list(vault.token(drop=("callvault_tenants",)))
    assert none.status_code == 200 and none.json()["total"] == 0


def _expired(v: Vault, _other: rsa.RSAPrivateKey) -> str:
    now = int(time.time())
    return v.token(iat=now - 600, exp=now - 60)


BAD_TOKENS = [
    pytest.param(_expired, id="expired"),
    pytest.param(lambda v, _o: v.token(iss="https://evil.example.test"), id="wrong-issuer"),
    pytest.param(lambda v, _o: v.token(aud="another-app"), id="wrong-audience"),
    pytest.param(lambda v, _o: v.token(drop=("aud",)), id="no-audience"),
    pytest.param(lambda v, other: v.token(key=other), id="wrong-signature"),
    pytest.param(lambda v, _o: v.token(algorithm="HS256"), id="hmac-algorithm"),
    pytest.param(lambda v, _o: v.token(drop=("callvault_role",)), id="no-role"),
    pytest.param(lambda v, _o: v.token(callvault_role="superuser"), id="unknown-role"),
    pytest.param(lambda v, _o: v.token(drop=("exp",)), id="no-expiry"),
    pytest.param(lambda v, _o: v.token(drop=("sub",)), id="no-subject"),
    pytest.param(lambda v, _o: v.token()[:-4] + "AAAA", id="mangled-signature"),
    pytest.param(lambda v, _o: "aaa.bbb.ccc", id="garbage"),
]


@pytest.mark.parametrize("make", BAD_TOKENS)
def test_invalid_tokens_are_401(vault: Vault, other_key: rsa.RSAPrivateKey, make: Any) -> None:
    token = make(vault, other_key)
    assert vault.list(vault.token()).status_code == 200  # the same app accepts a good token
    r = vault.list(token)
    assert r.status_code == 401
    assert r.json() == UNAUTHENTICATED
    assert r.headers["www-authenticate"] == "Bearer"


def test_auditor_token_is_403_on_recordings(vault: Vault) -> None:
    token = vault.token(sub="audrey", callvault_role="auditor", callvault_tenants=["*"])
    r = vault.list(token)
    assert r.status_code == 403
    assert r.json()["error"] == {"code": "forbidden", "message": "role auditor may not read recordings",
                                 "field": None}  # fmt: skip
    # ... but may verify the audit log, which shows the refusal.
    verified = vault.client.get("/audit/verify", headers=auth(token))
    assert verified.status_code == 200 and verified.json()["ok"] is True
    with vault.runtime.sessions() as s:
        events = s.execute(select(AuditEvent.action, AuditEvent.outcome, AuditEvent.actor_id)
                           .order_by(AuditEvent.seq)).all()  # fmt: skip
    assert [tuple(e) for e in events] == [("list", "denied", "audrey"), ("audit.verify", "ok", "audrey")]


def test_api_keys_still_work_beside_jwts(vault: Vault, uploaded: dict[str, str]) -> None:
    with transaction(vault.runtime.sessions) as s:
        _, key = create_user(s, "rev", Role.REVIEWER, ["acme"])
    r = vault.list(key)
    assert r.status_code == 200
    assert [item["id"] for item in r.json()["items"]] == [uploaded["acme"]]
    bad = vault.list("cv_not-a-real-key")
    assert bad.status_code == 401
    assert bad.json()["error"]["message"] == "invalid or revoked API key"
