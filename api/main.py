"""The FastAPI app: a thin HTTP shell over `callvault.vault`.

`create_app` builds nothing itself; the lifespan builds the runtime (database, storage, keys,
policy) from settings and, in the embedded mode (no broker configured), starts a Celery worker in
a thread of this process so one command runs the whole vault.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api import errors
from api.observability import Metrics, RequestContext
from api.routes import (
    access_requests,
    audit,
    content,
    health,
    recordings,
    reports,
    stewardship,
    subjects,
)
from api.uploads import UploadLimit
from callvault.logging import get_logger
from callvault.runtime import Runtime, build_runtime
from callvault.settings import Settings
from callvault.tasks import EmbeddedWorker, bind_runtime, create_celery, enqueue
from callvault.vault.identity import JwtVerifier
from callvault.vault.processing import clean_work_dir, reset_interrupted
from callvault.vault.schemas import RecordingCreate

log = get_logger("callvault.api")
DESCRIPTION = """Purpose-tagged, encrypted call recordings served only through authorised, audited
requests. Authenticate with `Authorization: Bearer <API key or OIDC JWT>`."""


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None, *, embedded_worker: bool = True
) -> FastAPI:
    settings = settings or (runtime.settings if runtime else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        rt = runtime or build_runtime(settings)
        app.state.runtime = rt
        app.state.celery = create_celery(settings)
        app.state.jwt = _jwt(settings)
        worker = None
        if settings.broker_url is None and embedded_worker:
            bind_runtime(rt)
            schedule = settings.data_dir.expanduser() / "celerybeat-schedule"
            worker = EmbeddedWorker(app.state.celery, schedule)
            worker.start()
            clean_work_dir(rt)
            for rid in reset_interrupted(rt):  # the memory broker forgot them at the last stop
                enqueue(app.state.celery, rid)
        log.info("api_started", storage=rt.store.name, embedded_worker=worker is not None)
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            if runtime is None:
                rt.close()

    app = FastAPI(title="callvault", version="0.2.0", description=DESCRIPTION, lifespan=lifespan)
    metrics = Metrics()
    app.state.metrics = metrics
    errors.install(app)
    for module in (recordings, content, stewardship, access_requests, subjects, reports, audit,
                   health):
        app.include_router(module.router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_middleware(UploadLimit, limit=settings.max_upload_bytes)
    app.add_middleware(RequestContext, metrics=metrics)
    return app


def _jwt(settings: Settings) -> JwtVerifier | None:
    if settings.oidc_issuer is None or settings.oidc_public_key_file is None:
        return None
    return JwtVerifier(
        settings.oidc_issuer, settings.oidc_audience, settings.oidc_public_key_file,
        settings.oidc_algorithms, settings.oidc_role_claim, settings.oidc_tenants_claim,
    )  # fmt: skip


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema plus `RecordingCreate`, which travels as a JSON string in a form field."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        meta = RecordingCreate.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(meta.pop("$defs", {}))
        components["RecordingCreate"] = meta
        app.openapi_schema = schema
    return app.openapi_schema
