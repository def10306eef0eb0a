"""A customer's monthly statement as data: compliance per metric against the agreement's
goals, availability per service with its outages, CSAT/NPS, and the credits owed rule
by rule with the tickets and outages behind each line (docs/AGREEMENTS.md).

Months are local months in the time zone of the agreement's calendar (UTC without one);
the period runs from the first day's midnight to the midnight after the last day.
Compliance and ticket credits count the clocks that *stopped* in a month (the reports'
rule); availability counts the outages of the service in the month, an outage still
going on lasting until ``now``, and nothing after ``now``.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from slaworkbench import formatting
from slaworkbench.domain.agreement.availability import Availability, availability
from slaworkbench.domain.agreement.credits import MonthCompliance, MonthVerdict
from slaworkbench.domain.agreement.satisfaction import Csat, Nps, csat, nps
from slaworkbench.domain.agreement.spec import AgreementSpec
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.i18n import marked, tr
from slaworkbench.store.agreements.clock_facts import StoppedClocks, stopped_clocks
from slaworkbench.store.agreements.services import OutageInfo, list_outages, list_services
from slaworkbench.store.agreements.surveys import customer_answers
from slaworkbench.store.agreements.versions import active_agreement_for
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.policies.calendars import load_calendar
from slaworkbench.store.schema import METRICS, PRIORITIES
from slaworkbench.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Month:
    first_day: dt.date
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ComplianceLine:
    month: dt.date
    metric: Metric
    priority: Priority | None
    result: MonthCompliance

    @property
    def verdict(self) -> MonthVerdict:
        return self.result.verdict


@dataclass(frozen=True, slots=True)
class ServiceMonthLine:
    service: str
    month: dt.date
    target_percent: float
    availability: Availability
    outages: tuple[OutageInfo, ...]

    @property
    def percent(self) -> float | None:
        fraction = self.availability.fraction
        return None if fraction is None else 100.0 * fraction


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in the fee's currency, written with two decimals."""

    value: float


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage (``99.9``), written with the decimals it has."""

    value: float


@dataclass(frozen=True, slots=True)
class Fixed:
    """A number written with ``decimals`` decimals."""

    value: float
    decimals: int


@dataclass(frozen=True, slots=True)
class PriorityWords:
    """A rule's priority in a sentence ("urgent", "every priority")."""

    priority: Priority | None


@dataclass(frozen=True, slots=True)
class Words:
    """A sentence written when it is shown — in the language, and with the numbers, of
    the locale active then. A statement is built once and may be written for a reader
    in another language (``write_statement(locale=…)``, ``report --language``): its
    sentences made at build time were in the builder's language, its percentages
    Python's (``0.5 %`` in a Portuguese statement) and its metrics the program's
    identifiers (``resolution urgent``)."""

    source: str
    """The English template (marked for translation; translated when shown)."""
    fields: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return tr(self.source).format(**{name: _shown(value) for name, value in self.fields})


def _shown(value: object) -> str:
    if isinstance(value, Money):
        return formatting.number(value.value, 2)
    if isinstance(value, Percent):
        return formatting.decimal(value.value)
    if isinstance(value, Fixed):
        return formatting.number(value.value, value.decimals)
    if isinstance(value, PriorityWords):
        if value.priority is None:
            return tr("every priority")
        return priority_label(value.priority).lower()
    if isinstance(value, Metric):
        return metric_label(value)
    if isinstance(value, int):
        return formatting.count(value)
    return str(value)


def words(source: str, **fields: object) -> Words:
    return Words(source, tuple(fields.items()))


