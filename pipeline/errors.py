"""One error hierarchy for the pipeline.

Messages name the file and the reason, never any content of the recording: they end up on a terminal,
in logs and in API responses, where a transcript fragment would be a personal-data leak.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class: anything the pipeline refuses or cannot do, with a user-safe message."""

    code = "pipeline_error"

    def __init__(self, reason: str, *, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        super().__init__(f"{source}: {reason}" if source else reason)


class InputError(PipelineError):
    """The input is not a recording we can process: unreadable, empty, corrupt or unsupported."""

    code = "invalid_input"


class ModelError(PipelineError):
    """The speech model cannot be found or loaded (a configuration problem, not the input's)."""

    code = "model_unavailable"


class OutputError(PipelineError):
    """The redacted output could not be written; nothing partial is left behind."""

    code = "output_failed"


class ConfigError(PipelineError):
    """A setting is invalid (unknown operator, mode, channel layout...)."""

    code = "invalid_config"
