"""End-to-end recompute: tickets/s of ``recompute()`` on a realistic workspace, and the
GUI thread's longest stall while ``RecomputeController`` runs it in the background.

Workspace: the 1,000,000-ticket demo at ``/tmp/slaworkbench-bench/demo-1m.sqlite3`` when
its marker ``demo-1m.READY`` (holding the demo's ``now``) exists, else ``--database=PATH
--now=N``, else a demo of ``--tickets=N`` (default 100,000; 20,000 with ``--quick``)
generated into a temporary folder. The database is copied first (SQLite backup API);
only the copy is written.

With ``--open-backlog`` the copy is first turned into a backlog where every ticket is
open: each ticket's log is cut before its first solve or close, and its status and
dates follow (``_open_backlog``). Then every run judges every ticket, and "open tickets
only" is the issue's "recompute of 1,000,000 open tickets (with their events)".

Rows of the table (each on the same copy, in this order):

- peer: a bare ``SELECT`` with ``sqlite3`` of every event of every ticket (the columns
  the engine needs, in log order): the read cost no recompute can avoid;
- first recompute (builds the timelines): the first run on a workspace without ticket
  timelines (a file migrated to 0003), at the demo's ``now``: events are read from
  ``ticket_events`` and every ticket's timeline and clock fingerprint are written;
- re-baseline, unchanged policies: ``recompute(only_open=False)`` one hour after the
  demo's ``now`` (stopped clocks keep their values, running ones move on);
- re-baseline after a policy change: every active policy's targets scaled by 0.8 and
  saved as a new version, then ``recompute(only_open=False)``: nearly every clock row of
  the tickets those policies judge changes;
- open tickets only: ``recompute()`` (what a policy save queues);
- re-baseline after changing one target: one policy's low-priority resolution target
  doubled, then ``recompute(only_open=False)`` one second after the run before, so
  little but what that target moves may be rewritten: the clock rows written are counted (issue 16:
  before, every row whose version id alone changed was rewritten too);
- GUI: a re-baseline through ``RecomputeController`` on a real ``TaskRunner`` with an
  offscreen ``QApplication`` while a 5 ms ``QTimer`` probe records the longest gap
  between its ticks (the stall a user would feel).

With ``--one-target [--runs=N] [--tickets=N] [--settled] [--saves=N]`` only the issue-16
case runs, on the cached realistic demo (``tests/benchmarks/realistic.py``, 100,000 tickets by
default): per run a fresh copy, the peer (``SELECT`` every event), one target changed and
a re-baseline (wall and CPU seconds, clock rows rewritten), then the open-ticket
recompute a save queues (``--saves=N``: N saves in turn, each followed by it, their
median the run's figure) and the periodic one ten minutes later with nothing saved or
done since; medians of the runs for both. The open rows count every open ticket; how
many an open-ticket recompute evaluated is printed below them. ``--settled`` first re-baselines
the copy with unchanged policies (untimed; its CPU seconds printed): a workspace in use
has the record of the inputs its derived rows were written by
(``app.recompute.derived``), which a file the demo wrote lacks, so its first
re-baseline writes every ticket's SLA holds and OLA cycles.

Usage: ``python -m tests.benchmarks bench_recompute [--quick] [--database=PATH --now=N]
[--tickets=N] [--chunk=N] [--open-backlog] [--keep] [--one-target [--runs=N] [--settled]]``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.benchmarks.realistic import fresh_copy

BENCH_DIR = Path("/tmp/slaworkbench-bench")
DEMO_1M = BENCH_DIR / "demo-1m.sqlite3"
DEMO_1M_READY = BENCH_DIR / "demo-1m.READY"


def _option(argv: list[str], name: str) -> str | None:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
    return None


def _source(argv: list[str], folder: Path) -> tuple[Path, int, str]:
    database, now = _option(argv, "database"), _option(argv, "now")
    if database is not None:
        if now is None:
            raise SystemExit("--database needs --now=N (the instant its demo was made at)")
        return Path(database), int(now), f"given database {database}"
    if DEMO_1M_READY.exists() and "--quick" not in argv:
        return DEMO_1M, int(DEMO_1M_READY.read_text().split()[0]), f"shared demo {DEMO_1M}"
    from slaworkbench.app.demo.workspace import generate_demo
    from slaworkbench.store.workspace import open_workspace

    count = int(_option(argv, "tickets") or (20_000 if "--quick" in argv else 100_000))
    now = 1_795_000_000
    path = folder / f"demo-{count}.sqlite3"
    print(f"generating a demo of {count:,} tickets in {path} ...", flush=True)
    with open_workspace(str(path)) as workspace:
        generate_demo(workspace, tickets=count, seed=1, now=now)
    return path, now, f"generated demo of {count:,} tickets"


def _peer(path: Path) -> tuple[float, int, int]:
    """Seconds to read every engine event of every ticket, tickets, events."""
    with closing(sqlite3.connect(path)) as connection:
        tickets = connection.execute("SELECT count(*) FROM tickets").fetchone()[0]
        started = time.perf_counter()
        rows = connection.execute(
            "SELECT ticket_id, at, type, status, priority FROM ticket_events "
            "ORDER BY ticket_id, seq"
        ).fetchall()
        seconds = time.perf_counter() - started
    return seconds, int(tickets), len(rows)


def _open_backlog(path: Path) -> None:
    """Cut every ticket's log before its first solve or close, so every ticket is open."""
    started = time.perf_counter()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.executescript(
            """
            CREATE TEMP TABLE cut AS
              SELECT ticket_id, min(seq) AS seq FROM ticket_events
              WHERE type = 'status_changed' AND status IN ('solved', 'closed')
              GROUP BY ticket_id;
            DELETE FROM ticket_events WHERE EXISTS (
              SELECT 1 FROM cut c
              WHERE c.ticket_id = ticket_events.ticket_id AND ticket_events.seq >= c.seq);
            UPDATE tickets SET
              status = coalesce((SELECT e.status FROM ticket_events e
                WHERE e.ticket_id = tickets.id AND e.status IS NOT NULL
                ORDER BY e.seq DESC LIMIT 1), 'open'),
              solved_at = NULL,
              updated_at = coalesce((SELECT max(e.at) FROM ticket_events e
                WHERE e.ticket_id = tickets.id), created_at);
            DELETE FROM ticket_timelines;
            """
        )
        still_closed = connection.execute(
            "SELECT count(*) FROM tickets WHERE status IN ('solved', 'closed')"
        ).fetchone()[0]
    if still_closed:
        raise SystemExit(f"the backlog still has {still_closed} solved or closed tickets")
    print(f"  every ticket opened in {time.perf_counter() - started:.1f} s", flush=True)


