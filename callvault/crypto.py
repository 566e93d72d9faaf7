"""Envelope encryption for stored artefacts and keyed hashes for lookups.

Every artefact gets its own random 256-bit data key. The data key encrypts the object in 64 KiB
AES-256-GCM chunks (each chunk authenticated, its nonce = random prefix + chunk index, the last chunk
marked in the associated data) so an HTTP Range request decrypts only the chunks it touches and a
truncated or reordered object fails to decrypt. The data key is wrapped by the master key (AES-GCM,
bound to the artefact id) and stored in the database; deleting that row shreds the object.

Sub-keys for lookups and the audit chain are derived from the master key with HKDF, so one secret is
configured and each use has its own key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"CVA1"
HEADER = struct.Struct(">4sI8s")  # magic, chunk size, nonce prefix
HEADER_SIZE = HEADER.size  # 16
TAG_SIZE = 16
CHUNK_SIZE = 64 * 1024
KEY_BYTES = 32
# Published in the README as an example; never acceptable outside development.
EXAMPLE_MASTER_KEY = base64.b64encode(b"callvault-example-master-key-32b").decode()


class CryptoError(Exception):
    """A key is missing or wrong, or stored bytes were altered: never reveals the data itself."""


def generate_key() -> str:
    return base64.b64encode(os.urandom(KEY_BYTES)).decode()


def parse_key(text: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise CryptoError("master key is not valid base64") from None
    if len(raw) != KEY_BYTES:
        raise CryptoError(f"master key must be {KEY_BYTES} bytes, got {len(raw)}")
    return raw


def _derive(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


class Keyring:
    """The master key and the sub-keys derived from it."""

    def __init__(self, master: bytes) -> None:
        if len(master) != KEY_BYTES:
            raise CryptoError("master key must be 32 bytes")
        self._wrap = AESGCM(_derive(master, b"callvault/wrap/v1"))
        self.kek_id = hashlib.sha256(b"callvault/kek-id/" + master).hexdigest()[:16]
        self.lookup_key = _derive(master, b"callvault/lookup/v1")
        self.audit_key = _derive(master, b"callvault/audit/v1")

    def new_data_key(self, aad: str) -> tuple[bytes, bytes]:
        """(data key, wrapped data key) bound to `aad` (the artefact id)."""
        dek = AESGCM.generate_key(bit_length=256)
        nonce = os.urandom(12)
        return dek, nonce + self._wrap.encrypt(nonce, dek, aad.encode())

    def unwrap(self, wrapped: bytes, kek_id: str, aad: str) -> bytes:
        if kek_id != self.kek_id:
            raise CryptoError("artefact was wrapped by another master key")
        try:
            return self._wrap.decrypt(wrapped[:12], wrapped[12:], aad.encode())
        except InvalidTag:
            raise CryptoError("data key failed authentication") from None

    def lookup_hash(self, kind: str, value: str) -> str:
        """Keyed hash of a normalised customer identifier; equal inputs give equal hashes."""
        normal = normalise_identifier(kind, value)
        return hmac.new(self.lookup_key, f"{kind}:{normal}".encode(), hashlib.sha256).hexdigest()


def normalise_identifier(kind: str, value: str) -> str:
    value = value.strip()
    if kind == "phone":
        compact = re.sub(r"[\s().-]", "", value)
        international = compact.startswith(("+", "00"))
        digits = re.sub(r"\D", "", compact)
        if compact.startswith("00"):
            digits = digits[2:]
        return ("+" if international else "") + digits
    if kind == "email":
        return value.lower()
    return value


@dataclass(frozen=True)
class Sealed:
    """What encrypting a file produced: plaintext size and digest, for the artefact row."""

    size: int
    sha256: str


def encrypt_file(src: BinaryIO, dst: BinaryIO, dek: bytes, chunk_size: int = CHUNK_SIZE) -> Sealed:
    aead = AESGCM(dek)
    prefix = os.urandom(8)
    header = HEADER.pack(MAGIC, chunk_size, prefix)
    dst.write(header)
    digest = hashlib.sha256()
    size = 0
    index = 0
    chunk = src.read(chunk_size)
    while True:
        nxt = src.read(chunk_size) if len(chunk) == chunk_size else b""
        final = not nxt
        digest.update(chunk)
        size += len(chunk)
        dst.write(aead.encrypt(_nonce(prefix, index), chunk, header + (b"\x01" if final else b"\x00")))
        if final:
            return Sealed(size, digest.hexdigest())
        chunk, index = nxt, index + 1


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


@dataclass(frozen=True)
class Layout:
    """Where plaintext bytes live inside an encrypted object."""

    chunk_size: int
    plain_size: int

    @property
    def chunks(self) -> int:
        return max(1, -(-self.plain_size // self.chunk_size))

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Chunk indexes [first, last] covering plaintext [start, end] and their ciphertext bytes."""
        first, last = start // self.chunk_size, end // self.chunk_size
        stride = self.chunk_size + TAG_SIZE
        c_start = HEADER_SIZE + first * stride
        c_end = min(HEADER_SIZE + (last + 1) * stride, self.stored_size)
        return first, last, c_start, c_end - c_start

    @property
    def stored_size(self) -> int:
        return HEADER_SIZE + self.plain_size + self.chunks * TAG_SIZE


def parse_header(header: bytes) -> tuple[int, bytes]:
    if len(header) < HEADER_SIZE:  # an empty or cut object: struct.error would leak otherwise
        raise CryptoError("not a callvault encrypted object")
    magic, chunk_size, prefix = HEADER.unpack(header[:HEADER_SIZE])
    if magic != MAGIC or chunk_size <= 0:
        raise CryptoError("not a callvault encrypted object")
    return chunk_size, prefix


def decrypt_chunks(
    header: bytes, body: bytes, first: int, layout: Layout, dek: bytes, *, last: int
) -> Iterator[bytes]:
    """Decrypt consecutive chunks starting at index `first` from `body` (their ciphertext).

    `last` (from `Layout.span`) is required: a body cut at a chunk boundary authenticates chunk by
    chunk, so only its length against the layout reveals that trailing chunks are missing.
    """
    chunk_size, prefix = parse_header(header)
    aead = AESGCM(dek)
    stride = chunk_size + TAG_SIZE
    last_index = layout.chunks - 1
    c_end = min(HEADER_SIZE + (min(last, last_index) + 1) * stride, layout.stored_size)
    if len(body) != c_end - (HEADER_SIZE + first * stride):
        raise CryptoError("stored object is truncated")
    for offset in range(0, len(body), stride):
        index = first + offset // stride
        aad = header[:HEADER_SIZE] + (b"\x01" if index == last_index else b"\x00")
        try:
            yield aead.decrypt(_nonce(prefix, index), body[offset : offset + stride], aad)
        except InvalidTag:
            raise CryptoError("stored object failed authentication") from None


def encrypt_path(src: Path, dst: Path, dek: bytes) -> Sealed:
    with src.open("rb") as fin, dst.open("wb") as fout:
        return encrypt_file(fin, fout, dek)
