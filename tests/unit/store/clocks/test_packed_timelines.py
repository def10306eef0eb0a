"""The timeline cache's packed form (migration 0027) gives back every event as written:
a property over random logs against the rows themselves (instants far apart, seq values
past the compact form's limit, every code, tickets without engine events), and a packed
timeline cut short or grown is refused as damaged, never misread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from sqlalchemy import text

from slaworkbench.store.clocks.timelines import (
    DamagedTimeline,
    packed_timelines,
    read_timelines,
    unpacked_timelines,
    write_timelines,
)
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.examples import share_of_examples

EVENT = st.tuples(
    st.one_of(st.integers(0, 2_000_000_000), st.integers(-(2**40), 2**40)),
    st.one_of(st.integers(1, 60), st.integers(0, 2**23)),
    st.one_of(st.integers(0, 511), st.integers(0, 1023)),
)
LOGS = st.lists(st.lists(EVENT, max_size=12), min_size=1, max_size=8)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path: Path = tmp_path_factory.mktemp("packed") / "w.sqlite3"
    ws = open_workspace(f"sqlite:///{path}")
    with ws.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO tickets (id, subject, tags, priority, status, created_at,"
                " updated_at, version, sla_state) VALUES "
                + ", ".join(f"({i}, 's', '', 'high', 'open', 1, 1, 1, 'ok')" for i in range(1, 9))
            )
        )
    yield ws
    ws.close()


def _rows(logs: list[list[tuple[int, int, int]]]) -> np.ndarray:
    rows = [(ticket, *event) for ticket, log in enumerate(logs, 1) for event in log]
    return np.array(rows, dtype=np.int64).reshape(-1, 4)


def _head(logs: list[list[tuple[int, int, int]]], hashes: list[int]) -> list[tuple[int, ...]]:
    return [(i, len(log), hashes[i - 1]) for i, log in enumerate(logs, 1)]


@share_of_examples(0.5)
@given(logs=LOGS, hashes=st.lists(st.integers(-(2**62), 2**62), min_size=8, max_size=8))
def test_a_packed_timeline_unpacks_as_written(
    logs: list[list[tuple[int, int, int]]], hashes: list[int]
) -> None:
    rows = _rows(logs)
    ids = np.arange(1, len(logs) + 1, dtype=np.int64)
    starts = np.searchsorted(rows[:, 0], ids, side="left")
    ends = np.searchsorted(rows[:, 0], ids, side="right")
    packed = packed_timelines(rows, starts, ends)
    head = np.array(_head(logs, hashes), dtype=np.int64)
    unpacked = unpacked_timelines(head, packed)
    assert sorted(map(tuple, unpacked.tolist())) == sorted(map(tuple, rows.tolist()))


@share_of_examples(0.05, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(logs=LOGS, hashes=st.lists(st.integers(-(2**62), 2**62), min_size=8, max_size=8))
def test_a_packed_timeline_reads_back_as_written(
    workspace: Workspace, logs: list[list[tuple[int, int, int]]], hashes: list[int]
) -> None:
    """The stored round trip (the packing itself draws the profile's examples above)."""
    rows = _rows(logs)
    ids = np.arange(1, len(logs) + 1, dtype=np.int64)
    with workspace.begin() as connection:
        connection.execute(text("DELETE FROM ticket_timelines"))
        write_timelines(connection, ids, rows, np.array(hashes[: ids.size], dtype=np.int64))
        head, cached = read_timelines(connection, ids)
        connection.execute(text("DELETE FROM ticket_timelines"))
    assert sorted(map(tuple, head.tolist())) == _head(logs, hashes)
    assert sorted(map(tuple, cached.tolist())) == sorted(map(tuple, rows.tolist()))


def test_the_compact_form_takes_eight_bytes_an_event() -> None:
    rows = np.array([(1, 1_800_000_000 + 60 * k, k + 1, 70 + k) for k in range(5)], np.int64)
    rows = np.concatenate((rows, np.array([(2, 5, 2**22, 3)], np.int64)))
    packed = packed_timelines(rows, np.array([0, 5, 6]), np.array([5, 6, 6]))
    assert [len(p) for p in packed] == [8 + 5 * 8, 3 * 8, 0]  # compact, wide, none


@pytest.mark.parametrize("change", ["cut", "grown", "text"])
def test_a_damaged_packed_timeline_is_refused(workspace: Workspace, change: str) -> None:
    rows = np.array([(3, 1_800_000_000 + k, k + 1, 65) for k in range(4)], np.int64)
    ids = np.array([3], dtype=np.int64)
    with workspace.begin() as connection:
        connection.execute(text("DELETE FROM ticket_timelines"))
        write_timelines(connection, ids, rows, np.array([7], dtype=np.int64))
        damage = {
            "cut": "UPDATE ticket_timelines SET events = substr(events, 1, 16)",
            "grown": "UPDATE ticket_timelines SET event_count = event_count + 1",
            "text": "UPDATE ticket_timelines SET events = '1,2,3'",
        }[change]
        connection.execute(text(damage))
        with pytest.raises(DamagedTimeline):
            read_timelines(connection, ids)
        connection.execute(text("DELETE FROM ticket_timelines"))
