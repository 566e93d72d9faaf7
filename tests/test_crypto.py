"""Envelope encryption: round trips at every chunk boundary, ranged reads, and every tampering refused.

Small chunks (1 KiB) keep the boundary cases fast; one test uses the real 64 KiB default.
"""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import pytest

from callvault.crypto import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG_SIZE,
    CryptoError,
    Keyring,
    Layout,
    decrypt_chunks,
    encrypt_file,
    encrypt_path,
    generate_key,
    normalise_identifier,
    parse_header,
    parse_key,
)

CHUNK = 1024
SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5]


def _seal(plain: bytes, dek: bytes, chunk_size: int = CHUNK) -> bytes:
    out = io.BytesIO()
    sealed = encrypt_file(io.BytesIO(plain), out, dek, chunk_size)
    assert sealed.size == len(plain)
    return out.getvalue()


def _open(stored: bytes, dek: bytes, plain_size: int, start: int = 0, end: int | None = None) -> bytes:
    """Read plaintext [start, end] the way the vault serves a Range request."""
    chunk_size, _ = parse_header(stored[:HEADER_SIZE])
    layout = Layout(chunk_size, plain_size)
    end = max(plain_size - 1, 0) if end is None else end
    first, last, offset, length = layout.span(start, end)
    body = stored[offset : offset + length]
    whole = b"".join(decrypt_chunks(stored[:HEADER_SIZE], body, first, layout, dek, last=last))
    skip = start - first * chunk_size
    return whole[skip : skip + end - start + 1]


@pytest.fixture
def dek() -> bytes:
    return os.urandom(32)


@pytest.mark.parametrize("size", SIZES)
def test_round_trip(dek: bytes, size: int) -> None:
    plain = os.urandom(size)
    stored = _seal(plain, dek)
    layout = Layout(CHUNK, size)
    assert len(stored) == layout.stored_size
    assert len(stored) == HEADER_SIZE + size + layout.chunks * TAG_SIZE
    assert _open(stored, dek, size) == plain


def test_round_trip_default_chunk_size(dek: bytes, tmp_path: Path) -> None:
    plain = os.urandom(2 * CHUNK_SIZE + 77)
    src, dst = tmp_path / "plain", tmp_path / "sealed"
    src.write_bytes(plain)
    sealed = encrypt_path(src, dst, dek)
    assert sealed.size == len(plain)
    stored = dst.read_bytes()
    assert parse_header(stored)[0] == CHUNK_SIZE
    assert plain not in stored
    assert _open(stored, dek, len(plain)) == plain
    assert (
        _open(stored, dek, len(plain), CHUNK_SIZE - 3, CHUNK_SIZE + 3)
        == plain[CHUNK_SIZE - 3 : CHUNK_SIZE + 4]
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (0, 0),
        (0, CHUNK - 1),
        (CHUNK - 1, CHUNK),
        (CHUNK, CHUNK),
        (100, 2 * CHUNK + 100),
        (2 * CHUNK, 3 * CHUNK - 1),
        (3 * CHUNK, 3 * CHUNK + 4),
        (3 * CHUNK + 4, 3 * CHUNK + 4),
        (5, 3 * CHUNK + 4),
        (3 * CHUNK + 1, 10 * CHUNK),  # end past the object: clamped like an HTTP range
    ],
)
def test_ranged_decrypt(dek: bytes, start: int, end: int) -> None:
    plain = os.urandom(3 * CHUNK + 5)
    stored = _seal(plain, dek)
    assert _open(stored, dek, len(plain), start, end) == plain[start : end + 1]


def test_span_touches_only_needed_chunks() -> None:
    layout = Layout(CHUNK, 3 * CHUNK + 5)
    first, last, offset, length = layout.span(CHUNK + 10, CHUNK + 20)
    assert (first, last) == (1, 1)
    assert offset == HEADER_SIZE + CHUNK + TAG_SIZE
    assert length == CHUNK + TAG_SIZE
    assert layout.span(3 * CHUNK, 3 * CHUNK + 4)[3] == 5 + TAG_SIZE  # short final chunk


@pytest.mark.parametrize(
    "position",
    [0, 5, HEADER_SIZE, HEADER_SIZE + CHUNK + 3, -1],
    ids=["magic", "header-prefix", "first-chunk", "second-chunk-tag", "last-byte"],
)
def test_tampered_byte_is_refused(dek: bytes, position: int) -> None:
    plain = os.urandom(3 * CHUNK + 5)
    stored = bytearray(_seal(plain, dek))
    stored[position] ^= 0x01
    with pytest.raises(CryptoError):
        _open(bytes(stored), dek, len(plain))


def test_truncated_final_chunk_fails_the_final_flag(dek: bytes) -> None:
    # A reader that trusts the object's own length sees chunk 2 as the last one: its flag says no.
    plain = os.urandom(3 * CHUNK + 5)
    stored = _seal(plain, dek)[: HEADER_SIZE + 3 * (CHUNK + TAG_SIZE)]
    with pytest.raises(CryptoError, match="authentication"):
        _open(stored, dek, 3 * CHUNK)


def test_truncated_final_chunk_fails_against_recorded_size(dek: bytes) -> None:
    # A reader that uses the recorded plaintext size gets a short body: refused, not served short.
    plain = os.urandom(3 * CHUNK + 5)
    stored = _seal(plain, dek)[: HEADER_SIZE + 3 * (CHUNK + TAG_SIZE)]
    with pytest.raises(CryptoError, match="truncated"):
        _open(stored, dek, len(plain))


