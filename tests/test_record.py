"""`cv651 record`: the entry lands in the right file, everything else stays byte for byte."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cv651.cli import app
from cv651.cli import record as record_cli
from cv651.loader import load_repository
from cv651.vnformat import short_date
from cv651.yamledit import append_document

from .conftest import DEMO, PROJECT, MakeRepo

runner = CliRunner()
REPORT = [
    "--kind", "report", "--number", "95-BC/BDVTU", "--date", "2022-06-15",
    "--received", "2022-06-27", "--period", "2022H1", "--issuer", "BDVTU",
    "--recipient", "TU", "--recipient", "BDVTW", "--recipient", "UBDT",
]  # fmt: skip
ENTRY = {
    "kind": "report",
    "period": "2022",
    "number": "7-BC/BDVTU",
    "date": date(2022, 11, 20),
    "issuers": ["BDVTU"],
}


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(root: Path, *args: str, **kwargs):
    return runner.invoke(app, ["record", *args, "--repo", str(root)], **kwargs)


def _split(old: str, new: str) -> tuple[str, str, str]:
    """new == head + inserted + tail, where old == head + tail."""
    i = 0
    while i < len(old) and old[i] == new[i]:
        i += 1
    tail = old[i:]
    assert new.endswith(tail)
    return old[:i], new[i : len(new) - len(tail)], tail


@pytest.mark.parametrize("name", sorted(p.name for p in (DEMO / "data/submissions").glob("*.yaml")))
def test_recording_into_every_demo_file_keeps_its_text(name: str, demo_copy: Path):
    path = demo_copy / "data/submissions" / name
    old = path.read_text(encoding="utf-8").replace("documents: []", "documents:")
    code = name.split("-")[0]
    result = run(demo_copy, code, "--kind", "report", "--number", "901-BC/BDVTU",
                 "--date", "2022-11-20", "--received", "2022-11-25", "--period", "2022",
                 "--issuer", "BDVTU", "--title", "Báo cáo: tổng kết năm 2022")  # fmt: skip
    assert result.exit_code == 0, result.output
    new = path.read_text(encoding="utf-8")
    _, inserted, _ = _split(old, new)
    assert "number: 901-BC/BDVTU" in inserted and "title: 'Báo cáo: tổng kết năm 2022'" in inserted
    assert new.startswith(old) or inserted.endswith("\n")  # whole lines only
    loaded = load_repository(demo_copy)
    assert loaded.errors == []
    assert loaded.repository is not None
    assert loaded.repository.submissions[code].documents[-1].number == "901-BC/BDVTU"


@pytest.mark.parametrize(
    "text",
    [
        'province: "02"\n',
        'province: "02"\ndocuments:\n',
        'province: "02"\ndocuments: []  # nothing yet\nexisting_programme: {number: 5-CTr/BDVTU, date: 2020-06-01, partner: BDT}\n',
        'province: "02"\ndocuments: ~',
        'province: "02"\r\ndocuments:\r\n  - kind: local_plan\r\n    number: 1-KH/BDVTU\r\n    date: 2022-03-01\r\n    issuers: [BDVTU]\r\n',
        'province: "02"\ndocuments:\n- kind: local_plan\n  number: 1-KH/BDVTU\n  date: 2022-03-01\n  issuers: [BDVTU]\n  highlights: |\n    one\n    # not a comment\n\n    two\n# a comment after the list\n\n# another\n',
        'province: "02"\ndocuments:\n    -   kind: local_plan\n        number: 1-KH/BDVTU   # trailing\n        date: 2022-03-01\n        issuers:\n          - BDVTU\nexisting_programme:\n  number: 5-CTr/BDVTU\n  date: 2020-06-01\n  partner: BDT',
    ],
    ids=[
        "no-documents",
        "empty-key",
        "flow-empty",
        "tilde",
        "crlf",
        "zero-indent-block-scalar",
        "wide-no-newline",
    ],
)
def test_append_keeps_every_byte_of_odd_layouts(text: str):
    new = append_document(text, ENTRY)
    _, inserted, _ = _split(text.replace(" []", "").replace(" ~", ""), new)
    assert "7-BC/BDVTU" in inserted
    if "\r\n" in text:
        assert "\n" not in new.replace("\r\n", "")


def test_the_entry_and_the_change_of_state_are_printed(demo_copy: Path):
    result = run(demo_copy, "10", *REPORT, "--title", "Báo cáo sơ kết 6 tháng đầu năm 2022")
    assert result.exit_code == 0, result.output
    assert "added to data/submissions/10-lao-cai.yaml:" in result.stdout
    assert '    period: "2022H1"\n    number: 95-BC/BDVTU\n    date: 2022-06-15\n' in result.stdout
    assert "Clause 3 · H1 2022: incomplete: not sent to UBDT → late by 7 days" in result.stdout


@pytest.mark.usefixtures("vietnamese")
def test_overdue_to_late(make_repo: MakeRepo):
    root = make_repo()
    result = run(root, "Lào Cai", *REPORT)
    assert result.exit_code == 0, result.output
    assert "Điểm 3 · 6 tháng 2022: quá hạn → chậm 7 ngày" in result.stdout
    created = (root / "data/submissions/10-lao-cai.yaml").read_text(encoding="utf-8")
    assert created.startswith(
        "# yaml-language-server: $schema=../../schemas/submission.schema.json\n"
        'province: "10"\ndocuments:\n  - kind: report\n'
    )


def test_received_defaults_to_today_and_says_so(make_repo: MakeRepo):
    root = make_repo()
    args = [a for a in REPORT if a not in ("--received", "2022-06-27")]
    result = run(root, "10", *args)
    assert result.exit_code == 0, result.output
    assert f"recorded as received today, {short_date(date.today())}" in result.stderr
    assert f"received: {date.today().isoformat()}" in result.stdout


def test_same_document_is_refused_and_nothing_changes(demo_copy: Path):
    assert run(demo_copy, "10", *REPORT).exit_code == 0
    before = tree_hash(demo_copy)
    result = run(demo_copy, "10", *REPORT)
    assert result.exit_code == 1
    assert "95-BC/BDVTU of 15/6/2022 is already recorded for Lào Cai" in result.stderr
    assert tree_hash(demo_copy) == before


def test_errors_use_validates_rules_and_nothing_is_written(demo_copy: Path):
    before = tree_hash(demo_copy)
    args = ["--kind", "reprt", "--number", "96-BC/BDVTU", "--date", "2022-06-15",
            "--received", "2022-06-01", "--period", "2022H1", "--issuer", "BDVTUU"]  # fmt: skip
    result = run(demo_copy, "10", *args)
    assert result.exit_code == 1
    assert (
        "error unknown-kind: unknown document kind 'reprt'; did you mean 'report'?" in result.stderr
    )
    assert "error received-before-date" in result.stderr
    assert "error unknown-body: unknown body 'BDVTUU'; did you mean 'BDVTU'?" in result.stderr
    assert "nothing was written" in result.stderr
    assert tree_hash(demo_copy) == before


def test_a_broken_file_elsewhere_stops_the_recording(make_repo: MakeRepo):
    root = make_repo({"data/submissions/02-ha-giang.yaml": 'province: "02"\ndocuments: [\n'})
    before = tree_hash(root)
    result = run(root, "10", *REPORT)
    assert result.exit_code == 1
    assert "data/submissions/02-ha-giang.yaml" in result.stderr
    assert tree_hash(root) == before


@pytest.mark.parametrize(
    ("drop", "named"),
    [
        ("--number", "--number"),
        ("--issuer", "--issuer"),
        ("--period", "--period"),
        ("--date", "--date"),
    ],
)
def test_a_missing_value_without_a_terminal_is_exit_2(make_repo: MakeRepo, drop: str, named: str):
    root = make_repo()
    args = list(REPORT)
    i = args.index(drop)
    del args[i : i + 2]
    result = run(root, "10", *args)
    assert result.exit_code == 2
    assert f"missing {named}" in result.stderr


def test_on_a_terminal_missing_values_are_asked_with_choices(make_repo: MakeRepo, monkeypatch):
    monkeypatch.setattr(record_cli, "interactive", lambda: True)
    root = make_repo()
    answers = "95-BC/BDVTU\n2022-06-15\nrport\nreport\n2022H1\nBDVTU, XX\nBDVTU\n"
    result = run(root, "10", "--received", "2022-06-27", input=answers)
    assert result.exit_code == 0, result.output
    assert "local_plan, programme_review, report" in result.output  # the plan's kinds offered
    assert "2022H1, 2022" in result.output
    entry = (root / "data/submissions/10-lao-cai.yaml").read_text(encoding="utf-8")
    assert "kind: report" in entry and "issuers: [BDVTU]" in entry


def test_bad_option_values_are_exit_2(make_repo: MakeRepo):
    root = make_repo()
    result = run(root, "10", *REPORT[:4], "--date", "15/06/2022", *REPORT[6:])
    assert result.exit_code == 2
    assert "did you mean 2022-06-15?" in result.stderr
    result = run(root, "10", *REPORT, "--indicator", "conferences=1.200")
    assert result.exit_code == 2 and "did you mean 1200?" in result.stderr
    result = run(root, "10", *REPORT, "--indicator", "conferences")
    assert result.exit_code == 2 and "ID=VALUE" in result.stderr
    assert run(root, "Lào Cây", *REPORT).exit_code == 2


def test_attach_copies_without_overwriting(make_repo: MakeRepo, tmp_path: Path):
    root = make_repo({"attachments/10/95-BC.pdf": b"another file"})
    scan = tmp_path / "95-BC.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    result = run(root, "10", *REPORT, "--attach", str(scan))
    assert result.exit_code == 0, result.output
    assert (root / "attachments/10/95-BC.pdf").read_bytes() == b"another file"
    assert (root / "attachments/10/95-BC-2.pdf").read_bytes() == b"%PDF-1.4 scan"
    assert "attachments: [attachments/10/95-BC-2.pdf]" in result.stdout
    assert load_repository(root).errors == []


def test_dry_run_writes_nothing(demo_copy: Path, tmp_path: Path):
    before = tree_hash(demo_copy)
    scan = tmp_path / "x.pdf"
    scan.write_bytes(b"x")
    result = run(demo_copy, "10", *REPORT, "--attach", str(scan), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add to data/submissions/10-lao-cai.yaml" in result.stdout
    assert tree_hash(demo_copy) == before


def test_the_file_keeps_its_mode(demo_copy: Path):
    path = demo_copy / "data/submissions/10-lao-cai.yaml"
    path.chmod(0o640)
    assert run(demo_copy, "10", *REPORT).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o640
    assert not list(path.parent.glob(".*.tmp"))


def test_plan_names_the_only_plan(make_repo: MakeRepo):
    root = make_repo()
    assert run(root, "10", *REPORT, "--plan", "40", "--dry-run").exit_code == 0
    result = run(root, "10", *REPORT, "--plan", "41")
    assert result.exit_code == 2 and "unknown plan '41'" in result.stderr


def test_a_read_only_repository_is_one_line_and_unchanged(demo_copy: Path, tmp_path: Path):
    from .test_nothing_lost import ReadOnly

    before = tree_hash(demo_copy)
    scan = tmp_path / "x.pdf"
    scan.write_bytes(b"%PDF scan")
    ReadOnly.root = demo_copy.resolve()
    try:
        dry = run(demo_copy, "10", *REPORT, "--dry-run")
        result = run(demo_copy, "10", *REPORT, "--attach", str(scan))
    finally:
        ReadOnly.root = None
    assert dry.exit_code == 0, dry.output
    assert result.exit_code == 1, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Read-only" in result.stderr
    assert tree_hash(demo_copy) == before


def test_a_yml_file_is_the_provinces_file(make_repo: MakeRepo):
    root = make_repo({"data/submissions/10-lao-cai.yml": 'province: "10"\ndocuments: []\n'})
    assert run(root, "10", *REPORT).exit_code == 0
    assert "95-BC/BDVTU" in (root / "data/submissions/10-lao-cai.yml").read_text(encoding="utf-8")
    assert not (root / "data/submissions/10-lao-cai.yaml").exists()


@pytest.fixture
def two_plans(make_repo: MakeRepo) -> Path:
    root = make_repo()
    shutil.copyfile(PROJECT / "examples/2025/data/plan_2025.yaml", root / "data/plan_2025.yaml")
    return root


def test_with_two_plans_the_document_answers_the_plan_of_its_date(two_plans: Path):
    result = run(two_plans, "10", *REPORT)
    assert result.exit_code == 0, result.output
    assert "reading plan 40" in result.stderr
    assert 'plan: "40"' in result.stdout
    assert "Clause 3 · H1 2022: overdue → late by 7 days" in result.stdout
    later = ["--kind", "local_plan", "--number", "12-KH/BTGDVTU", "--date", "2025-06-10",
             "--received", "2025-06-12", "--issuer", "BTGDVTU"]  # fmt: skip
    result = run(two_plans, "92", *later)
    assert result.exit_code == 0, result.output
    assert 'plan: "2025"' in result.stdout
    assert load_repository(two_plans).errors == []


def test_ctrl_c_while_writing_leaves_the_file_whole_and_no_copy(
    demo_copy: Path, tmp_path: Path, monkeypatch
):
    from cv651 import record

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(record, "write_all", interrupted)
    before = tree_hash(demo_copy)
    scan = tmp_path / "95-BC.pdf"
    scan.write_bytes(b"%PDF scan")
    result = run(demo_copy, "10", *REPORT, "--attach", str(scan))
    assert result.exit_code == 130
    assert tree_hash(demo_copy) == before  # the copied attachment was taken back
    assert not (demo_copy / "attachments" / "10").exists()


def test_an_attachment_with_a_long_legal_name_is_copied(make_repo: MakeRepo, tmp_path: Path):
    """output's short temporary name: `.{name}.XXXX.tmp` made a 250-byte name too long."""
    scan = tmp_path / ("b" * 246 + ".pdf")
    scan.write_bytes(b"%PDF-1.4 scan")
    root = make_repo({})
    result = run(root, "10", *REPORT, "--attach", str(scan))
    assert result.exit_code == 0, result.output
    assert (root / "attachments/10" / scan.name).read_bytes() == b"%PDF-1.4 scan"
    assert [p.name for p in (root / "attachments/10").iterdir()] == [scan.name]


