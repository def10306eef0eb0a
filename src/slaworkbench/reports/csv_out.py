"""The report as CSV: one section per table, each a title row, a header row and its rows,
separated by blank rows, so it opens readably in a spreadsheet.

Values are for machines: plain numbers (dot decimal, no grouping), percentages as numbers
in ``*_pct`` columns, instants in ISO 8601 in the report's time zone, durations in business
seconds. Text cells that a spreadsheet would run as a formula are neutralised with a
leading single quote (``store.importing.export.guard_cell``, shared with the ticket export).
Unlike the printed report, nothing is left out: every group and, when the report was built
without a limit, every running clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from slaworkbench.app.ola.accountability import HolderFigures
from slaworkbench.reports.builder import REPORTS_COUNT_RULE, ReportData
from slaworkbench.store.importing.export import guard_cell

Value = str | int | float | None


def neutralise(value: Value) -> str:
    """The text of one cell, safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return guard_cell(str(value))


def _pct(fraction: float | None) -> float | None:
    return None if fraction is None else round(fraction * 100, 4)


class _Sections:
    def __init__(self, tz: str) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")
        self.tz = ZoneInfo(tz)
        self.first = True

    def at(self, instant: int | None) -> str | None:
        if instant is None:
            return None
        return dt.datetime.fromtimestamp(instant, self.tz).isoformat()

    def section(self, title: str, header: Sequence[str], rows: Iterable[Sequence[Value]]) -> None:
        if not self.first:
            self.writer.writerow([])
        self.first = False
        self.writer.writerow([neutralise(title)])
        self.writer.writerow([neutralise(h) for h in header])
        for row in rows:
            self.writer.writerow([neutralise(v) for v in row])


def _holder_sections(out: _Sections, data: ReportData) -> None:
    """Who held the clocks, every holder (the printed report shows the busiest): the
    team agreements' cycles per team and per agent, and each held SLA metric's per agent
    and per team, by the holder at stop and by the holders while the clock ran."""
    tables: list[tuple[str, tuple[HolderFigures, ...], bool]] = []
    if data.ola is not None and data.ola.measured:
        tables += [
            ("ola_by_team", data.ola.teams, True),
            ("ola_by_agent_at_stop", data.ola.agents_at_stop, False),
            ("ola_by_agent_while_running", data.ola.agents_while_running, False),
        ]
    for held in data.sla_holders:
        if held.measured:
            metric = held.metric.value
            tables += [
                (f"sla_holders_{metric}_by_agent_at_stop", held.agents_at_stop, False),
                (f"sla_holders_{metric}_by_agent_while_running", held.agents_while_running, False),
                (f"sla_holders_{metric}_by_team_at_stop", held.teams_at_stop, False),
                (f"sla_holders_{metric}_by_team_while_running", held.teams_while_running, False),
            ]
    for title, figures, running in tables:
        header = ["holder", "stopped", "achieved", "breached", "met_pct", "median_s", "p90_s"]
        out.section(
            title,
            header + (["running"] if running else []),
            [
                (f.name, f.cycles, f.achieved, f.breached, _pct(f.compliance), f.median, f.p90)
                + ((f.running,) if running else ())
                for f in figures
            ],
        )


