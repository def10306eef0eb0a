"""The compliance summary as data: one builder, several renderers (HTML, PDF, CSV).

``build_report`` runs the shared analytics (``app/analytics.py``) for a period and
filters and returns a frozen ``ReportData``; nothing here formats or draws.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

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


def build_report(
    source: Source,
    options: ReportOptions,
    *,
    workspace: str,
    now: int | None = None,
) -> ReportData:
    """Every figure of the compliance summary for ``options.filters``."""
    filters = options.filters
    now = int(time.time()) if now is None else now
    start_at, end_at = period_bounds(filters)
    bucket = trend_bucket_for(filters)
    with session_of(source) as session:
        agreed = applied_goals(session, filters.customer)
        availability = availability_by_service_month(session, filters, now=now)
        headline = compliance_by_metric(session, filters)
        measured = [m.metric for m in headline if m.stopped] or ["first_response", "resolution"]
        every = tuple(DimensionTable(d, compliance_by(session, filters, d)) for d in DIMENSIONS)
        return ReportData(
            workspace=_meta(session, META_WORKSPACE_NAME) or workspace,
            generated_at=now,
            options=options,
            start_at=start_at,
            end_at=end_at,
            goal=_goal(session, options),
            headline=headline,
            dimensions=tuple(
                _limit_groups(t.dimension, t.rows, options.dimension_limit) for t in every
            ),
            trend_bucket=bucket,
            trends=tuple((m, compliance_trend(session, filters, m, bucket)) for m in measured),
            breaches=worst_breaches(session, filters, options.breaches_limit),
            running=running_clocks(session, filters, options.running_limit, now),
            availability=availability if agreed is None else agreed.retarget(availability),
            satisfaction=satisfaction_by_response_bucket(session, filters),
            nps=nps_trend(session, filters, bucket),
            distributions=response_distributions(session, filters),
            methods=methods(session, filters),
            every_group=every,
            agreement_goals=agreed,
            ola=ola_accountability(session, filters),
            sla_holders=tuple(sla_holders(session, filters, m) for m in HELD_METRICS),
            escalations=count_escalations(session, filters, start_at, end_at),
        )
