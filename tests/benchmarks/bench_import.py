"""Import throughput and demo generation at scale.

1. Events/s of the event-log importer (read + map + one-transaction bulk write) into
   SQLite, against a bare ``sqlite3.executemany`` of the same event rows into the same
   schema, measured in the same run; the ratio is printed.
2. ``demo --tickets N``: time and database file size.

Usage: ``python -m tests.benchmarks import [--events=N] [--tickets=N] [--quick]``.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

from slaworkbench.app.demo import generate_demo
from slaworkbench.app.importing import store_parsed
from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import load_preset
from slaworkbench.store.workspace import open_workspace

HEADER = (
    "SR Number,Change Date+Time,Status,Sub Status,SR Latest Impact,Involved ST,Resource,Product"
)
STEPS = (
    ("Accepted", "In Progress"),
    ("Queued", "Awaiting Assignment"),
    ("Accepted", "In Progress"),
    ("Accepted", "Wait - User"),
    ("Accepted", "In Progress"),
    ("Completed", "Resolved"),
    ("Completed", "Closed"),
)


def _option(argv: list[str], name: str, default: int) -> int:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return int(arg.split("=", 1)[1])
    return default


def _event_log(path: Path, events: int) -> None:
    rng = random.Random(1)
    start = 1_600_000_000
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER + "\n")
        written = case = 0
        while written < events:
            case += 1
            at = start + case * 600
            for status, sub in STEPS[: min(len(STEPS), events - written)]:
                at += rng.randint(60, 20_000)
                stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(at))
                person = f"se-Agent{rng.randint(1, 300)}"
                handle.write(f"1-{case},{stamp},{status},{sub},Medium,V{case % 50},{person},P1\n")
                written += 1


def bench_import(events: int, folder: Path) -> None:
    log = folder / "log.csv"
    _event_log(log, events)
    ws = open_workspace(f"sqlite:///{folder / 'import.sqlite3'}")
    started = time.perf_counter()
    parsed = parse_event_log(log, load_preset("bpic2013"))
    read = time.perf_counter() - started
    ws_engine_rows = parsed.event_count
    store_parsed(ws, parsed, compute_clocks=False)  # clocks are another benchmark's job
    total = time.perf_counter() - started
    with ws.engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT ticket_id, seq, at, type, author, status, priority, field, value"
            " FROM ticket_events ORDER BY id"
        ).all()
    ws.close()
    # The peer: the same rows, bare sqlite3.executemany into an identical empty schema.
    peer_path = folder / "peer.sqlite3"
    open_workspace(f"sqlite:///{peer_path}").close()
    connection = sqlite3.connect(peer_path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("DELETE FROM ticket_events")
    connection.commit()
    connection.execute("PRAGMA foreign_keys=OFF")
    peer_started = time.perf_counter()
    with connection:
        connection.executemany(
            "INSERT INTO ticket_events (ticket_id, seq, at, type, author, status, priority,"
            " field, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [tuple(row) for row in rows],
        )
    peer = time.perf_counter() - peer_started
    connection.close()
    print(f"events                         {ws_engine_rows:>12,}")
    print(f"read + map                     {read:>10.2f} s  {ws_engine_rows / read:>10,.0f} ev/s")
    print(f"importer end to end            {total:>10.2f} s  {ws_engine_rows / total:>10,.0f} ev/s")
    print(f"bare sqlite3.executemany       {peer:>10.2f} s  {len(rows) / peer:>10,.0f} ev/s")
    print(f"ratio importer / bare insert   {total / peer:>10.1f} x")


def bench_demo(tickets: int, folder: Path) -> None:
    path = folder / "demo.sqlite3"
    ws = open_workspace(f"sqlite:///{path}")
    started = time.perf_counter()
    result = generate_demo(ws, tickets=tickets, seed=1, compute_clocks=False)
    generated = time.perf_counter() - started
    ws.close()
    size = sum(p.stat().st_size for p in folder.glob("demo.sqlite3*"))
    print(f"demo tickets                   {tickets:>12,}  events {result.events:,}")
    print(f"demo generate + write          {generated:>10.1f} s  {tickets / generated:>10,.0f} t/s")
    print(f"demo file size                 {size / 1e6:>10.1f} MB")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    events = _option(argv, "events", 50_000 if quick else 500_000)
    tickets = _option(argv, "tickets", 10_000 if quick else 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        bench_import(events, Path(tmp))
        bench_demo(tickets, Path(tmp))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
