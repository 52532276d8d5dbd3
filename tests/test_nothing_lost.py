"""Nothing is lost: no command writes into the data, outputs are whole or absent, and a
read-only repository serves every reading command."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from cv651 import output
from cv651.cli import app

runner = CliRunner()
AS_OF = ["--as-of", "2022-07-01"]


def tree_hash(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def commands(repo: Path, out: Path) -> list[list[str]]:
    r = ["--repo", str(repo)]
    return [
        ["validate", *r],
        ["validate", *r, "--format", "json"],
        ["status", *r, *AS_OF],
        ["status", *r, *AS_OF, "--format", "csv", "--only-gaps"],
        ["show", "Lào Cai", *r, *AS_OF],
        ["summarize", "--period", "2022H1", *r, *AS_OF],
        ["summarize", "--period", "2022H1", *r, *AS_OF, "-o", str(out / "bc.docx"), "--force"],
        ["remind", "--period", "2022H1", *r, *AS_OF],
        ["export", *r, *AS_OF, "-o", str(out / "th.xlsx"), "--force"],
        ["schema", *r, "-o", str(out / "schemas")],
    ]


class ReadOnly:
    """A read-only file system under `root`, enforced with an audit hook: the tests run
    as root in CI, where chmod would not stop a write."""

    root: Path | None = None
    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if cls.root is None or not args or not isinstance(args[0], str | bytes | os.PathLike):
            return
        path = os.path.abspath(os.fsdecode(args[0]))
        if not path.startswith(str(cls.root)):
            return
        if event == "open":
            mode, flags = (args[1] or ""), (args[2] or 0)
            if any(c in mode for c in "wax+") or flags & cls.WRITE_FLAGS:
                raise PermissionError(13, "Read-only file system", path)
        elif event in ("os.rename", "os.remove", "os.mkdir", "os.rmdir", "os.chmod"):
            raise PermissionError(13, "Read-only file system", path)


sys.addaudithook(ReadOnly.hook)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def read_only(demo_copy: Path):
    ReadOnly.root = demo_copy.resolve()
    try:
        yield demo_copy
    finally:
        ReadOnly.root = None


def test_no_command_changes_the_repository(demo_copy: Path, tmp_path: Path):
    before = tree_hash(demo_copy)
    for argv in commands(demo_copy, tmp_path):
        result = runner.invoke(app, argv)
        assert result.exit_code == 0, (argv, result.output)
        assert tree_hash(demo_copy) == before, argv


def test_a_read_only_repository_serves_every_reading_command(read_only: Path, tmp_path: Path):
    with pytest.raises(PermissionError):  # the guard works
        (read_only / "data" / "x").write_text("x")
    for argv in commands(read_only, tmp_path):
        result = runner.invoke(app, argv)
        assert result.exit_code == 0, (argv, result.output)


def test_an_unwritable_output_is_one_line_and_exit_1(read_only: Path):
    target = read_only / "bao-cao.docx"
    argv = ["summarize", "--period", "2022H1", "--repo", str(read_only), "-o", str(target)]
    result = runner.invoke(app, [*argv, *AS_OF])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith(f"cv651: cannot write {target}")
    assert not target.exists()


def test_an_unreadable_data_file_is_reported_not_raised(demo_copy: Path, monkeypatch):
    victim = (demo_copy / "data" / "submissions" / "02-ha-giang.yaml").resolve()

    def denied(real):  # every way of opening it refused, as chmod 000 would (tests run as root)
        def deny(path, *args, **kwargs):
            if Path(path).resolve() == victim:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        return deny

    monkeypatch.setattr(os, "open", denied(os.open))
    monkeypatch.setattr(Path, "open", denied(Path.open))
    result = runner.invoke(app, ["validate", "--repo", str(demo_copy)])
    assert result.exit_code == 1
    assert "data/submissions/02-ha-giang.yaml:1:1: error unreadable" in result.stdout


@pytest.mark.parametrize("existing", [None, b"the previous report"])
def test_ctrl_c_while_writing_leaves_the_old_file_or_none(
    demo_copy: Path, out: Path, monkeypatch, existing: bytes | None
):
    target = out / "bao-cao.md"
    if existing is not None:
        target.write_bytes(existing)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    argv = ["summarize", "--period", "2022H1", "--repo", str(demo_copy), "-o", str(target)]
    result = runner.invoke(app, [*argv, *AS_OF, "--force"])
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == (["bao-cao.md"] if existing else [])
    if existing is not None:
        assert target.read_bytes() == existing


def _summarize(repo: Path, target: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cv651",
            "summarize",
            "--period",
            "2022H1",
            "--repo",
            str(repo),
            *AS_OF,
            "-o",
            str(target),
            "--force",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_two_forced_runs_at_once_leave_a_whole_file(demo_copy: Path, out: Path):
    target = out / "bao-cao.docx"
    for _ in range(3):
        runs = [_summarize(demo_copy, target), _summarize(demo_copy, target)]
        assert [p.wait(timeout=60) for p in runs] == [0, 0]
        assert "BÁO CÁO" in [p.text for p in docx.Document(str(target)).paragraphs]
        assert [p.name for p in out.iterdir()] == ["bao-cao.docx"]


@pytest.mark.parametrize("delay", [0.01, 0.3, 0.6, 0.9, 1.2])
def test_a_real_sigint_leaves_a_whole_file_or_none(demo_copy: Path, out: Path, delay: float):
    """Ctrl-C at some moment of a run: a whole report or none, never a temporary file.
    (In the first ~30 ms Python itself is starting, and prints its own traceback.)"""
    target = out / "bao-cao.docx"
    run = _summarize(demo_copy, target)
    time.sleep(delay)
    run.send_signal(signal.SIGINT)
    code = run.wait(timeout=60)
    _, err = run.communicate()
    names = [p.name for p in out.iterdir()]
    assert names in ([], ["bao-cao.docx"])
    if names:
        assert "BÁO CÁO" in [p.text for p in docx.Document(str(target)).paragraphs]
    if delay >= 0.3:
        assert b"Traceback" not in err
        # Done (or done, then stopped on the way out), or stopped with nothing written;
        # a shell reports both 130 and death by SIGINT as 130.
        assert code in ((0, 130, -signal.SIGINT) if names else (130, -signal.SIGINT)), err
