"""The daily rollup of survey answers (``answer_rollup``) and each answer's stored
first-response time (``survey_answers.first_response``): built, kept and checked.

The satisfaction charts count a period's answers per kind, score and bucket of their
ticket's first-response business time. Looking each answer's first response up among
the clock rows cost one index probe per answer (725 ms of the dashboard's cold load at
a million tickets, issue 16); so each answer row carries its ticket's first response
(``FIRST_RESPONSES``: the elapsed of the stopped cycle 0, else NULL) and
``answer_rollup`` counts the answers per UTC day answered, kind, score and bucket
(``RESPONSE_BUCKET_EDGES``). Both are derived data, changed in the transaction that
changes what they derive from:

- the answers (inserted only, never updated or deleted by the program): ``add_survey_answers``
  inserts them and calls ``count_new_answers``; the demo inserts its answers before the
  clocks of its tickets exist and counts them once those are written
  (``answers_counted_later``);
- the first-response clocks: ``refresh_answers`` after every clock write, called by
  ``store/analytics/rollup.py`` where the clock rollup is kept (``rollup_kept`` for the
  tickets it covers: ticket actions, new tickets of an import or recompute;
  ``count_rewritten`` for the tickets whose stopped first-response rows a bulk write
  rewrote: recompute, re-baseline, import, demo). It moves the answers whose stored
  first response differs from the clock rows' to their new bucket and stores the new
  value: for the usual write, one indexed read of the tickets' answers and nothing
  written.

``rebuild_answer_rollup`` recomputes both from the clock rows (the migration does the
same in SQL of its own); ``answer_rollup_differences`` compares them (the tests check it
after every kind of write; ``slaworkbench check`` rebuilds them when they differ).
Portable SQL (SQLite and PostgreSQL: ``INSERT ... ON CONFLICT DO UPDATE``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection

from slaworkbench.store.schema import FIRST_RESPONSES

DAY = 86400
TABLE = "answer_rollup"
KEY = ("day", "kind", "score", "bucket")
KINDS = ("csat", "nps")
RESPONSE_BUCKET_EDGES = (3600, 4 * 3600, 8 * 3600, 24 * 3600)
"""The first-response buckets the satisfaction chart shows and the rollup counts by (a
bucket is the number of edges at or below the business seconds)."""

_ID_BATCH = 500
_LATER = "slaworkbench_answers_counted_later"

Key = tuple[int, int, int, int]


def kind_sql(column: str) -> str:
    """The kind's code (index into ``KINDS``, -1 for anything else)."""
    whens = " ".join(f"WHEN '{name}' THEN {i}" for i, name in enumerate(KINDS))
    return f"CASE {column} {whens} ELSE -1 END"


def bucket_sql(column: str, edges: Sequence[int] = RESPONSE_BUCKET_EDGES) -> str:
    """The bucket of a first-response time (-1 for NULL; 0 when no ``edges``)."""
    if not edges:
        return "0"
    return (
        f"CASE WHEN {column} IS NULL THEN -1 "
        + " ".join(f"WHEN {column} < {int(edge)} THEN {i}" for i, edge in enumerate(edges))
        + f" ELSE {len(edges)} END"
    )


def first_response_sql(ticket: str) -> str:
    """The business seconds of the first first response of ticket ``ticket`` (a column
    expression), NULL while it has none stopped: a lookup by the clock rows' unique key."""
    terms = " AND ".join(f"f.{term.strip()}" for term in FIRST_RESPONSES.split(" AND "))
    return f"(SELECT f.elapsed FROM ticket_clocks f WHERE f.ticket_id = {ticket} AND {terms})"


_CONFLICT = (
    f" ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET answers = {TABLE}.answers + excluded.answers"
)


def _grouped(select_from: str, first_response: str, sign: str = "") -> str:
    """The answers of ``select_from`` (alias ``a``), grouped by the rollup's key with
    ``first_response`` as their first-response time."""
    return (
        f"SELECT a.answered_at / {DAY} AS day, {kind_sql('a.kind')} AS kind, a.score AS score,"
        f" {bucket_sql(first_response)} AS bucket, {sign}COUNT(*) AS n FROM {select_from}"
        " GROUP BY 1, 2, 3, 4"
    )


def _insert(select: str) -> str:
    return f"INSERT INTO {TABLE} ({', '.join((*KEY, 'answers'))}) {select}{_CONFLICT}"


def _conditions(column: str, ticket_ids: Sequence[int]) -> list[str]:
    """Conditions on ``column`` that cover these sorted ticket ids: one range where they
    are contiguous (a bulk load's chunk), else lists of ``_ID_BATCH``."""
    if ticket_ids and ticket_ids[-1] - ticket_ids[0] + 1 == len(ticket_ids):
        return [f"{column} BETWEEN {int(ticket_ids[0])} AND {int(ticket_ids[-1])}"]
    return [
        "{} IN ({})".format(
            column, ", ".join(str(int(i)) for i in ticket_ids[start : start + _ID_BATCH])
        )
        for start in range(0, len(ticket_ids), _ID_BATCH)
    ]


def _changed(first_response: str) -> str:
    """Whether an answer's stored first response (``a.first_response``) differs from
    ``first_response``, NULLs compared as values (portable: no ``IS DISTINCT FROM``)."""
    return (
        f"(a.first_response <> {first_response}"
        f" OR (a.first_response IS NULL AND {first_response} IS NOT NULL)"
        f" OR (a.first_response IS NOT NULL AND {first_response} IS NULL))"
    )


