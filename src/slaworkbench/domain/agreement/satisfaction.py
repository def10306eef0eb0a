"""CSAT and NPS from survey answers, always with their counts (3 answers are no trend).

- CSAT (scores 1–5): the share of 4s and 5s, in percent.
- NPS (scores 0–10): percent promoters (9–10) minus percent detractors (0–6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from slaworkbench.i18n import tr

CSAT_RANGE = (1, 5)
NPS_RANGE = (0, 10)


def check_score(kind: str, score: int) -> None:
    """Refuse a score outside its kind's scale with a sentence."""
    if kind == "csat":
        low, high = CSAT_RANGE
        name = "CSAT"
    elif kind == "nps":
        low, high = NPS_RANGE
        name = "NPS"
    else:
        raise ValueError(tr("A survey answer is “csat” or “nps”, not “{kind}”.").format(kind=kind))
    if isinstance(score, bool) or not isinstance(score, int) or not low <= score <= high:
        raise ValueError(
            tr("A {name} score is a whole number from {low} to {high}; {score} is not.").format(
                name=name, low=low, high=high, score=score
            )
        )


@dataclass(frozen=True, slots=True)
class Csat:
    satisfied: int
    answers: int

    @property
    def percent(self) -> float | None:
        return None if not self.answers else 100.0 * self.satisfied / self.answers


@dataclass(frozen=True, slots=True)
class Nps:
    promoters: int
    passives: int
    detractors: int

    @property
    def answers(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> float | None:
        n = self.answers
        return None if not n else 100.0 * (self.promoters - self.detractors) / n


def csat(scores: Iterable[int]) -> Csat:
    values = list(scores)
    for value in values:
        check_score("csat", value)
    return Csat(satisfied=sum(1 for v in values if v >= 4), answers=len(values))


def nps(scores: Iterable[int]) -> Nps:
    values = list(scores)
    for value in values:
        check_score("nps", value)
    return Nps(
        promoters=sum(1 for v in values if v >= 9),
        passives=sum(1 for v in values if 7 <= v <= 8),
        detractors=sum(1 for v in values if v <= 6),
    )
