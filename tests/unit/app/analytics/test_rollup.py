"""The daily rollups give every dashboard chart and every report figure exactly what the
clock rows and the survey answers give, on seeded random demo workspaces, and stay so
through ticket actions, answers entered and imported, a recompute, a re-baseline and a
second demo (``store/analytics/rollup.py``, ``store/analytics/answer_rollup.py``)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from slaworkbench.app.agreements.csv_files import import_survey_csv
from slaworkbench.app.agreements.satisfaction import enter_answer
from slaworkbench.app.analytics import dashboard as dd
from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.check.workspace import check_workspace
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.policies.saving import save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import (
    agent_reply,
    assign,
    change_priority,
    change_status,
    customer_reply,
)
from slaworkbench.app.tickets.writes import append_events
from slaworkbench.domain.model import Priority, Status
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.store.analytics import facts, fetch
from slaworkbench.store.analytics.answer_rollup import (
    answer_rollup_differences,
    answer_rollup_rows,
)
from slaworkbench.store.analytics.rollup import rollup_rows
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Agent, Ticket
from slaworkbench.store.workspace import Workspace
from tests.support.twin_demos import demo_copy
from tests.support.two_desks import scaled_edit, ticket_version

NOW = int(dt.datetime(2026, 6, 10, 15, 30, tzinfo=dt.UTC).timestamp())
TODAY = dt.date(2026, 6, 10)
YEAR = (TODAY - dt.timedelta(days=364), TODAY)


def _filters(ws: Workspace) -> list[Filters]:
    """The default period unfiltered, then filtered by a team, a customer and a priority
    (alone and together), a month, and a zone whose days are not UTC days."""
    with ws.session() as session:
        team, customer = session.execute(
            text(
                "SELECT tm.name, c.name FROM tickets t JOIN teams tm ON tm.id = t.team_id"
                " JOIN customers c ON c.id = t.customer_id ORDER BY t.id LIMIT 1"
            )
        ).one()
    first, last = YEAR
    return [
        Filters(first, last),
        Filters(first, last, team=team),
        Filters(first, last, customer=customer, priority="normal"),
        Filters(first, last, team=team, customer=customer, priority="high"),
        Filters(TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=10)),
        Filters(first, last, tz="Europe/Lisbon"),
    ]


def _figures(ws: Workspace, filters: Filters) -> list[Any]:
    """Every dashboard section (each bucket and dimension) and the whole report."""
    out: list[Any] = []
    with ws.session() as session:
        for section in dd.SECTIONS:
            for bucket, dimension in (("week", "team"), ("month", "customer"), ("day", "priority")):
                out.append(
                    dd.loader(section, filters, now=NOW, bucket=bucket, dimension=dimension)(
                        session
                    )
                )
        out.append(build_report(session, ReportOptions(filters), workspace="w", now=NOW))
    return out


def _assert_rollup_agrees(ws: Workspace, *, every_filter: bool = True) -> None:
    """The rollups equal the rows they derive from, and the figures read from them equal
    those read from the rows: for every filter of ``_filters``, or (between the steps of
    a test, whose last check takes them all) the unfiltered year's alone."""
    with ws.session() as session:
        assert rollup_differences(session.connection()) == []
        assert answer_rollup_differences(session.connection()) == []
        # Read from the answers' rollup (several answers a row), not the answers.
        assert max(answer_rollup_rows(session.connection()).values()) > 1
        start, end = period_bounds(Filters(*YEAR))
        counts = facts.stopped_counts(session, start, end)
        # Read from the rollup (groups of several clocks), not the clock rows.
        assert counts.count.max() > 1
    for filters in _filters(ws) if every_filter else [Filters(*YEAR)]:
        facts.clear_cache()
        from_rollup = _figures(ws, filters)
        with facts.from_clock_rows():
            from_rows = _figures(ws, filters)
        assert from_rollup == from_rows, filters


@pytest.fixture(params=[3, 8])
def demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    ws = demo_copy(tmp_path / "demo.sqlite3", tickets=250, seed=request.param, now=NOW)
    yield ws
    facts.clear_cache()
    ws.close()


