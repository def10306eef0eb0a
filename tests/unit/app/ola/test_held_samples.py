"""Each holder's samples kept per span (migration 0034): the "who held the clock" and
the team agreements' figures read from them are the figures read from the clock rows,
and every write that changes a span's cycles forgets it in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.check.workspace import check_workspace
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.ola.accountability import ola_accountability
from slaworkbench.app.ola.held_samples import held_samples_differences
from slaworkbench.app.ola.sla_holders import sla_holders
from slaworkbench.app.policies.saving import PolicyEdit, save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import change_status
from slaworkbench.domain.model import Metric
from slaworkbench.domain.policy import policy_to_dict
from slaworkbench.store.ola.held_samples import OLA, OLA_CODE, SPAN_SECONDS, forget_all, kept_spans
from slaworkbench.store.policies.versions import list_policies, load_active_policies
from slaworkbench.store.schema import HeldSamples, Ticket, TicketClock, TicketOlaCycle
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.two_desks import scaled_edit

NOW = 1_780_000_000  # 2026-05-28, as the demo tests
LATER = (NOW // SPAN_SECONDS + 1) * SPAN_SECONDS + 86_400
"""The day after the span of ``NOW`` ends: a recompute then keeps that span too, which
holds the stopped cycles of the tickets still worked on."""
METRICS = (Metric.FIRST_RESPONSE, Metric.RESOLUTION)
READ = (*METRICS, OLA)
"""What is kept: the SLA metrics' holders and the team agreements (``OLA``)."""


def _figures(source: Workspace | Session, filters: Filters, metric: Metric | str) -> object:
    if metric == OLA:
        return ola_accountability(source, filters)
    assert isinstance(metric, Metric)
    return sla_holders(source, filters, metric)


def _kept(workspace: Workspace, metric: Metric | str = Metric.RESOLUTION) -> list[int]:
    with workspace.engine.connect() as connection:
        return kept_spans(connection, getattr(metric, "value", metric), -(2**31), 2**31 - 1)


def _differences(workspace: Workspace) -> list[tuple[str, int]]:
    with workspace.engine.connect() as connection:
        return held_samples_differences(connection)


def _from_clock_rows(workspace: Workspace, filters: Filters, metric: Metric | str) -> Any:
    """The figures with no span kept (the samples forgotten in a transaction rolled back)."""
    with workspace.session(write=True) as session:
        forget_all(session.connection())
        assert not kept_spans(
            session.connection(), getattr(metric, "value", metric), -(2**31), 2**31 - 1
        )
        figures = _figures(session, filters, metric)
        session.rollback()
    return figures


def _every_policy_scaled(workspace: Workspace, factor: float) -> list[PolicyEdit]:
    """An edit per active policy, every target times ``factor``."""
    with workspace.session() as session:
        policies = {policy.id: policy for policy in load_active_policies(session)}
        locks = {info.id: info.lock_version for info in list_policies(session)}
    edits = []
    for policy_id, policy in policies.items():
        spec = policy_to_dict(policy)
        spec["targets"] = {
            priority: {metric: max(60, int(seconds * factor)) for metric, seconds in per.items()}
            for priority, per in spec["targets"].items()
        }
        edits.append(
            PolicyEdit(policy_id, spec, policy.calendar.name, lock_version=locks[policy_id])
        )
    return edits


def _year(tz: str = "UTC") -> Filters:
    """The demo's whole history, and more."""
    return Filters(date_from=dt.date(2025, 5, 28), date_to=dt.date(2026, 5, 27), tz=tz)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("held") / "ws.sqlite3"
    workspace = open_workspace(f"sqlite:///{path}")
    generate_demo(workspace, tickets=1500, seed=5, now=NOW)  # 115 days (13 a day)
    yield workspace
    workspace.close()


def test_the_demo_keeps_every_span_that_ended_and_they_are_what_the_cycles_give(
    demo: Workspace,
) -> None:
    spans = _kept(demo)
    assert len(spans) >= 3
    assert spans == list(range(spans[0], spans[-1] + 1))
    assert spans[-1] < NOW // SPAN_SECONDS  # the span running now is not kept
    assert _kept(demo, Metric.FIRST_RESPONSE)
    assert _kept(demo, OLA) == spans
    assert _differences(demo) == []
    with demo.engine.connect() as connection:
        blobs = connection.execute(select(HeldSamples.cycles, HeldSamples.seconds)).all()
    assert sum(cycles for cycles, _ in blobs) > 1500
    assert all(len(blob) == 4 * cycles for cycles, blob in blobs)


