"""The one wrapper around PyYAML: text in, plain data (and where it came from) out.

YAML 1.1 resolvers turn `NO` into False, `012` into 10 and `2022-03-10` into a
date. cv651 wants none of that: every scalar stays the text the clerk typed
(plain `~`/`null`/empty is None) and the models give it meaning. Duplicate keys
and aliases are refused, because both hide what a file says.
"""

from __future__ import annotations

import functools
import gc
import operator
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from cv651 import yamlstream
from cv651.i18n import N_, _

_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

try:  # libyaml's parser and composer are ~10x faster; fall back where it is missing
    from yaml._yaml import get_version as _libyaml_version
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    # libyaml 0.2.6 refuses nesting past 1,000 levels itself ("maximum nesting
    # depth"), before its recursive composer could crash; older ones need the
    # pre-check below, which parses a suspicious file twice (issue 17).
    _LIBYAML_LIMITS_NESTING: bool = _libyaml_version() >= (0, 2, 6)
except ImportError:  # pragma: no cover
    _LIBYAML_LIMITS_NESTING = False
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Loader(_Parser):
    """Parse and compose only, with no implicit typing: every scalar is text.

    PyYAML's resolvers run a regular expression per scalar to guess its type,
    which was 20% of `validate` on a large repository, for a type cv651 ignores.
    """

    # libyaml's composer calls these two for every node, for path-based
    # resolvers cv651 has none of: C callables that ignore their arguments cost
    # less than Python methods that do (5% of composing; issue 17).
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(gc.isenabled)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]


MAX_DEPTH = 64  # real files nest 5 deep; libyaml < 0.2.6 crashed near 100,000
_NULLS = yamlstream.NULLS
_DEEP_LIST = re.compile(r"(?:-[ \t]+){32}")
# Control characters reach a scalar only through escapes ("\e", "\x07", "\0") or as
# the line separators libyaml lets through raw (NEL, U+2028, U+2029). Tab and newline
# are text; the rest would drive a terminal, break an XLSX, or shift line numbers.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_MAYBE_CONTROL = re.compile(r"[\\\x85\u2028\u2029]")

Loc = tuple[str | int, ...]


@dataclass
class YamlProblem(Exception):
    """A problem with the YAML itself, at a 1-based line and column."""

    line: int
    col: int
    code: str
    message: str
    hint: str | None = None


def parse(text: str, problems: list[YamlProblem] | None = None) -> Any:
    """Parse one YAML document into dicts, lists, str and None.

    Raises YamlProblem for syntax errors, duplicate keys, aliases and nesting
    deeper than MAX_DEPTH. Control characters in a scalar are appended to
    `problems` when it is given (the value is kept, so the other checks still run),
    else raised.
    """
    track_aliases = "&" in text
    normalize = not unicodedata.is_normalized("NFC", text)
    controls = _MAYBE_CONTROL.search(text) is not None
    plain = not (track_aliases or normalize or controls)
    if plain:  # libyaml's event parser is iterative, whatever its version
        value = yamlstream.build(text, MAX_DEPTH)
        if value is not yamlstream.NOT_PLAIN:
            return value
    root = compose(text)
    if root is None:
        return None
    builder = _Builder(
        track_aliases=track_aliases,
        normalize=normalize,
        controls=controls,
        text=text,
        problems=problems,
    )
    return builder.build(root, 0)


def compose(text: str) -> yaml.Node | None:
    if not _LIBYAML_LIMITS_NESTING:
        _check_depth(text)
    try:
        loader = _Loader(text)
        try:
            node: yaml.Node | None = loader.get_single_node()
            return node
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        mark = getattr(exc, "mark", None) or getattr(exc, "problem_mark", None)
        line, col = _position(mark, text)
        raise YamlProblem(line, col, "yaml-syntax", str(exc).splitlines()[0]) from None


def locate(
    root: yaml.Node | None, loc: Loc, *, key: bool = False, text: str | None = None
) -> tuple[int, int]:
    """Line and column of the value at `loc` (or of its key), as deep as it exists."""
    if root is None:
        return (1, 1)
    node, mark = root, root.start_mark
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        key_node, node = child
        mark = key_node.start_mark if key and part == loc[-1] and key_node else node.start_mark
    return _position(mark, text)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part or str(key_node.value) == str(part):
                return key_node, value_node
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return None, node.value[part]
    return None


