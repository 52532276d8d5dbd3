import pytest
import yaml

from cv651 import yamlio


def test_scalars_stay_the_text_that_was_typed():
    data = yamlio.parse("code: 02\nok: NO\nday: 2022-03-10\nn: 012\nperiod: 2022\nempty:\nq: '~'\n")
    assert data == {
        "code": "02",
        "ok": "NO",
        "day": "2022-03-10",
        "n": "012",
        "period": "2022",
        "empty": None,
        "q": "~",
    }


def test_empty_document_is_none():
    assert yamlio.parse("# only a comment\n") is None


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3, 1),
        ("a:\n  x: 1\n  x: 2\n", "yaml-duplicate-key", 3, 3),
        ("a: &anchor [1, 2]\nb: *anchor\n", "yaml-alias", 2, 1),
        ("a:\n\t- b\n", "yaml-syntax", 2, 1),
        ("a: 'open\nb: 2\n", "yaml-syntax", 3, 1),
        ("a: 1\n  b: 2\n", "yaml-syntax", 2, 4),
        ("a: b: c\n", "yaml-syntax", 1, 5),
        ("a: *nothing\n", "yaml-syntax", 1, 4),
        ("a: 1\n---\nb: 2\n", "yaml-syntax", 2, 1),
        ("? [a]\n: 1\n", "yaml-complex-key", 1, 3),
    ],
)
def test_problems_are_located(text, code, line, col):
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.parse(text)
    assert (info.value.code, info.value.line, info.value.col) == (code, line, col)


def test_tab_indentation_gets_a_hint():
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.parse("a:\n\t- b\n")
    assert "spaces" in (info.value.hint or "")


@pytest.mark.parametrize("depth", [65, 100_000])
def test_deep_flow_nesting_is_refused_not_crashed(depth):
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.parse("a: " + "[" * depth + "]" * depth)
    assert info.value.code == "yaml-too-deep"


def test_deep_block_nesting_is_refused():
    text = "".join("  " * i + "k:\n" for i in range(2000))
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.parse(text)
    assert info.value.code == "yaml-too-deep"


def test_alias_bomb_is_refused_quickly():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        lines.append(
            f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ", ".join([f"*{prev}"] * 9) + "]"
        )
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.parse("\n".join(lines))
    assert info.value.code == "yaml-alias"


def test_decomposed_unicode_is_normalized():
    decomposed = "name: Ha\u0300 Giang\n"  # 'à' as 'a' + combining grave
    assert yamlio.parse(decomposed) == {"name": "Hà Giang"}


def test_locate_points_at_value_or_key():
    root = yamlio.compose("a:\n  - x: 1\n    y: [p, q]\n")
    assert yamlio.locate(root, ("a", 0, "y", 1)) == (3, 12)
    assert yamlio.locate(root, ("a", 0, "y"), key=True) == (3, 5)
    assert yamlio.locate(root, ("a", 5, "zz")) == (2, 3)  # as deep as it exists


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_parsing_uses_libyaml_where_it_is_installed():
    # A silent fall back to the pure-Python parser made `validate` 7x slower once.
    assert "yaml._yaml" in {cls.__module__ for cls in yamlio._Loader.__mro__}
