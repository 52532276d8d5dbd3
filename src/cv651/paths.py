"""Where the data repository and the built-in templates are."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from cv651.errors import UsageError
from cv651.i18n import _

MARKER = Path("data") / "provinces.yaml"


@dataclass(frozen=True, slots=True)
class Located:
    root: Path
    how: str  # "option", "environment", "search" or "bundled"


def bundled_root() -> Path:
    """The repository shipped with cv651: inside the wheel, or the checkout itself."""
    here = Path(__file__).resolve().parent
    installed = here / "_bundled"
    if (installed / MARKER).is_file():
        return installed
    return here.parents[1]  # src/cv651 -> the project checkout


def builtin_templates() -> Path:
    return bundled_root() / "templates"


def find_repository(option: Path | None, env: str | None, cwd: Path) -> Located:
    """--repo, else $CV651_REPO, else the nearest folder at or above cwd, else bundled."""
    for given, how in ((option, "option"), (Path(env) if env else None, "environment")):
        if given is not None:
            if not (given / MARKER).is_file():
                where = "--repo" if how == "option" else "CV651_REPO"
                raise UsageError(
                    _("not a cv651 data repository ({where}): {given} has no {as_posix}").format(
                        where=where, given=given, as_posix=MARKER.as_posix()
                    ),
                    hint=_("point at the folder that holds data/provinces.yaml"),
                )
            return Located(given, how)
    for folder in (cwd, *cwd.parents):
        if (folder / MARKER).is_file():
            return Located(folder, "search")
    return Located(bundled_root(), "bundled")


class PathProblem(Exception):
    """A path in a data repository that cv651 will not follow; the message says why."""

    def __init__(self, message: str, *, outside: bool = False) -> None:
        super().__init__(message)
        self.outside = outside  # the message is in the user's language: this is for code


def plan_files(root: Path) -> list[str]:
    """Every data/plan_*.yaml, relative to the repository, by name (the loader reads them;
    shell completion offers their periods without importing the loader)."""
    folder = root / "data"
    found = sorted(folder.glob("plan_*.yaml")) if folder.is_dir() else []
    return [f"data/{path.name}" for path in found]


MAX_NAME_BYTES = 255  # one file or folder name, on every common file system


def confined(root: Path, rel: str | Path, *, resolved: bool = False) -> Path:
    """`root / rel` with every symlink followed, if it stays inside `root`.

    A data repository comes from pull requests: a data file, template or
    attachment that is a link to /etc/passwd or /proc/self/environ is refused
    before anything reads it (issue #12), and so is a path that cannot be
    followed (a NUL, a name too long, a loop of links). `resolved`: `root` is
    already resolved (resolving walks every folder up to /).
    """
    text = str(rel)
    if "\0" in text:
        raise PathProblem(_("the path holds a NUL character"))
    if any(len(part.encode("utf-8", "replace")) > MAX_NAME_BYTES for part in Path(text).parts):
        raise PathProblem(
            _("a name in the path is longer than {limit} bytes").format(limit=MAX_NAME_BYTES)
        )
    folders = _FOLDERS.get()
    try:
        top = root if resolved else _resolve_folder(root, folders)
        target = _resolve(root / rel, folders)
    except RuntimeError:  # Python 3.11's pathlib on a loop of links
        raise PathProblem(_("the path goes round a loop of symbolic links")) from None
    except OSError as exc:
        raise PathProblem(
            _("the path cannot be followed: {why}").format(why=exc.strerror)
        ) from None
    if Path(text).is_absolute() or not target.is_relative_to(top):
        raise PathProblem(_("it leads outside the repository"), outside=True)
    return target


# Within one load, each folder is resolved once: resolving walks every folder up to
# /, and did so twice for each of 3,321 files (15% of `validate`; issue 17).
_FOLDERS: ContextVar[dict[Path, Path] | None] = ContextVar("cv651_folders", default=None)
_CONFINED: ContextVar[dict[tuple[Path, str], str | None] | None] = ContextVar(
    "cv651_confined", default=None
)


@contextmanager
def folders_resolved_once() -> Iterator[None]:
    """While one command reads a repository, its folders resolve as they first did."""
    token, confined_token = _FOLDERS.set({}), _CONFINED.set({})
    try:
        yield
    finally:
        _FOLDERS.reset(token)
        _CONFINED.reset(confined_token)


def confined_folder(root: Path, folder: str) -> str | None:
    """`root/folder` resolved, as text, when it stays inside `root` (None when it does
    not, or cannot be followed); decided once per folder within one load."""
    known = _CONFINED.get()
    if known is not None and (root, folder) in known:
        return known[root, folder]
    try:
        found: str | None = str(confined(root, folder or "."))
    except PathProblem:
        found = None
    if known is not None:
        known[root, folder] = found
    return found


def _resolve_folder(folder: Path, folders: dict[Path, Path] | None) -> Path:
    if folders is None:
        return folder.resolve()
    if folder not in folders:
        folders[folder] = folder.resolve()
    return folders[folder]


def _resolve(path: Path, folders: dict[Path, Path] | None) -> Path:
    """path.resolve(): a name that is not a link is its folder's resolution and the name."""
    if folders is None or path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    return _resolve_folder(path.parent, folders) / path.name
