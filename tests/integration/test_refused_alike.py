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
        ("x" * 501, "ticket “T-2” has a subject of 501 characters, more than the 500"),
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
