"""``export tickets`` on the realistic workspace (issue 16), whole process, against one
equivalent SQL query run by the sqlite3 CLI in the same run: the same number of runs and
the same statistic (median) for both.

The peer writes the same columns (names joined, the worst cycle per ticket and metric
chosen by ``ROW_NUMBER``, instants formatted by SQLite's ``strftime``) but reads a
running cycle as stored, where the export reads it at the export's instant.
``--baseline-src=DIR`` also times the export of another source tree (``DIR/src``), e.g.
the main checkout, for a before/after in the same run. Options: ``--tickets=N``
(default 100,000), ``--seed=S``, ``--database=PATH``, ``--runs=N`` (default 3).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.realistic import (
    Run,
    installed_env,
    load,
    median,
    option,
    realistic_workspace,
    run_process,
)

_METRICS = ("first_response", "next_response", "periodic_update", "resolution")


def _iso(column: str) -> str:
    return f"strftime('%Y-%m-%dT%H:%M:%SZ', {column}, 'unixepoch')"


def peer_sql(out: Path) -> str:
    """The one query the sqlite3 CLI runs, as a CLI script writing CSV to ``out``."""
    per_metric = []
    for metric in _METRICS:

        def pick(expression: str, metric: str = metric) -> str:
            return f"max(CASE WHEN w.metric = '{metric}' THEN {expression} END)"

        per_metric += [
            pick("w.state"), pick("w.elapsed"), pick(_iso("w.due_at")),
            pick(_iso("w.breached_at")), pick("w.target"), pick("p.name || ' v' || v.version"),
        ]  # fmt: skip
    columns = ",\n  ".join(
        [
            "t.id", "t.external_id", "t.subject", "t.priority", "t.status", "t.requester",
            "c.name", "m.name", "a.name", "t.category", "t.channel", "t.tags",
            _iso("t.created_at"), _iso("t.updated_at"), _iso("t.solved_at"), "t.sla_state",
            _iso("t.next_due_at"), *per_metric,
        ]
    )  # fmt: skip
    return f"""
.mode csv
.headers on
.output {out}
WITH w AS (
  SELECT ticket_id, metric, state, elapsed, due_at, breached_at, target, policy_version_id,
         ROW_NUMBER() OVER (PARTITION BY ticket_id, metric
                            ORDER BY state <> 'breached', remaining, cycle_index) AS rank
  FROM ticket_clocks
)
SELECT
  {columns}
FROM tickets t
LEFT JOIN customers c ON c.id = t.customer_id
LEFT JOIN teams m ON m.id = t.team_id
LEFT JOIN agents a ON a.id = t.assignee_id
LEFT JOIN w ON w.ticket_id = t.id AND w.rank = 1
LEFT JOIN policy_versions v ON v.id = w.policy_version_id
LEFT JOIN policies p ON p.id = v.policy_id
GROUP BY t.id
ORDER BY t.id;
"""


def _show(label: str, run: Run, peer: Run) -> None:
    print(
        f"{label:<34}{run.seconds:>9.1f} s  {run.seconds / peer.seconds:>6.2f}x peer  "
        f"CPU {run.cpu_seconds:>7.1f} s  {run.cpu_seconds / peer.cpu_seconds:>6.2f}x peer  "
        f"peak RSS {run.max_rss_mb:>7.0f} MB  written {run.written_mb:>7.0f} MB",
        flush=True,
    )


def main(argv: list[str]) -> int:
    database = realistic_workspace(argv)
    runs = int(option(argv, "runs") or 3)
    baseline = option(argv, "baseline-src")
    sqlite3 = shutil.which("sqlite3")
    if sqlite3 is None:
        print("no sqlite3 CLI on PATH: the peer cannot run")
        return 1
    print(f"workspace {database} ({database.stat().st_size / 1e9:.2f} GB); {load()}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.csv"
        script = Path(folder) / "peer.sql"
        script.write_text(peer_sql(Path(folder) / "peer.csv"))
        ours = [sys.executable, "-m", "slaworkbench", "export", "tickets", str(out)]
        ours += ["--database", str(database)]
        sources = {"export tickets (this tree)": os.environ.get("PYTHONPATH", "")}
        if baseline:
            sources["export tickets (baseline)"] = str(Path(baseline) / "src")
        timed: dict[str, list[Run]] = {label: [] for label in sources}
        peer: list[Run] = []
        for run in range(runs + 1):  # interleaved, so load changes hit every contender alike
            if run == 0:  # not counted: our bytecode compiled, the file's pages cached
                run_process([sqlite3, "-bail", str(database), f".read {script}"])
                for path in sources.values():
                    run_process(ours, env=installed_env(PYTHONPATH=path))
                continue
            peer.append(run_process([sqlite3, "-bail", str(database), f".read {script}"]))
            for label, path in sources.items():
                timed[label].append(run_process(ours, env=installed_env(PYTHONPATH=path)))
        rows = sum(1 for _ in out.open(encoding="utf-8-sig")) - 1
        peer_run = median(peer)
        print(f"tickets exported {rows:,}; median of {runs} runs each")
        _show("sqlite3 CLI, one query (peer)", peer_run, peer_run)
        for label, measured in timed.items():
            _show(label, median(measured), peer_run)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
