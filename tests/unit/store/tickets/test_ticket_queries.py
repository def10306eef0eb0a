"""The list's SQL: views, search and order come back right, a page at a time."""

from __future__ import annotations

from dataclasses import replace

import pytest

from slaworkbench.domain.model import ClockState, Priority
from slaworkbench.store.tickets.detail import fetch_ticket_detail
from slaworkbench.store.tickets.filters import count_tickets
from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.store.tickets.rows import fetch_ticket_row, list_options
from tests.support.ticket_seeding import NOW


def ids(factory, query: TicketQuery, now: int = NOW, **kw) -> list[int]:
    with factory() as session:
        return [row.id for row in list_tickets(session, query, now=now, **kw)]


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (View.ALL_OPEN, {1, 2, 3, 5, 6}),
        (View.ALL, {1, 2, 3, 4, 5, 6}),
        (View.PENDING, {2}),
        (View.UNASSIGNED, {3}),
        (View.BREACHED, {3}),
        (View.AT_RISK, {1, 5}),
    ],
)
def test_views_select_their_tickets(session_factory, view, expected):
    assert set(ids(session_factory, TicketQuery(view=view))) == expected


def test_mine_is_the_signed_in_agents_open_tickets(session_factory):
    assert set(ids(session_factory, TicketQuery(view=View.MINE, me_agent_id=2))) == {2, 5}
    assert ids(session_factory, TicketQuery(view=View.MINE, me_agent_id=None)) == []


def test_at_risk_view_follows_time(session_factory):
    # Three hours later ticket 3's resolution (risk at +2h) is at risk, but its first
    # response is breached, so it stays in Breached; ticket 1 is overdue by then.
    later = NOW + 3 * 3600 - 1
    assert set(ids(session_factory, TicketQuery(view=View.BREACHED), now=later)) == {1, 3, 5}
    assert set(ids(session_factory, TicketQuery(view=View.AT_RISK), now=later)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("printer", {1}),
        ("PRINTER ON", {1}),
        ("globex.example", {5}),
        ("T-3", {3}),
        ("#4", {4}),
        ("4", {4}),
        ("100%", set()),
        ("", {1, 2, 3, 4, 5, 6}),
    ],
)
def test_search_matches_subject_requester_and_id(session_factory, text, expected):
    assert set(ids(session_factory, TicketQuery(view=View.ALL, search=text))) == expected


def test_sort_by_next_due_puts_most_urgent_first(session_factory):
    order = ids(session_factory, TicketQuery(view=View.ALL_OPEN, sort=SortKey.NEXT_DUE))
    assert order[:3] == [3, 1, 5]  # overdue, due in 90 s, due in 10 min
    assert set(order[3:]) == {2, 6}  # no running clock: last


def test_time_to_breach_puts_overdue_first_then_running_then_paused(session_factory):
    query = TicketQuery(view=View.ALL, sort=SortKey.TIME_TO_BREACH)
    order = ids(session_factory, query)
    # 3 overdue, 1 due in 90 s, 5 in 10 min; 2 only paused (40 min left); 4 and 6 none.
    assert order == [3, 1, 5, 2, 4, 6]
    assert ids(session_factory, replace(query, descending=True)) == [6, 4, 2, 5, 1, 3]
    assert TicketQuery().sort is SortKey.TIME_TO_BREACH  # the list's default order


@pytest.mark.parametrize("descending", [False, True])
def test_time_to_breach_pages_one_row_at_a_time(session_factory, descending):
    query = TicketQuery(view=View.ALL, sort=SortKey.TIME_TO_BREACH, descending=descending)
    whole = ids(session_factory, query)
    paged: list[int] = []
    with session_factory() as session:
        after = None
        while page := list_tickets(session, query, now=NOW, limit=1, after=after):
            paged.append(page[0].id)
            after = page[-1]
    assert paged == whole and len(whole) == 6


def test_row_carries_the_least_paused_time_left(session_factory):
    with session_factory() as session:
        pending, running = fetch_ticket_row(session, 2), fetch_ticket_row(session, 1)
    assert pending is not None and pending.paused_left == 2400
    assert running is not None and running.paused_left is None
    assert running.next_response.state is None  # not measured on this ticket


