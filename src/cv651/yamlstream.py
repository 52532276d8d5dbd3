"""A plain YAML file built straight from libyaml's events, with no node tree.

cv651.yamlio composed each file into nodes, then built values from them. For a
file of a few hundred reports the tree outgrew the processor's caches, and the
cost of each document rose by half from 16 to 1,000 documents a file (issue
17). Built event by event, each event is dropped as soon as it is read: the
cost per document stays flat, and small files read as fast as through the tree.

Only the plain case is built here: no anchor or alias, no decomposed letters,
no escapes or odd line breaks (yamlio.parse checks those on the text first).
Anything else — a duplicate key, a key that is not text, nesting past the
limit, a second document, a syntax error — returns NOT_PLAIN, and yamlio reads
the file its usual way, which says exactly what and where.
"""

from __future__ import annotations

from typing import Any

import yaml

NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # plain scalars that are no value
NOT_PLAIN = object()  # what build returns for a file yamlio must read itself

_SCALAR = yaml.ScalarEvent
_MAPPING = yaml.MappingStartEvent
_SEQUENCE = yaml.SequenceStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    _Parser: Any = CParser
except ImportError:  # pragma: no cover  (yamlio reads every file itself then)
    _Parser = None


class _NotPlain(Exception):
    """Something the node tree must say: an alias, a duplicate key, a key that is not
    text, nesting past the limit, a second document."""


def build(text: str, max_depth: int) -> Any:
    """The file's values (dicts, lists, str, None), or NOT_PLAIN."""
    if _Parser is None:  # pragma: no cover
        return NOT_PLAIN
    parser = _Parser(text)
    next_event = parser.get_event
    try:
        next_event()  # the stream starts
        if type(next_event()) is yaml.StreamEndEvent:
            return None  # an empty file
        value = _value(next_event(), next_event, max_depth)
        next_event()  # the document ends; the stream must, too
        return value if type(next_event()) is yaml.StreamEndEvent else NOT_PLAIN
    except (_NotPlain, yaml.YAMLError):
        return NOT_PLAIN
    finally:
        parser.dispose()


def _value(event: Any, next_event: Any, depth: int) -> Any:
    kind = type(event)
    if kind is _SCALAR:
        value = event.value
        return None if not event.style and value in NULLS else value
    if depth <= 0:
        raise _NotPlain
    if kind is _MAPPING:
        return _mapping(next_event, depth - 1)
    if kind is _SEQUENCE:
        return _sequence(next_event, depth - 1)
    raise _NotPlain  # an alias


def _mapping(next_event: Any, depth: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    while True:
        event = next_event()
        kind = type(event)
        if kind is _SCALAR:
            key = event.value  # a key is the text as written, `~` included
        elif kind is _MAPPING_END:
            return result
        else:
            raise _NotPlain  # a key that is a mapping or a list
        event = next_event()
        value: Any
        if type(event) is _SCALAR:  # most values: read here, not through a call
            value = event.value
            if not event.style and value in NULLS:
                value = None
        else:
            value = _value(event, next_event, depth)
        if key in result:
            raise _NotPlain  # a duplicate key
        result[key] = value


def _sequence(next_event: Any, depth: int) -> list[Any]:
    result: list[Any] = []
    append = result.append
    while True:
        event = next_event()
        kind = type(event)
        if kind is _SCALAR:
            value = event.value
            append(None if not event.style and value in NULLS else value)
        elif kind is _SEQUENCE_END:
            return result
        else:
            append(_value(event, next_event, depth))
