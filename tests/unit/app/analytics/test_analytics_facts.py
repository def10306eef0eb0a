"""The one-pass fetch behind analytics: both fetch paths agree with the rows, and the
caches never serve data older than the session's snapshot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, update
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.clocks import worst_breaches
from slaworkbench.app.analytics.compliance import (
    _group_keys,
    compliance_by,
    compliance_by_metric,
    compliance_trends,
)
from slaworkbench.app.analytics.distributions import (
    nps_trend,
    response_distributions,
    satisfaction_by_response_bucket,
)
from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.analytics.methods import methods
from slaworkbench.store.analytics import facts, fetch
from slaworkbench.store.analytics.rollup import rebuild_rollup
from slaworkbench.store.schema import PRIORITIES, SurveyAnswer, Ticket, TicketClock
from tests.support.analytics_workspace import DAY, START, MiniWorkspace, all_rows, build_workspace

METRICS = ("first_response", "next_response", "periodic_update", "resolution")
PERIOD = (START + 10 * DAY, START + 100 * DAY)


@pytest.fixture(scope="module")
def ws() -> MiniWorkspace:
    return build_workspace()


def ids(value: object) -> int:
    return facts.NULL_ID if value is None else int(value)  # type: ignore[call-overload]


def expected_clocks(ws: MiniWorkspace) -> list[tuple[int, ...]]:
    """``(stopped_at, metric, state, elapsed, pv, priority, team, customer, agent)`` per
    clock stopped in the period, computed from the rows."""
    tickets = {t["id"]: t for t in all_rows(ws, Ticket)}
    out = []
    for c in all_rows(ws, TicketClock):
        stopped = c["stopped_at"]
        if stopped is None or not PERIOD[0] <= stopped < PERIOD[1]:  # type: ignore[operator]
            continue
        t = tickets[c["ticket_id"]]
        out.append(
            (
                ids(stopped),
                METRICS.index(str(c["metric"])),
                {"achieved": 0, "breached": 1}.get(str(c["state"]), 2),
                ids(c["elapsed"]),
                ids(c["policy_version_id"]),
                PRIORITIES.index(str(t["priority"])),
                ids(t["team_id"]),
                ids(t["customer_id"]),
                ids(t["assignee_id"]),
            )
        )
    return sorted(out)


@pytest.mark.parametrize("group_concat", [True, False])
def test_clock_facts_match_the_rows(
    ws: MiniWorkspace, monkeypatch: pytest.MonkeyPatch, group_concat: bool
) -> None:
    monkeypatch.setattr(fetch, "uses_group_concat", lambda _session: group_concat)
    with ws.session() as session:
        got = facts.clock_facts(session, *PERIOD)
    expected = expected_clocks(ws)
    assert got.size == len(expected) > 50
    assert facts.NULL_ID in {r[6] for r in expected}, "the fixture has tickets without team"
    columns = (
        got.stopped_at,
        got.metric,
        got.state,
        got.elapsed,
        got.policy_version_id,
        got.priority,
        got.team_id,
        got.customer_id,
        got.agent_id,
    )
    assert sorted(zip(*(c.tolist() for c in columns), strict=True)) == expected


@pytest.mark.parametrize("group_concat", [True, False])
def test_breach_facts_match_the_rows(
    ws: MiniWorkspace, monkeypatch: pytest.MonkeyPatch, group_concat: bool
) -> None:
    monkeypatch.setattr(fetch, "uses_group_concat", lambda _session: group_concat)
    tickets = {t["id"]: t for t in all_rows(ws, Ticket)}
    expected = sorted(
        (
            ids(c["id"]),
            ids(c["stopped_at"]),
            ids(c["elapsed"]) - ids(c["target"]),
            PRIORITIES.index(str(tickets[c["ticket_id"]]["priority"])),
            ids(tickets[c["ticket_id"]]["team_id"]),
            ids(tickets[c["ticket_id"]]["customer_id"]),
        )
        for c in all_rows(ws, TicketClock)
        if c["state"] == "breached"
        and c["stopped_at"] is not None
        and PERIOD[0] <= c["stopped_at"] < PERIOD[1]  # type: ignore[operator]
    )
    with ws.session() as session:
        got = facts.breach_facts(session, *PERIOD)
    columns = (got.clock_id, got.stopped_at, got.overrun, got.priority, got.team_id)
    rows = sorted(zip(*(c.tolist() for c in (*columns, got.customer_id)), strict=True))
    assert len(rows) == len(expected) > 10
    assert rows == expected


@pytest.mark.parametrize("group_concat", [True, False])
def test_answer_facts_match_the_rows(
    ws: MiniWorkspace, monkeypatch: pytest.MonkeyPatch, group_concat: bool
) -> None:
    monkeypatch.setattr(fetch, "uses_group_concat", lambda _session: group_concat)
    tickets = {t["id"]: t for t in all_rows(ws, Ticket)}
    first = {
        c["ticket_id"]: c["elapsed"]
        for c in all_rows(ws, TicketClock)
        if c["metric"] == "first_response" and c["cycle_index"] == 0 and c["stopped_at"]
    }
    expected = sorted(
        (
            a["answered_at"],
            ("csat", "nps").index(str(a["kind"])),
            a["score"],
            first.get(a["ticket_id"], facts.NULL_ID),
            PRIORITIES.index(str(tickets[a["ticket_id"]]["priority"])),
            *(
                facts.NULL_ID if tickets[a["ticket_id"]][k] is None else tickets[a["ticket_id"]][k]
                for k in ("team_id", "customer_id")
            ),
        )
        for a in all_rows(ws, SurveyAnswer)
        if PERIOD[0] <= a["answered_at"] < PERIOD[1]  # type: ignore[operator]
    )
    with ws.session() as session:
        got = facts.answer_facts(session, *PERIOD)
    columns = (got.answered_at, got.kind, got.score, got.first_response, got.priority)
    rows = sorted(zip(*(c.tolist() for c in (*columns, got.team_id, got.customer_id)), strict=True))
    assert len(rows) == len(expected) > 10
    assert rows == expected


def test_the_generic_path_gives_the_same_figures(
    ws: MiniWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = Filters(dt.date(2026, 1, 11), dt.date(2026, 4, 10), tz="Europe/Lisbon")
    fast = (
        compliance_by_metric(ws, f),
        compliance_by(ws, f, "agent"),
        compliance_trends(ws, f, "week"),
        worst_breaches(ws, f, 7),
        response_distributions(ws, f),
        satisfaction_by_response_bucket(ws, f),
        nps_trend(ws, f, "month"),
        methods(ws, f).policy_versions,
    )
    monkeypatch.setattr(fetch, "uses_group_concat", lambda _session: False)
    slow = (
        compliance_by_metric(ws, f),
        compliance_by(ws, f, "agent"),
        compliance_trends(ws, f, "week"),
        worst_breaches(ws, f, 7),
        response_distributions(ws, f),
        satisfaction_by_response_bucket(ws, f),
        nps_trend(ws, f, "month"),
        methods(ws, f).policy_versions,
    )
    assert fast == slow


def test_shared_cache_follows_commits(tmp_path: Path) -> None:
    """Across sessions the facts are reused only while nobody committed."""
    built = build_workspace(url=f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    engine = create_engine(built.engine.url)
    f = Filters(dt.date(2026, 1, 11), dt.date(2026, 4, 10))
    with Session(engine) as session:
        before = compliance_by_metric(session, f)
    with Session(engine) as session:
        first = facts.clock_facts(session, *period_bounds(f))
    with Session(engine) as session:
        assert facts.clock_facts(session, *period_bounds(f)) is first
    with Session(built.engine) as writer, writer.begin():
        writer.execute(
            update(TicketClock)
            .where(TicketClock.state == "breached", TicketClock.stopped_at < PERIOD[1])
            .values(state="achieved")
        )
        rebuild_rollup(writer.connection())  # what the program's clock writes keep
    with Session(engine) as session:
        assert facts.clock_facts(session, *period_bounds(f)) is not first
        after = compliance_by_metric(session, f)
    assert sum(m.breached for m in before) > 0
    assert sum(m.breached for m in after) == 0
    assert [m.stopped for m in after] == [m.stopped for m in before]
    facts.clear_cache()
    engine.dispose()
    built.engine.dispose()


def test_one_session_fetches_once_per_transaction(ws: MiniWorkspace) -> None:
    with Session(ws.engine) as session:
        first = facts.clock_facts(session, *PERIOD)
        assert facts.clock_facts(session, *PERIOD) is first
        session.commit()
        assert facts.clock_facts(session, *PERIOD) is not first


@pytest.mark.parametrize(
    "values",
    [
        [],
        [3, 1, facts.NULL_ID, 3, 0, 7],
        [facts.NULL_ID] * 4,
        [5, 2**40, facts.NULL_ID, 5],
        [-1, 4, 4],
    ],
)
def test_group_keys_is_unique_with_inverse(values: list[int]) -> None:
    import numpy as np

    array = np.asarray(values, dtype=np.int64)
    keys, inverse = _group_keys(array)
    expected_keys, expected_inverse = np.unique(array, return_inverse=True)
    assert keys.tolist() == expected_keys.tolist()
    assert inverse.tolist() == expected_inverse.reshape(-1).tolist()


def test_wal_workspace_gives_the_same_facts(tmp_path: Path) -> None:
    """A WAL workspace (as the program's) shared across sessions: the same facts as one
    direct fetch."""
    built = build_workspace(url=f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    with built.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    engine = create_engine(built.engine.url)
    facts.clear_cache()
    with Session(engine) as session:
        got = facts.clock_facts(session, *PERIOD)
        answers = facts.answer_facts(session, *PERIOD)
    with Session(built.engine) as session, session.begin():
        whole = fetch.fetch_clocks(session, *PERIOD)
        answered = fetch.fetch_answers(session, *PERIOD)
    assert sorted(got.stopped_at.tolist()) == sorted(whole["stopped_at"].tolist())
    assert sorted(zip(got.stopped_at.tolist(), got.elapsed.tolist(), strict=True)) == sorted(
        zip(whole["stopped_at"].tolist(), whole["elapsed"].tolist(), strict=True)
    )
    assert sorted(answers.answered_at.tolist()) == sorted(answered["answered_at"].tolist())
    facts.clear_cache()
    engine.dispose()
    built.engine.dispose()
