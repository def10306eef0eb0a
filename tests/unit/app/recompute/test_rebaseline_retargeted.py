"""A re-baseline after saves that changed only targets evaluates only the saved policy's
tickets that were under a changed target (or are open, or have an unfinished cycle) and
moves the others to the new version without evaluating them (``app.recompute.affected``):
on twin workspaces, every derived row equals what a re-baseline that evaluates every
ticket stores, for random target changes of random policies, with saves in between, the
open-ticket recompute they queue and ticket actions."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from slaworkbench.app.recompute.affected import META_REBASELINE_VERSIONS
from slaworkbench.app.recompute.run import RecomputeResult, recompute
from slaworkbench.app.tickets.actions import agent_reply, change_priority, change_status
from slaworkbench.domain.model import Priority, Status
from slaworkbench.domain.policy import Policy, policy_to_dict
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.schema import Policy as PolicyRow
from slaworkbench.store.schema import PolicyVersion, Ticket, WorkspaceMeta
from slaworkbench.store.workspace import Workspace
from tests.support.derived_rows import (
    CLOCK_HOLDERS,
    CLOCK_HOLDS,
    CLOCK_ROWS,
    OLA_CYCLE_VERDICTS,
    OLA_CYCLES,
    OLA_HOLDS,
)
from tests.support.twin_demos import table_contents, twin_demos

NOW = 1_775_001_600
SETTLED = NOW + 3600
TICKETS = 400
CONTENT = {
    "tickets": """
        SELECT id, policy_version_id, evaluated_at, next_due_at, next_due_position,
               next_risk_at, sla_state, first_response_state, first_response_due_at,
               first_response_remaining, first_response_target, resolution_state,
               resolution_due_at, resolution_remaining, resolution_target FROM tickets""",
    "clocks": CLOCK_ROWS,
    "clock holds": CLOCK_HOLDS,
    "clock holders": CLOCK_HOLDERS,
    "OLA cycles": OLA_CYCLES,
    "OLA holds": OLA_HOLDS,
    "rollup": "SELECT * FROM clock_rollup",
    "rollup by team": "SELECT * FROM clock_rollup_by_team",
    "rollup by span": "SELECT * FROM clock_rollup_by_span",
    "timelines": "SELECT ticket_id, clocks_hash FROM ticket_timelines",
}


def _content(workspace: Workspace, *, stamps: bool = True) -> dict[str, list[object]]:
    """Every derived row; ``stamps`` False leaves out the OLA cycles' ``evaluated_at``
    (a re-baseline restamps every OLA cycle it writes, the open-ticket recompute only
    those that moved: an open ticket's the subject does not evaluate keep that one's)."""
    return table_contents(
        workspace, CONTENT if stamps else {**CONTENT, "OLA cycles": OLA_CYCLE_VERDICTS}
    )


def _forget_the_versions(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        row = session.get(WorkspaceMeta, META_REBASELINE_VERSIONS)
        if row is not None:
            session.delete(row)


@pytest.fixture()
def twins(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """The subject (re-baselined selectively) and the reference (every ticket), each a
    demo re-baselined once at ``SETTLED`` with the record of the versions."""
    with twin_demos(
        tmp_path, CONTENT, tickets=TICKETS, seed=5, now=NOW, settled=SETTLED,
        before_settling=_forget_the_versions,
    ) as pair:  # fmt: skip
        yield pair


def _retarget(workspace: Workspace, choices: random.Random, *, now: int) -> None:
    """Save a new version of one random active policy with some of its targets scaled
    (never dropped or added: a measured metric stays measured)."""
    with workspace.session(write=True) as session:
        policies = [p for p in load_active_policies(session) if p.variant_for is None]
        policy = choices.choice(policies)
        spec = policy_to_dict(policy)
        for per_metric in spec["targets"].values():
            for metric in sorted(per_metric):
                if choices.random() < 0.3:
                    per_metric[metric] = max(
                        60, int(per_metric[metric] * choices.choice((0.5, 2, 3)))
                    )
        save_policy_version(
            session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=now
        )


def _change_some_priorities(workspace: Workspace, choices: random.Random, *, now: int) -> None:
    """Re-prioritise some tickets that are not closed (solved ones among them)."""
    with workspace.session() as session:
        tickets = [
            (t.id, t.version, t.priority)
            for t in session.query(Ticket).filter(Ticket.status != "closed").order_by(Ticket.id)
        ]
    for ticket_id, version, priority in choices.sample(tickets, 5):
        other = choices.choice([p for p in Priority if p.value != priority])
        change_priority(workspace, ticket_id, other, author="t", expected_version=version, now=now)


def _answer_new_tickets(workspace: Workspace, *, now: int) -> None:
    with workspace.session() as session:
        tickets = [
            (t.id, t.version)
            for t in session.query(Ticket).filter(Ticket.status == "new").order_by(Ticket.id)
        ]
    assert tickets
    for ticket_id, version in tickets:
        agent_reply(workspace, ticket_id, "On it.", author="t", expected_version=version, now=now)


def _both(
    subject: Workspace, reference: Workspace, now: int = SETTLED, *, chunk_size: int = 5000
) -> tuple[RecomputeResult, RecomputeResult]:
    """Both re-baselined at ``now``: the instant every open ticket was last evaluated
    at, so that the readings the subject leaves are those the reference stores. The
    subject in chunks of ``chunk_size`` tickets (the moved ones moved chunk by chunk)."""
    _forget_the_versions(reference)  # the reference evaluates every ticket
    result = recompute(subject, only_open=False, now=now, chunk_size=chunk_size)
    full = recompute(reference, only_open=False, now=now)
    assert full.tickets == TICKETS and full.moved == 0
    return result, full


@pytest.mark.parametrize("seed", range(6))
def test_a_re_baseline_after_target_changes_stores_what_evaluating_every_ticket_does(
    twins: tuple[Workspace, Workspace], seed: int
) -> None:
    subject, reference = twins
    for workspace in twins:
        choices = random.Random(seed)  # the same changes on both
        for save in range(1 + seed % 3):
            _retarget(workspace, choices, now=SETTLED)
            if choices.random() < 0.5:
                recompute(workspace, now=SETTLED)  # what a save queues
            if seed % 2 and save == 0:
                _change_some_priorities(workspace, choices, now=SETTLED)
    # One chunk, or chunks of a few tickets between which the moved ones fall.
    result, _ = _both(subject, reference, chunk_size=5000 if seed < 2 else 3 + seed * 4)
    assert result.tickets + result.moved <= TICKETS
    assert _content(subject) == _content(reference)
    with subject.engine.connect() as connection:
        assert rollup_differences(connection) == []


def _double_low_resolution(workspace: Workspace, policy: Policy) -> None:
    """Save a version of ``policy`` with its low-priority resolution target doubled (the
    benchmark's change)."""
    with workspace.session(write=True) as session:
        spec = policy_to_dict(policy)
        spec["targets"]["low"]["resolution"] *= 2
        save_policy_version(
            session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=SETTLED
        )


def test_one_target_doubled_evaluates_only_the_tickets_it_judged(
    twins: tuple[Workspace, Workspace],
) -> None:
    """The benchmark's change: the last policy's low-priority resolution target doubled.
    Its closed tickets never judged under that target are moved, not evaluated."""
    subject, reference = twins
    with subject.session() as session:
        policy = load_active_policies(session)[-1]
    with subject.engine.connect() as connection:
        judged_by_it = connection.execute(
            text(
                "SELECT count(*) FROM tickets t JOIN policy_versions v"
                " ON v.id = t.policy_version_id WHERE v.policy_id = :p"
            ),
            {"p": policy.id},
        ).scalar_one()
    for workspace in twins:
        _double_low_resolution(workspace, policy)
    result, _ = _both(subject, reference, chunk_size=25)
    assert result.moved > 0
    assert result.tickets + result.moved == judged_by_it
    assert _content(subject) == _content(reference)


def _version(workspace: Workspace, ticket_id: int) -> int:
    """The ticket's optimistic-lock version, as a ticket action expects it."""
    with workspace.session() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.version


def test_tickets_moved_past_the_last_evaluated_one_take_the_new_version(
    twins: tuple[Workspace, Workspace],
) -> None:
    """The moves are written chunk by chunk, each chunk's up to its last id: the saved
    policy's last tickets (closed, judged under no changed target) come after every
    evaluated ticket and are moved after the last chunk."""
    subject, reference = twins
    for workspace in twins:
        with workspace.session() as session:
            policy = load_active_policies(session)[-1]
            last = [
                (t.id, t.priority)
                for t in session.query(Ticket)
                .join(PolicyVersion, PolicyVersion.id == Ticket.policy_version_id)
                .filter(PolicyVersion.policy_id == policy.id)
                .order_by(Ticket.id.desc())
                .limit(6)
            ]
        for ticket_id, priority in last:
            if priority == Priority.LOW.value:
                version = _version(workspace, ticket_id)
                change_priority(
                    workspace, ticket_id, Priority.NORMAL, author="t", expected_version=version,
                    now=SETTLED,
                )  # fmt: skip
            version = _version(workspace, ticket_id)
            change_status(
                workspace, ticket_id, Status.CLOSED, author="t", expected_version=version,
                now=SETTLED,
            )  # fmt: skip
        # Their events changed: re-baselined, so that their timelines are cached again.
        recompute(workspace, only_open=False, now=SETTLED)
        _double_low_resolution(workspace, policy)
    with subject.engine.connect() as connection:
        closed_last = connection.execute(
            text("SELECT max(id) FROM tickets WHERE status = 'closed'")
        ).scalar_one()
    result, _ = _both(subject, reference, chunk_size=10)
    assert result.moved > 0
    with subject.engine.connect() as connection:
        (version,) = connection.execute(
            text("SELECT policy_version_id FROM tickets WHERE id = :id"), {"id": closed_last}
        ).one()
    with subject.session() as session:
        assert version == session.get(PolicyRow, policy.id).current_version_id
    assert _content(subject) == _content(reference)


def test_a_target_reverted_after_the_open_tickets_moved_re_judges_their_verdicts(
    twins: tuple[Workspace, Workspace],
) -> None:
    """Saved, new tickets answered (their first responses stop under the version
    between) and the open tickets recomputed, then saved back and recomputed: the
    recorded and the current versions agree on every target, yet the open tickets that
    keep verdicts of the version between are evaluated."""
    subject, reference = twins
    for workspace in twins:
        with workspace.session() as session:
            policy = load_active_policies(session)[-1]
        original = policy_to_dict(policy)
        halved = policy_to_dict(policy)
        halved["targets"] = {
            priority: {metric: seconds // 2 for metric, seconds in per.items()}
            for priority, per in halved["targets"].items()
        }
        for spec, at in ((halved, SETTLED), (original, SETTLED + 600)):
            with workspace.session(write=True) as session:
                save_policy_version(
                    session, policy.id, spec, calendar_name=policy.calendar.name, author="t",
                    now=at,
                )  # fmt: skip
            if spec is halved:
                _answer_new_tickets(workspace, now=at + 60)
            recompute(workspace, now=at + 120)
    _both(subject, reference, SETTLED + 720)
    assert _content(subject, stamps=False) == _content(reference, stamps=False)


def test_a_dropped_target_evaluates_every_ticket_of_the_policy(
    twins: tuple[Workspace, Workspace],
) -> None:
    """A metric no longer measured at a priority is not a change of targets alone: no
    ticket is moved without being evaluated."""
    subject, reference = twins
    for workspace in twins:
        with workspace.session(write=True) as session:
            policy = load_active_policies(session)[-1]
            spec = policy_to_dict(policy)
            del spec["targets"]["normal"]["next_response"]
            save_policy_version(
                session, policy.id, spec, calendar_name=policy.calendar.name, author="t",
                now=SETTLED,
            )  # fmt: skip
    result, _ = _both(subject, reference)
    assert result.moved == 0
    assert _content(subject) == _content(reference)


_VALUES_BY_KEY = """
    SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target,
           CASE WHEN stopped_at IS NULL THEN NULL ELSE elapsed END,
           CASE WHEN stopped_at IS NULL THEN NULL ELSE remaining END,
           due_at, breached_at, at_risk, risk_at, priority
    FROM ticket_clocks"""
"""Every value of a clock row but the version that judged it, when it was written and a
cycle's reading while it runs (a reading that alone moved is not rewritten)."""


@pytest.mark.parametrize("seed", range(3))
def test_a_re_baseline_that_updates_rows_stores_what_inserting_them_afresh_does(
    twins: tuple[Workspace, Workspace], seed: int
) -> None:
    """The subject's re-baseline updates the rows whose values moved (setting each
    indexed column only where it changed); the reference's rows are all deleted first, so
    its re-baseline inserts every row: the values stored must be the same."""
    subject, reference = twins
    for workspace in twins:
        choices = random.Random(100 + seed)
        for _ in range(2):
            _retarget(workspace, choices, now=SETTLED)
    with reference.engine.begin() as connection:
        for table in ("ticket_clock_holds", "ticket_clocks"):
            connection.execute(text(f"DELETE FROM {table}"))
        connection.execute(text("DELETE FROM ticket_timelines"))
        connection.execute(text("DELETE FROM clock_rollup"))
        connection.execute(text("DELETE FROM clock_rollup_by_team"))
        connection.execute(text("DELETE FROM clock_rollup_by_span"))
        connection.execute(text("DELETE FROM duration_rollup"))
    with subject.engine.connect() as connection:
        before = sorted(connection.execute(text(_VALUES_BY_KEY)).all())
    result, _ = _both(subject, reference)
    assert result.tickets > 0
    with subject.engine.connect() as connection:
        after = sorted(connection.execute(text(_VALUES_BY_KEY)).all())
    with reference.engine.connect() as connection:
        inserted = sorted(connection.execute(text(_VALUES_BY_KEY)).all())
    assert after != before  # the targets moved some stored values
    assert after == inserted


_SUMMARY = """
    SELECT id, status, policy_version_id, evaluated_at, next_due_at, next_risk_at, sla_state,
           first_response_state, first_response_due_at, first_response_remaining,
           first_response_target, resolution_state, resolution_due_at, resolution_remaining,
           resolution_target FROM tickets"""


def _summaries(workspace: Workspace) -> dict[int, tuple[object, ...]]:
    with workspace.engine.connect() as connection:
        return {row[0]: tuple(row[1:]) for row in connection.execute(text(_SUMMARY))}


def test_a_closed_ticket_given_the_new_version_alone_keeps_its_stamp(
    twins: tuple[Workspace, Workspace],
) -> None:
    """``tickets.evaluated_at`` says when the summary was written: a closed ticket whose
    summary changes only in its judging version keeps it, moved (the subject) or
    evaluated (the reference) alike; an open one's is the re-baseline's instant (the
    escalation plan re-reads the open tickets stamped since its last refresh)."""
    later = SETTLED + 3600
    subject, reference = twins
    with subject.session() as session:
        policy = load_active_policies(session)[-1]
    for workspace in twins:
        _double_low_resolution(workspace, policy)
    before = _summaries(subject)
    _forget_the_versions(reference)
    assert recompute(subject, only_open=False, now=later, chunk_size=25).moved > 0
    assert recompute(reference, only_open=False, now=later).moved == 0
    for workspace in twins:
        after = _summaries(workspace)
        relabelled = [
            t
            for t, (status, version, _stamp, *rest) in after.items()
            if version != before[t][1] and rest == list(before[t][3:])
        ]
        closed = [t for t in relabelled if after[t][0] in ("solved", "closed")]
        opened = [t for t in relabelled if after[t][0] not in ("solved", "closed")]
        assert len(closed) > 50 and len(opened) > 5
        assert [after[t][2] for t in closed] == [before[t][2] for t in closed]
        assert all(after[t][2] == later for t in opened)
    assert _content(subject, stamps=False) == _content(reference, stamps=False)
