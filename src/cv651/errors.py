"""One family of project errors, the diagnostics they carry, and the exit codes.

Core code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from cv651.i18n import _


class ExitCode(IntEnum):
    OK = 0
    DATA = 1  # problems in the data or a template, or a refusal
    USAGE = 2  # wrong usage: bad option, unknown period/province, no repository
    BUG = 3  # an unexpected exception
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, at a line and column (both 1-based)."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


class Cv651Error(Exception):
    """Base of every error cv651 reports on purpose."""

    exit_code = ExitCode.DATA

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(Cv651Error):
    """The user asked for something that cannot be: exit 2."""

    exit_code = ExitCode.USAGE


class RefusalError(Cv651Error):
    """cv651 will not do what was asked (e.g. overwrite a file): exit 1."""


class DataErrors(Cv651Error):
    """The data repository has errors; a reading command refuses to go on."""

    def __init__(self, diagnostics: list[Diagnostic], hint: str | None = None) -> None:
        errors = sum(d.is_error for d in diagnostics)
        super().__init__(
            _("the data repository has {errors} error(s)").format(errors=errors),
            hint=hint or _("run `cv651 validate` for the full list"),
        )
        self.diagnostics = diagnostics


class OutputError(Cv651Error):
    """An output file could not be written (permissions, a full disk): exit 1."""


class TemplateError(Cv651Error):
    """A template failed to load or render."""
