"""The project keeps its own promises: layering, lint, types, README quick start."""

import ast
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import PROJECT

SRC = PROJECT / "src" / "cv651"

# Which module may import which outside library (style.md: imports point inward).
OWNERS = {
    "typer": {"cli"},
    "rich": {"terminal", "statuslines"},  # statuslines: rich.cells, the widths only
    "docx": {"docx_render", "ingest"},  # ingest reads received Word files
    "docxtpl": {"docx_render"},
    "yaml": {"yamlio", "yamlstream", "source"},
    "holidays": {"calendar"},
    "openpyxl": {"excel"},
    "ruamel": {"yamledit"},
    "pypdf": {"ingest"},
}


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def _owner(path):
    """A module's name for the layering rules: `cli` and `ingest` are one package each."""
    return path.parent.name if path.parent.name in ("cli", "ingest") else path.stem


@pytest.mark.parametrize(
    "path",
    sorted(SRC.glob("*.py")) + sorted(SRC.glob("cli/*.py")) + sorted(SRC.glob("ingest/*.py")),
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_libraries_are_imported_only_by_their_owner(path):
    for name in _imports(path):
        if name in OWNERS:
            assert _owner(path) in OWNERS[name], f"{path.name} imports {name}"


def test_only_the_cli_imports_typer_and_nothing_imports_the_cli():
    for path in SRC.glob("*.py"):
        if path.stem != "__main__":
            imported = set(_module_imports(path))
            assert not any(m.startswith("cv651.cli") for m in imported), path.name


def test_modules_stay_small():
    """style.md: a module past ~400 lines is asking to be split."""
    for path in [*SRC.glob("*.py"), *SRC.glob("cli/*.py"), *SRC.glob("ingest/*.py")]:
        if path.name != "holiday_table.py":  # generated data (scripts/make_holiday_table.py)
            lines = path.read_text(encoding="utf-8").count("\n")
            assert lines <= 450, f"{path.name} has {lines} lines"


def _module_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]


def _quick_start():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n\n```sh\n(.*?)```", readme, re.S)
    assert block, "README has no quick start block"
    return block.group(1).strip().splitlines()


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second():
    install_and_run, install_and_test = _quick_start()
    assert install_and_run.startswith("pip install . && cv651 ")
    assert install_and_test == "pip install '.[test]' && pytest"
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_readme_names_every_command():
    from cv651.cli import app

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"cv651 {name}" in readme, name


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff not installed")
def test_ruff_is_clean():
    result = subprocess.run(
        ["ruff", "check", "src", "tests"], cwd=PROJECT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy not installed")
def test_mypy_strict_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=PROJECT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


HEAVY = {"pydantic", "rich", "jinja2", "docx", "docxtpl", "openpyxl", "holidays", "yaml", "ruamel", "pypdf"}  # fmt: skip
RECORD = ["record", "10", "--kind", "report", "--period", "2022", "--number", "9-BC/BDVTU", "--date", "2022-11-20", "--issuer", "BDVTU", "--dry-run"]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [
        (["--help"], set()),
        (["validate", "--repo", "examples/demo"], {"pydantic", "yaml"}),
        (["status", "--repo", "examples/demo", "--format", "json"], {"pydantic", "yaml"}),
        (["status", "--repo", "examples/demo"], {"pydantic", "yaml", "rich"}),
        (["export", "--repo", "examples/demo", "-o", "{tmp}/x.csv"], {"pydantic", "yaml"}),
        ([*RECORD, "--repo", "examples/demo"], {"pydantic", "yaml", "ruamel"}),
        (
            ["ingest", "examples/demo/inbox/95-BC-lao-cai.docx", "--repo", "examples/demo"],
            {"pydantic", "yaml", "docx", "ruamel"},
        ),
        (
            [
                "ingest",
                "examples/demo/inbox/95-BC-lao-cai.pdf",
                "--format",
                "json",
                "--repo",
                "examples/demo",
            ],
            {"pydantic", "yaml", "pypdf"},
        ),
    ],
    ids=[
        "help",
        "validate",
        "status-json",
        "status-table",
        "export-csv",
        "record",
        "ingest-docx",
        "ingest-pdf",
    ],
)
def test_heavy_libraries_load_only_in_the_commands_that_use_them(argv, allowed, tmp_path):
    """Start-up cost (#6): Jinja, the DOCX libraries, openpyxl and rich load where used."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['cv651', *{[a.replace('{tmp}', str(tmp_path)) for a in argv]!r}]\n"
        "try:\n    runpy.run_module('cv651', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES: ' + ' '.join({m.split('.')[0] for m in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    loaded = set(result.stderr.split("MODULES: ")[1].split()) & HEAVY
    # typer itself brings pydantic in when a command runs (typer._adapters)
    assert loaded <= allowed | ({"pydantic"} if argv != ["--help"] else set()), loaded
