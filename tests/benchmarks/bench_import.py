"""Import throughput and demo generation at scale.

1. Events/s of the event-log importer (read + map + one-transaction bulk write) into
   SQLite, against a bare ``sqlite3.executemany`` of the same event rows into the same
   schema, measured in the same run; the ratio is printed.
2. ``demo --tickets N``: time and database file size.

Usage: ``python -m tests.benchmarks import [--events=N] [--tickets=N] [--file=PATH
[--preset=NAME]] [--quick]``.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing.run import store_parsed
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


TICKET_SQL_COLUMNS = (
    "id, external_id, subject, requester, customer_id, team_id, assignee_id, category,"
    " channel, tags, priority, status, created_at, updated_at, solved_at, version, sla_state"
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


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def bench_import(log: Path, folder: Path, preset: str = "bpic2013", label: str = "") -> None:
    """Import ``log`` end to end (clocks excluded), then the peer: a bare
    ``sqlite3.executemany`` of the very same event rows into an identical empty schema."""
    target = folder / "import.sqlite3"
    _fresh(target)
    ws = open_workspace(f"sqlite:///{target}")
    started = time.perf_counter()
    parsed = parse_event_log(log, load_preset(preset))
    read = time.perf_counter() - started
    events = parsed.event_count
    store_parsed(ws, parsed, compute_clocks=False)  # clocks are bench_recompute's job
    total = time.perf_counter() - started
    with ws.engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT ticket_id, seq, at, type, author, status, priority, field, value"
            " FROM ticket_events ORDER BY id"
        ).all()
        tickets = c.exec_driver_sql(f"SELECT {TICKET_SQL_COLUMNS} FROM tickets ORDER BY id").all()
    ws.close()
    peer_path = folder / "peer.sqlite3"
    _fresh(peer_path)
    open_workspace(f"sqlite:///{peer_path}").close()
    connection = sqlite3.connect(peer_path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")  # as every workspace connection
    connection.execute("PRAGMA foreign_keys=OFF")  # no tickets in the peer's database
    plain = [tuple(row) for row in rows]
    peer_started = time.perf_counter()
    with connection:
        connection.executemany(
            "INSERT INTO ticket_events (ticket_id, seq, at, type, author, status, priority,"
            " field, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            plain,
        )
    peer = time.perf_counter() - peer_started
    # A second peer: everything the importer writes (ticket rows too), bare.
    connection.execute("DELETE FROM ticket_events")
    connection.commit()
    ticket_rows = [tuple(row) for row in tickets]
    both_started = time.perf_counter()
    with connection:
        marks = ", ".join("?" * len(TICKET_SQL_COLUMNS.split(",")))
        connection.executemany(
            f"INSERT INTO tickets ({TICKET_SQL_COLUMNS}) VALUES ({marks})", ticket_rows
        )
        connection.executemany(
            "INSERT INTO ticket_events (ticket_id, seq, at, type, author, status, priority,"
            " field, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            plain,
        )
    both = time.perf_counter() - both_started
    connection.close()
    importer_rate, peer_rate = events / total, len(plain) / peer
    print(f"import {label or log.name}: {parsed.rows:,} rows, {len(parsed.tickets):,} tickets")
    print(f"events                         {events:>12,}")
    print(f"read + map                     {read:>10.2f} s  {events / read:>10,.0f} ev/s")
    print(f"write (one transaction)        {total - read:>10.2f} s")
    print(f"importer end to end            {total:>10.2f} s  {importer_rate:>10,.0f} ev/s")
    print(f"bare sqlite3.executemany       {peer:>10.2f} s  {peer_rate:>10,.0f} ev/s")
    print(f"ratio importer / bare (ev/s)   {importer_rate / peer_rate:>10.2f}")
    print(f"bare, tickets + events         {both:>10.2f} s  {len(plain) / both:>10,.0f} ev/s")
    print(f"ratio importer / bare (all)    {both / total:>10.2f}")


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


def _text_option(argv: list[str], name: str) -> str | None:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str]) -> int:
    """``--events=N`` synthetic events (0: skip), ``--file=PATH [--preset=NAME]`` a real
    log too (e.g. the BPI 2013 file), ``--tickets=N`` demo tickets (0: skip)."""
    quick = "--quick" in argv
    events = _option(argv, "events", 50_000 if quick else 500_000)
    tickets = _option(argv, "tickets", 10_000 if quick else 100_000)
    real = _text_option(argv, "file")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if events:
            log = folder / "log.csv"
            _event_log(log, events)
            bench_import(log, folder, label="synthetic BPI-shaped log")
        if real:
            bench_import(Path(real), folder, _text_option(argv, "preset") or "bpic2013")
        if tickets:
            bench_demo(tickets, folder)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
