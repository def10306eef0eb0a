"""The timeline cache's events packed in 64-bit words instead of decimal text.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04

``ticket_timelines.events`` held ``at,seq,code`` of each event the clock engine reads as
comma-separated decimals: about 17 bytes an event, 228 MB of the 1M demo. Packed, a
ticket's timeline is its earliest instant and then one little-endian 64-bit word per
event (the instant's distance from that one in the low 32 bits, ``seq * 512 + code``
above): 8 bytes an event, and read with ``numpy.frombuffer`` instead of a decimal parse.
A ticket whose values do not fit that (over four million events, or a log spanning over
a century) keeps ``at, seq, code`` as three words each (``store.clocks.timelines``).

The rows are converted here, not dropped: the cache also holds each ticket's clock
fingerprint, and a ticket without a row counts as not yet evaluated. A row whose text
does not parse, or disagrees with its count, is dropped instead: the next recompute
reads that ticket's events again, as it does for any damaged timeline. SQLite builds the
table again (its column is declared ``BLOB`` now); PostgreSQL adds a ``bytea`` column,
fills it and puts it in the text's place (an offline ``--sql`` script cannot convert
rows: it empties the cache, which the next recompute fills again).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHUNK = 20_000
_NAMING = {
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _packed(text: str, count: int) -> bytes | None:
    """One timeline's text as this revision packs it; ``None``: the text is damaged."""
    if count == 0:
        return b"" if not text else None
    with warnings.catch_warnings():  # older numpy warns and stops at a non-number
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            values = np.fromstring(text, dtype=np.int64, sep=",")
        except ValueError:
            return None
    if values.size != 3 * count:
        return None
    at, seq, code = values.reshape(-1, 3).T
    base = int(at.min())
    delta = at - base
    fits = (delta < 1 << 32) & (seq >= 0) & (seq < 1 << 22) & (code >= 0) & (code < 512)
    if fits.all():
        words = delta | ((seq * 512 + code) << 32)
        return np.array([base], dtype="<i8").tobytes() + words.astype("<i8").tobytes()
    return values.astype("<i8").tobytes()


def _timelines(metadata: sa.MetaData) -> sa.Table:
    """``ticket_timelines`` as of this revision."""
    sa.Table("tickets", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    return sa.Table(
        "ticket_timelines",
        metadata,
        sa.Column(
            "ticket_id",
            sa.Integer(),
            sa.ForeignKey("tickets.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("events", sa.LargeBinary(), nullable=False),
        sa.Column("clocks_hash", sa.BigInteger(), nullable=True),
    )


def _upgrade_sqlite(bind: sa.Connection) -> None:
    op.execute("ALTER TABLE ticket_timelines RENAME TO _old_ticket_timelines")
    table = _timelines(sa.MetaData(naming_convention=_NAMING))
    table.create(bind)
    after = -1
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT ticket_id, event_count, events, clocks_hash FROM _old_ticket_timelines"
                " WHERE ticket_id > :after ORDER BY ticket_id LIMIT :limit"
            ),
            {"after": after, "limit": _CHUNK},
        ).all()
        if not rows:
            break
        after = int(rows[-1][0])
        converted = []
        for ticket_id, count, text, clocks_hash in rows:
            packed = _packed(text or "", int(count)) if isinstance(text, str) else None
            if packed is not None:
                converted.append({"t": ticket_id, "n": count, "e": packed, "h": clocks_hash})
        if converted:
            bind.execute(
                sa.text(
                    "INSERT INTO ticket_timelines (ticket_id, event_count, events, clocks_hash)"
                    " VALUES (:t, :n, :e, :h)"
                ),
                converted,
            )
    op.execute("DROP TABLE _old_ticket_timelines")


def _upgrade_postgresql(bind: sa.Connection) -> None:
    op.add_column("ticket_timelines", sa.Column("packed", sa.LargeBinary(), nullable=True))
    after = -1
    # An offline script (``alembic upgrade --sql``) has no rows to convert: it empties
    # the cache, which the next recompute fills again (as after migration 0003).
    while not op.get_context().as_sql:
        rows = bind.execute(
            sa.text(
                "SELECT ticket_id, event_count, events FROM ticket_timelines"
                " WHERE ticket_id > :after ORDER BY ticket_id LIMIT :limit"
            ),
            {"after": after, "limit": _CHUNK},
        ).all()
        if not rows:
            break
        after = int(rows[-1][0])
        converted = [
            {"t": ticket_id, "e": _packed(text or "", int(count))}
            for ticket_id, count, text in rows
        ]
        bind.execute(
            sa.text("UPDATE ticket_timelines SET packed = :e WHERE ticket_id = :t"), converted
        )
    op.execute("DELETE FROM ticket_timelines WHERE packed IS NULL")
    op.drop_column("ticket_timelines", "events")
    op.alter_column("ticket_timelines", "packed", new_column_name="events", nullable=False)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _upgrade_sqlite(bind)
    else:
        _upgrade_postgresql(bind)


def downgrade() -> None:
    raise NotImplementedError("0027 is not reversible: restore the backup taken before it.")
