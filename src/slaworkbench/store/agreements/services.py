"""Services (name, customers, availability target, measurement window) and their
outages (start, end, weight, planned flag, linked tickets) in the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from slaworkbench.domain.agreement.availability import OutageSpan, check_weight
from slaworkbench.i18n import tr
from slaworkbench.store.errors import NotFoundError, ValidationError
from slaworkbench.store.schema import (
    MEASUREMENT_WINDOWS,
    Customer,
    Outage,
    OutageTicket,
    Service,
    ServiceCustomer,
    Ticket,
)


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    id: int
    name: str
    availability_target: float
    """A fraction (0.999)."""
    measurement_window: str
    customers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutageInfo:
    id: int
    service_id: int
    service: str
    started_at: int
    ended_at: int | None
    weight: float
    planned: bool
    description: str
    ticket_ids: tuple[int, ...]

    def span(self, now: int) -> OutageSpan | None:
        """The outage as a domain span, an ongoing one lasting until ``now``."""
        end = now if self.ended_at is None else self.ended_at
        if end <= self.started_at:
            return None
        return OutageSpan(self.started_at, end, self.weight, self.planned)


@dataclass(frozen=True, slots=True)
class OutageDraft:
    service: str
    started_at: int
    ended_at: int | None
    weight: float = 1.0
    planned: bool = False
    description: str = ""
    ticket_ids: tuple[int, ...] = ()


def save_service(
    session: Session,
    service_id: int | None,
    *,
    name: str,
    availability_target: float,
    measurement_window: str = "month",
    customers: Sequence[str] = (),
) -> int:
    name = name.strip()
    if not name:
        raise ValidationError(tr("A service needs a name."))
    if not 0 < availability_target <= 1:
        raise ValidationError(tr("An availability target is above 0 % and at most 100 %."))
    if measurement_window not in MEASUREMENT_WINDOWS:
        raise ValidationError(tr("The measurement window is a month, a quarter or a year."))
    clash = session.execute(
        select(Service.id).where(Service.name == name, Service.id != (service_id or -1))
    ).scalar()
    if clash is not None:
        raise ValidationError(
            tr("A service named “{name}” already exists; choose another name.").format(name=name)
        )
    customer_ids = []
    for customer in customers:
        found = session.execute(select(Customer.id).where(Customer.name == customer)).scalar()
        if found is None:
            raise ValidationError(tr("There is no customer named “{name}”.").format(name=customer))
        customer_ids.append(int(found))
    values = {
        "name": name,
        "availability_target": availability_target,
        "measurement_window": measurement_window,
    }
    if service_id is None:
        service_id = int(
            session.execute(insert(Service).values(**values).returning(Service.id)).scalar_one()
        )
    else:
        if session.execute(select(Service.id).where(Service.id == service_id)).first() is None:
            raise NotFoundError(tr("That service no longer exists; reload the list."))
        session.execute(update(Service).where(Service.id == service_id).values(**values))
        session.execute(delete(ServiceCustomer).where(ServiceCustomer.service_id == service_id))
    for customer_id in sorted(set(customer_ids)):
        session.execute(
            insert(ServiceCustomer).values(service_id=service_id, customer_id=customer_id)
        )
    return service_id


def delete_service(session: Session, service_id: int) -> None:
    session.execute(delete(Service).where(Service.id == service_id))


def list_services(session: Session) -> list[ServiceInfo]:
    customers: dict[int, list[str]] = defaultdict(list)
    for service_id, name in session.execute(
        select(ServiceCustomer.service_id, Customer.name)
        .join(Customer, Customer.id == ServiceCustomer.customer_id)
        .order_by(Customer.name)
    ):
        customers[service_id].append(name)
    rows = session.execute(
        select(
            Service.id, Service.name, Service.availability_target, Service.measurement_window
        ).order_by(Service.name)
    )
    return [
        ServiceInfo(sid, name, target, window, tuple(customers[sid]))
        for sid, name, target, window in rows
    ]


def service_id_named(session: Session, name: str) -> int:
    found = session.execute(select(Service.id).where(Service.name == name)).scalar()
    if found is None:
        raise ValidationError(
            tr("There is no service named “{name}”; create it first.").format(name=name)
        )
    return int(found)


def check_outage(draft: OutageDraft) -> None:
    """Refuse a bad outage with a sentence (``ValidationError``)."""
    try:
        check_weight(draft.weight)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if draft.ended_at is not None and draft.ended_at <= draft.started_at:
        raise ValidationError(tr("An outage must end after it starts."))


def save_outage(session: Session, outage_id: int | None, draft: OutageDraft) -> int:
    check_outage(draft)
    service_id = service_id_named(session, draft.service)
    ticket_ids = sorted(set(draft.ticket_ids))
    if ticket_ids:
        known = set(session.execute(select(Ticket.id).where(Ticket.id.in_(ticket_ids))).scalars())
        missing = [t for t in ticket_ids if t not in known]
        if missing:
            raise ValidationError(
                tr("There is no ticket #{id}; link only existing tickets.").format(id=missing[0])
            )
    values = {
        "service_id": service_id,
        "started_at": draft.started_at,
        "ended_at": draft.ended_at,
        "weight": float(draft.weight),
        "planned": draft.planned,
        "description": draft.description,
    }
    if outage_id is None:
        outage_id = int(
            session.execute(insert(Outage).values(**values).returning(Outage.id)).scalar_one()
        )
    else:
        if session.execute(select(Outage.id).where(Outage.id == outage_id)).first() is None:
            raise NotFoundError(tr("That outage no longer exists; reload the list."))
        session.execute(update(Outage).where(Outage.id == outage_id).values(**values))
        session.execute(delete(OutageTicket).where(OutageTicket.outage_id == outage_id))
    for ticket_id in ticket_ids:
        session.execute(insert(OutageTicket).values(outage_id=outage_id, ticket_id=ticket_id))
    return outage_id


def delete_outage(session: Session, outage_id: int) -> None:
    session.execute(delete(Outage).where(Outage.id == outage_id))


def list_outages(
    session: Session,
    *,
    service_id: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> list[OutageInfo]:
    """Outages overlapping ``[start, end)`` (all when not given), oldest first."""
    query = (
        select(Outage, Service.name)
        .join(Service, Service.id == Outage.service_id)
        .order_by(Outage.started_at, Outage.id)
    )
    if service_id is not None:
        query = query.where(Outage.service_id == service_id)
    if end is not None:
        query = query.where(Outage.started_at < end)
    if start is not None:
        query = query.where(or_(Outage.ended_at.is_(None), Outage.ended_at > start))
    rows = session.execute(query).all()
    links: dict[int, list[int]] = defaultdict(list)
    ids = [outage.id for outage, _ in rows]
    if ids:
        for outage_id, ticket_id in session.execute(
            select(OutageTicket.outage_id, OutageTicket.ticket_id)
            .where(OutageTicket.outage_id.in_(ids))
            .order_by(OutageTicket.ticket_id)
        ):
            links[outage_id].append(ticket_id)
    return [
        OutageInfo(
            o.id, o.service_id, name, o.started_at, o.ended_at, o.weight, o.planned,
            o.description, tuple(links[o.id]),
        )
        for o, name in rows
    ]  # fmt: skip
