"""Recording received documents into the submission files: checked first, written atomically.

`prepare` works out the change (the new file text, the attachments to copy) and
checks the whole repository as it would be after it, with the loader's own rules
(an overlay, so nothing is written yet); `apply` writes it. `cv651 record` and
`cv651 ingest --write` both go through here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cv651 import matrix, yamledit
from cv651.coverage import Requirement, compute_coverage
from cv651.errors import DataErrors, Diagnostic, RefusalError
from cv651.i18n import _, ngettext
from cv651.loader import SUBMISSIONS, Loaded, load_repository
from cv651.models import Province, Repository
from cv651.output import exclusive, write_all, write_new
from cv651.reading import decode, read_bounded
from cv651.schema import modeline
from cv651.text import slugify
from cv651.vnformat import short_date
from cv651.yamlio import YamlProblem

ATTACHMENTS = "attachments"


@dataclass(frozen=True)
class NewDocument:
    """A document to record, its values already parsed (dates, counts)."""

    province: Province
    kind: str
    number: str
    date: dt.date
    received: dt.date | None = None
    period: str | None = None
    issuers: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    title: str | None = None
    indicators: Mapping[str, int] = field(default_factory=dict)
    attach: Path | None = None  # a file outside or inside the repository, copied in
    plan: str | None = None  # the plan it answers; written only when there are several

    @property
    def counts_from(self) -> dt.date:
        return self.received or self.date

    def entry(self, attachment: str | None, *, several_plans: bool) -> dict[str, Any]:
        """The YAML entry, keys in the contract's order, empty values left out; `plan:`
        only in a repository with several plans."""
        values: dict[str, Any] = {
            "kind": self.kind,
            "plan": self.plan if several_plans else None,
            "period": self.period,
            "number": self.number,
            "date": self.date,
            "received": self.received,
            "issuers": list(self.issuers),
            "recipients": list(self.recipients),
            "title": self.title,
            "indicators": dict(self.indicators),
            "attachments": [attachment] if attachment else [],
        }
        return {k: v for k, v in values.items() if v not in (None, [], {})}


@dataclass(frozen=True)
class Transition:
    """A requirement of the province, before and after the new document."""

    before: Requirement
    after: Requirement

    @property
    def changed(self) -> bool:
        return (self.before.state, self.before.days_late) != (
            self.after.state,
            self.after.days_late,
        )

    def describe(self) -> str:
        """'Điểm 3 · 2022H1: quá hạn → chậm 7 ngày'."""
        head = matrix.header(self.after.column)
        if not self.changed:
            return f"{head}: {matrix.describe(self.after)} " + _("(unchanged)")
        return f"{head}: {matrix.describe(self.before)} → {matrix.describe(self.after)}"


@dataclass
class FileChange:
    rel: str  # the submission file, relative to the repository
    old: bytes | None  # None: a new file
    text: str
    entries: list[str] = field(default_factory=list)  # each entry's YAML, as written


@dataclass
class Change:
    root: Path
    files: dict[str, FileChange]
    copies: list[tuple[Path, str]]  # (source file, path in the repository)
    transitions: list[Transition]
    warnings: list[Diagnostic]


class NotRecorded(DataErrors):
    """The repository would have errors after the change: nothing is written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics)
        errors = sum(d.is_error for d in diagnostics)
        self.message = ngettext(
            "nothing was written: the repository would have {n} error",
            "nothing was written: the repository would have {n} errors",
            errors,
        ).format(n=errors)
        self.hint = _(
            "lines are those of the file as it would have been; correct the values "
            "(or the files named) and run the command again"
        )


