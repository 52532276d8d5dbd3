"""pydantic's errors, in words a clerk can act on, at the line and column they concern."""

from __future__ import annotations

from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from cv651.errors import Diagnostic
from cv651.fields import PARSERS, describe
from cv651.i18n import N_, _
from cv651.source import Loc, Source, show_loc
from cv651.text import did_you_mean

_TYPE_WORDS = {
    "dict_type": N_("a mapping of keys (key: value)"),
    "model_type": N_("a mapping of keys (key: value)"),
    "model_attributes_type": N_("a mapping of keys (key: value)"),
    "list_type": N_("a list ([a, b] or '- ' items)"),
    "tuple_type": N_("a list ([a, b] or '- ' items)"),
    "string_type": N_("text"),
    "int_parsing": N_("a whole number"),
    "int_type": N_("a whole number"),
    "int_from_float": N_("a whole number"),
}


def explain(
    exc: ValidationError, source: Source, model: type[BaseModel], limit: int | None = None
) -> list[Diagnostic]:
    """The first `limit` errors: a file of 100,000 broken documents would otherwise take
    20 s to explain (issue #12); the loader reports how many more there are."""
    errors = exc.errors(include_url=False)
    return [_one(error, source, model) for error in errors[:limit]]


def _one(error: ErrorDetails, source: Source, model: type[BaseModel]) -> Diagnostic:
    loc: Loc = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    where = show_loc(loc) or _("the file")
    if kind.startswith("cv651-"):  # a field type of cv651.fields: its parser says why
        try:
            PARSERS[kind.removeprefix("cv651-")](value)
        except PydanticCustomError as exc:
            kind, ctx = "cv651", exc.context or {}
    if kind == "cv651":
        return source.diag(loc, ctx["code"], f"{where}: {ctx['message']}", ctx.get("hint"))
    if kind == "missing":
        parent = show_loc(loc[:-1]) or _("the file")
        message = _("{where}: required key '{key}' is missing")
        return source.diag(loc[:-1], "missing-key", message.format(where=parent, key=loc[-1]))
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        return source.diag(
            loc,
            "unknown-key",
            _("unknown key '{key}' in {where}").format(
                key=loc[-1], where=show_loc(loc[:-1]) or _("the file")
            ),
            did_you_mean(str(loc[-1]), allowed) or _allowed_hint(allowed),
            key=True,
        )
    if kind in _TYPE_WORDS:
        if not loc and value is None:
            return source.diag(loc, "empty-file", _("the file is empty"))
        return source.diag(
            loc,
            "wrong-type",
            _("{where}: expected {expected}, got {got}").format(
                where=where, expected=_(_TYPE_WORDS[kind]), got=describe(value)
            ),
        )
    if kind == "literal_error":
        return source.diag(
            loc,
            "bad-value",
            _("{where}: expected {expected}, got {got}").format(
                where=where, expected=ctx.get("expected"), got=describe(value)
            ),
        )
    if kind in ("too_short", "string_too_short"):
        return source.diag(loc, "empty-value", _("{where}: must not be empty").format(where=where))
    return source.diag(loc, "bad-value", f"{where}: {error['msg']}")


def _allowed_hint(allowed: list[str]) -> str | None:
    return _("allowed keys: {items}").format(items=", ".join(allowed)) if allowed else None


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model allows at `loc`, found by walking its field types."""
    current: Any = model
    for part in loc:
        current = _step(_unwrap(current), part)
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _step(annotation: Any, part: str | int) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (tuple, list) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap(annotation: Any) -> Any:
    """X | None -> X."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (Union, UnionType) and len(args) == 1:
        return args[0]
    return annotation
