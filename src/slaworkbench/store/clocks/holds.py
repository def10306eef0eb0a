"""Who held each SLA cycle of a batch of tickets, evaluated and written in the caller's
transaction right after the clock rows: the recompute's chunks, an import's or a demo's
bulk write (``app.recompute``), a single ticket's change (``app.tickets.writes``) and
migration 0014.

``ticket_clock_holds`` (business seconds per (agent, team) piece of a cycle) and the
holder at stop (``stop_agent_id``, ``stop_team_id`` and ``holds_at`` on the clock row)
are derived from the events like the clock rows and written in the same transaction
(docs/SLA_SEMANTICS.md, "Who held an SLA clock"). A cycle is attributed in the calendar
and pause statuses of the policy version that judged it: the ticket's policy of this
evaluation when the row carries its version, else that stored version; an unfinished
cycle up to its row's ``evaluated_at`` (its stored elapsed time is a reading as of
then). A stopped cycle whose holds were measured for its current stop instant
(``holds_at``) keeps its holds (they are part of its kept verdict); every other cycle of
the batch — running, paused, newly stopped, reopened, or any cycle in a re-baseline —
is due; the recompute passes only the tickets, and with ``written_at`` the rows, a
change can move (``app.recompute.derived``). Rows travel as the clock rows do
(``store.clocks.transfer``: few driver calls on either engine).

A stopped cycle whose row tells who held it while it ran (``unassigned_seconds``,
migration 0031: every piece of its team at stop, held by its agent at stop or by no
agent, summing to its business time; nine cycles in ten) has no stored pieces
(migration 0036): they are the seconds no agent held it and the rest, held by its agent
at stop, each within its team at stop, which every reader takes from the row
(``store.ola.sla_holders``, ``store.ola.holder_filter``, ``app.ola.sla_holders``).

``measure_new_holds`` is the same for a chunk of tickets a bulk load (an import, a
demo) writes with their clocks: every cycle is due and was judged by its ticket's policy
of this evaluation, so it works from the evaluated columns in memory, before the clock
rows are written. The rows are inserted with their holder at stop (``NewHolds.stops``)
and ids chosen beforehand where the engine allows (else read back by key:
``new_clock_ids``); ``insert_new_holds`` then writes the pieces as plain tuples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, delete, literal, select
from sqlalchemy.orm import Session

from slaworkbench.domain.clock.holds import (
    RUNS_BY_METRIC,
    ClockHolds,
    HeldCycles,
    clock_holds,
)
from slaworkbench.domain.clock.results import METRICS, NONE, ClockColumns
from slaworkbench.domain.model import Metric
from slaworkbench.domain.policy import Policy
from slaworkbench.domain.sorting import lexsort_order
from slaworkbench.store.clocks.read import engine_code_sql
from slaworkbench.store.clocks.transfer import (
    insert_rows,
    places_in_runs,
    read_ints,
    update_rows,
    write_columns,
)
from slaworkbench.store.errors import NotFoundError
from slaworkbench.store.ola.held_samples import any_kept, forget_spans
from slaworkbench.store.ola.read import OlaBatch, read_ola_batch
from slaworkbench.store.policies.versions import load_policy_version
from slaworkbench.store.schema import METRICS as STORED_METRICS
from slaworkbench.store.schema import TicketClock, TicketClockHold

_PIECE = 5000
Int64Array = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class DueCycle:
    """A stored clock row whose holds are to be (re)written."""

    clock_id: int
    ticket_id: int
    metric: str
    started_at: int
    stopped_at: int | None
    policy_version_id: int | None
    evaluated_at: int
    on_row: tuple[int | None, int | None] = (None, None)
    """The holder at stop the clock row carries now (``stop_agent_id``, ``stop_team_id``)."""
    held_for: int | None = None
    """The stop its holds were measured for (``holds_at``; ``None``: none)."""
    unassigned: int | None = None
    """The seconds no agent held it, as the row records them (``unassigned_seconds``)."""
    elapsed: int = 0
    """Its business time (``elapsed``), which a stopped cycle's pieces sum to."""


