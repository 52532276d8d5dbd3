"""Where the data repository and the built-in templates are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cv651.errors import UsageError

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
                    f"not a cv651 data repository ({where}): {given} has no {MARKER.as_posix()}",
                    hint="point at the folder that holds data/provinces.yaml",
                )
            return Located(given, how)
    for folder in (cwd, *cwd.parents):
        if (folder / MARKER).is_file():
            return Located(folder, "search")
    return Located(bundled_root(), "bundled")