@pytest.mark.parametrize("metric", READ)
@pytest.mark.parametrize("tz", ["UTC", "Pacific/Auckland", "America/Sao_Paulo"])
def test_a_year_reads_as_from_the_clock_rows(
    demo: Workspace, metric: Metric | str, tz: str
) -> None:
    filters = _year(tz)
    kept = _figures(demo, filters, metric)
    assert kept.measured
    assert kept == _from_clock_rows(demo, filters, metric)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.dates(dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    days=st.integers(0, 160),
    metric=st.sampled_from(READ),
    tz=st.sampled_from(["UTC", "Asia/Kolkata", "America/New_York"]),
)
def test_any_period_reads_as_from_the_clock_rows(
    demo: Workspace, first: dt.date, days: int, metric: Metric | str, tz: str
) -> None:
    """Periods that hold no span, one, or many, starting and ending anywhere in them."""
    filters = Filters(date_from=first, date_to=first + dt.timedelta(days=days), tz=tz)
    assert _kept(demo, metric)
    assert _figures(demo, filters, metric) == _from_clock_rows(demo, filters, metric)


@pytest.mark.parametrize("metric", [Metric.RESOLUTION, OLA])
def test_a_narrowed_period_reads_the_clock_rows(demo: Workspace, metric: Metric | str) -> None:
    """The tickets' current team narrows the cycles (the OLA's: the cycle's team): the
    spans' samples (of every ticket) cannot say which, so none is read — tampering with
    them changes nothing."""
    with demo.engine.connect() as connection:
        team = connection.exec_driver_sql("SELECT name FROM teams ORDER BY id LIMIT 1").scalar()
    filters = Filters(date_from=dt.date(2025, 5, 28), date_to=dt.date(2026, 5, 27), team=team)
    expected = _from_clock_rows(demo, filters, metric)
    assert expected.measured
    with demo.session() as session:
        session.execute(update(HeldSamples).values(cycles=0, breached=0, seconds=b""))
        assert _figures(session, filters, metric) == expected
        session.rollback()


def _stopped_in_kept_span(workspace: Workspace) -> tuple[int, int, str, int]:
    """A ticket still worked on whose first response stopped in a kept span: (id,
    version, status, span)."""
    spans = set(_kept(workspace, Metric.FIRST_RESPONSE))
    with workspace.engine.connect() as connection:
        rows = connection.execute(
            select(Ticket.id, Ticket.version, Ticket.status, TicketClock.stopped_at)
            .join(TicketClock, TicketClock.ticket_id == Ticket.id)
            .where(
                TicketClock.metric == "first_response",
                TicketClock.stopped_at.is_not(None),
                Ticket.status.in_(("open", "pending")),
            )
            .order_by(Ticket.id)
        ).all()
    for ticket_id, version, status, stopped_at in rows:
        if stopped_at // SPAN_SECONDS in spans:
            return ticket_id, version, status, stopped_at // SPAN_SECONDS
    raise AssertionError("no ticket worked on answered in a kept span")


def test_a_recompute_forgets_the_spans_of_the_cycles_it_rewrites(tmp_path: Path) -> None:
    """A stopped cycle rewritten by a recompute's chunk (here: one whose stored row was
    edited, so that the run's comparison of every row rewrites it) leaves its span's
    samples forgotten and then kept anew, equal to the cycles."""
    workspace = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(workspace, tickets=800, seed=6, now=NOW)
        recompute(workspace, now=LATER)
        ticket_id, _, _, span = _stopped_in_kept_span(workspace)
        with workspace.begin() as connection:
            connection.execute(
                update(TicketClock)
                .where(TicketClock.ticket_id == ticket_id, TicketClock.metric == "first_response")
                .values(elapsed=TicketClock.elapsed + 3600)
            )
            # the edit is behind every writer's back: the span still claims the old row
        assert (Metric.FIRST_RESPONSE.value, span) in _differences(workspace)
        recompute(workspace, only_open=False, after_id=ticket_id - 1, now=LATER + 60, verify=True)
        assert _differences(workspace) == []
        assert span in _kept(workspace, Metric.FIRST_RESPONSE)
    finally:
        workspace.close()


def test_check_repairs_tampered_samples(tmp_path: Path) -> None:
    workspace = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(workspace, tickets=800, seed=4, now=NOW)
        with workspace.begin() as connection:
            key = connection.execute(
                select(HeldSamples.metric, HeldSamples.span, HeldSamples.reading)
                .where(HeldSamples.cycles > 1)
                .limit(1)
            ).one()
            connection.execute(
                update(HeldSamples)
                .where(
                    HeldSamples.metric == key[0],
                    HeldSamples.span == key[1],
                    HeldSamples.reading == key[2],
                )
                .values(breached=HeldSamples.breached + 1)
            )
        assert _differences(workspace)
        report = check_workspace(workspace)
        assert report.rollup_rows_repaired >= 1
        assert _differences(workspace) == []
        assert _kept(workspace)
    finally:
        workspace.close()


