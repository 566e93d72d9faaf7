"""Dependencies as `Annotated` aliases so routes read as what they do: who, which session, which audit.

`SessionDep` is function-scoped: the transaction commits after the route returns and *before* the
response is sent, so content never leaves unless its audit event is committed. Dependencies that do
no I/O are `async` so that FastAPI does not hop to a worker thread for each of them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from callvault.db import transaction
from callvault.runtime import Runtime
from callvault.vault.audit import AuditEntry
from callvault.vault.errors import UnauthenticatedError
from callvault.vault.identity import JwtVerifier, Principal, looks_like_jwt, principal_for_key


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


@dataclass
class RequestAudit:
    """What the audit event of this request will say; filled in as the request is understood."""

    action: str
    client: str | None
    request_id: str | None
    principal: Principal | None = None
    recording_id: str | None = None
    tenant: str | None = None
    purpose: str | None = None
    variant: str | None = None
    grant: str | None = None  # the access grant an original is served under

    def entry(self, outcome: str, detail: str | None = None) -> AuditEntry:
        p = self.principal
        if self.grant is not None:
            detail = f"grant={self.grant}" + (f" {detail}" if detail else "")
        return AuditEntry(
            action=self.action, outcome=outcome, actor_id=p.id if p else None,
            actor_role=str(p.role) if p else "anonymous", tenant=self.tenant,
            recording_id=self.recording_id, purpose=self.purpose, variant=self.variant,
            client=self.client, detail=detail, request_id=self.request_id,
        )  # fmt: skip


def audited(action: str) -> Callable[[Request], Awaitable[RequestAudit]]:
    """Mark a route as audited: success and refusal alike end in an audit event."""

    async def dependency(request: Request) -> RequestAudit:
        return start_audit(request, action)

    return dependency


def start_audit(request: Request, action: str) -> RequestAudit:
    """The request id is ours, never a client-sent header: nothing a caller writes reaches the log."""
    ctx = RequestAudit(
        action=action,
        client=request.client.host if request.client else None,
        request_id=request.state.request_id,
        recording_id=request.path_params.get("recording_id"),
    )
    request.state.audit = ctx
    return ctx


def get_session(rt: RuntimeDep) -> Iterator[Session]:
    with transaction(rt.sessions) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
bearer = HTTPBearer(auto_error=False)


BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def get_principal(request: Request, session: SessionDep, credentials: BearerDep) -> Principal:
    return authenticate(request, session, credentials)


def authenticate(
    request: Request, session: Session, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    """The caller, from an API key or an OIDC JWT; recorded in the request's audit context."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise UnauthenticatedError("missing bearer token")
    token = credentials.credentials
    verifier: JwtVerifier | None = request.app.state.jwt
    if verifier is not None and looks_like_jwt(token):
        principal = verifier.principal(token)
    else:
        principal = principal_for_key(session, token)
    ctx: RequestAudit | None = getattr(request.state, "audit", None)
    if ctx is not None:
        ctx.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def get_audit(request: Request) -> RequestAudit:
    """The context an `audited(...)` route dependency created (declared on the decorator)."""
    ctx: RequestAudit = request.state.audit
    return ctx


AuditCtx = Annotated[RequestAudit, Depends(get_audit)]
