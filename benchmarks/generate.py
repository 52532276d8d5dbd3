"""Write a synthetic cv651 data repository of a given size.

    python benchmarks/generate.py real OUT      # 63 provinces, 4 documents each
    python benchmarks/generate.py wide OUT      # 63 provinces x 200 documents
    python benchmarks/generate.py communes OUT  # 3,321 units (5-digit codes) x 4 documents

The output validates without errors and is shaped like real data, in the
design's "Time" contract: two plans (Plan 40 of 2022 and a plan of 2025, each
document naming its own with `plan:`), the unit history (the bundled
provinces.yaml for the 63 provinces: Huế in 2025 and the 34 units of
01/07/2025; for other sizes every seventh unit merging into its neighbour that
day), reports with indicators and Vietnamese text, a few late or incomplete.
A unit's documents are split between the plans; more documents a unit means
more years of 6-month and annual reports.
"""

from __future__ import annotations

import argparse
import random
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

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
MERGED_ON, MERGE_EVE = "2025-07-01", "2025-06-30"


@dataclass(frozen=True)
class Size:
    units: int  # codes, one submission file each
    documents: int  # documents per unit, half for each plan (at least 4)
    code_digits: int
    unit_word: str

    @property
    def total(self) -> int:
        return self.units * self.documents

    @property
    def bundled_units(self) -> bool:
        """The 63 provinces: the bundled provinces.yaml, with its whole history."""
        return self.units == 63 and self.code_digits == 2

    @property
    def reports(self) -> tuple[int, int]:
        """Reports per unit for Plan 40 (beside its local plan and programme review)
        and for the 2025 plan (beside its local plan)."""
        half = self.documents // 2
        return half - 2, self.documents - half - 1


SIZES = {
    "real": Size(units=63, documents=4, code_digits=2, unit_word="Tỉnh"),
    "wide": Size(units=63, documents=200, code_digits=2, unit_word="Tỉnh"),
    "communes": Size(units=3321, documents=4, code_digits=5, unit_word="Xã"),
}


