"""The compliance summary as data: one builder, several renderers (HTML, PDF, CSV).

``build_report`` runs the shared analytics (``app/analytics.py``) for a period and
filters and returns a frozen ``ReportData``; nothing here formats or draws.

Every section reads one consistent snapshot. Given a session, they are computed in it,
one after the other. Given a workspace, they are computed on two threads, each group of
sections (``_sections``) in a session of its own, the sessions all reading the same
state (``Workspace.sessions_in_one_snapshot``): on the demo's million tickets most
of the time is spent inside the database (SQLite's ``group_concat`` releases the GIL),
so two groups take about half the time of one. A section's error reaches the caller as
it would from one session, once both threads have stopped.
"""

from __future__ import annotations

import contextvars
import ctypes
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from slaworkbench.app.agreements.applied_goals import AppliedGoals, applied_goals
from slaworkbench.app.analytics.availability import ServiceMonth, availability_by_service_month
from slaworkbench.app.analytics.clocks import Breach, RunningClocks, running_clocks, worst_breaches
from slaworkbench.app.analytics.compliance import (
    GroupCompliance,
    MetricCompliance,
    TrendPoint,
    compliance_by,
    compliance_by_metric,
    compliance_trend,
)
from slaworkbench.app.analytics.distributions import (
    Distribution,
    NpsPoint,
    SatisfactionBucket,
    nps_trend,
    response_distributions,
    satisfaction_by_response_bucket,
)
from slaworkbench.app.analytics.filters import (
    DIMENSIONS,
    METRICS,
    Filters,
    Source,
    period_bounds,
    session_of,
)
from slaworkbench.app.analytics.methods import Methods, methods
from slaworkbench.app.escalations.counting import EscalationCount, count_escalations
from slaworkbench.app.ola.accountability import OlaAccountability, ola_accountability
from slaworkbench.app.ola.sla_holders import SlaHolders, sla_holders
from slaworkbench.domain.model import Metric
from slaworkbench.i18n import marked
from slaworkbench.store.schema import WorkspaceMeta
from slaworkbench.store.workspace import Workspace

REPORTS_COUNT_RULE = marked(
    "Compliance % for a metric over a period = achieved / (achieved + breached) among "
    "clocks that stopped in the period; running clocks are listed separately, never "
    "silently dropped."
)
"""docs/SLA_SEMANTICS.md, "Reports count", word for word (every report states it)."""
META_WORKSPACE_NAME = "workspace_name"
META_COMPLIANCE_GOAL = "report_compliance_goal"
DEFAULT_GOAL = 0.95
DIMENSION_LIMIT = 30
"""Agents and customers beyond this many (the busiest first) are summed in one row."""


HELD_METRICS = (Metric.FIRST_RESPONSE, Metric.RESOLUTION)
"""The metrics whose holders the report shows (one cycle per ticket each)."""


@dataclass(frozen=True, slots=True)
class ReportOptions:
    filters: Filters
    goal: float | None = None
    """Compliance goal (fraction); ``None`` = the workspace's, else 95 %."""
    breaches_limit: int = 20
    running_limit: int | None = 40
    """``None`` lists every running clock (the CSV does)."""
    dimension_limit: int = DIMENSION_LIMIT
    landscape: bool = False


@dataclass(frozen=True, slots=True)
class DimensionTable:
    dimension: str
    rows: tuple[GroupCompliance, ...]
    """The groups shown (in the order to show them), every metric of each."""
    others: tuple[GroupCompliance, ...] = ()
    """The rest summed per metric (``key`` is ``None``) when groups were left out."""
    others_count: int = 0


@dataclass(frozen=True, slots=True)
class ReportData:
    workspace: str
    generated_at: int
    options: ReportOptions
    start_at: int
    end_at: int
    goal: float
    headline: tuple[MetricCompliance, ...]
    dimensions: tuple[DimensionTable, ...]
    trend_bucket: str
    trends: tuple[tuple[str, tuple[TrendPoint, ...]], ...]
    breaches: tuple[Breach, ...]
    running: RunningClocks
    availability: tuple[ServiceMonth, ...]
    satisfaction: tuple[SatisfactionBucket, ...]
    nps: tuple[NpsPoint, ...]
    distributions: tuple[Distribution, ...]
    methods: Methods
    every_group: tuple[DimensionTable, ...] = field(default=())
    """Every group of every dimension, for the CSV (nothing left out)."""
    agreement_goals: AppliedGoals | None = None
    """The goals of the filtered customer's active agreement, which replace ``goal``
    (and the services' availability targets) where it sets one."""
    escalations: tuple[EscalationCount, ...] = ()
    """Escalation rules fired in the period, per policy and priority."""

    def goal_for(self, metric: str, priority: str | None = None) -> float:
        """The compliance goal a metric (and priority) is judged against."""
        agreed = self.agreement_goals
        found = None if agreed is None else agreed.compliance_goal(metric, priority)
        return self.goal if found is None else found

    ola: OlaAccountability | None = None
    """Team agreements and who held the clock (``app/ola/accountability.py``)."""
    sla_holders: tuple[SlaHolders, ...] = ()
    """Who held the SLA clocks of first response and resolution (``app/ola/sla_holders.py``)."""

    @property
    def filters(self) -> Filters:
        return self.options.filters

    @property
    def measured_metrics(self) -> tuple[MetricCompliance, ...]:
        """Metrics with at least one clock in the period (stopped or not)."""
        return tuple(m for m in self.headline if m.stopped or m.not_stopped)


