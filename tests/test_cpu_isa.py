"""The kernel pin: forced only where the CPU can run it, and never over an operator's setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cpu_isa import ENV, cpu_flags, pin_cpu_isa

AVX2_CPU = frozenset({"sse4_1", "avx", "avx2"})


@pytest.mark.parametrize(
    ("isa", "flags", "machine", "pinned"),
    [
        ("AVX2", AVX2_CPU, "x86_64", True),
        ("AVX2", AVX2_CPU | {"avx512f"}, "x86_64", True),  # an AVX-512 server runs AVX2 kernels
        ("AVX2", frozenset({"sse4_1", "avx"}), "x86_64", False),  # too old: left to the library
        ("AVX2", AVX2_CPU, "aarch64", False),  # ARM has its own kernels
        ("AVX2", frozenset(), "x86_64", False),  # flags unreadable
        ("native", AVX2_CPU, "x86_64", False),
        ("AVX512", AVX2_CPU | {"avx512f"}, "x86_64", False),  # not a set this module pins
    ],
)
def test_pin(isa: str, flags: frozenset[str], machine: str, pinned: bool) -> None:
    env: dict[str, str] = {}
    assert pin_cpu_isa(isa, flags, machine, env) is pinned
    assert env == ({name: "AVX2" for name in ENV} if pinned else {})


def test_an_operators_setting_wins() -> None:
    env = {"CT2_FORCE_CPU_ISA": "AVX512"}
    assert not pin_cpu_isa("AVX2", AVX2_CPU, "x86_64", env)
    assert env["CT2_FORCE_CPU_ISA"] == "AVX512"


def test_cpu_flags_read_from_cpuinfo(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu sse4_1 avx avx2\nbugs\t\t: none\n")
    assert cpu_flags(info) == AVX2_CPU | {"fpu"}
    assert cpu_flags(tmp_path / "missing") == frozenset()


@pytest.mark.skipif("avx2" not in cpu_flags(), reason="the pin needs an AVX2 CPU")
def test_loading_a_model_pins_the_process() -> None:
    """The pin must be set before CTranslate2 first runs: loading the model is that moment."""
    import os
    import subprocess
    import sys

    code = ("import os; from pipeline.transcribe import TranscriberConfig, WhisperTranscriber; "
            "WhisperTranscriber(TranscriberConfig(model='tiny.en', cpu_isa='AVX2'))._load(); "
            "print(os.environ.get('CT2_FORCE_CPU_ISA'), os.environ.get('ONEDNN_MAX_CPU_ISA'))")
    env = {k: v for k, v in os.environ.items() if k not in ENV}
    env["CT2_VERBOSE"] = "1"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parent.parent, timeout=120, check=True)
    assert run.stdout.split() == ["AVX2", "AVX2"]
    assert "Selected ISA: AVX2" in run.stderr
