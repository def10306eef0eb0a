from __future__ import annotations

import pytest

from slaworkbench.app.agreements.terms_text import RuleTextError, read_box, write_box
from slaworkbench.domain.agreement.spec import agreement_from_dict
from tests.support.agreements.workspace import acme_terms


def test_boxes_read_what_they_write() -> None:
    terms = acme_terms(
        services=[{"service": "Web shop", "target": 99.5,
                   "tiers": [{"below": 99.5, "credit": 10.0}]}],
        ticket_credits=[{"priority": "high", "metric": "first_response", "amount": None,
                         "percent": 1.5, "cap": None}],
    )  # fmt: skip
    for key in ("goals", "services", "ticket_credits", "compliance_credits"):
        rebuilt = dict(terms, **{key: read_box(key, write_box(key, terms[key]))})
        assert agreement_from_dict(rebuilt) == agreement_from_dict(terms)


def test_examples() -> None:
    assert read_box("ticket_credits", "urgent resolution 50 cap 200") == [
        {"priority": "urgent", "metric": "resolution", "amount": 50.0, "percent": None,
         "cap": 200.0}
    ]  # fmt: skip
    assert read_box("services", "Portal 99.9% 99.9%=10% 99%=25%") == [
        {"service": "Portal", "target": 99.9,
         "tiers": [{"below": 99.9, "credit": 10.0}, {"below": 99.0, "credit": 25.0}]}
    ]  # fmt: skip
    assert read_box("compliance_credits", "\nfirst_response high 95% 5%") == [
        {"metric": "first_response", "priority": "high", "goal": 95.0, "credit": 5.0}
    ]


def test_unreadable_line_is_named() -> None:
    with pytest.raises(RuleTextError, match="Ticket credits, line 2"):
        read_box("ticket_credits", "urgent resolution 50\nurgent resolve 50")
    with pytest.raises(RuleTextError, match="Goals, line 1: “90” should be a percentage"):
        read_box("goals", "resolution 90")
