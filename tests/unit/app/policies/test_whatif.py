"""What-if replays: small hand-made histories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from slaworkbench.app.policies.whatif import Outcome, Tally, run_whatif
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.domain.policy import Policy, policy_from_dict
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.schema import Ticket, TicketEvent
from slaworkbench.store.workspace import Workspace
from tests.support.office_workspace import new_workspace, row_counts

HOUR = 3600
MONDAY = int(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC).timestamp())
"""Monday 2 March 2026, 09:00 UTC."""


def add_policy(
    workspace: Workspace, name: str, targets: dict[str, dict[str, str]], **extra: object
) -> int:
    with workspace.session(write=True) as session:
        return save_policy_version(
            session,
            None,
            {"name": name, "targets": targets, "calendar": "Office", **extra},
            calendar_name="Office",
            author="test",
            reason="first",
        )


def add_ticket(
    workspace: Workspace,
    created_at: int,
    priority: str,
    replies: Sequence[int] = (),
    solved_at: int | None = None,
    subject: str = "",
) -> int:
    """A ticket created at ``created_at`` with agent replies (absolute instants)."""
    with workspace.session(write=True) as session:
        status = "solved" if solved_at is not None else "open"
        ticket = Ticket(
            subject=subject,
            priority=priority,
            status=status,
            created_at=created_at,
            updated_at=solved_at or created_at,
            solved_at=solved_at,
        )
        session.add(ticket)
        session.flush()
        events = [("created", created_at, {"status": "new", "priority": priority})]
        events += [("agent_reply", at, {}) for at in replies]
        if solved_at is not None:
            events.append(("status_changed", solved_at, {"status": "solved"}))
        events.sort(key=lambda item: item[1])
        for seq, (kind, at, values) in enumerate(events, start=1):
            session.add(TicketEvent(ticket_id=ticket.id, seq=seq, at=at, type=kind, **values))
        return int(ticket.id)


def draft_of(workspace: Workspace, policy_name: str, **changes: object) -> Policy:
    with workspace.session() as session:
        current = next(p for p in load_active_policies(session) if p.name == policy_name)
    from slaworkbench.domain.policy import policy_to_dict

    data = policy_to_dict(current) | changes
    return policy_from_dict(data, lambda _n: current.calendar)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = new_workspace(tmp_path)
    add_policy(
        ws, "Standard", {"high": {"first_response": "2h"}, "normal": {"first_response": "4h"}}
    )
    # Monday 09:00: replied after 3 business hours (12:00): late for 2h, fine for 4h.
    add_ticket(ws, MONDAY, "high", replies=[MONDAY + 3 * HOUR], subject="slow")
    # Monday 09:00: replied after 1 h: fine for both.
    add_ticket(ws, MONDAY, "high", replies=[MONDAY + HOUR], subject="quick")
    # Normal, replied after 5 business hours (Mon 09:00 -> 15:00 is 5 h with the lunch gap).
    add_ticket(ws, MONDAY, "normal", replies=[MONDAY + 6 * HOUR], subject="normal late")
    # Outside the period (a week later): never counted.
    add_ticket(ws, MONDAY + 7 * 24 * HOUR, "high", replies=[MONDAY + 7 * 24 * HOUR + 5 * HOUR])
    yield ws
    ws.close()


def test_loosening_a_target_flips_the_late_ticket(workspace: Workspace) -> None:
    before_counts = row_counts(workspace)
    draft = draft_of(
        workspace,
        "Standard",
        targets={"high": {"first_response": "4h"}, "normal": {"first_response": "4h"}},
    )
    result = run_whatif(
        workspace, draft, MONDAY - HOUR, MONDAY + 2 * 24 * HOUR, now=MONDAY + 30 * 24 * HOUR
    )
    assert result.tickets == 3
    high = result.row(Metric.FIRST_RESPONSE, Priority.HIGH)
    assert high is not None
    assert high.before == Tally(achieved=1, breached=1)
    assert high.after == Tally(achieved=2, breached=0)
    assert high.before.compliance == 0.5 and high.after.compliance == 1.0
    normal = result.row(Metric.FIRST_RESPONSE, Priority.NORMAL)
    assert normal is not None and normal.before == normal.after == Tally(breached=1)
    assert [(f.subject, f.before, f.after) for f in result.flips] == [
        ("slow", Outcome.BREACHED, Outcome.ACHIEVED)
    ]
    assert row_counts(workspace) == before_counts


def test_a_draft_that_stops_measuring_and_a_new_policy(workspace: Workspace) -> None:
    draft = draft_of(workspace, "Standard", active=False)
    result = run_whatif(workspace, draft, MONDAY - HOUR, MONDAY + HOUR, now=MONDAY + 30 * 24 * HOUR)
    assert all(row.after == Tally() for row in result.rows)
    assert {f.after for f in result.flips} == {Outcome.NOT_MEASURED}
    assert len(result.flips) == 3

    # A new policy (id 0) goes last: the existing one still takes every ticket.
    new = draft_of(workspace, "Standard", id=0, name="Newcomer", active=True)
    unchanged = run_whatif(
        workspace, new, MONDAY - HOUR, MONDAY + HOUR, now=MONDAY + 30 * 24 * HOUR
    )
    assert unchanged.flips == ()
    assert all(row.before == row.after for row in unchanged.rows)


def test_an_empty_period_is_refused(workspace: Workspace) -> None:
    draft = draft_of(workspace, "Standard")
    with pytest.raises(ValueError, match="ends before it starts"):
        run_whatif(workspace, draft, MONDAY, MONDAY)


def test_progress_and_cancel(workspace: Workspace) -> None:
    seen: list[tuple[int, int]] = []
    draft = draft_of(workspace, "Standard")
    run_whatif(
        workspace, draft, 0, MONDAY + 30 * 24 * HOUR, progress=lambda d, t, _x: seen.append((d, t))
    )
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)

    class Stop(Exception):
        pass

    def cancel() -> None:
        raise Stop

    with pytest.raises(Stop):
        run_whatif(workspace, draft, 0, MONDAY + 30 * 24 * HOUR, check_cancelled=cancel)
