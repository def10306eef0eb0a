"""Every analytics function against an independent computation over rows fetched here."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import select

from slaworkbench.app.analytics.availability import availability_by_service_month
from slaworkbench.app.analytics.clocks import running_clocks, worst_breaches
from slaworkbench.app.analytics.compliance import (
    compliance_by,
    compliance_by_metric,
    compliance_trend,
)
from slaworkbench.app.analytics.distributions import (
    HISTOGRAM_EDGES,
    RESPONSE_BUCKET_EDGES,
    nps_trend,
    response_distributions,
    satisfaction_by_response_bucket,
)
from slaworkbench.app.analytics.filters import AnalyticsError, Filters, check_filters
from slaworkbench.app.analytics.methods import methods
from slaworkbench.store.schema import (
    Agent,
    Customer,
    Outage,
    Service,
    SurveyAnswer,
    Team,
    Ticket,
    TicketClock,
)
from tests.support.analytics_workspace import (
    DAY,
    START,
    MiniWorkspace,
    all_rows,
    build_workspace,
)

METRICS = ("first_response", "next_response", "periodic_update", "resolution")


@pytest.fixture(scope="module")
def ws() -> MiniWorkspace:
    return build_workspace()


def bounds(date_from: dt.date, date_to: dt.date, tz: str) -> tuple[int, int]:
    zone = ZoneInfo(tz)
    start = dt.datetime.combine(date_from, dt.time(), zone)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), zone)
    return int(start.timestamp()), int(end.timestamp())


FILTER_CASES = [
    Filters(dt.date(2026, 1, 15), dt.date(2026, 3, 31)),
    Filters(dt.date(2026, 2, 1), dt.date(2026, 4, 10), tz="Europe/Lisbon"),
    Filters(dt.date(2026, 1, 1), dt.date(2026, 5, 30), team="Core", tz="America/New_York"),
    Filters(dt.date(2026, 2, 1), dt.date(2026, 2, 28), customer="Acme", priority="high"),
    Filters(dt.date(2026, 1, 1), dt.date(2026, 6, 30), tz="Asia/Kolkata"),
]


def tickets_matching(ws: MiniWorkspace, f: Filters) -> dict[int, dict[str, object]]:
    teams = {r["name"]: r["id"] for r in all_rows(ws, Team)}
    customers = {r["name"]: r["id"] for r in all_rows(ws, Customer)}
    out = {}
    for t in all_rows(ws, Ticket):
        if f.team is not None and t["team_id"] != teams.get(f.team):
            continue
        if f.customer is not None and t["customer_id"] != customers.get(f.customer):
            continue
        if f.priority is not None and t["priority"] != f.priority:
            continue
        out[t["id"]] = t
    return out


def stopped_clocks(ws: MiniWorkspace, f: Filters) -> list[dict[str, object]]:
    start, end = bounds(f.date_from, f.date_to, f.tz)
    tickets = tickets_matching(ws, f)
    return [
        c
        for c in all_rows(ws, TicketClock)
        if c["ticket_id"] in tickets
        and c["stopped_at"] is not None
        and start <= c["stopped_at"] < end
    ]


@pytest.mark.parametrize("f", FILTER_CASES)
def test_compliance_by_metric(ws: MiniWorkspace, f: Filters) -> None:
    _start, end = bounds(f.date_from, f.date_to, f.tz)
    tickets = tickets_matching(ws, f)
    got = {m.metric: m for m in compliance_by_metric(ws, f)}
    assert tuple(got) == METRICS
    stopped = stopped_clocks(ws, f)
    assert sum(m.stopped for m in got.values()) > 0
    for metric in METRICS:
        achieved = sum(1 for c in stopped if c["metric"] == metric and c["state"] == "achieved")
        breached = sum(1 for c in stopped if c["metric"] == metric and c["state"] == "breached")
        open_at_end = [
            c
            for c in all_rows(ws, TicketClock)
            if c["ticket_id"] in tickets
            and c["metric"] == metric
            and c["started_at"] < end
            and (c["stopped_at"] is None or c["stopped_at"] >= end)
        ]
        overdue = [
            c for c in open_at_end if c["breached_at"] is not None and c["breached_at"] < end
        ]
        paused = [c for c in open_at_end if c not in overdue and c["state"] == "paused"]
        m = got[metric]
        assert (m.achieved, m.breached) == (achieved, breached)
        assert (m.overdue, m.paused, m.running) == (
            len(overdue),
            len(paused),
            len(open_at_end) - len(overdue) - len(paused),
        )
        expected = achieved / (achieved + breached) if achieved + breached else None
        assert m.compliance == expected


@pytest.mark.parametrize("dimension", ["priority", "team", "agent", "customer"])
@pytest.mark.parametrize("f", FILTER_CASES[:3])
def test_compliance_by_dimension(ws: MiniWorkspace, f: Filters, dimension: str) -> None:
    tickets = {t["id"]: t for t in all_rows(ws, Ticket)}
    names = {
        "team": ({r["id"]: r["name"] for r in all_rows(ws, Team)}, "team_id"),
        "agent": ({r["id"]: r["name"] for r in all_rows(ws, Agent)}, "assignee_id"),
        "customer": ({r["id"]: r["name"] for r in all_rows(ws, Customer)}, "customer_id"),
    }
    expected: Counter[tuple[object, str, str]] = Counter()
    for c in stopped_clocks(ws, f):
        ticket = tickets[c["ticket_id"]]
        if dimension == "priority":
            key = ticket["priority"]
        else:
            lookup, column = names[dimension]
            key = lookup.get(ticket[column]) if ticket[column] is not None else None
        expected[(key, c["metric"], c["state"])] += 1
    got = compliance_by(ws, f, dimension)
    assert {(g.key, g.metric) for g in got} == {(k, m) for k, m, _ in expected}
    for g in got:
        assert g.dimension == dimension
        assert g.achieved == expected[(g.key, g.metric, "achieved")]
        assert g.breached == expected[(g.key, g.metric, "breached")]
    if dimension == "priority":
        order = [g.key for g in got]
        ranks = [["urgent", "high", "normal", "low"].index(k) for k in order]
        assert ranks == sorted(ranks)
    keys = [g.key for g in got]
    assert (
        keys.index(None) > max(i for i, k in enumerate(keys) if k is not None)
        if None in keys
        else True
    )


def test_compliance_by_rejects_unknown_dimension(ws: MiniWorkspace) -> None:
    with pytest.raises(AnalyticsError):
        compliance_by(ws, FILTER_CASES[0], "planet")


def local_bucket_start(instant: int, tz: str, bucket: str) -> dt.date:
    day = dt.datetime.fromtimestamp(instant, ZoneInfo(tz)).date()
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
@pytest.mark.parametrize("f", FILTER_CASES)
def test_compliance_trend(ws: MiniWorkspace, f: Filters, bucket: str) -> None:
    for metric in ("first_response", "resolution"):
        expected: Counter[tuple[dt.date, str]] = Counter()
        for c in stopped_clocks(ws, f):
            if c["metric"] == metric:
                expected[(local_bucket_start(c["stopped_at"], f.tz, bucket), c["state"])] += 1
        points = compliance_trend(ws, f, metric, bucket)
        starts = [p.start for p in points]
        assert starts == sorted(set(starts))
        assert starts[0] <= f.date_from <= f.date_to < points[-1].start + dt.timedelta(days=31)
        for p in points:
            assert p.achieved == expected[(p.start, "achieved")], (metric, p.start)
            assert p.breached == expected[(p.start, "breached")], (metric, p.start)
            assert p.start_at == int(
                dt.datetime.combine(p.start, dt.time(), ZoneInfo(f.tz)).timestamp()
            )
        assert sum(p.stopped for p in points) == sum(n for (_, _), n in expected.items())


def test_period_in_wrong_order_is_refused(ws: MiniWorkspace) -> None:
    f = Filters(dt.date(2026, 3, 1), dt.date(2026, 2, 1))
    with pytest.raises(AnalyticsError, match="swap"):
        compliance_by_metric(ws, f)


def test_check_filters(ws: MiniWorkspace) -> None:
    check_filters(ws, Filters(dt.date(2026, 1, 1), dt.date(2026, 2, 1), team="core"))
    with pytest.raises(AnalyticsError, match=r"no team named 'Nope'.*Billing"):
        check_filters(ws, Filters(dt.date(2026, 1, 1), dt.date(2026, 2, 1), team="Nope"))
    with pytest.raises(AnalyticsError, match="customer"):
        check_filters(ws, Filters(dt.date(2026, 1, 1), dt.date(2026, 2, 1), customer="X"))
    with pytest.raises(AnalyticsError, match="priority"):
        check_filters(ws, Filters(dt.date(2026, 1, 1), dt.date(2026, 2, 1), priority="meh"))
    with pytest.raises(AnalyticsError, match="time zone"):
        check_filters(ws, Filters(dt.date(2026, 1, 1), dt.date(2026, 2, 1), tz="Mars/Base"))


def test_unknown_team_matches_nothing(ws: MiniWorkspace) -> None:
    f = Filters(dt.date(2026, 1, 1), dt.date(2026, 6, 1), team="Nobody")
    assert all(m.stopped == 0 and m.not_stopped == 0 for m in compliance_by_metric(ws, f))


@pytest.mark.parametrize("f", FILTER_CASES[:4])
def test_worst_breaches(ws: MiniWorkspace, f: Filters) -> None:
    tickets = {t["id"]: t for t in all_rows(ws, Ticket)}
    breached = [c for c in stopped_clocks(ws, f) if c["state"] == "breached"]
    breached.sort(key=lambda c: (-(c["elapsed"] - c["target"]), c["stopped_at"], c["id"]))
    got = worst_breaches(ws, f, limit=10)
    assert len(got) == min(10, len(breached))
    for b, c in zip(got, breached, strict=False):
        assert (b.ticket_id, b.metric, b.overrun) == (
            c["ticket_id"],
            c["metric"],
            c["elapsed"] - c["target"],
        )
        assert b.subject == tickets[c["ticket_id"]]["subject"]
        assert b.overrun > 0


def test_worst_breaches_rank_ties_alike_with_and_without_a_filter() -> None:
    """Unfiltered, the database ranks the breaches (through an index); with a filter
    they are ranked in numpy: both order equal overruns by stop instant, then clock id,
    as the rows say."""
    ws = build_workspace(seed=11)
    f = Filters(dt.date(2026, 1, 15), dt.date(2026, 4, 30))
    with ws.session() as session:
        breached = session.scalars(
            select(TicketClock).where(TicketClock.state == "breached").order_by(TicketClock.id)
        ).all()
        for n, clock in enumerate(breached):
            clock.elapsed = clock.target + 600 * (n % 3)  # three overruns, many ties
            if n % 4 == 1 and breached[n - 1].stopped_at is not None:
                clock.stopped_at = breached[n - 1].stopped_at  # ties in stop instant too
        session.commit()
    for filters in (f, Filters(f.date_from, f.date_to, priority="high")):
        rows = [c for c in stopped_clocks(ws, filters) if c["state"] == "breached"]
        rows.sort(key=lambda c: (-(c["elapsed"] - c["target"]), c["stopped_at"], c["id"]))
        expected = [(c["ticket_id"], c["metric"], c["stopped_at"]) for c in rows[:12]]
        got = worst_breaches(ws, filters, limit=12)
        assert [(b.ticket_id, b.metric, b.stopped_at) for b in got] == expected
        assert len(expected) == 12 and len({c["elapsed"] - c["target"] for c in rows}) == 3


@pytest.mark.parametrize("f", FILTER_CASES[:3])
def test_running_clocks_are_listed_apart(ws: MiniWorkspace, f: Filters) -> None:
    _start, end = bounds(f.date_from, f.date_to, f.tz)
    tickets = tickets_matching(ws, f)
    expected = [
        c
        for c in all_rows(ws, TicketClock)
        if c["ticket_id"] in tickets
        and c["started_at"] < end
        and (c["stopped_at"] is None or c["stopped_at"] >= end)
    ]
    everything = running_clocks(ws, f, limit=None)
    assert everything.total == len(expected) == len(everything.rows)
    assert {(r.ticket_id, r.metric, r.started_at) for r in everything.rows} == {
        (c["ticket_id"], c["metric"], c["started_at"]) for c in expected
    }
    remaining = [r.remaining for r in everything.rows]
    assert remaining == sorted(remaining)
    for r in everything.rows:
        assert r.overdue == (r.breached_at is not None and r.breached_at < end)
    few = running_clocks(ws, f, limit=5)
    assert few.total == len(expected) and len(few.rows) == 5 and few.omitted == len(expected) - 5
    assert sum(m.not_stopped for m in few.metrics) == len(expected)


def test_response_distributions(ws: MiniWorkspace) -> None:
    f = FILTER_CASES[1]
    tickets = {t["id"]: t for t in all_rows(ws, Ticket)}
    values: dict[tuple[str, str], list[int]] = defaultdict(list)
    for c in stopped_clocks(ws, f):
        if c["metric"] in ("first_response", "resolution"):
            values[(c["metric"], tickets[c["ticket_id"]]["priority"])].append(c["elapsed"])
    got = response_distributions(ws, f)
    assert {(d.metric, d.priority) for d in got} == set(values)
    for d in got:
        v = sorted(values[(d.metric, d.priority)])
        assert d.count == len(v)
        assert d.p50 == pytest.approx(statistics.quantiles(v, n=2, method="inclusive")[0])
        assert d.p90 == pytest.approx(statistics.quantiles(v, n=10, method="inclusive")[8])
        assert d.mean == pytest.approx(sum(v) / len(v))
        assert d.max == max(v)
        assert sum(d.histogram) == len(v)
        edges = [*list(HISTOGRAM_EDGES), 10**12]
        assert list(d.histogram) == [
            sum(1 for x in v if edges[i] <= x < edges[i + 1]) for i in range(len(edges) - 1)
        ]


@pytest.mark.parametrize("f", [FILTER_CASES[0], FILTER_CASES[2]])
def test_satisfaction_by_response_bucket(ws: MiniWorkspace, f: Filters) -> None:
    start, end = bounds(f.date_from, f.date_to, f.tz)
    tickets = tickets_matching(ws, f)
    first = {
        c["ticket_id"]: c["elapsed"]
        for c in all_rows(ws, TicketClock)
        if c["metric"] == "first_response" and c["cycle_index"] == 0 and c["stopped_at"] is not None
    }
    edges = RESPONSE_BUCKET_EDGES

    def bucket_of(tid: int) -> tuple[int | None, int | None]:
        if tid not in first:
            return (None, None)
        lower = 0
        for edge in edges:
            if first[tid] < edge:
                return (lower, edge)
            lower = edge
        return (lower, None)

    scores: dict[tuple[object, object, str], list[int]] = defaultdict(list)
    for a in all_rows(ws, SurveyAnswer):
        if a["ticket_id"] in tickets and start <= a["answered_at"] < end:
            scores[(*bucket_of(a["ticket_id"]), a["kind"])].append(a["score"])
    got = satisfaction_by_response_bucket(ws, f)
    assert len(got) >= len(edges) + 1
    for b in got:
        csat = scores[(b.lower, b.upper, "csat")]
        nps = scores[(b.lower, b.upper, "nps")]
        assert b.csat_count == len(csat)
        assert b.csat_mean == (pytest.approx(sum(csat) / len(csat)) if csat else None)
        assert b.csat_satisfied == (
            pytest.approx(sum(1 for s in csat if s >= 4) / len(csat)) if csat else None
        )
        assert b.nps_count == len(nps)
        if nps:
            promoters = sum(1 for s in nps if s >= 9)
            detractors = sum(1 for s in nps if s <= 6)
            assert b.nps == pytest.approx(100 * (promoters - detractors) / len(nps))
    assert sum(b.csat_count + b.nps_count for b in got) == sum(len(v) for v in scores.values())


@pytest.mark.parametrize("bucket", ["week", "month"])
def test_nps_trend(ws: MiniWorkspace, bucket: str) -> None:
    f = FILTER_CASES[2]
    start, end = bounds(f.date_from, f.date_to, f.tz)
    tickets = tickets_matching(ws, f)
    nps: dict[dt.date, list[int]] = defaultdict(list)
    csat: dict[dt.date, list[int]] = defaultdict(list)
    for a in all_rows(ws, SurveyAnswer):
        if a["ticket_id"] in tickets and start <= a["answered_at"] < end:
            key = local_bucket_start(a["answered_at"], f.tz, bucket)
            (nps if a["kind"] == "nps" else csat)[key].append(a["score"])
    got = nps_trend(ws, f, bucket)
    assert sum(p.responses for p in got) == sum(len(v) for v in nps.values())
    for p in got:
        scores = nps[p.start]
        assert p.responses == len(scores)
        assert p.promoters == sum(1 for s in scores if s >= 9)
        assert p.detractors == sum(1 for s in scores if s <= 6)
        assert p.passives == sum(1 for s in scores if 7 <= s <= 8)
        assert p.csat_count == len(csat[p.start])
        if csat[p.start]:
            assert p.csat_mean == pytest.approx(statistics.fmean(csat[p.start]))


@pytest.mark.parametrize("tz", ["UTC", "Europe/Lisbon"])
def test_availability_by_service_month(ws: MiniWorkspace, tz: str) -> None:
    f = Filters(dt.date(2026, 1, 10), dt.date(2026, 5, 31), tz=tz)
    start, end = bounds(f.date_from, f.date_to, tz)
    now = START + 100 * DAY
    services = {s["id"]: s for s in all_rows(ws, Service)}
    outages = all_rows(ws, Outage)
    got = availability_by_service_month(ws, f, now=now)
    zone = ZoneInfo(tz)
    months = {(m.service, m.month): m for m in got}
    for sid, service in services.items():
        for month in (dt.date(2026, m, 1) for m in range(1, 6)):
            next_month = dt.date(2026, month.month + 1, 1)
            lo = max(start, int(dt.datetime.combine(month, dt.time(), zone).timestamp()))
            hi = min(end, now, int(dt.datetime.combine(next_month, dt.time(), zone).timestamp()))
            key = (service["name"], month)
            if hi <= lo:
                assert key not in months
                continue
            # brute force: mark every minute... intervals are whole seconds, so use a set
            # of covered seconds via sorted sweeps over boundaries instead
            points = sorted(
                {lo, hi}
                | {min(max(o["started_at"], lo), hi) for o in outages if o["service_id"] == sid}
                | {
                    min(max(o["ended_at"] if o["ended_at"] is not None else now, lo), hi)
                    for o in outages
                    if o["service_id"] == sid
                }
            )
            # Each piece weighs the largest weight of the unplanned outages covering it
            # (no agreement: planned maintenance is left out).
            down = 0.0
            for a, b in itertools.pairwise(points):
                down += (b - a) * max(
                    (
                        o["weight"]
                        for o in outages
                        if o["service_id"] == sid
                        and not o["planned"]
                        and o["started_at"] <= a
                        and (o["ended_at"] if o["ended_at"] is not None else now) >= b
                    ),
                    default=0.0,
                )
            m = months[key]
            assert m.measured_seconds == hi - lo
            assert m.down_seconds == pytest.approx(down)
            assert m.target == service["availability_target"]
            assert m.uptime == pytest.approx(1 - down / (hi - lo))
            assert m.met == (1 - down / (hi - lo) >= service["availability_target"])
    assert any(m.down_seconds > 0 for m in got)


def test_methods(ws: MiniWorkspace) -> None:
    f = Filters(dt.date(2026, 1, 1), dt.date(2026, 4, 30), tz="Europe/Lisbon")
    used = Counter(c["policy_version_id"] for c in stopped_clocks(ws, f))
    got = methods(ws, f)
    by_id = {v.version_id: v for v in got.policy_versions}
    assert set(by_id) == {1, 2, 3}
    for vid, version in by_id.items():
        assert version.clocks_judged == used[vid]
    assert got.unversioned_clocks == used[None]
    assert by_id[2].is_current and not by_id[1].is_current
    assert by_id[1].pause_statuses == ("on_hold", "pending")
    assert by_id[2].pause_statuses == ("pending",)
    assert got.pause_statuses == ("on_hold", "pending")
    assert ("urgent", "first_response", 3600) in by_id[3].targets
    assert [c.name for c in got.calendars] == ["Lisbon office"]
    calendar = got.calendars[0]
    assert calendar.timezone == "Europe/Lisbon"
    assert calendar.holidays == ((dt.date(2026, 4, 3), "Good Friday"),)
    assert dict(calendar.hours)["mon"] == (("09:00", "12:30"), ("13:30", "18:00"))
    outside = methods(ws, Filters(dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    assert outside.calendars[0].holidays == ()


def test_percentile_matches_numpy_default(ws: MiniWorkspace) -> None:
    f = FILTER_CASES[0]
    got = response_distributions(ws, f)[0]
    tickets = {t["id"]: t for t in all_rows(ws, Ticket)}
    v = [
        c["elapsed"]
        for c in stopped_clocks(ws, f)
        if c["metric"] == got.metric and tickets[c["ticket_id"]]["priority"] == got.priority
    ]
    assert got.p90 == pytest.approx(float(np.percentile(v, 90)))