def _change_policies(workspace: Any, now: int) -> None:
    from slaworkbench.domain.policy import policy_to_dict
    from slaworkbench.store.policies.versions import load_active_policies, save_policy_version

    with workspace.session(write=True) as session:
        for policy in load_active_policies(session):
            spec = policy_to_dict(policy)
            spec["targets"] = {
                priority: {metric: max(60, int(seconds * 0.8)) for metric, seconds in per.items()}
                for priority, per in spec["targets"].items()
            }
            save_policy_version(
                session,
                policy.id,
                spec,
                calendar_name=policy.calendar.name,
                author="bench",
                reason="benchmark: targets x0.8",
                now=now,
            )


def _change_one_target(workspace: Any, now: int, *, back: bool = False) -> None:
    """Double the low priority's resolution target of the last policy (``back``: halve
    it), as one save: doubling alone would pass the longest target after a few saves."""
    from slaworkbench.domain.policy import policy_to_dict
    from slaworkbench.store.policies.versions import load_active_policies, save_policy_version

    with workspace.session(write=True) as session:
        policy = load_active_policies(session)[-1]
        spec = policy_to_dict(policy)
        if back:
            spec["targets"]["low"]["resolution"] //= 2
        else:
            spec["targets"]["low"]["resolution"] *= 2
        save_policy_version(
            session, policy.id, spec, calendar_name=policy.calendar.name, author="bench",
            reason="benchmark: one target", now=now,
        )  # fmt: skip