Holder = tuple[int | None, int | None]
"""An agent id and a team id (``None``: nobody, no team)."""
NOBODY_HELD: Holder = (None, None)


def cycles_due(
    connection: Connection,
    ids: Sequence[int],
    *,
    rebaseline: bool,
    written_at: int | None = None,
    as_of_0014: bool = False,
) -> list[DueCycle]:
    """The stored cycles of tickets ``ids`` whose holds are due (see the module text);
    with ``written_at``, only the rows written at that instant and the stopped ones
    without the holder of their stop. ``as_of_0014``: the tables as migration 0014 made
    them (its own fill, where every cycle is due: ``rebaseline``), before the holder
    columns of migrations 0023 and 0028 (otherwise read into ``DueCycle``)."""
    if as_of_0014 and (written_at is not None or not rebaseline):
        raise ValueError("migration 0014's fill measures every cycle")
    due: list[DueCycle] = []
    stored = (
        (literal(None), literal(None), literal(None), literal(None))
        if as_of_0014
        else (
            TicketClock.holds_at,
            TicketClock.stop_agent_id,
            TicketClock.stop_team_id,
            TicketClock.unassigned_seconds,
        )
    )
    query = select(
        TicketClock.id, TicketClock.ticket_id, TicketClock.metric,
        TicketClock.started_at, TicketClock.stopped_at, TicketClock.policy_version_id,
        TicketClock.evaluated_at, TicketClock.elapsed, *stored,
    )  # fmt: skip
    if written_at is not None:  # the rest of those tickets' rows is not even read
        query = query.where(
            (TicketClock.evaluated_at == written_at)
            | (
                TicketClock.stopped_at.is_not(None)
                & (
                    TicketClock.holds_at.is_(None)
                    | (TicketClock.holds_at != TicketClock.stopped_at)
                )
            )
        )
    for start in range(0, len(ids), _PIECE):
        rows = connection.execute(
            query.where(TicketClock.ticket_id.in_(list(ids[start : start + _PIECE]))).order_by(
                TicketClock.ticket_id, TicketClock.id
            )
        ).all()
        for row in rows:
            clock_id, ticket_id, metric, started, stopped, version, at, elapsed = row[:8]
            held_for, agent, team, unassigned = row[8:]
            if written_at is not None:
                is_due = at == written_at or (stopped is not None and held_for != stopped)
            else:
                is_due = rebaseline or stopped is None or held_for != stopped
            if is_due:
                due.append(
                    DueCycle(
                        clock_id, ticket_id, metric, started, stopped, version, at,
                        (agent, team), held_for, unassigned, elapsed,
                    )
                )  # fmt: skip
    return due


@dataclass(frozen=True, slots=True)
class HeldPiece:
    clock_id: int
    agent_id: int | None
    team_id: int | None
    seconds: int


StopMark = tuple[int | None, int | None, int | None, int | None, int]
"""What a clock row records of its holds: the stop they were measured for
(``holds_at``), the agent and team holding it then, the seconds no agent held it where
that tells who held it while it ran (``unassigned_seconds``), and the row's id
(``None``s: none measured at a stop)."""


def write_holds(
    connection: Connection,
    cleared: Sequence[int],
    pieces: Sequence[HeldPiece],
    marks: Sequence[StopMark] = (),
    *,
    as_of_0014: bool = False,
) -> None:
    """Replace the holds of clock rows ``cleared`` by ``pieces`` (which belong to those
    rows; a cycle's pieces in measured order), in the caller's transaction, and set
    ``marks`` on the rows among them whose record of their holds changes.
    ``as_of_0014``: the tables as migration 0014 made them (its own fill), where a
    piece's own id orders it (numbered by its ``piece`` since migration 0025) and the
    holder at stop is a row of ``ticket_clock_holders`` (on the clock row since
    migration 0028)."""
    for start in range(0, len(cleared), _PIECE):
        part = list(cleared[start : start + _PIECE])
        connection.execute(delete(TicketClockHold).where(TicketClockHold.clock_id.in_(part)))
    if as_of_0014:
        insert_rows(
            connection,
            TicketClockHold.__tablename__,
            ("clock_id", "agent_id", "team_id", "seconds"),
            [(p.clock_id, p.agent_id, p.team_id, p.seconds) for p in pieces],
        )
        insert_rows(  # the fill's tables are new: no holder row to replace
            connection,
            "ticket_clock_holders",
            ("clock_id", "stopped_at", "agent_id", "team_id"),
            [(i, at, agent, team) for at, agent, team, _, i in marks if at is not None],
        )
        return
    placed: dict[int, int] = {}
    rows = []
    for p in pieces:
        place = placed.get(p.clock_id, 0)
        placed[p.clock_id] = place + 1
        rows.append((p.clock_id, place, p.agent_id, p.team_id, p.seconds))
    insert_rows(
        connection,
        TicketClockHold.__tablename__,
        ("clock_id", "piece", "agent_id", "team_id", "seconds"),
        rows,
    )
    _mark(connection, marks)