def trend_bucket_for(filters: Filters) -> str:
    days = (filters.date_to - filters.date_from).days + 1
    if days <= 31:
        return "day"
    if days <= 120:
        return "week"
    return "month"


def workspace_name(url: str) -> str:
    """A readable name for a workspace URL: the file's stem or the database name."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite":
        if database in ("", ":memory:"):
            return "In-memory workspace"
        return Path(database).stem
    host = parsed.host or "localhost"
    return f"{database or parsed.get_backend_name()} @ {host}"


def _meta(source: Source, key: str) -> str | None:
    with session_of(source) as session:
        value = session.execute(
            select(WorkspaceMeta.value).where(WorkspaceMeta.key == key)
        ).scalar_one_or_none()
    return None if value is None else str(value)


def _goal(source: Source, options: ReportOptions) -> float:
    if options.goal is not None:
        return options.goal
    stored = _meta(source, META_COMPLIANCE_GOAL)
    try:
        value = float(stored) if stored is not None else DEFAULT_GOAL
    except ValueError:
        value = DEFAULT_GOAL
    return value if 0 < value <= 1 else DEFAULT_GOAL


def _limit_groups(
    dimension: str, groups: tuple[GroupCompliance, ...], limit: int
) -> DimensionTable:
    keys: list[str | None] = []
    for group in groups:
        if group.key not in keys:
            keys.append(group.key)
    if dimension == "priority" or len(keys) <= limit:
        return DimensionTable(dimension, groups)
    volume: dict[str | None, int] = {}
    for group in groups:
        volume[group.key] = volume.get(group.key, 0) + group.stopped
    kept = set(sorted(keys, key=lambda k: (-volume[k], (k or "").casefold()))[:limit])
    shown = tuple(g for g in groups if g.key in kept)
    summed: dict[str, list[int]] = {}
    for group in groups:
        if group.key not in kept:
            totals = summed.setdefault(group.metric, [0, 0])
            totals[0] += group.achieved
            totals[1] += group.breached
    others = tuple(
        GroupCompliance(dimension, None, metric, a, b)
        for metric in METRICS
        if metric in summed
        for a, b in [summed[metric]]
    )
    return DimensionTable(dimension, shown, others, len(keys) - len(kept))


Section = tuple[str, Callable[[Session], Any]]
"""A figure of the report by name, and how to compute it in a session."""


def _sections(
    options: ReportOptions, now: int, bucket: str, start_at: int, end_at: int
) -> tuple[tuple[Section, ...], ...]:
    """The report's figures in two groups that take about as long each. On the demo's
    million tickets (one section at a time, in one session, migration 0035, a 12-month
    period, 2026-12-05 on a slower day of this machine): who held the first responses
    (0.33 s) and the resolutions (0.28 s), the headline with its trends (0.27 s) and the
    running clocks (0.12 s) in one; the team agreements (0.24 s), the breakdowns
    (0.34 s), the methods (0.06 s) and the rest (~0.18 s) in the other. Sections that
    share what they read stay in one group: the headline, its trends and the running
    clocks (the clocks not stopped are counted once per session); the breakdowns and
    the methods (the period's rollup rows, fetched once: apart, each took 0.31 s)."""
    filters = options.filters
    first_responses, resolutions = (
        (f"sla_holders {metric.value}", lambda s, m=metric: sla_holders(s, filters, m))
        for metric in HELD_METRICS
    )
    ola: Section = ("ola", lambda s: ola_accountability(s, filters))
    headline: tuple[Section, ...] = (
        ("headline", lambda s: compliance_by_metric(s, filters)),
        ("trends", lambda s: _trends(s, filters, bucket)),
        ("running", lambda s: running_clocks(s, filters, options.running_limit, now)),
    )
    every: Section = (
        "every",
        lambda s: tuple(DimensionTable(d, compliance_by(s, filters, d)) for d in DIMENSIONS),
    )
    rest: tuple[Section, ...] = (
        every,
        ("workspace", lambda s: _meta(s, META_WORKSPACE_NAME)),
        ("goal", lambda s: _goal(s, options)),
        ("agreed", lambda s: applied_goals(s, filters.customer)),
        ("availability", lambda s: availability_by_service_month(s, filters, now=now)),
        ("breaches", lambda s: worst_breaches(s, filters, options.breaches_limit)),
        ("satisfaction", lambda s: satisfaction_by_response_bucket(s, filters)),
        ("nps", lambda s: nps_trend(s, filters, bucket)),
        ("distributions", lambda s: response_distributions(s, filters)),
        ("methods", lambda s: methods(s, filters)),
        ("escalations", lambda s: count_escalations(s, filters, start_at, end_at)),
    )
    return (first_responses, resolutions, *headline), (ola, *rest)


def _trends(
    session: Session, filters: Filters, bucket: str
) -> tuple[tuple[str, tuple[TrendPoint, ...]], ...]:
    """Each measured metric's trend (the first response and resolution when none is)."""
    headline = compliance_by_metric(session, filters)
    measured = [m.metric for m in headline if m.stopped] or ["first_response", "resolution"]
    return tuple((m, compliance_trend(session, filters, m, bucket)) for m in measured)


def _compute(
    session: Session, sections: Sequence[Section], failed: threading.Event
) -> dict[str, Any]:
    """The sections' figures by name; stops early once ``failed`` is set (by another
    group's error), and sets it on an error of its own."""
    figures: dict[str, Any] = {}
    for name, compute in sections:
        if failed.is_set():
            break
        try:
            figures[name] = compute(session)
        except BaseException:
            failed.set()
            raise
    return figures


def _figures(
    source: Source,
    groups: Sequence[Sequence[Section]],
    meanwhile: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Every group's figures, all read in one snapshot of ``source`` (see above);
    ``meanwhile`` runs on the calling thread once, while the threads read them (when
    they do, else first)."""
    every = [section for group in groups for section in group]
    if not isinstance(source, Workspace):
        meanwhile()
        with session_of(source) as session:
            return _compute(session, every, threading.Event())
    with source.sessions_in_one_snapshot(len(groups)) as sessions:
        if len(sessions) < len(groups):
            meanwhile()
            return _compute(sessions[0], every, threading.Event())
        failed = threading.Event()
        with ThreadPoolExecutor(len(groups), thread_name_prefix="report") as pool:
            # Each thread in a copy of the caller's context: the report's language
            # (``i18n.using``) and the analytics' settings are context variables.
            futures = [
                pool.submit(contextvars.copy_context().run, _compute, session, group, failed)
                for session, group in zip(sessions, groups, strict=True)
            ]
            try:
                try:
                    meanwhile()
                except BaseException:
                    failed.set()  # the threads stop after their current section
                    raise
                results = [future.result() for future in futures]
            finally:
                pool.shutdown()
                _give_freed_memory_back()
    return {name: figure for result in results for name, figure in result.items()}


def _give_freed_memory_back() -> None:
    """Return to the system the memory the threads freed: glibc keeps it in each
    thread's own arena (~120 MB of the demo's million tickets), where the renderer, on
    the calling thread, would not reuse it but add to it. Only on Linux (glibc's
    ``malloc_trim``)."""
    if sys.platform.startswith("linux"):
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
        if trim is not None:
            trim(0)


def build_report(
    source: Source,
    options: ReportOptions,
    *,
    workspace: str,
    now: int | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> ReportData:
    """Every figure of the compliance summary for ``options.filters``; ``meanwhile``
    runs on the calling thread while the figures are read (``_figures``): the caller's
    own preparation, such as loading the renderer."""
    filters = options.filters
    now = int(time.time()) if now is None else now
    start_at, end_at = period_bounds(filters)
    bucket = trend_bucket_for(filters)
    sections = _sections(options, now, bucket, start_at, end_at)
    figures = _figures(source, sections, meanwhile or (lambda: None))
    agreed: AppliedGoals | None = figures["agreed"]
    availability: tuple[ServiceMonth, ...] = figures["availability"]
    every: tuple[DimensionTable, ...] = figures["every"]
    return ReportData(
        workspace=figures["workspace"] or workspace,
        generated_at=now,
        options=options,
        start_at=start_at,
        end_at=end_at,
        goal=figures["goal"],
        headline=figures["headline"],
        dimensions=tuple(
            _limit_groups(t.dimension, t.rows, options.dimension_limit) for t in every
        ),
        trend_bucket=bucket,
        trends=figures["trends"],
        breaches=figures["breaches"],
        running=figures["running"],
        availability=availability if agreed is None else agreed.retarget(availability),
        satisfaction=figures["satisfaction"],
        nps=figures["nps"],
        distributions=figures["distributions"],
        methods=figures["methods"],
        every_group=every,
        agreement_goals=agreed,
        ola=figures["ola"],
        sla_holders=tuple(figures[f"sla_holders {m.value}"] for m in HELD_METRICS),
        escalations=figures["escalations"],
    )
