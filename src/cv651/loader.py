"""The only code that reads data files: YAML text in, validated models out.

Every problem is collected, not only the first: a file that fails its schema
still has its valid parts checked against the rest of the repository.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cv651 import checks, yamlio
from cv651.calendar_checks import check_calendar
from cv651.errors import Diagnostic
from cv651.filenames import SUBMISSIONS as SUBMISSIONS  # where record and others look for it
from cv651.filenames import SUFFIXES, file_code, is_skipped, is_submission_file
from cv651.i18n import _, either
from cv651.models import (
    CalendarFile,
    PlanFile,
    ProvincesFile,
    Repository,
    Submission,
)
from cv651.overflow import MAX_PER_FILE, cap_per_file, explained, explained_mess
from cv651.paths import PathProblem, confined, folders_resolved_once, plan_files
from cv651.plan_checks import check_plan
from cv651.plans import Plans, plan_id
from cv651.reading import FOLDER, MAX_FILE_BYTES, OTHER, decode, kind_of, listing, read_bounded
from cv651.salvage import salvage
from cv651.source import Source
from cv651.text import fold_place, shorten

PROVINCES = "data/provinces.yaml"
PLAN = "data/plan_40.yaml"
CALENDAR = "data/calendar.yaml"

M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded:
    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    repository: Repository | None = None  # set only when there is no error

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def invalid_files(self) -> list[str]:
        """The submission files that have errors (the rest of the repository may be clean)."""
        return sorted({d.path for d in self.errors if is_submission_file(d.path)})

    @property
    def shared_errors(self) -> list[Diagnostic]:
        """Errors in the files every command needs: provinces, plan (design.md)."""
        return [d for d in self.errors if not is_submission_file(d.path)]


# Files as they would be after a change (`cv651 record` checks before it writes):
# a relative path to its new text, or to None for a file that will exist (an attachment).
Overlay = Mapping[str, str | None]


def load_repository(root: Path, overlay: Overlay | None = None) -> Loaded:
    """Read, validate and cross-check every file of the repository at `root`.

    With `overlay`, the files it names are read as it gives them, not from disk."""
    with _collector_paused(), folders_resolved_once():
        return _load_repository(root, overlay or {})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of small acyclic objects (nodes,
    dicts, models), and each allocation burst set off another full pass of
    Python's cycle collector over everything loaded so far: 40% of `validate`
    on a large repository. Reference counting frees all of it; the collector
    is paused for the load and frozen-in afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was loaded lives as long as the command
        if was_enabled:
            gc.enable()


def _load_repository(root: Path, overlay: Overlay) -> Loaded:
    out = Loaded(root)
    diags = out.diagnostics
    provinces_src, provinces = _load_model(root, PROVINCES, ProvincesFile, diags)
    if provinces is not None and provinces_src is not None:
        diags += checks.check_provinces(provinces_src, provinces)
    plans = _load_plans(root, diags)
    calendar = _load_calendar(root, diags)
    inputs = list(_load_submissions(root, diags, overlay, provinces))
    if provinces is not None and plans:
        diags += checks.check_submissions(inputs, provinces, plans)
    top = root.resolve()  # once: resolving walks every folder up to / (issue 17)
    for item in inputs:
        diags += _check_attachments(top, item, overlay)
    diags.sort(key=Diagnostic.sort_key)
    out.diagnostics = diags = cap_per_file(diags)
    if provinces is not None and plans and not out.shared_errors:
        # One province's typo must not hide the other 62 (design.md, "A repository
        # with some broken files"): its cells are `invalid`, the rest go on.
        codes = {p.code for p in provinces.provinces}
        broken = set(out.invalid_files)
        invalid = frozenset(
            code for rel in broken for code in _codes_of(rel, inputs) if code in codes
        )
        latest = Plans(plans).issued_by(date.max)  # commands choose theirs (plans.choose_plan)
        out.repository = Repository(
            provinces=provinces.provinces,
            regions=provinces.regions,
            plan=plans[latest],
            plan_id=latest,
            plans=plans,
            calendar=calendar,
            submissions={
                s.submission.province: s.submission
                for s in inputs
                if s.submission is not None and s.submission.province not in invalid
            },
            invalid=invalid,
        )
    return out


def _codes_of(rel: str, inputs: list[checks.SubmissionInput]) -> set[str]:
    """The province a broken file is about: its `province`, else its name's code part."""
    codes = {i.province for i in inputs if i.source.rel == rel and i.province is not None}
    named = file_code(rel)
    return codes if named is None else codes | {named}