def _two_provinces(root: Path, scan: Path):
    from cv651 import record

    loaded = load_repository(root)
    assert loaded.repository is not None
    units, day = loaded.repository.units, date(2022, 6, 15)
    documents = [
        record.NewDocument(
            province=units.named(code, day),
            kind="report",
            number="95-BC/BDVTU",
            date=day,
            received=date(2022, 6, 27),
            period="2022H1",
            issuers=("BDVTU",),
            recipients=("TU", "BDVTW", "UBDT"),
            attach=scan if code == "10" else None,
        )
        for code in ("10", "14")
    ]
    change, _after = record.prepare(loaded, documents, date(2022, 7, 1))
    assert len(change.files) == 2 and len(change.copies) == 1
    return change


def test_two_files_are_written_all_or_none(demo_copy: Path, tmp_path: Path, monkeypatch):
    """The second file cannot be written: the first is not replaced and the copied
    attachment is taken back (it was copied, then left while the first file was written)."""
    from cv651 import output, record

    scan = tmp_path / "95-BC.pdf"
    scan.write_bytes(b"%PDF scan")
    change = _two_provinces(demo_copy, scan)
    before = tree_hash(demo_copy)
    staged = output._staged

    def failing(path: Path, data: bytes) -> str:
        if path.name.startswith("14-"):
            raise output.OutputError(f"cannot write {path}: disk full")
        return staged(path, data)

    monkeypatch.setattr(output, "_staged", failing)
    with pytest.raises(output.OutputError):
        record.apply(change)
    assert tree_hash(demo_copy) == before
    assert not (demo_copy / "attachments" / "10").exists()
    monkeypatch.setattr(output, "_staged", staged)
    record.apply(change)
    assert load_repository(demo_copy).errors == []


