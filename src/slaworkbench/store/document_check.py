"""Checking a JSON document (a preset, a policy or calendar file) against a typed model.

``document_problem(model, data)`` validates ``data`` with a pydantic model (strict: text
is never read as a list, a number never as text) and returns one sentence fragment for
the first problem, or ``None``: the key, as a dotted path (``'timestamps.formats'``), and
the type expected and found — ``'timestamps.formats' must be a list of texts, not text``
— or, for a key the model does not know, the nearest known key
(``'timestamps.formts' is not a known key (did you mean 'formats'?)``).
Models that let unknown keys through (``extra="allow"``) still get a misspelt key
refused when it is close to a known one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from slaworkbench.domain.shown import shown
from slaworkbench.i18n import marked, tr

_UNION_TAG = re.compile(
    r"^(str|int|bool|float|none|list\[.*\]|dict\[.*\]|nullable\[.*\]|.*\(.*\))$"
)
"""Location parts pydantic adds for the members of a union; not keys of the document."""
_EXPECTED = {
    "string_type": marked("text"),
    "list_type": marked("a list"),
    "dict_type": marked("an object"),
    "model_type": marked("an object"),
    "model_attributes_type": marked("an object"),
    "bool_type": marked("true or false"),
    "int_type": marked("a whole number"),
    "float_type": marked("a number"),
    "none_required": marked("empty (null)"),
}
_CLOSE = 0.7
"""How alike a misspelt key must be to a known one to be named (difflib ratio)."""


def describe_value(value: object) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return tr("null")
    if isinstance(value, bool):
        return tr("true or false")
    if isinstance(value, int | float):
        return tr("a number")
    if isinstance(value, str):
        return tr("text")
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, Mapping):
        return tr("an object")
    return type(value).__name__


def _path(location: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in location:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif not _UNION_TAG.match(part):
            parts.append(("." if parts else "") + shown(part))
    return "".join(parts)


def _clean(location: tuple[int | str, ...]) -> tuple[int | str, ...]:
    return tuple(p for p in location if isinstance(p, int) or not _UNION_TAG.match(p))


def _model_at(
    model: type[BaseModel], location: tuple[int | str, ...]
) -> tuple[type[BaseModel] | None, Any]:
    """The model of the object at ``location`` and the annotation of its last key."""
    current: type[BaseModel] | None = model
    annotation: Any = None
    for part in location:
        if current is None or isinstance(part, int):
            return None, None
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return None, None
        annotation = field.annotation
        current = next(
            (
                a
                for a in (annotation, *get_args(annotation))
                if isinstance(a, type) and issubclass(a, BaseModel)
            ),
            None,
        )
    return current, annotation


def known_keys(model: type[BaseModel], location: tuple[int | str, ...]) -> list[str]:
    """The keys the model knows at ``location`` (the object holding the key)."""
    current, _ = _model_at(model, location)
    if current is None:
        return []
    return [field.alias or name for name, field in current.model_fields.items()]


def _unknown_key(model: type[BaseModel], location: tuple[int | str, ...]) -> str:
    key = str(location[-1])
    known = known_keys(model, location[:-1])
    close = difflib.get_close_matches(key, known, n=1, cutoff=_CLOSE)
    where = _path(location)
    if close:
        return tr("'{key}' is not a known key (did you mean '{close}'?)").format(
            key=where, close=close[0]
        )
    return tr("'{key}' is not a known key; the known ones here are {known}").format(
        key=where, known=", ".join(known) or "-"
    )


def _misspelt_extra(model: type[BaseModel], data: Mapping[str, Any]) -> str | None:
    """A key a lenient model lets through but that looks like a misspelt known key."""
    known = known_keys(model, ())
    for key in data:
        if key in known or not isinstance(key, str):
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=_CLOSE)
        if close:
            return tr("'{key}' is not a known key (did you mean '{close}'?)").format(
                key=shown(key), close=close[0]
            )
    return None


def _sentence(model: type[BaseModel], errors: list[ErrorDetails]) -> str:
    first = errors[0]
    location = _clean(first["loc"])
    if first["type"] == "extra_forbidden":
        return _unknown_key(model, location)
    where = _path(first["loc"]) or tr("the document")
    if first["type"] == "missing":
        return tr("'{key}' is required").format(key=where)
    if first["type"] == "literal_error":
        return tr("'{key}' must be one of {expected}, not {found!r}").format(
            key=where, expected=first.get("ctx", {}).get("expected", ""), found=first["input"]
        )
    if first["type"] in ("too_short", "string_too_short"):
        return tr("'{key}' must not be empty").format(key=where)
    same = [e for e in errors if _clean(e["loc"]) == location]
    expected = [tr(_EXPECTED[e["type"]]) for e in same if e["type"] in _EXPECTED]
    if expected:
        wanted = " or ".join(dict.fromkeys(expected))
        if first["type"] == "list_type" and len(expected) == 1:
            _, annotation = _model_at(model, location)
            if annotation == list[str]:
                wanted = tr("a list of texts")
        return tr("'{key}' must be {expected}, not {found}").format(
            key=where, expected=wanted, found=describe_value(first["input"])
        )
    return tr("'{key}': {problem}").format(key=where, problem=first["msg"])


def document_problem(model: type[BaseModel], data: Any) -> str | None:
    """The first problem of ``data`` as a sentence fragment, else ``None``."""
    if not isinstance(data, Mapping):
        return tr("it must be a JSON object, not {found}").format(found=describe_value(data))
    try:
        model.model_validate(data)
    except ValidationError as error:
        return _sentence(model, error.errors())
    except RecursionError:
        return tr("it is nested too deeply")
    if model.model_config.get("extra") == "allow":
        return _misspelt_extra(model, data)
    return None
