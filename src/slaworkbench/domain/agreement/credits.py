"""Service credits: what a provider owes a customer for a month (docs/AGREEMENTS.md).

Three kinds of rule, each computed on its own, money in the agreement's currency:

- ``TicketCredit``: per breached ticket of a priority and metric, a fixed amount or a
  percentage of the monthly fee; the month's sum is capped at ``monthly_cap``.
- ``AvailabilityTiers``: for a service, tiers such as "< 99.9 % → 10 %", "< 99.0 % →
  25 %" of the monthly fee; the lowest tier reached applies (not their sum). Tiers are
  listed from the highest threshold down, thresholds strictly falling and credits
  strictly rising; anything else (overlap, duplicates, unsorted) is refused.
- ``ComplianceCredit``: a percentage of the fee when the month's compliance of a metric
  (optionally one priority) is below its goal. A month with fewer judged tickets than
  the agreement's minimum volume is "not enough tickets" and owes nothing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from slaworkbench.domain.model import Metric, Priority
from slaworkbench.formatting import decimal
from slaworkbench.i18n import tr


def _check_percent(value: float, what: str) -> None:
    if not (math.isfinite(value) and 0 <= value <= 100):
        raise ValueError(
            tr("{what} is a percentage from 0 to 100; {value} is not.").format(
                what=what, value=value
            )
        )


def _check_money(value: float, what: str) -> None:
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(
            tr("{what} is an amount of 0 or more; {value} is not.").format(what=what, value=value)
        )


@dataclass(frozen=True, slots=True)
class TicketCredit:
    priority: Priority
    metric: Metric
    amount: float | None = None
    """A fixed amount per breached ticket, or ``None`` when ``percent`` applies."""
    percent: float | None = None
    """A percentage of the monthly fee per breached ticket."""
    monthly_cap: float | None = None
    """The most this rule can owe in one month (``None``: no cap)."""

    def __post_init__(self) -> None:
        if (self.amount is None) == (self.percent is None):
            raise ValueError(
                tr("A ticket credit is either an amount or a percentage of the fee, not both.")
            )
        if self.amount is not None:
            _check_money(self.amount, tr("A ticket credit's amount"))
        if self.percent is not None:
            _check_percent(self.percent, tr("A ticket credit's percentage"))
        if self.monthly_cap is not None:
            _check_money(self.monthly_cap, tr("A monthly cap"))

    def per_ticket(self, monthly_fee: float) -> float:
        if self.amount is not None:
            return self.amount
        assert self.percent is not None
        return monthly_fee * self.percent / 100.0

    def owed(self, breached_tickets: int, monthly_fee: float) -> float:
        """The month's credit for ``breached_tickets`` breached tickets, capped."""
        total = breached_tickets * self.per_ticket(monthly_fee)
        return total if self.monthly_cap is None else min(total, self.monthly_cap)


@dataclass(frozen=True, slots=True)
class Tier:
    below_percent: float
    """Availability strictly below this (in percent, e.g. 99.9) reaches the tier."""
    credit_percent: float
    """Percentage of the monthly fee owed."""


@dataclass(frozen=True, slots=True)
class AvailabilityTiers:
    tiers: tuple[Tier, ...]

    def __post_init__(self) -> None:
        check_tiers(self.tiers)

    def tier_reached(self, availability_percent: float) -> Tier | None:
        """The lowest tier whose threshold the availability is below."""
        reached = [t for t in self.tiers if availability_percent < t.below_percent]
        return reached[-1] if reached else None

    def owed(self, availability_percent: float | None, monthly_fee: float) -> float:
        if availability_percent is None:
            return 0.0
        tier = self.tier_reached(availability_percent)
        return 0.0 if tier is None else monthly_fee * tier.credit_percent / 100.0


def check_tiers(tiers: Sequence[Tier]) -> None:
    """Refuse tiers that overlap, repeat or are out of order, with a sentence."""
    for tier in tiers:
        _check_percent(tier.below_percent, tr("A tier's availability threshold"))
        _check_percent(tier.credit_percent, tr("A tier's credit"))
    for upper, lower in itertools.pairwise(tiers):
        if not lower.below_percent < upper.below_percent:
            raise ValueError(
                tr(
                    "Credit tiers overlap: list them from the highest threshold down, each "
                    "below the one before (“< {a} %” then “< {b} %” is not)."
                ).format(a=decimal(upper.below_percent), b=decimal(lower.below_percent))
            )
        if not lower.credit_percent > upper.credit_percent:
            raise ValueError(
                tr(
                    "Credit tiers overlap: a lower availability must owe more (“< {b} %” "
                    "owes {cb} %, not more than {ca} %)."
                ).format(
                    b=decimal(lower.below_percent),
                    cb=decimal(lower.credit_percent),
                    ca=decimal(upper.credit_percent),
                )
            )


class MonthVerdict(StrEnum):
    MET = "met"
    MISSED = "missed"
    NOT_ENOUGH = "not_enough_tickets"


@dataclass(frozen=True, slots=True)
class MonthCompliance:
    achieved: int
    breached: int
    goal_percent: float
    minimum_volume: int

    @property
    def judged(self) -> int:
        return self.achieved + self.breached

    @property
    def percent(self) -> float | None:
        return None if not self.judged else 100.0 * self.achieved / self.judged

    @property
    def verdict(self) -> MonthVerdict:
        percent = self.percent
        if percent is None or self.judged < self.minimum_volume:
            return MonthVerdict.NOT_ENOUGH
        return MonthVerdict.MET if percent >= self.goal_percent else MonthVerdict.MISSED


@dataclass(frozen=True, slots=True)
class ComplianceCredit:
    metric: Metric
    priority: Priority | None
    """``None``: every priority together."""
    goal_percent: float
    credit_percent: float

    def __post_init__(self) -> None:
        _check_percent(self.goal_percent, tr("A compliance goal"))
        _check_percent(self.credit_percent, tr("A compliance credit"))

    def owed(self, month: MonthCompliance, monthly_fee: float) -> float:
        if month.verdict is not MonthVerdict.MISSED:
            return 0.0
        return monthly_fee * self.credit_percent / 100.0
