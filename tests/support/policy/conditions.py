"""Tiny policy stand-ins for the lint's tests: a policy header ``P`` and conditions ``c``."""

from __future__ import annotations

from dataclasses import dataclass

from slaworkbench.domain.policy import Conditions


@dataclass(frozen=True)
class P:
    id: int
    name: str
    conditions: Conditions
    active: bool = True


def c(**sets: set[str]) -> Conditions:
    return Conditions(**{key: frozenset(value) for key, value in sets.items()})
