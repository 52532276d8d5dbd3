from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from cv651 import fields


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("10/03/2022", "did you mean 2022-03-10?"),
        ("30/06/2022", "did you mean 2022-06-30?"),
        ("2022-6-3", "did you mean 2022-06-03?"),
        ("2022/06/03", "did you mean 2022-06-03?"),
        ("10.3.2022", "did you mean 2022-03-10?"),
        ("next week", None),
    ],
)
def test_dates_typed_loosely_get_a_hint(typed, hint):
    with pytest.raises(PydanticCustomError) as info:
        fields.parse_date(typed)
    assert info.value.context["code"] == "bad-date"
    assert info.value.context["hint"] == hint


@pytest.mark.parametrize("impossible", ["2022-02-30", "2022-13-01", "2021-02-29"])
def test_impossible_dates_are_errors(impossible):
    with pytest.raises(PydanticCustomError, match="no such day"):
        fields.parse_date(impossible)


def test_iso_dates_parse():
    assert fields.parse_date("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("02", True),
        ("79", True),
        ("12345", True),
        ("2", False),
        ("123456", False),
        ("Hà Giang", False),
    ],
)
def test_codes(value, ok):
    if ok:
        assert fields.parse_code(value) == value
    else:
        with pytest.raises(PydanticCustomError):
            fields.parse_code(value)


def test_single_digit_code_suggests_the_leading_zero():
    with pytest.raises(PydanticCustomError) as info:
        fields.parse_code("2")
    assert '"02"' in info.value.context["hint"]


@pytest.mark.parametrize(
    ("typed", "hint"), [("2022-H1", "2022H1"), ("H1/2022", "2022H1"), ("2022h2", "2022H2")]
)
def test_periods_typed_loosely_get_a_hint(typed, hint):
    with pytest.raises(PydanticCustomError) as info:
        fields.parse_period(typed)
    assert hint in info.value.context["hint"]


@pytest.mark.parametrize(
    ("typed", "hint"), [("1.500", "1500"), ("7,410", "7410"), ("-2", "negative"), ("12.5", None)]
)
def test_counts(typed, hint):
    with pytest.raises(PydanticCustomError) as info:
        fields.parse_count(typed)
    assert (hint is None and info.value.context["hint"] is None) or hint in info.value.context[
        "hint"
    ]
    assert fields.parse_count("1500") == 1500


# The field types validate inside pydantic-core and leave the parsers above to
# explain a failure: both must accept exactly the same values, as the same value.
_FIELD = {
    name: TypeAdapter(annotation)
    for name, annotation in {
        "date": fields.Day,
        "code": fields.Code,
        "period": fields.Period,
        "count": fields.Count,
    }.items()
}
_TYPED = st.one_of(
    st.text(alphabet="0123456789-/. H12\n١٢", max_size=12),
    st.dates().map(date.isoformat),
    st.integers(min_value=-5, max_value=10**20).map(str),
    st.sampled_from(["2022H1", "2022h1", "2022-02-30", " 2022-03-10 ", "02\n", "1 500", "+5"]),
)


@given(value=st.one_of(_TYPED, st.none(), st.integers(), st.booleans(), st.dates()))
@pytest.mark.parametrize("name", list(_FIELD))
def test_field_types_accept_what_their_parsers_accept(name, value):
    try:
        expected = fields.PARSERS[name](value)
    except PydanticCustomError:
        expected = "refused"
    try:
        got = _FIELD[name].validate_python(value)
    except ValidationError as exc:
        assert [e["type"] for e in exc.errors()] == [f"cv651-{name}"]
        got = "refused"
    assert got == expected and type(got) is type(expected)
