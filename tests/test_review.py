"""`validate --base REF` on real git histories built in tmp_path: every rule of the record."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cv651.cli import app
from cv651.history import match_documents
from cv651.models import Correction, Document

from .conftest import MakeRepo

runner = CliRunner()
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "CV651_LANG": "en"}
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Văn thư",
    "GIT_AUTHOR_EMAIL": "vanthu@example.org",
    "GIT_COMMITTER_NAME": "Văn thư",
    "GIT_COMMITTER_EMAIL": "vanthu@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
HA_GIANG = "data/submissions/02-ha-giang.yaml"
CAO_BANG = "data/submissions/04-cao-bang.yaml"
FILES = {
    HA_GIANG: """\
province: "02"
documents:
  - kind: local_plan
    number: 25-KH/BDVTU
    date: 2022-03-10
    issuers: [BDVTU]
  - kind: report
    period: 2022H1
    number: 112-BC/BDVTU
    date: 2022-06-10
    received: 2022-06-15
    issuers: [BDVTU]
    recipients: [TU, BDVTW, UBDT]
    indicators: {conferences: 12}
""",
    CAO_BANG: """\
province: "04"
documents:
  - kind: local_plan
    number: 7-KH/BDVTU
    date: 2022-03-20
    issuers: [BDVTU]
""",
}
CORRECTION = (
    "    corrections:\n"
    "      - {date: 2022-07-01, reason: Sổ công văn đến ghi nhầm, fields: [received]}\n"
)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, env=GIT_ENV, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    """A data repository with two provinces' files on `main`, and a branch to change."""
    root = make_repo(FILES)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "accepted")
    git(root, "checkout", "-q", "-b", "change")
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(root: Path, *args: str):
    return runner.invoke(app, ["validate", "--repo", str(root), *args], env=ENV)


def codes(result) -> list[str]:
    return [line.split()[2].rstrip(":") for line in result.stdout.splitlines()]


def test_an_unchanged_branch_passes(repo: Path):
    result = validate(repo, "--base", "main")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_an_edit_without_a_correction_fails_naming_the_field_and_line(repo: Path):
    edit(repo, HA_GIANG, "received: 2022-06-15", "received: 2022-06-20")
    result = validate(repo, "--base", "main")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{HA_GIANG}:11:15: error uncorrected-change: received changed from 2022-06-15 "
        "to 2022-06-20 without a correction"
    )
    assert validate(repo).exit_code == 0  # plain validate sees nothing wrong


def test_an_edit_with_a_matching_correction_passes(repo: Path):
    edit(repo, HA_GIANG, "received: 2022-06-15", "received: 2022-06-20")
    (repo / HA_GIANG).write_text(
        (repo / HA_GIANG).read_text(encoding="utf-8") + CORRECTION, encoding="utf-8"
    )
    assert validate(repo, "--base", "main").exit_code == 0
    git(repo, "commit", "-qam", "corrected")  # committed, then compared again
    assert validate(repo, "--base", "main").exit_code == 0


def test_a_correction_names_only_what_it_corrects(repo: Path):
    edit(repo, HA_GIANG, "received: 2022-06-15", "received: 2022-06-20")
    edit(repo, HA_GIANG, "conferences: 12", "conferences: 15")
    (repo / HA_GIANG).write_text(
        (repo / HA_GIANG).read_text(encoding="utf-8") + CORRECTION, encoding="utf-8"
    )
    result = validate(repo, "--base", "main")
    assert result.exit_code == 1
    assert "indicators changed from {conferences: 12} to {conferences: 15}" in result.stdout
    assert codes(result) == ["uncorrected-change"]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("kind: local_plan\n    number: 25", "kind: programme_review\n    number: 25", "kind"),
        ("period: 2022H1", "period: 2022", "period"),
        ("recipients: [TU, BDVTW, UBDT]", "recipients: [TU, BDVTW]", "recipients"),
        ("issuers: [BDVTU]\n    recipients", "issuers: [BDVTU, TU]\n    recipients", "issuers"),
        ("date: 2022-06-10", "date: 2022-06-11", "date"),
        ("number: 112-BC/BDVTU", "number: 113-BC/BDVTU", "number"),
    ],
)
def test_every_recorded_field_needs_a_correction(repo: Path, old: str, new: str, field: str):
    edit(repo, HA_GIANG, old, new)
    result = validate(repo, "--base", "main")
    assert f"error uncorrected-change: {field} changed" in result.stdout, result.output
    corrected = CORRECTION.replace("[received]", f"[{field}]")
    (repo / HA_GIANG).write_text(
        (repo / HA_GIANG).read_text(encoding="utf-8") + corrected, encoding="utf-8"
    )
    if field == "kind":  # the correction goes on the first document here
        edit(repo, HA_GIANG, corrected, "")
        edit(repo, HA_GIANG, "issuers: [BDVTU]\n", "issuers: [BDVTU]\n" + corrected)
    result = validate(repo, "--base", "main")
    assert result.exit_code == 0, result.output


