import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cv651.text import closest, fold, fold_place, slugify, strip_marks


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hà Giang", "ha-giang"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("Đắk Lắk", "dak-lak"),
        ("Hồ Chí Minh", "ho-chi-minh"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_fold_ignores_case_diacritics_and_tone_placement():
    assert fold("Hoà Bình") == fold("Hòa Bình") == fold("HOA BINH") == "hoa binh"
    assert fold("Khánh Hoà") == fold("Khánh Hòa")


@pytest.mark.parametrize(
    "typed", ["Tỉnh Thanh Hóa", "thanh hoa", "TP. Thanh Hóa", "thành phố thanh hoá"]
)
def test_fold_place_drops_unit_words_but_not_thanh_in_names(typed):
    assert fold_place(typed) == "thanh hoa"


def test_closest_suggests_names():
    assert closest("ha noii", ["Hà Nội", "Hà Nam", "Hà Giang"])[0] == "Hà Nội"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_strip_marks_drops_exactly_the_combining_marks(text):
    """The translate table filled as letters are met says what its definition says."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert strip_marks(text) == bare.replace("đ", "d").replace("Đ", "D")


def test_strip_marks_on_vietnamese():
    assert strip_marks("Đắk Lắk") == "Dak Lak"
    assert strip_marks(unicodedata.normalize("NFD", "Thừa Thiên Huế")) == "Thua Thien Hue"
