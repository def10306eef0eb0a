"""Survey answers and outages from CSV files: all or nothing, with line-level errors.

Both files have a header row; data starts on line 2. Instants are ISO 8601 with a zone
(``2026-01-05T10:00:00Z``, ``2026-01-05 10:00+01:00``); one without a zone is UTC.

- Survey answers: ``ticket_id, answered_at, kind, score, comment`` — ``ticket_id`` is the
  workspace's ticket number or the ticket's external id; ``kind`` is ``csat`` (1–5) or
  ``nps`` (0–10); ``comment`` may be empty.
- Outages: ``service, started_at, ended_at, weight, planned, description, tickets`` —
  ``ended_at`` empty while it goes on, ``weight`` empty = 1, ``planned`` yes/no,
  ``tickets`` ticket numbers separated by spaces.

Every row is checked before anything is written; any bad row refuses the whole file
(``CsvRefused`` lists each problem with its line and column) and nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from slaworkbench.app.changes import Changes
from slaworkbench.app.permissions import Role, require
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.services import OutageDraft, check_outage, save_outage
from slaworkbench.store.agreements.surveys import SurveyDraft, add_survey_answers, check_survey
from slaworkbench.store.agreements.tickets import ticket_ids_for
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.workspace import Workspace

SURVEY_COLUMNS = ("ticket_id", "answered_at", "kind", "score", "comment")
OUTAGE_COLUMNS = (
    "service", "started_at", "ended_at", "weight", "planned", "description", "tickets",
)  # fmt: skip

OPTIONAL_COLUMNS = frozenset({"comment", "description", "tickets", "weight", "planned", "ended_at"})


@dataclass(frozen=True, slots=True)
class CsvProblem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return tr("Line {line}, column {column}: {message}").format(
            line=self.line, column=self.column, message=self.message
        )


class CsvRefused(ValidationError):
    """The file was refused and nothing was written; ``problems`` say where and why."""

    def __init__(self, problems: Sequence[CsvProblem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        more = len(self.problems) - 1
        text = tr("Nothing was imported. {problem}").format(problem=first)
        if more:
            text += " " + tr("({count} more problems.)").format(count=more)
        super().__init__(text)


@dataclass(frozen=True, slots=True)
class CsvImported:
    rows: int
    changes: Changes


def parse_instant(text: str) -> int:
    value = text.strip()
    if not value:
        raise ValueError(tr("an instant is needed here."))
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(
            tr("“{value}” is not an instant like 2026-01-05T10:00:00Z.").format(value=value)
        ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


T = TypeVar("T")


def _read_rows(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or ()]
        missing = [c for c in columns if c not in header and c not in OPTIONAL_COLUMNS]
        if missing:
            raise CsvRefused([CsvProblem(1, missing[0], tr("this column is missing."))])
        reader.fieldnames = header
        return [
            (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None})
            for row in reader
        ]


def _cell(
    problems: list[CsvProblem], line: int, column: str, parse: Callable[[str], T], text: str
) -> T | None:
    """``parse(text)``, or ``None`` with the problem noted against the line and column."""
    try:
        return parse(text)
    except (ValueError, ValidationError) as error:
        problems.append(CsvProblem(line, column, str(error)))
        return None


def _score(text: str) -> int:
    return _whole(text, tr("A score"))


def _tickets(text: str) -> tuple[int, ...]:
    return tuple(_whole(t, tr("A ticket number")) for t in text.split())


def _whole(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError as error:
        raise ValueError(
            tr("{what} is a whole number, not “{value}”.").format(what=what, value=text)
        ) from error


def read_survey_csv(ws: Workspace, path: Path) -> list[SurveyDraft]:
    """Every answer of the file, checked; ``CsvRefused`` at the first bad file."""
    rows = _read_rows(path, SURVEY_COLUMNS)
    with ws.session() as session:
        tickets = ticket_ids_for(session, {row["ticket_id"] for _, row in rows})
    problems: list[CsvProblem] = []
    drafts: list[SurveyDraft] = []
    for line, row in rows:

        def ticket(reference: str) -> int:
            if reference not in tickets:
                raise ValueError(tr("there is no ticket “{id}”.").format(id=reference))
            return tickets[reference]

        ticket_id = _cell(problems, line, "ticket_id", ticket, row["ticket_id"])
        at = _cell(problems, line, "answered_at", parse_instant, row["answered_at"])
        kind = row["kind"].lower()
        if kind not in ("csat", "nps"):
            problems.append(CsvProblem(line, "kind", tr("the kind is csat or nps.")))
            continue
        score = _cell(problems, line, "score", _score, row["score"])
        if ticket_id is None or at is None or score is None:
            continue
        draft = SurveyDraft(ticket_id, kind, score, at, row.get("comment") or None)
        try:
            check_survey(draft)
        except ValidationError as error:
            problems.append(CsvProblem(line, "score", str(error)))
            continue
        drafts.append(draft)
    if problems:
        raise CsvRefused(problems)
    return drafts


def import_survey_csv(ws: Workspace, path: Path) -> CsvImported:
    drafts = read_survey_csv(ws, path)
    with ws.session(write=True) as session:
        count = add_survey_answers(session, drafts)
    return CsvImported(count, Changes(agreements=True))


def _planned(text: str) -> bool:
    value = text.strip().lower()
    if value in ("", "no", "n", "false", "0"):
        return False
    if value in ("yes", "y", "true", "1"):
        return True
    raise ValueError(tr("planned is yes or no, not “{value}”.").format(value=text))


def _weight(text: str) -> float:
    if not text:
        return 1.0
    try:
        return float(text)
    except ValueError as error:
        raise ValueError(tr("the weight is a number from 0 to 1.")) from error


def read_outage_csv(path: Path) -> list[tuple[int, OutageDraft]]:
    """Every outage of the file with its line, checked; ``CsvRefused`` for a bad file."""
    rows = _read_rows(path, OUTAGE_COLUMNS)
    problems: list[CsvProblem] = []
    drafts: list[tuple[int, OutageDraft]] = []
    for line, row in rows:
        before = len(problems)
        start = _cell(problems, line, "started_at", parse_instant, row["started_at"])
        end_text = row.get("ended_at", "")
        end = _cell(problems, line, "ended_at", parse_instant, end_text) if end_text else None
        weight = _cell(problems, line, "weight", _weight, row.get("weight", ""))
        planned = _cell(problems, line, "planned", _planned, row.get("planned", ""))
        tickets = _cell(problems, line, "tickets", _tickets, row.get("tickets", ""))
        if not row.get("service"):
            problems.append(CsvProblem(line, "service", tr("name the service.")))
        if len(problems) > before or start is None or weight is None or planned is None:
            continue
        draft = OutageDraft(
            row["service"], start, end, weight, planned, row.get("description", ""), tickets or ()
        )
        try:
            check_outage(draft)
        except ValidationError as error:
            column = "weight" if "weight" in str(error) else "ended_at"
            problems.append(CsvProblem(line, column, str(error)))
            continue
        drafts.append((line, draft))
    if problems:
        raise CsvRefused(problems)
    return drafts


def import_outage_csv(ws: Workspace, path: Path) -> CsvImported:
    """All outages of the file, or none (an unknown service or ticket refuses the file)."""
    require(ws, Role.MANAGER, tr("import outages"))
    drafts = read_outage_csv(path)
    with ws.session(write=True) as session:
        for line, draft in drafts:
            try:
                save_outage(session, None, draft)
            except ValidationError as error:
                column = "service" if "service" in str(error) else "tickets"
                raise CsvRefused([CsvProblem(line, column, str(error))]) from error
    return CsvImported(len(drafts), Changes(agreements=True))
