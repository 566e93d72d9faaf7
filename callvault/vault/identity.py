"""Who is calling: API keys for people and service accounts, JWTs from an OIDC provider.

An API key is shown once, at creation; only its SHA-256 is stored. Keys are 256 bits of randomness,
so a slow password hash would add nothing but latency to every request.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import jwt
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from callvault.vault.errors import ConfigurationError, InvalidInputError, UnauthenticatedError
from models import ALL_TENANTS, Role, User

KEY_PREFIX = "cv_"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Principal:
    """The caller of one request, as the access checks and the audit log see it."""

    id: str
    name: str
    role: Role
    tenants: frozenset[str]

    def in_tenant(self, tenant: str) -> bool:
        return ALL_TENANTS in self.tenants or tenant in self.tenants


SYSTEM = Principal(id="system", name="system", role=Role.ADMIN, tenants=frozenset({ALL_TENANTS}))


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_user(
    session: Session, name: str, role: Role, tenants: list[str], *, service_account: bool = False
) -> tuple[User, str]:
    """Create a user; returns it with its API key (the only time the key exists in clear)."""
    if not NAME_RE.match(name):
        raise InvalidInputError("name: letters, digits, '.', '_' or '-', at most 64", field="name")
    if not tenants or any(not NAME_RE.match(t) and t != ALL_TENANTS for t in tenants):
        raise InvalidInputError("tenant: at least one valid tenant name", field="tenant")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise InvalidInputError("name: a user with this name exists", field="name")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    user = User(
        name=name,
        role=role,
        tenants=sorted(set(tenants)),
        service_account=service_account,
        api_key_hash=hash_key(key),
        key_prefix=key[:10],
    )
    session.add(user)
    session.flush()
    return user, key


_USERS = cast(Table, User.__table__)
_BY_KEY = select(
    _USERS.c.id, _USERS.c.name, _USERS.c.role, _USERS.c.tenants, _USERS.c.active
).where(_USERS.c.api_key_hash == bindparam("h"))


def principal_for_key(session: Session, key: str) -> Principal:
    """Checked on every request: a prepared Core select of five columns, not an ORM load."""
    row = session.connection().execute(_BY_KEY, {"h": hash_key(key)}).first()
    if row is None or not row.active:
        raise UnauthenticatedError("invalid or revoked API key")
    return Principal(row.id, row.name, Role(row.role), frozenset(row.tenants))


class JwtVerifier:
    """Verifies bearer JWTs signed by the organisation's identity provider (OIDC)."""

    def __init__(
        self,
        issuer: str,
        audience: str | None,
        public_key_file: Path,
        algorithms: list[str],
        role_claim: str,
        tenants_claim: str,
    ) -> None:
        try:
            self.key = public_key_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigurationError(f"OIDC public key unreadable ({exc.strerror})") from None
        self.issuer, self.audience, self.algorithms = issuer, audience, algorithms
        self.role_claim, self.tenants_claim = role_claim, tenants_claim

    def principal(self, token: str) -> Principal:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self.key,
                algorithms=self.algorithms,
                issuer=self.issuer,
                audience=self.audience,
                options={"require": ["exp", "iss", "sub"], "verify_aud": self.audience is not None},
            )
            role = Role(claims[self.role_claim])
        except (jwt.PyJWTError, KeyError, ValueError):
            raise UnauthenticatedError("invalid token") from None
        tenants = claims.get(self.tenants_claim) or []
        if isinstance(tenants, str):
            tenants = [tenants]
        sub = str(claims["sub"])[:64]
        return Principal(sub, sub, role, frozenset(str(t) for t in tenants))


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2 and not token.startswith(KEY_PREFIX)
