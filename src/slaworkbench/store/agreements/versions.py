"""Agreements in the store: immutable versions (author, time, reason), one active
agreement per customer, and the review log.

Saving never updates a version row: it inserts version n+1 and points the agreement at
it. Every function takes the caller's ``Session`` (one transaction per use case) and
returns plain dataclasses, never ORM rows.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from slaworkbench.domain.agreement.spec import AgreementSpec, agreement_from_dict, agreement_to_dict
from slaworkbench.i18n import tr
from slaworkbench.store.errors import NotFoundError, StaleAgreementError, ValidationError
from slaworkbench.store.schema import (
    Agreement,
    AgreementReview,
    AgreementVersion,
    Calendar,
    Customer,
    Policy,
)


@dataclass(frozen=True, slots=True)
class AgreementInfo:
    id: int
    customer: str
    name: str
    active: bool
    version: int
    lock_version: int
    valid_from: dt.date
    valid_to: dt.date | None
    review_date: dt.date | None
    review_interval_months: int | None
    owner: str | None
    changed_by: str | None = None
    """Who saved, activated or moved it last, and when (UTC seconds), where known."""
    changed_at: int | None = None


@dataclass(frozen=True, slots=True)
class AgreementVersionInfo:
    id: int
    agreement_id: int
    version: int
    created_at: int
    author: str
    reason: str
    spec: AgreementSpec
    review_date: dt.date | None
    review_interval_months: int | None
    owner: str | None


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    id: int
    agreement_id: int
    reviewed_at: int
    reviewer: str
    outcome: str
    changes: str


@dataclass(frozen=True, slots=True)
class SavedVersion:
    agreement_id: int
    version_id: int


@dataclass(frozen=True, slots=True)
class ReviewTerms:
    review_date: dt.date | None = None
    review_interval_months: int | None = None
    owner: str | None = None


def _id_by_name(session: Session, table: type[Customer] | type[Policy], name: str) -> int | None:
    found = session.execute(select(table.id).where(table.name == name)).scalar()
    return None if found is None else int(found)


def _named_id(session: Session, table: type[Customer] | type[Policy], name: str) -> int:
    found = _id_by_name(session, table, name)
    if found is None:
        what = tr("customer") if table is Customer else tr("policy")
        raise ValidationError(
            tr("There is no {what} named “{name}”; pick one from the list.").format(
                what=what, name=name
            )
        )
    return int(found)


def save_agreement_version(
    session: Session,
    agreement_id: int | None,
    spec: AgreementSpec,
    *,
    author: str,
    reason: str = "",
    review: ReviewTerms = ReviewTerms(),
    expected_version: int | None = None,
    now: int | None = None,
    new_customer: bool = False,
) -> SavedVersion:
    """Save a new immutable version (a new active agreement when ``agreement_id`` is None);
    with ``new_customer``, a customer of that name that does not exist yet is made in the
    same transaction (an agreement signed before the customer's first ticket)."""
    if not author.strip():
        raise ValidationError(tr("Say who is saving the agreement: the author cannot be empty."))
    if review.review_interval_months is not None and review.review_interval_months < 1:
        raise ValidationError(tr("The review interval is at least one month."))
    found = _id_by_name(session, Customer, spec.customer)
    if found is None and new_customer and agreement_id is None:
        customer = Customer(name=spec.customer)
        session.add(customer)
        session.flush()
        found = customer.id
    customer_id = found if found is not None else _named_id(session, Customer, spec.customer)
    policy_id = _named_id(session, Policy, spec.policy)
    calendar_id: int | None = None
    if spec.calendar:
        calendar_id = session.execute(
            select(Calendar.id).where(Calendar.name == spec.calendar)
        ).scalar()
        if calendar_id is None:
            raise ValidationError(
                tr("There is no calendar named “{name}”; create it or pick another.").format(
                    name=spec.calendar
                )
            )
    if agreement_id is None:
        clash = session.execute(
            select(Agreement.id).where(Agreement.customer_id == customer_id, Agreement.active)
        ).scalar()
        if clash is not None:
            raise ValidationError(
                tr("{customer} already has an active agreement; edit it, or end it first.").format(
                    customer=spec.customer
                )
            )
        agreement_id = session.execute(
            insert(Agreement).values(customer_id=customer_id, active=True).returning(Agreement.id)
        ).scalar_one()
        number = 1
    else:
        claim = update(Agreement).where(Agreement.id == agreement_id)
        if expected_version is not None:  # compare-and-set: one of two racing saves wins
            claim = claim.where(Agreement.version == expected_version)
        claimed = session.execute(
            claim.values(
                version=Agreement.version + 1,
                changed_by=author.strip(),
                changed_at=int(time.time()) if now is None else now,
            )
        ).rowcount  # type: ignore[attr-defined]
        row = session.execute(
            select(Agreement.customer_id, Agreement.changed_by, Agreement.changed_at).where(
                Agreement.id == agreement_id
            )
        ).first()
        if row is None:
            raise NotFoundError(
                tr("Agreement #{id} no longer exists; reload the list.").format(id=agreement_id)
            )
        if claimed != 1:
            raise StaleAgreementError(spec.name, row.changed_by, row.changed_at)
        if row.customer_id != customer_id:
            raise ValidationError(
                tr("An agreement stays with its customer; make a new agreement for another.")
            )
        latest = session.execute(
            select(func.max(AgreementVersion.version)).where(
                AgreementVersion.agreement_id == agreement_id
            )
        ).scalar()
        number = int(latest or 0) + 1
    version_id = session.execute(
        insert(AgreementVersion)
        .values(
            agreement_id=agreement_id,
            version=number,
            created_at=int(time.time()) if now is None else now,
            author=author.strip(),
            reason=reason,
            policy_id=policy_id,
            calendar_id=calendar_id,
            spec=json.dumps(agreement_to_dict(spec), sort_keys=True),
            review_date=review.review_date,
            review_interval_months=review.review_interval_months,
            owner=review.owner,
        )
        .returning(AgreementVersion.id)
    ).scalar_one()
    session.execute(
        update(Agreement)
        .where(Agreement.id == agreement_id)
        .values(
            current_version_id=version_id,
            changed_by=author.strip(),
            changed_at=int(time.time()) if now is None else now,
        )
    )
    return SavedVersion(int(agreement_id), int(version_id))


def set_agreement_active(session: Session, agreement_id: int, active: bool) -> None:
    row = session.execute(select(Agreement.customer_id).where(Agreement.id == agreement_id)).first()
    if row is None:
        raise NotFoundError(
            tr("Agreement #{id} no longer exists; reload the list.").format(id=agreement_id)
        )
    if active:
        clash = session.execute(
            select(Agreement.id).where(
                Agreement.customer_id == row.customer_id,
                Agreement.active,
                Agreement.id != agreement_id,
            )
        ).scalar()
        if clash is not None:
            raise ValidationError(
                tr("This customer already has an active agreement; end that one first.")
            )
    session.execute(
        update(Agreement)
        .where(Agreement.id == agreement_id)
        .values(active=active, version=Agreement.version + 1)
    )


def _version_info(row: AgreementVersion) -> AgreementVersionInfo:
    return AgreementVersionInfo(
        id=row.id,
        agreement_id=row.agreement_id,
        version=row.version,
        created_at=row.created_at,
        author=row.author,
        reason=row.reason,
        spec=agreement_from_dict(json.loads(row.spec)),
        review_date=row.review_date,
        review_interval_months=row.review_interval_months,
        owner=row.owner,
    )


def list_agreements(session: Session) -> list[AgreementInfo]:
    rows = session.execute(
        select(Agreement, AgreementVersion, Customer.name)
        .join(AgreementVersion, AgreementVersion.id == Agreement.current_version_id)
        .join(Customer, Customer.id == Agreement.customer_id)
        .order_by(Customer.name, Agreement.id)
    )
    result: list[AgreementInfo] = []
    for agreement, version, customer in rows:
        spec = agreement_from_dict(json.loads(version.spec))
        result.append(
            AgreementInfo(
                id=agreement.id,
                customer=customer,
                name=spec.name,
                active=agreement.active,
                version=version.version,
                lock_version=agreement.version,
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
                review_date=version.review_date,
                review_interval_months=version.review_interval_months,
                owner=version.owner,
                changed_by=agreement.changed_by,
                changed_at=agreement.changed_at,
            )
        )
    return result


def current_version(session: Session, agreement_id: int) -> AgreementVersionInfo:
    row = session.execute(
        select(AgreementVersion)
        .join(Agreement, Agreement.current_version_id == AgreementVersion.id)
        .where(Agreement.id == agreement_id)
    ).scalar()
    if row is None:
        raise NotFoundError(
            tr("Agreement #{id} no longer exists; reload the list.").format(id=agreement_id)
        )
    return _version_info(row)


def list_agreement_versions(session: Session, agreement_id: int) -> list[AgreementVersionInfo]:
    """Every version of an agreement, newest first."""
    rows = session.execute(
        select(AgreementVersion)
        .where(AgreementVersion.agreement_id == agreement_id)
        .order_by(AgreementVersion.version.desc())
    ).scalars()
    return [_version_info(row) for row in rows]


def active_agreement_for(session: Session, customer: str) -> AgreementVersionInfo | None:
    """The current version of the customer's active agreement, if any."""
    row = session.execute(
        select(AgreementVersion)
        .join(Agreement, Agreement.current_version_id == AgreementVersion.id)
        .join(Customer, Customer.id == Agreement.customer_id)
        .where(Customer.name == customer, Agreement.active)
    ).scalar()
    return None if row is None else _version_info(row)


def active_agreement_policies(session: Session) -> dict[str, str]:
    """Customer → the name of the policy their active agreement says judges their tickets."""
    rows = session.execute(
        select(Customer.name, AgreementVersion.spec)
        .join(Agreement, Agreement.customer_id == Customer.id)
        .join(AgreementVersion, AgreementVersion.id == Agreement.current_version_id)
        .where(Agreement.active)
    )
    return {customer: str(json.loads(spec)["policy"]) for customer, spec in rows}


def add_review(
    session: Session,
    agreement_id: int,
    *,
    reviewer: str,
    outcome: str,
    changes: str = "",
    now: int | None = None,
) -> int:
    if not reviewer.strip() or not outcome.strip():
        raise ValidationError(tr("A review names who reviewed and what the outcome was."))
    if session.execute(select(Agreement.id).where(Agreement.id == agreement_id)).first() is None:
        raise NotFoundError(
            tr("Agreement #{id} no longer exists; reload the list.").format(id=agreement_id)
        )
    return int(
        session.execute(
            insert(AgreementReview)
            .values(
                agreement_id=agreement_id,
                reviewed_at=int(time.time()) if now is None else now,
                reviewer=reviewer.strip(),
                outcome=outcome.strip(),
                changes=changes,
            )
            .returning(AgreementReview.id)
        ).scalar_one()
    )


def list_reviews(session: Session, agreement_id: int) -> list[ReviewEntry]:
    """The review log, newest first."""
    rows = session.execute(
        select(AgreementReview)
        .where(AgreementReview.agreement_id == agreement_id)
        .order_by(AgreementReview.reviewed_at.desc(), AgreementReview.id.desc())
    ).scalars()
    return [
        ReviewEntry(r.id, r.agreement_id, r.reviewed_at, r.reviewer, r.outcome, r.changes)
        for r in rows
    ]
