"""The time governance decisions read: grant expiry, retention, purge, audit timestamps.

One `Clock` per runtime, shared by every service of that process. Tests freeze and advance it to
walk a recording through 90 days of retention in a millisecond, without sleeps and without
monkeypatching `datetime`. Leases of processing tasks keep to the wall clock: they measure real
work, not policy.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from models import utcnow


class Clock:
    def __init__(self) -> None:
        self._fixed: datetime | None = None
        self._lock = threading.Lock()

    def now(self) -> datetime:
        fixed = self._fixed
        return utcnow() if fixed is None else fixed

    def freeze(self, moment: datetime | None = None) -> datetime:
        """Stop time at `moment` (default: now); for tests and what-if runs only."""
        with self._lock:
            self._fixed = moment or utcnow()
            return self._fixed

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._fixed = (self._fixed or utcnow()) + delta
            return self._fixed

    def thaw(self) -> None:
        with self._lock:
            self._fixed = None
