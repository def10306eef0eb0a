"""Who held an SLA clock, as stored: every clock row's holds add up to its elapsed time
after a recompute and after a ticket action, a stopped cycle keeps its holds, and
migration 0014 fills an older file with the same holds without touching a clock row."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, text

from slaworkbench.app.tickets.actions import assign, change_status
from slaworkbench.domain.model import Status
from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import upgrade
from tests.support.derived_rows import HELD_PIECES, OLA_UNASSIGNED_APART, UNASSIGNED_APART
from tests.support.ola_workspace import NOW, ola_workspace

SUMS = f"""
SELECT c.id, c.elapsed, COALESCE(SUM(h.seconds), 0)
FROM ticket_clocks c LEFT JOIN {HELD_PIECES} h ON h.clock_id = c.id
GROUP BY c.id, c.elapsed
"""


def _rows(connection: Connection, statement: str) -> set[tuple[object, ...]]:
    return {tuple(row) for row in connection.execute(text(statement)).all()}


def test_every_clock_rows_holds_add_up_to_its_elapsed_time(tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path, tickets=80, sla=True)
    with seeded.workspace.engine.connect() as connection:
        sums = _rows(connection, SUMS)
        stopped = connection.execute(
            text("SELECT COUNT(*) FROM ticket_clocks WHERE stopped_at IS NOT NULL")
        ).scalar_one()
        holders = connection.execute(
            text("SELECT COUNT(*) FROM ticket_clocks WHERE holds_at IS NOT NULL")
        ).scalar_one()
        teams = connection.execute(
            text(f"SELECT COUNT(DISTINCT team_id) FROM {HELD_PIECES} h")
        ).scalar_one()
        assert connection.execute(text(UNASSIGNED_APART)).all() == []
        assert connection.execute(text(OLA_UNASSIGNED_APART)).all() == []
        told = connection.execute(
            text(
                "SELECT unassigned_seconds IS NULL, unassigned_seconds > 0, COUNT(*)"
                " FROM ticket_clocks WHERE stopped_at IS NOT NULL GROUP BY 1, 2"
            )
        ).all()
        ola_told = connection.execute(
            text(
                "SELECT unassigned_seconds IS NULL, unassigned_seconds > 0, COUNT(*)"
                " FROM ticket_ola_cycles WHERE stopped_at IS NOT NULL GROUP BY 1, 2"
            )
        ).all()
    # cycles their row tells (held by one agent alone, or after a wait) and others
    assert len(told) == 3
    assert len(ola_told) == 3
    assert sums and all(elapsed == held for _, elapsed, held in sums)
    assert stopped and holders == stopped
    assert teams >= 3


def test_a_ticket_action_rewrites_the_open_cycles_and_keeps_the_stopped_ones(
    tmp_path: Path,
) -> None:
    seeded = ola_workspace(tmp_path, tickets=40, sla=True)
    workspace = seeded.workspace
    with workspace.session() as session:
        ticket = session.query(Ticket).filter(Ticket.status == "open").order_by(Ticket.id).first()
        assert ticket is not None
        ticket_id, version = ticket.id, ticket.version
    kept = f"""
        SELECT h.clock_id, h.agent_id, h.team_id, h.seconds FROM {HELD_PIECES} h
        JOIN ticket_clocks c ON c.id = h.clock_id
        WHERE c.stopped_at IS NOT NULL AND c.ticket_id <> {ticket_id}
    """
    with workspace.engine.connect() as connection:
        before = _rows(connection, kept)
    first = assign(workspace, ticket_id, "dee", author="t", expected_version=version, now=NOW)
    change_status(
        workspace, ticket_id, Status.SOLVED, author="t",
        expected_version=first.version, now=NOW + 7200,
    )  # fmt: skip
    with workspace.engine.connect() as connection:
        assert _rows(connection, kept) == before
        assert all(e == h for _, e, h in _rows(connection, SUMS))
        assert connection.execute(text(UNASSIGNED_APART)).all() == []
        assert connection.execute(text(OLA_UNASSIGNED_APART)).all() == []
        holder = connection.execute(
            text(
                "SELECT a.name FROM ticket_clocks c JOIN agents a ON a.id = c.stop_agent_id "
                "WHERE c.ticket_id = :t AND c.metric = 'resolution'"
            ),
            {"t": ticket_id},
        ).scalar_one()
    assert holder == "dee"


def test_migration_0014_fills_an_older_file_without_rejudging(tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path, tickets=60, sla=True)
    holds = "SELECT c.ticket_id, c.metric, c.cycle_index, h.agent_id, h.team_id, h.seconds " \
        "FROM ticket_clock_holds h JOIN ticket_clocks c ON c.id = h.clock_id"  # fmt: skip
    at_stop = (
        "SELECT id, holds_at, stop_agent_id, stop_team_id FROM ticket_clocks"
        " WHERE holds_at IS NOT NULL"
    )
    clocks = "SELECT * FROM ticket_clocks"
    with seeded.workspace.engine.begin() as connection:
        expected = (_rows(connection, holds), _rows(connection, at_stop))
        stored = _rows(connection, clocks)
        connection.execute(text("DROP TABLE ticket_clock_holds"))
        # What later migrations add goes too, so the file is as 0013 left it.
        connection.execute(text("DROP INDEX ix_ticket_clocks_stopped_verdicts"))
        connection.execute(text("DROP INDEX ix_ticket_clocks_breaches"))
        connection.execute(text("DROP INDEX ix_survey_answers_answered_buckets"))
        connection.execute(text("DROP INDEX ix_ticket_clocks_running_work"))
        connection.execute(
            text(
                "CREATE INDEX ix_ticket_clocks_running_due_at ON ticket_clocks (due_at)"
                " WHERE stopped_at IS NULL"
            )
        )
        connection.execute(text("DROP TABLE duration_rollup"))
        connection.execute(text("DROP TABLE answer_rollup"))
        connection.execute(text("ALTER TABLE survey_answers DROP COLUMN first_response"))
        connection.execute(text("DROP INDEX ix_ticket_clocks_first_responses"))
        connection.execute(text("DROP INDEX ix_ticket_clocks_duration_ranks"))
        connection.execute(text("DROP TABLE clock_rollup_by_team"))
        connection.execute(text("DROP TABLE clock_rollup_by_span"))
        connection.execute(text("DROP TABLE held_samples"))
        connection.execute(text("DROP TABLE held_sample_spans"))
        connection.execute(text("DROP TABLE tickets_judged_elsewhere"))
        connection.execute(text("DROP INDEX ix_ticket_ola_cycles_stopped_at"))
        connection.execute(text("DROP INDEX ix_ticket_ola_cycles_running"))
        connection.execute(text("ALTER TABLE ticket_ola_cycles DROP COLUMN unassigned_seconds"))
        # The OLA pieces as 0013 stored them: their own ids, indexed by cycle (0029 keys
        # them by cycle and piece).
        connection.execute(text("ALTER TABLE ticket_ola_holds RENAME TO _ola_holds"))
        connection.execute(
            text(
                "CREATE TABLE ticket_ola_holds (id INTEGER PRIMARY KEY, cycle_id INTEGER NOT NULL"
                " REFERENCES ticket_ola_cycles (id) ON DELETE CASCADE, agent_id INTEGER"
                " REFERENCES agents (id) ON DELETE SET NULL, seconds BIGINT NOT NULL)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO ticket_ola_holds (cycle_id, agent_id, seconds)"
                " SELECT cycle_id, agent_id, seconds FROM _ola_holds ORDER BY cycle_id, piece"
            )
        )
        connection.execute(text("DROP TABLE _ola_holds"))
        connection.execute(
            text("CREATE INDEX ix_ticket_ola_holds_cycle_id ON ticket_ola_holds (cycle_id)")
        )
        # The log's authors as text, the rest as head stores it (the code these
        # migrations run reads the codes): 0030 stores the id of a name in event_authors.
        head_sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'ticket_events'")
        ).scalar_one()
        author_key = ", \n\tCONSTRAINT fk_ticket_events_author_id_event_authors FOREIGN KEY" \
            "(author_id) REFERENCES event_authors (id)"  # fmt: skip
        assert author_key in head_sql and "author_id INTEGER," in head_sql
        connection.execute(text("ALTER TABLE ticket_events RENAME TO _events"))
        connection.execute(
            text(
                head_sql.replace(author_key, "").replace(
                    "author_id INTEGER,", "author VARCHAR(200),"
                )
            )
        )
        kept = "ticket_id, seq, at, type_code, status_code, priority_code, field, value"
        connection.execute(
            text(
                f"INSERT INTO ticket_events ({kept}, author) SELECT {kept},"
                " (SELECT name FROM event_authors WHERE id = author_id) FROM _events"
            )
        )
        connection.execute(text("DROP TABLE _events"))
        connection.execute(text("DROP TABLE event_authors"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0013'"))
    with seeded.workspace.engine.begin() as connection:
        upgrade(connection)
        assert (_rows(connection, holds), _rows(connection, at_stop)) == expected
        assert _rows(connection, clocks) == stored
