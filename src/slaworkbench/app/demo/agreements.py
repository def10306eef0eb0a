"""The demo's service agreements: three customers with an agreement each (one with its
own calendar in another time zone and its own holidays, one past its review date with a
review log), the services provided to them, and thirteen months of outages — full,
partial and planned, some linked to the tickets they caused — so the Agreements tab,
the statement and the availability figures have something real to show.

It draws from its own random generator (seeded from the demo's seed), so the tickets a
seed makes do not change with it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from slaworkbench.app.demo.catalogue import AUTHOR, DAY, HOUR
from slaworkbench.domain.agreement.spec import agreement_from_dict
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.services import (
    OutageDraft,
    list_services,
    save_outage,
    save_service,
)
from slaworkbench.store.agreements.versions import ReviewTerms, add_review, save_agreement_version
from slaworkbench.store.policies.calendars import save_calendar_spec
from slaworkbench.store.schema import Agreement, Customer, Ticket

CUSTOMER_CALENDAR = "Tokyo support desk"
HISTORY_MONTHS = 13


def _tokyo_calendar(year: int) -> dict[str, object]:
    return {
        "name": CUSTOMER_CALENDAR,
        "timezone": "Asia/Tokyo",
        "hours": {d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
        | {"sat": [], "sun": []},
        "holidays": [
            {"date": f"{y}-{md}", "name": name}
            for y in range(year - 2, year + 2)
            for md, name in (("01-01", "New Year"), ("01-02", "New Year holiday"),
                             ("01-03", "New Year holiday"), ("05-03", "Constitution Day"),
                             ("12-31", "Year end"))
        ],
    }  # fmt: skip


def _busiest_customers(session: Session, count: int) -> list[tuple[str, str | None]]:
    rows = session.execute(
        select(Customer.name, Customer.tier, func.count(Ticket.id))
        .join(Ticket, Ticket.customer_id == Customer.id)
        .group_by(Customer.id, Customer.name, Customer.tier)
        .order_by(func.count(Ticket.id).desc(), Customer.name)
        .limit(count)
    ).all()
    return [(name, tier) for name, tier, _ in rows]


CONTRACT_SERVICES = (("Customer portal", 0.999), ("Integration API", 0.999))
"""The services the agreements commit to: their own, with outages a hosted service
plausibly has (the workspace's other demo services keep their denser outage history)."""

CREDIT_CEILING_PERCENT = 15.0
"""No demo month owes more than this share of the fee, whatever happens: the rules' caps
and tiers add up to less (see ``_terms``)."""


def _terms(
    customer: str, tier: str | None, start: dt.date, services: list[tuple[str, float]],
    calendar: str | None, fee: float,
) -> dict[str, object]:  # fmt: skip
    """Terms a support contract plausibly has: small per-ticket credits capped at a few
    per cent of the fee, availability tiers of 2 % and 4 % per service, a 2 % credit when
    resolution compliance misses its goal. At most 2 × 4 + 2 + 1 + 2 = 13 % of the fee
    in any month, typically nothing or a few per cent."""
    return {
        "name": tr("{customer} support agreement").format(customer=customer),
        "customer": customer,
        "valid_from": start.isoformat(),
        "valid_to": (start + dt.timedelta(days=2 * 365)).isoformat(),
        "policy": "Enterprise customers" if tier == "enterprise" else "Office hours",
        "calendar": calendar,
        "description": tr(
            "<p><b>Scope:</b> first- and second-line support for {customer}'s users of "
            "our hosted services.</p><p><b>Channels:</b> e-mail, web portal, phone.</p>"
            "<p><b>Support hours:</b> working days, {hours}.</p>"
        ).format(
            customer=customer,
            hours=tr("09:00–18:00 Tokyo time") if calendar else tr("09:00–18:00 Lisbon time"),
        ),
        "monthly_fee": fee,
        "currency": "EUR",
        "exclude_planned": True,
        "minimum_volume": 5,
        "csat_goal": 80,
        "nps_goal": 10,
        "goals": [
            {"metric": "first_response", "priority": None, "goal": 90},
            {"metric": "resolution", "priority": None, "goal": 85},
        ],
        "services": [
            {"service": name, "target": round(target * 100, 3),
             "tiers": [{"below": round(target * 100, 3), "credit": 2},
                       {"below": 99.0, "credit": 4}]}
            for name, target in services
        ],
        "ticket_credits": [
            {"priority": "urgent", "metric": "resolution", "percent": 0.5,
             "cap": round(fee * 0.02, 2)},
            {"priority": "high", "metric": "first_response", "amount": round(fee * 0.002, 2),
             "cap": round(fee * 0.01, 2)},
        ],
        "compliance_credits": [
            {"metric": "resolution", "priority": None, "goal": 85, "credit": 2},
        ],
    }  # fmt: skip


def _outages(
    session: Session, rng: np.random.Generator, service: str, now: int, customers: list[str]
) -> int:
    """Thirteen months of a hosted service's outages: a planned maintenance window on a
    Sunday night each month (excluded from availability), and in about half the months
    one unplanned outage — mostly short, a third of them partial — so that most months
    keep 99.9 % and a few miss it. Tickets of the agreements' customers opened during an
    unplanned outage are linked to it."""
    written = 0
    start = now - HISTORY_MONTHS * 30 * DAY
    customer_ids = select(Customer.id).where(Customer.name.in_(customers))
    for month in range(HISTORY_MONTHS):
        base = start + month * 30 * DAY
        sunday = base + (6 - dt.datetime.fromtimestamp(base, dt.UTC).weekday()) * DAY
        maintenance = sunday + 22 * HOUR
        if maintenance + 2 * HOUR < now:
            save_outage(session, None, OutageDraft(
                service, maintenance, maintenance + 2 * HOUR, 1.0, True,
                tr("Planned maintenance of {service}").format(service=service),
            ))  # fmt: skip
            written += 1
        if rng.random() < 0.5:
            continue
        began = base + int(rng.integers(0, 30 * DAY))
        partial = bool(rng.random() < 0.35)
        length = int(rng.integers(10 * 60, 120 * 60) if partial else rng.integers(4 * 60, 50 * 60))
        if began + length >= now:
            continue
        weight = round(float(rng.uniform(0.2, 0.6)), 2) if partial else 1.0
        tickets = session.execute(
            select(Ticket.id)
            .where(Ticket.customer_id.in_(customer_ids), Ticket.created_at >= began,
                   Ticket.created_at < began + length + HOUR)
            .order_by(Ticket.id)
            .limit(3)
        ).scalars().all()  # fmt: skip
        description = (
            tr("{service} degraded").format(service=service) if partial
            else tr("{service} unavailable").format(service=service)
        )  # fmt: skip
        save_outage(session, None, OutageDraft(
            service, began, began + length, weight, False, description, tuple(tickets)
        ))  # fmt: skip
        written += 1
    return written


def add_agreements(connection: Connection, seed: int, now: int) -> int:
    """Agreements, service customers and outages for the demo; returns the outages
    written. Does nothing when the workspace already has agreements."""
    rng = np.random.default_rng(seed + 7919)
    with Session(bind=connection) as session:
        if session.execute(select(Agreement.id).limit(1)).first() is not None:
            return 0
        customers = _busiest_customers(session, 3)
        if len(customers) < 3:
            return 0
        today = dt.datetime.fromtimestamp(now, dt.UTC).date()
        save_calendar_spec(session, _tokyo_calendar(today.year), AUTHOR, now=now)
        names = [name for name, _ in customers]
        known = {s.name: s.id for s in list_services(session)}
        services = list(CONTRACT_SERVICES)
        for name, target in services:
            save_service(
                session, known.get(name), name=name, availability_target=target,
                measurement_window="month", customers=names,
            )  # fmt: skip
        start = (today - dt.timedelta(days=HISTORY_MONTHS * 31)).replace(day=1)
        for index, (customer, tier) in enumerate(customers):
            own_calendar = CUSTOMER_CALENDAR if index == 2 else None
            terms = _terms(customer, tier, start, services[: 2 if index == 0 else 1],
                           own_calendar, fee=1500.0 * (3 - index))  # fmt: skip
            review_date = today - dt.timedelta(days=20) if index == 0 else today + dt.timedelta(
                days=90 * (index + 1))  # fmt: skip
            saved = save_agreement_version(
                session, None, agreement_from_dict(terms), author=AUTHOR,
                reason=tr("Signed"), now=now - HISTORY_MONTHS * 30 * DAY,
                review=ReviewTerms(review_date, 12, "Ana Costa"),
            )  # fmt: skip
            if index == 0:
                add_review(
                    session, saved.agreement_id, reviewer="Ana Costa",
                    outcome=tr("Goals kept; resolution goal to be raised next year."),
                    changes=tr("none"), now=now - 180 * DAY,
                )  # fmt: skip
        written = sum(_outages(session, rng, name, now, names) for name, _ in services)
        session.flush()
    return written
