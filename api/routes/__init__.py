"""Routers. `ERRORS` documents the one error shape for the statuses every protected route can return."""

from __future__ import annotations

from typing import Any

from callvault.vault.schemas import ErrorBody

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "missing or invalid bearer token"},
    403: {"model": ErrorBody, "description": "role, purpose or variant not allowed"},
    404: {"model": ErrorBody, "description": "no such recording in the caller's tenants"},
    422: {"model": ErrorBody, "description": "invalid request; `field` names the culprit"},
}
