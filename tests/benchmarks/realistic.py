"""The realistic workspace the scale benchmarks measure (issue 16): what
``slaworkbench demo --tickets N --seed S`` makes (about 8.65 clock rows per ticket),
built once per size, seed, schema revision and demo generation under ``~/.cache/slaworkbench-bench``
(``--cache=DIR`` or ``SLAWORKBENCH_BENCH_DIR`` elsewhere) and reused (a million tickets
takes minutes and 2.7 GB). ``--database=PATH`` measures a workspace made elsewhere
instead. Also: timing a whole process the same way for us and
for a peer (median of the runs, peak RSS and bytes written of each), our program run as
an installed one runs (its bytecode compiled once and cached, ``installed_env``).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from slaworkbench.app.demo.catalogue import GENERATION
from slaworkbench.store.workspace import SCHEMA_REVISION

BENCH_DIR = Path(
    os.environ.get("SLAWORKBENCH_BENCH_DIR", Path.home() / ".cache" / "slaworkbench-bench")
)


def option(argv: list[str], name: str) -> str | None:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
    return None


def realistic_workspace(argv: list[str], default_tickets: int = 100_000) -> Path:
    """The demo workspace to measure: ``--database=PATH``, else the cached demo of
    ``--tickets=N`` (default ``default_tickets``) and ``--seed=S`` (default 1)."""
    given = option(argv, "database")
    if given:
        return Path(given)
    tickets = int(option(argv, "tickets") or default_tickets)
    seed = int(option(argv, "seed") or 1)
    folder = Path(option(argv, "cache") or BENCH_DIR)
    path = folder / f"demo-{tickets}-seed{seed}-rev{SCHEMA_REVISION}-g{GENERATION}.sqlite3"
    ready = path.with_suffix(".READY")
    if not ready.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        print(f"building the realistic workspace {path} ...", flush=True)
        argv_ = ["demo", "--tickets", str(tickets), "--seed", str(seed), "--database", str(path)]
        subprocess.run([sys.executable, "-m", "slaworkbench", *argv_], check=True)
        ready.write_text("ready\n")
    return path


def fresh_copy(source: Path, destination: Path) -> None:
    """``destination`` (and no log beside it) as a copy of ``source``, read-only there
    (SQLite's backup: the workspaces measured are never written)."""
    for stale in destination.parent.glob(destination.name + "*"):
        stale.unlink()
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(destination)) as out,
    ):
        src.backup(out)


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    max_rss_mb: float
    written_mb: float
    cpu_seconds: float = 0.0
    """User plus system time of the process: on a loaded machine, fairer than the wall."""


def installed_env(**extra: str) -> dict[str, str]:
    """This process's environment for a child that runs the program as an installed copy
    runs: its bytecode compiled once and cached (``pip install`` compiles it; a
    ``PYTHONDONTWRITEBYTECODE`` set here, as on the development machine, would have every
    run compile every module of ours again), outside the tree, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "slaworkbench-bench-pycache")
    env.update(extra)
    return env


def run_process(argv: list[str], *, env: dict[str, str] | None = None, quiet: bool = False) -> Run:
    """One whole process: wall time, its own peak RSS (``wait4``), and the bytes it wrote
    to disk (``/proc/<pid>/io``, sampled every 50 ms until it ends). Its standard output
    is dropped; ``quiet`` drops its standard error too (a command's progress lines). The
    environment is ``installed_env()`` unless ``env`` is given."""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv,
        env=installed_env() if env is None else env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    written = 0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        try:
            for line in Path(f"/proc/{child.pid}/io").read_text().splitlines():
                if line.startswith("write_bytes:"):
                    written = int(line.split()[1])
        except OSError:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed with exit code {child.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, written / 1e6, cpu)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.max_rss_mb for r in runs),
        statistics.median(r.written_mb for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
    )


def show(label: str, run: Run, peer: Run) -> None:
    """One line of a benchmark's table: ``run`` (a median) and its ratio to ``peer``."""
    print(
        f"{label:<40} {run.seconds:8.2f} s  ({run.seconds / peer.seconds:5.2f}x peer)"
        f"  peak RSS {run.max_rss_mb:6.0f} MB  CPU {run.cpu_seconds:7.2f} s"
        f"  written {run.written_mb:7.1f} MB"
    )


def in_turn(
    runs: int, peer: Callable[[], Run], ours: Callable[[], Run]
) -> tuple[list[Run], list[Run]]:
    """``runs`` runs of the peer and of ours, one of each in turn (so changes of the
    machine's load hit both alike): the peer's runs, then ours. One run of each comes
    first and is not counted: it compiles our bytecode and brings the file's pages into
    the operating system's cache, for both alike."""
    peer()
    ours()
    peers: list[Run] = []
    timed: list[Run] = []
    for _ in range(runs):
        peers.append(peer())
        timed.append(ours())
    return peers, timed


def show_medians(heading: str, peer: tuple[str, list[Run]], ours: tuple[str, list[Run]]) -> None:
    """``heading``, then the peer's and our medians (each a ``(label, runs)``), the same
    statistic for both, then the load."""
    peer_run = median(peer[1])
    print(heading)
    show(peer[0], peer_run, peer_run)
    show(ours[0], median(ours[1]), peer_run)
    print(f"after: {load()}")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} (1 / 5 min), {os.cpu_count()} cores"


def demo_now(connection: sqlite3.Connection) -> int:
    """The instant the demo was made at: what its evaluation recorded as the last full
    recompute (the demo evaluates every ticket at its ``now``)."""
    row = connection.execute(
        "SELECT value FROM workspace_meta WHERE key = 'last_recompute_at'"
    ).fetchone()
    if row is None:
        raise SystemExit("the workspace records no evaluation instant: give --now=N")
    return int(row[0])
