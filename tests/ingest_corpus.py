"""A corpus of realistic received documents, generated, with the truth about each.

Every combination of layout quirk is spread systematically over the documents
(not picked to pass): header as a two-column table or as paragraphs, `Số` with
and without a colon, dates in words or digits, with or without leading zeros,
non-breaking spaces, decomposed (NFD) text, `Nơi nhận` in a table cell or in
paragraphs, `Kính gửi`, joint numbers, both report periods, local plans and
programme reviews. `python -m tests.ingest_corpus [FOLDER]` writes it and prints
the share of fields read right, field by field (with LibreOffice: also its DOCX
and PDF conversions).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx
from docx.shared import Pt

# (code, name as headers write it, place line, issuing unit line)
PROVINCES = [
    ("10", "Lào Cai", "Lào Cai", "TỈNH ỦY LÀO CAI"),
    ("01", "Hà Nội", "Hà Nội", "THÀNH ỦY HÀ NỘI"),
    ("79", "Hồ Chí Minh", "Thành phố Hồ Chí Minh", "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH"),
    ("66", "Đắk Lắk", "Đắk Lắk", "TỈNH ỦY ĐẮK LẮK"),
    ("77", "Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "TỈNH ỦY BÀ RỊA - VŨNG TÀU"),
    ("46", "Thừa Thiên Huế", "Thừa Thiên Huế", "TỈNH ỦY THỪA THIÊN HUẾ"),
    ("92", "Cần Thơ", "Cần Thơ", "THÀNH ỦY CẦN THƠ"),
    ("17", "Hòa Bình", "Hòa Bình", "TỈNH ỦY HÒA BÌNH"),
    ("56", "Khánh Hòa", "Khánh Hòa", "TỈNH ỦY KHÁNH HÒA"),
    ("02", "Hà Giang", "Hà Giang", "TỈNH ỦY HÀ GIANG"),
    ("94", "Sóc Trăng", "Sóc Trăng", "TỈNH ỦY SÓC TRĂNG"),
    ("62", "Kon Tum", "Kon Tum", "TỈNH ỦY KON TUM"),
]
PLAN = "Kế hoạch số 40-KH/BDVTW-BCSĐUBDT ngày 12/02/2022 của Ban Dân vận Trung ương và Ban cán sự đảng Ủy ban Dân tộc"
# The kinds of document, each: kind, type word, TYPE, issuers, period, summary
SHAPES = [
    (
        "report",
        "BÁO CÁO",
        "BC",
        ["BDVTU"],
        "2022H1",
        "Sơ kết 6 tháng đầu năm 2022 thực hiện Kế hoạch số 40-KH/BDVTW-BCSĐUBDT",
    ),
    (
        "report",
        "BÁO CÁO",
        "BC",
        ["BDVTU"],
        "2022",
        "Tổng kết năm 2022 thực hiện Chương trình phối hợp công tác giữa Ban Dân vận Trung ương và Ban cán sự đảng Ủy ban Dân tộc",
    ),
    (
        "report",
        "BÁO CÁO",
        "BC",
        ["BDVTU", "BCSĐ-UBND"],
        "2022H1",
        "Kết quả 6 tháng đầu năm 2022 thực hiện Chương trình phối hợp",
    ),
    (
        "report",
        "BÁO CÁO",
        "BC",
        ["BDVTU", "BCSĐ-UBND"],
        "2022",
        "Kết quả thực hiện Kế hoạch số 40-KH/BDVTW-BCSĐUBDT năm 2022",
    ),
    (
        "local_plan",
        "KẾ HOẠCH",
        "KH",
        ["BDVTU", "BCSĐ-UBND"],
        None,
        "Phối hợp thực hiện Kế hoạch số 40-KH/BDVTW-BCSĐUBDT năm 2022",
    ),
    (
        "local_plan",
        "CHƯƠNG TRÌNH",
        "CTr",
        ["BDVTU", "BCSĐ-UBND"],
        None,
        "Phối hợp công tác năm 2022 giữa Ban Dân vận Tỉnh ủy và Ban cán sự đảng Ủy ban nhân dân tỉnh",
    ),
    (
        "local_plan",
        "KẾ HOẠCH",
        "KH",
        ["BDVTU"],
        None,
        "Triển khai thực hiện Kế hoạch số 40-KH/BDVTW-BCSĐUBDT trên địa bàn tỉnh",
    ),
    (
        "programme_review",
        "KẾ HOẠCH",
        "KH",
        ["BDVTU", "BCSĐ-UBND"],
        None,
        "Rà soát, bổ sung Chương trình phối hợp số 05-CTr/BDVTU-BCSĐUBND",
    ),
    (
        "programme_review",
        "BÁO CÁO",
        "BC",
        ["BDVTU"],
        None,
        "Kết quả rà soát, bổ sung nội dung Chương trình phối hợp giữa Ban Dân vận và Ban Dân tộc tỉnh",
    ),
]
NUMBER_PART = {"BDVTU": "BDVTU", "BCSĐ-UBND": "BCSĐUBND"}
RECIPIENT_LINES = {
    "BDVTW": [
        "Ban Dân vận Trung ương",
        "Ban Dân vận TW",
        "Đ/c Trưởng Ban Dân vận Trung ương (b/c)",
        "Ban DVTW (để B/c)",
        "BDVTW",
    ],
    "UBDT": [
        "Ban cán sự đảng Ủy ban Dân tộc",
        "BCS đảng Ủy ban Dân tộc",
        "Ủy ban Dân tộc",
        "BCSĐ UBDT (để P/h)",
        "UBDT",
    ],
    "TU": ["Thường trực Tỉnh ủy (b/c)", "Ban Thường vụ Tỉnh ủy", "Thường trực Tỉnh ủy"],
    "BCSĐ-UBND": ["Ban cán sự đảng UBND tỉnh", "BCS đảng UBND tỉnh (p/h)"],
}
OTHER_LINES = [
    "Các đồng chí Phó Trưởng ban",
    "Các phòng, đơn vị thuộc Ban",
    "Lưu VP.",
    "Ban Tuyên giáo Tỉnh ủy",
    "Lưu VT.",
]
FIELDS = ("province", "plan", "kind", "number", "date", "period", "issuers", "recipients", "title")


@dataclass
class Spec:
    name: str
    province: str
    kind: str
    number: str
    date: date
    period: str | None
    issuers: list[str]
    recipients: list[str]
    title: str
    plan: str = "40"
    lines: dict[str, list[str]] = field(default_factory=dict)


def _flags(i: int) -> dict[str, bool]:
    """Quirks spread over the corpus: each on for about half the documents, in different mixes."""
    return {
        "table": i % 2 == 0,
        "colon": i % 3 == 0,
        "digits": i % 4 == 1,
        "zeros": i % 5 in (0, 2),
        "nbsp": i % 3 == 1,
        "nfd": i % 4 == 2,
        "cell": i % 3 != 2,
        "kinh_gui": i % 5 == 3,
        "bare_issuer": i % 7 == 4,
        "split_title": i % 6 == 5,  # the summary in two paragraphs
        "loose_number": i % 8 == 6,  # `Số 651- CV/BDVTW`, as Letter 651 itself writes it
        "bare_noi_nhan": i % 9 == 7,  # `Nơi nhận` without its colon
    }


def specs(count: int = 36) -> list[Spec]:
    out = []
    for i in range(count):
        code, _, place, unit = PROVINCES[i % len(PROVINCES)]
        kind, word, doc_type, issuers, period, summary = SHAPES[i % len(SHAPES)]
        number = f"{10 + i * 7}-{doc_type}/{'-'.join(NUMBER_PART[b] for b in issuers)}"
        month = {"2022H1": 6, "2022": 11}.get(period or "", 3)
        day = date(2022, month, 1 + (i * 5) % 27)
        required = ["TU", "BDVTW", "UBDT"] if kind == "report" else ["BDVTW", "BCSĐ-UBND"]
        recipients = required[: 3 - (i % 4 == 3)]  # every fourth leaves one out, as happens
        flags = _flags(i)
        spec = Spec(
            f"{i:02d}-{code}-{doc_type}",
            code,
            kind,
            number,
            day,
            period,
            issuers,
            recipients,
            f"{word.capitalize()} {summary[0].lower()}{summary[1:]}",
        )
        spec.lines = _document_lines(spec, i, flags, word, summary, unit, place)
        out.append(spec)
    return out


def _date_line(place: str, day: date, flags: dict[str, bool]) -> str:
    d = f"{day.day:02d}" if flags["zeros"] else str(day.day)
    m = f"{day.month:02d}" if flags["zeros"] or day.month <= 2 else str(day.month)
    if flags["digits"]:
        return f"{place}, ngày {d}/{m}/{day.year}"
    return f"{place}, ngày {d} tháng {m} năm {day.year}"


def _document_lines(
    spec: Spec, i: int, flags: dict[str, bool], word: str, summary: str, unit: str, place: str
) -> dict[str, list[str]]:
    joint = len(spec.issuers) > 1
    issuer_lines = (
        [unit, "BAN DÂN VẬN"] if not joint else [unit, "BAN DÂN VẬN - BAN CÁN SỰ ĐẢNG UBND TỈNH"]
    )
    if flags["bare_issuer"]:
        issuer_lines = (
            ["BAN DÂN VẬN TỈNH ỦY"]
            if not joint
            else ["BAN DÂN VẬN TỈNH ỦY", "BAN CÁN SỰ ĐẢNG UBND TỈNH"]
        )
    number = f"Số{':' if flags['colon'] else ''} {spec.number}"
    if flags["loose_number"]:
        number = number.replace("-", "- ", 1)
    recipients = [
        RECIPIENT_LINES[r][(i + k) % len(RECIPIENT_LINES[r])] for k, r in enumerate(spec.recipients)
    ]
    nơi_nhận = [f"- {r}," for r in recipients] + [
        f"- {OTHER_LINES[i % len(OTHER_LINES)]}",
        "- Lưu VP.",
    ]
    kính_gửi = []
    if flags["kinh_gui"]:
        kính_gửi = [f"Kính gửi: - {recipients[0]}", *[f"- {r};" for r in recipients[1:]]]
        nơi_nhận = ["- Như trên,", f"- {OTHER_LINES[i % len(OTHER_LINES)]},", "- Lưu VP."]
    body = [
        f"Thực hiện {PLAN}, ngày 12/02/2022, Ban Dân vận {('Thành' if unit.startswith('THÀNH') else 'Tỉnh')} ủy báo cáo như sau:",
        "I- KẾT QUẢ THỰC HIỆN",
        f"1. Công tác lãnh đạo, chỉ đạo: đã tổ chức {3 + i % 9} hội nghị quán triệt với {120 + i * 13} lượt người tham dự.",
        "2. Khó khăn, vướng mắc: kinh phí cho hoạt động phối hợp còn hạn chế.",
        "II- PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "Tiếp tục phối hợp chặt chẽ, nâng cao hiệu quả công tác dân tộc trên địa bàn.",
    ]
    return {
        "left": [*issuer_lines, "*", number],
        "right": ["ĐẢNG CỘNG SẢN VIỆT NAM", _date_line(place, spec.date, flags)],
        "title": [word, *_split_summary(summary, flags["split_title"]), "-----"],
        "kinh_gui": kính_gửi,
        "body": body,
        "recipients": ["Nơi nhận" if flags["bare_noi_nhan"] else "Nơi nhận:", *nơi_nhận],
        "signature": ["T/M BAN THƯỜNG VỤ" if joint else "TRƯỞNG BAN", "(đã ký)", "Nguyễn Văn An"],
    }


def _split_summary(summary: str, split: bool) -> list[str]:
    if not split:
        return [summary]
    words = summary.split(" ")
    return [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])]


def _text(line: str, flags: dict[str, bool]) -> str:
    if flags["nbsp"] and (line.startswith(("Số", "Nơi")) or "ngày" in line[:60]):
        line = line.replace(" ", "\u00a0", 3)
    return unicodedata.normalize("NFD", line) if flags["nfd"] else line


def write_docx(spec: Spec, index: int, path: Path) -> None:
    flags = _flags(index)
    lines = spec.lines
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)

    def para(container, text: str) -> None:
        container.add_paragraph(_text(text, flags))

    if flags["table"]:
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].text = _text(lines["left"][0], flags)
        for line in lines["left"][1:]:
            para(left, line)
        right.paragraphs[0].text = _text(lines["right"][0], flags)
        for line in lines["right"][1:]:
            para(right, line)
    else:
        for line in (
            lines["left"][:-2] + lines["right"][:1] + lines["right"][1:] + lines["left"][-2:]
        ):
            para(document, line)
    for line in lines["title"] + lines["kinh_gui"] + lines["body"]:
        para(document, line)
    if flags["cell"]:
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].text = _text(lines["recipients"][0], flags)
        for line in lines["recipients"][1:]:
            para(left, line)
        right.paragraphs[0].text = _text(lines["signature"][0], flags)
        for line in lines["signature"][1:]:
            para(right, line)
    else:
        for line in lines["signature"] + lines["recipients"]:
            para(document, line)
    document.save(str(path))


def write_corpus(folder: Path, count: int = 36) -> list[tuple[Path, Spec]]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, spec in enumerate(specs(count)):
        path = folder / f"{spec.name}.docx"
        write_docx(spec, i, path)
        out.append((path, spec))
    return out


def convert(files: list[Path], target: str, folder: Path) -> list[Path]:
    """LibreOffice's conversion of `files` (pdf, or docx as Word saves it), when it is installed."""
    soffice = shutil.which("soffice")
    if soffice is None or not files:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder.resolve() / ".profile"
    filter_ = {"pdf": "pdf", "docx": 'docx:"MS Word 2007 XML"'}[target]
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         filter_.replace('"', ""), "--outdir", str(folder), *map(str, files)],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    return [
        folder / f.with_suffix(f".{target}").name
        for f in files
        if (folder / f.with_suffix(f".{target}").name).is_file()
    ]