@dataclass(frozen=True, slots=True)
class CreditLine:
    month: dt.date
    rule: Words
    """The rule in words ("Resolution breached, priority urgent: 50.00 per ticket,
    monthly cap 120.00"), written when shown (``str``)."""
    computation: Words
    """How the amount came about ("3 tickets × 50.00 = 150.00, capped at 120.00")."""
    amount: float
    ticket_ids: tuple[int, ...] = ()
    outage_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    customer: str
    agreement: AgreementSpec
    agreement_version: int
    calendar_zone: str
    date_from: dt.date
    date_to: dt.date
    months: tuple[Month, ...]
    compliance: tuple[ComplianceLine, ...]
    services: tuple[ServiceMonthLine, ...]
    csat: Csat
    nps: Nps
    credits: tuple[CreditLine, ...]
    generated_at: int

    @property
    def total_credit(self) -> float:
        return round(sum(line.amount for line in self.credits), 2)


def months_between(date_from: dt.date, date_to: dt.date, zone: ZoneInfo) -> tuple[Month, ...]:
    """The local months touching ``[date_from, date_to]``, each clipped to the period."""

    def midnight(day: dt.date) -> int:
        return int(dt.datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())

    months: list[Month] = []
    first = date_from.replace(day=1)
    end_day = date_to + dt.timedelta(days=1)
    while first < end_day:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        months.append(
            Month(first, midnight(max(first, date_from)), midnight(min(following, end_day)))
        )
        first = following
    return tuple(months)


class _Judged:
    """The period's stopped cycles with the month each stopped in (``-1``: none of
    them), counted per month, metric and priority as arrays."""

    _ALL = len(PRIORITIES)
    """The priority slot that counts every priority."""

    def __init__(self, months: tuple[Month, ...], clocks: StoppedClocks) -> None:
        starts = np.array([month.start for month in months], dtype=np.int64)
        ends = np.array([month.end for month in months], dtype=np.int64)
        index = np.searchsorted(starts, clocks.stopped_at, side="right") - 1
        inside = (index >= 0) & (clocks.priority >= 0)
        inside[inside] &= clocks.stopped_at[inside] < ends[index[inside]]
        self.months = months
        self.clocks = clocks
        self.month = np.where(inside, index, -1)
        size = len(months) * len(METRICS) * (self._ALL + 1)
        month, metric = self.month[inside], clocks.metric[inside]
        breached = clocks.breached[inside]
        counted = {}
        for name, picked in (("achieved", ~breached), ("breached", breached)):
            own = self._slot(month[picked], metric[picked], clocks.priority[inside][picked])
            every = self._slot(month[picked], metric[picked], self._ALL)
            counted[name] = np.bincount(own, minlength=size) + np.bincount(every, minlength=size)
        self._achieved, self._breached = counted["achieved"], counted["breached"]

    def _slot(self, month: Any, metric: Any, priority: Any) -> Any:
        return (month * len(METRICS) + metric) * (self._ALL + 1) + priority

    def counts(self, month: int, metric: Metric, priority: Priority | None) -> tuple[int, int]:
        """Achieved and breached cycles of ``metric`` (and ``priority``; ``None``: any)
        that stopped in the ``month``-th month."""
        where = self._slot(month, METRICS.index(metric.value), _priority_slot(priority))
        return int(self._achieved[where]), int(self._breached[where])

    def breached_tickets(
        self, month: int, metric: Metric, priority: Priority | None
    ) -> tuple[int, ...]:
        """The tickets with a breached cycle of ``metric`` (``priority``; ``None``: any)
        that stopped in the ``month``-th month, in id order."""
        clocks = self.clocks
        picked = (
            clocks.breached & (self.month == month) & (clocks.metric == METRICS.index(metric.value))
        )
        if priority is not None:
            picked &= clocks.priority == PRIORITIES.index(priority.value)
        return tuple(int(ticket) for ticket in np.unique(clocks.ticket_id[picked]))


def _priority_slot(priority: Priority | None) -> int:
    return len(PRIORITIES) if priority is None else PRIORITIES.index(priority.value)


