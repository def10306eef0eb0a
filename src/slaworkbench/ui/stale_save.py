"""What a save task returns instead of raising when it was refused as stale."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StaleSave:
    """A save refused because someone else saved first (``ChangedElsewhereError``): the
    sentence says who and when; the editor shows it and offers to reload (and, where
    the edit is a set of field changes, to reload and re-apply them)."""

    message: str
