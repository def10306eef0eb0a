"""A recompute writes the SLA holds and OLA cycles only of the tickets a change can
move (``app.recompute.derived``), and what it stores is exactly what writing every
ticket's anew stores: each case runs on two identical workspaces, the subject as the
program runs it, the reference with the record of the derived inputs forgotten (so it
writes every ticket's derived rows, as the recompute always did)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.ola.held_samples import held_samples_differences
from slaworkbench.app.ola.terms import TeamOlaEdit, load_team_olas_screen, save_team_terms
from slaworkbench.app.recompute.derived import META_DERIVED_INPUTS, derived_inputs_fingerprint
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import NewTicket, change_status, create_ticket
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Priority, Status
from slaworkbench.domain.policy import policy_to_dict
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.ola.ticket import OlaCycleRow, fetch_ticket_olas
from slaworkbench.store.policies.calendars import save_calendar
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.schema import Ticket, WorkspaceMeta
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.derived_rows import (
    CLOCK_HOLDERS,
    CLOCK_HOLDS_DONE,
    CLOCK_ROWS,
    OLA_CYCLES_JUDGED,
    OLA_HOLDS_JUDGED,
    RUNNING_HOLDERS,
    STOP_HOLDERS_APART,
)
from tests.support.office_workspace import OFFICE
from tests.support.ola_workspace import HOUR, NOW, ola_workspace
from tests.support.policy.changes import double_one_target

TICKETS = 90
SEED = 11
"""A history where dropping "pending" from the pause statuses moves closed tickets'
OLA cycles."""
DERIVED = {
    "clock holds": CLOCK_HOLDS_DONE,
    "clock holders": CLOCK_HOLDERS,
    "OLA cycles": OLA_CYCLES_JUDGED,
    "OLA holds": OLA_HOLDS_JUDGED,
    "clock rows": CLOCK_ROWS,
}
CLOSED_OLA = """
    SELECT o.ticket_id, o.cycle_index, o.team_id, o.elapsed, o.state, o.ola_version_id
    FROM ticket_ola_cycles o JOIN tickets t ON t.id = o.ticket_id
    WHERE t.status IN ('solved', 'closed')"""
CLOSED_OLA_STAMPS = """
    SELECT DISTINCT o.evaluated_at FROM ticket_ola_cycles o JOIN tickets t ON t.id = o.ticket_id
    WHERE t.status IN ('solved', 'closed')"""


def _derived(workspace: Workspace) -> dict[str, list[tuple[object, ...]]]:
    with workspace.engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(text(sql))), key=repr)
            for name, sql in DERIVED.items()
        }


def _as_seen(workspace: Workspace, now: int) -> dict[int, tuple[OlaCycleRow, ...]]:
    """Every ticket's OLA cycles as the detail pane shows them at ``now`` (a running
    cycle's remaining read live from its due instant)."""
    with workspace.session() as session:
        ids = session.execute(text("SELECT DISTINCT ticket_id FROM ticket_ola_cycles")).scalars()
        return {int(i): fetch_ticket_olas(session, int(i), now) for i in ids}


def _assert_same(subject: Workspace, reference: Workspace) -> None:
    """The derived rows alike, running readings aside: a running cycle's holders as of
    when its holds were written, no more than the reference's fresh ones."""
    assert _derived(subject) == _derived(reference)
    held = []
    for workspace in (subject, reference):
        with workspace.engine.connect() as connection:
            held.append({tuple(row) for row in connection.execute(text(RUNNING_HOLDERS))})
    assert held[0] <= held[1]


def _closed_ola(workspace: Workspace) -> set[tuple[object, ...]]:
    with workspace.engine.connect() as connection:
        return {tuple(row) for row in connection.execute(text(CLOSED_OLA))}


def _stamps(workspace: Workspace) -> set[int]:
    with workspace.engine.connect() as connection:
        return set(connection.execute(text(CLOSED_OLA_STAMPS)).scalars())


