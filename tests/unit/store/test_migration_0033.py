"""Migration 0033 (the daily rollup summed over spans of 32 UTC days,
``clock_rollup_by_span``) builds for an older file what the writers keep: a demo written
at head and stored into a file at 0032 reads back, once upgraded, with the same span
rows, no rollup that differs from the clock rows, and the same breakdowns by customer
and by agent; on both engines, hand-written daily rows on either side of a span's first
and last day are summed into their spans, rows of one key in one span into one row, and
rows of two keys apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.compliance import compliance_by
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, upgrade
from tests.support.engines import ENGINES
from tests.support.older_files import copy_into_revision, database_at, demo_file, read_at_head

NOW = 1_780_000_000
RECORDS = "SELECT * FROM clock_rollup_by_span ORDER BY 1, 2, 3, 4, 5, 6, 7"


def _check(connection: Connection) -> None:
    assert rollup_differences(connection) == []


def _figures(session: Session, filters: Filters) -> tuple[object, ...]:
    return tuple(compliance_by(session, filters, d) for d in ("customer", "agent"))


def test_an_upgraded_0032_file_holds_what_the_writers_keep(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    records, figures = read_at_head(f"sqlite:///{fresh}", RECORDS, _figures, _check)
    assert len({row[0] for row in records}) >= 2  # the demo's weeks are in two spans
    assert any(row[-3] > 1 for row in records)  # and a span row sums several clocks
    assert all(figures)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0032")
    with_spans = read_at_head(f"sqlite:///{old}", RECORDS, _figures, _check)
    assert with_spans == (records, figures)


# (day, customer id, achieved, breached, other) of metric 0, priority 1, team 4, policy
# version 0, agent 0
DAYS = [
    (639 * 32 - 1, 1, 1, 0, 0),  # the last day of span 638
    (639 * 32, 1, 2, 0, 0),  # the first day of span 639
    (639 * 32 + 31, 1, 4, 1, 0),  # its last day
    (639 * 32 + 31, 2, 0, 0, 3),  # another customer
    (640 * 32, 1, 8, 0, 0),  # the first day of span 640
]
SPANS = [
    (638, 1, 1, 0, 0),
    (639, 1, 6, 1, 0),
    (639, 2, 0, 0, 3),
    (640, 1, 8, 0, 0),
]


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0033_sums_each_key_of_each_span(engine_name: str, tmp_path: Path) -> None:
    with database_at(engine_name, tmp_path, "0032") as engine:
        with engine.begin() as connection:
            for day, customer, achieved, breached, other in DAYS:
                connection.execute(
                    text(
                        "INSERT INTO clock_rollup (day, metric, priority, team_id, customer_id,"
                        " policy_version_id, agent_id, achieved, breached, other) VALUES"
                        " (:day, 0, 1, 4, :customer, 0, 0, :a, :b, :o)"
                    ),
                    {"day": day, "customer": customer, "a": achieved, "b": breached, "o": other},
                )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
            spans = connection.execute(
                text(
                    "SELECT span, customer_id, achieved, breached, other, metric, priority,"
                    " team_id, policy_version_id, agent_id FROM clock_rollup_by_span"
                    " ORDER BY span, customer_id"
                )
            ).all()
    assert [tuple(row[:5]) for row in spans] == SPANS
    assert {tuple(row[5:]) for row in spans} == {(0, 1, 4, 0, 0)}