def test_reordering_recipients_or_editing_free_text_is_not_a_change_of_record(repo: Path):
    edit(repo, HA_GIANG, "[TU, BDVTW, UBDT]", "[UBDT, TU, BDVTW]")
    edit(
        repo,
        HA_GIANG,
        "    issuers: [BDVTU]\n  - kind",
        "    issuers: [BDVTU]\n    title: KH\n  - kind",
    )
    assert validate(repo, "--base", "main").exit_code == 0


def test_a_deleted_document_fails(repo: Path):
    edit(
        repo,
        HA_GIANG,
        "  - kind: local_plan\n    number: 25-KH/BDVTU\n    date: 2022-03-10\n"
        "    issuers: [BDVTU]\n",
        "",
    )
    result = validate(repo, "--base", "main")
    assert result.exit_code == 1
    assert (
        f"{HA_GIANG}:2:1: error document-removed: document 25-KH/BDVTU of 2022-03-10 "
        "(documents[0] in main) was removed" in result.stdout
    )


def test_a_deleted_file_fails(repo: Path):
    git(repo, "rm", "-q", CAO_BANG)
    result = validate(repo, "--base", "main")
    assert result.exit_code == 1
    assert f"{CAO_BANG}:1:1: error document-removed: the file was deleted" in result.stdout


def test_a_yml_file_keeps_the_record_as_a_yaml_file_does(make_repo: MakeRepo):
    """The loader reads `.yml` (review finding 2): its edits, deletions and owner count."""
    cao_bang = CAO_BANG.replace(".yaml", ".yml")
    root = make_repo(
        {HA_GIANG.replace(".yaml", ".yml"): FILES[HA_GIANG], cao_bang: FILES[CAO_BANG]}
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "accepted")
    git(root, "checkout", "-q", "-b", "change")
    ha_giang = HA_GIANG.replace(".yaml", ".yml")
    edit(root, ha_giang, "received: 2022-06-15", "received: 2022-06-20")
    result = validate(root, "--base", "main")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{ha_giang}:11:15: error uncorrected-change: received")
    result = validate(root, "--base", "main", "--author-province", "04")
    assert f"{ha_giang}:1:1: error not-your-file: this change by province 04 touches " in (
        result.stdout
    )
    git(root, "checkout", "-q", "--", ha_giang)
    git(root, "rm", "-q", cao_bang)
    result = validate(root, "--base", "main")
    assert result.exit_code == 1
    assert f"{cao_bang}:1:1: error document-removed: the file was deleted" in result.stdout


def test_a_withdrawal_passes_and_counts_until_its_day(repo: Path):
    edit(
        repo,
        HA_GIANG,
        "    indicators: {conferences: 12}\n",
        "    indicators: {conferences: 12}\n"
        "    withdrawn: {date: 2022-09-01, reason: Thay bằng báo cáo khác}\n",
    )
    assert validate(repo, "--base", "main").exit_code == 0

    def state(day: str) -> str:
        result = runner.invoke(
            app,
            ["status", "--repo", str(repo), "--format", "json", "--as-of", day, "--province", "02"],
            env=ENV,
        )
        return next(r["state"] for r in _rows(result.stdout) if r["period"] == "2022H1")

    assert state("2022-08-31") == "on_time"
    assert state("2022-09-01") == "overdue"
    git(repo, "commit", "-qam", "withdrawn")
    git(repo, "checkout", "-q", "-b", "undo")
    edit(repo, HA_GIANG, "    withdrawn: {date: 2022-09-01, reason: Thay bằng báo cáo khác}\n", "")
    result = validate(repo, "--base", "change")
    assert codes(result) == ["withdrawal-rewritten"]


def _rows(text: str) -> list[dict]:
    import json

    return json.loads(text)["rows"]


def test_an_accepted_correction_is_never_rewritten(repo: Path):
    edit(repo, HA_GIANG, "received: 2022-06-15", "received: 2022-06-20")
    (repo / HA_GIANG).write_text(
        (repo / HA_GIANG).read_text(encoding="utf-8") + CORRECTION, encoding="utf-8"
    )
    git(repo, "commit", "-qam", "corrected")
    git(repo, "checkout", "-q", "-b", "rewrite")
    edit(repo, HA_GIANG, "Sổ công văn đến ghi nhầm", "Lý do khác")
    assert codes(validate(repo, "--base", "change")) == ["correction-rewritten"]