def _forget_the_record(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        row = session.get(WorkspaceMeta, META_DERIVED_INPUTS)
        if row is not None:
            session.delete(row)


def _pause_only_on_hold(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        policy = load_active_policies(session)[-1]
        spec = policy_to_dict(policy)
        spec["pause_statuses"] = ["on_hold"]
        save_policy_version(
            session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=NOW
        )


def _new_ola_for_network(workspace: Workspace) -> None:
    screen = load_team_olas_screen(workspace)
    team = next(info.team_id for info in screen.teams if info.team == "Network")
    edit = TeamOlaEdit(team, {p: 6 * HOUR for p in Priority}, 0.25, "Office", 0)
    save_team_terms(workspace, edit, author="lead", reason="new OLA", now=NOW)


def _shorter_office_hours(workspace: Workspace) -> None:
    spec = {**OFFICE, "hours": {**OFFICE["hours"], "tue": [["10:00", "16:00"]]}}  # type: ignore[dict-item]
    with workspace.session(write=True) as session:
        save_calendar(session, BusinessCalendar.from_dict(spec), "t", now=NOW)


def _solve_one_open_ticket(workspace: Workspace) -> None:
    with workspace.session() as session:
        ticket = session.query(Ticket).filter(Ticket.status == "open").order_by(Ticket.id).first()
        assert ticket is not None
        ticket_id, version = ticket.id, ticket.version
    change_status(
        workspace, ticket_id, Status.SOLVED, author="t", expected_version=version, now=NOW + 60
    )


CHANGES: dict[str, tuple[Callable[[Workspace], None], bool]] = {
    # change -> (what it is, whether closed tickets' OLA rows may be left alone)
    "one target doubled": (lambda w: double_one_target(w, now=NOW), True),
    "pause statuses changed": (_pause_only_on_hold, False),
    "a new team OLA": (_new_ola_for_network, False),
    "a calendar edit": (_shorter_office_hours, False),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_recompute_stores_the_derived_rows_writing_every_tickets_would(
    tmp_path: Path, change: str
) -> None:
    apply, closed_left_alone = CHANGES[change]
    for folder in ("subject", "reference"):
        (tmp_path / folder).mkdir()
    subject = ola_workspace(tmp_path / "subject", tickets=TICKETS, seed=SEED, sla=True).workspace
    reference = ola_workspace(
        tmp_path / "reference", tickets=TICKETS, seed=SEED, sla=True
    ).workspace
    try:
        _assert_same(subject, reference)
        closed_before = _closed_ola(reference)
        for workspace in (subject, reference):
            apply(workspace)
            _solve_one_open_ticket(workspace)
        _forget_the_record(reference)
        for workspace in (subject, reference):
            recompute(workspace, now=NOW + HOUR, chunk_size=16)  # what a save queues
        _assert_same(subject, reference)
        assert _as_seen(subject, NOW + HOUR) == _as_seen(reference, NOW + HOUR)
        _forget_the_record(reference)
        for workspace in (subject, reference):
            recompute(workspace, only_open=False, now=NOW + 2 * HOUR, chunk_size=16)
        _assert_same(subject, reference)
        assert _as_seen(subject, NOW + 2 * HOUR) == _as_seen(reference, NOW + 2 * HOUR)
        assert _stamps(reference) == {NOW + 2 * HOUR}
        # Closed tickets' OLA cycles move exactly when the change can move them.
        assert (_closed_ola(reference) == closed_before) is closed_left_alone
        # A change that cannot move a closed ticket's OLA cycles leaves them as they were;
        # one that can (pause statuses) or that the record cannot vouch for (OLA terms,
        # calendars) rewrites every ticket's.
        assert (NOW in _stamps(subject)) is closed_left_alone
        for workspace in (subject, reference):
            with workspace.engine.connect() as connection:
                assert connection.execute(text(STOP_HOLDERS_APART)).all() == []
        with subject.engine.connect() as connection:
            assert rollup_differences(connection) == []
            assert held_samples_differences(connection) == []
    finally:
        subject.close()
        reference.close()


def test_a_complete_run_records_the_derived_inputs_and_a_change_forgets_them(
    tmp_path: Path,
) -> None:
    workspace = ola_workspace(tmp_path, tickets=20, sla=True).workspace
    try:
        with workspace.session() as session:
            recorded = session.get(WorkspaceMeta, META_DERIVED_INPUTS)
            assert recorded is not None
            first = recorded.value
        _new_ola_for_network(workspace)
        recompute(workspace, now=NOW + HOUR)  # open tickets only: cannot vouch for all
        with workspace.session() as session:
            assert session.get(WorkspaceMeta, META_DERIVED_INPUTS) is None
        recompute(workspace, only_open=False, now=NOW + 2 * HOUR)
        with workspace.session() as session:
            recorded = session.get(WorkspaceMeta, META_DERIVED_INPUTS)
            assert recorded is not None and recorded.value != first
    finally:
        workspace.close()


def test_a_demo_records_the_inputs_its_derived_rows_were_written_by(tmp_path: Path) -> None:
    """The demo writes every ticket's holds and OLA cycles in the write that adds them,
    so its first re-baseline need not write them all again."""
    workspace = open_workspace(str(tmp_path / "demo.sqlite3"))
    try:
        generate_demo(workspace, tickets=200, seed=3, now=NOW)
        with workspace.session() as session:
            recorded = session.get(WorkspaceMeta, META_DERIVED_INPUTS)
            assert recorded is not None
            assert recorded.value == derived_inputs_fingerprint(session)
    finally:
        workspace.close()


UNFINISHED_STAMPS = """
    SELECT evaluated_at, count(*) FROM ticket_ola_cycles WHERE stopped_at IS NULL
    GROUP BY evaluated_at"""


@pytest.mark.parametrize("later", [HOUR, 26 * HOUR])
def test_an_open_ticket_run_writes_the_ola_cycles_that_differ_as_replacing_them_all_would(
    tmp_path: Path, later: int
) -> None:
    """Outside a re-baseline the unfinished OLA cycles are compared with the stored ones
    and only those that differ are written (``store.ola.write``); the reference has them
    all deleted first, so it inserts every one anew."""
    for folder in ("subject", "reference"):
        (tmp_path / folder).mkdir()
    subject = ola_workspace(tmp_path / "subject", tickets=TICKETS, seed=SEED, sla=True).workspace
    reference = ola_workspace(
        tmp_path / "reference", tickets=TICKETS, seed=SEED, sla=True
    ).workspace
    try:
        for workspace in (subject, reference):
            double_one_target(workspace, now=NOW)
            _solve_one_open_ticket(workspace)
        with reference.engine.begin() as connection:
            connection.execute(text("DELETE FROM ticket_ola_cycles WHERE stopped_at IS NULL"))
        _forget_the_record(reference)  # rows deleted behind its back: it evaluates them all
        for workspace in (subject, reference):
            recompute(workspace, now=NOW + later, chunk_size=16)
        _assert_same(subject, reference)
        assert _as_seen(subject, NOW + later) == _as_seen(reference, NOW + later)
        with subject.engine.connect() as connection:
            stamps = dict(connection.execute(text(UNFINISHED_STAMPS)).all())
        # Every unfinished cycle here is paused or breached already: an hour later (outside
        # office hours) and a day later (the breached ones' readings moved) nothing was
        # written. Cycles that reach their risk or due instant: the test below.
        assert stamps.get(NOW + later, 0) == 0
        assert sum(stamps.values()) > stamps.get(NOW + later, 0)
    finally:
        subject.close()
        reference.close()


def _cycle_of(workspace: Workspace, ticket_id: int) -> tuple[int, int, int, str, bool]:
    """The ticket's one OLA cycle: its risk and due instants, ``evaluated_at``, state and
    at-risk flag."""
    with workspace.engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT risk_at, due_at, evaluated_at, state, at_risk FROM ticket_ola_cycles"
                " WHERE ticket_id = :t"
            ),
            {"t": ticket_id},
        ).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2]), str(row[3]), bool(row[4])


