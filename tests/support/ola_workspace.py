"""A workspace whose tickets move between teams and agents, with OLAs for two teams.

``ola_workspace`` writes the tickets and their event logs straight into the schema (a
seeded random history: team moves, assignments, pauses, solves and reopenings), saves
the OLA terms through the app, and runs a full recompute at ``NOW``. The logs are
returned as domain events, so tests can hold the stored cycles to the engine.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from slaworkbench.app.ola.terms import TeamOlaEdit, load_team_olas_screen, save_team_terms
from slaworkbench.app.policies.saving import PolicyEdit, save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.ola import TeamOla, evaluate_olas
from slaworkbench.domain.model import (
    DEFAULT_PAUSE_STATUSES,
    TEAM_FIELD,
    ClockState,
    Event,
    EventType,
    Priority,
    Status,
)
from slaworkbench.store.policies.calendars import save_calendar
from slaworkbench.store.policies.versions import list_policies, set_policy_active
from slaworkbench.store.schema import Agent, Team, Ticket, TicketEvent
from slaworkbench.store.seed import standard_policy_spec
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.office_workspace import OFFICE, new_workspace

HOUR = 3600
START = 1_772_409_600  # Monday 2026-03-02 00:00 UTC
NOW = START + 30 * 24 * HOUR
TEAMS = {1: "Desk", 2: "Apps", 3: "Network"}
AGENTS = {1: ("ana", 1), 2: ("bo", 1), 3: ("cy", 2), 4: ("dee", 2)}
DESK_TARGETS = {Priority.URGENT: 1 * HOUR, Priority.HIGH: 2 * HOUR, Priority.NORMAL: 4 * HOUR}
APPS_TARGETS = {p: 8 * HOUR for p in Priority}


@dataclass(frozen=True)
class OlaWorkspace:
    workspace: Workspace
    logs: dict[int, list[Event]]


def _history(rng: random.Random, created: int) -> tuple[list[Event], Status, int | None]:
    status = Status.OPEN
    team = rng.choice([1, 2, 3])
    events = [
        Event(created, EventType.CREATED, status=status, priority=rng.choice(list(Priority))),
        Event(created, EventType.FIELD_CHANGED, field=TEAM_FIELD, value=TEAMS[team]),
    ]
    t = created
    for _ in range(rng.randint(0, 9)):
        t += rng.choice([600, 1800, HOUR, 3 * HOUR, 20 * HOUR])
        roll = rng.random()
        if roll < 0.3:
            team = rng.choice([1, 2, 3])
            events.append(Event(t, EventType.FIELD_CHANGED, field=TEAM_FIELD, value=TEAMS[team]))
        elif roll < 0.55:
            name = rng.choice([None, *[a[0] for a in AGENTS.values()]])
            events.append(Event(t, EventType.ASSIGNED, value=name))
        else:
            status = rng.choice([Status.OPEN, Status.PENDING, Status.SOLVED, Status.OPEN])
            events.append(Event(t, EventType.STATUS_CHANGED, status=status))
    return events, status, team


def _server_workspace(url: str) -> Workspace:
    """A workspace on a database server, set up as ``new_workspace`` sets up a file."""
    workspace = open_workspace(url)
    with workspace.session(write=True) as session:
        for info in list_policies(session):
            set_policy_active(session, info.id, False)
        save_calendar(session, BusinessCalendar.from_dict(OFFICE), "test")
    return workspace


def _activate_sla_policy(workspace: Workspace) -> None:
    """The built-in standard policy, counting in the Office calendar, switched on."""
    with workspace.session() as session:
        standard = list_policies(session)[0]
    edit = PolicyEdit(standard.id, standard_policy_spec(), "Office")
    save_policy(workspace, edit, author="lead", reason="office hours")
    with workspace.session(write=True) as session:
        set_policy_active(session, standard.id, True)


def ola_workspace(
    tmp_path: Path, tickets: int = 60, seed: int = 7, url: str | None = None, *, sla: bool = False
) -> OlaWorkspace:
    """``url``: a PostgreSQL database instead of a file in ``tmp_path``; ``sla``: the SLA
    clocks are measured too (the standard policy in the Office calendar)."""
    workspace = new_workspace(tmp_path) if url is None else _server_workspace(url)
    rng = random.Random(seed)
    logs: dict[int, list[Event]] = {}
    with workspace.session(write=True) as session:
        session.add_all([Team(id=i, name=name) for i, name in TEAMS.items()])
        session.flush()
        session.add_all(
            [Agent(id=i, name=name, team_id=team) for i, (name, team) in AGENTS.items()]
        )
        session.flush()
        for number in range(1, tickets + 1):
            created = START + rng.randint(0, 20 * 24) * HOUR
            events, status, team = _history(rng, created)
            ticket = Ticket(
                subject=f"Ticket {number}",
                priority=(events[0].priority or Priority.NORMAL).value,
                status=status.value,
                team_id=team,
                created_at=created,
                updated_at=events[-1].at,
            )
            session.add(ticket)
            session.flush()
            for seq, event in enumerate(events, start=1):
                session.add(
                    TicketEvent(
                        ticket_id=ticket.id,
                        seq=seq,
                        at=event.at,
                        type=event.type.value,
                        status=None if event.status is None else event.status.value,
                        priority=None if event.priority is None else event.priority.value,
                        field=event.field,
                        value=event.value,
                    )
                )
            logs[ticket.id] = events
    screen = load_team_olas_screen(workspace)
    ids = {info.team: info.team_id for info in screen.teams}
    for team, targets in (("Desk", DESK_TARGETS), ("Apps", APPS_TARGETS)):
        edit = TeamOlaEdit(ids[team], targets, 0.25, "Office", 0)
        save_team_terms(workspace, edit, author="lead", reason="first OLA", now=START)
    if sla:
        _activate_sla_policy(workspace)
    recompute(workspace, only_open=False, now=NOW, author="test", reason="seed")
    return OlaWorkspace(workspace, logs)


def _verdict(state: ClockState, stopped: int | None) -> str:
    """An OLA cycle's verdict as the what-if names it."""
    if state is ClockState.ACHIEVED:
        return "achieved"
    if state is ClockState.BREACHED and stopped is not None:
        return "breached"
    return "in_progress"