def test_rollup_figures_equal_the_clock_rows_after_actions_and_a_rebaseline(
    demo: Workspace,
) -> None:
    _assert_rollup_agrees(demo, every_filter=False)
    rng = random.Random(5)
    with demo.session() as session:
        tickets = list(session.execute(select(Ticket.id)).scalars())
        agents = list(session.execute(select(Agent.name)).scalars())
    at = NOW + 60
    for ticket_id in rng.sample(tickets, 40):
        at += 60
        action = rng.choice(["priority", "assign", "status", "agent", "customer"])
        version = ticket_version(demo, ticket_id)
        try:
            if action == "priority":
                change_priority(
                    demo, ticket_id, rng.choice(list(Priority)), author="Ana",
                    expected_version=version, now=at,
                )  # fmt: skip
            elif action == "assign":
                assign(
                    demo, ticket_id, rng.choice(agents), author="Ana",
                    expected_version=version, now=at,
                )  # fmt: skip
            elif action == "status":
                change_status(
                    demo, ticket_id, rng.choice([Status.SOLVED, Status.OPEN, Status.PENDING]),
                    author="Ana", expected_version=version, now=at,
                )  # fmt: skip
            elif action == "agent":
                agent_reply(
                    demo, ticket_id, "On it.", author="Ana", expected_version=version, now=at
                )
            else:
                customer_reply(
                    demo, ticket_id, "Any news?", author="Bo", expected_version=version, now=at
                )
        except ValidationError:
            continue  # closed, or already so: nothing written
    _assert_rollup_agrees(demo, every_filter=False)

    edit = scaled_edit(demo, "Urgent around the clock", 0.5)
    save_policy(demo, edit, author="Ana", reason="targets")
    recompute(demo, now=at + 60)  # what the window runs after a save: open tickets
    _assert_rollup_agrees(demo, every_filter=False)
    with demo.session() as session:
        before = rollup_rows(session.connection())
    recompute(demo, only_open=False, now=at + 120, reason="re-baseline")
    with demo.session() as session:
        assert rollup_rows(session.connection()) != before  # the verdicts moved
    _assert_rollup_agrees(demo)


def test_rollup_drops_the_verdict_of_a_reopened_ticket(demo: Workspace) -> None:
    """Reopening solved tickets (a ticket action, and a status appended to the log then
    recomputed) takes their resolution verdicts out of the rollup, as out of the clock
    rows; solving them again puts the new verdicts in."""
    with demo.session() as session:
        solved = list(
            session.execute(
                select(Ticket.id).where(Ticket.status == Status.SOLVED.value).order_by(Ticket.id)
            ).scalars()
        )[:10]
        before = sum(sum(counts) for counts in rollup_rows(session.connection()).values())
    assert len(solved) == 10
    at = NOW + 60
    for ticket_id in solved[:5]:
        change_status(
            demo, ticket_id, Status.OPEN, author="Ana",
            expected_version=ticket_version(demo, ticket_id), now=at,
        )  # fmt: skip
    with demo.session(write=True) as session:
        for ticket_id in solved[5:]:
            append_events(
                session, ticket_id, at, "Ana", [{"type": "status_changed", "status": Status.OPEN}]
            )
            session.execute(
                update(Ticket).where(Ticket.id == ticket_id).values(status=Status.OPEN.value)
            )
    recompute(demo, now=at)
    with demo.session() as session:
        reopened = sum(sum(counts) for counts in rollup_rows(session.connection()).values())
    assert reopened == before - 10  # one resolution verdict each
    _assert_rollup_agrees(demo, every_filter=False)
    for ticket_id in solved:
        change_status(
            demo, ticket_id, Status.SOLVED, author="Ana",
            expected_version=ticket_version(demo, ticket_id), now=at + 3600,
        )  # fmt: skip
    with demo.session() as session:
        again = sum(sum(counts) for counts in rollup_rows(session.connection()).values())
    assert again == before
    _assert_rollup_agrees(demo)


