"""Files of a data repository that are not what they seem: links out of the repository,
folders named like files, FIFOs, a `submissions` that is a file (issue #12).

Each is one clear diagnostic among the others; nothing outside the repository is
ever read, so nothing of it can be echoed or rendered.
"""

from __future__ import annotations

import os
import shutil
import threading

from typer.testing import CliRunner

from cv651 import loader, reading
from cv651.cli import app
from cv651.loader import load_repository

from .conftest import DEMO

runner = CliRunner()
HA_GIANG = "data/submissions/02-ha-giang.yaml"
SECRET = "CV651_TEST_SECRET=do-not-print"


def _codes(root, path):
    return {d.code for d in load_repository(root).diagnostics if d.path == path}


def test_a_data_file_linked_outside_is_never_read(make_repo, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text(f"province: '02'\n{SECRET}: [\n", encoding="utf-8")
    root = make_repo()
    os.symlink(outside, root / HA_GIANG)
    os.remove(root / "data/plan_40.yaml")
    os.symlink(outside, root / "data/plan_40.yaml")
    result = runner.invoke(app, ["validate", "--repo", str(root)])
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert f"{HA_GIANG}:1:1: error file-outside: not read: it leads outside" in result.output
    assert "data/plan_40.yaml:1:1: error file-outside" in result.output


def test_a_link_inside_the_repository_is_read(make_repo):
    root = make_repo({"other/02.yaml": (DEMO / "data/submissions/02-ha-giang.yaml").read_text()})
    os.symlink(root / "other/02.yaml", root / HA_GIANG)
    assert "file-outside" not in _codes(root, HA_GIANG)


def test_a_submissions_folder_linked_outside_is_never_read(make_repo, tmp_path):
    """The folder, not a file, is the link: neither its files nor their names are read."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "02-ha-giang.yaml").write_text(f"province: '02'\n{SECRET}: [\n", encoding="utf-8")
    (outside / "id_rsa").write_text(SECRET, encoding="utf-8")
    root = make_repo()
    shutil.rmtree(root / "data/submissions")
    os.symlink(outside, root / "data/submissions")
    result = runner.invoke(app, ["validate", "--repo", str(root)])
    assert result.exit_code == 1
    assert SECRET not in result.output and "id_rsa" not in result.output
    assert "02-ha-giang" not in result.output
    assert "data/submissions:1:1: error file-outside: not read: it leads outside" in result.output


def test_folders_named_like_data_files(make_repo):
    root = make_repo({"data/submissions/04-cao-bang.yaml/x.txt": "x"})
    os.remove(root / "data/plan_40.yaml")
    (root / "data/plan_40.yaml").mkdir()
    diags = {d.path: d for d in load_repository(root).diagnostics}
    assert diags["data/plan_40.yaml"].code == "not-a-file"
    assert "a folder" in diags["data/plan_40.yaml"].message
    folder = diags["data/submissions/04-cao-bang.yaml"]
    assert folder.code == "file-ignored" and "a folder" in folder.message


def test_submissions_that_is_a_file_is_an_error(make_repo):
    root = make_repo()
    shutil.rmtree(root / "data/submissions")
    (root / "data/submissions").write_text("province: '02'\n", encoding="utf-8")
    assert _codes(root, "data/submissions") == {"not-a-folder"}


def test_a_fifo_is_never_read_nor_waited_on(make_repo):
    root = make_repo()
    os.mkfifo(root / HA_GIANG)  # opening it to read, without O_NONBLOCK, would wait forever
    found: list[set[str]] = []
    reading = threading.Thread(target=lambda: found.append(_codes(root, HA_GIANG)), daemon=True)
    reading.start()
    reading.join(timeout=20)
    assert not reading.is_alive(), "reading the repository waited on a FIFO"
    assert found == [{"not-a-file"}]


def test_a_fifo_among_the_submissions_is_not_even_opened(make_repo, monkeypatch):
    """Opening some devices does something (a tape rewinds); the folder's listing says
    what each name is, so a device or FIFO there is refused unopened."""
    root = make_repo()
    os.mkfifo(root / HA_GIANG)
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(
        os, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k)
    )
    assert _codes(root, HA_GIANG) == {"not-a-file"}
    assert loader.read_submission(root, HA_GIANG) is None  # validate --base reads one file
    assert not [path for path in opened if path.endswith(HA_GIANG.rsplit("/", 1)[-1])]


def test_plain_files_are_read_without_the_careful_path(demo_copy, monkeypatch):
    """A file that is no link, in a folder inside the repository, is opened by name
    (O_NOFOLLOW) and fstat-ed: the careful path, a resolve and a stat through
    pathlib for each file, is not taken (it was three quarters of reading 3,321
    small files)."""
    careful = []
    monkeypatch.setattr(reading, "confined", lambda *a, **k: careful.append(a))
    loaded = load_repository(demo_copy)
    assert loaded.errors == [] and careful == []


def test_a_repository_template_linked_outside_is_refused(demo_copy, tmp_path):
    outside = tmp_path / "environ.md.j2"
    outside.write_text(SECRET, encoding="utf-8")
    (demo_copy / "templates").mkdir(exist_ok=True)
    os.symlink(outside, demo_copy / "templates" / "summary.md.j2")
    args = ["summarize", "--period", "2022H1", "--repo", str(demo_copy), "--as-of", "2022-07-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert SECRET not in result.output
    assert "summary.md.j2: not read: it leads outside the repository" in result.stderr


def test_record_never_reads_a_submission_linked_outside(demo_copy, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text(f"province: '02'\n# {SECRET}\n", encoding="utf-8")
    target = demo_copy / HA_GIANG
    target.unlink()
    os.symlink(outside, target)
    argv = ["record", "02", "--kind", "local_plan", "--number", "30-KH/BDVTU"]
    argv += ["--date", "2022-04-01", "--received", "2022-04-05", "--issuer", "BDVTU"]
    result = runner.invoke(app, [*argv, "--repo", str(demo_copy)])
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output and "outside the repository" in result.output
    assert outside.read_text(encoding="utf-8").endswith(f"{SECRET}\n") and target.is_symlink()