def test_a_changed_province_fails(repo: Path):
    edit(repo, CAO_BANG, 'province: "04"', 'province: "06"')
    result = validate(repo, "--base", "main")
    assert f"{CAO_BANG}:1:11: error province-changed: province changed from 04 to 06" in (
        result.stdout
    )


def test_adding_documents_and_corrections_passes_even_for_a_new_province(repo: Path):
    (repo / "data/submissions/06-bac-kan.yaml").write_text(
        'province: "06"\ndocuments:\n  - kind: local_plan\n    number: 3-KH/BDVTU\n'
        "    date: 2022-03-02\n    issuers: [BDVTU]\n",
        encoding="utf-8",
    )
    (repo / CAO_BANG).write_text(
        (repo / CAO_BANG).read_text(encoding="utf-8")
        + "  - kind: report\n    period: 2022H1\n    number: 9-BC/BDVTU\n    date: 2022-06-18\n"
        "    issuers: [BDVTU]\n    recipients: [TU, BDVTW, UBDT]\n",
        encoding="utf-8",
    )
    assert validate(repo, "--base", "main").exit_code == 0


@pytest.mark.parametrize("committed", [True, False], ids=["git-mv", "untracked"])
def test_a_renamed_file_is_the_same_provinces_file(repo: Path, committed: bool):
    new = "data/submissions/04-tinh-cao-bang.yaml"
    if committed:
        git(repo, "mv", CAO_BANG, new)
    else:
        (repo / CAO_BANG).rename(repo / new)
    result = validate(repo, "--base", "main", "--author-province", "Cao Bằng")
    assert "document-removed" not in result.stdout
    assert result.exit_code == 0, result.output  # the slug warning only
    edit(repo, new, "date: 2022-03-20", "date: 2022-03-21")
    result = validate(repo, "--base", "main")
    assert codes(result) == ["filename-slug", "uncorrected-change"]


def test_author_province_may_change_only_its_own_file(repo: Path):
    edit(repo, CAO_BANG, "date: 2022-03-20", "date: 2022-03-20\n    title: Kế hoạch")
    assert validate(repo, "--base", "main", "--author-province", "04").exit_code == 0
    result = validate(repo, "--base", "main", "--author-province", "02")
    assert result.exit_code == 1
    assert (
        f"{CAO_BANG}:1:1: error not-your-file: this change by province 02 touches "
        "province 04's file" in result.stdout
    )


def test_shared_files_are_warnings_for_review_and_refused_to_a_province(repo: Path):
    edit(repo, "data/plan_40.yaml", "due: 2022-11-30", "due: 2022-12-05")
    (repo / "templates").mkdir()
    (repo / "templates" / "summary.md.j2").write_text("# {{ period }}\n", encoding="utf-8")
    result = validate(repo, "--base", "main")
    assert result.exit_code == 0, result.output
    line = next(
        n
        for n, text in enumerate((repo / "data/plan_40.yaml").read_text().splitlines(), 1)
        if "2022-12-05" in text
    )
    assert f"data/plan_40.yaml:{line}:1: warning shared-file-changed" in result.stdout
    assert "templates/summary.md.j2:1:1: warning shared-file-changed" in result.stdout
    refused = validate(repo, "--base", "main", "--author-province", "02")
    assert refused.exit_code == 1
    assert "data/plan_40.yaml:1:1: error not-your-file" in refused.stdout
    assert "templates/summary.md.j2:1:1: error not-your-file" in refused.stdout


def test_changes_already_on_the_base_branch_are_not_the_branchs(repo: Path):
    """Compared with the merge base: main moving on is not this branch deleting things."""
    git(repo, "checkout", "-q", "main")
    (repo / "data/submissions/06-bac-kan.yaml").write_text(
        'province: "06"\ndocuments: []\n', encoding="utf-8"
    )
    edit(repo, CAO_BANG, "date: 2022-03-20", "date: 2022-03-20\n    title: Kế hoạch")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "main moves on")
    git(repo, "checkout", "-q", "change")
    assert validate(repo, "--base", "main").exit_code == 0