def scaling_sizes(series: str) -> dict[str, Size]:
    """1,000 to 30,000 documents: in bigger files (63 provinces, more documents
    each) or in more files (more units, 4 documents each)."""
    totals = (1_000, 3_000, 10_000, 30_000)
    if series == "bigger":
        return {f"{t // 1000}k-bigger": Size(63, round(t / 63), 2, "Tỉnh") for t in totals}
    return {f"{t // 1000}k-more": Size(t // 4, 4, 5, "Xã") for t in totals}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- units ---------------------------------------------------------------------------


def _synthetic_units(size: Size) -> list[dict[str, object]]:
    """Every unit in force in 2022; every seventh merges into the one before it on
    01/07/2025, which from then on is a new unit under a new name."""
    rng = random.Random(651)
    regions = list(REGIONS)
    entries: list[dict[str, object]] = []
    for i in range(size.units):
        code = f"{i + 1:0{size.code_digits}d}"
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} {i + 1}"
        unit: dict[str, object] = {
            "code": code,
            "name": name,
            "kind": "city" if code.endswith("9") else "province",
            "region": regions[i * len(regions) // size.units],
        }
        if i % 7 == 6:
            previous = entries[-1]
            assert previous.get("until") is None
            previous["until"] = MERGE_EVE
            unit |= {"until": MERGE_EVE, "merged_into": previous["code"]}
            entries.append(unit)
            entries.append(
                {
                    **{k: previous[k] for k in ("code", "kind", "region")},
                    "name": f"{previous['name']} - {i + 1}",
                    "since": MERGED_ON,
                    "formed_from": [previous["code"], code],
                }
            )
        else:
            entries.append(unit)
    return entries


def provinces_yaml(size: Size) -> str:
    if size.bundled_units:
        return (ROOT / "data" / "provinces.yaml").read_text(encoding="utf-8")
    lines = ["regions:"] + [f"  {k}: {v}" for k, v in REGIONS.items()] + ["provinces:"]
    for unit in _synthetic_units(size):
        lines += [f'  - code: "{unit["code"]}"'] + [
            f"    {key}: {_yaml_value(value)}" for key, value in unit.items() if key != "code"
        ]
    return "\n".join(lines) + "\n"


def _yaml_value(value: object) -> str:
    """Codes quoted (they keep their leading zeros), everything else plain."""
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return f'"{value}"' if isinstance(value, str) and value.isdigit() else str(value)


def units(size: Size) -> list[tuple[str, str]]:
    """(code, a name it has had) for every code: one submission file each."""
    if size.bundled_units:
        data = yaml.load(provinces_yaml(size), Loader=yaml.CSafeLoader)
        entries = data["provinces"]
    else:
        entries = _synthetic_units(size)
    first: dict[str, str] = {}
    for unit in entries:
        first.setdefault(str(unit["code"]), str(unit["name"]))
    return sorted(first.items())


# --- plans -----------------------------------------------------------------------------


def _periods(first_year: int, reports: int) -> list[tuple[str, str]]:
    """(period, due) for `reports` reports (at least one year of them), oldest first."""
    out: list[tuple[str, str]] = []
    for year in range(first_year, first_year + max(1, (reports + 1) // 2)):
        out += [(f"{year}H1", f"{year}-06-20"), (str(year), f"{year}-11-30")]
    return out


def plan_40_yaml(size: Size) -> str:
    bundled = (ROOT / "data" / "plan_40.yaml").read_text(encoding="utf-8")
    head, _, rest = bundled.partition("      - {period: 2022H1")
    _, _, tail = rest.partition("    recipients:")
    periods = "".join(
        f"      - {{period: {_q(p)}, due: {d}}}\n" for p, d in _periods(2022, size.reports[0])
    )
    return head + periods + "    recipients:" + tail


def plan_2025_yaml(size: Size) -> str:
    periods = "".join(
        f"      - {{period: {_q(p)}, due: {d}}}\n" for p, d in _periods(2025, size.reports[1])
    )
    indicators = "".join(
        f"  - {{id: {i}, label: Chỉ tiêu {n + 1} ({i}), unit: lượt}}\n"
        for n, i in enumerate(INDICATORS)
    )
    return f"""\
# Synthetic (benchmarks/generate.py): a second plan, after the 2025 reorganization.
plan:
  number: 01-KH/BTGDVTW-ĐUBDTTG
  date: 2025-04-17
  year: 2025
  title: Kế hoạch phối hợp công tác năm 2025 (dữ liệu thử hiệu năng)
  issuers: [BTGDVTW, DUBDTTG]
directive:
  number: 02-CV/BTGDVTW
  date: 2025-05-05
  subject: V/v triển khai thực hiện Kế hoạch phối hợp công tác năm 2025
  signer:
    name: Nguyễn Văn A
    title: Phó Trưởng Ban
    capacity: K/T TRƯỞNG BAN
bodies:
  BTGDVTW: Ban Tuyên giáo và Dân vận Trung ương
  DUBDTTG: Đảng ủy Bộ Dân tộc và Tôn giáo
  TU: Tỉnh ủy, Thành ủy
  BTGDVTU: Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy
  DU-UBND: Đảng ủy Ủy ban nhân dân tỉnh, thành phố
  BCSĐ-UBND: Ban cán sự đảng Ủy ban nhân dân tỉnh, thành phố
office:
  superior: BAN CHẤP HÀNH TRUNG ƯƠNG
  name: BAN TUYÊN GIÁO VÀ DÂN VẬN
  abbreviation: BTGDVTW
  place: Hà Nội
addressees: [BTGDVTU, DU-UBND]
tasks:
  - id: concretize
    clause: 1
    title: Cụ thể hóa Kế hoạch phối hợp năm 2025 thành kế hoạch công tác của địa phương
    applies_to: all
    evidence: [local_plan]
    due: 2025-05-30
  - id: report
    clause: 2
    title: Báo cáo định kỳ 6 tháng, một năm
    applies_to: all
    evidence: [report]
    periods:
{periods}    recipients: [TU, BTGDVTW, DUBDTTG]
indicators:
{indicators}"""


# --- submissions -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    id: str
    issuer: str
    recipients: tuple[str, ...]
    first_year: int


PLAN_40 = _Plan("40", "BDVTU", ("TU", "BDVTW", "UBDT"), 2022)
PLAN_2025 = _Plan("2025", "BTGDVTU", ("TU", "BTGDVTW", "DUBDTTG"), 2025)


def submission_yaml(size: Size, code: str, index: int) -> str:
    rng = random.Random(index)
    lines = [
        f'province: "{code}"',
        "existing_programme:",
        f"  number: {index % 90 + 1}-CTr/BDVTU-BCSĐUBND",
        "  date: 2020-06-01",
        "  partner: BCSĐ-UBND",
        "documents:",
        "  - kind: local_plan",
        '    plan: "40"',
        f"    number: {index % 50 + 1}-KH/BDVTU",
        "    date: 2022-03-10",
        "    received: 2022-03-15",
        "    issuers: [BDVTU, BCSĐ-UBND]",
        "    title: Kế hoạch phối hợp thực hiện Kế hoạch số 40-KH/BDVTW-BCSĐUBDT năm 2022",
        "  - kind: programme_review",
        '    plan: "40"',
        f"    number: {index % 50 + 51}-CTr/BDVTU-BCSĐUBND",
        "    date: 2022-03-18",
        "    received: 2022-03-22",
        "    issuers: [BDVTU, BCSĐ-UBND]",
        "    title: Chương trình phối hợp (sửa đổi, bổ sung) giai đoạn 2022–2025",
    ]
    lines += _reports(rng, PLAN_40, size.reports[0])
    lines += [
        "  - kind: local_plan",
        '    plan: "2025"',
        f"    number: {index % 50 + 1}-KH/BTGDVTU",
        "    date: 2025-05-20",
        "    received: 2025-05-23",
        "    issuers: [BTGDVTU]",
        "    title: Kế hoạch thực hiện Kế hoạch phối hợp công tác năm 2025",
    ]
    lines += _reports(rng, PLAN_2025, size.reports[1])
    return "\n".join(lines) + "\n"


def _reports(rng: random.Random, plan: _Plan, count: int) -> list[str]:
    lines: list[str] = []
    for n, (period, due) in enumerate(_periods(plan.first_year, count)[:count]):
        late = rng.random() < 0.1
        year, month = int(due[:4]), int(due[5:7])
        day = 25 if late else 12
        recipients = plan.recipients[:2] if rng.random() < 0.05 else plan.recipients
        values = ", ".join(f"{k}: {rng.randint(0, 3000)}" for k in INDICATORS)
        lines += [
            "  - kind: report",
            f'    plan: "{plan.id}"',
            f'    period: "{period}"',
            f"    number: {100 + n}-BC/{plan.issuer}",
            f"    date: {year}-{month:02d}-{day - 3:02d}",
            f"    received: {year}-{month:02d}-{day:02d}",
            f"    issuers: [{plan.issuer}]",
            f"    recipients: [{', '.join(recipients)}]",
            f"    title: {_q(f'Báo cáo kết quả thực hiện Kế hoạch {plan.id}, kỳ {period}')}",
            f"    indicators: {{{values}}}",
            "    highlights: >-",
            f"      Tổ chức {rng.randint(2, 30)} hội nghị quán triệt; thăm hỏi người có uy tín.",
            "    difficulties: >-",
            "      Địa bàn rộng, giao thông đi lại khó khăn vào mùa mưa.",
            "    recommendations: >-",
            "      Đề nghị Ủy ban Dân tộc sớm hướng dẫn thực hiện Dự án 10.",
        ]
    return lines


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def generate(size_name: str | Size, out: Path) -> Path:
    """Write the repository; an existing `out` is replaced."""
    size = SIZES[size_name] if isinstance(size_name, str) else size_name
    if size.documents < 4:
        raise ValueError("a unit has at least 4 documents: a local plan and more for each plan")
    if out.exists():
        shutil.rmtree(out)
    data = out / "data"
    (data / "submissions").mkdir(parents=True)
    (data / "provinces.yaml").write_text(provinces_yaml(size), encoding="utf-8")
    (data / "plan_40.yaml").write_text(plan_40_yaml(size), encoding="utf-8")
    (data / "plan_2025.yaml").write_text(plan_2025_yaml(size), encoding="utf-8")
    for index, (code, name) in enumerate(units(size)):
        path = data / "submissions" / f"{code}-{_slug(name)}.yaml"
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