class _Builder:
    """Nodes to plain values. A file without anchors, decomposed letters or escapes
    (all but odd ones) takes the `plain` path: its scalars are read in the loop
    over their parent, not through a call each (a tenth of `validate`; issue 17)."""

    def __init__(
        self,
        *,
        track_aliases: bool,
        normalize: bool,
        controls: bool = False,
        text: str = "",
        problems: list[YamlProblem] | None = None,
    ) -> None:
        self.seen: set[int] | None = set() if track_aliases else None
        self.normalize = normalize
        self.controls = controls
        self.source = text
        self.problems = problems
        self.plain = not track_aliases and not normalize and not controls

    def at(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> YamlProblem:
        return _at(node, code, message, hint, self.source)

    def line(self, node: yaml.Node) -> int:
        return _position(node.start_mark, self.source)[0]

    def text(self, node: yaml.Node) -> str:
        value: str = node.value
        if self.controls and (found := _CONTROL.search(value)):
            problem = _at(
                node,
                "control-character",
                _("an invisible control character (U+{code:04X}) in this text").format(
                    code=ord(found[0])
                ),
                _("remove it: it breaks Excel files and terminals (retype the text if unsure)"),
                self.source,
            )
            if self.problems is None:
                raise problem
            self.problems.append(problem)
        return unicodedata.normalize("NFC", value) if self.normalize else value

    def build(self, node: yaml.Node, depth: int, where: yaml.Node | None = None) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:
                # The aliased node still carries the anchor's mark; point at the
                # key (or list) that uses the alias instead.
                raise self.at(
                    where or node,
                    "yaml-alias",
                    _("aliases (*name) are not allowed"),
                    _("write the value out in full"),
                )
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:
                return None
            return self.text(node)
        if depth >= MAX_DEPTH:
            raise self.at(
                node,
                "yaml-too-deep",
                _("nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
            )
        if isinstance(node, yaml.SequenceNode):
            if self.plain:
                return [
                    (None if not item.style and item.value in _NULLS else item.value)
                    if type(item) is _SCALAR
                    else self.build(item, depth + 1, node)
                    for item in node.value
                ]
            return [self.build(item, depth + 1, node) for item in node.value]
        return self.mapping(node, depth)

    def mapping(self, node: yaml.Node, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        plain = self.plain
        for key_node, value_node in node.value:
            if type(key_node) is not _SCALAR:
                raise self.at(key_node, "yaml-complex-key", _("a key must be plain text"))
            key = key_node.value if plain else self.text(key_node)
            if key in result:
                raise self.duplicate(node, key_node, key)
            if plain and type(value_node) is _SCALAR:
                value = value_node.value
                result[key] = None if not value_node.style and value in _NULLS else value
            else:
                result[key] = self.build(value_node, depth + 1, key_node)
        return result

    def duplicate(self, mapping: yaml.Node, key_node: yaml.Node, key: str) -> YamlProblem:
        first = next(k for k, _ in mapping.value if unicodedata.normalize("NFC", k.value) == key)
        return self.at(
            key_node,
            "yaml-duplicate-key",
            _("duplicate key '{key}' (first at line {line})").format(
                key=key, line=self.line(first)
            ),
            _("keep one of them; YAML would silently drop the first"),
        )


_SCALAR = yaml.ScalarNode


def _at(
    node: yaml.Node, code: str, message: str, hint: str | None = None, text: str | None = None
) -> YamlProblem:
    line, col = _position(node.start_mark, text)
    return YamlProblem(line, col, code, message, hint)


def _check_depth(text: str) -> None:
    """Refuse nesting that would crash the recursive composer of libyaml < 0.2.6.

    Brackets, long runs of indentation and `- - -` chains bound the depth; the
    checks are substring scans in C. Only a file that fails them is walked
    event by event (libyaml's parser is iterative).
    """
    flow = text.count("[") + text.count("{")
    if flow < 500 and " " * 500 not in text and ("- -" not in text or not _DEEP_LIST.search(text)):
        return
    depth = 0
    try:
        for event in _events(text):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = _position(event.start_mark, text)
                    message = _("nested more than {MAX_DEPTH} levels deep").format(
                        MAX_DEPTH=MAX_DEPTH
                    )
                    raise YamlProblem(line, col, "yaml-too-deep", message)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            yield event
    finally:
        loader.dispose()


_SYNTAX_HINTS = (
    (N_("tab character"), N_("indent with spaces, not tabs")),
    (N_("found character '\\t'"), N_("indent with spaces, not tabs")),
    (
        N_("mapping values are not allowed"),
        N_("check the indentation, or put text that contains ': ' in quotes"),
    ),
    (N_("found unexpected end of stream"), N_("a quote was opened and never closed")),
    (
        N_("found undefined alias"),
        N_("'*' starts an alias; put text that starts with '*' in quotes"),
    ),
    (N_("expected a single document"), N_("a file holds one document; remove the extra '---'")),
    (N_("did not find expected key"), N_("check the indentation of this line and the one above")),
    (N_("found character '@'"), N_("put text that starts with '@' or '`' in quotes")),
    (N_("expected ',' or ']'"), N_("a list opened with '[' is not closed with ']'")),
    (N_("expected ',' or '}'"), N_("a mapping opened with '{' is not closed with '}'")),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{problem} ({exc.context})"
    known = next(((n, h) for n, h in _SYNTAX_HINTS if n in problem), None)
    hint = None
    if known is not None:  # PyYAML writes English: a known problem is said in the language
        hint = _(known[1])
        if _(known[0]) != known[0]:
            problem = _(known[0])
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        problem, hint = _("a tab character here"), _("indent with spaces, not tabs")
    line, col = _position(mark, text)
    if "maximum nesting depth" in problem:  # libyaml >= 0.2.6 has a limit of its own
        return YamlProblem(
            line,
            col,
            "yaml-too-deep",
            _("nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
        )
    return YamlProblem(line, col, "yaml-syntax", problem, hint)


def _position(mark: Any, text: str | None = None) -> tuple[int, int]:
    """1-based line and column. libyaml also breaks lines at NEL, U+2028 and U+2029,
    which editors do not: one in a title shifted every later line (issue #12), so
    in a text holding one, the line is counted from the mark's index instead."""
    if mark is None:
        return (1, 1)
    if text is None or not _odd_breaks(text):
        return (mark.line + 1, mark.column + 1)
    start = text.rfind("\n", 0, mark.index) + 1
    return (text.count("\n", 0, mark.index) + 1, mark.index - start + 1)


@functools.lru_cache(maxsize=8)
def _odd_breaks(text: str) -> bool:
    return _ODD_BREAK.search(text) is not None


_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
