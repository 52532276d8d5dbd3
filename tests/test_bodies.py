"""Bodies over time: the plan's `office` heads the documents and its `addressees` receive
the reminders; no body's name is written in code or in a built-in template."""

import ast
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cv651.bodies import BodyMatcher, abbreviation
from cv651.loader import load_repository
from cv651.models import DEFAULT_OFFICE, Office
from cv651.reminder import build_reminder
from cv651.report import Draft, build_summary, office_fields

from .conftest import DEMO, PROJECT

# Full names of bodies that changed in 2025 (reorganization-2025.md).
BODY_NAMES = re.compile(r"Dân vận|Dân tộc|Ban cán sự|Tuyên giáo", re.IGNORECASE)
SOURCES = PROJECT / "src" / "cv651"


def _strings(path: Path) -> list[tuple[int, str]]:
    """A module's string constants, without docstrings (those explain, they are not output)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


def test_no_body_is_named_in_code():
    found = [
        f"{path.relative_to(PROJECT)}:{line}: {text[:60]}"
        for path in sorted(SOURCES.rglob("*.py"))
        if path.name != "models.py"  # the documented default, and the schema's descriptions
        for line, text in _strings(path)
        if BODY_NAMES.search(text)
    ]
    assert found == []


def _bundled_keys() -> set[str]:
    """The bodies' keys of the bundled plans, as code might spell them (BDVTW, bdvtw)."""
    plans = [PROJECT / "data/plan_40.yaml", *(PROJECT / "examples").glob("*/data/plan_*.yaml")]
    keys = {key for plan in plans for key in yaml.safe_load(plan.read_text("utf-8"))["bodies"]}
    return {abbreviation(key) for key in keys if len(abbreviation(key)) >= 3}


def test_no_body_is_abbreviated_in_code():
    """`bdvtw` or `ubdt` in a pattern is Plan 40 in code: the matcher learns them from the
    plan's `bodies` (help texts may still show `95-BC/BDVTU` as an example)."""
    keys = _bundled_keys()
    assert {"BDVTW", "UBDT", "BTGDVTW"} <= keys
    found = [
        f"{path.relative_to(PROJECT)}:{line}: {text[:60]}"
        for path in sorted(SOURCES.rglob("*.py"))
        if path.name != "models.py"
        for line, text in _strings(path)
        for word in re.findall(r"\b[a-z]{3,}\b", text.replace("\\b", " "))
        if word.upper() in keys
    ]
    assert found == []


@pytest.mark.parametrize(
    ("plan", "line", "bodies"),
    [
        ("data/plan_40.yaml", "- BDVTW (để B/c),", ["BDVTW"]),
        ("data/plan_40.yaml", "- Ban DVTW,", ["BDVTW"]),
        ("data/plan_40.yaml", "Đề nghị UBDT và Ban Dân vận TW quan tâm", ["UBDT", "BDVTW"]),
        ("data/plan_40.yaml", "- BCS đảng UBND tỉnh (p/h),", ["BCSĐ-UBND"]),
        ("data/plan_40.yaml", "- BCSĐ UBDT (để b/c),", ["UBDT"]),  # not twice the cadres
        ("data/plan_40.yaml", "Đề nghị Ban cán sự đảng UBDT quan tâm", ["UBDT"]),
        ("data/plan_40.yaml", "- Ban DVTU,", ["BDVTU"]),
        ("data/plan_40.yaml", "Đề nghị DVTU", []),  # a field's initials only after `Ban`
        ("data/plan_40.yaml", "Tiếp tục thực hiện Kế hoạch 40-KH/BDVTW-BCSĐUBDT", []),
        (  # a number, then a new phrase: the body after it is still named
            "data/plan_40.yaml",
            "Kế hoạch 40-KH/BDVTW-BCSĐUBDT - Ban Dân vận Trung ương cần hướng dẫn thêm",
            ["BDVTW"],
        ),
        ("data/plan_40.yaml", "- BDVTW/BCSĐ UBDT (b/c)", ["BDVTW", "UBDT"]),
        ("data/plan_40.yaml", "BÁO CÁO KẾT QUẢ TỪ NĂM 2022", []),  # TU is `TỪ` in capitals
        ("data/plan_40.yaml", "- Ban Tuyên giáo Tỉnh ủy,", []),
        ("examples/2025/data/plan_2025.yaml", "- BTGDVTW (để B/c),", ["BTGDVTW"]),
        ("examples/2025/data/plan_2025.yaml", "- ĐUBDTTG,", ["DUBDTTG"]),
    ],
)
def test_a_body_is_known_by_its_name_its_key_or_its_initials(plan, line, bodies):
    matcher = BodyMatcher.of(yaml.safe_load((PROJECT / plan).read_text("utf-8"))["bodies"])
    assert matcher.in_text(line) == bodies


def test_a_word_with_marks_is_never_an_abbreviation():
    """A key that is a Vietnamese word without its marks (`CAN`) is not `CẦN` in a heading."""
    matcher = BodyMatcher.of({"CAN": "Cơ quan An ninh"})
    assert matcher.in_text("CẦN ĐẨY MẠNH") == [] and matcher.in_text("- CAN,") == ["CAN"]


def test_no_body_is_named_in_the_built_in_templates():
    for path in sorted((PROJECT / "templates").iterdir()):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as docx:
                text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
        else:
            text = path.read_text(encoding="utf-8")
        assert not BODY_NAMES.search(text), path.name


