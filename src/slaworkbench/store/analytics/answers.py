"""Survey answers counted in SQL: per kind, score, bucket of the ticket's first-response
time and (optionally) UTC day answered, for the satisfaction charts.

The whole UTC days of the period come from ``answer_rollup`` (a few hundred rows a day
however many answers there are, ``store/analytics/answer_rollup.py``, migration 0019)
when no ticket filter applies and the buckets are the rollup's; the rest (the period's
partial first and last days, a team, customer or priority filter, other buckets) from
``ix_survey_answers_answered_buckets`` alone, each answer's first response stored
beside it, the ticket table joined only for a filter. Before migration 0019 each
answer's first response was looked up among the clock rows: 725 ms of the dashboard's
913 ms cold load at a million tickets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from slaworkbench.store.analytics.answer_rollup import (
    DAY,
    RESPONSE_BUCKET_EDGES,
    bucket_sql,
    kind_sql,
)
from slaworkbench.store.analytics.facts import aggregates_in_use, cached
from slaworkbench.store.analytics.queries import ClockScope
from slaworkbench.store.dialect import with_index
from slaworkbench.store.schema import FIRST_RESPONSES


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

    # Inside ``facts.from_clock_rows`` the counts come from the clock rows: another entry.
    key = ("answer counts", scope, tuple(edges), by_day, aggregates_in_use())
    found: list[AnswerCount] = cached(session, key, count)
    return found


def _answer_counts(
    session: Session, scope: ClockScope, edges: Sequence[int], *, by_day: bool
) -> list[AnswerCount]:
    sums: dict[tuple[int, int, int, int], int] = {}
    whole = (-(-scope.start // DAY), scope.end // DAY)
    parts = [(scope.start, scope.end)]
    stored = aggregates_in_use()
    if (
        stored
        and tuple(edges) in (RESPONSE_BUCKET_EDGES, ())
        and not scope.filters_tickets
        and whole[0] < whole[1]
    ):
        for key, count in _from_rollup(session, whole, by_day=by_day, buckets=bool(edges)):
            sums[key] = sums.get(key, 0) + count
        parts = [(scope.start, whole[0] * DAY), (whole[1] * DAY, scope.end)]
    for start, end in parts:
        if start < end:
            counted = _from_answers(session, scope, start, end, edges, by_day=by_day, stored=stored)
            for key, count in counted:
                sums[key] = sums.get(key, 0) + count
    return [AnswerCount(k, s, b, d, n) for (k, s, b, d), n in sums.items() if n]


Counted = list[tuple[tuple[int, int, int, int], int]]


def _from_rollup(
    session: Session, days: tuple[int, int], *, by_day: bool, buckets: bool
) -> Counted:
    """The answers of the whole UTC days ``[days[0], days[1])`` from ``answer_rollup``
    (without ``buckets``, all in bucket 0)."""
    day = "day" if by_day else "0"
    bucket = "bucket" if buckets else "0"
    query = text(
        f"SELECT kind, score, {bucket}, {day}, SUM(answers) FROM answer_rollup"
        " WHERE day >= :first AND day < :end GROUP BY 1, 2, 3, 4"
    )
    return [
        ((int(k), int(s), int(b), int(d)), int(n))
        for k, s, b, d, n in session.execute(query, {"first": days[0], "end": days[1]})
    ]


def _from_answers(
    session: Session,
    scope: ClockScope,
    start: int,
    end: int,
    edges: Sequence[int],
    *,
    by_day: bool,
    stored: bool,
) -> Counted:
    """The answers given in ``[start, end)`` of tickets matching the scope, from the
    answers' index with their first response stored beside them (migration 0019), or
    (not ``stored``: the direct computation the tests compare with) each looked up among
    the clock rows."""
    bind = session.get_bind()
    join, first_response = "", "a.first_response"
    if not stored and edges:
        first = with_index(bind, "ticket_clocks f", "ix_ticket_clocks_first_responses")
        terms = " AND ".join(f"f.{term.strip()}" for term in FIRST_RESPONSES.split(" AND "))
        join, first_response = (
            f" LEFT JOIN {first} ON f.ticket_id = a.ticket_id AND {terms}",
            "f.elapsed",
        )
    conditions = ["a.answered_at >= :start", "a.answered_at < :end"]
    parameters: dict[str, object] = {"start": start, "end": end}
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
        f"SELECT {kind_sql('a.kind')}, a.score, {bucket_sql(first_response, edges)},"
        f" {day}, count(*)"
        f" FROM {with_index(bind, 'survey_answers a', 'ix_survey_answers_answered_buckets')}"
        f"{join} WHERE {' AND '.join(conditions)} GROUP BY 1, 2, 3, 4"
    )
    return [
        ((int(k), int(s), int(b), int(d)), int(n))
        for k, s, b, d, n in session.execute(query, parameters)
    ]