def _mark(connection: Connection, marks: Sequence[StopMark]) -> None:
    """Record on clock rows the stop their holds were measured for and who held them
    then: (holds_at, agent id, team id, unassigned seconds, clock id) each."""
    update_rows(connection, TicketClock.__tablename__, _MARKED, marks)


_MARKED = ("holds_at", "stop_agent_id", "stop_team_id", "unassigned_seconds")
_UNMEASURED = (None, None, None, None)


def _stale(cycle: DueCycle) -> bool:
    """Whether the row records holds measured at a stop that it no longer has: none are
    measured for it now."""
    return cycle.held_for is not None or cycle.on_row != NOBODY_HELD or cycle.unassigned is not None


class _Judges:
    """The policy that judged a cycle: the ticket's own of this evaluation, else the stored
    version (loaded once)."""

    def __init__(self, connection: Connection, judged_by: dict[int, Policy | None]) -> None:
        self.connection = connection
        self.judged_by = judged_by
        self.loaded: dict[int, Policy | None] = {}

    def of(self, cycle: DueCycle) -> Policy | None:
        version = cycle.policy_version_id
        if version is None:
            return None
        policy = self.judged_by.get(cycle.ticket_id)
        if policy is not None and policy.version_id == version:
            return policy
        if version not in self.loaded:
            with Session(bind=self.connection) as session:
                try:
                    self.loaded[version] = load_policy_version(session, version)
                except NotFoundError:
                    self.loaded[version] = None
        return self.loaded[version]