def test_a_file_changed_meanwhile_stops_everything_before_writing(demo_copy: Path, tmp_path: Path):
    from cv651 import record
    from cv651.errors import RefusalError

    scan = tmp_path / "95-BC.pdf"
    scan.write_bytes(b"%PDF scan")
    change = _two_provinces(demo_copy, scan)
    second = demo_copy / "data/submissions/14-son-la.yaml"
    second.write_bytes(second.read_bytes() + b"\n")
    before = tree_hash(demo_copy)
    with pytest.raises(RefusalError, match="changed while recording"):
        record.apply(change)
    assert tree_hash(demo_copy) == before
    assert not (demo_copy / "attachments" / "10").exists()


def test_two_recordings_at_once_take_turns_and_the_second_sees_the_first(demo_copy: Path):
    """Both read Lào Cai's file before either writes. The first holds the repository
    while it checks and writes; the second waits, then finds the file changed and
    refuses: no entry is lost by a write over another."""
    import os
    import threading

    from cv651.errors import RefusalError
    from cv651.record import NewDocument, apply, prepare

    loaded = load_repository(demo_copy)
    assert loaded.repository is not None
    lao_cai = loaded.repository.units.named("10", date(2022, 6, 15))
    document = NewDocument(
        lao_cai, "report", "95-BC/BDVTU", date(2022, 6, 15), period="2022H1", issuers=("BDVTU",)
    )
    change, _after = prepare(loaded, [document], date(2022, 7, 1))
    path = demo_copy / "data/submissions/10-lao-cai.yaml"
    fcntl = pytest.importorskip("fcntl")  # POSIX: elsewhere the check alone guards
    first = os.open(demo_copy, os.O_RDONLY)
    fcntl.flock(first, fcntl.LOCK_EX)  # the first recording, in the middle of its write
    outcome: list[BaseException | None] = []
    told: list[str] = []

    def second() -> None:
        try:
            apply(change, lambda: told.append("waiting"))
            outcome.append(None)
        except BaseException as exc:  # the test reads it
            outcome.append(exc)

    waiting = threading.Thread(target=second, daemon=True)
    try:
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive() and outcome == []  # it waits for the first
        assert told == ["waiting"]  # and says so, once
        path.write_text(path.read_text("utf-8") + "# written by the first\n", encoding="utf-8")
    finally:
        os.close(first)  # the first is done
    waiting.join(timeout=20)
    assert len(outcome) == 1 and isinstance(outcome[0], RefusalError)
    assert "changed while recording" in outcome[0].message
    assert path.read_text("utf-8").endswith("# written by the first\n")


def test_a_recording_that_must_wait_says_so_then_records(demo_copy: Path):
    """On the command line: the clerk sees why nothing happens yet, then the entry."""
    import os
    import select
    import subprocess
    import sys

    fcntl = pytest.importorskip("fcntl")
    first = os.open(demo_copy, os.O_RDONLY)
    fcntl.flock(first, fcntl.LOCK_EX)
    second = None
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "cv651", "record", "10", "--repo", str(demo_copy), *REPORT],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CV651_LANG": "en"},
        )
        assert second.stderr is not None
        ready, _w, _x = select.select([second.stderr], [], [], 30)  # never hang on a regression
        assert ready, "the waiting recording said nothing"
        assert second.stderr.readline() == "cv651: waiting for another recording to finish…\n"
    finally:
        os.close(first)  # the first is done: the second goes on
    assert second is not None
    out, _err = second.communicate(timeout=60)
    assert second.returncode == 0 and "added to data/submissions/10-lao-cai.yaml:" in out
