"""One handler per error family, one JSON shape: {"error": {"code", "message", "field"}}.

Validation errors are rewritten to name the field only: FastAPI's default echoes the submitted
value, which for upload metadata would put a customer's phone number into a response and a log.
A refusal on an audited route is written to the audit log in its own transaction, because the
request's own transaction has been rolled back.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import RequestAudit
from callvault.crypto import CryptoError
from callvault.db import transaction
from callvault.logging import get_logger
from callvault.runtime import Runtime
from callvault.storage import StorageError
from callvault.vault.errors import VaultError

log = get_logger("callvault.api")


def _body(
    status: int, code: str, message: str, field: str | None = None, extra: dict[str, str] | None = None
) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    headers.update(extra or {})
    return JSONResponse(
        {"error": {"code": code, "message": message, "field": field}}, status, headers=headers
    )


def audit_refusal(request: Request, outcome: str) -> None:
    ctx: RequestAudit | None = getattr(request.state, "audit", None)
    if ctx is None:
        return
    rt: Runtime = request.app.state.runtime
    try:
        with transaction(rt.sessions) as session:
            rt.audit.append(session, ctx.entry("denied" if outcome != "error" else "error", outcome))
    except Exception as exc:  # the refusal stands even if its record could not be written
        log.error("audit_write_failed", error=type(exc).__name__, request_id=ctx.request_id)


def _field(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    @app.exception_handler(VaultError)
    async def vault_error(request: Request, exc: VaultError) -> JSONResponse:
        await run_in_threadpool(audit_refusal, request, exc.code)
        return _body(exc.status_code, exc.code, exc.message, exc.field, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        field = _field(tuple(first.get("loc", ())))
        await run_in_threadpool(audit_refusal, request, "invalid")
        return _body(422, "invalid", f"{field}: {first.get('msg', 'invalid')}", field)

    @app.exception_handler(StorageError)
    async def storage_error(request: Request, exc: StorageError) -> JSONResponse:
        log.error("storage_error", error=type(exc).__name__, path=request.url.path)
        await run_in_threadpool(audit_refusal, request, "error")
        return _body(503, "storage_unavailable", "object storage unavailable; nothing was changed")

    @app.exception_handler(CryptoError)
    async def crypto_error(request: Request, exc: CryptoError) -> JSONResponse:
        log.error("integrity_error", error=str(exc), path=request.url.path)
        await run_in_threadpool(audit_refusal, request, "error")
        return _body(500, "integrity_error", "a stored object failed its integrity check")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _body(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled_error", error=type(exc).__name__, path=request.url.path)
        await run_in_threadpool(audit_refusal, request, "error")
        return _body(500, "internal_error", "internal error; see the server log by request id")
