"""Outputs that would destroy: nothing under a repository's data/, nothing over what is not
a regular file, and several files all or none (issue #12)."""

from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

from cv651 import output
from cv651.cli import app
from cv651.errors import OutputError

runner = CliRunner()
SUMMARY = ["summarize", "--period", "2022H1", "--as-of", "2022-07-01"]


def _snapshot(root):
    return {p: p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "argv",
    [
        [*SUMMARY, "-o", "data/plan_40.yaml", "--force", "--format", "md"],
        [*SUMMARY, "-o", "data/bao-cao.md"],
        [*SUMMARY, "-o", "data/submissions/bao-cao.docx"],
        ["export", "-o", "data/tinh-hinh.xlsx"],
        ["export", "-o", "data/submissions/tinh-hinh.csv", "--force"],
        ["schema", "-o", "data/schemas"],
    ],
    ids=["over-the-plan", "new-md", "new-docx", "export-xlsx", "export-csv", "schema"],
)
def test_nothing_is_written_under_data(demo_copy, monkeypatch, argv):
    monkeypatch.chdir(demo_copy)
    before = _snapshot(demo_copy)
    result = runner.invoke(app, [*argv, "--repo", str(demo_copy)])
    assert result.exit_code == 1, result.output
    assert "writes nothing there" in result.stderr
    assert _snapshot(demo_copy) == before


def test_a_link_into_data_is_refused(demo_copy, tmp_path):
    link = tmp_path / "bao-cao.md"
    os.symlink(demo_copy / "data" / "plan_40.yaml", link)
    before = _snapshot(demo_copy)
    result = runner.invoke(app, [*SUMMARY, "--repo", str(demo_copy), "-o", str(link), "--force"])
    assert result.exit_code == 1 and "writes nothing there" in result.stderr
    assert _snapshot(demo_copy) == before and link.is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-null"])
def test_what_is_not_a_regular_file_is_never_replaced(demo_copy, tmp_path, kind):
    target = tmp_path / "out.md"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        os.symlink("/dev/null", target)
    result = runner.invoke(app, [*SUMMARY, "--repo", str(demo_copy), "-o", str(target), "--force"])
    assert result.exit_code == 1
    assert "not a regular file" in result.stderr
    assert stat.S_ISFIFO(target.stat().st_mode) or stat.S_ISCHR(target.stat().st_mode)


def test_an_export_is_all_or_nothing(demo_copy, tmp_path, monkeypatch):
    real, calls = output._staged, []

    def second_fails(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OutputError(f"cannot write {path}: No space left on device")
        return real(path, data)

    monkeypatch.setattr(output, "_staged", second_fails)
    target = tmp_path / "tinh-hinh.csv"
    result = runner.invoke(app, ["export", "--repo", str(demo_copy), "-o", str(target)])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert list(tmp_path.iterdir()) == [demo_copy]  # no first file, no temporary file


@pytest.mark.parametrize("before", ["old files", "no files"])
def test_a_second_rename_that_fails_puts_the_first_file_back(
    demo_copy, tmp_path, monkeypatch, before
):
    """The rename itself can fail (the folder turned read-only, a file locked on
    Windows): the CSV already renamed over goes back to what it was."""
    target, second = tmp_path / "tinh-hinh.csv", tmp_path / "tinh-hinh-van-ban.csv"
    if before == "old files":
        target.write_text("old table\n")
        second.write_text("old documents\n")
    real, renames = os.replace, []

    def second_rename_fails(source, destination):
        if str(source).endswith(".tmp"):
            renames.append(destination)
            if len(renames) == 2:
                raise PermissionError(13, "Permission denied")
        return real(source, destination)

    monkeypatch.setattr(output.os, "replace", second_rename_fails)
    argv = ["export", "--repo", str(demo_copy), "-o", str(target), "--force"]
    result = runner.invoke(app, argv)
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert renames == [target, second]
    if before == "old files":
        assert (target.read_text(), second.read_text()) == ("old table\n", "old documents\n")
    else:
        assert not target.exists() and not second.exists()
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p != demo_copy)
    assert leftovers == (
        ["tinh-hinh-van-ban.csv", "tinh-hinh.csv"] if before == "old files" else []
    )


def _two_files(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("old a\n")
    second.write_text("old b\n")
    os.chmod(first, 0o640)
    return first, second


def _failing_second_rename(monkeypatch, error: BaseException, *, put_back_fails=False):
    real = os.replace
    renames = []

    def replace(source, destination):
        if str(source).endswith(".tmp"):
            renames.append(destination)
            if len(renames) == 2:
                raise error
        elif put_back_fails:
            raise PermissionError(13, "Permission denied")
        return real(source, destination)

    monkeypatch.setattr(output.os, "replace", replace)


def test_without_hard_links_the_old_file_is_put_back_from_a_copy(tmp_path, monkeypatch):
    first, second = _two_files(tmp_path)
    monkeypatch.setattr(
        output.os, "link", lambda *a, **k: (_ for _ in ()).throw(PermissionError(1, "no"))
    )
    _failing_second_rename(monkeypatch, PermissionError(13, "Permission denied"))
    with pytest.raises(OutputError) as caught:
        output.write_all([(first, b"new a\n"), (second, b"new b\n")], force=True)
    assert caught.value.hint is None  # everything was put back: nothing to name
    assert (first.read_text(), second.read_text()) == ("old a\n", "old b\n")
    assert stat.S_IMODE(first.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_a_file_that_cannot_be_put_back_is_named(tmp_path, monkeypatch):
    first, second = _two_files(tmp_path)
    _failing_second_rename(monkeypatch, OSError(28, "No space left on device"), put_back_fails=True)
    with pytest.raises(OutputError) as caught:
        output.write_all([(first, b"new a\n"), (second, b"new b\n")], force=True)
    assert str(first) in (caught.value.hint or "") and str(second) in caught.value.message
    assert (first.read_text(), second.read_text()) == ("new a\n", "old b\n")  # as it says
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_an_interrupt_between_renames_puts_back_what_was_renamed(tmp_path, monkeypatch):
    """Where SIGINT cannot be held (Windows, a thread), Ctrl-C between the renames."""
    first, second = _two_files(tmp_path)
    monkeypatch.setattr(output, "_hold_sigint", lambda: None)
    _failing_second_rename(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        output.write_all([(first, b"new a\n"), (second, b"new b\n")], force=True)
    assert (first.read_text(), second.read_text()) == ("old a\n", "old b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_an_export_whose_second_file_is_a_folder_writes_nothing(demo_copy, tmp_path):
    (tmp_path / "tinh-hinh-van-ban.csv").mkdir()
    target = tmp_path / "tinh-hinh.csv"
    result = runner.invoke(app, ["export", "--repo", str(demo_copy), "-o", str(target), "--force"])
    assert result.exit_code == 1 and "a folder" in result.stderr
    assert not target.exists()


def test_a_long_legal_name_is_written(demo_copy, tmp_path):
    target = tmp_path / ("b" * 247 + ".md")  # 250 bytes: the temporary file beside it fits too
    result = runner.invoke(app, [*SUMMARY, "--repo", str(demo_copy), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
