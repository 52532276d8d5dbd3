"""A data file's text and how to point into it: path, line, column."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from cv651 import yamlio
from cv651.errors import Diagnostic, Severity

Loc = yamlio.Loc


@dataclass
class Source:
    """One YAML file of the repository. Locations are found only when asked for:
    a clean file is composed once, to load it, and never again."""

    rel: str  # relative to the repository, with '/' separators
    text: str = ""
    # what does not stop reading the file (control characters), reported by the loader
    problems: list[yamlio.YamlProblem] = field(default_factory=list)
    _root: yaml.Node | None = field(default=None, repr=False)
    _composed: bool = field(default=False, repr=False)

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        if not self._composed:
            self._composed = True
            try:
                self._root = yamlio.compose(self.text)
            except yamlio.YamlProblem:
                self._root = None
        return yamlio.locate(self._root, loc, key=key, text=self.text)

    def diag(
        self,
        loc: Loc,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> Diagnostic:
        line, col = self.where(loc, key=key)
        return Diagnostic(self.rel, line, col, severity, code, message, hint)

    def reading_problems(self) -> list[Diagnostic]:
        return [
            Diagnostic(self.rel, p.line, p.col, Severity.ERROR, p.code, p.message, p.hint)
            for p in self.problems
        ]

    def warn(self, loc: Loc, code: str, message: str, hint: str | None = None) -> Diagnostic:
        return self.diag(loc, code, message, hint, severity=Severity.WARNING)


def show_loc(loc: Loc) -> str:
    """('documents', 3, 'date') -> 'documents[3].date'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
