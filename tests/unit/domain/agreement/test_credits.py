from __future__ import annotations

import pytest

from slaworkbench.domain.agreement.credits import (
    AvailabilityTiers,
    ComplianceCredit,
    MonthCompliance,
    MonthVerdict,
    TicketCredit,
    Tier,
)
from slaworkbench.domain.model import Metric, Priority

FEE = 2000.0


def test_ticket_credit_by_amount_with_cap() -> None:
    rule = TicketCredit(Priority.URGENT, Metric.RESOLUTION, amount=50.0, monthly_cap=120.0)
    assert rule.owed(0, FEE) == 0
    assert rule.owed(2, FEE) == 100.0
    assert rule.owed(3, FEE) == 120.0  # 150 capped


def test_ticket_credit_by_percent_of_fee() -> None:
    rule = TicketCredit(Priority.HIGH, Metric.FIRST_RESPONSE, percent=1.5)
    assert rule.owed(4, FEE) == pytest.approx(120.0)  # 4 × 30


def test_ticket_credit_needs_exactly_one_of_amount_and_percent() -> None:
    with pytest.raises(ValueError, match="not both"):
        TicketCredit(Priority.HIGH, Metric.RESOLUTION, amount=1, percent=1)
    with pytest.raises(ValueError, match="not both"):
        TicketCredit(Priority.HIGH, Metric.RESOLUTION)


TIERS = AvailabilityTiers((Tier(99.9, 10.0), Tier(99.0, 25.0)))


@pytest.mark.parametrize(
    ("uptime", "owed"), [(99.95, 0.0), (99.9, 0.0), (99.5, 200.0), (99.0, 200.0), (98.0, 500.0)]
)
def test_the_lowest_tier_reached_applies(uptime: float, owed: float) -> None:
    assert TIERS.owed(uptime, FEE) == pytest.approx(owed)


def test_unsorted_or_overlapping_tiers_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        AvailabilityTiers((Tier(99.0, 25.0), Tier(99.9, 10.0)))
    with pytest.raises(ValueError, match="overlap"):
        AvailabilityTiers((Tier(99.9, 10.0), Tier(99.9, 25.0)))
    with pytest.raises(ValueError, match="overlap"):
        AvailabilityTiers((Tier(99.9, 25.0), Tier(99.0, 10.0)))


def test_compliance_below_goal_owes_its_credit() -> None:
    rule = ComplianceCredit(Metric.RESOLUTION, None, goal_percent=90.0, credit_percent=5.0)
    missed = MonthCompliance(achieved=17, breached=3, goal_percent=90.0, minimum_volume=10)
    assert missed.percent == pytest.approx(85.0)
    assert missed.verdict is MonthVerdict.MISSED
    assert rule.owed(missed, FEE) == pytest.approx(100.0)
    met = MonthCompliance(achieved=18, breached=2, goal_percent=90.0, minimum_volume=10)
    assert met.verdict is MonthVerdict.MET and rule.owed(met, FEE) == 0


def test_below_minimum_volume_is_not_enough_tickets_and_owes_nothing() -> None:
    rule = ComplianceCredit(Metric.RESOLUTION, None, goal_percent=90.0, credit_percent=5.0)
    thin = MonthCompliance(achieved=1, breached=8, goal_percent=90.0, minimum_volume=10)
    assert thin.verdict is MonthVerdict.NOT_ENOUGH
    assert rule.owed(thin, FEE) == 0
    assert MonthCompliance(0, 0, 90.0, 0).verdict is MonthVerdict.NOT_ENOUGH
