"""Pick the object store the settings name; the only place that knows both backends exist."""

from __future__ import annotations

from callvault.settings import Settings, StorageBackend
from callvault.storage import ObjectStore
from callvault.storage.local import LocalStore


def make_store(settings: Settings) -> ObjectStore:
    if settings.storage is StorageBackend.S3:
        # Imported here so a local-only deployment never loads the S3 SDK.
        from minio import Minio

        from callvault.storage.s3 import S3Store

        client = Minio(
            settings.s3_endpoint,
            access_key=settings.s3_access_key or None,
            secret_key=settings.s3_secret_key.get_secret_value() or None,
            secure=settings.s3_secure,
            region=settings.s3_region,
        )
        store = S3Store(client, settings.s3_bucket)
        store.ensure_bucket()
        return store
    return LocalStore(settings.objects_dir)
