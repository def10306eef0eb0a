"""The ticket list's "who held the SLA clock" and OLA filters (dashboard clicks) list the tickets
whose cycles the holder held: while they ran, from every held piece, whether stored or
told by the clock row (``unassigned_seconds``: not stored since migration 0036); at
stop, from the row. Compared with plain SQL over every piece, for each agent, team and
nobody, each metric, breached or not."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, select, text
from sqlalchemy.dialects import postgresql

from slaworkbench.store.ola.holder_filter import HolderFilter, holder_condition
from slaworkbench.store.ola.ticket_filter import OlaFilter, ola_condition
from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import Workspace
from tests.support.derived_rows import HELD_OLA_PIECES, HELD_PIECES
from tests.support.ola_workspace import AGENTS, TEAMS, ola_workspace

_METRICS = ("first_response", "next_response", "resolution")
_HOLDERS = [("agent", name) for name, _ in AGENTS.values()] + [
    ("team", name) for name in TEAMS.values()
]
_CASES = [
    (metric, kind, name, breached)
    for metric in _METRICS
    for kind, name in [*_HOLDERS, ("agent", None), ("team", None)]
    for breached in (False, True)
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = ola_workspace(tmp_path_factory.mktemp("held"), tickets=120, sla=True).workspace
    yield workspace
    workspace.close()


def _listed(connection: Connection, held: HolderFilter) -> set[int]:
    return set(connection.execute(select(Ticket.id).where(holder_condition(held))).scalars())


def _tickets(connection: Connection, held: HolderFilter, pieces: str | None = None) -> set[int]:
    """Plain SQL: the tickets with a cycle of the filter's whose holder at stop is its
    holder (``pieces`` ``None``), or that its holder held for some time summed over
    ``pieces`` (while it ran)."""
    table, column = ("agents", "agent_id") if held.kind == "agent" else ("teams", "team_id")
    owner = "c.stop_" if pieces is None else "h."
    holder = f"{owner}{column} IS NULL" if held.name is None else "x.name = :name"
    held_by = (
        f" LEFT JOIN {table} x ON x.id = c.stop_{column}"
        if pieces is None
        else f" JOIN {pieces} h ON h.clock_id = c.id LEFT JOIN {table} x ON x.id = h.{column}"
    )
    rows = connection.execute(
        text(
            f"SELECT c.ticket_id FROM ticket_clocks c{held_by}"
            f" WHERE c.metric = :metric{_period(held)}"
            f" AND (:breached = 0 OR c.state = 'breached') AND {holder}"
            " GROUP BY c.id, c.ticket_id"
            + ("" if pieces is None else " HAVING SUM(h.seconds) > 0")
        ),
        {
            "metric": held.metric, "breached": int(held.breached), "name": held.name,
            "since": held.stopped_from, "until": held.stopped_to,
        },
    )  # fmt: skip
    return set(rows.scalars())


def _period(held: HolderFilter) -> str:
    """The filter's stop instants as SQL (none given: every cycle, running ones too)."""
    since = "" if held.stopped_from is None else " AND c.stopped_at >= :since"
    return since + ("" if held.stopped_to is None else " AND c.stopped_at < :until")