def refresh_clock_holds(
    connection: Connection,
    ids: Sequence[int],
    judged_by: Sequence[Policy | None],
    now: int,
    *,
    rebaseline: bool = False,
    written_at: int | None = None,
    as_of_0014: bool = False,
) -> int:
    """Write the holds of the cycles of tickets ``ids`` that are due; ticket ``ids[i]`` was
    just evaluated by ``judged_by[i]`` (``None``: no policy). Returns how many cycles.

    ``written_at`` limits them to the clock rows written at that instant (and stopped
    ones without their holder): every other row of those tickets kept its values, its
    version and its ``evaluated_at``, and so its holds (``app.recompute.derived``).
    ``as_of_0014``: the tables as migration 0014 made them (its own fill): no copy of
    the holders at stop on the clock rows (migration 0023), pieces with their own ids
    (numbered since migration 0025)."""
    due = cycles_due(
        connection, ids, rebaseline=rebaseline, written_at=written_at, as_of_0014=as_of_0014
    )
    if not due:
        return 0
    judges = _Judges(connection, dict(zip(ids, judged_by, strict=True)))
    # the clock rows whose record of their holds changes (found as the holds are made,
    # so that a re-baseline's million cycles are not walked once more)
    marks: list[StopMark] = []
    measured: list[tuple[DueCycle, Policy]] = []
    for cycle in due:
        if (policy := judges.of(cycle)) is not None:
            measured.append((cycle, policy))
        elif _stale(cycle):  # none measured
            marks.append((*_UNMEASURED, cycle.clock_id))
    tickets = list(dict.fromkeys(cycle.ticket_id for cycle, _ in measured))
    pieces: list[HeldPiece] = []
    if measured:
        batch = read_ola_batch(connection, tickets)
        position = {ticket_id: i for i, ticket_id in enumerate(tickets)}
        pause_sets = list(dict.fromkeys(policy.pause_statuses for _, policy in measured))
        calendars = list({id(p.calendar): p.calendar for _, p in measured}.values())
        calendar_code = {id(calendar): code for code, calendar in enumerate(calendars)}

        held = HeldCycles(
            ticket=np.array([position[c.ticket_id] for c, _ in measured], dtype=np.int64),
            started_at=np.array([c.started_at for c, _ in measured], dtype=np.int64),
            ends_at=np.array(
                [c.evaluated_at if c.stopped_at is None else c.stopped_at for c, _ in measured],
                dtype=np.int64,
            ),
            stopped=np.array([c.stopped_at is not None for c, _ in measured], dtype=bool),
            runs=np.array([RUNS_BY_METRIC[Metric(c.metric)] for c, _ in measured], dtype=np.int64),
            pauses=np.array(
                [pause_sets.index(p.pause_statuses) for _, p in measured], dtype=np.int64
            ),
            calendar=np.array([calendar_code[id(p.calendar)] for _, p in measured], dtype=np.int64),
        )
        latest = max([now, *(c.evaluated_at for c, _ in measured)])
        result = clock_holds(batch.events, len(tickets), held, pause_sets, calendars, latest)
        agent_of, team_of = batch.agent_ids, batch.team_ids
        unassigned = _unassigned(
            result, held.stopped, np.array([c.elapsed for c, _ in measured], dtype=np.int64)
        ).tolist()
        for row, agent, team, seconds in zip(
            result.cycle.tolist(), result.agent.tolist(), result.team.tolist(),
            result.seconds.tolist(), strict=True,
        ):  # fmt: skip
            if unassigned[row] != NONE and not as_of_0014:
                continue  # its row tells its pieces (``unassigned_seconds``): none stored
            pieces.append(
                HeldPiece(
                    measured[row][0].clock_id,
                    None if agent < 0 else agent_of[agent],
                    None if team < 0 else team_of[team],
                    seconds,
                )
            )
        for row, (cycle, _) in enumerate(measured):
            if cycle.stopped_at is None:  # running (or reopened): no holder at stop
                if _stale(cycle):
                    marks.append((*_UNMEASURED, cycle.clock_id))
                continue
            agent, team = int(result.stop_agent[row]), int(result.stop_team[row])
            holder = (
                None if agent < 0 else agent_of[agent],
                None if team < 0 else team_of[team],
            )
            seconds = None if unassigned[row] == NONE else unassigned[row]
            mark = (cycle.stopped_at, *holder, seconds)
            if mark != (cycle.held_for, *cycle.on_row, cycle.unassigned):
                marks.append((*mark, cycle.clock_id))
    if not as_of_0014 and any_kept(connection):
        # the stopped cycles whose pieces are rewritten leave their spans' kept samples
        stopped = [c for c in due if c.stopped_at is not None]
        forget_spans(
            connection,
            np.array([STORED_METRICS.index(c.metric) for c in stopped], dtype=np.int64),
            np.array([c.stopped_at for c in stopped], dtype=np.int64),
        )
    write_holds(connection, [cycle.clock_id for cycle in due], pieces, marks, as_of_0014=as_of_0014)
    return len(due)


_CLOCK_KEYS = (
    "id",
    "CAST(ticket_id AS BIGINT) * 16777216"  # ticket_id is a 32-bit integer on PostgreSQL
    f" + ({engine_code_sql('metric', STORED_METRICS, [m.value for m in METRICS])}) * 1048576"
    " + cycle_index",
)
"""Per clock row: its id and its key (ticket, metric code, cycle index in one number)."""
_RUNS_OF_METRIC = np.array([RUNS_BY_METRIC[metric] for metric in METRICS], dtype=np.int64)


def _with_none(ids: Sequence[int | None]) -> npt.NDArray[np.object_]:
    """Code -> id as an object array whose last entry (code -1) is ``None``."""
    return np.array([*ids, None], dtype=object)