def test_the_default_office_is_ban_dan_van_and_plan_40_says_so():
    plan = load_repository(PROJECT).repository.plan
    assert (
        plan.office
        == DEFAULT_OFFICE
        == Office(
            superior="BAN CHẤP HÀNH TRUNG ƯƠNG",
            name="BAN DÂN VẬN",
            abbreviation="BDVTW",
            place="Hà Nội",
            capacity="K/T TRƯỞNG BAN",
            title="PHÓ TRƯỞNG BAN",
            reports_to="Bộ Chính trị, Ban Bí thư (để B/c)",
        )
    )
    assert plan.addressees == ("BDVTU", "BCSĐ-UBND")


def _with_office(repository):
    office = Office(
        superior="BAN CHẤP HÀNH TRUNG ƯƠNG",
        name="BAN TUYÊN GIÁO VÀ DÂN VẬN",
        abbreviation="BTGDVTW",
        place="Thủ đô Hà Nội",
    )
    bodies = {**repository.plan.bodies, "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy"}
    plan = repository.plan.model_copy(
        update={"office": office, "addressees": ("BTGDVTU",), "bodies": bodies}
    )
    return repository.model_copy(update={"plan": plan})


def test_the_office_heads_the_summary_and_the_reminder():
    repository = _with_office(load_repository(DEMO).repository)
    day = date(2022, 7, 1)
    draft = Draft(day, **office_fields(repository.plan))
    summary = build_summary(repository, "2022H1", day, draft)
    assert summary["header"]["issuer"] == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    assert summary["header"]["number"].endswith("-BC/BTGDVTW")
    assert summary["header"]["place_date"].startswith("Thủ đô Hà Nội, ")
    reminder = build_reminder(repository, "2022H1", day, draft)
    assert reminder["header"]["number"].endswith("-CV/BTGDVTW")
    assert all("Tuyên giáo và Dân vận" in line for line in reminder["addressees"])


def test_the_office_says_how_it_signs_and_whom_it_reports_to():
    """No signing words in code: the plan's office gives them; the command line wins for
    one document; an office that is silent signs as Ban Dân vận Trung ương did."""
    repository = _with_office(load_repository(DEMO).repository)
    office = repository.plan.office.model_copy(
        update={
            "capacity": "T/M BAN THƯỜNG VỤ",
            "title": "TRƯỞNG BAN",
            "reports_to": "Ban Bí thư (để B/c)",
        }
    )
    plan = repository.plan.model_copy(update={"office": office})
    fields = office_fields(plan)
    assert (fields["capacity"], fields["title"], fields["reports_to"]) == (
        "T/M BAN THƯỜNG VỤ",
        "TRƯỞNG BAN",
        "Ban Bí thư (để B/c)",
    )
    day = date(2022, 7, 1)
    summary = build_summary(
        repository.model_copy(update={"plan": plan}), "2022H1", day, Draft(day, **fields)
    )
    assert summary["recipients"][0] == "- Ban Bí thư (để B/c),"
    given = office_fields(plan, capacity="", title="PHÓ TRƯỞNG BAN")
    assert (given["capacity"], given["title"]) == ("", "PHÓ TRƯỞNG BAN")
    silent = office_fields(_with_office(load_repository(DEMO).repository).plan)
    assert (silent["capacity"], silent["title"], silent["reports_to"]) == (
        DEFAULT_OFFICE.capacity,
        DEFAULT_OFFICE.title,
        DEFAULT_OFFICE.reports_to,
    )


def test_reminder_addressees_carry_the_units_name_of_the_day():
    repository = _with_office(load_repository(DEMO).repository)
    plan = repository.plan
    tasks = tuple(
        t.model_copy(update={"periods": (p.model_copy(update={"due": date(2025, 11, 28)}),)})
        if t.periods
        else t.model_copy(update={"due": date(2025, 11, 28)})
        for t in plan.tasks
        for p in (t.periods[:1] or (None,))
    )
    repository = repository.model_copy(update={"plan": plan.model_copy(update={"tasks": tasks})})
    day = date(2025, 12, 15)
    reminder = build_reminder(repository, "2022H1", day, Draft(day))
    names = {p["code"]: p["name"] for p in reminder["provinces"]}
    assert len(names) <= 34 and names.get("80") == "Tây Ninh" and "72" not in names


@settings(max_examples=300, deadline=None)
@example("9" * 20_000 + "-KH/BDVTW")  # long runs cost linear time, not quadratic
@example(" " * 20_000 + "- BDVTW")
@given(
    st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
        | st.sampled_from(
            ["BDVTW", "Ban", "BCSĐ", "UBDT", "-KH/", "Đ/c", "TW", "(để B/c)", "Ủy ban"]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_any_line_names_known_bodies_or_none_and_never_fails(line):
    """Whatever a scanned page or a clerk's paste holds, the matcher answers with the
    plan's keys, each once, in the order met."""
    found = MATCHER_40.in_text(line)
    assert set(found) <= set(BODIES_40) and len(found) == len(set(found))


BODIES_40 = yaml.safe_load((PROJECT / "data/plan_40.yaml").read_text("utf-8"))["bodies"]
MATCHER_40 = BodyMatcher.of(BODIES_40)
