"""One contract for every object store: the local directory and S3 (moto over real HTTP on loopback).

The vault only ever talks to `ObjectStore`, so both backends must agree on ranges, tags, listing,
missing keys and refused keys; a difference would surface as a bug only in one deployment shape.
"""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest
import urllib3
from minio import Minio
from pydantic import SecretStr

from callvault.settings import Settings, StorageBackend
from callvault.storage import ObjectNotFoundError, ObjectStore, StorageError
from callvault.storage.factory import make_store
from callvault.storage.local import LocalStore
from callvault.storage.s3 import S3Store

DATA = bytes(range(256)) * 40  # 10240 bytes, every offset distinguishable


def _fast_http() -> urllib3.PoolManager:
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=2, read=10), retries=urllib3.Retry(total=0, connect=0)
    )


def _client(endpoint: str) -> Minio:
    return Minio(
        endpoint,
        access_key="testing",
        secret_key="testing",
        secure=False,
        region="us-east-1",
        http_client=_fast_http(),
    )


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ObjectStore:
    if request.param == "local":
        return LocalStore(tmp_path / "objects")
    endpoint = request.getfixturevalue("s3_endpoint")
    s3 = S3Store(_client(endpoint), f"test-{uuid.uuid4().hex[:12]}")
    s3.ensure_bucket()
    return s3


@pytest.fixture
def src(tmp_path: Path) -> Path:
    path = tmp_path / "src.bin"
    path.write_bytes(DATA)
    return path


@pytest.mark.parametrize(
    ("offset", "length", "expected"),
    [
        (0, len(DATA), DATA),
        (1000, 300, DATA[1000:1300]),
        (len(DATA) - 10, 100, DATA[-10:]),
        (len(DATA), 10, b""),
        (len(DATA) + 500, 10, b""),
        (5, 0, b""),
    ],
    ids=["whole", "middle", "over-end", "at-end", "past-end", "zero-length"],
)
def test_read_range(store: ObjectStore, src: Path, offset: int, length: int, expected: bytes) -> None:
    store.put_file("t1/rec/audio", src)
    assert store.read_range("t1/rec/audio", offset, length) == expected


def test_size_and_exists(store: ObjectStore, src: Path) -> None:
    assert not store.exists("t1/rec/audio")
    store.put_file("t1/rec/audio", src)
    assert store.exists("t1/rec/audio")
    assert store.size("t1/rec/audio") == len(DATA)


def test_empty_object(store: ObjectStore, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    store.put_file("t1/empty", empty)
    assert store.size("t1/empty") == 0
    assert store.read_range("t1/empty", 0, 16) == b""


def test_delete_is_idempotent(store: ObjectStore, src: Path) -> None:
    store.put_file("t1/rec/audio", src, tags={"purpose": "quality"})
    store.delete("t1/rec/audio")
    assert not store.exists("t1/rec/audio")
    store.delete("t1/rec/audio")
    store.delete("t1/never/there")
    assert list(store.list_keys()) == []


def test_tags_round_trip(store: ObjectStore, src: Path) -> None:
    tags = {"retention": "2030-01-31", "purpose": "quality-training", "tenant": "acme"}
    store.put_file("t1/rec/audio", src, tags=tags)
    assert store.get_tags("t1/rec/audio") == tags
    store.set_tags("t1/rec/audio", {"retention": "legal-hold"})
    assert store.get_tags("t1/rec/audio") == {"retention": "legal-hold"}
    store.set_tags("t1/rec/audio", {})
    assert store.get_tags("t1/rec/audio") == {}


def test_untagged_object_has_no_tags(store: ObjectStore, src: Path) -> None:
    store.put_file("t1/rec/audio", src)
    assert store.get_tags("t1/rec/audio") == {}


def test_list_keys_with_prefix(store: ObjectStore, src: Path) -> None:
    keys = ["t1/a/audio", "t1/a/transcript", "t1/b/audio", "t10/a/audio", "t2/c/audio"]
    for key in keys:
        store.put_file(key, src, tags={"k": "v"})
    assert sorted(store.list_keys()) == sorted(keys)
    assert sorted(store.list_keys("t1/")) == ["t1/a/audio", "t1/a/transcript", "t1/b/audio"]
    assert sorted(store.list_keys("t1/a/")) == ["t1/a/audio", "t1/a/transcript"]
    assert sorted(store.list_keys("t1")) == sorted(k for k in keys if k.startswith("t1"))
    assert list(store.list_keys("nobody/")) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.read_range("t1/missing", 0, 10),
        lambda s: s.read_range("t1/missing", 0, 0),
        lambda s: s.size("t1/missing"),
        lambda s: s.get_tags("t1/missing"),
        lambda s: s.set_tags("t1/missing", {"a": "b"}),
    ],
    ids=["read_range", "read_empty", "size", "get_tags", "set_tags"],
)
def test_missing_key(store: ObjectStore, call: object) -> None:
    with pytest.raises(ObjectNotFoundError, match="t1/missing"):
        call(store)  # type: ignore[operator]