def _load_calendar(root: Path, diags: list[Diagnostic]) -> CalendarFile | None:
    """data/calendar.yaml, optional: the Government's announced days off and make-up days."""
    if not os.path.lexists(root / CALENDAR):
        return None
    source, calendar = _load_model(root, CALENDAR, CalendarFile, diags)
    if calendar is not None and source is not None:
        diags += check_calendar(source, calendar)
    return calendar


def _load_plans(root: Path, diags: list[Diagnostic]) -> dict[str, PlanFile]:
    """Every plan that loads, by id; a repository without any is told about plan_40.yaml."""
    rels = plan_files(root) or [PLAN]  # _load_model refuses what is no file
    plans: dict[str, PlanFile] = {}
    for rel in rels:
        source, plan = _load_model(root, rel, PlanFile, diags)
        if plan is not None and source is not None:
            diags += check_plan(source, plan)
            plans[plan_id(rel.rsplit("/", 1)[-1])] = plan
    return plans if len(plans) == len(rels) else {}


def read_source(root: Path, rel: str, overlay: Overlay | None = None) -> tuple[Source, Any]:
    """Read and parse one YAML file. Raises yamlio.YamlProblem for what stops reading it."""
    source = Source(rel)
    text = (overlay or {}).get(rel)
    if text is not None:
        source.text = text
        return source, yamlio.parse(text, source.problems)
    source.text = decode(read_bounded(root, rel))
    return source, yamlio.parse(source.text, source.problems)


def _load_model(
    root: Path, rel: str, model: type[M], diags: list[Diagnostic]
) -> tuple[Source | None, M | None]:
    if not os.path.lexists(root / rel):
        missing = _("{rel} is missing").format(rel=rel)
        diags.append(Diagnostic(rel, 1, 1, checks.ERROR, "missing-file", missing))
        return None, None
    try:
        source, data = read_source(root, rel)
    except yamlio.YamlProblem as p:
        diags.append(Diagnostic(rel, p.line, p.col, checks.ERROR, p.code, p.message, p.hint))
        return None, None
    diags += source.reading_problems()
    try:
        return source, model.model_validate(data)
    except ValidationError as exc:
        diags += explained(exc, source, model, data)
        return source, None


def _load_submissions(
    root: Path, diags: list[Diagnostic], overlay: Overlay, provinces: ProvincesFile | None
) -> list[checks.SubmissionInput]:
    folder = root / SUBMISSIONS
    added = {folder / rel.rsplit("/", 1)[-1] for rel in overlay if rel.startswith(SUBMISSIONS)}
    if os.path.lexists(folder) and not folder.is_dir():
        what = (
            _("{path} is a file; no submission was read")
            if folder.is_file()
            else _("{path} is not a folder; no submission was read")
        )
        diags.append(
            Diagnostic(
                SUBMISSIONS,
                1,
                1,
                checks.ERROR,
                "not-a-folder",
                what.format(path=SUBMISSIONS),
                _("make it a folder holding one .yaml file per province"),
            )
        )
        return []
    if not folder.is_dir() and not added:
        return []
    if folder.is_dir():  # a link to a folder elsewhere: not even its names are read
        try:
            confined(root, SUBMISSIONS)
        except PathProblem as exc:
            why = _("not read: {why}").format(why=exc)
            where = _("data files must be inside the repository")
            diags.append(Diagnostic(SUBMISSIONS, 1, 1, checks.ERROR, "file-outside", why, where))
            return []
    inputs = []
    kinds = listing(folder)  # every name in the folder, and what it is
    for name in sorted(kinds.keys() | {path.name for path in added}):
        rel = f"{SUBMISSIONS}/{name}"
        if is_skipped(name):
            continue
        if os.path.splitext(name)[1] not in SUFFIXES or kinds.get(name) == FOLDER:
            diags.append(_ignored(rel, folder / name))
            continue
        if kinds.get(name) == OTHER and rel not in overlay:
            # a device or a FIFO is never opened: opening some devices does something
            why = _("not read: not a regular file")
            diags.append(Diagnostic(rel, 1, 1, checks.ERROR, "not-a-file", why))
            continue
        try:
            source, data = read_source(root, rel, overlay)
        except yamlio.YamlProblem as p:
            diags.append(Diagnostic(rel, p.line, p.col, checks.ERROR, p.code, p.message, p.hint))
            continue
        diags += source.reading_problems()
        inputs.append(_validate_submission(source, data, diags, provinces))
    return inputs