def render_csv(data: ReportData) -> str:
    out = _Sections(data.filters.tz)
    f = data.filters
    out.section(
        "report",
        ("field", "value"),
        [
            ("workspace", data.workspace),
            ("period_from", f.date_from.isoformat()),
            ("period_to", f.date_to.isoformat()),
            ("period_start", out.at(data.start_at)),
            ("period_end_exclusive", out.at(data.end_at)),
            ("time_zone", f.tz),
            ("team", f.team),
            ("customer", f.customer),
            ("priority", f.priority),
            ("generated_at", out.at(data.generated_at)),
            ("compliance_goal_pct", _pct(data.goal)),
            ("rule", REPORTS_COUNT_RULE),
            ("unevaluated_tickets", data.methods.unevaluated_tickets),
        ],
    )
    out.section(
        "compliance_by_metric",
        ("metric", "achieved", "breached", "compliance_pct", "running", "paused", "overdue"),
        [
            (m.metric, m.achieved, m.breached, _pct(m.compliance), m.running, m.paused, m.overdue)
            for m in data.headline
        ],
    )
    for table in data.every_group or data.dimensions:
        out.section(
            f"compliance_by_{table.dimension}",
            (table.dimension, "metric", "achieved", "breached", "compliance_pct"),
            [(g.key, g.metric, g.achieved, g.breached, _pct(g.compliance)) for g in table.rows],
        )
    _holder_sections(out, data)
    out.section(
        "escalations",
        ("policy", "priority", "fired", "late", "tickets"),
        [(c.policy, c.priority, c.fired, c.late, c.tickets) for c in data.escalations],
    )
    out.section(
        f"trend_by_{data.trend_bucket}",
        ("bucket_start", "metric", "achieved", "breached", "compliance_pct"),
        [
            (p.start.isoformat(), metric, p.achieved, p.breached, _pct(p.compliance))
            for metric, points in data.trends
            for p in points
        ],
    )
    out.section(
        "worst_breaches",
        (
            "ticket_id",
            "external_id",
            "subject",
            "metric",
            "priority",
            "team",
            "customer",
            "agent",
            "target_s",
            "elapsed_s",
            "overrun_s",
            "started_at",
            "breached_at",
            "stopped_at",
        ),
        [
            (
                b.ticket_id,
                b.external_id,
                b.subject,
                b.metric,
                b.priority,
                b.team,
                b.customer,
                b.agent,
                b.target,
                b.elapsed,
                b.overrun,
                out.at(b.started_at),
                out.at(b.breached_at),
                out.at(b.stopped_at),
            )
            for b in data.breaches
        ],
    )
    out.section(
        "running_clocks",
        (
            "ticket_id",
            "external_id",
            "subject",
            "metric",
            "priority",
            "team",
            "customer",
            "agent",
            "state",
            "state_at_period_end",
            "overdue_at_period_end",
            "started_at",
            "due_at",
            "target_s",
            "elapsed_s",
            "remaining_s",
            "stopped_after_period_at",
        ),
        [
            (
                c.ticket_id,
                c.external_id,
                c.subject,
                c.metric,
                c.priority,
                c.team,
                c.customer,
                c.agent,
                c.state,
                c.state_at_end,
                "yes" if c.overdue else "no",
                out.at(c.started_at),
                out.at(c.due_at),
                c.target,
                c.elapsed,
                c.remaining,
                out.at(c.stopped_at),
            )
            for c in data.running.rows
        ],
    )
    if data.running.omitted:
        out.section(
            "running_clocks_not_listed",
            ("count",),
            [(data.running.omitted,)],
        )
    out.section(
        "response_times",
        ("metric", "priority", "clocks", "p50_s", "p90_s", "mean_s", "max_s"),
        [(d.metric, d.priority, d.count, d.p50, d.p90, d.mean, d.max) for d in data.distributions],
    )
    out.section(
        "satisfaction_by_first_response",
        (
            "first_response_from_s",
            "first_response_below_s",
            "csat_answers",
            "csat_mean",
            "csat_satisfied_pct",
            "nps_answers",
            "promoters",
            "detractors",
            "nps",
        ),
        [
            (
                "none" if b.without_response else b.lower,
                b.upper,
                b.csat_count,
                b.csat_mean,
                _pct(b.csat_satisfied),
                b.nps_count,
                b.promoters,
                b.detractors,
                b.nps,
            )
            for b in data.satisfaction
        ],
    )
    out.section(
        f"nps_by_{data.trend_bucket}",
        (
            "bucket_start",
            "nps_answers",
            "promoters",
            "detractors",
            "nps",
            "csat_answers",
            "csat_mean",
        ),
        [
            (
                p.start.isoformat(),
                p.responses,
                p.promoters,
                p.detractors,
                p.nps,
                p.csat_count,
                p.csat_mean,
            )
            for p in data.nps
        ],
    )
    out.section(
        "availability",
        ("service", "month", "target_pct", "measured_s", "down_s", "uptime_pct", "met"),
        [
            (
                a.service,
                a.month.isoformat()[:7],
                _pct(a.target),
                a.measured_seconds,
                a.down_seconds,
                _pct(a.uptime),
                None if a.met is None else ("yes" if a.met else "no"),
            )
            for a in data.availability
        ],
    )
    m = data.methods
    out.section(
        "policy_versions",
        (
            "policy",
            "version",
            "saved_at",
            "author",
            "calendar",
            "pause_statuses",
            "clocks_judged",
            "current",
        ),
        [
            (
                v.policy,
                v.version,
                out.at(v.created_at),
                v.author,
                v.calendar,
                " ".join(v.pause_statuses),
                v.clocks_judged,
                "yes" if v.is_current else "no",
            )
            for v in m.policy_versions
        ],
    )
    out.section(
        "calendars",
        ("calendar", "time_zone", "hours", "holidays_in_period"),
        [
            (
                c.name,
                c.timezone,
                "; ".join(
                    f"{day} " + ",".join(f"{a}-{b}" for a, b in spans)
                    for day, spans in c.hours
                    if spans
                ),
                "; ".join(f"{d.isoformat()} {name}".strip() for d, name in c.holidays),
            )
            for c in m.calendars
        ],
    )
    return out.buffer.getvalue()