def prepare(
    loaded: Loaded, documents: Sequence[NewDocument], today: dt.date
) -> tuple[Change, Repository]:
    """The change that records `documents`, checked; raises NotRecorded or RefusalError."""
    if loaded.repository is None or loaded.errors:  # a broken file anywhere stops it
        raise NotRecorded(loaded.diagnostics)
    root, before = loaded.root, loaded.repository
    files: dict[str, FileChange] = {}
    copies: list[tuple[Path, str]] = []
    for document in documents:
        _refuse_recorded(before, document, files)
        attachment = _attachment_path(root, document, [rel for _source, rel in copies])
        inside = document.attach is not None and document.attach.resolve().is_relative_to(
            root.resolve()
        )
        if attachment is not None and document.attach is not None and not inside:
            copies.append((document.attach, attachment))
        _add(root, files, document, attachment, len(before.plan_index.by_id) > 1)
    overlay: dict[str, str | None] = {rel: f.text for rel, f in files.items()}
    overlay.update((rel, None) for _source, rel in copies)
    after = load_repository(root, overlay)
    if after.repository is None or after.errors:
        raise NotRecorded(after.diagnostics)
    known = set(loaded.warnings)
    warnings = [d for d in after.warnings if d not in known and d.path in files]
    as_of = max([today, *(d.counts_from for d in documents)])
    transitions = _transitions(before, after.repository, documents, as_of)
    return Change(root, files, copies, transitions, warnings), after.repository


def _refuse_recorded(
    repository: Repository, document: NewDocument, files: Mapping[str, FileChange]
) -> None:
    recorded = repository.submission(document.province.code).documents
    for index, other in enumerate(recorded):
        if other.number == document.number and other.date == document.date:
            raise RefusalError(
                _("{number} of {date} is already recorded for {name} (documents[{index}])").format(
                    number=document.number,
                    date=short_date(document.date),
                    name=document.province.name,
                    index=index,
                ),
                hint=_("a correction is made in the file itself, not by recording it again"),
            )


def _add(
    root: Path,
    files: dict[str, FileChange],
    document: NewDocument,
    attachment: str | None,
    several_plans: bool,
) -> None:
    code = document.province.code
    rel = next((r for r in files if _is_file_of(r, code)), None) or _file_of(
        root, document.province
    )
    change = files.get(rel)
    if change is None:
        read = _read(root, rel)
        old, text = read if read is not None else (None, "")
        change = files[rel] = FileChange(rel, old, text)
    entry = document.entry(attachment, several_plans=several_plans)
    if change.old is None and not change.text:
        change.text = yamledit.new_file(code, entry, _modeline(root))
    else:
        change.text = yamledit.append_document(change.text, entry)
    change.entries.append(yamledit.render_entry(entry, 2, 4))


def _read(root: Path, rel: str) -> tuple[bytes, str] | None:
    """The file as it is, read and decoded as the loader does: never through a link out
    of the repository, never a FIFO, never past 1 MB (issue #12); None when it is not there."""
    if not os.path.lexists(root / rel):
        return None
    try:
        raw = read_bounded(root, rel)
        return raw, decode(raw)
    except YamlProblem as problem:
        raise RefusalError(f"{rel}: {problem.message}", hint=problem.hint) from None


def _is_file_of(rel: str, code: str) -> bool:
    return rel.rsplit("/", 1)[-1].startswith(f"{code}-")


def _file_of(root: Path, province: Province) -> str:
    """The province's submission file: the one named CODE-….yaml (or .yml), else a new
    CODE-SLUG.yaml."""
    folder = root / SUBMISSIONS
    found = (
        sorted(p for p in folder.glob(f"{province.code}-*") if p.suffix in (".yaml", ".yml"))
        if folder.is_dir()
        else []
    )
    name = found[0].name if found else f"{province.code}-{slugify(province.name)}.yaml"
    return f"{SUBMISSIONS}/{name}"


def _modeline(root: Path) -> str:
    """Point the new file at the repository's schema (`cv651 init` writes schemas/)."""
    for up, folder in enumerate((root, *root.resolve().parents[:3])):
        if (folder / "schemas" / "submission.schema.json").is_file():
            return modeline("submission", "/".join([".."] * (2 + up)) + "/schemas")
    return modeline("submission", "../../schemas")


