"""The bundled provinces file against the reference lists (copied from the shared
facts into tests/reference/): 63 units in 2022, Huế on 01/01/2025, 34 from 01/7/2025."""

import csv
from datetime import date

from cv651.loader import load_repository
from cv651.text import fold_place

from .conftest import PROJECT

REFERENCE = PROJECT / "tests" / "reference"


def _tsv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _units():
    repository = load_repository(PROJECT).repository
    assert repository is not None
    return repository.units


def _same_name(a: str, b: str) -> bool:  # Hoà/Hòa: tone placement does not matter
    return fold_place(a) == fold_place(b)


def test_2022_units_match_the_reference():
    units = _units()
    for day in (date(2022, 1, 1), date(2024, 12, 31)):
        in_force = {u.code: u for u in units.in_force(day)}
        expected = _tsv("provinces-2022.tsv")
        assert set(in_force) == {r["code"] for r in expected}
        for row in expected:
            unit = in_force[row["code"]]
            assert _same_name(unit.name, row["name"]), row
            assert (unit.kind, unit.region) == (row["kind"], row["region"]), row


def test_hue_became_a_city_on_1_january_2025():
    units = _units()
    assert units.on("46", date(2024, 12, 31)).name == "Thừa Thiên Huế"
    hue = units.on("46", date(2025, 1, 1))
    assert (hue.name, hue.kind) == ("Huế", "city")
    assert len(units.in_force(date(2025, 1, 1))) == 63


def test_2025_units_match_the_reference():
    units = _units()
    before = {u.code: u for u in units.in_force(date(2025, 6, 30))}
    in_force = {u.code: u for u in units.in_force(date(2025, 7, 1))}
    expected = _tsv("provinces-2025.tsv")
    assert set(in_force) == {r["code"] for r in expected} and len(in_force) == 34
    for row in expected:
        unit = in_force[row["code"]]
        formed_from = row["formed_from"].split(",")
        assert _same_name(unit.name, row["name"]) and unit.kind == row["kind"], row
        if formed_from == [row["code"]]:
            assert unit.formed_from == () and unit.until is None, row
            continue
        assert set(unit.formed_from) == set(formed_from), row
        assert unit.since == date(2025, 7, 1)
        seat = before[row["code"]]  # the seat's province keeps its code ...
        assert _same_name(seat.name, row["seat_in"].removeprefix("TP. ")), row
        assert unit.region == seat.region  # ... and gives its region
        for code in formed_from:
            assert before[code].until == date(2025, 6, 30)
            assert units.on(code, date(2025, 7, 1)) is None or code == row["code"]
    assert in_force["80"].name == "Tây Ninh" and before["80"].name == "Long An"


def test_codes_that_ended_say_where_they_went():
    units = _units()
    assert (
        units.absence("72", date(2025, 11, 30)).said()
        == "merged into Tây Ninh (code 80) on 01/7/2025"
    )
    assert (
        units.absence("02", date(2026, 1, 1)).said()
        == "merged into Tuyên Quang (code 08) on 01/7/2025"
    )
