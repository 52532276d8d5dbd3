"""A large, plain YAML file built straight from libyaml's events, with no node tree.

cv651.yamlio composes a file into nodes, then builds values from them. For a
file of a few hundred reports the tree outgrows the processor's caches, and the
cost of each document rose by a third from 16 to 476 documents a file (issue
17). Built event by event, each event is dropped as soon as it is read, and the
cost per document stays flat.

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
_NO_KEY = object()  # a mapping waiting for its next key

_SCALAR = yaml.ScalarEvent
_MAPPING = yaml.MappingStartEvent
_SEQUENCE = yaml.SequenceStartEvent
_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    _Parser: Any = CParser
except ImportError:  # pragma: no cover  (yamlio reads every file itself then)
    _Parser = None


def build(text: str, max_depth: int) -> Any:
    """The file's values (dicts, lists, str, None), or NOT_PLAIN."""
    if _Parser is None:  # pragma: no cover
        return NOT_PLAIN
    parser = _Parser(text)
    try:
        return _build(parser.get_event, max_depth)
    except yaml.YAMLError:
        return NOT_PLAIN
    finally:
        parser.dispose()


def _build(next_event: Any, max_depth: int) -> Any:
    next_event()  # the stream starts
    if type(next_event()) is yaml.StreamEndEvent:
        return None  # an empty file
    containers: list[Any] = []  # the open mappings and sequences, innermost last
    keys: list[Any] = []  # for each, the key its next value goes under
    while True:
        event = next_event()
        kind = type(event)
        if kind is _SCALAR:
            if event.anchor is not None:
                return NOT_PLAIN
            value = event.value
            if containers and keys[-1] is _NO_KEY:  # a key: the text as written
                keys[-1] = value
                continue
            if not event.style and value in NULLS:
                value = None
        elif kind is _MAPPING or kind is _SEQUENCE:
            if event.anchor is not None or len(containers) >= max_depth:
                return NOT_PLAIN
            if containers and keys[-1] is _NO_KEY:
                return NOT_PLAIN  # a key that is a mapping or a list
            containers.append({} if kind is _MAPPING else [])
            keys.append(_NO_KEY if kind is _MAPPING else None)
            continue
        elif kind in _END:
            value = containers.pop()
            keys.pop()
        else:  # an alias
            return NOT_PLAIN
        if not containers:  # the document's value: one document, then the end
            next_event()
            return value if type(next_event()) is yaml.StreamEndEvent else NOT_PLAIN
        top = containers[-1]
        if type(top) is list:
            top.append(value)
            continue
        key = keys[-1]
        if key in top:
            return NOT_PLAIN  # a duplicate key
        top[key] = value
        keys[-1] = _NO_KEY
