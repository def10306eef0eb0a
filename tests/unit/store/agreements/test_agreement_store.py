"""Agreements, services, outages and survey answers in the store (SQLite; PostgreSQL
through tests/integration when a server is configured)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from slaworkbench.domain.agreement.spec import agreement_from_dict
from slaworkbench.store.agreements.services import (
    OutageDraft,
    list_outages,
    list_services,
    save_outage,
    save_service,
)
from slaworkbench.store.agreements.surveys import (
    SurveyDraft,
    add_survey_answers,
    customer_answers,
    ticket_answers,
)
from slaworkbench.store.agreements.versions import (
    ReviewTerms,
    StaleAgreementError,
    active_agreement_for,
    add_review,
    list_agreement_versions,
    list_agreements,
    list_reviews,
    save_agreement_version,
    set_agreement_active,
)
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import AgreementVersion, Outage, SurveyAnswer
from tests.support.agreements.workspace import JAN_2026, acme_terms, agreement_workspace


def test_versions_are_immutable_with_author_time_and_reason(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    spec = agreement_from_dict(acme_terms())
    with ws.session(write=True) as session:
        first = save_agreement_version(
            session, None, spec, author="ana", reason="signed", now=100,
            review=ReviewTerms(dt.date(2026, 6, 30), 6, "Ana"),
        )  # fmt: skip
    with ws.session() as session:
        [info] = list_agreements(session)
    assert (info.customer, info.version, info.review_date, info.owner) == (
        "Acme", 1, dt.date(2026, 6, 30), "Ana",
    )  # fmt: skip
    changed = agreement_from_dict(acme_terms(monthly_fee=2500))
    with ws.session(write=True) as session:
        save_agreement_version(
            session, info.id, changed, author="bruno", reason="new fee",
            expected_version=info.lock_version, now=200,
        )  # fmt: skip
    with ws.session() as session:
        versions = list_agreement_versions(session, info.id)
        first_row = session.get(AgreementVersion, first.version_id)
        assert first_row is not None and '"monthly_fee": 2000' in first_row.spec
        current = active_agreement_for(session, "Acme")
    assert [(v.version, v.author, v.reason, v.created_at) for v in versions] == [
        (2, "bruno", "new fee", 200), (1, "ana", "signed", 100),
    ]  # fmt: skip
    assert current is not None and current.spec.monthly_fee == 2500
    with ws.session(write=True) as session, pytest.raises(StaleAgreementError):
        save_agreement_version(
            session, info.id, changed, author="x", expected_version=info.lock_version
        )


def test_one_active_agreement_per_customer(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    spec = agreement_from_dict(acme_terms())
    with ws.session(write=True) as session:
        save_agreement_version(session, None, spec, author="ana")
    with ws.session(write=True) as session, pytest.raises(ValidationError, match="already has"):
        save_agreement_version(session, None, spec, author="ana")
    with ws.session(write=True) as session:
        [info] = list_agreements(session)
        set_agreement_active(session, info.id, False)
        save_agreement_version(session, None, spec, author="ana")
    with ws.session(write=True) as session, pytest.raises(ValidationError, match="already has"):
        set_agreement_active(session, info.id, True)


def test_unknown_names_are_refused(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    with ws.session(write=True) as session, pytest.raises(ValidationError, match="Nobody"):
        save_agreement_version(
            session, None, agreement_from_dict(acme_terms(customer="Nobody")), author="a"
        )
    with ws.session(write=True) as session, pytest.raises(ValidationError, match="calendar"):
        save_agreement_version(
            session, None, agreement_from_dict(acme_terms(calendar="Mars")), author="a"
        )


def test_review_log(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    with ws.session(write=True) as session:
        save_agreement_version(session, None, agreement_from_dict(acme_terms()), author="a")
        [info] = list_agreements(session)
        add_review(session, info.id, reviewer="Ana", outcome="kept", now=10)
        add_review(session, info.id, reviewer="Bo", outcome="raised goal", changes="90→95", now=20)
    with ws.session() as session:
        log = list_reviews(session, info.id)
    assert [(r.reviewer, r.outcome, r.changes) for r in log] == [
        ("Bo", "raised goal", "90→95"), ("Ana", "kept", ""),
    ]  # fmt: skip


def test_services_and_outages_with_customers_and_tickets(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    with ws.session(write=True) as session:
        sid = save_service(session, None, name="Portal", availability_target=0.999,
                           customers=["Acme"])  # fmt: skip
        oid = save_outage(
            session, None,
            OutageDraft("Portal", JAN_2026, JAN_2026 + 600, 0.5, True, "patch", (1,)),
        )  # fmt: skip
    with ws.session() as session:
        [service] = list_services(session)
        [outage] = list_outages(session, service_id=sid, start=JAN_2026, end=JAN_2026 + 10)
    assert service.customers == ("Acme",) and service.measurement_window == "month"
    assert (outage.id, outage.weight, outage.planned, outage.ticket_ids) == (oid, 0.5, True, (1,))
    with ws.session(write=True) as session:
        for bad in (
            OutageDraft("Portal", JAN_2026, JAN_2026 + 1, weight=1.2),
            OutageDraft("Portal", JAN_2026, JAN_2026),
            OutageDraft("Nope", JAN_2026, JAN_2026 + 1),
            OutageDraft("Portal", JAN_2026, JAN_2026 + 1, ticket_ids=(999,)),
        ):
            with pytest.raises(ValidationError):
                save_outage(session, None, bad)
    with ws.session() as session:
        assert session.execute(select(func.count()).select_from(Outage)).scalar_one() == 1


def test_survey_answers_with_comments(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    with ws.session(write=True) as session:
        add_survey_answers(
            session,
            [SurveyDraft(1, "csat", 5, JAN_2026, "great"), SurveyDraft(2, "nps", 3, JAN_2026)],
        )
    with ws.session(write=True) as session, pytest.raises(ValidationError, match="from 1 to 5"):
        add_survey_answers(session, [SurveyDraft(1, "csat", 6, JAN_2026)])
    with ws.session() as session:
        assert [a.comment for a in ticket_answers(session, 1)] == ["great"]
        assert [a.score for a in customer_answers(session, "Acme", JAN_2026, JAN_2026 + 1)] == [5]
        assert session.execute(select(func.count()).select_from(SurveyAnswer)).scalar_one() == 2