def refresh_answers(connection: Connection, ticket_ids: Iterable[int]) -> None:
    """After a write of these tickets' clock rows, in its transaction: the answers whose
    stored first response is no longer their ticket's move to their new bucket in
    ``answer_rollup`` and store the new value. Tickets whose answers are counted later
    (``answers_counted_later``) are left to it."""
    later: tuple[int, bool] | None = connection.info.get(_LATER)
    if later is not None and not later[1]:
        return  # no answer but those counted later (and no index to find them by)
    ids = sorted({int(i) for i in ticket_ids if later is None or int(i) <= later[0]})
    for where in _conditions("a.ticket_id", ids):
        current = first_response_sql("a.ticket_id")
        moved = f"{_changed(current)} AND {where}"
        found = connection.exec_driver_sql(
            f"SELECT 1 FROM survey_answers a WHERE {moved} LIMIT 1"
        ).first()
        if found is None:
            continue
        # Out of the stored bucket and into the new one, grouped: the answers whose
        # bucket did not change add nothing.
        connection.exec_driver_sql(
            f"INSERT INTO {TABLE} ({', '.join((*KEY, 'answers'))})"
            f" SELECT day, kind, score, bucket, SUM(n) FROM ("
            f"{_grouped(f'survey_answers a WHERE {moved}', current)}"
            f" UNION ALL {_grouped(f'survey_answers a WHERE {moved}', 'a.first_response', '-')}"
            ") moved GROUP BY day, kind, score, bucket"
            f" HAVING SUM(n) <> 0{_CONFLICT}"
        )
        connection.exec_driver_sql(f"DELETE FROM {TABLE} WHERE answers = 0")
        table = "survey_answers.ticket_id"
        connection.exec_driver_sql(
            f"UPDATE survey_answers SET first_response = {first_response_sql(table)}"
            f" WHERE {where.replace('a.ticket_id', table)} AND "
            + _changed(first_response_sql(table)).replace(
                "a.first_response", "survey_answers.first_response"
            )
        )


def count_new_answers(connection: Connection, answer_ids: Iterable[int]) -> None:
    """Store the first response of these answers and add them to ``answer_rollup``: for
    answers just inserted, in the transaction that inserted them."""
    ids = sorted({int(i) for i in answer_ids})
    for where in _conditions("{table}.id", ids):
        _count(connection, where.format)


def _count(connection: Connection, where: Callable[..., str]) -> None:
    """Store the first response of the answers ``where`` gives a condition for (given
    the table's name or alias) and add them to ``answer_rollup``."""
    connection.exec_driver_sql(
        "UPDATE survey_answers SET first_response ="
        f" {first_response_sql('survey_answers.ticket_id')} WHERE {where(table='survey_answers')}"
    )
    connection.exec_driver_sql(
        _insert(_grouped(f"survey_answers a WHERE {where(table='a')}", "a.first_response"))
    )


@contextmanager
def answers_counted_later(connection: Connection, after_ticket_id: int) -> Iterator[None]:
    """For a bulk load that inserts the answers of new tickets (ids above
    ``after_ticket_id``) before their clocks: the clock writes inside the block leave
    those answers alone, and the end of the block stores their first responses and counts
    them, once, in the same transaction."""
    if _LATER in connection.info:
        raise RuntimeError("answers_counted_later does not nest")
    # The answers there are now are all of tickets up to ``after_ticket_id``; when there
    # are none, the clock writes inside the block have none to move.
    existing = connection.exec_driver_sql("SELECT 1 FROM survey_answers LIMIT 1").first()
    connection.info[_LATER] = (int(after_ticket_id), existing is not None)
    try:
        yield
    finally:
        del connection.info[_LATER]
    _count(connection, f"{{table}}.ticket_id > {int(after_ticket_id)}".format)


def rebuild_answer_rollup(connection: Connection) -> None:
    """Recompute every answer's first response and ``answer_rollup``, in the caller's
    transaction."""
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    _count(connection, "1 = 1".format)


def answer_rollup_rows(connection: Connection) -> dict[Key, int]:
    """Every row of ``answer_rollup``, for checks."""
    return {
        (int(d), int(k), int(s), int(b)): int(n)
        for d, k, s, b, n in connection.exec_driver_sql(
            f"SELECT {', '.join(KEY)}, answers FROM {TABLE}"
        )
    }


def answer_rollup_differences(connection: Connection) -> list[tuple[Key, int, int]]:
    """``(key, stored, from the answers and clock rows)`` of every row of ``answer_rollup``
    that differs from what the answers with their ticket's first response give (empty
    when it is right), in key order; an answer whose stored first response differs from
    its ticket's counts as a difference too, keyed ``(-1, -1, -1, answer id)``."""
    derived = {
        (int(d), int(k), int(s), int(b)): int(n)
        for d, k, s, b, n in connection.exec_driver_sql(
            _grouped("survey_answers a", first_response_sql("a.ticket_id"))
        )
    }
    stored = answer_rollup_rows(connection)
    found = [
        (key, stored.get(key, 0), derived.get(key, 0))
        for key in sorted(stored.keys() | derived.keys())
        if stored.get(key, 0) != derived.get(key, 0)
    ]
    current = first_response_sql("a.ticket_id")
    found.extend(
        ((-1, -1, -1, int(i)), _or_minus_one(stored_), _or_minus_one(now))
        for i, stored_, now in connection.exec_driver_sql(
            f"SELECT a.id, a.first_response, {current} FROM survey_answers a"
            f" WHERE {_changed(current)} ORDER BY a.id"
        )
    )
    return found


def _or_minus_one(value: object) -> int:
    return -1 if value is None else int(str(value))
