"""Spool an upload to the work directory, enforce the size limit, and prove it is audio.

The size limit is enforced twice: `UploadLimit` (ASGI) cuts a request off while it streams in, so a
20 GB body is never read; the copy here counts again, for bodies whose parts were already spooled.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import UploadFile
from pydantic import ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from callvault.vault.errors import (
    InvalidInputError,
    PayloadTooLargeError,
    UnavailableError,
    UnsupportedMediaError,
)
from callvault.vault.recordings import AUDIO_CONTENT_TYPES, Upload
from callvault.vault.schemas import RecordingCreate
from pipeline.decode import probe
from pipeline.errors import InputError

COPY_BUFFER = 1024 * 1024


def parse_metadata(raw: str) -> RecordingCreate:
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError:
        raise InvalidInputError("metadata: not valid JSON", field="metadata") from None
    try:
        return RecordingCreate.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = "metadata" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        raise InvalidInputError(f"{where}: {err['msg']}", field=where) from None


def spool(file: UploadFile, work_dir: Path, limit: int) -> tuple[Path, str, int]:
    """Copy to a private temporary folder; returns (path, sha256, size). Caller removes the folder."""
    folder = Path(tempfile.mkdtemp(dir=work_dir, prefix="upload-"))
    target = folder / "upload.bin"
    digest, size = hashlib.sha256(), 0
    try:
        with target.open("wb") as out:
            while chunk := file.file.read(COPY_BUFFER):
                size += len(chunk)
                if size > limit:
                    raise too_large(limit)
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:  # a full or read-only disk: refuse cleanly, keep nothing
        shutil.rmtree(folder, ignore_errors=True)
        reason = f"upload could not be spooled ({exc.strerror}); nothing was stored"
        raise UnavailableError(reason) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return target, digest.hexdigest(), size


def as_audio(path: Path, size: int, min_duration: float) -> Upload:
    """Probe with ffprobe; a file that is not a supported recording is 415 whatever its name says."""
    try:
        info = probe(path, min_duration=min_duration)
    except InputError:
        raise UnsupportedMediaError("file: not a supported audio recording (WAV, MP3, FLAC, OGG)",
                                    field="file") from None
    named = path.with_name(f"upload.{info.container}")
    path.rename(named)
    return Upload(named, AUDIO_CONTENT_TYPES[info.container], size)


class UploadLimit:
    """ASGI middleware: refuse request bodies above the limit while they stream, with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit + 64 * 1024:
            await _too_large(send, self.limit)
            return
        seen, exceeded, started = 0, False, False

        async def counting() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit + 64 * 1024:
                exceeded = True
                raise PayloadTooLargeError("request body too large")
            return message

        async def sending(message: Message) -> None:
            # The framework answers a body cut off while parsing with its own error (FastAPI: 400);
            # that answer is dropped and replaced by the 413 below.
            nonlocal started
            if exceeded and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, sending)
        except Exception:
            if not exceeded or started:
                raise
        if exceeded and not started:
            await _too_large(send, self.limit)


def too_large(limit: int) -> PayloadTooLargeError:
    return PayloadTooLargeError(f"file: larger than {limit // (1024 * 1024)} MiB", field="file")


async def _too_large(send: Send, limit: int) -> None:
    exc = too_large(limit)
    body = json.dumps({"error": {"code": exc.code, "field": exc.field, "message": exc.message}}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