def read_submission(root: Path, rel: str) -> checks.SubmissionInput | None:
    """One submission file as it is now; None when it cannot be read as YAML
    (load_repository reports why), or is a device or a FIFO (never opened)."""
    if kind_of(root / rel) == OTHER:
        return None
    try:
        source, data = read_source(root, rel)
    except yamlio.YamlProblem:
        return None
    return _validate_submission(source, data, [])


def submission_from_bytes(rel: str, raw: bytes) -> checks.SubmissionInput | None:
    """A submission file's content from elsewhere (git): parsed and validated the same
    way; None when it does not load."""
    source = Source(rel)
    if len(raw) > MAX_FILE_BYTES:
        return None
    try:
        source.text = decode(raw)
        data = yamlio.parse(source.text)
    except yamlio.YamlProblem:
        return None
    return _validate_submission(source, data, [])


def _ignored(rel: str, path: Path) -> Diagnostic:
    folder = path.is_dir()
    return Diagnostic(
        rel,
        1,
        1,
        checks.WARNING,
        "file-ignored",
        _("not read: a folder, not a file")
        if folder
        else _("not read: submission files end in .yaml (or .yml)"),
    )


def _validate_submission(
    source: Source, data: Any, diags: list[Diagnostic], provinces: ProvincesFile | None = None
) -> checks.SubmissionInput:
    mess = explained_mess(source, data, Submission)
    if mess is not None:
        diags += mess
        return checks.SubmissionInput(source, None, None, [], None)
    try:
        submission = Submission.model_validate(data)
    except ValidationError as exc:
        found = explained(exc, source, Submission, data)
        if provinces is not None and isinstance(data, dict):
            found = [_name_hint(d, data.get("province"), provinces) for d in found]
        diags += found
        if exc.error_count() > MAX_PER_FILE:  # too broken to be worth checking further
            return checks.SubmissionInput(source, None, None, [], None)
        return salvage(source, data)
    return checks.SubmissionInput(
        source,
        submission.province,
        submission.existing_programme,
        list(enumerate(submission.documents)),
        submission,
    )


def _name_hint(diag: Diagnostic, typed: Any, provinces: ProvincesFile) -> Diagnostic:
    """`province: Lào Cai` gets the code it means: did you mean "10"?"""
    if diag.code != "bad-code" or not diag.message.startswith("province:"):
        return diag
    if not isinstance(typed, str):
        return diag
    key = fold_place(typed)
    codes = dict.fromkeys(  # a name may have had several codes over time: each, oldest first
        u.code
        for u in sorted(provinces.provinces, key=lambda u: u.since or date.min)
        if key in {fold_place(n) for n in (u.name, *u.aliases)}
    )
    named = file_code(diag.path)
    if named in codes:  # Lào Cai was 10 until 2025 and is 15 since: the file says which
        codes = {named: None}
    if not codes:
        return diag
    quoted = either((f'"{c}"' for c in codes), question=True)
    hint = _("did you mean {quoted}? (the code, in quotes)").format(quoted=quoted)
    return dataclasses.replace(diag, hint=hint)


def _check_attachments(
    top: Path, item: checks.SubmissionInput, overlay: Overlay
) -> list[Diagnostic]:
    """Attachments name files inside the repository, whose resolved root is `top`."""
    found = []
    for index, document in item.documents:
        for a, attachment in enumerate(document.attachments):
            loc = ("documents", index, "attachments", a)
            shown = shorten(attachment)
            try:
                target = confined(top, attachment, resolved=True)
                present = target.is_file() or Path(attachment).as_posix() in overlay
            except PathProblem as exc:
                outside = exc.outside
                found.append(
                    item.source.diag(
                        loc,
                        "attachment-outside" if outside else "attachment-bad-path",
                        _("attachment '{shown}' is outside the repository").format(shown=shown)
                        if outside
                        else _("attachment '{shown}' cannot be used: {exc}").format(
                            shown=shown, exc=exc
                        ),
                        _("give a path inside the repository, e.g. scans/02/112-BC.pdf"),
                    )
                )
                continue
            except OSError:  # a name the file system refuses: not there, as far as we can tell
                present = False
            if not present:
                found.append(
                    item.source.diag(
                        loc,
                        "attachment-missing",
                        _("attachment '{shown}' does not exist").format(shown=shown),
                        _("add the file to the repository or correct the path"),
                    )
                )
    return found
