"""Agreements on PostgreSQL give what they give on SQLite: migration 0005, versions,
services, outages, survey answers, the customer calendar and the statement.

Opt-in like ``test_postgres_live.py``: set ``SLAWORKBENCH_TEST_POSTGRES`` to a server URL
whose role may create databases (``. .ci/postgres.sh`` starts a throw-away one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from slaworkbench.app.agreements.csv_files import CsvRefused, import_survey_csv
from slaworkbench.app.agreements.statement import build_statement
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace
from tests.support.engines import needs_postgres, postgres_database

pytestmark = needs_postgres


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_database(seeded=False) as url:
        yield url


def _scenario(tmp_path: Path, url: str | None) -> tuple[object, ...]:
    tmp_path.mkdir()
    ws = agreement_workspace(tmp_path, url)
    try:
        acme_january(ws)
        bad = tmp_path / "bad.csv"
        bad.write_text("ticket_id,answered_at,kind,score,comment\n1,2026-01-20T10:00Z,csat,9,\n")
        with pytest.raises(CsvRefused):
            import_survey_csv(ws, bad)
        s = build_statement(ws, "Acme", dt.date(2026, 1, 1), dt.date(2026, 1, 31),
                            now=JAN_2026 + 40 * 86_400)  # fmt: skip
    finally:
        ws.close()
    return (
        s.total_credit,
        tuple((c.rule, c.amount, c.ticket_ids, c.outage_ids) for c in s.credits),
        tuple((c.metric, c.result.achieved, c.result.breached) for c in s.compliance),
        tuple((x.service, x.availability.down_seconds) for x in s.services),
        (s.csat.satisfied, s.csat.answers, s.nps.score),
    )


def test_postgresql_gives_what_sqlite_gives(tmp_path: Path, postgres_url: str) -> None:
    on_sqlite = _scenario(tmp_path / "sqlite", None)
    on_postgres = _scenario(tmp_path / "postgres", postgres_url)
    assert on_sqlite[0] == 420.0
    assert on_postgres == on_sqlite
