"""The importer's speed-ups give exactly what the plain code gives.

- ``TimestampParser.parse`` (per-hour fast path) equals the full parse
  (``_parse_fully``) for every text, in zones with DST gaps and folds, with offsets,
  fractions and garbage.
- Ticket and event rows reach SQLite as positional ``executemany`` (no per-row dicts),
  grouped into multi-row statements that store exactly the rows given.
- ``existing_external_ids`` finds the same ids whichever way it looks them up.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select

from slaworkbench.store.dialect import SAFE_BOUND_PARAMETERS
from slaworkbench.store.importing.bulk import (
    EVENT_COLUMNS,
    EVENTS,
    TICKET_COLUMNS,
    TICKETS,
    RowInserter,
    existing_external_ids,
)
from slaworkbench.store.importing.presets import TimestampParser
from tests.support.import_files import workspace

ZONES = ("UTC", "Europe/Stockholm", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata")
FORMATS = (
    ("iso8601",),
    ("iso8601", "d/m/Y H:M"),
    ("d/m/Y H:M:S",),
    ("Y/m/d H:M:S.f",),
    ("Y-m-d H:M:S",),
)
PARSERS = {(f, z): TimestampParser(f, z) for f in FORMATS for z in ZONES}

moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 12, 31))
suffixes = st.sampled_from(["", "Z", "+01:00", "-05:30", "+00:00", ".5", ".999999+02:00", " x"])
layouts = st.sampled_from(
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%Y/%m/%d %H:%M:%S"]
)


@given(
    moments,
    layouts,
    suffixes,
    st.sampled_from(FORMATS),
    st.sampled_from(ZONES),
    st.sampled_from(["", " ", "  "]),
)
@example(dt.datetime(2026, 3, 29, 2, 30, 5), "%Y-%m-%dT%H:%M:%S", "", ("iso8601",),
         "Europe/Stockholm", "")  # fmt: skip
@example(dt.datetime(2026, 10, 25, 2, 30, 5), "%Y-%m-%d %H:%M:%S", "", ("Y-m-d H:M:S",),
         "Europe/Stockholm", "")  # fmt: skip
@example(dt.datetime(2026, 4, 5, 1, 45, 0), "%Y-%m-%dT%H:%M:%S", "", ("iso8601",),
         "Australia/Lord_Howe", "")  # fmt: skip
def test_fast_timestamp_parse_equals_the_full_parse(
    moment: dt.datetime,
    layout: str,
    suffix: str,
    formats: tuple[str, ...],
    zone: str,
    padding: str,
) -> None:
    parser = PARSERS[(formats, zone)]
    text = padding + moment.strftime(layout) + suffix + padding
    assert parser.parse(text) == parser._parse_fully(text.strip())
    # A second look at the same hour comes from the cache and must agree too.
    assert parser.parse(text) == parser._parse_fully(text.strip())


@given(st.text(max_size=30), st.sampled_from(FORMATS), st.sampled_from(ZONES))
@example("2026-03-02T09:61:00", ("iso8601",), "UTC")
@example("2026-02-30T09:15:00", ("iso8601",), "UTC")
@example("2026-03-02T09:٣0:00", ("iso8601",), "UTC")
def test_fast_parse_of_any_text_equals_the_full_parse(
    text: str, formats: tuple[str, ...], zone: str
) -> None:
    parser = PARSERS[(formats, zone)]
    assert parser.parse(text) == parser._parse_fully(text.strip())


def test_tickets_and_events_go_to_sqlite_positionally(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        with ws.begin() as connection:
            assert RowInserter(connection, TICKETS, TICKET_COLUMNS).positional
            assert RowInserter(connection, EVENTS, EVENT_COLUMNS).positional
    finally:
        ws.close()


def test_existing_ids_are_found_by_either_lookup(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        with ws.begin() as connection:
            assert existing_external_ids(connection, ["A", "B"]) == set()
            rows = [
                {"external_id": f"T{n}", "priority": "normal", "status": "open",
                 "created_at": 0, "updated_at": 0}
                for n in range(10)
            ]  # fmt: skip
            connection.execute(insert(TICKETS), rows)
            # Fewer wanted than held: IN lists; more wanted than held: one pass.
            assert existing_external_ids(connection, ["T1", "X", "T9"]) == {"T1", "T9"}
            wanted = [f"T{n}" for n in range(5, 30)] + ["T5"]
            assert existing_external_ids(connection, wanted) == {f"T{n}" for n in range(5, 10)}
    finally:
        ws.close()


@given(st.integers(min_value=0, max_value=260), st.booleans())
def test_grouped_inserts_write_exactly_the_rows_given(count: int, positional: bool) -> None:
    """Multi-row statements (100 rows each, then the rest one by one) store every row,
    in order, with every value; the per-row dict path stores the same."""
    engine = create_engine("sqlite://")
    table = Table("t", MetaData(), Column("a", Integer), Column("b", String), Column("c", Integer))
    table.metadata.create_all(engine)
    rows = [(n, f"row {n}" if n % 7 else None, n * n) for n in range(count)]
    with engine.begin() as connection:
        inserter = RowInserter(connection, table, ("a", "b", "c"))
        inserter.positional = positional
        inserter(rows)
        stored = connection.execute(select(table.c.a, table.c.b, table.c.c)).all()
    assert [tuple(row) for row in stored] == rows


def test_a_group_stays_within_sqlites_oldest_parameter_limit(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        with ws.begin() as connection:
            for table, columns in ((TICKETS, TICKET_COLUMNS), (EVENTS, EVENT_COLUMNS)):
                inserter = RowInserter(connection, table, columns)
                assert inserter._group_sql.count("?") <= SAFE_BOUND_PARAMETERS
                assert inserter._group > 1
    finally:
        ws.close()
