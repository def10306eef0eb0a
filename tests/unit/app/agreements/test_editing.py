"""Agreement use cases: one transaction each, invalid input refused with nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from slaworkbench.app.agreements.editing import (
    delete_outage,
    end_agreement,
    record_review,
    save_agreement,
    save_outage,
    save_service,
)
from slaworkbench.store.agreements.services import OutageDraft, list_outages
from slaworkbench.store.agreements.versions import list_agreements, list_reviews
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Agreement, AgreementVersion
from slaworkbench.store.workspace import Workspace
from tests.support.agreements.workspace import JAN_2026, acme_terms, agreement_workspace


def _rows(ws: Workspace) -> tuple[int, int]:
    with ws.session() as session:
        return (
            session.execute(select(func.count()).select_from(Agreement)).scalar_one(),
            session.execute(select(func.count()).select_from(AgreementVersion)).scalar_one(),
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"valid_to": "2025-06-30"}, "before it starts"),
        ({"services": [{"service": "Portal", "target": 99.9,
                        "tiers": [{"below": 99.0, "credit": 25}, {"below": 99.9, "credit": 10}]}]},
         "overlap"),
        ({"csat_goal": 120}, "CSAT goal"),
        ({"policy": "Nope"}, "no policy named"),
    ],
)  # fmt: skip
def test_invalid_terms_write_nothing(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    ws = agreement_workspace(tmp_path)
    with pytest.raises(ValidationError, match=message):
        save_agreement(ws, None, acme_terms(**change), author="ana")
    assert _rows(ws) == (0, 0)


def test_save_review_and_end(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    agreement_id, changes = save_agreement(
        ws, None, acme_terms(), author="ana", review_date=dt.date(2026, 6, 30), owner="Ana"
    )
    assert changes.agreements and changes.policies
    record_review(ws, agreement_id, reviewer="Ana", outcome="kept as is",
                  next_review=dt.date(2026, 12, 31), now=JAN_2026)  # fmt: skip
    with ws.session() as session:
        [info] = list_agreements(session)
        assert [r.outcome for r in list_reviews(session, agreement_id)] == ["kept as is"]
    assert (info.version, info.review_date, info.owner) == (2, dt.date(2026, 12, 31), "Ana")
    end_agreement(ws, agreement_id)
    with ws.session() as session:
        assert not list_agreements(session)[0].active


def test_outage_crud(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    save_service(ws, None, name="Portal", availability_target=0.999)
    with pytest.raises(ValidationError, match="0 to 1"):
        save_outage(ws, None, OutageDraft("Portal", JAN_2026, JAN_2026 + 60, weight=-0.1))
    outage_id, _ = save_outage(ws, None, OutageDraft("Portal", JAN_2026, JAN_2026 + 60))
    save_outage(ws, outage_id, OutageDraft("Portal", JAN_2026, JAN_2026 + 120, 0.5))
    with ws.session() as session:
        [outage] = list_outages(session)
    assert (outage.ended_at, outage.weight) == (JAN_2026 + 120, 0.5)
    delete_outage(ws, outage_id)
    with ws.session() as session:
        assert list_outages(session) == []


def test_a_new_customer_is_made_with_its_agreement_or_not_at_all(tmp_path: Path) -> None:
    from slaworkbench.store.schema import Customer

    ws = agreement_workspace(tmp_path)
    try:

        def customers() -> set[str]:
            with ws.session() as session:
                return set(session.execute(select(Customer.name)).scalars())

        terms = acme_terms(customer="Initech", calendar=None)
        with pytest.raises(ValidationError, match="no customer named “Initech”"):
            save_agreement(ws, None, terms, author="ana")
        # The agreement refused for another reason: the customer is not made either.
        with pytest.raises(ValidationError, match="calendar"):
            save_agreement(
                ws, None, {**terms, "calendar": "Nowhere"}, author="ana", new_customer=True
            )
        assert "Initech" not in customers() and _rows(ws) == (0, 0)
        agreement_id, changes = save_agreement(ws, None, terms, author="ana", new_customer=True)
        assert "Initech" in customers() and changes.tickets and changes.agreements
        assert [a.customer for a in list_agreements_of(ws)] == ["Initech"]
        # An existing customer with the flag: no second one.
        save_agreement(ws, None, acme_terms(), author="ana", new_customer=True)
        assert len(customers()) == 3 and agreement_id
    finally:
        ws.close()


def list_agreements_of(ws: Workspace) -> list:  # type: ignore[type-arg]
    with ws.session() as session:
        return list(list_agreements(session))