def scalar_desk_flips(
    logs: dict[int, list[Event]],
    draft_targets: dict[Priority, int],
    pauses: Callable[[list[Event]], frozenset[Status]] = lambda _events: DEFAULT_PAUSE_STATUSES,
) -> set[tuple[int, int, int | None, str, str]]:
    """(ticket, start, stop, verdict before, verdict after) of each of Desk's cycles whose
    verdict Desk's ``draft_targets`` change, by the scalar engine over every log, each
    ticket's cycles paused in ``pauses(its events)``: the team OLA what-if's reference."""
    office = BusinessCalendar.from_dict(OFFICE)
    saved = {
        "Desk": TeamOla("Desk", DESK_TARGETS, office, 0.25),
        "Apps": TeamOla("Apps", APPS_TARGETS, office, 0.25),
    }
    drafted = dict(saved, Desk=TeamOla("Desk", draft_targets, office, 0.25))
    flips = set()
    for ticket_id, events in logs.items():
        before, after = (
            {
                c.started_at: (_verdict(c.state, c.stopped_at), c.stopped_at)
                for c in evaluate_olas(events, olas, NOW, pauses(events))
                if c.team == "Desk"
            }
            for olas in (saved, drafted)
        )
        for start in before.keys() | after.keys():
            was, stop = before.get(start, ("not_measured", None))
            will, later = after.get(start, ("not_measured", None))
            if was != will:
                flips.add((ticket_id, start, stop if stop is not None else later, was, will))
    return flips