@pytest.mark.parametrize(
    "groups",
    [("team", "customer", "policy_version_id", "agent"), ("customer",), ("agent", "team")],
)
def test_rollup_summed_over_days_by_numpy_equals_the_sql_group_by(
    demo: Workspace, groups: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The period's rollup summed over the days by numpy (what the report's breakdowns
    read) has the rows, values and order of SQLite's ``GROUP BY``, for a year and for a
    month, and sums of several days really were summed."""
    for first, last in (YEAR, (TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=10))):
        start, end = period_bounds(Filters(first, last))
        with demo.session() as session:
            kept = [name for name in fetch.ROLLUP_GROUPS if name in groups]
            assert fetch._summed_by_numpy(
                session, start // 86_400, end // 86_400, kept, by_day=False
            )
            by_numpy = fetch.fetch_rollup(
                session, start // 86_400, end // 86_400, groups, by_day=False
            )
            with monkeypatch.context() as patch:
                patch.setattr(fetch, "_summed_by_numpy", lambda *_, **__: None)
                by_sql = fetch.fetch_rollup(
                    session, start // 86_400, end // 86_400, groups, by_day=False
                )
        assert by_numpy.keys() == by_sql.keys()
        for name, values in by_sql.items():
            assert by_numpy[name].tolist() == values.tolist(), name
        assert by_sql["achieved"].size > 0
        if (first, last) == YEAR:
            assert (by_sql["achieved"] + by_sql["breached"] + by_sql["other"]).max() > 1


def _answers_csv(path: Path, rows: list[tuple[int, int, str, int]]) -> Path:
    lines = ["ticket_id,answered_at,kind,score,comment"]
    for ticket_id, at, kind, score in rows:
        moment = dt.datetime.fromtimestamp(at, dt.UTC).isoformat()
        lines.append(f"{ticket_id},{moment},{kind},{score},")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_answer_rollup_follows_answers_and_first_responses(demo: Workspace, tmp_path: Path) -> None:
    """Answers entered and imported (on tickets with and without a first response, on
    the period's edges and outside it), the first responses they hang on given by a
    ticket action or re-judged by a re-baseline, a second demo in the same workspace:
    after each, the answers' rollup and stored first responses equal the direct
    computation, and so does every chart (every filter's after the last step)."""
    rng = random.Random(11)
    with demo.session() as session:
        waiting = list(
            session.execute(
                text(
                    "SELECT t.id FROM tickets t WHERE t.status IN ('new', 'open') AND NOT EXISTS ("
                    "SELECT 1 FROM ticket_clocks c WHERE c.ticket_id = t.id"
                    " AND c.metric = 'first_response' AND c.stopped_at IS NOT NULL)"
                    " ORDER BY t.id"
                )
            ).scalars()
        )
        tickets = list(session.execute(select(Ticket.id)).scalars())
    assert len(waiting) >= 2
    start, end = period_bounds(Filters(*YEAR))
    instants = [start, start + 1, end - 1, end, start - 86400, NOW - 3600]
    for ticket_id in waiting:
        enter_answer(demo, ticket_id, "csat", rng.randint(1, 5), now=rng.choice(instants))
    imported = [
        (
            rng.choice(tickets),
            rng.choice([*instants, rng.randint(start, end)]),
            kind,
            rng.randint(1, 5) if kind == "csat" else rng.randint(0, 10),
        )
        for kind in ["csat", "nps"] * 20
    ]
    import_survey_csv(demo, _answers_csv(tmp_path / "answers.csv", imported))
    _assert_rollup_agrees(demo, every_filter=False)
    at = NOW + 60
    # Their first response stops, so their answers move bucket: by a ticket action (the
    # clock write of one ticket), and by a reply appended to the log then recomputed (the
    # bulk clock write).
    for ticket_id in waiting[0::2]:
        at += 60
        agent_reply(
            demo, ticket_id, "Looking.", author="Ana",
            expected_version=ticket_version(demo, ticket_id), now=at,
        )  # fmt: skip
    with demo.session(write=True) as session:
        for ticket_id in waiting[1::2]:
            append_events(session, ticket_id, at, "Ana", [{"type": "agent_reply"}])
    recompute(demo, now=at + 30)
    with demo.session() as session:
        stopped = session.execute(
            text(
                "SELECT COUNT(*) FROM survey_answers WHERE first_response IS NOT NULL"
                f" AND ticket_id IN ({', '.join(str(i) for i in waiting)})"
            )
        ).scalar_one()
    assert stopped >= len(waiting)
    _assert_rollup_agrees(demo, every_filter=False)
    edit = scaled_edit(demo, "Urgent around the clock", 0.5)
    save_policy(demo, edit, author="Ana", reason="targets")
    recompute(demo, only_open=False, now=at + 120, reason="re-baseline")
    _assert_rollup_agrees(demo, every_filter=False)
    generate_demo(demo, tickets=120, seed=99, now=NOW + 86400)
    _assert_rollup_agrees(demo)


def test_check_rebuilds_a_damaged_answer_rollup(demo: Workspace) -> None:
    with demo.session(write=True) as session:
        session.execute(text("UPDATE answer_rollup SET answers = answers + 1"))
        session.execute(text("UPDATE survey_answers SET first_response = 1 WHERE id = 1"))
    with demo.session() as session:
        assert answer_rollup_differences(session.connection()) != []
    check_workspace(demo, now=NOW + 60)
    _assert_rollup_agrees(demo)