StopColumns = tuple[Int64Array, Int64Array, Int64Array, Int64Array]
"""Per clock row: ``holds_at``, ``stop_agent_id`` and ``stop_team_id`` (``NONE``: NULL),
and ``unassigned_seconds`` (``NONE``: NULL)."""


def told_unassigned(
    cycle: Int64Array,
    seconds: Int64Array,
    nobody: npt.NDArray[np.bool_],
    apart: npt.NDArray[np.bool_],
    elapsed: Int64Array,
    may: npt.NDArray[np.bool_],
) -> Int64Array:
    """Per cycle (``elapsed``: its business time; ``may``: whether its row may tell it)
    the seconds of its held pieces (each of cycle ``cycle``, ``seconds`` long) held by
    no agent (``nobody``), where none of its pieces is ``apart`` (held by someone the row
    does not name) and they sum to its business time; else ``NONE``. The SLA and the OLA
    cycles' ``unassigned_seconds`` (migrations 0031 and 0032) differ only in what is
    apart and which cycles may be told."""
    size = elapsed.size
    summed, unheld = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64)
    np.add.at(summed, cycle, seconds)
    np.add.at(unheld, cycle[nobody], seconds[nobody])
    told = may & (np.bincount(cycle[apart], minlength=size) == 0) & (summed == elapsed)
    unassigned: Int64Array = np.where(told, unheld, NONE)
    return unassigned


def _unassigned(
    result: ClockHolds, stopped: npt.NDArray[np.bool_], elapsed: Int64Array
) -> Int64Array:
    """Per measured cycle (whether it ``stopped``, its business time ``elapsed``): the
    seconds no agent held it, where it stopped and every held piece of it is of its team
    at stop and held by its agent at stop or by none, summing to its business time; else
    ``NONE`` (``TicketClock.unassigned_seconds``)."""
    cycle, agent = result.cycle, result.agent
    nobody = agent < 0
    apart = (result.team != result.stop_team[cycle]) | (
        ~nobody & (agent != result.stop_agent[cycle])
    )
    return told_unassigned(cycle, result.seconds, nobody, apart, elapsed, stopped)


@dataclass(frozen=True, slots=True)
class NewHolds:
    """The holds of the cycles of a chunk of new tickets (``measure_new_holds``), measured
    before their clock rows are written: the rows take their record of them in their
    ``INSERT`` (``stops``), the pieces follow once the rows have ids
    (``insert_new_holds``)."""

    batch: OlaBatch
    measured: Int64Array
    """The cycle rows measured (those judged by a policy version)."""
    stopped_at: Int64Array
    """Per measured cycle, its stop (``NONE``: running)."""
    result: ClockHolds

    def stops(self, size: int, elapsed: Int64Array) -> StopColumns:
        """The stop columns of the ``size`` cycle rows (``elapsed``: their business
        times): a stopped measured cycle records its stop, who held it then and the
        seconds no agent did (``_unassigned``); every other row none."""
        holds_at, agents, teams, unassigned = (
            np.full(size, NONE, dtype=np.int64) for _ in range(4)
        )
        stopped = np.flatnonzero(self.stopped_at != NONE)
        rows = self.measured[stopped]
        holds_at[rows] = self.stopped_at[stopped]
        agents[rows] = _ids_or_none(self.batch.agent_ids)[self.result.stop_agent[stopped]]
        teams[rows] = _ids_or_none(self.batch.team_ids)[self.result.stop_team[stopped]]
        unassigned[self.measured] = _unassigned(
            self.result, self.stopped_at != NONE, elapsed[self.measured]
        )
        return holds_at, agents, teams, unassigned


def _ids_or_none(ids: Sequence[int | None]) -> Int64Array:
    """Code -> id, whose last entry (code -1) and missing ids are ``NONE``."""
    return np.array([NONE if i is None else i for i in ids] + [NONE], dtype=np.int64)


