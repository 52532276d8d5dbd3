import pytest
import yaml

from cv651 import yamlio
from cv651.loader import load_repository


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


# Text nested `n` levels, and where the error points: below 1,000 levels at the
# 65th, which cv651 refuses; past them where libyaml (0.2.6) refuses, at its
# own limit, before its recursive composer could crash. (Block nesting takes n²
# characters: it is written only 3,000 levels deep.)
DEEP = {
    "flow": (lambda n: "a: " + "[" * n + "]" * n, (1, 67), (1, 1003)),
    "flow mapping": (lambda n: "a: " + "{b: " * n + "}" * n, (1, 256), (1, 4000)),
    "block": (
        lambda n: "".join("  " * i + "k:\n" for i in range(min(n, 3000))),
        (65, 129),
        (1000, 2000),
    ),
    "dashes": (lambda n: "a:\n  " + "- " * n + "x\n", (2, 129), (2, 1999)),
}


@pytest.mark.parametrize("depth", [65, 1_001, 100_000])
@pytest.mark.parametrize("shape", list(DEEP))
def test_deep_nesting_is_refused_with_line_and_column(shape, depth):
    write, at_65, past_1000 = DEEP[shape]
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.parse(write(depth))
    where = at_65 if depth < 1000 or not yamlio._LIBYAML_LIMITS_NESTING else past_1000
    assert (info.value.code, info.value.line, info.value.col) == ("yaml-too-deep", *where)
    assert info.value.message == "nested more than 64 levels deep"


def test_a_file_nested_too_deep_is_named_with_line_and_column(tmp_path):
    (tmp_path / "data" / "submissions").mkdir(parents=True)
    path = "data/submissions/02-ha-giang.yaml"
    (tmp_path / path).write_text("documents: " + "[" * 100_000 + "]" * 100_000 + "\n")
    loaded = load_repository(tmp_path)
    [error] = [d for d in loaded.errors if d.path == path]
    assert (error.code, error.line) == ("yaml-too-deep", 1) and error.col > 12


@pytest.mark.skipif(not yamlio._LIBYAML_LIMITS_NESTING, reason="libyaml < 0.2.6")
def test_a_file_full_of_brackets_is_parsed_once(monkeypatch):
    # The depth pre-check parsed every file with 500 brackets twice: 24% of
    # `status` on 200 reports a province (issue 17). libyaml 0.2.6 limits depth itself.
    def second_parse(text):
        raise AssertionError("parsed twice")

    monkeypatch.setattr(yamlio, "_events", second_parse)
    text = "".join(f"r{i}: {{a: [x, y], b: [z]}}\n" for i in range(400)) + " " * 600 + "\n"
    assert len(yamlio.parse(text)) == 400


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