def _compliance(spec: AgreementSpec, judged: _Judged) -> list[ComplianceLine]:
    wanted: list[tuple[Metric, Priority | None, float]] = [
        (g.metric, g.priority, g.goal_percent) for g in spec.goals
    ]
    for rule in spec.compliance_credits:
        if not any(m == rule.metric and p == rule.priority for m, p, _ in wanted):
            wanted.append((rule.metric, rule.priority, rule.goal_percent))
    lines: list[ComplianceLine] = []
    for number, month in enumerate(judged.months):
        for metric, priority, goal in wanted:
            achieved, breached = judged.counts(number, metric, priority)
            lines.append(
                ComplianceLine(
                    month.first_day, metric, priority,
                    MonthCompliance(achieved, breached, goal, spec.minimum_volume),
                )
            )  # fmt: skip
    return lines


def _ticket_credits(spec: AgreementSpec, judged: _Judged) -> list[CreditLine]:
    lines: list[CreditLine] = []
    for number, month in enumerate(judged.months):
        for rule in spec.ticket_credits:
            tickets = judged.breached_tickets(number, rule.metric, rule.priority)
            if not tickets:
                continue
            per = rule.per_ticket(spec.monthly_fee)
            raw = len(tickets) * per
            owed = rule.owed(len(tickets), spec.monthly_fee)
            basis: object = (
                Money(rule.amount)
                if rule.amount is not None
                else words(
                    marked("{percent} % of {fee} = {per}"),
                    percent=Percent(rule.percent or 0.0), fee=Money(spec.monthly_fee),
                    per=Money(per),
                )
            )  # fmt: skip
            computation = (
                words(marked("1 ticket × {per} = {raw}"), per=Money(per), raw=Money(raw))
                if len(tickets) == 1
                else words(
                    marked("{count} tickets × {per} = {raw}"),
                    count=len(tickets), per=Money(per), raw=Money(raw),
                )
            )  # fmt: skip
            if owed < raw:
                computation = words(
                    marked("{computation}, capped at {cap}"),
                    computation=computation, cap=Money(owed),
                )  # fmt: skip
            cap: object = (
                ""
                if rule.monthly_cap is None
                else words(marked(", monthly cap {cap}"), cap=Money(rule.monthly_cap))
            )
            lines.append(
                CreditLine(
                    month.first_day,
                    words(
                        marked("{metric} breached, priority {priority}: {basis} per ticket{cap}"),
                        metric=rule.metric, priority=PriorityWords(rule.priority), basis=basis,
                        cap=cap,
                    ),
                    computation, round(owed, 2), ticket_ids=tuple(tickets),
                )
            )  # fmt: skip
    return lines


def _compliance_credits(
    spec: AgreementSpec, compliance: list[ComplianceLine], judged: _Judged
) -> list[CreditLine]:
    lines: list[CreditLine] = []
    for rule in spec.compliance_credits:
        for line in compliance:
            if line.metric != rule.metric or line.priority != rule.priority:
                continue
            number = next(n for n, m in enumerate(judged.months) if m.first_day == line.month)
            result = MonthCompliance(
                line.result.achieved, line.result.breached, rule.goal_percent,
                spec.minimum_volume,
            )  # fmt: skip
            owed = rule.owed(result, spec.monthly_fee)
            if not owed:
                continue
            breached = judged.breached_tickets(number, rule.metric, rule.priority)
            lines.append(
                CreditLine(
                    line.month,
                    words(
                        marked("{metric} ({priority}) compliance below {goal} %: {credit} % of "
                               "the fee"),
                        metric=rule.metric, priority=PriorityWords(rule.priority),
                        goal=Percent(rule.goal_percent), credit=Percent(rule.credit_percent),
                    ),
                    words(
                        marked("{achieved} of {judged} met = {percent} %; {credit} % × {fee} = "
                               "{owed}"),
                        achieved=result.achieved, judged=result.judged,
                        percent=Fixed(result.percent or 0.0, 1),
                        credit=Percent(rule.credit_percent), fee=Money(spec.monthly_fee),
                        owed=Money(owed),
                    ),
                    round(owed, 2), ticket_ids=tuple(breached),
                )
            )  # fmt: skip
    return lines


