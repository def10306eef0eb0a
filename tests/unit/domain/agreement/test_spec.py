from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from slaworkbench.domain.agreement.spec import agreement_from_dict, agreement_to_dict
from slaworkbench.domain.model import Metric, Priority


def _terms(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Acme support 2026",
        "customer": "Acme",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "policy": "Office hours",
        "calendar": "Acme Lisbon",
        "monthly_fee": 2000,
        "minimum_volume": 10,
        "csat_goal": 85,
        "nps_goal": 20,
        "goals": [{"metric": "resolution", "priority": None, "goal": 90}],
        "services": [
            {"service": "Portal", "target": 99.9,
             "tiers": [{"below": 99.9, "credit": 10}, {"below": 99.0, "credit": 25}]}
        ],
        "ticket_credits": [
            {"priority": "urgent", "metric": "resolution", "amount": 50, "cap": 200}
        ],
        "compliance_credits": [
            {"metric": "first_response", "priority": "high", "goal": 95, "credit": 5}
        ],
    }  # fmt: skip
    data.update(changes)
    return data


def test_round_trip() -> None:
    spec = agreement_from_dict(_terms())
    assert spec.valid_to == dt.date(2026, 12, 31)
    assert spec.goal_for(Metric.RESOLUTION, None) == 90
    assert spec.compliance_credits[0].priority is Priority.HIGH
    assert agreement_from_dict(agreement_to_dict(spec)) == spec


def test_validity_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match=r"ends \(2025-12-31\) before it starts \(2026-01-01\)"):
        agreement_from_dict(_terms(valid_to="2025-12-31"))


def test_overlapping_tiers_are_refused() -> None:
    tiers = [{"below": 99.0, "credit": 25}, {"below": 99.9, "credit": 10}]
    with pytest.raises(ValueError, match="overlap"):
        agreement_from_dict(
            _terms(services=[{"service": "Portal", "target": 99.9, "tiers": tiers}])
        )


def test_missing_field_is_named() -> None:
    with pytest.raises(ValueError, match="metric"):
        agreement_from_dict(_terms(goals=[{"goal": 90}]))


def test_active_on() -> None:
    spec = agreement_from_dict(_terms())
    assert spec.active_on(dt.date(2026, 6, 1))
    assert not spec.active_on(dt.date(2027, 1, 1))
