"""The dashboard's data against plain Python over the rows of the same database."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from slaworkbench.app.analytics import dashboard as dd
from slaworkbench.app.analytics.filters import Filters
from tests.support.synthetic_dashboard import seed

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
YEAR = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("dash") / "workspace.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    seed(engine, 3000, seed=11, now=NOW)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


def _open_tickets(session: Session, where: str = "") -> list[tuple[str, int | None, str]]:
    return [
        (r[0], r[1], r[2])
        for r in session.execute(
            text(
                "SELECT t.priority, t.next_due_at, t.sla_state FROM tickets t"
                " LEFT JOIN teams ON teams.id = t.team_id"
                " WHERE t.status IN ('new', 'open', 'pending', 'on_hold')" + where
            )
        )
    ]


def _expected_bucket(remaining: int) -> int:
    if remaining < 0:
        return 0
    for i, edge in enumerate(dd.REMAINING_EDGES):
        if remaining < edge:
            return i + 1
    return len(dd.REMAINING_EDGES) + 1


def test_backlog_counts_every_open_ticket_by_time_left(session: Session) -> None:
    data = dd.load_backlog(session, YEAR, NOW)
    rows = _open_tickets(session)
    expected: Counter[tuple[str, int]] = Counter()
    paused = without = 0
    for priority, due, state in rows:
        if due is None:
            if state == "paused":
                paused += 1
            else:
                without += 1
        else:
            expected[(priority, _expected_bucket(due - NOW))] += 1
    got = {
        (priority, bucket): n
        for priority, counts in zip(data.priorities, data.counts, strict=True)
        for bucket, n in enumerate(counts)
        if n
    }
    assert got == dict(expected)
    assert (data.paused, data.without_clock) == (paused, without)
    assert data.open_total == len(rows) > 50
    assert data.total_by_bucket[0] > 0, "the seed has overdue tickets"


def test_backlog_follows_team_and_priority_filters(session: Session) -> None:
    filters = Filters(YEAR.date_from, YEAR.date_to, team="Billing", priority="normal")
    data = dd.load_backlog(session, filters, NOW)
    rows = _open_tickets(session, " AND teams.name = 'Billing' AND t.priority = 'normal'")
    assert data.open_total == len(rows) > 0
    assert sum(data.counts[dd.PRIORITIES.index("normal")]) + data.paused == len(rows)
    for priority in ("urgent", "high", "low"):
        assert sum(data.counts[dd.PRIORITIES.index(priority)]) == 0
    unknown = dd.load_backlog(session, Filters(YEAR.date_from, YEAR.date_to, team="Nobody"), NOW)
    assert unknown.open_total == 0


def test_soon_counts_running_clocks_due_in_the_next_24_hours_and_7_days(session: Session) -> None:
    data = dd.load_soon(session, YEAR, NOW)
    clocks = session.execute(
        text(
            "SELECT c.metric, c.due_at FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id"
            " WHERE c.stopped_at IS NULL AND c.due_at IS NOT NULL"
            " AND t.status IN ('new', 'open', 'pending', 'on_hold')"
        )
    ).all()
    in_24h = sum(1 for _, due in clocks if NOW < due <= NOW + 86400)
    in_7d = sum(1 for _, due in clocks if NOW < due <= NOW + 7 * 86400)
    assert (data.next_24h, data.next_7d) == (in_24h, in_7d)
    assert in_7d > in_24h > 0
    per_slot: Counter[tuple[str, int]] = Counter(
        (metric, (due - NOW - 1) // dd.SOON_SLOT)
        for metric, due in clocks
        if NOW < due <= NOW + dd.SOON_HORIZON
    )
    got = {
        (metric, slot): n
        for metric, counts in zip(data.metrics, data.counts, strict=True)
        for slot, n in enumerate(counts)
        if n
    }
    assert got == dict(per_slot)


def _stopped_clocks(session: Session) -> list[tuple[str, str, str, str, int]]:
    start = int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp())
    end = int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp())
    return [
        tuple(r)  # type: ignore[misc]
        for r in session.execute(
            text(
                "SELECT c.metric, c.state, t.priority, teams.name, c.elapsed FROM ticket_clocks c"
                " JOIN tickets t ON t.id = c.ticket_id LEFT JOIN teams ON teams.id = t.team_id"
                " WHERE c.stopped_at >= :a AND c.stopped_at < :b"
            ),
            {"a": start, "b": end},
        )
    ]


def test_breakdown_by_team_lists_breaches_per_metric_most_breached_first(
    session: Session,
) -> None:
    data = dd.load_breakdown(session, YEAR, "team")
    clocks = _stopped_clocks(session)
    breached: Counter[tuple[str, str]] = Counter()
    achieved: Counter[tuple[str, str]] = Counter()
    for metric, state, _priority, team, _elapsed in clocks:
        (breached if state == "breached" else achieved)[(team, metric)] += 1
    assert [r.key for r in data.rows] == sorted(
        {team for _, _, _, team, _ in clocks},
        key=lambda t: (-sum(n for (k, _), n in breached.items() if k == t), t),
    )
    for row in data.rows:
        for i, metric in enumerate(data.metrics):
            assert row.breached[i] == breached[(row.key, metric)]
            assert row.achieved[i] == achieved[(row.key, metric)]


def test_breakdown_keeps_the_top_groups_and_sums_the_rest(session: Session) -> None:
    full = dd.load_breakdown(session, YEAR, "customer", top_n=1000)
    top = dd.load_breakdown(session, YEAR, "customer", top_n=5)
    assert len(full.rows) > 6
    assert top.rows[:5] == full.rows[:5]
    assert top.rows[5].others and top.rows[5].key is None
    assert top.rows[5].breached_total == sum(r.breached_total for r in full.rows[5:])
    by_priority = dd.load_breakdown(session, YEAR, "priority")
    assert [r.key for r in by_priority.rows] == list(dd.PRIORITIES)


def test_distributions_match_the_elapsed_times_of_stopped_clocks(session: Session) -> None:
    data = dd.load_distributions(session, YEAR)
    clocks = _stopped_clocks(session)
    for metric in ("first_response", "resolution"):
        for dist in data.of(metric):
            values = sorted(e for m, _, p, _, e in clocks if m == metric and p == dist.priority)
            assert dist.count == len(values)
            assert sum(dist.histogram) == len(values)
            lows = list(data.edges)
            first_bin = sum(1 for v in values if lows[0] <= v < lows[1])
            assert dist.histogram[0] == first_bin
            below_p50 = sum(1 for v in values if v <= (dist.p50 or 0))
            assert below_p50 >= len(values) / 2
            assert sum(1 for v in values if v < (dist.p90 or 0)) <= 0.9 * len(values) + 1


def test_trend_has_one_series_per_measured_metric_and_adds_up(session: Session) -> None:
    data = dd.load_trend(session, YEAR, "month")
    clocks = _stopped_clocks(session)
    assert [m for m, _ in data.series] == ["first_response", "resolution"]
    for metric, points in data.series:
        assert len(points) == 12
        assert sum(p.breached for p in points) == sum(
            1 for m, s, *_ in clocks if m == metric and s == "breached"
        )


def test_every_section_loads_through_the_one_loader_entry(session: Session) -> None:
    # What each section's own loader gives for the period, instant, bucket and dimension.
    expected = {
        "summary": dd.load_summary(session, YEAR),
        "satisfaction": dd.load_satisfaction(session, YEAR),
        "backlog": dd.load_backlog(session, YEAR, NOW),
        "soon": dd.load_soon(session, YEAR, NOW),
        "trend": dd.load_trend(session, YEAR, "week"),
        "breakdown": dd.load_breakdown(session, YEAR, "priority"),
        "distributions": dd.load_distributions(session, YEAR),
        "nps": dd.load_nps(session, YEAR, "week"),
        "availability": dd.load_availability(session, YEAR, NOW),
    }
    assert set(dd.SECTIONS) == set(expected)
    for section in dd.SECTIONS:
        result = dd.loader(section, YEAR, now=NOW, bucket="week", dimension="priority")(session)
        assert result == expected[section], section


def test_the_will_breach_cards_count_tickets_with_a_running_clock_falling_due(
    session: Session,
) -> None:
    data = dd.load_soon(session, YEAR, NOW)
    clocks = session.execute(
        text(
            "SELECT c.ticket_id, c.state, c.due_at FROM ticket_clocks c"
            " JOIN tickets t ON t.id = c.ticket_id"
            " WHERE c.stopped_at IS NULL AND c.due_at IS NOT NULL"
            " AND t.status IN ('new', 'open', 'pending', 'on_hold')"
        )
    ).all()

    def tickets_within(seconds: int) -> int:
        return len(
            {t for t, state, due in clocks if state == "running" and NOW < due <= NOW + seconds}
        )

    assert (data.tickets_24h, data.tickets_7d) == (tickets_within(86400), tickets_within(7 * 86400))
    assert 0 < data.tickets_24h <= data.next_24h
    assert data.tickets_7d < data.next_7d  # some tickets have several clocks falling due
