"""What-if for a team's OLA: replay a draft of its terms (targets, calendar, warning
share) over the tickets that were ever with the team, change nothing.

The tickets are those whose log moves them to the team or that are with it now. Their
OLA cycles are evaluated twice at the same instant ``now`` with the OLA engine of the
recompute (``domain.clock.ola_columns``): under the team's saved terms and under the
draft. A cycle of the team *flips* when its verdict changes (achieved, breached, in
progress, or not measured: no target for the priority). A save re-judges only the
unfinished cycles; a stopped cycle keeps the verdict it was stored with until a
re-baseline (docs/SLA_SEMANTICS.md, "Stopped verdicts"), so each flip says which of the
two it is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from sqlalchemy import or_, select

from slaworkbench.app.ola.terms import TeamOlaEdit
from slaworkbench.domain.clock.ola import TeamOla
from slaworkbench.domain.clock.ola_columns import OlaColumns, evaluate_ola_columns
from slaworkbench.domain.clock.results import NONE, STATES
from slaworkbench.domain.model import DEFAULT_PAUSE_STATUSES, TEAM_FIELD, ClockState
from slaworkbench.domain.policy import DEFAULT_WARNING_FRACTION
from slaworkbench.i18n import tr
from slaworkbench.store.clocks.read import priorities_and_choices
from slaworkbench.store.errors import NotFoundError
from slaworkbench.store.ola.read import read_ola_batch
from slaworkbench.store.ola.versions import load_team_olas
from slaworkbench.store.policies.calendars import CalendarCache
from slaworkbench.store.policies.editing import ticket_labels
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.schema import Calendar, Team, Ticket, TicketEvent
from slaworkbench.store.tickets.rows import ticket_reference
from slaworkbench.store.workspace import Workspace


class Verdict:
    ACHIEVED = "achieved"
    BREACHED = "breached"
    IN_PROGRESS = "in_progress"
    NOT_MEASURED = "not_measured"


def verdict_label(verdict: str) -> str:
    return {
        Verdict.ACHIEVED: tr("achieved"),
        Verdict.BREACHED: tr("breached"),
        Verdict.IN_PROGRESS: tr("in progress"),
        Verdict.NOT_MEASURED: tr("not measured"),
    }[verdict]


@dataclass(frozen=True, slots=True)
class OlaFlip:
    """A cycle of the team whose verdict the draft changes."""

    ticket_id: int
    reference: str
    subject: str
    started_at: int
    stopped_at: int | None
    before: str
    after: str

    @property
    def kept_until_rebaseline(self) -> bool:
        """A stopped cycle: a save keeps its stored verdict; only a re-baseline re-judges."""
        return self.stopped_at is not None


@dataclass(frozen=True, slots=True)
class OlaWhatIf:
    team: str
    tickets: int
    """Tickets replayed (ever with the team)."""
    cycles: int
    """The team's cycles in them (under the saved terms or the draft)."""
    flips: tuple[OlaFlip, ...]
    seconds: float

    @property
    def open_flips(self) -> int:
        """Flips a save brings (unfinished cycles, re-judged by the recompute)."""
        return sum(1 for flip in self.flips if not flip.kept_until_rebaseline)


def _draft(
    session_calendars: CalendarCache, calendar_id: int, edit: TeamOlaEdit, team: str
) -> TeamOla:
    fraction = edit.warning_fraction if edit.warning_fraction else DEFAULT_WARNING_FRACTION
    return TeamOla(team, dict(edit.targets), session_calendars.get(calendar_id), fraction)


def _verdicts(columns: OlaColumns, team_code: int) -> dict[tuple[int, int], tuple[int | None, str]]:
    """(ticket position, start) -> (stop, verdict) for the team's cycles."""
    found: dict[tuple[int, int], tuple[int | None, str]] = {}
    for row in np.flatnonzero(columns.team == team_code).tolist():
        state = STATES[int(columns.state[row])]
        stopped = int(columns.stopped_at[row])
        if state is ClockState.ACHIEVED:
            verdict = Verdict.ACHIEVED
        elif state is ClockState.BREACHED and stopped != NONE:
            verdict = Verdict.BREACHED
        else:
            verdict = Verdict.IN_PROGRESS
        key = (int(columns.ticket[row]), int(columns.started_at[row]))
        found[key] = (None if stopped == NONE else stopped, verdict)
    return found