def expected(spec: Spec) -> dict[str, object]:
    return {
        "province": spec.province, "plan": spec.plan, "kind": spec.kind, "number": spec.number,
        "date": spec.date.isoformat(), "period": spec.period, "issuers": spec.issuers,
        "recipients": sorted(spec.recipients), "title": spec.title,
    }  # fmt: skip


def score(results: list[tuple[dict[str, object], Spec]]) -> dict[str, dict[str, int]]:
    """Per field: right, wrong (a value, not the true one) and unknown (null)."""
    table = {f: {"right": 0, "wrong": 0, "unknown": 0} for f in FIELDS}
    for got, spec in results:
        want = expected(spec)
        for name in FIELDS:
            value = got.get(name)
            if name == "recipients" and isinstance(value, list):
                value = sorted(value)
            if value == want[name]:
                table[name]["right"] += 1
            elif value is None:
                table[name]["unknown"] += 1
            else:
                table[name]["wrong"] += 1
    return table


def _main(folder: Path) -> None:
    import json

    corpus = write_corpus(folder / "docx")
    sets = {"python-docx": corpus}
    by_name = {p.stem: s for p, s in corpus}
    for target in ("docx", "pdf"):
        converted = convert([p for p, _ in corpus], target, folder / f"lo-{target}")
        if converted:
            sets[f"LibreOffice {target}"] = [(p, by_name[p.stem]) for p in converted]
    for label, items in sets.items():
        result = subprocess.run(
            [sys.executable, "-m", "cv651", "ingest", "--format", "json", *map(str, (p for p, _ in items))],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        got = {Path(r["file"]).stem: r for r in json.loads(result.stdout or "[]")}
        table = score([(got.get(p.stem, {}), s) for p, s in items])
        print(f"\n{label}: {len(items)} documents")
        print("| field | right | wrong | unknown |\n| --- | --- | --- | --- |")
        for name, row in table.items():
            print(
                f"| {name} | {row['right'] / len(items):.0%} | {row['wrong']} | {row['unknown']} |"
            )


def write_samples(folder: Path) -> list[Path]:
    """The README's examples (examples/demo/inbox): Lào Cai's corrected 6-month report, as
    Word file and, with LibreOffice, as PDF."""
    spec = Spec("95-BC-lao-cai", "10", "report", "95-BC/BDVTU", date(2022, 6, 15), "2022H1",
                ["BDVTU"], ["TU", "BDVTW", "UBDT"], "")  # fmt: skip
    _, _, _, _, _, summary = SHAPES[0]
    spec.lines = _document_lines(
        spec, 0, _flags(0), "BÁO CÁO", summary, "TỈNH ỦY LÀO CAI", "Lào Cai"
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{spec.name}.docx"
    write_docx(spec, 0, path)
    return [path, *convert([path], "pdf", folder)]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--samples"]:
        print(*write_samples(Path(sys.argv[2])), sep="\n")
    else:
        _main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/ingest-corpus"))
