"""Both engines accept and refuse the same import with the same sentence: a text the
server cannot keep (a subject over 500 characters, a NUL character) refuses the whole
file, naming the ticket, and nothing is imported (it used to import on SQLite and abort
with a traceback on PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaworkbench.app.importing.run import import_ticket_csv
from slaworkbench.store.importing.records import ImportFileError
from slaworkbench.store.workspace import Workspace


def _ticket_csv(path: Path, subject: str) -> Path:
    path.write_text(
        "id,subject,priority,status,created\n"
        "T-1,Fine,normal,open,2026-09-01T08:00:00+00:00\n"
        f'T-2,"{subject}",normal,open,2026-09-01T09:00:00+00:00\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("subject", "sentence"),
    [
        ("x" * 501, "the subject of ticket “T-2” has 501 characters, more than the 500"),
        ("bad\x00byte", "ticket “T-2” has a NUL character in its subject"),
    ],
)
def test_text_the_server_refuses_is_refused_alike_and_nothing_imported(
    engine_workspace: Workspace, tmp_path: Path, subject: str, sentence: str
) -> None:
    path = _ticket_csv(tmp_path / "tickets.csv", subject)
    with pytest.raises(ImportFileError, match=r"^Nothing was imported: ") as refused:
        import_ticket_csv(engine_workspace, path)
    assert sentence in str(refused.value)
    assert engine_workspace.is_empty()


def test_the_longest_subject_that_fits_imports_on_both(
    engine_workspace: Workspace, tmp_path: Path
) -> None:
    summary = import_ticket_csv(engine_workspace, _ticket_csv(tmp_path / "t.csv", "y" * 500))
    assert summary.tickets_imported == 2


def test_an_assignee_named_only_on_the_way_is_held_to_the_agents_limit(
    engine_workspace: Workspace, tmp_path: Path
) -> None:
    """Everyone a ticket was assigned to becomes an agent (a name of at most 200
    characters): one named only on an earlier row, not the ticket's last assignee, is
    refused alike too (PostgreSQL would have stopped the import at its insert)."""
    import json

    from slaworkbench.app.importing.run import import_event_log
    from tests.support.import_files import PRESET

    preset = dict(PRESET, columns=dict(PRESET["columns"], author="By"))  # type: ignore[arg-type]
    preset_path = tmp_path / "preset.json"
    preset_path.write_text(json.dumps(preset), encoding="utf-8")
    long_name = "x" * 201
    log = tmp_path / "log.csv"
    log.write_text(
        "Case,When,Status,Sub Status,Impact,Owner,By\n"
        f"A1,2026-03-02T09:00:00+00:00,Queued,Waiting,Medium,{long_name},ana\n"
        "A1,2026-03-02T09:30:00+00:00,Accepted,Working,Medium,bo,bo\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError, match=r"^Nothing was imported: ") as refused:
        import_event_log(engine_workspace, log, str(preset_path))
    assert "the assignee of ticket “A1” has 201 characters, more than the 200" in str(refused.value)
    assert engine_workspace.is_empty()
