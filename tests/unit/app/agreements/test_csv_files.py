"""Survey and outage CSV imports: all or nothing, each problem with its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from slaworkbench.app.agreements.csv_files import (
    CsvRefused,
    import_outage_csv,
    import_survey_csv,
)
from slaworkbench.app.agreements.editing import save_service
from slaworkbench.app.agreements.satisfaction import answers_of, enter_answer
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Outage, OutageTicket, SurveyAnswer
from slaworkbench.store.workspace import Workspace
from tests.support.agreements.workspace import agreement_workspace


def _count(ws: Workspace, table: type) -> int:
    with ws.session() as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def test_survey_csv_imports_every_row(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    path = tmp_path / "s.csv"
    path.write_text(
        "ticket_id,answered_at,kind,score,comment\n"
        "1,2026-01-05T10:00:00Z,csat,5,Quick and kind\n"
        "2,2026-01-05 11:00+01:00,NPS,9,\n"
    )
    result = import_survey_csv(ws, path)
    assert result.rows == 2 and result.changes.agreements
    [answer] = answers_of(ws, 2)
    assert (answer.kind, answer.score, answer.answered_at) == ("nps", 9, 1_767_607_200)
    assert answers_of(ws, 1)[0].comment == "Quick and kind"


def test_one_bad_row_refuses_the_file_and_names_line_and_column(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    path = tmp_path / "s.csv"
    path.write_text(
        "ticket_id,answered_at,kind,score,comment\n"
        "1,2026-01-05T10:00:00Z,csat,5,\n"
        "2,2026-01-05T10:00:00Z,csat,6,too happy\n"
        "999,yesterday,csat,4,\n"
    )
    with pytest.raises(CsvRefused) as caught:
        import_survey_csv(ws, path)
    problems = [(p.line, p.column) for p in caught.value.problems]
    assert problems == [(3, "score"), (4, "ticket_id"), (4, "answered_at")]
    assert "Line 3, column score" in str(caught.value)
    assert "from 1 to 5; 6" in str(caught.value)
    assert _count(ws, SurveyAnswer) == 0


def test_missing_column_is_named(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    path = tmp_path / "s.csv"
    path.write_text("ticket_id,kind,score\n1,csat,5\n")
    with pytest.raises(CsvRefused, match="Line 1, column answered_at"):
        import_survey_csv(ws, path)


def test_outage_csv(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    save_service(ws, None, name="Portal", availability_target=0.999)
    path = tmp_path / "o.csv"
    path.write_text(
        "service,started_at,ended_at,weight,planned,description,tickets\n"
        "Portal,2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,,no,down,1 2\n"
        "Portal,2026-01-11T00:00:00Z,,0.5,yes,patching,\n"
    )
    assert import_outage_csv(ws, path).rows == 2
    assert (_count(ws, Outage), _count(ws, OutageTicket)) == (2, 2)


def test_outage_csv_with_bad_rows_writes_nothing(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    save_service(ws, None, name="Portal", availability_target=0.999)
    path = tmp_path / "o.csv"
    path.write_text(
        "service,started_at,ended_at,weight,planned,description,tickets\n"
        "Portal,2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,,no,down,\n"
        "Portal,2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,1.5,no,,\n"
    )
    with pytest.raises(CsvRefused, match="Line 3, column weight"):
        import_outage_csv(ws, path)
    path.write_text(
        "service,started_at,ended_at,weight,planned,description,tickets\n"
        "Portal,2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,,no,down,\n"
        "Intranet,2026-01-10T00:00:00Z,2026-01-10T01:00:00Z,,no,,\n"
    )
    with pytest.raises(CsvRefused, match="Line 3, column service"):
        import_outage_csv(ws, path)
    assert _count(ws, Outage) == 0


def test_entering_an_answer_checks_the_scale_before_writing(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    assert enter_answer(ws, 1, "csat", 4, comment="ok", now=5).agreements
    with pytest.raises(ValidationError, match="CSAT score is a whole number from 1 to 5; 6"):
        enter_answer(ws, 1, "csat", 6)
    with pytest.raises(ValidationError, match="NPS"):
        enter_answer(ws, 1, "nps", 11)
    assert [(a.kind, a.score, a.comment) for a in answers_of(ws, 1)] == [("csat", 4, "ok")]
