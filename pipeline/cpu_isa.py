"""One instruction set for every worker, so a call is transcribed the same wherever it runs.

CTranslate2 and oneDNN pick their int8 kernels by the CPU's instruction set, and kernels for
different sets round differently. On Whisper's hardest audio (8 kHz, a robotic or noisy voice) a
rounding difference changes a beam search's choice, and from there the words: the same English
evaluation calls, transcribed on an AVX-512 and on an AVX2 machine, came out different enough to
move detection coverage by seven points. Two workers of one fleet would then redact the same call
differently, and a redaction could not be reproduced for an audit on other hardware. Forcing
CTranslate2's kernels to AVX2 (`CT2_FORCE_CPU_ISA`) and capping oneDNN at it
(`ONEDNN_MAX_CPU_ISA`) runs the same kernels on every x86-64 server of the last decade. Checked on
an AVX2 machine: pinned to AVX2 it reproduces its unpinned transcripts exactly, pinned to AVX it
changes two of three channels tested, and 1 or 2 threads give the same text. Not yet checked: that
an AVX-512 machine pinned to AVX2 writes what the AVX2 machine writes (none was at hand).

The pin is off by default (`CALLVAULT_CPU_ISA=native`): AVX-512 kernels ran Whisper base about
twice as fast (10.5x against 5.5x real time on 2 cores, on a Zen 4 and a Zen 3 machine, so the CPU
generation is in that figure too), and a fleet of one machine type is repeatable without it. Pin
it where workers run on mixed CPUs. Both libraries read these variables once, when first used in
a process, so the pin is applied before the first model is loaded. A variable the operator set is
left alone. Where the CPU lacks AVX2, or is not x86-64, or its flags cannot be read, nothing is
forced.
"""

from __future__ import annotations

import os
import platform
from collections.abc import MutableMapping
from pathlib import Path

NATIVE = "native"  # the libraries' own choice per machine: fastest, not repeatable across CPUs
FLAGS = {"AVX2": "avx2"}  # pinnable set -> the /proc/cpuinfo flag it needs
ENV = ("CT2_FORCE_CPU_ISA", "ONEDNN_MAX_CPU_ISA")


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> frozenset[str]:
    """The CPU's feature flags, or none where they cannot be read (not Linux)."""
    try:
        text = cpuinfo.read_text(errors="replace")
    except OSError:
        return frozenset()
    line = next((ln for ln in text.splitlines() if ln.startswith("flags")), "")
    return frozenset(line.partition(":")[2].split())


def pin_cpu_isa(isa: str, flags: frozenset[str] | None = None, machine: str | None = None,
                environ: MutableMapping[str, str] | None = None) -> bool:
    """Set the kernel pin for `isa` unless it is `native` or the CPU cannot run it; whether the
    pin is in force afterwards (an operator's own setting counts)."""
    env = os.environ if environ is None else environ
    if isa == NATIVE:
        return False
    if (machine or platform.machine()).lower() not in ("x86_64", "amd64"):
        return False
    needed = FLAGS.get(isa)
    if needed is None or needed not in (cpu_flags() if flags is None else flags):
        return False  # an instruction set this module does not pin, or one the CPU lacks
    for name in ENV:
        env.setdefault(name, isa)
    return all(env[name] == isa for name in ENV)
