"""`cv651 ingest`: the header of received documents, read right or said to be unclear."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

from cv651.cli import app
from cv651.ingest import IngestError, read_file, read_lines
from cv651.loader import load_repository

from . import ingest_corpus as corpus
from .conftest import BUNDLED, DEMO
from .test_record import tree_hash

runner = CliRunner()
REPOSITORY = load_repository(BUNDLED.parent).repository
KEYS = ["file", "province", "plan", "kind", "number", "date", "period", "issuers", "recipients", "title", "missing", "warnings"]  # fmt: skip


def _reading(path: Path) -> dict[str, object]:
    assert REPOSITORY is not None
    return read_file(path, REPOSITORY).values()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[tuple[Path, corpus.Spec]]:
    return corpus.write_corpus(tmp_path_factory.mktemp("corpus") / "docx")


def _assert_read_right(items: list[tuple[Path, corpus.Spec]]) -> None:
    table = corpus.score([(_reading(path), spec) for path, spec in items])
    wrong = {name: row["wrong"] for name, row in table.items() if row["wrong"]}
    assert wrong == {}, f"values read wrongly (a guess is worse than null): {wrong}"
    for name, row in table.items():
        assert row["right"] >= 0.95 * len(items), (name, row)


def test_the_corpus_is_large_and_varied(generated):
    assert len(generated) >= 30
    specs = [s for _, s in generated]
    assert {s.kind for s in specs} == {"report", "local_plan", "programme_review"}
    assert {s.period for s in specs} >= {"2022H1", "2022"}
    assert any("-BCSĐUBND" in s.number for s in specs)
    flags = [corpus._flags(i) for i in range(len(specs))]
    for quirk in (
        "table",
        "colon",
        "digits",
        "zeros",
        "nbsp",
        "nfd",
        "cell",
        "kinh_gui",
        "bare_issuer",
    ):
        assert any(f[quirk] for f in flags) and not all(f[quirk] for f in flags), quirk


def test_python_docx_corpus_is_read_right(generated):
    _assert_read_right(generated)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("target", ["docx", "pdf"])
def test_libreoffice_conversions_are_read_right(generated, target, tmp_path):
    chosen = generated[::3]  # every third: each quirk still appears, at a third of the time
    converted = corpus.convert([p for p, _ in chosen], target, tmp_path / target)
    assert len(converted) == len(chosen)
    by_name = {p.stem: s for p, s in chosen}
    _assert_read_right([(p, by_name[p.stem]) for p in converted])


def test_json_has_exactly_the_fields_and_nulls_with_missing(tmp_path):
    path = tmp_path / "cv.docx"
    document = docx.Document()
    for line in [
        "BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hà Nội, ngày 18 tháng 02 năm 2022", "Số 651- CV/BDVTW",
        "V/v triển khai thực hiện Kế hoạch thực hiện", "Chương trình phối hợp công tác giữa BDVTW",
        "và BCS đảng Ủy ban Dân tộc",
        "Kính gửi: - Ban Dân vận các tỉnh ủy, thành ủy trực thuộc Trung ương,",
        "- Ban cán sự đảng UBND các tỉnh, thành phố trực thuộc Trung ương",
        "Ngày 12/02/2022, Ban Dân vận Trung ương và Ban cán sự Đảng Ủy ban Dân tộc đã ký Kế hoạch.",
    ]:  # fmt: skip
        document.add_paragraph(line)
    document.save(str(path))
    result = runner.invoke(app, ["ingest", "--format", "json", str(path), "--repo", str(DEMO)])
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)
    assert list(item) == KEYS
    assert item["number"] == "651-CV/BDVTW" and item["date"] == "2022-02-18"
    assert item["title"].startswith("V/v triển khai thực hiện Kế hoạch thực hiện Chương trình")
    assert (
        item["province"] is None and "province" in item["missing"]
    )  # Hà Nội is the place of a central body
    assert item["kind"] is None and "kind" in item["missing"]
    assert any("CV document is none of the plan's document kinds" in w for w in item["warnings"])


def _pdf(path: Path, *, password: str | None = None) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _state_document(path: Path) -> Path:
    document = docx.Document()
    for line in [
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 30/2022/QĐ-UBND",
    ]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _broken_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document><unclosed")
        package.writestr("[Content_Types].xml", "<Types/>")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: _pdf(d / "scan.pdf"), "no text layer (a scan?)"),
        (lambda d: _pdf(d / "locked.pdf", password="secret"), "encrypted"),
        (
            lambda d: (d / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage") and d / "broken.pdf",
            "the PDF cannot be read",
        ),
        (
            lambda d: (
                (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
                and d / "old.doc"
            ),
            "old Word file (.doc)",
        ),
        (lambda d: _state_document(d / "state.docx"), "a state document"),
        (lambda d: _broken_docx(d / "broken.docx"), "Word"),
        (
            lambda d: (d / "notes.txt").write_text("hello", encoding="utf-8") and d / "notes.txt",
            "neither a Word (.docx) file nor a PDF",
        ),
    ],
    ids=["scan", "encrypted", "broken-pdf", "doc", "not-party", "broken-docx", "text"],
)
def test_unreadable_files_are_one_line_exit_1_and_nothing_written(
    make, message, demo_copy, tmp_path
):
    path = make(tmp_path)
    before = tree_hash(demo_copy)
    result = runner.invoke(app, ["ingest", "--write", str(path), "--repo", str(demo_copy)])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"cv651: {path}: ") and message in first, result.stderr
    assert "Traceback" not in result.output
    assert tree_hash(demo_copy) == before


def test_write_records_through_record_with_the_file_attached(demo_copy):
    sample = demo_copy / "inbox" / "95-BC-lao-cai.docx"
    result = runner.invoke(app, ["ingest", "--write", str(sample), "--repo", str(demo_copy)])
    assert result.exit_code == 0, result.output
    assert "added to data/submissions/10-lao-cai.yaml:" in result.stdout
    assert "attachments: [inbox/95-BC-lao-cai.docx]" in result.stdout  # already inside: not copied
    assert "Clause 3 · H1 2022: incomplete: not sent to UBDT →" in result.stdout
    assert load_repository(demo_copy).errors == []
    again = runner.invoke(app, ["ingest", "--write", str(sample), "--repo", str(demo_copy)])
    assert again.exit_code == 1 and "already recorded" in again.stderr


def test_write_copies_an_outside_file_into_attachments(demo_copy, tmp_path):
    outside = tmp_path / "bao-cao.pdf"
    shutil.copyfile(DEMO / "inbox" / "95-BC-lao-cai.pdf", outside)
    result = runner.invoke(
        app, ["ingest", "--write", str(outside), "--province", "02", "--repo", str(demo_copy)]
    )
    assert result.exit_code == 0, result.output
    assert (
        f"cv651: {outside}: warning: the document is of Lào Cai; recorded for Hà Giang"
        in result.stderr
    )
    assert (demo_copy / "attachments/02/bao-cao.pdf").read_bytes() == outside.read_bytes()


def test_write_refuses_missing_fields_and_writes_nothing_for_any_file(demo_copy, tmp_path):
    document = docx.Document()
    for line in [
        "BAN DÂN VẬN TỈNH ỦY",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 7-BC/BDVTU",
        "BÁO CÁO",
        "Sơ kết 6 tháng đầu năm 2022",
    ]:
        document.add_paragraph(line)  # no place and date line
    nodate = tmp_path / "nodate.docx"
    document.save(str(nodate))
    before = tree_hash(demo_copy)
    good = demo_copy / "inbox" / "95-BC-lao-cai.docx"
    result = runner.invoke(
        app, ["ingest", "--write", str(good), str(nodate), "--repo", str(demo_copy)]
    )
    assert result.exit_code == 1
    assert "cannot record it: province, date could not be read" in result.stderr
    assert tree_hash(demo_copy) == before


def test_province_option_wins_and_says_so(tmp_path):
    sample = DEMO / "inbox" / "95-BC-lao-cai.docx"
    result = runner.invoke(
        app,
        ["ingest", "--format", "json", "--province", "Hà Giang", str(sample), "--repo", str(DEMO)],
    )
    [item] = json.loads(result.stdout)
    assert item["province"] == "02"
    assert (
        "the document is of Lào Cai; recorded for Hà Giang as --province says" in item["warnings"]
    )


def test_text_format_proposes_the_entry():
    sample = DEMO / "inbox" / "95-BC-lao-cai.pdf"
    result = runner.invoke(app, ["ingest", str(sample), "--repo", str(DEMO)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f'{sample}: 10 Lào Cai\n  - kind: report\n    period: "2022H1"\n'
    )


def test_lines_are_nfc_with_plain_spaces(tmp_path):
    path = tmp_path / "x.docx"
    document = docx.Document()
    document.add_paragraph("Số\u00a095-BC/BDVTU\u200b")
    document.add_paragraph("La\u0300o Cai, nga\u0300y 15 tha\u0301ng 6 na\u0306m 2022")
    document.save(str(path))
    assert read_lines(path) == ["Số 95-BC/BDVTU", "Lào Cai, ngày 15 tháng 6 năm 2022"]


def test_with_two_plans_the_plan_named_or_issued_by_the_date(make_repo, tmp_path):
    from .conftest import PROJECT

    root = make_repo()
    shutil.copyfile(PROJECT / "examples/2025/data/plan_2025.yaml", root / "data/plan_2025.yaml")
    later = tmp_path / "2025.docx"
    document = docx.Document()
    for line in ["THÀNH ỦY CẦN THƠ", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*", "Số 12-KH/BTGDVTU",
                 "ĐẢNG CỘNG SẢN VIỆT NAM", "Cần Thơ, ngày 10 tháng 6 năm 2025", "KẾ HOẠCH",
                 "Phối hợp công tác năm 2025", "Nơi nhận:", "- Ban Tuyên giáo và Dân vận Trung ương,",
                 "- Đảng ủy Bộ Dân tộc và Tôn giáo,", "- Lưu VP."]:  # fmt: skip
        document.add_paragraph(line)
    document.save(str(later))
    sample = DEMO / "inbox" / "95-BC-lao-cai.docx"
    result = runner.invoke(
        app, ["ingest", "--format", "json", str(sample), str(later), "--repo", str(root)]
    )
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    assert first["plan"] == "40" and first["issuers"] == ["BDVTU"]
    assert second["plan"] == "2025" and second["province"] == "92"
    assert second["issuers"] == ["BTGDVTU"] and second["recipients"] == ["BTGDVTW", "DUBDTTG"]
    assert second["kind"] == "local_plan" and second["missing"] == []


def test_a_docx_that_unpacks_to_too_much_is_refused_unread(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    result = runner.invoke(app, ["ingest", str(bomb), "--repo", str(DEMO)])
    assert result.exit_code == 1
    assert "unpacks to more than 50 MB" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_what_is_not_a_regular_file_is_refused_unopened(kind, tmp_path):
    if kind == "fifo":
        path = tmp_path / "x.pdf"
        os.mkfifo(path)  # opening it would wait for a writer forever
    elif kind == "folder":
        path = tmp_path / "folder.docx"
        path.mkdir()
    else:
        path = Path("/dev/null")
    with pytest.raises(IngestError, match="not a regular file"):
        read_lines(path)
    result = runner.invoke(app, ["ingest", str(path), "--repo", str(DEMO)])
    if kind == "folder":  # Click refuses it first, as a usage error
        assert result.exit_code == 2 and "is a directory" in result.stderr, result.output
        return
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [f"cv651: {path}: not a regular file"], result.stderr


def test_write_with_received(demo_copy):
    sample = demo_copy / "inbox" / "95-BC-lao-cai.docx"
    args = ["ingest", "--write", "--received", "2022-06-18", str(sample), "--repo", str(demo_copy)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "received: 2022-06-18" in result.stdout
    assert "Clause 3 · H1 2022: incomplete: not sent to UBDT → on time" in result.stdout
    assert "copied" not in result.stdout  # the file is in the repository already
    assert "received today" not in result.stderr
    bad = runner.invoke(app, [*args[:3], "18/06/2022", *args[4:]])
    assert bad.exit_code == 2 and "did you mean 2022-06-18?" in bad.stderr


@pytest.mark.parametrize(
    ("typed", "number", "issuers"),
    [
        ("Số 95-BC/BDVTU - 2022", "95-BC/BDVTU", ["BDVTU"]),  # a year after it is no issuer
        ("Số: 12 - KH / BDVTU - BCSĐUBND", "12-KH/BDVTU-BCSĐUBND", ["BDVTU", "BCSĐ-UBND"]),
    ],
)
def test_a_number_on_a_page_is_read_up_to_its_last_issuer(typed, number, issuers):
    from cv651.ingest.header import read_header

    lines = ["TỈNH ỦY LÀO CAI", "BAN DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM", typed]
    lines.append("Lào Cai, ngày 15 tháng 6 năm 2022")
    reading = read_header(lines, REPOSITORY.plan, REPOSITORY.plan_id, REPOSITORY.units)
    assert (reading.number, reading.issuers) == (number, issuers)