def test_sort_by_priority_and_descending(session_factory):
    query = TicketQuery(view=View.ALL, sort=SortKey.PRIORITY)
    assert ids(session_factory, query)[:2] == [1, 3]
    assert ids(session_factory, TicketQuery(view=View.ALL, sort=SortKey.ID, descending=True)) == [
        6,
        5,
        4,
        3,
        2,
        1,
    ]


def test_sort_by_first_response_running_before_paused_before_stopped(session_factory):
    order = ids(session_factory, TicketQuery(view=View.ALL, sort=SortKey.FIRST_RESPONSE))
    assert order[:3] == [3, 1, 5]
    assert order[-1] == 6  # not measured


def test_paging_with_offset_and_limit(session_factory):
    query = TicketQuery(view=View.ALL, sort=SortKey.ID)
    assert ids(session_factory, query, offset=0, limit=4) == [1, 2, 3, 4]
    assert ids(session_factory, query, offset=4, limit=4) == [5, 6]


def test_priority_and_team_narrow_the_view(session_factory):
    query = TicketQuery(view=View.ALL, priorities=(Priority.URGENT, Priority.HIGH))
    assert set(ids(session_factory, query)) == {1, 3}
    assert set(ids(session_factory, TicketQuery(view=View.ALL, team_id=2))) == {2}
    with session_factory() as session:
        assert count_tickets(session, TicketQuery(view=View.ALL_OPEN), now=NOW) == 5


def test_row_carries_clock_state_due_instant_and_names(session_factory):
    with session_factory() as session:
        row = fetch_ticket_row(session, 2)
        assert fetch_ticket_row(session, 999) is None
    assert row is not None
    assert (row.customer, row.team, row.assignee) == ("Globex", "Billing", "Bruno Costa")
    assert row.first_response.state is ClockState.ACHIEVED and row.first_response.stopped
    assert row.resolution.state is ClockState.PAUSED
    assert row.resolution.due_at is None and row.resolution.remaining == 2400
    assert row.calendar_id == 1


def test_detail_and_options(session_factory):
    with session_factory() as session:
        detail = fetch_ticket_detail(session, 1)
        customers, teams, agents = list_options(session)
    assert detail is not None
    assert {c.metric.value for c in detail.clocks} == {"first_response", "resolution"}
    assert detail.policy_name == "Standard" and detail.calendar_name == "24/7"
    assert [c.name for c in customers] == ["Acme Corp", "Globex"]
    assert [a.name for a in agents] == ["Ana Silva", "Bruno Costa"]
    assert len(teams) == 2


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("page", [1, 2, 4])
def test_keyset_pages_continue_after_the_last_row_in_every_order(
    session_factory, sort, descending, page
):
    query = TicketQuery(view=View.ALL, sort=sort, descending=descending)
    with session_factory() as session:
        whole = [r.id for r in list_tickets(session, query, now=NOW, limit=100)]
        walked: list[int] = []
        rows = list_tickets(session, query, now=NOW, limit=page)
        while rows:
            walked += [r.id for r in rows]
            rows = list_tickets(session, query, now=NOW, limit=page, after=rows[-1])
        offsets = [
            r.id
            for start in range(0, 6, page)
            for r in list_tickets(session, query, now=NOW, offset=start, limit=page)
        ]
    assert sorted(whole) == [1, 2, 3, 4, 5, 6]
    assert walked == whole == offsets


def test_count_can_stop_early(session_factory):
    with session_factory() as session:
        assert count_tickets(session, TicketQuery(view=View.ALL), now=NOW, at_most=3) == 4
        assert count_tickets(session, TicketQuery(view=View.ALL), now=NOW, at_most=10) == 6


def test_descending_reverses_the_ascending_order(session_factory):
    for sort in SortKey:
        up = ids(session_factory, TicketQuery(view=View.ALL, sort=sort))
        down = ids(session_factory, TicketQuery(view=View.ALL, sort=sort, descending=True))
        assert down == up[::-1], sort


def test_count_each_equals_each_count(session_factory):
    from slaworkbench.store.tickets.filters import count_each

    queries = {view: TicketQuery(view=view, me_agent_id=2) for view in View}
    with session_factory() as session:
        together = count_each(session, queries, now=NOW)
        one_by_one = {v: count_tickets(session, q, now=NOW) for v, q in queries.items()}
    assert together == one_by_one
    assert together[View.BREACHED] == 1 and together[View.ALL] == 6
