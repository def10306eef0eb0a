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
import numpy.typing as npt
from sqlalchemy import or_, select

from slaworkbench.app.ola.terms import TeamOlaEdit
from slaworkbench.domain.clock.ola import TeamOla
from slaworkbench.domain.clock.ola_columns import OlaColumns, evaluate_ola_columns
from slaworkbench.domain.clock.results import NONE, STATES
from slaworkbench.domain.instants import MIN_INSTANT
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


_VERDICTS = (Verdict.ACHIEVED, Verdict.BREACHED, Verdict.IN_PROGRESS, Verdict.NOT_MEASURED)
_ACHIEVED, _BREACHED, _IN_PROGRESS, _NOT_MEASURED = range(len(_VERDICTS))
_SPAN = 1 << 36
"""More than the range of instants (``domain.instants``): a cycle's key is its ticket's
position times this, plus its start from ``MIN_INSTANT``."""


@dataclass(frozen=True, slots=True)
class _Judged:
    """The team's cycles of a chunk: keys ascending, unique, each with its stop (``NONE``:
    running) and verdict (a position in ``_VERDICTS``)."""

    keys: npt.NDArray[np.int64]
    stops: npt.NDArray[np.int64]
    verdicts: npt.NDArray[np.int64]


def _verdicts(columns: OlaColumns, team_code: int) -> _Judged:
    """The team's cycles, keyed by (ticket position, start); a key met twice keeps its
    last cycle."""
    rows = np.flatnonzero(columns.team == team_code)
    state = columns.state[rows]
    stops = columns.stopped_at[rows]
    verdicts = np.full(rows.size, _IN_PROGRESS, dtype=np.int64)
    verdicts[state == STATES.index(ClockState.ACHIEVED)] = _ACHIEVED
    verdicts[(state == STATES.index(ClockState.BREACHED)) & (stops != NONE)] = _BREACHED
    keys = columns.ticket[rows] * _SPAN + (columns.started_at[rows] - MIN_INSTANT)
    # the last of each key: unique over the keys reversed, then back to their rows
    unique, last = np.unique(keys[::-1], return_index=True)
    last = rows.size - 1 - last
    return _Judged(unique, stops[last], verdicts[last])


def _flips(
    before: _Judged, after: _Judged
) -> tuple[npt.NDArray[np.int64], list[tuple[int, int, int | None, str, str]]]:
    """Every key of either side, and the ``(ticket position, start, stop, was, will)`` of
    those whose verdict differs (a key on one side only is not measured on the other),
    in key order; the stop is the saved terms' unless that cycle is running."""
    keys = np.union1d(before.keys, after.keys)
    was = np.full(keys.size, _NOT_MEASURED, dtype=np.int64)
    will = np.full(keys.size, _NOT_MEASURED, dtype=np.int64)
    stop_before = np.full(keys.size, NONE, dtype=np.int64)
    stop_after = np.full(keys.size, NONE, dtype=np.int64)
    at = np.searchsorted(keys, before.keys)
    was[at], stop_before[at] = before.verdicts, before.stops
    at = np.searchsorted(keys, after.keys)
    will[at], stop_after[at] = after.verdicts, after.stops
    rows = np.flatnonzero(was != will)
    stop = np.where(stop_before[rows] != NONE, stop_before[rows], stop_after[rows])
    flipped = [
        (
            key // _SPAN,
            key % _SPAN + MIN_INSTANT,
            None if end == NONE else end,
            _VERDICTS[a],
            _VERDICTS[b],
        )
        for key, end, a, b in zip(
            keys[rows].tolist(),
            stop.tolist(),
            was[rows].tolist(),
            will[rows].tolist(),
            strict=True,
        )
    ]
    return keys, flipped


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
        ids = sorted(  # Core rows: half a million tickets through the ORM took 0.7 s more
            row[0]
            for row in session.connection().execute(
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
            )
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
            keys, flips_here = _flips(before, after)
            cycles += int(keys.size)
            flipped += [
                (part[t], start, stop, was, will) for t, start, stop, was, will in flips_here
            ]
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
