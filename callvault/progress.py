"""A rich progress bar per input when stderr is a terminal; silent otherwise (CI, pipes, logs)."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class ProgressView:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress = (
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[stage]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            if enabled
            else None
        )

    def __enter__(self) -> ProgressView:
        if self._progress:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress:
            self._progress.stop()

    def add(self, name: str) -> TaskID | None:
        if not self._progress:
            return None
        return self._progress.add_task(name, total=1.0, stage="queued")

    def callback(self, task: TaskID | None) -> Callable[[str, float], None] | None:
        progress = self._progress
        if progress is None or task is None:
            return None

        def update(stage: str, fraction: float) -> None:
            progress.update(task, completed=fraction, stage=stage)

        return update

    def finish(self, task: TaskID | None, stage: str) -> None:
        if self._progress and task is not None:
            self._progress.update(task, completed=1.0, stage=stage)