def test_kept_forgotten_and_kept_again_on_each_engine(workspace_url: str) -> None:
    """The whole round on each engine (a ``bytea`` on PostgreSQL): the demo keeps its
    spans, a year reads as from the clock rows, a ticket action forgets the spans of its
    stopped cycles (read before its write and after it) and the next recompute run keeps
    them again."""
    workspace = open_workspace(workspace_url)
    try:
        generate_demo(workspace, tickets=800, seed=2, now=NOW)
        recompute(workspace, now=LATER)
        before = set(_kept(workspace, Metric.FIRST_RESPONSE))
        assert before
        assert _differences(workspace) == []
        filters = _year()
        for metric in READ:
            assert _figures(workspace, filters, metric) == _from_clock_rows(
                workspace, filters, metric
            )
        ticket_id, version, status, span = _stopped_in_kept_span(workspace)
        change_status(
            workspace,
            ticket_id,
            "pending" if status == "open" else "open",
            author="test",
            expected_version=version,
            now=LATER + 60,
        )
        after = set(_kept(workspace, Metric.FIRST_RESPONSE))
        assert span not in after
        assert after < before  # the spans of its other cycles stay kept
        assert _differences(workspace) == []
        recompute(workspace, now=LATER + 120)
        assert set(_kept(workspace, Metric.FIRST_RESPONSE)) == before
        assert _differences(workspace) == []
    finally:
        workspace.close()


def test_a_team_agreement_stopping_in_a_kept_span_forgets_it(tmp_path: Path) -> None:
    """An OLA cycle that stops (here: its ticket solved at an instant of a span already
    kept) forgets its span; the next recompute keeps it again."""
    workspace = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(workspace, tickets=800, seed=2, now=NOW)
        recompute(workspace, now=LATER)
        span = NOW // SPAN_SECONDS
        assert span in _kept(workspace, OLA)
        with workspace.engine.connect() as connection:
            ticket_id, version = connection.execute(
                select(Ticket.id, Ticket.version)
                .join(TicketOlaCycle, TicketOlaCycle.ticket_id == Ticket.id)
                .where(TicketOlaCycle.stopped_at.is_(None), Ticket.status == "open")
                .order_by(Ticket.id)
                .limit(1)
            ).one()
        change_status(
            workspace, ticket_id, "solved", author="test", expected_version=version, now=NOW + 60
        )
        with workspace.engine.connect() as connection:
            stopped = connection.execute(
                select(TicketOlaCycle.stopped_at).where(
                    TicketOlaCycle.ticket_id == ticket_id, TicketOlaCycle.stopped_at == NOW + 60
                )
            ).all()
        assert stopped  # the action stopped a cycle in the kept span
        assert span not in _kept(workspace, OLA)
        assert _differences(workspace) == []
        recompute(workspace, now=LATER + 120)
        assert span in _kept(workspace, OLA)
        assert _differences(workspace) == []
    finally:
        workspace.close()


@pytest.mark.parametrize(("policy", "factor"), [("Urgent around the clock", 0.5), (None, 0.8)])
def test_a_rebaseline_forgets_only_the_spans_it_rewrites(
    tmp_path: Path, policy: str | None, factor: float
) -> None:
    """A re-baseline after a save, whether it judges few tickets again (one policy's
    targets) or most of them (every policy's), leaves the forgetting to its chunks (the
    spans of the cycles it rewrites, their held pieces and their OLA cycles): the spans
    none of its rewritten cycles lie in stay kept as they were, and what is kept after
    it is what the cycles give."""
    workspace = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(workspace, tickets=800, seed=7, now=NOW)
        recompute(workspace, now=LATER)
        before = {metric: _kept(workspace, metric) for metric in READ}
        assert all(before.values())
        edits = (
            [scaled_edit(workspace, policy, factor)]
            if policy
            else _every_policy_scaled(workspace, factor)
        )
        for edit in edits:
            save_policy(workspace, edit, author="test", reason="tighter")
        with workspace.engine.connect() as connection:
            samples_before = connection.execute(select(HeldSamples)).all()
        result = recompute(workspace, only_open=False, now=LATER + 60, author="test", reason="r")
        assert result.tickets > 0
        if policy is None:
            assert result.tickets * 2 > 800  # most tickets judged again
        assert _differences(workspace) == []
        assert {metric: _kept(workspace, metric) for metric in READ} == before
        with workspace.engine.connect() as connection:
            samples_after = connection.execute(select(HeldSamples)).all()
        # the team agreements' spans are not judged by the SLA policies: kept untouched
        ola_rows = {tuple(row) for row in samples_before if row.metric == OLA_CODE}
        assert ola_rows and ola_rows <= {tuple(row) for row in samples_after}
    finally:
        workspace.close()
