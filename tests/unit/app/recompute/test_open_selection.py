"""An open-ticket recompute evaluates only the open tickets whose clocks anything but the
time moved, or that reached a risk or due instant, and moves those a targets-only save
cannot judge differently to the new version (``app.recompute.open_selection``): on twin
workspaces, for random saves, ticket actions and hours, what it stores is what
evaluating every open ticket stores (the reference forgets the record of the derived
inputs before each run, so it takes the path that evaluates them all), running readings
aside, and the list shows the same."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from slaworkbench.app.recompute.derived import META_DERIVED_INPUTS
from slaworkbench.app.recompute.run import RecomputeResult, recompute
from slaworkbench.app.tickets.actions import agent_reply, change_priority, change_status
from slaworkbench.domain.clock.readings import remaining_at
from slaworkbench.domain.model import ClockState, Priority, Status
from slaworkbench.domain.policy import policy_to_dict
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.policies.calendars import CalendarCache
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.schema import OPEN_STATUSES, Ticket, WorkspaceMeta
from slaworkbench.store.tickets.rows import row_select, to_row
from slaworkbench.store.workspace import Workspace
from tests.support.clock_truth import clock_mismatches
from tests.support.derived_rows import (
    CLOCK_HOLDERS,
    CLOCK_ROWS,
    HELD_DONE,
    OLA_CYCLES_JUDGED,
    RUNNING_HOLDERS,
)
from tests.support.twin_demos import settled_demo, table_contents, twin_demos

NOW = 1_775_001_600  # Wednesday 2026-04-01 00:00 UTC
SETTLED = NOW + 3600
TICKETS = 300
HOUR = 3600
_OPEN = "(" + ", ".join(f"'{status}'" for status in OPEN_STATUSES) + ")"
_IF_CLOSED = f"CASE WHEN status IN {_OPEN} THEN NULL ELSE {{}} END"
CONTENT = {
    # An open ticket moved to a new version without being evaluated keeps the readings
    # of its summary (and their ``evaluated_at``); the evaluated one's are fresh.
    "tickets": f"""
        SELECT id, policy_version_id, {_IF_CLOSED.format("evaluated_at")}, next_due_at,
               next_due_position, next_risk_at, sla_state, first_response_state,
               first_response_due_at, {_IF_CLOSED.format("first_response_remaining")},
               first_response_target, resolution_state, resolution_due_at,
               {_IF_CLOSED.format("resolution_remaining")}, resolution_target FROM tickets""",
    "clocks": CLOCK_ROWS,
    "clock holders": CLOCK_HOLDERS,
    "OLA cycles": OLA_CYCLES_JUDGED,
    "holds of finished and paused cycles": HELD_DONE,
    "rollup": "SELECT * FROM clock_rollup",
    "rollup by team": "SELECT * FROM clock_rollup_by_team",
    "rollup by span": "SELECT * FROM clock_rollup_by_span",
    "durations": "SELECT * FROM duration_rollup",
}


def _content(workspace: Workspace) -> dict[str, list[object]]:
    return table_contents(workspace, CONTENT)


def _as_listed(workspace: Workspace, now: int) -> list[object]:
    """Every open ticket's line as the ticket list shows it at ``now``: a running clock's
    time left read live from its due instant in its calendar, every other value as
    stored (``store.tickets.rows``)."""
    lines: list[object] = []
    with workspace.session() as session:
        calendars = CalendarCache(session)
        query = row_select().where(Ticket.status.in_(OPEN_STATUSES)).order_by(Ticket.id)
        for row in (to_row(r) for r in session.execute(query)):
            shown = []
            for clock, calendar_id in (
                (row.first_response, row.calendar_id),
                (row.resolution, row.calendar_id),
                (row.next_response, row.calendar_id),
                (row.periodic_update, row.calendar_id),
                (row.ola, row.ola_calendar_id),
            ):
                left = clock.remaining
                running = clock.state not in (None, ClockState.PAUSED) and not clock.stopped
                if running and clock.due_at is not None:
                    calendar = calendars.get(calendar_id) if calendar_id is not None else None
                    left = remaining_at(calendar, clock.due_at, now)
                shown.append((clock.state, clock.due_at, clock.target, clock.risk_at, left))
            lines.append((row.id, row.sla_state, row.next_due_at, row.paused_left, shown))
    return lines


def _running_holders(workspace: Workspace) -> set[tuple[object, ...]]:
    with workspace.engine.connect() as connection:
        return {tuple(row) for row in connection.execute(text(RUNNING_HOLDERS))}


def _forget_the_record(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        row = session.get(WorkspaceMeta, META_DERIVED_INPUTS)
        if row is not None:
            session.delete(row)


def _settled_demo(path: Path) -> Workspace:
    return settled_demo(path, tickets=TICKETS, seed=9, now=NOW, settled=SETTLED)


@pytest.fixture()
def twins(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """The subject (open tickets selected) and the reference (every open ticket)."""
    with twin_demos(tmp_path, CONTENT, tickets=TICKETS, seed=9, now=NOW, settled=SETTLED) as pair:
        yield pair


def _save(workspace: Workspace, choices: random.Random, *, now: int) -> None:
    """A new version of one random active policy: some targets scaled, and now and then
    another change that judges cycles (the pause statuses)."""
    with workspace.session(write=True) as session:
        policy = choices.choice(load_active_policies(session))
        spec = policy_to_dict(policy)
        for per_metric in spec["targets"].values():
            for metric in sorted(per_metric):
                if choices.random() < 0.25:
                    per_metric[metric] = max(
                        60, int(per_metric[metric] * choices.choice((0.5, 2, 3)))
                    )
        if choices.random() < 0.2:
            spec["pause_statuses"] = choices.choice((["on_hold"], ["pending", "on_hold"]))
        save_policy_version(
            session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=now
        )


def _act(workspace: Workspace, choices: random.Random, *, now: int) -> None:
    """A few ticket actions on random open tickets (events appended: their timelines
    forgotten)."""
    with workspace.session() as session:
        tickets = [
            (t.id, t.version, t.priority)
            for t in session.query(Ticket).filter(Ticket.status.in_(OPEN_STATUSES))
            .order_by(Ticket.id)
        ]  # fmt: skip
    for ticket_id, version, priority in choices.sample(tickets, 3):
        action = choices.randrange(3)
        if action == 0:
            other = choices.choice([p for p in Priority if p.value != priority])
            change_priority(workspace, ticket_id, other, author="t", expected_version=version,
                            now=now)  # fmt: skip
        elif action == 1:
            agent_reply(workspace, ticket_id, "Looking.", author="t", expected_version=version,
                        now=now)  # fmt: skip
        else:
            change_status(workspace, ticket_id, Status.SOLVED, author="t",
                          expected_version=version, now=now)  # fmt: skip


def _both(
    subject: Workspace, reference: Workspace, now: int
) -> tuple[RecomputeResult, RecomputeResult]:
    _forget_the_record(reference)
    return recompute(subject, now=now, chunk_size=64), recompute(reference, now=now, chunk_size=64)


@pytest.mark.parametrize("seed", range(5))
def test_an_open_ticket_recompute_stores_what_evaluating_every_open_ticket_does(
    twins: tuple[Workspace, Workspace], seed: int
) -> None:
    subject, reference = twins
    now = SETTLED
    skipped = 0
    for step in range(6):
        now += random.Random(seed * 10 + step).choice((600, 2 * HOUR, 9 * HOUR, 26 * HOUR))
        for workspace in twins:
            choices = random.Random(seed * 100 + step)  # the same changes on both
            if choices.random() < 0.5:
                _save(workspace, choices, now=now - 60)
            if choices.random() < 0.5:
                _act(workspace, choices, now=now - 30)
        result, full = _both(subject, reference, now)
        assert result.tickets + result.moved + result.up_to_date == full.tickets
        skipped += result.up_to_date + result.moved
        assert _content(subject) == _content(reference), f"step {step}"
        # A running cycle's holders as of its row's evaluation: no more than now.
        assert _running_holders(subject) <= _running_holders(reference), f"step {step}"
        assert _as_listed(subject, now) == _as_listed(reference, now), f"step {step}"
    assert skipped > 0  # the selection left some open tickets alone
    with subject.engine.connect() as connection:
        assert rollup_differences(connection) == []


def test_a_save_of_one_target_evaluates_only_the_open_tickets_of_its_priority(
    twins: tuple[Workspace, Workspace],
) -> None:
    """The benchmark's change: the last policy's low-priority resolution target doubled.
    Its open tickets of another priority are moved to the new version, not evaluated."""
    subject, reference = twins
    for workspace in twins:
        with workspace.session(write=True) as session:
            policy = load_active_policies(session)[-1]
            spec = policy_to_dict(policy)
            spec["targets"]["low"]["resolution"] *= 2
            save_policy_version(
                session, policy.id, spec, calendar_name=policy.calendar.name, author="t",
                now=SETTLED + 60,
            )  # fmt: skip
    result, full = _both(subject, reference, SETTLED + 120)
    assert result.moved > 0 and result.tickets < full.tickets
    assert _content(subject) == _content(reference)
    assert _as_listed(subject, SETTLED + 120) == _as_listed(reference, SETTLED + 120)


def test_a_ticket_action_after_a_runs_instant_is_evaluated_by_the_next_run(
    tmp_path: Path,
) -> None:
    """A recompute takes its instant when it starts; a ticket action may append an event
    after that instant and before the recompute reaches the ticket, which is then judged
    as of the earlier instant, without the event. That evaluation keeps no fingerprint
    (``store.clocks.bulk``), so the next open-ticket recompute evaluates the ticket again
    instead of taking it for one only the time moved (found by ``test_concurrency``)."""
    workspace = _settled_demo(tmp_path / "w.sqlite3")
    try:
        with workspace.session() as session:
            ticket = (
                session.query(Ticket).filter(Ticket.status == "open").order_by(Ticket.id).first()
            )
            assert ticket is not None
            ticket_id, version = ticket.id, ticket.version
        agent_reply(workspace, ticket_id, "Done soon.", author="t", expected_version=version,
                    now=SETTLED + 600)  # fmt: skip
        recompute(workspace, now=SETTLED + 300)  # started before the reply was written
        later = SETTLED + 900
        result = recompute(workspace, now=later)
        assert result.up_to_date > 0  # the others were left alone
        assert clock_mismatches(workspace, later) == []
    finally:
        workspace.close()
