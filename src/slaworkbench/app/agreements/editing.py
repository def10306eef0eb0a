"""Use cases that write agreements, services, outages and reviews: one transaction each,
returning the ``Changes`` to announce. Input is checked before anything is written; a
refusal is a ``ValidationError`` whose sentence the editor shows inline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from slaworkbench.app.changes import Changes
from slaworkbench.app.permissions import Role, require
from slaworkbench.domain.agreement.spec import AgreementSpec, agreement_from_dict
from slaworkbench.i18n import tr
from slaworkbench.store.agreements import services as service_store
from slaworkbench.store.agreements import versions as agreement_store
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.workspace import Workspace

AGREEMENTS = Changes(agreements=True)
AGREEMENT_TERMS = Changes(agreements=True, policies=True)
"""An agreement's calendar decides its customer's due instants: a save is also a change
of the rules the clocks count by (the window then recomputes)."""


def check_terms(data: Mapping[str, Any]) -> AgreementSpec:
    """The checked terms, or a ``ValidationError`` with the sentence to show."""
    try:
        return agreement_from_dict(data)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def save_agreement(
    ws: Workspace,
    agreement_id: int | None,
    data: Mapping[str, Any],
    *,
    author: str,
    reason: str = "",
    review_date: dt.date | None = None,
    review_interval_months: int | None = None,
    owner: str | None = None,
    expected_version: int | None = None,
    now: int | None = None,
    new_customer: bool = False,
) -> tuple[int, Changes]:
    """Save a new version of an agreement (a new agreement when ``agreement_id`` is None);
    returns the agreement's id. ``new_customer``: a new agreement's customer that does not
    exist yet is made with it."""
    require(ws, Role.MANAGER, tr("save an agreement"))
    spec = check_terms(data)
    review = agreement_store.ReviewTerms(review_date, review_interval_months, owner)
    with ws.session(write=True) as session:
        saved = agreement_store.save_agreement_version(
            session, agreement_id, spec, author=author, reason=reason, review=review,
            expected_version=expected_version, now=now, new_customer=new_customer,
        )  # fmt: skip
    changes = AGREEMENT_TERMS
    if new_customer:
        changes = changes | Changes(tickets=True)  # every picker of customers reads again
    return saved.agreement_id, changes


def end_agreement(ws: Workspace, agreement_id: int) -> Changes:
    require(ws, Role.MANAGER, tr("end an agreement"))
    with ws.session(write=True) as session:
        agreement_store.set_agreement_active(session, agreement_id, False)
    return AGREEMENT_TERMS


def record_review(
    ws: Workspace,
    agreement_id: int,
    *,
    reviewer: str,
    outcome: str,
    changes: str = "",
    next_review: dt.date | None = None,
    now: int | None = None,
) -> Changes:
    """Log a review; with ``next_review`` the agreement's review date moves on (a new
    version saying so, so the change is versioned like any other)."""
    require(ws, Role.MANAGER, tr("record an agreement review"))
    with ws.session(write=True) as session:
        agreement_store.add_review(
            session, agreement_id, reviewer=reviewer, outcome=outcome, changes=changes, now=now
        )
        if next_review is not None:
            current = agreement_store.current_version(session, agreement_id)
            agreement_store.save_agreement_version(
                session, agreement_id, current.spec, author=reviewer,
                reason=outcome, now=now,
                review=agreement_store.ReviewTerms(
                    next_review, current.review_interval_months, current.owner
                ),
            )  # fmt: skip
    return AGREEMENTS


def save_service(
    ws: Workspace,
    service_id: int | None,
    *,
    name: str,
    availability_target: float,
    measurement_window: str = "month",
    customers: Sequence[str] = (),
) -> tuple[int, Changes]:
    require(ws, Role.MANAGER, tr("save a service"))
    with ws.session(write=True) as session:
        saved = service_store.save_service(
            session, service_id, name=name, availability_target=availability_target,
            measurement_window=measurement_window, customers=customers,
        )  # fmt: skip
    return saved, AGREEMENTS


def delete_service(ws: Workspace, service_id: int) -> Changes:
    require(ws, Role.MANAGER, tr("delete a service"))
    with ws.session(write=True) as session:
        service_store.delete_service(session, service_id)
    return AGREEMENTS


def save_outage(
    ws: Workspace, outage_id: int | None, draft: service_store.OutageDraft
) -> tuple[int, Changes]:
    require(ws, Role.MANAGER, tr("save an outage"))
    service_store.check_outage(draft)
    with ws.session(write=True) as session:
        saved = service_store.save_outage(session, outage_id, draft)
    return saved, AGREEMENTS


def delete_outage(ws: Workspace, outage_id: int) -> Changes:
    require(ws, Role.MANAGER, tr("delete an outage"))
    with ws.session(write=True) as session:
        service_store.delete_outage(session, outage_id)
    return AGREEMENTS