def test_a_data_repository_in_a_subfolder(tmp_path: Path, make_repo: MakeRepo):
    root = make_repo(FILES)
    outer = root.parent
    git(outer, "init", "-q", "-b", "main")
    git(outer, "add", "-A")
    git(outer, "commit", "-qm", "accepted")
    edit(root, HA_GIANG, "received: 2022-06-15", "received: 2022-06-20")
    result = validate(root, "--base", "main")
    assert codes(result) == ["uncorrected-change"]
    assert result.stdout.startswith(f"{HA_GIANG}:11:15:")


def test_a_revision_that_does_not_exist(repo: Path):
    result = validate(repo, "--base", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "cv651: --base: no revision 'no-such-branch' in this repository "
        "(name a branch, tag or commit, e.g. origin/main)"
    ]


def test_not_a_git_repository(make_repo: MakeRepo):
    root = make_repo(FILES)
    result = validate(root, "--base", "main")
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_shallow_clone_missing_the_revision(repo: Path, tmp_path: Path):
    git(repo, "commit", "-q", "--allow-empty", "-m", "second")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    result = validate(clone, "--base", "HEAD~1")
    assert result.exit_code == 2
    assert "this clone is shallow" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_author_province_needs_base(repo: Path):
    result = validate(repo, "--author-province", "02")
    assert result.exit_code == 2 and "--author-province needs --base" in result.stderr


def _doc(number: str, day: str, *corrected: str) -> Document:
    corrections = (
        (Correction(date="2022-12-01", reason="r", fields=corrected),) if corrected else ()
    )
    return Document(
        kind="report", number=number, date=day, issuers=("BDVTU",), corrections=corrections
    )


@pytest.mark.parametrize(
    ("now", "pairs", "removed"),
    [
        ([_doc("1-BC/A", "2022-06-01")], [(0, 0)], [1]),  # the same number and date
        ([_doc("1-BC/A", "2022-06-02", "date")], [(0, 0)], [1]),  # the date corrected
        ([_doc("9-BC/A", "2022-06-01", "number")], [(0, 0)], [1]),  # the number corrected
        (
            [_doc("8-BC/A", "2023-01-01", "number", "date"), _doc("2-BC/A", "2023-06-01")],
            [(0, 0), (1, 1)],
            [],
        ),  # both corrected: the place in the list
        ([_doc("8-BC/A", "2023-01-01")], [], [0, 1]),  # a new document, not a correction
    ],
)
def test_document_identity_across_versions(now, pairs, removed):
    base = [_doc("1-BC/A", "2022-06-01"), _doc("2-BC/A", "2023-06-01")]
    assert match_documents(list(enumerate(base)), list(enumerate(now))) == (pairs, removed)


def test_a_changed_existing_programme_is_for_central_review(repo: Path):
    (repo / CAO_BANG).write_text(
        (repo / CAO_BANG)
        .read_text(encoding="utf-8")
        .replace(
            'province: "04"\n',
            'province: "04"\nexisting_programme: {number: 5-CTr/BDVTU, date: 2020-06-01, '
            "partner: BDT}\n",
        ),
        encoding="utf-8",
    )
    result = validate(repo, "--base", "main")
    assert result.exit_code == 0, result.output
    assert f"{CAO_BANG}:2:21: warning programme-changed" in result.stdout


@given(st.permutations(range(5)), st.sets(st.integers(0, 4)))
def test_reordering_is_never_a_change_and_a_deletion_is_always_seen(order, deleted):
    """Identity does not depend on the place in the list, unless a correction says so."""
    base = [_doc(f"{n}-BC/A", f"202{n % 3}-06-0{n + 1}") for n in range(5)]
    now = [base[i] for i in order if i not in deleted]
    pairs, removed = match_documents(list(enumerate(base)), list(enumerate(now)))
    assert sorted(removed) == sorted(deleted)
    assert all(base[i] == now[j] for i, j in pairs)


def test_the_users_git_settings_do_not_change_the_reading(repo: Path):
    for key, value in [
        ("diff.noprefix", "true"),
        ("color.ui", "always"),
        ("diff.renames", "false"),
    ]:
        git(repo, "config", key, value)
    edit(repo, "data/plan_40.yaml", "due: 2022-11-30", "due: 2022-12-05")
    git(repo, "mv", CAO_BANG, "data/submissions/04-cao-bang-moi.yaml")
    result = validate(repo, "--base", "main")
    line = next(
        n
        for n, text in enumerate((repo / "data/plan_40.yaml").read_text().splitlines(), 1)
        if "2022-12-05" in text
    )
    assert f"data/plan_40.yaml:{line}:1: warning shared-file-changed" in result.stdout
    assert "document-removed" not in result.stdout
