"""Adding one document to a submission file, keeping every byte that is already there.

The one module that imports ruamel.yaml (a round-trip YAML library). Dumping the
whole file again, even round-trip, can re-wrap, re-indent or re-quote what a clerk
wrote; so ruamel reads the file to find where the `documents` list ends and how it
is indented, renders only the new entry, and the entry's lines are inserted there.
Everything else stays byte for byte, which `append_document` checks before it
returns.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from cv651.errors import RefusalError
from cv651.i18n import _

# Values that YAML 1.1 readers would take for numbers; written quoted, as the contract's
# examples do, so that every reader sees text.
_QUOTED = frozenset({"province", "period", "plan"})
_DEFAULT_DASH, _DEFAULT_KEY = 2, 4  # `  - kind: …`, as the examples and `cv651 init` write


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.width = 100_000  # never fold a long title
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def render_entry(entry: Mapping[str, Any], dash: int, key: int, newline: str = "\n") -> str:
    """The entry as a block-list item: `-` at column `dash`, its keys at column `key`.

    Lists and mappings are written in flow style (`issuers: [BDVTU]`), dates plain,
    codes and periods double-quoted, other text quoted only where YAML needs it.
    """
    item = CommentedMap()
    for name, value in entry.items():
        item[name] = _styled(name, value)
    buffer = io.StringIO()
    _yaml().dump([item], buffer)
    lines = buffer.getvalue().splitlines()
    out = [" " * dash + "-" + " " * (key - dash - 1) + lines[0][2:]]
    out += [" " * key + line[2:] for line in lines[1:]]
    return newline.join(out) + newline


def _styled(name: str, value: Any) -> Any:
    if isinstance(value, Mapping):
        styled = CommentedMap(value)
        styled.fa.set_flow_style()
        return styled
    if isinstance(value, Sequence) and not isinstance(value, str):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if name in _QUOTED and isinstance(value, str):
        return DoubleQuotedScalarString(value)
    return value


def new_file(province: str, entry: Mapping[str, Any], modeline: str | None) -> str:
    """A submission file for a province that has none yet."""
    head = f"{modeline}\n" if modeline else ""
    return f'{head}province: "{province}"\ndocuments:\n' + render_entry(
        entry, _DEFAULT_DASH, _DEFAULT_KEY
    )


def append_document(text: str, entry: Mapping[str, Any]) -> str:
    """`text` with `entry` added at the end of its `documents` list, all else unchanged.

    The one thing taken away is an empty value, `documents: []` or `documents: ~`,
    which the first entry replaces.
    """
    original = text
    newline = "\r\n" if "\r\n" in text else "\n"
    root = _compose(text)
    documents = _value(root, "documents")
    if documents is None or _is_empty(documents):
        text, position, block = _open_list(text, root, documents, newline)
        block += render_entry(entry, _DEFAULT_DASH, _DEFAULT_KEY, newline)
    elif isinstance(documents, SequenceNode) and not documents.flow_style:
        dash = documents.start_mark.column
        first = documents.value[0]
        same_line = first.start_mark.line == documents.start_mark.line
        key = first.start_mark.column if same_line else dash + 2
        position = _end_of_line(text, _last_line(documents.value[-1], text))
        block = render_entry(entry, dash, key, newline)
    else:
        raise RefusalError(
            _("'documents' is not written as a list of entries (`- kind: …`)"),
            hint=_("write it as a block list, one `- kind: …` entry per document, then try again"),
        )
    if position > 0 and not text[:position].endswith(("\n", "\r")):
        block = newline + block
    updated = text[:position] + block + text[position:]
    _check_added(original, updated, entry)
    return updated


def _compose(text: str) -> MappingNode:
    try:
        root = _yaml().compose(text)
    except YAMLError as exc:
        raise RefusalError(
            _("the file cannot be read as YAML ({error})").format(error=str(exc).splitlines()[0]),
            hint=_("run `cv651 validate` and fix it first"),
        ) from None
    if not isinstance(root, MappingNode):
        raise RefusalError(
            _("the file is not a mapping of keys"), hint=_("run `cv651 validate` and fix it first")
        )
    return root


def _value(root: MappingNode, name: str) -> Node | None:
    return next((v for k, v in root.value if k.value == name), None)


def _is_empty(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        return node.value in ("", "~", "null", "Null", "NULL")
    return isinstance(node, SequenceNode) and not node.value


def _open_list(
    text: str, root: MappingNode, documents: Node | None, newline: str
) -> tuple[str, int, str]:
    """(text, where the first entry goes, what comes before it): `documents:` if absent."""
    if documents is None:
        return text, len(text), f"documents:{newline}"
    key = next(k for k, v in root.value if v is documents)
    start, end = documents.start_mark.index, documents.end_mark.index
    if end > start:  # `documents: []` or `~`: the empty value gives way to the list
        cut = len(text[:start].rstrip(" \t"))
        text = text[:cut] + text[end:]
    return text, _end_of_line(text, key.start_mark.line), ""


def _last_line(node: Node, text: str) -> int:
    """The last line (0-based) that holds part of `node`, comments after it excluded."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        return _block_scalar_end(node, text)
    end_line: int = node.end_mark.line
    if node.end_mark.column == 0 and end_line > node.start_mark.line:
        return end_line - 1
    return end_line


def _block_scalar_end(node: ScalarNode, text: str) -> int:
    lines = text.splitlines()
    start: int = node.start_mark.line
    parent = len(lines[start]) - len(lines[start].lstrip(" "))
    last = start
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        if len(line) - len(line.lstrip(" ")) <= parent:
            break
        last = number
    return last


def _end_of_line(text: str, line: int) -> int:
    """The index just past line `line` (0-based) and its line break."""
    index = 0
    for _line in range(line + 1):
        found = text.find("\n", index)
        if found < 0:
            return len(text)
        index = found + 1
    return index


def _check_added(old: str, new: str, entry: Mapping[str, Any]) -> None:
    """What was there is still there, and the list has gained exactly this entry."""
    yaml = YAML(typ="safe", pure=True)
    try:
        before, after = yaml.load(old) or {}, yaml.load(new)
    except YAMLError:
        before, after = None, None
    old_documents = (before.get("documents") if isinstance(before, dict) else None) or []
    documents = after.get("documents") if isinstance(after, dict) else None
    expected = {k: _plain(v) for k, v in entry.items()}
    if (
        not isinstance(documents, list)
        or _plain(documents[:-1]) != _plain(old_documents)
        or {k: _plain(v) for k, v in documents[-1].items()} != expected
    ):
        raise RefusalError(
            _("cv651 could not add the entry without changing what the file says"),
            hint=_("add it by hand, or report this file's layout as a bug"),
        )


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(v) for v in value]
    # a block scalar that ended the file gains the line break the file lacked: same text
    return str(value).rstrip("\n")