def test_the_filter_lists_the_tickets_of_every_piece_stored_or_told(seeded: Workspace) -> None:
    told_mattered = 0
    with seeded.engine.connect() as connection:
        told, stored = connection.execute(
            text(
                "SELECT (SELECT count(*) FROM ticket_clocks WHERE unassigned_seconds IS NOT NULL),"
                " (SELECT count(*) FROM ticket_clock_holds h JOIN ticket_clocks c"
                " ON c.id = h.clock_id WHERE c.stopped_at IS NOT NULL)"
            )
        ).one()
        assert told > 0 and stored > 0  # cycles of both kinds
        first, last = connection.execute(
            text("SELECT min(stopped_at), max(stopped_at) FROM ticket_clocks")
        ).one()
        # no period (running cycles too), and the stopped ones of a period (read from the
        # stopped verdicts' index for first responses and resolutions)
        for since, until in ((None, None), (first, (first + last) // 2)):
            for metric, kind, name, breached in _CASES:
                running = HolderFilter(metric, "while_running", kind, name, breached, since, until)
                expected = _tickets(connection, running, HELD_PIECES)
                assert _listed(connection, running) == expected, running
                told_mattered += expected != _tickets(connection, running, "ticket_clock_holds")
                at_stop = HolderFilter(metric, "at_stop", kind, name, breached, since, until)
                assert _listed(connection, at_stop) == _tickets(connection, at_stop), at_stop
    assert told_mattered > len(_CASES) // 2  # the rows' pieces decide many of them


def test_a_period_narrows_the_listed_tickets(seeded: Workspace) -> None:
    with seeded.engine.connect() as connection:
        first, last = connection.execute(
            text(
                "SELECT min(stopped_at), max(stopped_at) FROM ticket_clocks"
                " WHERE metric = 'resolution' AND unassigned_seconds IS NOT NULL"
            )
        ).one()
        middle = (first + last) // 2
        listed = []
        for since, until in ((first, last + 1), (first, middle), (middle, last + 1)):
            held = HolderFilter(
                "resolution", "while_running", "team", "Desk",
                stopped_from=since, stopped_to=until,
            )  # fmt: skip
            listed.append(_listed(connection, held))
            assert listed[-1] == _tickets(connection, held, HELD_PIECES), held
    assert listed[1] and listed[2]
    assert listed[1] | listed[2] == listed[0]


def _ola_while_running(connection: Connection, pieces: str, ola: OlaFilter) -> set[int]:
    """The tickets with an OLA cycle of the filter's that its agent held for some time,
    from ``pieces``."""
    holder = "h.agent_id IS NULL" if ola.agent is None else "a.name = :agent"
    team = "" if ola.team is None else " AND t.name = :team"
    since = "" if ola.stopped_from is None else " AND o.stopped_at >= :since"
    until = "" if ola.stopped_to is None else " AND o.stopped_at < :until"
    rows = connection.execute(
        text(
            f"SELECT DISTINCT o.ticket_id FROM ticket_ola_cycles o JOIN {pieces} h"
            " ON h.cycle_id = o.id LEFT JOIN agents a ON a.id = h.agent_id"
            f" JOIN teams t ON t.id = o.team_id WHERE h.seconds > 0 AND {holder}{team}"
            f" AND (:breached = 0 OR o.state = 'breached'){since}{until}"
        ),
        {
            "agent": ola.agent, "team": ola.team, "breached": int(ola.breached),
            "since": ola.stopped_from, "until": ola.stopped_to,
        },
    )  # fmt: skip
    return set(rows.scalars())


def test_the_ola_filter_lists_the_tickets_of_every_piece_stored_or_told(
    seeded: Workspace,
) -> None:
    told_mattered = 0
    cases = [
        OlaFilter(team=team, agent=agent, basis="while_running", breached=breached)
        for team in (None, *TEAMS.values())
        for agent in (None, *(name for name, _ in AGENTS.values()))
        for breached in (False, True)
    ]
    with seeded.engine.connect() as connection:
        for ola in cases:
            expected = _ola_while_running(connection, HELD_OLA_PIECES, ola)
            listed = set(connection.execute(select(Ticket.id).where(ola_condition(ola))).scalars())
            assert listed == expected, ola
            told_mattered += expected != _ola_while_running(connection, "ticket_ola_holds", ola)
    assert told_mattered > len(cases) // 4  # the rows' pieces decide many of them


def test_the_ola_filter_for_a_period_reads_the_covering_index(seeded: Workspace) -> None:
    """With a period (a dashboard click's), the cycles are read from the stopped cycles'
    covering index alone on SQLite (``dialect.index_hint``), a team's too (the team's
    index would look each of its cycles up in the table), and list the same tickets as
    plain SQL; elsewhere the statement carries no hint."""
    with seeded.engine.connect() as connection:
        low, high = connection.execute(
            text("SELECT min(stopped_at), max(stopped_at) FROM ticket_ola_cycles")
        ).one()
        middle = (low + high) // 2
        narrowed = 0
        for since, until in ((low, middle), (middle, high + 1), (None, middle), (middle, None)):
            for team, agent in itertools.product(
                (None, *TEAMS.values()), (None, *(name for name, _ in AGENTS.values()))
            ):
                ola = OlaFilter(
                    team=team,
                    agent=agent,
                    basis="while_running",
                    stopped_from=since,
                    stopped_to=until,
                )
                expected = _ola_while_running(connection, HELD_OLA_PIECES, ola)
                statement = select(Ticket.id).where(ola_condition(ola))
                assert set(connection.execute(statement).scalars()) == expected, ola
                everything = dataclasses.replace(ola, stopped_from=None, stopped_to=None)
                narrowed += expected != _ola_while_running(connection, HELD_OLA_PIECES, everything)
                sql = statement.compile(connection, compile_kwargs={"literal_binds": True})
                plan = " ".join(
                    str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
                )
                assert "COVERING INDEX ix_ticket_ola_cycles_stopped_at" in plan, plan
        assert narrowed > 0
    on_a_server = str(
        select(Ticket.id).where(ola_condition(ola)).compile(dialect=postgresql.dialect())
    )
    assert "INDEXED BY" not in on_a_server and "ticket_ola_cycles.stopped_at" in on_a_server
