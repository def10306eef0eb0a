"""Rows bound on the other core: inserts staged by a helper process (issue 16).

Handing rows to SQLite from Python costs several µs a row of twenty values: the driver
binds every value. SQLite copies the same rows from one table into another in a
fraction of that. When a bulk write (the clock step of a demo or a large import) has a
core to spare, a ``Stager`` hands a group of rows, as columns, to a helper process
(this module, run as ``python -m``), which binds them into a database in memory and
sends its bytes back (``sqlite3.Connection.serialize``); the writer then loads those
bytes into the database attached to its connection for the purpose
(``dialect.staging``) and writes the rows into the workspace's table with one
``INSERT … SELECT`` (or ``UPDATE … FROM``, by key), inside its transaction
(``dialect.copy_staged``). The helper binds one group while the writer goes on.

The staged table has no declared types, so each value keeps the type it was given and
takes the workspace column's affinity when copied, exactly as when bound there.

Nothing depends on the helper: a group it did not stage (it died, or SQLite refused a
value) is written here from the columns kept for the purpose, so the rows written are
the same either way. Pure Python and ``sqlite3`` on the helper's side: it does not import
SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import sqlite3
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from slaworkbench.store.frames import (
    FrameReceiver,
    framed,
    send,
    start_helper,
    whole_writes,
)

log = logging.getLogger(__name__)

STAGED_TABLE = "staged_rows"
"""The one table of a staged database: columns ``c0``, ``c1``…, rows in order."""
_PER_STATEMENT_VALUES = 999
"""Bound values per multi-row statement in the helper (every SQLite build takes it)."""


def can_stage() -> bool:
    """Whether this Python's ``sqlite3`` can hand a database over as bytes (both ends
    need ``serialize`` and ``deserialize``: SQLite 3.23 and Python 3.11 on)."""
    return hasattr(sqlite3.Connection, "serialize") and hasattr(sqlite3.Connection, "deserialize")


def staged_columns(width: int) -> list[str]:
    """The staged table's column names, in order."""
    return [f"c{position}" for position in range(width)]


def staged_rows(columns: Sequence[Sequence[Any]]) -> bytes:
    """A database holding the rows of ``columns`` (equal lengths, one list per column)
    in ``STAGED_TABLE``, in order, as the bytes ``sqlite3.Connection.deserialize``
    takes."""
    width = len(columns)
    database = sqlite3.connect(":memory:", isolation_level=None)
    try:
        database.execute(f"CREATE TABLE {STAGED_TABLE} ({', '.join(staged_columns(width))})")
        rows = list(zip(*columns, strict=True))
        per = max(1, _PER_STATEMENT_VALUES // max(1, width))
        one = f"({', '.join('?' * width)})"
        whole = len(rows) - len(rows) % per
        database.execute("BEGIN")
        if whole:
            flat = [value for row in rows[:whole] for value in row]
            size = per * width
            database.executemany(
                f"INSERT INTO {STAGED_TABLE} VALUES {', '.join([one] * per)}",
                (flat[start : start + size] for start in range(0, len(flat), size)),
            )
        if whole < len(rows):
            database.executemany(f"INSERT INTO {STAGED_TABLE} VALUES {one}", rows[whole:])
        database.execute("COMMIT")
        return database.serialize()
    finally:
        database.close()


@dataclass(frozen=True, slots=True)
class Target:
    """Where a group's rows go: inserted into ``names`` of ``table`` or, with a ``key``,
    each row's values set on the row of ``table`` whose ``key`` is the row's last
    value."""

    table: str
    names: tuple[str, ...]
    key: str | None = None


@dataclass(frozen=True, slots=True)
class _Pending:
    """A group handed to the helper: where its rows go, and the rows themselves (to be
    written here should the helper not stage them)."""

    target: Target
    columns: list[list[Any]]


Copy = Callable[[bytes, Target], None]
"""Writes a staged database's rows to their target: ``dialect.copy_staged`` bound to the
writer's connection."""
Write = Callable[[Target, list[tuple[Any, ...]]], None]
"""Writes rows to their target in the writer's transaction, bound there."""


class Stager:
    """A helper process that binds groups of rows while the writer goes on (module
    text). ``submit`` hands a group over; ``flush`` writes every group handed over, in
    order, copied where the helper staged it and written by ``write`` where it did not;
    ``close`` ends the helper. ``OSError`` when it cannot start."""

    def __init__(self, copy: Copy, write: Write) -> None:
        self._copy, self._write = copy, write
        self._process = start_helper(__name__)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._requests: IO[bytes] = self._process.stdin
        self._answers = FrameReceiver(self._process.stdout, "row-stager")
        self._pending: deque[_Pending] = deque()
        self._alive = True
        self.staged = 0
        """Groups copied from a staged database (the others were written here)."""

    def submit(self, target: Target, columns: list[list[Any]]) -> None:
        """Hand over the rows of ``columns`` (one list per name of the ``target``, then
        the key's when it has one); they are written by the next ``flush``."""
        if not columns or not columns[0]:
            return
        self._pending.append(_Pending(target, columns))
        if self._alive:
            try:
                self._requests.write(framed(("stage", columns)))
                self._requests.flush()
            except OSError:
                self._alive = False

    def flush(self) -> None:
        """Write every group handed over, in the order given."""
        while self._pending:
            pending = self._pending.popleft()
            data = self._answer() if self._alive else None
            if data is not None:
                self._copy(data, pending.target)
                self.staged += 1
            else:
                self._write(pending.target, list(zip(*pending.columns, strict=True)))

    def _answer(self) -> bytes | None:
        frame = self._answers.get()
        if frame is None:
            log.warning("The process staging rows ended; the rest is written here")
            self._alive = False
            return None
        message = pickle.loads(frame)
        if message[0] != "staged":
            log.warning("The process staging rows failed (%s); written here", message[1])
            return None
        data: bytes = message[1]
        return data

    def close(self) -> None:
        """End the helper (what was not flushed is dropped)."""
        self._pending.clear()
        with contextlib.suppress(OSError):
            self._requests.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._answers.join()
        if self._process.stdout is not None:
            self._process.stdout.close()


def _main() -> None:
    """The helper: a group of columns per frame of its standard input, a staged database
    per frame of its standard output; it ends with its input (its parent's end)."""
    answers = whole_writes(sys.stdout.buffer)
    # Requests are taken off the pipe as they come, so that the writer never waits for
    # this process to finish a group before it can hand over the next one.
    requests = FrameReceiver(sys.stdin.buffer, "staging-requests")
    while (frame := requests.get()) is not None:
        _, columns = pickle.loads(frame)
        try:
            send(answers, ("staged", staged_rows(columns)))
        except OSError:
            return
        except Exception as error:  # answered as a failure: the writer inserts the rows
            send(answers, ("error", repr(error)))


if __name__ == "__main__":
    _main()
