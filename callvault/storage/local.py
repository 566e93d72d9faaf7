"""A directory as object store: the embedded default, one machine, no service.

Tags live in a sidecar `<key>.tags.json` so retention and purpose stay visible to someone looking at
the directory with ordinary tools, as they would be as S3 object tags.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from callvault.storage import ObjectNotFoundError, ObjectStore, StorageError, validate_key
from pipeline.files import atomic_path

TAGS_SUFFIX = ".tags.json"


class LocalStore(ObjectStore):
    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().resolve()

    def _path(self, key: str) -> Path:
        return self.root / validate_key(key)

    def put_file(self, key: str, path: Path, tags: Mapping[str, str] | None = None) -> None:
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(target) as tmp:
                shutil.copyfile(path, tmp)
                with tmp.open("rb+") as fh:
                    os.fsync(fh.fileno())
            # Like an S3 PUT, a replaced object keeps no tags of the object it replaced.
            target.with_name(target.name + TAGS_SUFFIX).unlink(missing_ok=True)
            if tags is not None:
                self.set_tags(key, tags)
        except OSError as exc:
            raise StorageError(f"cannot store {key} ({exc.strerror})") from exc

    def read_range(self, key: str, offset: int, length: int) -> bytes:
        try:
            with self._path(key).open("rb") as fh:
                fh.seek(offset)
                return fh.read(length)
        except FileNotFoundError:
            raise ObjectNotFoundError(f"no object {key}") from None
        except OSError as exc:
            raise StorageError(f"cannot read {key} ({exc.strerror})") from exc

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError:
            raise ObjectNotFoundError(f"no object {key}") from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        for p in (path, path.with_name(path.name + TAGS_SUFFIX)):
            try:
                p.unlink(missing_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot delete {key} ({exc.strerror})") from exc

    def set_tags(self, key: str, tags: Mapping[str, str]) -> None:
        path = self._path(key)
        if not path.is_file():
            raise ObjectNotFoundError(f"no object {key}")
        side = path.with_name(path.name + TAGS_SUFFIX)
        with atomic_path(side) as tmp:
            tmp.write_text(json.dumps(dict(tags), sort_keys=True), encoding="utf-8")

    def get_tags(self, key: str) -> dict[str, str]:
        path = self._path(key)
        if not path.is_file():
            raise ObjectNotFoundError(f"no object {key}")
        side = path.with_name(path.name + TAGS_SUFFIX)
        if not side.is_file():
            return {}
        return dict(json.loads(side.read_text(encoding="utf-8")))

    def list_keys(self, prefix: str = "") -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and not path.name.endswith(TAGS_SUFFIX) and not path.name.startswith("."):
                key = path.relative_to(self.root).as_posix()
                if key.startswith(prefix):
                    yield key

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / ".health"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise StorageError(f"storage directory not writable ({exc.strerror})") from exc