def _rows_written(path: Path, now: int) -> int:
    with closing(sqlite3.connect(path)) as connection:
        found = connection.execute(
            "SELECT count(*) FROM ticket_clocks WHERE evaluated_at = ?", (now,)
        ).fetchone()
    return int(found[0])


class _Probe:
    """A 5 ms ``QTimer`` on the GUI thread recording the longest gap between its ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.longest = 0
        self._last = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        elapsed = self._clock.elapsed()
        self.longest = max(self.longest, elapsed - self._last)
        self._last = elapsed

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._tick()
        return self.longest / 1000


def _idle_stall(seconds: float) -> float:
    """The longest probe gap with nothing running: the machine's own noise."""
    from PySide6.QtCore import QEventLoop, QTimer

    _application()
    probe = _Probe()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    probe.start()
    loop.exec()
    return probe.stop()


def _application() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _gui_run(
    workspace: Any, now: int, chunk: int, only_open: bool = False
) -> tuple[float, float, Any]:
    """(seconds, longest probe gap in s, result) of a recompute through the controller."""
    from PySide6.QtCore import QEventLoop

    from slaworkbench.ui.changes import ChangeNotice
    from slaworkbench.ui.tasks import TaskRunner
    from slaworkbench.ui.window.recompute_controller import RecomputeController

    app = _application()
    runner = TaskRunner()
    notice = ChangeNotice()
    controller = RecomputeController(runner, workspace, notice, clock=lambda: now, chunk_size=chunk)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    controller.finished.connect(lambda result: (outcome.setdefault("result", result), loop.quit()))
    controller.failed.connect(lambda message: (outcome.setdefault("error", message), loop.quit()))
    probe = _Probe()
    app.processEvents()
    probe.start()
    started = time.perf_counter()
    controller.request(only_open=only_open)
    loop.exec()
    seconds = time.perf_counter() - started
    stall = probe.stop()
    runner.shutdown(10_000)
    if "error" in outcome:
        raise SystemExit(f"recompute failed: {outcome['error']}")
    return seconds, stall, outcome["result"]


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f}"


def _one_target_once(
    source: Path, folder: Path, demo_now: int, settled: bool = False, saves: int = 1
) -> dict[str, float]:
    """One run of the issue-16 case on a fresh copy of ``source``; ``settled``: after a
    re-baseline with unchanged policies (untimed), as in a workspace in use; ``saves``:
    how many saves (one target changed each time), each followed by the open-ticket
    recompute it queues (the median of them is the run's figure)."""
    from slaworkbench.app.recompute.run import recompute
    from slaworkbench.store.workspace import open_workspace

    path = folder / "copy.sqlite3"
    fresh_copy(source, path)
    peer_started = time.process_time()
    peer_seconds, tickets, _events = _peer(path)
    peer_cpu = time.process_time() - peer_started
    now = demo_now + 3600
    with open_workspace(str(path)) as workspace:
        settle = time.process_time()
        if settled:
            recompute(workspace, only_open=False, now=now - 60)
        settle = time.process_time() - settle
        _change_one_target(workspace, now)
        started, cpu = time.perf_counter(), time.process_time()
        result = recompute(workspace, only_open=False, now=now + 1)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        open_walls: list[float] = []
        open_cpus: list[float] = []
        for save in range(saves):
            _change_one_target(workspace, now + 2 + 2 * save, back=save % 2 == 1)
            open_started, open_cpu = time.perf_counter(), time.process_time()
            opened = recompute(workspace, now=now + 3 + 2 * save)
            open_walls.append(time.perf_counter() - open_started)
            open_cpus.append(time.process_time() - open_cpu)
        open_seconds, open_cpu = statistics.median(open_walls), statistics.median(open_cpus)
        # The periodic one: ten minutes on, nothing saved or done since.
        periodic_started, periodic_cpu = time.perf_counter(), time.process_time()
        periodic = recompute(workspace, now=now + 603 + 2 * saves)
        periodic_seconds = time.perf_counter() - periodic_started
        periodic_cpu = time.process_time() - periodic_cpu
    open_total = opened.tickets + opened.moved + getattr(opened, "up_to_date", 0)
    return {
        "tickets": tickets, "evaluated": result.tickets, "moved": result.moved,
        "seconds": seconds, "cpu": cpu,
        "rows": _rows_written(path, now + 1), "total_rows": _clock_rows(path),
        "peer": peer_seconds, "peer_cpu": peer_cpu, "peer_tickets": tickets,
        "open": open_total, "open_evaluated": opened.tickets, "open_seconds": open_seconds,
        "open_cpu": open_cpu, "periodic_evaluated": periodic.tickets,
        "periodic_seconds": periodic_seconds, "periodic_cpu": periodic_cpu,
        "settle_cpu": settle,
    }  # fmt: skip


