"""Shared fixtures: synthetic calls (espeak-ng) and one real Redactor per test session.

The Redactor loads the real Whisper model and the real Presidio/spaCy analyzer once (a few seconds);
every end-to-end test then runs the true pipeline on true audio.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from callvault.evaluation.synth import espeak_available

requires_espeak = pytest.mark.skipif(
    not espeak_available() and os.environ.get("CI") != "true",
    reason="espeak-ng is not installed (CI installs it and never skips)",
)


@pytest.fixture(scope="session")
def tools_present() -> None:
    missing = [t for t in ("ffmpeg", "ffprobe", "espeak-ng") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"missing tools: {missing}; run .ci/run or `make setup`")


@pytest.fixture(scope="session")
def calls_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("calls")


@pytest.fixture(scope="session")
def redactor(tools_present: None) -> Iterator[object]:
    from callvault.settings import Settings
    from pipeline.runner import Redactor

    yield Redactor(Settings(_env_file=None).redactor_config())  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A real S3 HTTP endpoint on loopback (moto's server mode), host:port."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"{host}:{port}"
    server.stop()
