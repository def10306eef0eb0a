"""Goal suggestions for the whole workspace (the Agreements tab's "Goals from current
performance" with no customer), last twelve months of the realistic demo, as a process,
against reading the same rows with Python's ``sqlite3`` (the query the suggestions
read, compiled to SQL: every cycle that stopped in the period judged achieved or
breached, its metric, its ticket's priority, business time and target).

Usage: ``make bench BENCH_ARGS="bench_goals --tickets=1000000"``.
"""

from __future__ import annotations

import sqlite3
import sys

from sqlalchemy.dialects import sqlite

from slaworkbench.store.agreements.clock_facts import durations_query
from tests.benchmarks.realistic import (
    demo_now,
    in_turn,
    load,
    option,
    realistic_workspace,
    run_process,
    show_medians,
)

YEAR = 365 * 86_400

OURS = (
    "import sys\n"
    "from slaworkbench.app.agreements.goals import goal_suggestions\n"
    "from slaworkbench.store.workspace import open_workspace\n"
    "end = int(sys.argv[2])\n"
    "with open_workspace(sys.argv[1], create=False) as ws:\n"
    "    found = goal_suggestions(ws, end - int(sys.argv[3]), end)\n"
    "sys.exit(0 if found else 1)\n"
)

PEER = (
    "import sqlite3, sys\n"
    "cursor = sqlite3.connect(sys.argv[1]).execute(sys.argv[2])\n"
    "count = 0\n"
    "while rows := cursor.fetchmany(100_000):\n"
    "    count += len(rows)\n"
    "sys.exit(0 if count else 1)\n"
)


def _rows_sql(end: int) -> str:
    """The SQL of the rows the suggestions count, as the store writes it for SQLite."""
    query = durations_query(end - YEAR, end)
    return str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def main(argv: list[str]) -> int:
    database = realistic_workspace(argv)
    runs = int(option(argv, "runs") or 3)
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        end = demo_now(connection)
    print(f"workspace {database}, the year to the demo's day; {load()}", flush=True)
    ours = [sys.executable, "-c", OURS, str(database), str(end), str(YEAR)]
    peer_argv = [sys.executable, "-c", PEER, str(database), _rows_sql(end)]
    peer, timed = in_turn(runs, lambda: run_process(peer_argv), lambda: run_process(ours))
    show_medians(
        f"median of {runs} runs each",
        ("sqlite3 reading the same rows (peer)", peer),
        ("goal suggestions, whole workspace", timed),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
