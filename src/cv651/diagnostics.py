"""Diagnostics as text, JSON and GitHub workflow annotations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cv651.errors import Diagnostic
from cv651.i18n import _, ngettext
from cv651.text import shorten, visible


def as_text(diag: Diagnostic) -> str:
    path, message = _clean(diag.path), _clean(diag.message)
    line = f"{path}:{diag.line}:{diag.col}: {diag.severity.value} {diag.code}: {message}"
    return f"{line}; {_clean(diag.hint)}" if diag.hint else line


MAX_ECHO = 400  # a 200,000-character key is shown by its ends and its length


def _clean(text: str) -> str:
    """Text from a data file, as a terminal or a CI log may show it: control and
    invisible characters escaped (`\x1b`, `\u200b`, a newline in a file name),
    long values cut (issue #12)."""
    return visible(shorten(text, MAX_ECHO))


def summary(diags: Sequence[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    files = len({d.path for d in diags})
    if not diags:
        return _("no problems found")
    return _("{errors}, {warnings} in {files}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        files=ngettext("{count} file", "{count} files", files).format(count=files),
    )


def as_json(diags: Sequence[Diagnostic], ok: bool) -> str:
    import json  # here, not at start-up: `cv651 --help` imports this module

    return json.dumps(
        {
            "ok": ok,
            "errors": sum(d.is_error for d in diags),
            "warnings": sum(not d.is_error for d in diags),
            "diagnostics": [
                {
                    "path": d.path,
                    "line": d.line,
                    "col": d.col,
                    "severity": d.severity.value,
                    "code": d.code,
                    "message": shorten(d.message, MAX_ECHO),
                    "hint": shorten(d.hint, MAX_ECHO) if d.hint else None,
                }
                for d in diags
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_github(diag: Diagnostic, prefix: str = "") -> str:
    """A workflow command: https://docs.github.com/actions/reference/workflow-commands"""
    message = _clean(f"{diag.message}; {diag.hint}" if diag.hint else diag.message)
    path = _clean(f"{prefix}{diag.path}")
    return (
        f"::{diag.severity.value} file={_prop(path)},line={diag.line},col={diag.col},"
        f"title={_prop(diag.code)}::{_data(message)}"
    )


def as_codequality(diags: Sequence[Diagnostic], prefix: str = "") -> str:
    """GitLab's Code Quality report (a Code Climate subset): merge requests show each
    problem on its line. https://docs.gitlab.com/ci/testing/code_quality/"""
    import hashlib  # OpenSSL's loading costs 2 ms of every start-up otherwise
    import json

    issues, seen = [], Counter[str]()
    for d in diags:
        message = _clean(f"{d.message}; {d.hint}" if d.hint else d.message)
        # What GitLab matches between runs: the same in every language (not the message)
        place = f"{prefix}{d.path}:{d.line}:{d.col}:{d.code}"
        seen[place] += 1
        key = f"{place}:{seen[place]}"
        issues.append(
            {
                "description": message,
                "check_name": d.code,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": "major" if d.is_error else "minor",
                "location": {"path": f"{prefix}{d.path}", "lines": {"begin": d.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def as_markdown(diags: Sequence[Diagnostic], limit: int = 50) -> str:
    """A table of problems for a CI job summary; the first `limit` of them."""
    head = [_("file:line:col"), _("level"), _("code"), _("message")]
    lines = ["| " + " | ".join(head) + " |", "| --- | --- | --- | --- |"]
    for d in diags[:limit]:
        message = _clean(f"{d.message}; {d.hint}" if d.hint else d.message)
        cells = [f"`{_clean(d.path)}:{d.line}:{d.col}`", d.severity.value, f"`{d.code}`", message]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if len(diags) > limit:
        more = _("… and {count} more problems (see this step's log).")
        lines.append("\n" + more.format(count=len(diags) - limit))
    return "\n".join(lines) + "\n"
