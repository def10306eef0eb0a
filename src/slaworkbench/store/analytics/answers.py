"""Survey answers counted in SQL: per kind, score, bucket of the ticket's first-response
time and (optionally) UTC day answered, for the satisfaction charts.

One grouped query returns a few hundred rows however many answers the period holds; the
ticket table is joined only when a team, customer or priority filter asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session, aliased

from slaworkbench.store.analytics.facts import cached
from slaworkbench.store.analytics.queries import ClockScope, ticket_conditions
from slaworkbench.store.schema import SurveyAnswer, Ticket, TicketClock

DAY = 86400
KINDS = ("csat", "nps")


@dataclass(frozen=True, slots=True)
class AnswerCount:
    kind: int
    """Index into ``KINDS`` (-1 for anything else)."""
    score: int
    bucket: int
    """-1: the ticket has no first response; else the number of ``edges`` at or below
    its first-response business seconds (0 when no edges are given)."""
    day: int
    """The UTC day answered (``answered_at // 86400``), or 0 when not asked for."""
    count: int


def answer_counts(
    session: Session, scope: ClockScope, edges: Sequence[int], *, by_day: bool
) -> list[AnswerCount]:
    """Answers given in ``[scope.start, scope.end)`` of tickets matching the scope, once
    per snapshot (``store/analytics/facts.py``); without ``edges`` the first responses
    are not looked up."""

    def count() -> list[AnswerCount]:
        return _answer_counts(session, scope, edges, by_day=by_day)

    found: list[AnswerCount] = cached(
        session, ("answer counts", scope, tuple(edges), by_day), count
    )
    return found


def _answer_counts(
    session: Session, scope: ClockScope, edges: Sequence[int], *, by_day: bool
) -> list[AnswerCount]:
    first = aliased(TicketClock, name="first")
    bucket = (
        case(
            (first.elapsed.is_(None), literal(-1)),
            *((first.elapsed < edge, literal(i)) for i, edge in enumerate(edges)),
            else_=literal(len(edges)),
        )
        if edges
        else literal(0)
    ).label("bucket")
    kind = case(
        *((SurveyAnswer.kind == name, literal(i)) for i, name in enumerate(KINDS)),
        else_=literal(-1),
    ).label("kind")
    day = (SurveyAnswer.answered_at // DAY if by_day else literal(0)).label("day")
    query = (
        select(kind, SurveyAnswer.score, bucket, day, func.count())
        .select_from(SurveyAnswer)
        .where(SurveyAnswer.answered_at >= scope.start, SurveyAnswer.answered_at < scope.end)
        .group_by(kind, SurveyAnswer.score, bucket, day)
    )
    if edges:
        query = query.outerjoin(
            first,
            and_(
                first.ticket_id == SurveyAnswer.ticket_id,
                first.metric == "first_response",
                first.cycle_index == 0,
                first.stopped_at.is_not(None),
            ),
        )
    if scope.filters_tickets:
        query = query.join(Ticket, Ticket.id == SurveyAnswer.ticket_id).where(
            *ticket_conditions(scope)
        )
    return [
        AnswerCount(int(k), int(s), int(b), int(d), int(n))
        for k, s, b, d, n in session.execute(query)
    ]
