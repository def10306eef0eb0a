"""Each survey answer's first-response time (``survey_answers.first_response``) and the
daily rollup of the answers (``answer_rollup``: per UTC day answered, kind, score and
first-response bucket), built from the clock rows; the answers' index carries the stored
first response instead of the clock rows being probed per answer
(``ix_survey_answers_answered_buckets`` replaces ``ix_survey_answers_answered_counts``);
the running cycles' index by due instant carries ticket, metric and state, so the
dashboard's open work reads it alone (``ix_ticket_clocks_running_work`` replaces
``ix_ticket_clocks_running_due_at``).

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-02

The satisfaction charts looked each answer's first response up among the clock rows:
725 ms of the dashboard's 913 ms cold load at a million tickets (issue 16). Kept from
now on by ``store/analytics/answer_rollup.py`` in the transactions that write answers or
clocks; built here in SQL of its own (the same sums). The backlog's read of the running
clocks visited each open ticket's every clock row (~0.4 s of CPU at a million tickets).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FIRST_RESPONSE = (
    "(SELECT f.elapsed FROM ticket_clocks f WHERE f.ticket_id = survey_answers.ticket_id"
    " AND f.metric = 'first_response' AND f.cycle_index = 0 AND f.stopped_at IS NOT NULL)"
)
_EDGES = (3600, 4 * 3600, 8 * 3600, 24 * 3600)
_BUCKET = (
    "CASE WHEN first_response IS NULL THEN -1 "
    + " ".join(f"WHEN first_response < {edge} THEN {i}" for i, edge in enumerate(_EDGES))
    + f" ELSE {len(_EDGES)} END"
)
_BUILD = (
    "INSERT INTO answer_rollup (day, kind, score, bucket, answers)"
    " SELECT answered_at / 86400, CASE kind WHEN 'csat' THEN 0 WHEN 'nps' THEN 1 ELSE -1 END,"
    f" score, {_BUCKET}, COUNT(*) FROM survey_answers GROUP BY 1, 2, 3, 4"
)


def upgrade() -> None:
    op.add_column("survey_answers", sa.Column("first_response", sa.BigInteger(), nullable=True))
    op.execute(f"UPDATE survey_answers SET first_response = {_FIRST_RESPONSE}")
    op.create_table(
        "answer_rollup",
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("score", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("bucket", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "kind", "score", "bucket", name=op.f("pk_answer_rollup")),
        sqlite_with_rowid=False,
    )
    op.execute(_BUILD)
    op.drop_index("ix_survey_answers_answered_counts", table_name="survey_answers")
    op.create_index(
        "ix_survey_answers_answered_buckets",
        "survey_answers",
        ["answered_at", "kind", "score", "first_response", "ticket_id"],
        unique=False,
    )
    op.create_index(
        "ix_ticket_clocks_running_work",
        "ticket_clocks",
        ["due_at", "ticket_id", "metric", "state", "stopped_at"],
        unique=False,
        sqlite_where=sa.text("stopped_at IS NULL"),
        postgresql_where=sa.text("stopped_at IS NULL"),
    )
    op.drop_index("ix_ticket_clocks_running_due_at", table_name="ticket_clocks")


def downgrade() -> None:
    op.create_index(
        "ix_ticket_clocks_running_due_at",
        "ticket_clocks",
        ["due_at"],
        unique=False,
        sqlite_where=sa.text("stopped_at IS NULL"),
        postgresql_where=sa.text("stopped_at IS NULL"),
    )
    op.drop_index("ix_ticket_clocks_running_work", table_name="ticket_clocks")
    op.drop_index("ix_survey_answers_answered_buckets", table_name="survey_answers")
    op.create_index(
        "ix_survey_answers_answered_counts",
        "survey_answers",
        ["answered_at", "kind", "score", "ticket_id"],
        unique=False,
    )
    op.drop_table("answer_rollup")
    with op.batch_alter_table("survey_answers") as batch:
        batch.drop_column("first_response")
