"""Dashboard clicks open the ticket list: the rows equal a computation done here in Python.

The workspace is the dashboard's synthetic one (``tests.support.synthetic_dashboard``):
every ticket has one first-response and one resolution clock, so a chart's count of
clocks is also its count of tickets. Each filter is checked three ways: against a brute-force filter
over every ticket and clock read back here, against the dashboard's own figure for the
bar, and page by page (keyset paging) in several orders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from slaworkbench.app.analytics import dashboard as dd
from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.store.schema import OPEN_STATUSES
from slaworkbench.store.tickets.filters import count_tickets
from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.ui.tickets.list.filter_words import describe_ticket_filter
from tests.support.synthetic_dashboard import seed

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
HOUR = 3600
PERIOD = Filters(dt.date(2025, 10, 1), dt.date(2025, 12, 31), tz="UTC")
START, END = period_bounds(PERIOD)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("dashboard_filter") / "workspace.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    seed(engine, 1500, seed=11, now=NOW)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def everything(engine: Engine) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]]]:
    """Every ticket (with its team and customer names) and every clock, as plain dicts."""
    with engine.connect() as conn:
        tickets = {
            r.id: r._asdict()
            for r in conn.execute(
                text(
                    "SELECT t.id, t.priority, t.status, t.next_due_at, tm.name AS team,"
                    " c.name AS customer FROM tickets t LEFT JOIN teams tm ON tm.id = t.team_id"
                    " LEFT JOIN customers c ON c.id = t.customer_id"
                )
            )
        }
        clocks = [
            r._asdict()
            for r in conn.execute(
                text(
                    "SELECT ticket_id, metric, state, stopped_at, elapsed, due_at"
                    " FROM ticket_clocks"
                )
            )
        ]
    return tickets, clocks


def reference(everything: Any, wanted: dict[str, Any]) -> set[int]:
    """The tickets a dashboard filter means, by brute force over every row."""
    tickets, clocks = everything

    def ticket_ok(t: dict[str, Any]) -> bool:
        if wanted.get("open") and t["status"] not in OPEN_STATUSES:
            return False
        for key in ("team", "customer", "priority"):
            if key in wanted and t[key] != wanted[key]:
                return False
        due = t["next_due_at"]
        if "due_from" in wanted and (due is None or due < wanted["due_from"]):
            return False
        return not ("due_before" in wanted and (due is None or due >= wanted["due_before"]))

    def clock_ok(c: dict[str, Any]) -> bool:
        if "metric" in wanted and c["metric"] != wanted["metric"]:
            return False
        if wanted.get("sla_state") == "breached" and c["state"] != "breached":
            return False
        stopped, elapsed, due = c["stopped_at"], c["elapsed"], c["due_at"]
        if "stopped_from" in wanted and not (
            stopped is not None and wanted["stopped_from"] <= stopped < wanted["stopped_to"]
        ):
            return False
        if "elapsed_from" in wanted and elapsed < wanted["elapsed_from"]:
            return False
        if wanted.get("elapsed_to") is not None and elapsed >= wanted["elapsed_to"]:
            return False
        if "due_after" in wanted:  # a running clock due in (after, until]
            if stopped is not None or due is None:
                return False
            return wanted["due_after"] < due <= wanted["due_until"]
        return True

    clock_keys = {"metric", "sla_state", "stopped_from", "elapsed_from", "due_after"}
    with_clock = {c["ticket_id"] for c in clocks if clock_ok(c)}
    return {
        i
        for i, t in tickets.items()
        if ticket_ok(t) and (i in with_clock or not clock_keys & set(wanted))
    }


def listed(engine: Engine, query: TicketQuery, *, page: int = 37) -> list[int]:
    """Every row of the list, page after page (keyset paging)."""
    out: list[int] = []
    with Session(engine) as session:
        rows = list_tickets(session, query, now=NOW, limit=page)
        while rows:
            out += [r.id for r in rows]
            rows = list_tickets(session, query, now=NOW, limit=page, after=rows[-1])
    return out


BREAKDOWN = {"sla_state": "breached", "stopped_from": START, "stopped_to": END}
CLICKS = [
    pytest.param({**BREAKDOWN, "metric": "first_response", "team": "Platform"}, id="breached-team"),
    pytest.param(
        {**BREAKDOWN, "metric": "resolution", "priority": "high", "customer": "Customer 001"},
        id="breached-priority-customer",
    ),
    pytest.param(
        {
            "metric": "first_response",
            "priority": "normal",
            "elapsed_from": HOUR,
            "elapsed_to": 4 * HOUR,
            "stopped_from": START,
            "stopped_to": END,
        },
        id="distribution-bin",
    ),
    pytest.param(
        {
            "metric": "resolution",
            "priority": "urgent",
            "elapsed_from": 24 * HOUR,
            "elapsed_to": None,
            "stopped_from": START,
            "stopped_to": END,
        },
        id="distribution-last-bin",
    ),
    pytest.param({"open": True, "priority": "urgent", "due_before": NOW}, id="backlog-overdue"),
    pytest.param(
        {"open": True, "priority": "normal", "due_from": NOW + HOUR, "due_before": NOW + 8 * HOUR},
        id="backlog-bucket",
    ),
    pytest.param(
        {"open": True, "metric": "resolution", "due_after": NOW, "due_until": NOW + 24 * HOUR},
        id="soon-slot",
    ),
    pytest.param({"team": "Nobody's team", "open": True}, id="unknown-team"),
    pytest.param({**BREAKDOWN, "metric": "resolution", "team": None}, id="no-team"),
]


@pytest.mark.parametrize("wanted", CLICKS)
@pytest.mark.parametrize(
    ("sort", "descending"),
    [
        (SortKey.NEXT_DUE, False),
        (SortKey.TIME_TO_BREACH, False),
        (SortKey.TIME_TO_BREACH, True),
        (SortKey.ID, True),
        (SortKey.CUSTOMER, False),
        (SortKey.PRIORITY, True),
        (SortKey.STATUS, False),
    ],
)
def test_rows_equal_the_brute_force_filter(engine, everything, wanted, sort, descending):
    query = TicketQuery.from_dashboard_filter(wanted)
    query = TicketQuery(**{**_fields(query), "sort": sort, "descending": descending})
    ids = listed(engine, query)
    assert len(ids) == len(set(ids))  # no ticket twice across pages
    assert set(ids) == reference(everything, {k: v for k, v in wanted.items()})
    with Session(engine) as session:
        assert count_tickets(session, query, now=NOW) == len(ids)


def _fields(query: TicketQuery) -> dict[str, Any]:
    return {name: getattr(query, name) for name in TicketQuery.__slots__}


def test_the_filters_are_not_empty(everything):
    # The cases above mean something: most match tickets on this workspace.
    sizes = [len(reference(everything, p.values[0])) for p in CLICKS]
    assert sum(1 for n in sizes if n) >= 6, sizes


def test_breached_by_team_equals_the_dashboard_bar(engine, everything):
    with Session(engine) as session:
        data = dd.load_breakdown(session, PERIOD, "team")
    metric = data.metrics.index("first_response")
    tickets, _ = everything
    teams = {t["team"] for t in tickets.values() if t["team"] is not None}
    clicks = {team: {**BREAKDOWN, "metric": "first_response", "team": team} for team in teams}
    expected = {team: len(reference(everything, wanted)) for team, wanted in clicks.items()}
    assert len(teams) == 5 and all(expected.values()), expected  # every team has breaches
    # One bar per team (fewer teams than the top-N), each as tall as the brute force says,
    assert {row.key: row.breached[metric] for row in data.rows} == expected
    # and a click on it lists exactly that many tickets.
    for row in data.rows:
        click = TicketQuery.from_dashboard_filter(clicks[row.key])
        assert len(listed(engine, click)) == row.breached[metric]


def test_backlog_bars_equal_the_dashboard_figures(engine):
    with Session(engine) as session:
        data = dd.load_backlog(session, PERIOD, NOW)
    bounds = [None, 0, *data.edges, None]
    for p, priority in enumerate(data.priorities):
        for bucket in range(len(bounds) - 1):
            wanted: dict[str, Any] = {"open": True, "priority": priority}
            if bucket == 0:
                wanted["due_before"] = NOW
            else:
                wanted["due_from"] = NOW + int(bounds[bucket] or 0)
                if bounds[bucket + 1] is not None:
                    wanted["due_before"] = NOW + int(bounds[bucket + 1])
            ids = listed(engine, TicketQuery.from_dashboard_filter(wanted), page=200)
            assert len(ids) == data.counts[p][bucket], (priority, bucket)


def test_next_due_order_holds_across_pages(engine):
    query = replace(TicketQuery.from_dashboard_filter({"open": True}), sort=SortKey.NEXT_DUE)
    with Session(engine) as session:
        whole = list_tickets(session, query, now=NOW, limit=100_000)
    keys = [(r.next_due_at is None, r.next_due_at or 0, r.id) for r in whole]
    assert keys == sorted(keys)
    assert listed(engine, query, page=13) == [r.id for r in whole]


def test_time_to_breach_order_holds_across_pages(engine):
    query = TicketQuery.from_dashboard_filter({"open": True})  # the default order
    with Session(engine) as session:
        whole = list_tickets(session, query, now=NOW, limit=100_000)
    big = 1 << 62
    keys = [
        (
            r.next_due_at if r.next_due_at is not None else big,
            big if r.paused_left is None else r.paused_left,
            r.id,
        )
        for r in whole
    ]
    assert keys == sorted(keys)
    assert listed(engine, query, page=13) == [r.id for r in whole]


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("view", [View.ALL, View.ALL_OPEN])
def test_keyset_pages_equal_one_big_page_in_every_order(engine, sort, descending, view):
    query = TicketQuery(view=view, sort=sort, descending=descending)
    with Session(engine) as session:
        whole = [r.id for r in list_tickets(session, query, now=NOW, limit=100_000)]
        by_offset = [r.id for r in list_tickets(session, query, now=NOW, offset=101, limit=57)]
    assert listed(engine, query, page=97) == whole
    assert by_offset == whole[101:158]


def test_unknown_keys_and_states_are_refused():
    with pytest.raises(ValueError, match="colour"):
        TicketQuery.from_dashboard_filter({"colour": "red"})
    with pytest.raises(ValueError, match="at_risk"):
        TicketQuery.from_dashboard_filter({"sla_state": "at_risk"})


def test_leaving_the_dashboard_filter_keeps_view_and_order():
    query = TicketQuery.from_dashboard_filter({"open": True, "team": "Platform"})
    assert query.view is View.ALL_OPEN and query.has_dashboard_filter
    plain = query.without_dashboard_filter()
    assert not plain.has_dashboard_filter and plain.view is View.ALL_OPEN


@pytest.fixture
def british_english() -> Iterator[None]:
    """Dates as a reader in the UK writes them (the labels follow the locale)."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def _utc(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=dt.UTC).timestamp())


