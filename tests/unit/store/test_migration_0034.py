"""Migration 0034 (each holder's samples kept per span, ``held_samples`` and
``held_sample_spans``) creates both tables empty: an upgraded 0033 file keeps no span,
reads the "who held the clock" figures from its clock rows exactly as a file written at
head reads them from its kept spans, and the next recompute run keeps the same spans
with the same samples as the writers keep them; on both engines the tables take a
sample blob back byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from slaworkbench.app.ola.held_samples import held_samples_differences
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.workspace import open_workspace, upgrade
from tests.support.engines import ENGINES
from tests.support.older_files import (
    copy_into_revision,
    database_at,
    demo_file,
    every_metric_holders,
    read_at_head,
)

NOW = 1_780_000_000
LATER = NOW + 40 * 86_400  # the span of NOW has ended: kept too
SPANS = "SELECT metric, span FROM held_sample_spans ORDER BY 1, 2"
SAMPLES = "SELECT * FROM held_samples ORDER BY 1, 2, 3, 4, 5"


def _check(connection: Connection) -> None:
    assert held_samples_differences(connection) == []


def test_an_upgraded_0033_file_reads_the_same_and_keeps_the_same_spans(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", tickets=800, now=NOW)
    spans, figures = read_at_head(f"sqlite:///{fresh}", SPANS, every_metric_holders, _check)
    assert len(spans) >= 2  # both metrics, a span each at least
    assert any(figure.measured for figure in figures)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0033")
    assert read_at_head(f"sqlite:///{old}", SPANS, every_metric_holders, _check) == ([], figures)

    for path in (fresh, old):
        workspace = open_workspace(f"sqlite:///{path}", create=False)
        try:
            recompute(workspace, now=LATER)
        finally:
            workspace.close()
    fresh_after = read_at_head(f"sqlite:///{fresh}", SAMPLES, every_metric_holders, _check)
    old_after = read_at_head(f"sqlite:///{old}", SAMPLES, every_metric_holders, _check)
    assert len(fresh_after[0]) > len(spans)
    assert old_after == fresh_after


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0034_tables_hold_a_blob_byte_for_byte(engine_name: str, tmp_path: Path) -> None:
    blob = bytes(range(256)) * 3
    with database_at(engine_name, tmp_path, "0033") as engine:
        with engine.begin() as connection:
            upgrade(connection)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO held_sample_spans (metric, span) VALUES (3, 640)"))
            connection.execute(
                text(
                    "INSERT INTO held_samples (metric, span, reading, kind, holder_id, cycles,"
                    " breached, first_place, seconds) VALUES (3, 640, 1, 0, -1, 192, 2,"
                    " 9000000000, :blob)"
                ),
                {"blob": blob},
            )
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT seconds, first_place FROM held_samples")).one()
            assert (bytes(stored[0]), stored[1]) == (blob, 9_000_000_000)
            assert connection.execute(text(SPANS)).all() == [(3, 640)]