def _clock_rows(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT count(*) FROM ticket_clocks").fetchone()[0])


def one_target(argv: list[str]) -> int:
    """The issue-16 case alone, ``--runs`` times on fresh copies; medians printed."""
    from tests.benchmarks.realistic import demo_now, load, realistic_workspace

    source = realistic_workspace(argv)
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as connection:
        made_at = demo_now(connection)
    runs = int(_option(argv, "runs") or 3)
    folder = Path(tempfile.mkdtemp(prefix="bench-one-target-"))
    print(f"workspace {source}; {load()} before", flush=True)
    try:
        settled = "--settled" in argv
        saves = int(_option(argv, "saves") or 1)
        done = [_one_target_once(source, folder, made_at, settled, saves) for _ in range(runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def median(key: str) -> float:
        return statistics.median(run[key] for run in done)

    tickets, peer_tickets = median("tickets"), median("peer_tickets")
    print(f"{load()} after; medians of {runs} runs each")
    print(f"{'run':<44} {'tickets':>10} {'wall s':>8} {'CPU s':>7} {'t/CPU s':>10} {'vs peer':>8}")
    peer_rate = peer_tickets / median("peer_cpu")
    for label, count, wall, cpu in (
        ("peer: SELECT every event (sqlite3)", peer_tickets, median("peer"), median("peer_cpu")),
        ("re-baseline after changing one target", tickets, median("seconds"), median("cpu")),
        ("open tickets after the next save", median("open"), median("open_seconds"),
         median("open_cpu")),
        ("open tickets, 10 min later, nothing saved", median("open"),
         median("periodic_seconds"), median("periodic_cpu")),
    ):  # fmt: skip
        rate = count / cpu
        print(f"{label:<44} {count:>10,.0f} {wall:>8.2f} {cpu:>7.2f} {rate:>10,.0f} "
              f"{rate / peer_rate:>7.2f}x")  # fmt: skip
    print(f"re-baseline: {median('evaluated'):,.0f} tickets evaluated, {median('moved'):,.0f} "
          "moved to the new version alone")  # fmt: skip
    print(f"open tickets evaluated: {median('open_evaluated'):,.0f} after the save, "
          f"{median('periodic_evaluated'):,.0f} ten minutes later")  # fmt: skip
    print(f"clock rows rewritten by the re-baseline: {median('rows'):,.0f} "
          f"of {median('total_rows'):,.0f}")  # fmt: skip
    if settled:
        print(f"settling re-baseline before it (unchanged policies): {median('settle_cpu'):.2f} "
              "CPU s")  # fmt: skip
    return 0


def main(argv: list[str]) -> int:
    from slaworkbench.app.recompute.run import recompute

    if "--one-target" in argv:
        return one_target(argv)
    from slaworkbench.store.workspace import open_workspace

    chunk = int(_option(argv, "chunk") or 5000)
    folder = Path(tempfile.mkdtemp(prefix="bench-recompute-"))
    try:
        source, demo_now, what = _source(argv, folder)
        path = folder / "copy.sqlite3"
        print(f"copying {what} to {path} ...", flush=True)
        fresh_copy(source, path)
        open_workspace(str(path)).close()  # brings an older file to the current schema
        backlog = "--open-backlog" in argv
        if backlog:
            _open_backlog(path)
            what += ", every ticket opened"
        load_before = os.getloadavg()
        peer_seconds, tickets, events = _peer(path)
        print(f"  peer: {tickets:,} tickets, {events:,} events in {peer_seconds:.1f} s", flush=True)
        rows: list[tuple[str, int, float]] = [
            ("peer: SELECT every event (sqlite3)", tickets, peer_seconds)
        ]
        now = demo_now + 3600
        with open_workspace(str(path)) as workspace:
            runs: list[tuple[str, Callable[[], Any]]] = [
                ("first recompute (builds the timelines)", lambda: recompute(
                    workspace, only_open=False, now=demo_now, chunk_size=chunk)),
                ("re-baseline, unchanged policies", lambda: recompute(
                    workspace, only_open=False, now=now, chunk_size=chunk)),
                ("open tickets only", lambda: recompute(workspace, now=now + 60, chunk_size=chunk)),
                ("re-baseline after a policy change", lambda: (
                    _change_policies(workspace, now + 120),
                    recompute(workspace, only_open=False, now=now + 120, chunk_size=chunk),
                )[1]),
            ]  # fmt: skip
            for label, run in runs:
                started = time.perf_counter()
                result = run()
                rows.append((label, result.tickets, time.perf_counter() - started))
                print(f"  {label}: {result.tickets:,} tickets in {rows[-1][2]:.1f} s", flush=True)
            _change_one_target(workspace, now + 120)
            started = time.perf_counter()  # one second on: what it writes carries that stamp
            result = recompute(workspace, only_open=False, now=now + 121, chunk_size=chunk)
            seconds = time.perf_counter() - started
            rewritten = _rows_written(path, now + 121)
            label = "re-baseline after changing one target"
            rows.append((label, result.tickets, seconds))
            print(f"  {label}: {result.tickets:,} tickets in {seconds:.1f} s; "
                  f"{rewritten:,} clock rows rewritten", flush=True)  # fmt: skip
            gui_seconds, stall, result = _gui_run(workspace, now + 180, chunk, only_open=backlog)
            gui_label = "open tickets" if backlog else "re-baseline"
            rows.append((f"GUI: {gui_label} via RecomputeController", result.tickets, gui_seconds))
            idle = _idle_stall(min(gui_seconds, 20.0))
        load_after = os.getloadavg()
        print(f"\nworkspace: {what}; {tickets:,} tickets, {events:,} events; chunk {chunk:,}")
        print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
              f"({os.cpu_count()} CPUs)")  # fmt: skip
        print(f"{'run':<44} {'tickets':>10} {'seconds':>8} {'tickets/s':>10} {'vs peer':>8}")
        peer_rate = tickets / peer_seconds
        for label, count, seconds in rows:
            ratio = (count / seconds) / peer_rate
            print(
                f"{label:<44} {count:>10,} {seconds:>8.2f} {_rate(count, seconds)} {ratio:>7.2f}x"
            )
        print(
            f"GUI thread: longest gap between 5 ms probe ticks {stall * 1000:.0f} ms during the "
            f"recompute; {idle * 1000:.0f} ms with nothing running"
            f" (peer, {min(gui_seconds, 20):.0f} s)"
        )
        return 0
    finally:
        if "--keep" not in argv:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
