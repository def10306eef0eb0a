"""Re-apply one desk's edits onto a version someone else saved meanwhile (Qt-free).

An editor whose save was refused as stale (``ChangedElsewhereError``) knows three forms
of the same thing, as JSON-like dicts: what it loaded (``base``), what the person typed
(``mine``) and what is saved now (``theirs``). ``reapply`` walks the fields (nested
dicts field by field, anything else — lists, numbers, text — as one value): a field
changed here and left alone there takes the value typed here; a field changed there
keeps the saved value; a field changed on both sides to different values *collides*,
keeps the saved value, and is named in ``collisions`` so the editor can say which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FieldPath = tuple[str, ...]
"""Where a field sits in the form's dict, e.g. ``("targets", "urgent", "resolution")``."""

_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Reapplied:
    """The saved version with the edits made here on top, and the fields that collide."""

    merged: dict[str, Any]
    collisions: tuple[FieldPath, ...]


def reapply(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> Reapplied:
    """Three-way merge of ``mine`` onto ``theirs`` from their common ``base``."""
    collisions: list[FieldPath] = []
    merged = _merge(base, mine, theirs, (), collisions)
    return Reapplied(merged, tuple(collisions))


def _merge(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    path: FieldPath,
    collisions: list[FieldPath],
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        was, typed, saved = (
            base.get(key, _ABSENT),
            mine.get(key, _ABSENT),
            theirs.get(key, _ABSENT),
        )
        here = (*path, str(key))
        if all(isinstance(v, Mapping) or v is _ABSENT for v in (was, typed, saved)):
            value: Any = _merge(_as_map(was), _as_map(typed), _as_map(saved), here, collisions)
            if value or saved is not _ABSENT:
                merged[key] = value
            continue
        if typed in (was, saved):
            value = saved
        elif saved == was:
            value = typed
        else:
            collisions.append(here)
            value = saved
        if value is not _ABSENT:
            merged[key] = value
    return merged


def _as_map(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