def _availability(
    spec: AgreementSpec, months: tuple[Month, ...], outages: list[OutageInfo], now: int
) -> tuple[list[ServiceMonthLine], list[CreditLine]]:
    lines: list[ServiceMonthLine] = []
    credits: list[CreditLine] = []
    for commitment in spec.services:
        mine = [o for o in outages if o.service == commitment.service]
        for month in months:
            end = min(month.end, now)
            if end <= month.start:
                continue
            inside = tuple(
                o for o in mine
                if o.started_at < end and (o.ended_at is None or o.ended_at > month.start)
            )  # fmt: skip
            spans = [s for o in inside if (s := o.span(now)) is not None]
            measured = availability(spans, month.start, end, exclude_planned=spec.exclude_planned)
            line = ServiceMonthLine(
                commitment.service, month.first_day, commitment.target_percent, measured, inside
            )
            lines.append(line)
            percent = line.percent
            tier = None if percent is None else commitment.tiers.tier_reached(percent)
            if tier is None or percent is None:
                continue
            owed = commitment.tiers.owed(percent, spec.monthly_fee)
            counted = tuple(
                sorted(o.id for o in inside if not (spec.exclude_planned and o.planned))
            )
            credits.append(
                CreditLine(
                    month.first_day,
                    words(
                        marked("{service} availability below {below} %: {credit} % of the fee"),
                        service=commitment.service, below=Percent(tier.below_percent),
                        credit=Percent(tier.credit_percent),
                    ),
                    words(
                        marked("availability {percent} % (down {minutes} weighted minutes); "
                               "{credit} % × {fee} = {owed}"),
                        percent=Fixed(percent, 3),
                        minutes=Fixed(measured.down_seconds / 60, 1),
                        credit=Percent(tier.credit_percent), fee=Money(spec.monthly_fee),
                        owed=Money(owed),
                    ),
                    round(owed, 2), outage_ids=counted,
                )
            )  # fmt: skip
    return lines, credits


def build_statement(
    ws: Workspace,
    customer: str,
    date_from: dt.date,
    date_to: dt.date,
    *,
    now: int | None = None,
) -> Statement:
    """The statement of ``customer``'s active agreement for ``[date_from, date_to]``."""
    if date_to < date_from:
        raise ValidationError(tr("The period must start before it ends."))
    now = int(time.time()) if now is None else now
    with ws.session() as session:
        agreement = active_agreement_for(session, customer)
        if agreement is None:
            raise ValidationError(
                tr("{customer} has no active agreement; create one before a statement.").format(
                    customer=customer
                )
            )
        spec = agreement.spec
        zone_name = load_calendar(session, spec.calendar).timezone if spec.calendar else "UTC"
        zone = ZoneInfo(zone_name)
        months = months_between(date_from, date_to, zone)
        start, end = months[0].start, months[-1].end
        named = {goal.metric for goal in spec.goals}
        named |= {rule.metric for rule in spec.compliance_credits}
        named |= {rule.metric for rule in spec.ticket_credits}
        clocks = stopped_clocks(
            session, start, end, customer=customer, metrics={m.value for m in named}
        )
        known = {s.name for s in list_services(session)}
        outages = [o for o in list_outages(session, start=start, end=end) if o.service in known]
        answers = customer_answers(session, customer, start, end)
    judged = _Judged(months, clocks)
    compliance = _compliance(spec, judged)
    service_lines, availability_credits = _availability(spec, months, outages, now)
    credits = (
        _ticket_credits(spec, judged)
        + availability_credits
        + _compliance_credits(spec, compliance, judged)
    )
    credits.sort(key=lambda line: line.month)
    return Statement(
        customer=customer,
        agreement=spec,
        agreement_version=agreement.version,
        calendar_zone=zone_name,
        date_from=date_from,
        date_to=date_to,
        months=months,
        compliance=tuple(compliance),
        services=tuple(service_lines),
        csat=csat(a.score for a in answers if a.kind == "csat"),
        nps=nps(a.score for a in answers if a.kind == "nps"),
        credits=tuple(credits),
        generated_at=now,
    )
