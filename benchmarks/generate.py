"""Write a synthetic cv651 data repository of a given size.

    python benchmarks/generate.py real OUT      # 63 provinces, 4 documents each
    python benchmarks/generate.py wide OUT      # 63 provinces x 200 documents
    python benchmarks/generate.py communes OUT  # 3,321 units (5-digit codes) x 4 documents

The output validates without errors: it is shaped like real data (the plan's
three tasks, reports with indicators and Vietnamese text, a few late or
incomplete reports) so every command does its full work on it. Wide
repositories stretch the plan over many years of periods (many years of
reports); commune repositories have one unit per commune.
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

REGIONS = {
    "tdmnpb": "Trung du và miền núi phía Bắc",
    "dbsh": "Đồng bằng sông Hồng",
    "btb-dhmt": "Bắc Trung Bộ và duyên hải miền Trung",
    "tn": "Tây Nguyên",
    "dnb": "Đông Nam Bộ",
    "dbscl": "Đồng bằng sông Cửu Long",
}
SYLLABLES = (
    "An Bình Cát Đông Hòa Hưng Khánh Lạc Long Minh Nam Nghĩa Phong Phú Quang "
    "Sơn Tân Thạnh Thuận Tiến Trung Vĩnh Xuân Yên Hải Hà Đức Thành Lộc Mỹ"
).split()
INDICATORS = (
    "documents_issued",
    "conferences",
    "participants",
    "propaganda_sessions",
    "prestigious_persons",
    "petitions",
)


@dataclass(frozen=True)
class Size:
    units: int
    years: int  # report periods: two a year
    code_digits: int
    unit_word: str

    @property
    def reports(self) -> int:
        return 2 * self.years


SIZES = {
    "real": Size(units=63, years=1, code_digits=2, unit_word="Tỉnh"),  # 4 documents each
    "wide": Size(units=63, years=99, code_digits=2, unit_word="Tỉnh"),  # 2 + 198 = 200
    "communes": Size(units=3321, years=1, code_digits=5, unit_word="Xã"),  # 4 each
}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _units(size: Size) -> list[tuple[str, str, str]]:
    """(code, name, region) for every unit; names are distinct, as the data needs."""
    rng = random.Random(651)
    regions = list(REGIONS)
    out = []
    for i in range(size.units):
        code = f"{i + 1:0{size.code_digits}d}"
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} {i + 1}"
        out.append((code, name, regions[i * len(regions) // size.units]))
    return out


def provinces_yaml(size: Size) -> str:
    lines = ["regions:"] + [f"  {k}: {v}" for k, v in REGIONS.items()] + ["provinces:"]
    for code, name, region in _units(size):
        kind = "city" if code.endswith("9") else "province"
        lines += [
            f'  - code: "{code}"',
            f"    name: {name}",
            f"    kind: {kind}",
            f"    region: {region}",
        ]
    return "\n".join(lines) + "\n"


def _periods(size: Size) -> list[tuple[str, str]]:
    """(period, due) for every report period, oldest first."""
    out = []
    for year in range(2022, 2022 + size.years):
        out += [(f"{year}H1", f"{year}-06-20"), (str(year), f"{year}-11-30")]
    return out


def plan_yaml(size: Size) -> str:
    bundled = (ROOT / "data" / "plan_40.yaml").read_text(encoding="utf-8")
    head, _, rest = bundled.partition("      - {period: 2022H1")
    _, _, tail = rest.partition("    recipients:")
    periods = "".join(f"      - {{period: {p}, due: {d}}}\n" for p, d in _periods(size))
    return head + periods + "    recipients:" + tail


def submission_yaml(size: Size, code: str, index: int) -> str:
    rng = random.Random(index)
    issuer = "BDVTU"
    lines = [
        f'province: "{code}"',
        "existing_programme:",
        f"  number: {index % 90 + 1}-CTr/BDVTU-BCSĐUBND",
        "  date: 2020-06-01",
        "  partner: BCSĐ-UBND",
        "documents:",
        "  - kind: local_plan",
        f"    number: {index % 50 + 1}-KH/BDVTU",
        "    date: 2022-03-10",
        "    received: 2022-03-15",
        f"    issuers: [{issuer}, BCSĐ-UBND]",
        "    title: Kế hoạch phối hợp thực hiện Kế hoạch số 40-KH/BDVTW-BCSĐUBDT năm 2022",
        "  - kind: programme_review",
        f"    number: {index % 50 + 51}-CTr/BDVTU-BCSĐUBND",
        "    date: 2022-03-18",
        "    received: 2022-03-22",
        f"    issuers: [{issuer}, BCSĐ-UBND]",
        "    title: Chương trình phối hợp (sửa đổi, bổ sung) giai đoạn 2022–2025",
    ]
    for n, (period, due) in enumerate(_periods(size)):
        late = rng.random() < 0.1
        year, month = int(due[:4]), int(due[5:7])
        day = 25 if late else 12
        recipients = "[TU, BDVTW]" if rng.random() < 0.05 else "[TU, BDVTW, UBDT]"
        values = ", ".join(f"{k}: {rng.randint(0, 3000)}" for k in INDICATORS)
        lines += [
            "  - kind: report",
            f'    period: "{period}"',
            f"    number: {100 + n}-BC/BDVTU",
            f"    date: {year}-{month:02d}-{day - 3:02d}",
            f"    received: {year}-{month:02d}-{day:02d}",
            f"    issuers: [{issuer}]",
            f"    recipients: {recipients}",
            f"    title: {_q('Báo cáo kết quả thực hiện Kế hoạch 40, kỳ ' + period)}",
            f"    indicators: {{{values}}}",
            "    highlights: >-",
            f"      Tổ chức {rng.randint(2, 30)} hội nghị quán triệt; thăm hỏi người có uy tín.",
            "    difficulties: >-",
            "      Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa.",
            "    recommendations: >-",
            "      Đề nghị Ủy ban Dân tộc sớm hướng dẫn thực hiện Dự án 10.",
        ]
    return "\n".join(lines) + "\n"


def _slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "-".join(plain.lower().split())


def generate(size_name: str | Size, out: Path) -> Path:
    """Write the repository; an existing `out` is replaced."""
    size = SIZES[size_name] if isinstance(size_name, str) else size_name
    if out.exists():
        shutil.rmtree(out)
    (out / "data" / "submissions").mkdir(parents=True)
    (out / "data" / "provinces.yaml").write_text(provinces_yaml(size), encoding="utf-8")
    (out / "data" / "plan_40.yaml").write_text(plan_yaml(size), encoding="utf-8")
    for index, (code, name, _) in enumerate(_units(size)):
        path = out / "data" / "submissions" / f"{code}-{_slug(name)}.yaml"
        path.write_text(submission_yaml(size, code, index), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(generate(args.size, args.out))


if __name__ == "__main__":
    main()