@pytest.mark.parametrize("keep", [0, HEADER_SIZE - 1])
def test_object_cut_inside_header(dek: bytes, keep: int) -> None:
    stored = _seal(b"hello", dek)[:keep]
    with pytest.raises(CryptoError):
        _open(stored, dek, 5)


def test_swapped_chunks_are_refused(dek: bytes) -> None:
    plain = os.urandom(3 * CHUNK + 5)
    stored = _seal(plain, dek)
    stride = CHUNK + TAG_SIZE
    c0 = stored[HEADER_SIZE : HEADER_SIZE + stride]
    c1 = stored[HEADER_SIZE + stride : HEADER_SIZE + 2 * stride]
    swapped = stored[:HEADER_SIZE] + c1 + c0 + stored[HEADER_SIZE + 2 * stride :]
    assert len(swapped) == len(stored)
    with pytest.raises(CryptoError):
        _open(swapped, dek, len(plain))


def test_wrong_data_key_is_refused(dek: bytes) -> None:
    stored = _seal(b"secret", dek)
    with pytest.raises(CryptoError):
        _open(stored, os.urandom(32), 6)


def test_not_an_encrypted_object() -> None:
    with pytest.raises(CryptoError, match="not a callvault"):
        parse_header(b"RIFF" + bytes(12))


# --- keyring ------------------------------------------------------------------------------------


@pytest.fixture
def keyring() -> Keyring:
    return Keyring(os.urandom(32))


def test_wrap_round_trip(keyring: Keyring) -> None:
    dek, wrapped = keyring.new_data_key("artefact-1")
    assert dek not in wrapped
    assert keyring.unwrap(wrapped, keyring.kek_id, "artefact-1") == dek


def test_unwrap_with_wrong_aad(keyring: Keyring) -> None:
    _, wrapped = keyring.new_data_key("artefact-1")
    with pytest.raises(CryptoError, match="authentication"):
        keyring.unwrap(wrapped, keyring.kek_id, "artefact-2")


def test_unwrap_tampered(keyring: Keyring) -> None:
    _, wrapped = keyring.new_data_key("artefact-1")
    bad = bytearray(wrapped)
    bad[-1] ^= 0x80
    with pytest.raises(CryptoError):
        keyring.unwrap(bytes(bad), keyring.kek_id, "artefact-1")


def test_unwrap_with_another_master_key(keyring: Keyring) -> None:
    _, wrapped = keyring.new_data_key("artefact-1")
    other = Keyring(os.urandom(32))
    assert other.kek_id != keyring.kek_id
    with pytest.raises(CryptoError, match="another master key"):
        other.unwrap(wrapped, keyring.kek_id, "artefact-1")
    with pytest.raises(CryptoError, match="authentication"):  # a mislabelled kek id still fails
        other.unwrap(wrapped, other.kek_id, "artefact-1")


def test_same_master_same_derived_keys() -> None:
    master = os.urandom(32)
    a, b = Keyring(master), Keyring(master)
    assert a.kek_id == b.kek_id
    assert a.audit_key == b.audit_key
    assert a.lookup_key != a.audit_key
    _, wrapped = a.new_data_key("x")
    b.unwrap(wrapped, a.kek_id, "x")


def test_keyring_rejects_short_master() -> None:
    with pytest.raises(CryptoError):
        Keyring(b"short")


@pytest.mark.parametrize(
    ("kind", "variants"),
    [
        ("phone", ["+32 470 12 34 56", "0032470123456", "+32470123456", " +32 (470) 12-34.56 "]),
        ("email", ["Jan.Peeters@Example.BE", "jan.peeters@example.be", " JAN.PEETERS@EXAMPLE.BE "]),
    ],
)
def test_lookup_hash_normalises(keyring: Keyring, kind: str, variants: list[str]) -> None:
    hashes = {keyring.lookup_hash(kind, v) for v in variants}
    assert len(hashes) == 1
    assert variants[0] not in hashes.pop()


def test_lookup_hash_differs_between_keyrings_and_kinds(keyring: Keyring) -> None:
    other = Keyring(os.urandom(32))
    assert keyring.lookup_hash("phone", "+32470123456") != other.lookup_hash("phone", "+32470123456")
    assert keyring.lookup_hash("phone", "+32470123456") != keyring.lookup_hash("phone", "+32470123457")
    assert keyring.lookup_hash("phone", "123") != keyring.lookup_hash("customer_id", "123")


@pytest.mark.parametrize(
    ("kind", "value", "normal"),
    [
        ("phone", "+32 470 12 34 56", "+32470123456"),
        ("phone", "0032470123456", "+32470123456"),
        ("phone", "0470 12 34 56", "0470123456"),  # national form stays national
        ("email", " A@B.be ", "a@b.be"),
        ("customer_id", " C-42 ", "C-42"),
    ],
)
def test_normalise_identifier(kind: str, value: str, normal: str) -> None:
    assert normalise_identifier(kind, value) == normal


def test_generate_and_parse_key() -> None:
    text = generate_key()
    assert len(parse_key(text)) == 32
    assert parse_key(f"  {text}\n") == parse_key(text)
    assert generate_key() != text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not base64 at all!", "base64"),
        ("abc", "base64"),
        (base64.b64encode(os.urandom(16)).decode(), "32 bytes"),
        (base64.b64encode(os.urandom(33)).decode(), "32 bytes"),
        ("", "32 bytes"),
    ],
    ids=["garbage", "bad-padding", "16-bytes", "33-bytes", "empty"],
)
def test_parse_key_rejects(text: str, reason: str) -> None:
    with pytest.raises(CryptoError, match=reason):
        parse_key(text)
