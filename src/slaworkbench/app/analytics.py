"""Compliance analytics shared by the dashboard and the printed reports (Qt-free).

Every function takes a SQLAlchemy ``Session`` (or anything with a ``session()`` context
manager, such as the workspace) and a ``Filters``, and returns plain frozen dataclasses.

How things are counted (docs/SLA_SEMANTICS.md, "Reports count"; docs/REPORTS.md):
- the period is ``date_from`` 00:00 to the end of ``date_to``, local time in ``tz``;
- compliance % = achieved / (achieved + breached) among clocks (cycles) that *stopped* in
  the period; clocks not stopped by the end of the period are counted apart as running;
- team, customer, agent and priority are the ticket's current ones.

How it is computed: the period's stopped clocks (and survey answers, and breached
clocks) are fetched once per snapshot into numpy arrays by ``store/analytics_facts.py``
and shared by every function here, across sessions too while the workspace does not
change; each figure is a few vectorised counts over those arrays, filters are masks.
Clocks still running at the end of the period and the rows listed (worst breaches,
running clocks) come from small SQL queries (``store/analytics_queries.py``).

The code lives in sibling modules whose public names this module re-exports, so callers
import them from here: ``analytics_filters`` (filters, periods, scopes, sessions),
``analytics_compliance`` (per metric, per group, trends), ``analytics_clocks`` (worst
breaches, running clocks), ``analytics_distributions`` (response times, satisfaction),
``analytics_availability`` (uptime per service) and ``analytics_methods`` (calendars and
policy versions behind the figures).
"""

from __future__ import annotations

from slaworkbench.app.analytics_availability import (
    ServiceMonth,
    availability_by_service_month,
    merged_downtime,
)
from slaworkbench.app.analytics_clocks import (
    Breach,
    RunningClock,
    RunningClocks,
    running_clocks,
    worst_breaches,
)
from slaworkbench.app.analytics_compliance import (
    GroupCompliance,
    MetricCompliance,
    StoppedCounts,
    TrendPoint,
    compliance_by,
    compliance_by_metric,
    compliance_trend,
    compliance_trends,
)
from slaworkbench.app.analytics_compliance import _group_keys as _group_keys  # used by tests
from slaworkbench.app.analytics_distributions import (
    HISTOGRAM_EDGES,
    RESPONSE_BUCKET_EDGES,
    Distribution,
    NpsPoint,
    SatisfactionBucket,
    nps_trend,
    response_distributions,
    satisfaction_by_response_bucket,
)
from slaworkbench.app.analytics_filters import (
    BUCKETS,
    DIMENSIONS,
    METRICS,
    PRIORITIES,
    AnalyticsError,
    Filters,
    SessionSource,
    Source,
    bucket_starts,
    check_filters,
    local_midnight,
    period_bounds,
    session_of,
    zone,
)
from slaworkbench.app.analytics_methods import (
    CalendarInfo,
    Methods,
    PolicyVersionInfo,
    methods,
)

__all__ = [
    "BUCKETS",
    "DIMENSIONS",
    "HISTOGRAM_EDGES",
    "METRICS",
    "PRIORITIES",
    "RESPONSE_BUCKET_EDGES",
    "AnalyticsError",
    "Breach",
    "CalendarInfo",
    "Distribution",
    "Filters",
    "GroupCompliance",
    "Methods",
    "MetricCompliance",
    "NpsPoint",
    "PolicyVersionInfo",
    "RunningClock",
    "RunningClocks",
    "SatisfactionBucket",
    "ServiceMonth",
    "SessionSource",
    "Source",
    "StoppedCounts",
    "TrendPoint",
    "availability_by_service_month",
    "bucket_starts",
    "check_filters",
    "compliance_by",
    "compliance_by_metric",
    "compliance_trend",
    "compliance_trends",
    "local_midnight",
    "merged_downtime",
    "methods",
    "nps_trend",
    "period_bounds",
    "response_distributions",
    "running_clocks",
    "satisfaction_by_response_bucket",
    "session_of",
    "worst_breaches",
    "zone",
]
