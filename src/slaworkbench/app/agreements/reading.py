"""What the agreement screens read: the choices for the editor, the agreements with
their review status, one agreement's terms and review log, services and outages, and the
agreements and policies whose review date has passed (Qt-free)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from slaworkbench.domain.agreement.spec import agreement_to_dict
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.services import (
    OutageInfo,
    ServiceInfo,
    list_outages,
    list_services,
)
from slaworkbench.store.agreements.versions import (
    AgreementInfo,
    AgreementVersionInfo,
    ReviewEntry,
    current_version,
    list_agreement_versions,
    list_agreements,
    list_reviews,
)
from slaworkbench.store.policies.calendars import list_calendars
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.tickets.rows import list_options
from slaworkbench.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class EditorChoices:
    customers: tuple[str, ...]
    policies: tuple[str, ...]
    calendars: tuple[str, ...]
    services: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgreementDetail:
    info: AgreementInfo
    terms: dict[str, Any]
    """The current version's terms in their JSON form."""
    versions: tuple[AgreementVersionInfo, ...]
    reviews: tuple[ReviewEntry, ...]


@dataclass(frozen=True, slots=True)
class OverdueReview:
    kind: str
    """``agreement`` or ``policy``."""
    name: str
    review_date: dt.date
    owner: str | None


def load_choices(ws: Workspace) -> EditorChoices:
    with ws.session() as session:
        customers, _teams, _agents = list_options(session)
        return EditorChoices(
            customers=tuple(sorted(c.name for c in customers)),
            policies=tuple(p.name for p in list_policies(session)),
            calendars=tuple(c.name for c in list_calendars(session)),
            services=tuple(s.name for s in list_services(session)),
        )


def load_agreements(ws: Workspace) -> list[AgreementInfo]:
    with ws.session() as session:
        return list_agreements(session)


def load_agreement(ws: Workspace, agreement_id: int) -> AgreementDetail:
    with ws.session() as session:
        info = next(a for a in list_agreements(session) if a.id == agreement_id)
        version = current_version(session, agreement_id)
        return AgreementDetail(
            info,
            agreement_to_dict(version.spec),
            tuple(list_agreement_versions(session, agreement_id)),
            tuple(list_reviews(session, agreement_id)),
        )


def load_services(ws: Workspace) -> list[ServiceInfo]:
    with ws.session() as session:
        return list_services(session)


def load_outages(ws: Workspace, service_id: int) -> list[OutageInfo]:
    with ws.session() as session:
        return list_outages(session, service_id=service_id)


def is_overdue(review_date: dt.date | None, today: dt.date) -> bool:
    return review_date is not None and review_date < today


def overdue_reviews(ws: Workspace, today: dt.date) -> list[OverdueReview]:
    """Active agreements and active policies whose review date is before ``today``."""
    found: list[OverdueReview] = []
    with ws.session() as session:
        for agreement in list_agreements(session):
            if agreement.active and is_overdue(agreement.review_date, today):
                assert agreement.review_date is not None
                found.append(
                    OverdueReview("agreement", agreement.name, agreement.review_date,
                                  agreement.owner)
                )  # fmt: skip
        for policy in list_policies(session):
            if not policy.active:
                continue
            versions = list_policy_versions(session, policy.id)
            review = versions[0].review_date if versions else None
            if is_overdue(review, today):
                assert review is not None
                found.append(OverdueReview("policy", policy.name, review, versions[0].owner))
    return found


def overdue_message(overdue: list[OverdueReview]) -> str:
    """One status-bar sentence, or "" when nothing is overdue."""
    if not overdue:
        return ""
    names = ", ".join(f"“{o.name}”" for o in overdue[:3])
    more = len(overdue) - 3
    text = tr("Review overdue: {names}").format(names=names)
    if more > 0:
        text += tr(" and {count} more").format(count=more)
    return text + "."