@pytest.mark.parametrize(
    ("wanted", "label"),
    [
        (
            {
                "sla_state": "breached",
                "metric": "first_response",
                "team": "Network",
                "stopped_from": _utc(2025, 3, 1),
                "stopped_to": _utc(2025, 3, 8),
            },
            "Breached first response, team Network, 1 Mar – 7 Mar",
        ),
        (
            {
                "metric": "resolution",
                "priority": "high",
                "elapsed_from": 4 * HOUR,
                "elapsed_to": 8 * HOUR,
                "stopped_from": _utc(2025, 2, 24),
                "stopped_to": _utc(2025, 3, 3),
            },
            "Resolution took 4h–8h, high priority, stopped 24 Feb – 2 Mar",
        ),
        (
            {"open": True, "priority": "urgent", "due_before": _utc(2025, 3, 3, 14, 5)},
            "Open tickets, urgent priority, next due before 03/03/2025 14:05",
        ),
        (
            {
                "open": True,
                "metric": "first_response",
                "due_after": _utc(2025, 3, 3, 14),
                "due_until": _utc(2025, 3, 3, 15),
            },
            "Open tickets, first response due 03/03/2025 14:00 – 03/03/2025 15:00",
        ),
        (
            {"sla_state": "breached", "metric": "resolution", "customer": None,
             "stopped_from": _utc(2024, 12, 30), "stopped_to": _utc(2025, 1, 2)},
            "Breached resolution, no customer, 30/12/2024 – 01/01/2025",
        ),
    ],
)  # fmt: skip
def test_label_says_what_the_list_shows(wanted, label, british_english):
    query = TicketQuery.from_dashboard_filter(wanted)
    assert describe_ticket_filter(query, tz="UTC") == label
    assert describe_ticket_filter(query.without_dashboard_filter(), tz="UTC") == ""