WHATIF_CHUNK = 50_000
"""Tickets replayed at a time (their events in memory at once)."""


def run_ola_whatif(workspace: Workspace, edit: TeamOlaEdit, *, now: int | None = None) -> OlaWhatIf:
    """Replay ``edit`` (the editor's draft) over the tickets ever with its team."""
    started = time.perf_counter()
    now = int(time.time()) if now is None else int(now)
    with workspace.session() as session:
        team = session.get(Team, edit.team_id)
        if team is None:
            raise NotFoundError(tr("That team no longer exists; reload the list."))
        calendar_id = session.execute(
            select(Calendar.id).where(Calendar.name == edit.calendar_name)
        ).scalar()
        if calendar_id is None:
            raise NotFoundError(
                tr("There is no calendar named “{name}”; pick another.").format(
                    name=edit.calendar_name
                )
            )
        ids = sorted(
            session.execute(
                select(Ticket.id).where(
                    or_(
                        Ticket.team_id == edit.team_id,
                        Ticket.id.in_(
                            select(TicketEvent.ticket_id).where(
                                TicketEvent.type == "field_changed",
                                TicketEvent.field == TEAM_FIELD,
                                TicketEvent.value == team.name,
                            )
                        ),
                    )
                )
            ).scalars()
        )
        if not ids:
            return OlaWhatIf(team.name, 0, 0, (), time.perf_counter() - started)
        olas = load_team_olas(session)
        draft = _draft(CalendarCache(session), calendar_id, edit, team.name)
        policies = load_active_policies(session)
        # Each ticket's policy, for its pause statuses: chosen in SQL, as the recompute
        # does, not from its facts and event log read as objects (23 of 32 s at 1M).
        _, chosen = priorities_and_choices(
            session.connection(), np.array(ids, dtype=np.int64), policies
        )
        pauses = [
            DEFAULT_PAUSE_STATUSES if index < 0 else policies[index].pause_statuses
            for index in chosen.tolist()
        ]
        sets = list(dict.fromkeys(pauses))
        pause_index = np.array([sets.index(p) for p in pauses], dtype=np.int64)
        flipped: list[tuple[int, int, int | None, str, str]] = []
        cycles = 0
        # A chunk of tickets at a time: a large team's events at once were 1.3 GB at 1M.
        for first in range(0, len(ids), WHATIF_CHUNK):
            part = ids[first : first + WHATIF_CHUNK]
            batch = read_ola_batch(session.connection(), part)
            code = batch.team_ids.index(edit.team_id) if edit.team_id in batch.team_ids else -1
            saved = [None if t is None else olas.get(t) for t in batch.team_ids]
            drafted = [
                draft if t == edit.team_id else ola
                for t, ola in zip(batch.team_ids, saved, strict=True)
            ]
            here = pause_index[first : first + WHATIF_CHUNK]
            before = _verdicts(evaluate_ola_columns(batch.events, here, sets, saved, now), code)
            after = _verdicts(evaluate_ola_columns(batch.events, here, sets, drafted, now), code)
            keys = before.keys() | after.keys()
            cycles += len(keys)
            for key in sorted(keys):
                stop_before, was = before.get(key, (None, Verdict.NOT_MEASURED))
                stop_after, will = after.get(key, (None, Verdict.NOT_MEASURED))
                if was != will:
                    stop = stop_before if stop_before is not None else stop_after
                    flipped.append((part[key[0]], key[1], stop, was, will))
        # The labels of the tickets that flip alone, from the same snapshot.
        labels = ticket_labels(session, sorted({ticket_id for ticket_id, *_ in flipped}))
    flips = [
        OlaFlip(
            ticket_id,
            ticket_reference(ticket_id, labels[ticket_id][0]),
            labels[ticket_id][1],
            cycle_start,
            stop,
            was,
            will,
        )
        for ticket_id, cycle_start, stop, was, will in flipped
    ]
    return OlaWhatIf(team.name, len(ids), cycles, tuple(flips), time.perf_counter() - started)
