"""HTTP Range for audio players: one `bytes=` range per request, as every browser player sends."""

from __future__ import annotations

import re

from callvault.vault.errors import RangeNotSatisfiableError

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(start, end) inclusive, or None to send the whole object; raises 416 when unsatisfiable."""
    if header is None:
        return None
    match = RANGE.match(header.strip())
    if match is None:  # multiple ranges or another unit: RFC 9110 allows ignoring the header
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        length = int(last)
        if length == 0 or size == 0:
            raise _unsatisfiable(size)
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        raise _unsatisfiable(size)
    return start, end


def _unsatisfiable(size: int) -> RangeNotSatisfiableError:
    headers = {"Content-Range": f"bytes */{size}"}
    return RangeNotSatisfiableError("range not satisfiable", headers=headers)
