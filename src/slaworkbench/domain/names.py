"""Names people type for things that may already exist: a customer typed in a form is
checked against the known ones before a new one is made."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

SIMILAR = 0.85
"""How alike two customer names must be (``difflib`` ratio, case-folded) to ask."""


def similar_customer(name: str, known: Sequence[str]) -> str | None:
    """The existing customer ``name`` probably means (not ``name`` itself), or None."""
    wanted = name.strip().casefold()
    if not wanted or name.strip() in known:
        return None
    best, score = None, 0.0
    for candidate in known:
        ratio = SequenceMatcher(None, wanted, candidate.casefold()).ratio()
        if ratio > score:
            best, score = candidate, ratio
    return best if score >= SIMILAR else None
