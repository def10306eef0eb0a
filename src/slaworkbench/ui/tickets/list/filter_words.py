"""A dashboard filter in words, for the status bar when a dashboard click fills the list:
"Breached first response, team Network, 1 Mar – 7 Mar".

Dates and times are written by ``reports.formatting.ReportFormat`` (the reader's locale,
in the dashboard's time zone), the one date formatter the reports use too.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale

from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.i18n import tr
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.store.ola.holder_filter import HolderFilter
from slaworkbench.store.ola.ticket_filter import OlaFilter
from slaworkbench.store.tickets.query import TicketQuery, View


def _metric_name(metric: Metric | None) -> str:
    if metric is None:
        return tr("a clock")
    return {
        Metric.FIRST_RESPONSE: tr("first response"),
        Metric.NEXT_RESPONSE: tr("next response"),
        Metric.PERIODIC_UPDATE: tr("periodic update"),
        Metric.RESOLUTION: tr("resolution"),
    }[metric]


def _priority_name(priority: Priority) -> str:
    return {
        Priority.URGENT: tr("urgent"),
        Priority.HIGH: tr("high"),
        Priority.NORMAL: tr("normal"),
        Priority.LOW: tr("low"),
    }[priority]


def describe_span(start: int | None, end: int | None, fmt: ReportFormat) -> str:
    """``[start, end)`` in words: ``1 Mar – 7 Mar`` for whole local days, else with times."""
    if start is None and end is None:
        return ""
    if start is None:
        assert end is not None
        return tr("before {t}").format(t=fmt.instant(end))
    if end is None:
        return tr("from {t}").format(t=fmt.instant(start))
    a = dt.datetime.fromtimestamp(start, fmt.tz)
    b = dt.datetime.fromtimestamp(end, fmt.tz)
    if a.time() == dt.time(0) and b.time() == dt.time(0) and b > a:
        first, last = a.date(), (b - dt.timedelta(days=1)).date()
        if first == last:
            return fmt.bucket(first, "day")
        if first.year != last.year:
            return f"{fmt.date(first)} – {fmt.date(last)}"
        return f"{fmt.bucket(first, 'day')} – {fmt.bucket(last, 'day')}"
    return f"{fmt.instant(start)} – {fmt.instant(end)}"


def describe_ticket_filter(query: TicketQuery, *, tz: str) -> str:
    """The dashboard filter of ``query`` in words, e.g. "Breached first response, team
    Network, 1 Mar – 7 Mar" ("" when the query has none). ``tz``: the dashboard's zone
    (IANA name)."""
    if not query.has_dashboard_filter:
        return ""
    fmt = ReportFormat(QLocale(), tz)
    parts: list[str] = []
    clock = query.clock
    if query.view is View.ALL_OPEN:
        parts.append(tr("open tickets"))
    if clock is not None:
        metric = _metric_name(clock.metric)
        if clock.breached:
            parts.append(tr("breached {metric}").format(metric=metric))
        if clock.elapsed_from is not None or clock.elapsed_to is not None:
            low = format_duration(clock.elapsed_from or 0)
            if clock.elapsed_to is None:
                took = tr("{metric} took {low} or more").format(metric=metric, low=low)
            else:
                took = tr("{metric} took {low}–{high}").format(
                    metric=metric, low=low, high=format_duration(clock.elapsed_to)
                )
            parts.append(took)
        if clock.running:
            parts.append(
                tr("{metric} due {span}").format(
                    metric=metric,
                    span=describe_span(
                        None if clock.due_after is None else clock.due_after + 1,
                        None if clock.due_until is None else clock.due_until + 1,
                        fmt,
                    ),
                )
            )
        measured = clock.elapsed_from is not None or clock.elapsed_to is not None
        if not (clock.breached or clock.running or measured):
            parts.append(metric)
    for priority in query.priorities:
        parts.append(tr("{priority} priority").format(priority=_priority_name(priority)))
    if query.without_team:
        parts.append(tr("no team"))
    elif query.team_name:
        parts.append(tr("team {name}").format(name=query.team_name))
    if query.without_customer:
        parts.append(tr("no customer"))
    elif query.customer_name:
        parts.append(tr("customer {name}").format(name=query.customer_name))
    if query.due_from is not None or query.due_before is not None:
        parts.append(
            tr("next due {span}").format(span=describe_span(query.due_from, query.due_before, fmt))
        )
    if clock is not None and (clock.stopped_from is not None or clock.stopped_to is not None):
        span = describe_span(clock.stopped_from, clock.stopped_to, fmt)
        parts.append(span if clock.breached else tr("stopped {span}").format(span=span))
    if query.ola is not None:
        parts.append(describe_ola_filter(query.ola, fmt))
    if query.held is not None:
        parts.append(describe_holder_filter(query.held, fmt))
    text = ", ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


def _held(
    words: str, holder: str, basis: str, start: int | None, end: int | None, fmt: ReportFormat
) -> str:
    """``words`` ("OLA cycles", "resolution clocks") held by ``holder`` in ``basis``
    (when they stopped, or while running), stopped in ``[start, end)``."""
    if basis == "at_stop":
        words = tr("{cycles} held by {agent} when they stopped").format(cycles=words, agent=holder)
    elif basis == "while_running":
        words = tr("{cycles} held by {agent} while running").format(cycles=words, agent=holder)
    if start is not None or end is not None:
        words = tr("{cycles} stopped {span}").format(
            cycles=words, span=describe_span(start, end, fmt)
        )
    return words


def describe_ola_filter(ola: OlaFilter, fmt: ReportFormat) -> str:
    """E.g. "breached OLA cycles of Desk held by ana when they stopped, 1 Mar – 31 Mar"."""
    words = tr("breached OLA cycles") if ola.breached else tr("OLA cycles")
    if ola.team is not None:
        words = tr("{cycles} of {team}").format(cycles=words, team=ola.team)
    agent = ola.agent or tr("nobody (unassigned)")
    return _held(words, agent, ola.basis, ola.stopped_from, ola.stopped_to, fmt)


def describe_holder_filter(held: HolderFilter, fmt: ReportFormat) -> str:
    """E.g. "breached resolution clocks held by ana when they stopped 1 Mar – 31 Mar"."""
    metric = _metric_name(Metric(held.metric))
    words = (
        tr("breached {metric} clocks").format(metric=metric)
        if held.breached
        else tr("{metric} clocks").format(metric=metric)
    )
    if held.name is not None:
        holder = held.name if held.kind == "agent" else tr("team {name}").format(name=held.name)
    else:
        holder = tr("nobody (unassigned)") if held.kind == "agent" else tr("no team")
    return _held(words, holder, held.basis, held.stopped_from, held.stopped_to, fmt)
