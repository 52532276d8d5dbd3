"""`cv651 init DIR`: scaffold a new data repository that validates from the first minute.

Never overwrites: a non-empty folder is refused without --force, and even with
it every file that already exists is kept as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cv651 import schema
from cv651.errors import RefusalError, UsageError
from cv651.i18n import _, language
from cv651.loader import load_repository
from cv651.output import write_atomic
from cv651.owners import render_codeowners
from cv651.paths import builtin_templates, bundled_root

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"


def _scaffold(name: str) -> bytes:
    """A scaffold file in the chosen language: scaffold/en/ holds the English ones."""
    english = SCAFFOLD / "en" / name
    return (english if language() == "en" and english.is_file() else SCAFFOLD / name).read_bytes()


CI = {
    "github": (".github/workflows/cv651.yml", "github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
}


def scaffold_files(ci: str) -> Iterator[tuple[str, bytes]]:
    """(path in the new repository, content) for every file `init` writes."""
    if ci != "none" and ci not in CI:
        raise UsageError(_("unknown CI '{ci}'").format(ci=ci), hint=_("use github, gitlab or none"))
    bundled = bundled_root()
    data = bundled / "data"
    plans = sorted(p.name for p in data.glob("plan_*.yaml"))
    for name in ("provinces.yaml", *plans, "calendar.yaml"):  # the history, every plan
        yield f"data/{name}", (data / name).read_bytes()
    yield "data/submissions/README.md", _scaffold("submissions-README.md")
    for template in sorted(builtin_templates().iterdir()):
        if template.is_file():
            yield f"templates/{template.name}", template.read_bytes()
    repository = load_repository(bundled).repository
    generated = schema.generate(repository)
    for name, (filename, _purpose) in schema.FILES.items():
        yield f"schemas/{filename}", schema.dumps(generated[name]).encode("utf-8")
    yield ".pre-commit-config.yaml", _scaffold("pre-commit-config.yaml")
    if ci in CI:
        target, source = CI[ci]
        yield target, _scaffold(source)
    if repository is not None:  # the bundled data loads; its teams are placeholders to edit
        yield "CODEOWNERS", render_codeowners(repository.provinces).encode("utf-8")
    yield ".gitignore", _scaffold("gitignore")
    yield "README.md", _scaffold("README.md")


def init_repository(target: Path, *, force: bool, ci: str) -> tuple[list[str], list[str]]:
    """Write the scaffold into `target`; returns (written, kept) relative paths."""
    if target.exists() and not target.is_dir():
        raise RefusalError(
            _("{target} is a file").format(target=target),
            hint=_("give a folder for the new repository"),
        )
    if target.is_dir() and any(target.iterdir()) and not force:
        raise RefusalError(
            _("{target} is not empty").format(target=target),
            hint=_("choose an empty folder, or --force to add only the missing files"),
        )
    written, kept = [], []
    for rel, content in scaffold_files(ci):
        path = target / rel
        if path.exists():
            kept.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content, force=False)
        written.append(rel)
    return written, kept
