"""OLA cycles: the scalar engine against the minute-by-minute reference (UTC minute
calendars and real calendars in DST zones), and the column engine against the scalar one."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.clock.ola import OlaCycle, TeamOla, evaluate_olas
from slaworkbench.domain.clock.ola_columns import (
    evaluate_ola_columns,
    ola_columns_of,
    to_ola_cycles,
)
from slaworkbench.domain.model import TEAM_FIELD, ClockState, Event, EventType, Priority, Status
from tests.support.clock_reference import ALWAYS
from tests.support.examples import share_of_examples
from tests.support.ola_reference import (
    AGENTS,
    TEAMS,
    handover_logs,
    pause_sets,
    reference_olas,
    team_olas,
)

Log = tuple[list[Event], int]


@share_of_examples(0.5)
@given(handover_logs(), team_olas(), pause_sets)
def test_ola_cycles_equal_the_minute_reference(
    log: Log, olas: dict[str, TeamOla], pause: frozenset[Status]
) -> None:
    events, now = log
    assert evaluate_olas(events, olas, now, pause) == reference_olas(events, olas, now, pause)


@share_of_examples(0.5)
@given(handover_logs(), team_olas(real=True), pause_sets)
def test_ola_cycles_in_dst_zones_equal_the_minute_reference(
    log: Log, olas: dict[str, TeamOla], pause: frozenset[Status]
) -> None:
    events, now = log
    assert evaluate_olas(events, olas, now, pause) == reference_olas(events, olas, now, pause)


def _columnar(
    logs: list[list[Event]],
    olas: dict[str, TeamOla],
    pauses: list[frozenset[Status]],
    now: int,
) -> list[tuple[OlaCycle, ...]]:
    columns = ola_columns_of(logs, TEAMS, AGENTS)
    distinct = list(dict.fromkeys(pauses))
    pause_index = np.array([distinct.index(p) for p in pauses], dtype=np.int64)
    ordered = [olas.get(team) for team in TEAMS]
    result = evaluate_ola_columns(columns, pause_index, distinct, ordered, now)
    return to_ola_cycles(result, len(logs), TEAMS, AGENTS)


@share_of_examples(0.5)
@given(
    st.lists(st.tuples(handover_logs(), pause_sets), min_size=0, max_size=6),
    st.one_of(team_olas(), team_olas(real=True)),
    st.integers(0, 3000),
)
def test_the_column_engine_equals_the_scalar_one(
    batch: list[tuple[Log, frozenset[Status]]], olas: dict[str, TeamOla], later: int
) -> None:
    if not batch:
        assert _columnar([], olas, [], 0) == []
        return
    now = max(log[1] for log, _ in batch) + 60 * later
    logs = [log[0] for log, _ in batch]
    pauses = [pause for _, pause in batch]
    expected = [evaluate_olas(events, olas, now, p) for events, p in zip(logs, pauses, strict=True)]
    assert _columnar(logs, olas, pauses, now) == expected


HOUR = 3600
START = 1_772_409_600  # Monday 2026-03-02 00:00 UTC


def _move(at: int, team: str | None) -> Event:
    return Event(at, EventType.FIELD_CHANGED, field=TEAM_FIELD, value=team)


def test_a_ticket_that_returns_to_a_team_gets_a_new_cycle_and_each_team_its_own() -> None:
    olas = {
        "Apps": TeamOla("Apps", {Priority.NORMAL: 2 * HOUR}, ALWAYS),
        "Desk": TeamOla("Desk", {Priority.NORMAL: HOUR}, ALWAYS),
    }
    events = [
        Event(START, EventType.CREATED, status=Status.OPEN),
        _move(START, "Desk"),
        Event(START + HOUR // 2, EventType.ASSIGNED, value="ana"),
        _move(START + HOUR, "Apps"),
        Event(START + 2 * HOUR, EventType.STATUS_CHANGED, status=Status.PENDING),
        _move(START + 3 * HOUR, "Desk"),  # moved while paused: Desk's cycle starts paused
        Event(START + 4 * HOUR, EventType.STATUS_CHANGED, status=Status.OPEN),
    ]
    cycles = evaluate_olas(events, olas, START + 6 * HOUR)
    assert [(c.index, c.team, c.started_at, c.stopped_at) for c in cycles] == [
        (0, "Desk", START, START + HOUR),
        (1, "Apps", START + HOUR, START + 3 * HOUR),
        (2, "Desk", START + 3 * HOUR, None),
    ]
    assert cycles[0].state is ClockState.ACHIEVED and cycles[0].elapsed == HOUR
    assert cycles[0].held == ((None, HOUR // 2), ("ana", HOUR // 2))
    assert cycles[0].holder_at_stop == "ana"
    assert cycles[1].elapsed == HOUR  # the pending hour does not count
    assert cycles[2].state is ClockState.BREACHED and cycles[2].elapsed == 2 * HOUR
    assert cycles[2].breached_at == START + 5 * HOUR
