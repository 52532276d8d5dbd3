"""A file built from events reads exactly as through the node tree, or not at all.

yamlio.parse builds plain files from libyaml's events (cv651.yamlstream); anything
else goes back to the tree, which says what is wrong and where. These tests hold
the two to the same answers.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cv651 import yamlio, yamlstream

from .conftest import DEMO, PROJECT


def tree(text: str, compose=yamlio.compose):
    """What the node tree makes of `text` (the value, or the problem it raises)."""
    try:
        root = compose(text)
        if root is None:
            return None
        builder = yamlio._Builder(track_aliases=True, normalize=False, text=text)
        return builder.build(root, 0)
    except yamlio.YamlProblem as problem:
        return problem


def assert_same(text: str) -> None:
    """What the tree reads, events read alike; what the tree refuses, events leave to it."""
    built, expected = yamlstream.build(text, yamlio.MAX_DEPTH), tree(text)
    if isinstance(expected, yamlio.YamlProblem):
        assert built is yamlstream.NOT_PLAIN, (text, expected)
    else:
        assert built is not yamlstream.NOT_PLAIN, text
        assert built == expected, text


FILES = sorted(
    [*PROJECT.glob("tests/corpus/*/repo/**/*.y*ml"), *DEMO.glob("data/**/*.yaml")],
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_file_of_the_corpus_and_the_demo_reads_the_same(path):
    assert_same(path.read_bytes().decode("utf-8", "replace"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "a: 1\na: 2\n",  # duplicate key
        "a: &x [1]\nb: *x\n",  # anchor and alias
        "? [a]\n: b\n",  # a key that is a list
        "? {a: b}\n: c\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [1, 2\n",  # syntax
        "~: null\nq: '~'\nx: ~\ny: ''\nz:\n",  # keys as written, values null or text
        "a: !!str 012\nb: 012\nc: NO\n",  # tags ignored, every scalar text
        "- [a, {b: c}, [d]]\n- {}\n- []\n",
        "[" * 64 + "]" * 64,  # 64 levels deep: allowed
        "[" * 65 + "]" * 65,  # 65: refused, by the tree
    ],
)
def test_edge_cases_read_the_same_or_go_back_to_the_tree(text):
    assert_same(text)


def test_keys_are_the_text_as_written_and_values_null_or_text():
    text = "~: null\nq: '~'\nx: ~\ny: ''\nz:\n'': 1\n"
    assert yamlstream.build(text, 64) == {
        "~": None,
        "q": "~",
        "x": None,
        "y": "",
        "z": None,
        "": "1",
    }


def test_what_the_tree_refuses_is_never_built_from_events():
    assert yamlstream.build("[" * 64 + "]" * 64, 64) is not yamlstream.NOT_PLAIN
    assert yamlstream.build("a: 1\na: 2\n", 64) is yamlstream.NOT_PLAIN
    assert yamlstream.build("a: &x 1\nb: *x\n", 64) is yamlstream.NOT_PLAIN
    assert yamlstream.build("[" * 65 + "]" * 65, 64) is yamlstream.NOT_PLAIN


SCALARS = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["~", "null", "NO", "012", "2022-03-10", "a: b", "- x", "#", "'q'"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(VALUES, st.booleans())
def test_any_dumped_value_reads_the_same(value, flow):
    assert_same(yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow))


def _big(text_of_one: str, n: int) -> str:
    return "province: '02'\ndocuments:\n" + "".join(text_of_one.format(i=i) for i in range(n))


DOC = "  - kind: report\n    number: {i}-BC/BDVTU\n    date: 2022-06-09\n    issuers: [BDVTU]\n"


def _as_if_libyaml_were_old(monkeypatch, old: bool) -> None:
    # PyYAML 6.0.3's wheels carry libyaml 0.2.5, which has no nesting limit of its own
    # (CI's machine had it). Only ever pretend it is older: a real 0.2.5 told it is
    # newer would skip the depth check and crash in its recursive composer.
    if old:
        monkeypatch.setattr(yamlio, "_LIBYAML_LIMITS_NESTING", False)


@pytest.mark.parametrize("old_libyaml", [False, True])
@pytest.mark.parametrize("documents", [1, 4, 2000])
def test_a_plain_file_is_built_from_events_and_reads_the_same(monkeypatch, documents, old_libyaml):
    _as_if_libyaml_were_old(monkeypatch, old_libyaml)
    text = _big(DOC, documents)
    calls = []
    real = yamlstream.build
    monkeypatch.setattr(yamlstream, "build", lambda *a: calls.append(1) or real(*a))
    composed = []
    real_compose = yamlio.compose
    monkeypatch.setattr(yamlio, "compose", lambda t: composed.append(1))
    assert yamlio.parse(text) == tree(text, compose=real_compose)
    assert (calls, composed) == ([1], [])


def test_a_file_with_an_anchor_goes_to_the_tree(monkeypatch):
    calls = []
    monkeypatch.setattr(yamlstream, "build", lambda *a: calls.append(1))
    assert yamlio.parse("a: &x 1\n") == {"a": "1"}
    assert calls == []


@pytest.mark.parametrize(
    ("extra", "code", "line"),
    [
        ("  - kind: report\n    kind: plan\n", "yaml-duplicate-key", 8004),
        ("  - kind: &k report\n  - kind: *k\n", "yaml-alias", 8004),
        ("  - " + "[" * 70 + "]" * 70 + "\n", "yaml-too-deep", 8003),
        ("  - " + "[" * 100_000 + "]" * 100_000 + "\n", "yaml-too-deep", 8003),
    ],
)
@pytest.mark.parametrize("old_libyaml", [False, True])
def test_a_large_file_with_a_problem_is_told_as_the_tree_tells_it(
    monkeypatch, extra, code, line, old_libyaml
):
    _as_if_libyaml_were_old(monkeypatch, old_libyaml)
    with pytest.raises(yamlio.YamlProblem) as caught:
        yamlio.parse(_big(DOC, 2000) + extra)
    assert (caught.value.code, caught.value.line) == (code, line)