def _attachment_path(root: Path, document: NewDocument, taken: Sequence[str]) -> str | None:
    """attachments/CODE/NAME: the file itself when it is there already, else a free name."""
    source = document.attach
    if source is None:
        return None
    if not source.is_file():
        raise RefusalError(_("--attach: {path} is not a file").format(path=source))
    top = root.resolve()
    if source.resolve().is_relative_to(top):  # already in the repository: record its path
        return source.resolve().relative_to(top).as_posix()
    folder = f"{ATTACHMENTS}/{document.province.code}"
    stem, suffix = source.stem, source.suffix
    for n in range(1, 1000):
        rel = f"{folder}/{stem}{suffix}" if n == 1 else f"{folder}/{stem}-{n}{suffix}"
        target = root / rel
        if rel in taken:
            continue
        if not target.exists():
            return rel
        if target.is_file() and target.read_bytes() == source.read_bytes():
            return rel  # the same file, attached before: never copied twice
    raise RefusalError(
        _("too many attachments named {name} in {folder}").format(name=source.name, folder=folder)
    )


def _transitions(
    before: Repository, after: Repository, documents: Sequence[NewDocument], as_of: dt.date
) -> list[Transition]:
    """Each document's requirements, read in the plan it answers, before and after."""
    from cv651.plans import choose_plan

    found: list[Transition] = []
    for document in documents:
        plan = document.plan or before.plan_index.issued_by(document.date)
        old = compute_coverage(
            choose_plan(before, plan, as_of)[0], as_of, codes=[document.province.code]
        )
        new = compute_coverage(
            choose_plan(after, plan, as_of)[0], as_of, codes=[document.province.code]
        )
        found += [
            Transition(b, a)
            for b, a in zip(old.rows, new.rows, strict=True)
            if document.kind in a.column.task.evidence
            and (a.column.period is None or a.column.period == document.period)
            and all(t.after is not a for t in found)
        ]
    return found


def apply(change: Change, waiting: Callable[[], None] | None = None) -> None:
    """Every file checked unchanged first; the attachments copied; then the files written
    together, all or none (output.write_all). Copies and new files are taken back only
    when no file was written, so no written file points to a missing attachment. Two
    recordings at once take turns: the second sees the first's file changed."""
    with exclusive(change.root, waiting):  # `waiting`: told when another is writing
        _apply(change)


def _apply(change: Change) -> None:
    root = change.root
    for rel, file in change.files.items():
        if file.old is not None and _current(root / rel) != file.old:
            raise RefusalError(
                _("{path} changed while recording").format(path=root / rel),
                hint=_("run the command again"),
            )
    replaced = _written(change)
    made: list[Path] = []
    try:
        for source, rel in change.copies:
            target = root / rel
            if not target.exists():
                _write_new(target, source.read_bytes())
                made.append(target)
        for rel, file in change.files.items():
            if file.old is None:
                _write_new(root / rel, file.text.encode("utf-8"))
                made.append(root / rel)
        write_all(replaced, force=True)  # keeps each file's mode
    except BaseException:
        if not any(_current(path) == data for path, data in replaced):
            for path in reversed(made):
                with contextlib.suppress(OSError):
                    path.unlink()
                with contextlib.suppress(OSError):  # attachments/CODE/ made for it, if now empty
                    path.parent.rmdir()
        raise


def _written(change: Change) -> list[tuple[Path, bytes]]:
    """The replaced files as they would be once written (a new file is always its own)."""
    return [
        (change.root / rel, f.text.encode("utf-8"))
        for rel, f in change.files.items()
        if f.old is not None
    ]


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_new(path: Path, data: bytes) -> None:
    """A new file, whole or not at all; one that appeared meanwhile is kept."""
    try:
        write_new(path, data)
    except FileExistsError:
        raise RefusalError(
            _("{path} appeared while recording").format(path=path),
            hint=_("run the command again"),
        ) from None