def measure_new_holds(
    batch: OlaBatch,
    cycles: ClockColumns,
    judged_by: Sequence[Policy | None],
    now: int,
) -> NewHolds | None:
    """Who held every cycle in ``cycles``, the clock rows about to be inserted for the new
    tickets of ``batch`` (cycle ``ticket`` codes are positions in ``batch.ids``; ticket
    ``i`` was judged by ``judged_by[i]``, at ``now``): what ``refresh_clock_holds`` would
    measure for them once written. ``None``: no cycle is judged by a policy version."""
    policies = list(
        {id(p): p for p in judged_by if p is not None and p.version_id is not None}.values()
    )
    code_of = {id(policy): code for code, policy in enumerate(policies)}
    ticket_policy = np.array([code_of.get(id(p), -1) for p in judged_by], dtype=np.int64)
    cycle_policy = ticket_policy[cycles.ticket]
    measured = np.flatnonzero(cycle_policy >= 0)
    if measured.size == 0 or not batch.ids:
        return None
    pause_sets = list(dict.fromkeys(policy.pause_statuses for policy in policies))
    calendars = list({id(p.calendar): p.calendar for p in policies}.values())
    calendar_index = {id(calendar): code for code, calendar in enumerate(calendars)}
    pauses_of = np.array([pause_sets.index(p.pause_statuses) for p in policies], dtype=np.int64)
    calendar_of = np.array([calendar_index[id(p.calendar)] for p in policies], dtype=np.int64)
    stopped_at = cycles.stopped_at[measured]
    stopped = stopped_at != NONE
    held = HeldCycles(
        ticket=cycles.ticket[measured],
        started_at=cycles.started_at[measured],
        ends_at=np.where(stopped, stopped_at, now),
        stopped=stopped,
        runs=_RUNS_OF_METRIC[cycles.metric[measured]],
        pauses=pauses_of[cycle_policy[measured]],
        calendar=calendar_of[cycle_policy[measured]],
    )
    result = clock_holds(batch.events, len(batch.ids), held, pause_sets, calendars, now)
    return NewHolds(batch, measured, stopped_at, result)


def new_clock_ids(connection: Connection, ids: Sequence[int], cycles: ClockColumns) -> Int64Array:
    """The ids of the clock rows of ``cycles`` just written for the tickets ``ids`` (cycle
    ``ticket`` codes are positions in ``ids``), found by their key: for rows that did not
    take ids chosen before their ``INSERT`` (``store.dialect.bulk_traits``)."""
    tickets = np.asarray(ids, dtype=np.int64)
    key = tickets[cycles.ticket] * 16777216 + cycles.metric * 1048576 + cycles.index
    stored = read_ints(
        connection, _CLOCK_KEYS, "ticket_clocks WHERE {where}", np.unique(tickets), "ticket_id"
    )
    stored = stored[np.argsort(stored[:, 1])]
    found = np.minimum(np.searchsorted(stored[:, 1], key), max(len(stored) - 1, 0))
    if not len(stored) or (stored[found, 1] != key).any():
        raise RuntimeError("a clock row just written was not found by its key")
    clock_id: Int64Array = stored[found, 0]
    return clock_id


def insert_new_holds(
    connection: Connection, holds: NewHolds, clock_ids: Int64Array, stops: StopColumns
) -> int:
    """Insert the held pieces of ``holds``, whose clock rows (ids ``clock_ids``, per cycle
    row) were written with its ``stops``, but those of the cycles whose row tells them
    (``unassigned_seconds``: see the module text); returns how many cycles were
    measured."""
    batch, result = holds.batch, holds.result
    agent_of, team_of = _with_none(batch.agent_ids), _with_none(batch.team_ids)
    owner = clock_ids[holds.measured][result.cycle]
    place = places_in_runs(result.cycle)
    untold = np.flatnonzero(stops[3][holds.measured][result.cycle] == NONE)
    # key order: appended to the table's b-tree
    order = untold[lexsort_order((place[untold], owner[untold]))]
    write_columns(
        connection,
        TicketClockHold.__tablename__,
        ("clock_id", "piece", "agent_id", "team_id", "seconds"),
        [
            owner[order].tolist(), place[order].tolist(),
            agent_of[result.agent[order]].tolist(), team_of[result.team[order]].tolist(),
            result.seconds[order].tolist(),
        ],
    )  # fmt: skip
    return int(holds.measured.size)
