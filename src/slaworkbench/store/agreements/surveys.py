"""Survey answers (CSAT 1–5, NPS 0–10) per ticket in the store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from slaworkbench.domain.agreement.satisfaction import check_score
from slaworkbench.i18n import tr
from slaworkbench.store.analytics.answer_rollup import count_new_answers
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Customer, SurveyAnswer, Ticket


@dataclass(frozen=True, slots=True)
class SurveyDraft:
    ticket_id: int
    kind: str
    score: int
    answered_at: int
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class SurveyInfo:
    id: int
    ticket_id: int
    kind: str
    score: int
    answered_at: int
    comment: str | None


def check_survey(draft: SurveyDraft) -> None:
    try:
        check_score(draft.kind, draft.score)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def add_survey_answers(session: Session, drafts: Sequence[SurveyDraft]) -> int:
    """Insert checked answers (every ticket must exist); returns how many."""
    for draft in drafts:
        check_survey(draft)
    ids = sorted({d.ticket_id for d in drafts})
    known: set[int] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        known |= set(session.execute(select(Ticket.id).where(Ticket.id.in_(chunk))).scalars())
    for draft in drafts:
        if draft.ticket_id not in known:
            raise ValidationError(
                tr("There is no ticket #{id}; answers belong to existing tickets.").format(
                    id=draft.ticket_id
                )
            )
    if drafts:
        inserted = session.scalars(
            insert(SurveyAnswer).returning(SurveyAnswer.id),
            [
                {
                    "ticket_id": d.ticket_id,
                    "kind": d.kind,
                    "score": d.score,
                    "answered_at": d.answered_at,
                    "comment": d.comment,
                }
                for d in drafts
            ],
        )
        # Derived in the same transaction: each answer's first response and the daily
        # counts the satisfaction charts read.
        count_new_answers(session.connection(), inserted.all())
    return len(drafts)


def ticket_answers(session: Session, ticket_id: int) -> list[SurveyInfo]:
    rows = session.execute(
        select(SurveyAnswer)
        .where(SurveyAnswer.ticket_id == ticket_id)
        .order_by(SurveyAnswer.answered_at, SurveyAnswer.id)
    ).scalars()
    return [SurveyInfo(r.id, r.ticket_id, r.kind, r.score, r.answered_at, r.comment) for r in rows]


def customer_answers(session: Session, customer: str, start: int, end: int) -> list[SurveyInfo]:
    """The answers given in ``[start, end)`` on the customer's tickets (read as columns:
    a large customer's year is tens of thousands of answers, and an ORM object each was
    a quarter of its statement's time at a million tickets)."""
    rows = session.execute(
        select(
            SurveyAnswer.id,
            SurveyAnswer.ticket_id,
            SurveyAnswer.kind,
            SurveyAnswer.score,
            SurveyAnswer.answered_at,
            SurveyAnswer.comment,
        )
        .join(Ticket, Ticket.id == SurveyAnswer.ticket_id)
        .join(Customer, Customer.id == Ticket.customer_id)
        .where(
            Customer.name == customer,
            SurveyAnswer.answered_at >= start,
            SurveyAnswer.answered_at < end,
        )
        .order_by(SurveyAnswer.answered_at, SurveyAnswer.id)
    )
    return [SurveyInfo(*row) for row in rows]
