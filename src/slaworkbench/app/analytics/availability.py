"""Service availability per local month of the period, from the recorded outages
(Qt-free).

The figure is the agreement's formula (``domain.agreement.availability``, the one the
customer statement uses): 1 − weighted downtime ÷ the measured time, a partial outage
counted at its weight, overlapping outages once (the largest weight at each instant),
planned maintenance left out unless the customer's active agreement counts it (the
dashboard and the report filtered by that customer; without one, planned maintenance is
left out as an agreement leaves it out by default)."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import (
    Filters,
    Source,
    _bucket_edges,
    _session,
    period_bounds,
)
from slaworkbench.domain.agreement.availability import Availability, OutageSpan, availability
from slaworkbench.store.agreements.services import list_outages
from slaworkbench.store.agreements.versions import active_agreement_for
from slaworkbench.store.analytics import queries as q


@dataclass(frozen=True, slots=True)
class ServiceMonth:
    service: str
    target: float
    month: dt.date
    measured_seconds: int
    """The part of the month inside the period and not in the future."""
    down_seconds: float
    """Weighted downtime (``domain.agreement.availability``)."""

    @property
    def uptime(self) -> float | None:
        return Availability(self.measured_seconds, self.down_seconds).fraction

    @property
    def met(self) -> bool | None:
        uptime = self.uptime
        return None if uptime is None else uptime >= self.target


def excludes_planned(session: Session, customer: str | None) -> bool:
    """Whether planned maintenance is left out of the availability shown for
    ``customer`` (all customers: ``None``): as their active agreement says, else yes."""
    agreement = active_agreement_for(session, customer) if customer else None
    return True if agreement is None else agreement.spec.exclude_planned


def availability_by_service_month(
    source: Source, filters: Filters, now: int | None = None
) -> tuple[ServiceMonth, ...]:
    """Availability per service per local month of the period, up to ``now``, by the
    agreement's formula (see the module docstring); an outage still going on lasts until
    ``now``. The team filter does not apply to services; the customer filter only decides
    whether planned maintenance counts."""
    now = int(time.time()) if now is None else now
    start, end = period_bounds(filters)
    days, edges = _bucket_edges(filters, "month")
    with _session(source) as session:
        listed = q.services(session)
        outages = list_outages(session, start=start, end=min(end, now))
        exclude_planned = excludes_planned(session, filters.customer)
    by_service: dict[str, list[OutageSpan]] = defaultdict(list)
    for outage in outages:
        span = outage.span(now)
        if span is not None:
            by_service[outage.service].append(span)
    months: list[ServiceMonth] = []
    for _service_id, name, target in listed:
        for i, day in enumerate(days):
            window_start = max(edges[i], start)
            window_end = min(edges[i + 1], end, now)
            if window_end <= window_start:
                continue
            measured = availability(
                by_service[name], window_start, window_end, exclude_planned=exclude_planned
            )
            months.append(
                ServiceMonth(
                    service=name,
                    target=target,
                    month=day,
                    measured_seconds=measured.period_seconds,
                    down_seconds=measured.down_seconds,
                )
            )
    return tuple(months)
