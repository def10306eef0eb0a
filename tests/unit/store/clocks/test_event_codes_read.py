"""The recompute's and the OLA engine's raw reads of ``ticket_events`` from the stored
codes (migration 0026) give, event by event, what the reads over the names gave before
(the ``CASE`` expressions of 0024, written out here against the generated name columns)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from slaworkbench.domain.clock.events import PRIORITIES, STATUSES
from slaworkbench.store.clocks import read as clocks_read
from slaworkbench.store.clocks.transfer import read_ints
from slaworkbench.store.ola import read as ola_read
from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import Workspace
from tests.support.twin_demos import demo_copy

NOW = 1_790_000_000


def _case(column: str, values: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {code}" for code, value in enumerate(values))
    return f"CASE {column} {whens} ELSE -1 END"


_STATUS_NAMES = [status.value for status in STATUSES]
_PRIORITY_NAMES = [priority.value for priority in PRIORITIES]
OLD_CLOCK_COLUMNS = (
    "ticket_id",
    "at",
    "seq",
    "(CASE type WHEN 'created' THEN 1 WHEN 'status_changed' THEN 2 "
    "WHEN 'priority_changed' THEN 3 WHEN 'agent_reply' THEN 4 "
    "WHEN 'customer_reply' THEN 5 ELSE 0 END) * 64"
    f" + ({_case('status', _STATUS_NAMES)} + 1) * 8 + {_case('priority', _PRIORITY_NAMES)} + 1",
)
OLD_CLOCK_SOURCE = (
    "ticket_events WHERE type IN ('created', 'status_changed', 'priority_changed',"
    " 'agent_reply', 'customer_reply') AND {where}"
)
OLD_OLA_TYPES = (
    "(type IN ('created', 'status_changed', 'priority_changed', 'assigned')"
    " OR (type = 'field_changed' AND field = 'team'))"
)
_OLA_KINDS = ["created", "status_changed", "priority_changed", "assigned", "field_changed"]


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = demo_copy(tmp_path / "w.sqlite3", tickets=250, seed=3, now=NOW)
    yield ws
    ws.close()


def _ids(ws: Workspace) -> np.ndarray:
    with ws.session() as session:
        return np.array(session.scalars(select(Ticket.id).order_by(Ticket.id)).all())


def _sorted(rows: np.ndarray) -> list[tuple[int, ...]]:
    return sorted(map(tuple, rows.tolist()))


def test_the_engine_events_read_from_codes_are_those_read_from_names(
    workspace: Workspace,
) -> None:
    ids = _ids(workspace)
    with workspace.engine.connect() as connection:
        new = read_ints(
            connection, clocks_read._EVENT_COLUMNS, clocks_read._EVENT_SOURCE, ids, "ticket_id"
        )
        old = read_ints(connection, OLD_CLOCK_COLUMNS, OLD_CLOCK_SOURCE, ids, "ticket_id")
    assert len(old) > 5 * len(ids)
    kinds = set((old[:, 3] >> 6).tolist())
    assert kinds == {1, 2, 3, 4, 5}  # every kind, each status and priority below
    assert set(((old[:, 3] >> 3) & 7).tolist()) == set(range(len(STATUSES) + 1))
    assert set((old[:, 3] & 7).tolist()) == set(range(len(PRIORITIES) + 1))
    assert _sorted(new) == _sorted(old)


def test_the_ola_events_read_from_codes_are_those_read_from_names(
    workspace: Workspace,
) -> None:
    ids = _ids(workspace)
    value = ola_read._EVENT_INTS[-1].replace("type_code WHEN 6", "type WHEN 'assigned'")
    value = value.replace("WHEN 7 THEN", "WHEN 'field_changed' THEN")
    old_columns = (
        "ticket_id",
        "at",
        "seq",
        _case("type", _OLA_KINDS),
        _case("status", _STATUS_NAMES),
        _case("priority", _PRIORITY_NAMES),
        value,
    )
    assert "type_code" not in value
    with workspace.engine.connect() as connection:
        new = read_ints(
            connection,
            ola_read._EVENT_INTS,
            "ticket_events WHERE {where} AND " + ola_read._OLA_TYPES,
            ids,
            "ticket_id",
        )
        old = read_ints(
            connection, old_columns, "ticket_events WHERE {where} AND " + OLD_OLA_TYPES, ids,
            "ticket_id",
        )  # fmt: skip
    assert set(old[:, 3].tolist()) == set(range(len(_OLA_KINDS)))
    # The kind read from the stored type code, as the engine gets it, is the old one's.
    old_kinds = np.array([ola_read._KINDS[name] for name in _OLA_KINDS])[old[:, 3]]
    new[:, 3] = ola_read._KIND_OF_CODE[new[:, 3]]
    old[:, 3] = old_kinds
    assert _sorted(new) == _sorted(old)
