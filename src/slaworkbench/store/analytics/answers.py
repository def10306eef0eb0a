"""Survey answers counted in SQL: per kind, score, bucket of the ticket's first-response
time and (optionally) UTC day answered, for the satisfaction charts.

One grouped query returns a few hundred rows however many answers the period holds; the
ticket table is joined only when a team, customer or priority filter asks for it. The
answers are read from ``ix_survey_answers_answered_counts`` alone and each ticket's first
response from ``ix_ticket_clocks_first_responses`` (migration 0015): at a million
tickets, looking it up among the clock rows cost one scattered page read per answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from slaworkbench.store.analytics.facts import cached
from slaworkbench.store.analytics.queries import ClockScope
from slaworkbench.store.dialect import with_index
from slaworkbench.store.schema import FIRST_RESPONSES

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
    bind = session.get_bind()
    kind = " ".join(f"WHEN '{name}' THEN {i}" for i, name in enumerate(KINDS))
    bucket, join = "0", ""
    if edges:
        bucket = (
            "CASE WHEN f.elapsed IS NULL THEN -1 "
            + " ".join(f"WHEN f.elapsed < {int(edge)} THEN {i}" for i, edge in enumerate(edges))
            + f" ELSE {len(edges)} END"
        )
        # The first response from its own small index (its terms written out, as SQLite
        # uses a partial index only then), not from the clock rows: one short lookup per
        # answer where the table's rows are scattered over the whole file.
        first = with_index(bind, "ticket_clocks f", "ix_ticket_clocks_first_responses")
        terms = " AND ".join(f"f.{term.strip()}" for term in FIRST_RESPONSES.split(" AND "))
        join = f" LEFT JOIN {first} ON f.ticket_id = a.ticket_id AND {terms}"
    conditions = ["a.answered_at >= :start", "a.answered_at < :end"]
    parameters: dict[str, object] = {"start": scope.start, "end": scope.end}
    if scope.filters_tickets:
        join += " JOIN tickets t ON t.id = a.ticket_id"
        for column, value in (
            ("team_id", scope.team_id),
            ("customer_id", scope.customer_id),
            ("priority", scope.priority or None),
        ):
            if value is not None:
                conditions.append(f"t.{column} = :{column}")
                parameters[column] = value
    day = f"a.answered_at / {DAY}" if by_day else "0"
    query = text(
        f"SELECT CASE a.kind {kind} ELSE -1 END, a.score, {bucket}, {day}, count(*)"
        f" FROM {with_index(bind, 'survey_answers a', 'ix_survey_answers_answered_counts')}"
        f"{join} WHERE {' AND '.join(conditions)} GROUP BY 1, 2, 3, 4"
    )
    return [
        AnswerCount(int(k), int(s), int(b), int(d), int(n))
        for k, s, b, d, n in session.execute(query, parameters)
    ]
