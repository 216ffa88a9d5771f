"""One exception tree for newsdesk.

::

    NewsdeskError                 base of everything newsdesk raises on purpose
    ├── InputError                a file, record or URL that cannot be read (has kind, source, line)
    ├── PipelineError             a pipeline that cannot be built (unknown or mis-ordered stages)
    ├── StageError                a stage failed on one document (wraps the cause)
    ├── StoreError                the store cannot be opened, migrated or written
    └── ConfigError               a setting or option with a bad value

Readers and stages raise; :class:`newsdesk.pipeline.Pipeline` turns errors into
:class:`newsdesk.model.Failure` records according to its per-document error policy, so one
bad document never loses the others. Checks never raise (they return flags).
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class of all newsdesk errors."""

    kind = "error"


class InputError(NewsdeskError):
    """An input file, record or URL cannot be read.

    ``kind`` is a short machine-readable reason (``empty``, ``binary``, ``too_large``,
    ``encoding``, ``malformed_json``, ``missing_field``, ``unreadable``, ``unsupported``, ...).
    """

    def __init__(
        self, kind: str, message: str, source: str | None = None, line: int | None = None,
        record_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.source = source
        self.line = line
        self.record_id = record_id

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}"


class PipelineError(NewsdeskError):
    kind = "pipeline"


class StageError(NewsdeskError):
    kind = "stage"

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.cause = cause


class StoreError(NewsdeskError):
    kind = "store"


class ConfigError(NewsdeskError):
    kind = "config"