@pytest.mark.parametrize("key", ["../x", "/abs", "a//b", "a b", "", "a/./b", "a/", "x\ny", "a?b"])
def test_invalid_keys_are_refused(store: ObjectStore, src: Path, key: str) -> None:
    with pytest.raises(StorageError, match="invalid object key"):
        store.put_file(key, src)
    for call in (store.exists, store.size, store.delete, store.get_tags):
        with pytest.raises(StorageError, match="invalid object key"):
            call(key)
    with pytest.raises(StorageError, match="invalid object key"):
        store.read_range(key, 0, 1)
    with pytest.raises(StorageError, match="invalid object key"):
        store.set_tags(key, {"a": "b"})


def test_put_replaces(store: ObjectStore, src: Path, tmp_path: Path) -> None:
    store.put_file("t1/rec/audio", src)
    other = tmp_path / "other.bin"
    other.write_bytes(b"shorter")
    store.put_file("t1/rec/audio", other)
    assert store.size("t1/rec/audio") == 7
    assert store.read_range("t1/rec/audio", 0, 100) == b"shorter"
    assert list(store.list_keys()) == ["t1/rec/audio"]


def test_put_from_missing_source_stores_nothing(store: ObjectStore, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="t1/rec/audio") as info:
        store.put_file("t1/rec/audio", tmp_path / "does-not-exist")
    assert not isinstance(info.value, ObjectNotFoundError)
    assert not store.exists("t1/rec/audio")
    assert list(store.list_keys()) == []


def test_check_ok(store: ObjectStore) -> None:
    store.check()


def test_error_messages_never_carry_contents(store: ObjectStore, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_bytes(b"IBAN BE71 0961 2345 6769")
    store.put_file("t1/s", secret)
    with pytest.raises(ObjectNotFoundError) as info:
        store.read_range("t1/other", 0, 10)
    assert "BE71" not in str(info.value)


# --- S3 only ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_s3_check_unreachable_endpoint() -> None:
    store = S3Store(_client(f"127.0.0.1:{_free_port()}"), "callvault")
    with pytest.raises(StorageError, match="callvault"):
        store.check()


def test_s3_unreachable_read_is_storage_error_not_missing() -> None:
    store = S3Store(_client(f"127.0.0.1:{_free_port()}"), "callvault")
    with pytest.raises(StorageError, match="t1/x") as info:
        store.read_range("t1/x", 0, 10)
    assert not isinstance(info.value, ObjectNotFoundError)


def test_s3_check_missing_bucket(s3_endpoint: str) -> None:
    store = S3Store(_client(s3_endpoint), f"absent-{uuid.uuid4().hex[:12]}")
    with pytest.raises(StorageError, match="does not exist"):
        store.check()
    store.ensure_bucket()
    store.check()
    store.ensure_bucket()  # a second start finds it and leaves it alone


def test_s3_invalid_bucket_name_is_storage_error(s3_endpoint: str) -> None:
    store = S3Store(_client(s3_endpoint), "No_Such")
    with pytest.raises(StorageError, match="No_Such"):
        store.ensure_bucket()
    with pytest.raises(StorageError, match="No_Such"):
        store.check()


# --- factory -----------------------------------------------------------------------------------


def test_factory_local(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    store = make_store(settings)
    assert isinstance(store, LocalStore)
    assert store.root == (tmp_path / "objects").resolve()


def test_factory_s3_creates_bucket(s3_endpoint: str) -> None:
    bucket = f"factory-{uuid.uuid4().hex[:12]}"
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        storage=StorageBackend.S3,
        s3_endpoint=s3_endpoint,
        s3_access_key="testing",
        s3_secret_key=SecretStr("testing"),
        s3_bucket=bucket,
        s3_region="us-east-1",
    )
    store = make_store(settings)
    assert isinstance(store, S3Store)
    assert store.name == "s3"
    store.check()
