"""One error hierarchy for the vault, each class with its HTTP status and a stable code.

Messages name fields, ids and types only. They reach API clients and logs, so they must never
quote a value from a recording, a transcript or customer metadata.
"""

from __future__ import annotations


class VaultError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(
        self, message: str, *, field: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.headers = headers or {}


class BadRequestError(VaultError):
    status_code = 400
    code = "bad_request"


class UnauthenticatedError(VaultError):
    status_code = 401
    code = "unauthenticated"


class ForbiddenError(VaultError):
    status_code = 403
    code = "forbidden"


class NotFoundError(VaultError):
    status_code = 404
    code = "not_found"


class ConflictError(VaultError):
    status_code = 409
    code = "conflict"


class PayloadTooLargeError(VaultError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaError(VaultError):
    status_code = 415
    code = "unsupported_media_type"


class RangeNotSatisfiableError(VaultError):
    status_code = 416
    code = "range_not_satisfiable"


class InvalidInputError(VaultError):
    status_code = 422
    code = "invalid"


class UnavailableError(VaultError):
    status_code = 503
    code = "unavailable"


class ConfigurationError(VaultError):
    """Refused at start: the service must not run with this configuration."""

    code = "configuration"
