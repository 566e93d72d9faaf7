"""Object storage behind one interface: a local directory (default) or S3/MinIO.

Stores only ever see ciphertext (see `callvault.crypto`); they know nothing of recordings. Every
write is whole-or-nothing: a local write goes through a temporary file and a rename, an S3 PUT is
atomic by nature, so a crash never leaves half an object under a real key.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from pathlib import Path


class StorageError(Exception):
    """The backend failed or refused; the message names the key, never its contents."""


class ObjectNotFoundError(StorageError):
    pass


class ObjectStore(ABC):
    """Keys are '/'-separated ASCII paths chosen by the vault (tenant/recording/kind)."""

    name: str

    @abstractmethod
    def put_file(self, key: str, path: Path, tags: Mapping[str, str] | None = None) -> None:
        """Store the file's bytes under `key`, replacing any object there."""

    @abstractmethod
    def read_range(self, key: str, offset: int, length: int) -> bytes:
        """Exactly `length` bytes from `offset` (fewer only at the end of the object)."""

    @abstractmethod
    def size(self, key: str) -> int: ...

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; deleting a missing key is not an error (retries are idempotent)."""

    @abstractmethod
    def set_tags(self, key: str, tags: Mapping[str, str]) -> None: ...

    @abstractmethod
    def get_tags(self, key: str) -> dict[str, str]: ...

    @abstractmethod
    def list_keys(self, prefix: str = "") -> Iterator[str]: ...

    @abstractmethod
    def check(self) -> None:
        """Raise StorageError when the backend cannot be used (health checks)."""


def validate_key(key: str) -> str:
    parts = key.split("/")
    if not key or any(p == "" or p.startswith(".") or p.endswith(".tags.json") for p in parts):
        raise StorageError(f"invalid object key {key!r}")
    if not key.isascii() or not all(c.isalnum() or c in "-_./" for c in key):
        raise StorageError(f"invalid object key {key!r}")
    return key
