"""The bundled data holds the facts of 2022, and the demo stays in step with it."""

from collections import Counter
from datetime import date
from pathlib import Path

from cv651.loader import load_repository
from cv651.text import fold_place

from .conftest import BUNDLED, DEMO, PROJECT


def _repository():
    repository = load_repository(PROJECT).repository
    assert repository is not None
    return repository


def test_sixty_three_units_five_cities_six_regions():
    units = _repository().units.in_force(date(2022, 6, 1))
    assert len(units) == 63
    assert len({p.code for p in units}) == 63
    assert sorted(p.name for p in units if p.kind == "city") == [
        "Cần Thơ",
        "Hà Nội",
        "Hải Phòng",
        "Hồ Chí Minh",
        "Đà Nẵng",
    ]
    assert Counter(p.region for p in units) == {
        "tdmnpb": 14,
        "dbsh": 11,
        "btb-dhmt": 14,
        "tn": 5,
        "dnb": 6,
        "dbscl": 13,
    }


def test_known_facts():
    by_code = {p.code: p for p in _repository().units.in_force(date(2022, 6, 1))}
    assert (by_code["02"].name, by_code["79"].name, by_code["96"].name) == (
        "Hà Giang",
        "Hồ Chí Minh",
        "Cà Mau",
    )
    assert by_code["22"].region == "dbsh"  # Quảng Ninh belongs to the Red River Delta region


def test_aliases_people_type():
    aliases = {fold_place(a): p.name for p in _repository().provinces for a in p.aliases}
    for typed, name in [
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Hoà Bình", "Hòa Bình"),
    ]:
        assert aliases[fold_place(typed)] == name


def test_plan_follows_letter_651():
    plan = _repository().plan
    assert plan.directive.number == "651-CV/BDVTW"
    assert [t.clause for t in plan.tasks] == [1, 2, 3]
    assert plan.periods == ("2022H1", "2022")
    assert set(plan.tasks[2].recipients) == {"TU", "BDVTW", "UBDT"}
    assert "not a fact of the letter" in (BUNDLED / "plan_40.yaml").read_text(encoding="utf-8")


def test_no_real_submissions_are_shipped():
    assert not list((BUNDLED / "submissions").glob("*.yaml"))


def test_demo_uses_the_bundled_provinces_and_plan():
    def body(path: Path) -> list[str]:  # the schema line differs: its path is relative
        return path.read_text(encoding="utf-8").splitlines()[1:]

    for name in ("provinces.yaml", "plan_40.yaml"):
        assert body(DEMO / "data" / name) == body(BUNDLED / name)


def test_every_demo_submission_is_marked_illustrative():
    files = list((DEMO / "data" / "submissions").glob("*.yaml"))
    assert len(files) >= 12
    for path in files:
        assert "MINH HỌA" in Path(path).read_text(encoding="utf-8").splitlines()[1]