def test_a_running_cycle_is_written_when_it_reaches_its_risk_and_due_instants(
    tmp_path: Path,
) -> None:
    """An open ticket whose events and terms did not change keeps its running OLA cycle's
    row (its reading moves with the time alone) until the cycle reaches its risk instant
    and then its due instant: then it is written, as evaluating it afresh writes it. The
    reference has its unfinished cycles deleted and the record forgotten before each
    run, so it writes every one anew."""
    for folder in ("subject", "reference"):
        (tmp_path / folder).mkdir()
    subject = ola_workspace(tmp_path / "subject", tickets=20, sla=True).workspace
    reference = ola_workspace(tmp_path / "reference", tickets=20, sla=True).workspace
    new = NewTicket(subject="Printer", priority=Priority.NORMAL, team="Desk", assignee="ana")
    try:
        ticket_id = create_ticket(subject, new, author="t", now=NOW)
        assert create_ticket(reference, new, author="t", now=NOW) == ticket_id
        risk_at, due_at, written, state, _ = _cycle_of(subject, ticket_id)
        assert (written, state) == (NOW, "running") and NOW < risk_at < due_at
        for at, stamp, expected in (
            # read afresh (no cached timeline yet): written, ana now holds some time
            (risk_at - 1200, risk_at - 1200, ("running", False)),
            (risk_at - 600, risk_at - 1200, ("running", False)),  # the reading alone moved
            (risk_at + 60, risk_at + 60, ("running", True)),
            (due_at - 60, risk_at + 60, ("running", True)),
            (due_at + 60, due_at + 60, ("breached", False)),
            (due_at + 600, due_at + 60, ("breached", False)),
        ):
            with reference.engine.begin() as connection:
                connection.execute(text("DELETE FROM ticket_ola_cycles WHERE stopped_at IS NULL"))
            _forget_the_record(reference)
            for workspace in (subject, reference):
                recompute(workspace, now=at, chunk_size=16)
            _assert_same(subject, reference)
            assert _as_seen(subject, at) == _as_seen(reference, at)
            assert _cycle_of(subject, ticket_id)[2:] == (stamp, *expected)
    finally:
        subject.close()
        reference.close()
