"""/health for load balancers and compose healthchecks, /metrics for Prometheus. No content here."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from api.deps import RuntimeDep
from callvault.storage import StorageError

router = APIRouter(tags=["operations"])


@router.get("/health")
async def health(rt: RuntimeDep) -> JSONResponse:
    def check() -> dict[str, str]:
        status = {"database": "ok", "storage": "ok"}
        try:
            with rt.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            status["database"] = "unavailable"
        try:
            rt.store.check()
        except StorageError:
            status["storage"] = "unavailable"
        return status

    parts = await run_in_threadpool(check)
    ok = all(v == "ok" for v in parts.values())
    return JSONResponse({"status": "ok" if ok else "degraded", **parts}, 200 if ok else 503)


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
