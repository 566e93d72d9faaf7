"""The README's configuration reference names every setting, so that a new one cannot ship
undocumented. A row may group settings that share a prefix: `CALLVAULT_S3_ENDPOINT` /
`_ACCESS_KEY` / ... documents `s3_access_key` as `_ACCESS_KEY`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from callvault.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
ROWS = [line for line in README.splitlines() if line.startswith("| `CALLVAULT_")]


def _documented(field: str) -> bool:
    name = field.upper()
    for row in ROWS:
        names = re.findall(r"`(CALLVAULT_[A-Z0-9_]+|_[A-Z0-9_]+)`", row.split("|")[1])
        if f"CALLVAULT_{name}" in names:
            return True
        prefix = names[0].removeprefix("CALLVAULT_").split("_")[0] if names else ""
        if prefix and name.startswith(f"{prefix}_") and f"_{name[len(prefix) + 1:]}" in names:
            return True
    return False


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_has_a_row_in_the_readme(field: str) -> None:
    assert _documented(field), f"CALLVAULT_{field.upper()} is missing from the README's tables"


def test_an_unknown_setting_is_not_documented() -> None:
    assert not _documented("no_such_setting")
