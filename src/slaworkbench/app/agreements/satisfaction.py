"""CSAT and NPS answers entered on a ticket (one write transaction each)."""

from __future__ import annotations

import time

from slaworkbench.app.changes import Changes
from slaworkbench.store.agreements.surveys import (
    SurveyDraft,
    SurveyInfo,
    add_survey_answers,
    check_survey,
    ticket_answers,
)
from slaworkbench.store.workspace import Workspace


def enter_answer(
    ws: Workspace,
    ticket_id: int,
    kind: str,
    score: int,
    *,
    comment: str | None = None,
    now: int | None = None,
) -> Changes:
    """Record one answer given now; a score outside its scale is refused before writing."""
    draft = SurveyDraft(
        ticket_id, kind, score, int(time.time()) if now is None else now, comment or None
    )
    check_survey(draft)
    with ws.session(write=True) as session:
        add_survey_answers(session, [draft])
    return Changes(agreements=True)


def answers_of(ws: Workspace, ticket_id: int) -> list[SurveyInfo]:
    with ws.session() as session:
        return ticket_answers(session, ticket_id)
