"""S3 or MinIO as object store, for deployments with more than one machine or off-site copies.

Object tags carry retention and purpose so bucket lifecycle rules and auditors can act on them
without the database. Every backend failure becomes a `StorageError` naming the key and the S3 error
code only: messages end up in logs and API responses, object contents must not.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import urllib3
from minio import Minio
from minio.commonconfig import Tags
from minio.error import MinioException, S3Error, ServerError

from callvault.storage import ObjectNotFoundError, ObjectStore, StorageError, validate_key

_MISSING = frozenset({"NoSuchKey", "NoSuchObject", "NoSuchVersion"})


@contextmanager
def _translated(what: str, key: str) -> Iterator[None]:
    """Map SDK and transport errors onto the storage vocabulary the vault understands."""
    try:
        yield
    except S3Error as exc:
        if exc.code in _MISSING:
            raise ObjectNotFoundError(f"no object {key}") from None
        raise StorageError(f"cannot {what} {key} (S3 {exc.code})") from None
    except ServerError as exc:
        raise StorageError(f"cannot {what} {key} (HTTP {exc.status_code})") from None
    except (MinioException, urllib3.exceptions.HTTPError, ValueError) as exc:
        # ValueError: the SDK refused the request itself (an invalid bucket name in the settings).
        raise StorageError(f"cannot {what} {key} ({type(exc).__name__})") from None


class S3Store(ObjectStore):
    name = "s3"

    def __init__(self, client: Minio, bucket: str) -> None:
        # The client is injected so tests and the factory choose timeouts, retries and TLS.
        self.client = client
        self.bucket = bucket

    def ensure_bucket(self) -> None:
        """Create the bucket on first start so a fresh MinIO works without a manual step."""
        with _translated("create bucket for", self.bucket):
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)

    def put_file(self, key: str, path: Path, tags: Mapping[str, str] | None = None) -> None:
        validate_key(key)
        s3_tags = None
        if tags:
            s3_tags = Tags(for_object=True)
            s3_tags.update(tags)
        with _translated("store", key):
            try:
                self.client.fput_object(self.bucket, key, str(path), tags=s3_tags)
            except OSError as exc:
                raise StorageError(f"cannot store {key} ({exc.strerror})") from None

    def read_range(self, key: str, offset: int, length: int) -> bytes:
        validate_key(key)
        if length <= 0:
            # minio reads "length 0" as "to the end"; an empty read still has to prove the key exists.
            self.size(key)
            return b""
        with _translated("read", key):
            try:
                response = self.client.get_object(self.bucket, key, offset=offset, length=length)
            except S3Error as exc:
                if exc.code == "InvalidRange":  # at or past the end, like reading a short file
                    return b""
                raise
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

    def size(self, key: str) -> int:
        validate_key(key)
        with _translated("stat", key):
            size = self.client.stat_object(self.bucket, key).size
        if size is None:
            raise StorageError(f"cannot stat {key} (no size)")
        return size

    def exists(self, key: str) -> bool:
        try:
            self.size(key)
        except ObjectNotFoundError:
            return False
        return True

    def delete(self, key: str) -> None:
        validate_key(key)
        with _translated("delete", key):
            self.client.remove_object(self.bucket, key)  # S3 answers 204 for a missing key too

    def set_tags(self, key: str, tags: Mapping[str, str]) -> None:
        validate_key(key)
        with _translated("tag", key):
            if not tags:
                self.client.delete_object_tags(self.bucket, key)
                return
            s3_tags = Tags(for_object=True)
            s3_tags.update(tags)
            self.client.set_object_tags(self.bucket, key, s3_tags)

    def get_tags(self, key: str) -> dict[str, str]:
        validate_key(key)
        with _translated("read tags of", key):
            tags = self.client.get_object_tags(self.bucket, key)
        return dict(tags or {})

    def list_keys(self, prefix: str = "") -> Iterator[str]:
        with _translated("list", prefix or "/"):
            for obj in self.client.list_objects(self.bucket, prefix=prefix or None, recursive=True):
                if obj.object_name is not None:
                    yield obj.object_name

    def check(self) -> None:
        with _translated("reach bucket", self.bucket):
            found = self.client.bucket_exists(self.bucket)
        if not found:
            raise StorageError(f"bucket {self.bucket} does not exist")
