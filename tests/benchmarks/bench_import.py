"""Import throughput and demo generation at scale.

1. Events/s of the event-log importer (``import_event_log``: the file read and mapped in
   a second process while the first writes, one transaction) into SQLite, against a bare
   ``sqlite3.executemany`` of the same event rows into the same schema, measured in the
   same run, interleaved, the median of ``--runs`` runs each; the ratio is printed, and
   the CPU time (user + system) of both, the reading process's included. Reading and
   mapping alone (``parse_event_log`` in this process) is timed apart, for reference.
2. ``demo --tickets N``: time, database file size and the bytes the process sent to the
   disk meanwhile (``write_bytes`` of ``/proc/self/io``), as a multiple of the file.

Usage: ``python -m tests.benchmarks import [--events=N] [--tickets=N] [--file=PATH
[--preset=NAME]] [--runs=N] [--quick]``.
"""

from __future__ import annotations

import os
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing.run import import_event_log
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


@dataclass(frozen=True, slots=True)
class ParsedInfo:
    rows: int
    tickets: int
    events: int
    event_rows: list[tuple[object, ...]]
    ticket_rows: list[tuple[object, ...]]
    author_rows: list[tuple[object, ...]]
    """The events' authors (``event_authors``, migration 0030): the peer writes them too."""


def _cpu() -> float:
    """User + system seconds of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _own_cpu() -> float:
    """User + system seconds of this process alone: the import's writing process."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _import_once(
    log: Path, folder: Path, preset: str
) -> tuple[float, float, float, float, ParsedInfo]:
    """One import into a fresh workspace: (read + map seconds alone, importer seconds,
    importer CPU seconds, the writing process's CPU seconds, what it read and wrote)."""
    target = folder / "import.sqlite3"
    _fresh(target)
    started = time.perf_counter()
    parsed = parse_event_log(log, load_preset(preset))
    read = time.perf_counter() - started
    ws = open_workspace(f"sqlite:///{target}")
    cpu, writer = _cpu(), _own_cpu()
    started = time.perf_counter()
    import_event_log(ws, log, preset, compute_clocks=False)  # clocks: bench_recompute's job
    total = time.perf_counter() - started
    cpu, writer = _cpu() - cpu, _own_cpu() - writer
    with ws.engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT ticket_id, seq, at, type_code, author_id, status_code, priority_code,"
            " field, value FROM ticket_events ORDER BY ticket_id, seq"
        ).all()
        tickets = c.exec_driver_sql(f"SELECT {TICKET_SQL_COLUMNS} FROM tickets ORDER BY id").all()
        authors = c.exec_driver_sql("SELECT id, name FROM event_authors ORDER BY id").all()
    ws.close()
    info = ParsedInfo(
        parsed.rows,
        len(parsed.tickets),
        parsed.event_count,
        [tuple(row) for row in rows],
        [tuple(row) for row in tickets],
        [tuple(row) for row in authors],
    )
    return read, total, cpu, writer, info


_EVENT_INSERT = (
    "INSERT INTO ticket_events (ticket_id, seq, at, type_code, author_id, status_code,"
    " priority_code, field, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _peer_once(folder: Path, info: ParsedInfo, *, with_tickets: bool) -> tuple[float, float]:
    """A bare ``sqlite3.executemany`` of the same rows into an identical empty schema, set
    up as every workspace connection is (WAL, ``synchronous=NORMAL``)."""
    peer_path = folder / "peer.sqlite3"
    _fresh(peer_path)
    open_workspace(f"sqlite:///{peer_path}").close()
    connection = sqlite3.connect(peer_path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=OFF")  # no tickets in the events-only peer
    cpu = _cpu()
    started = time.perf_counter()
    with connection:
        if with_tickets:
            marks = ", ".join("?" * len(TICKET_SQL_COLUMNS.split(",")))
            connection.executemany(
                f"INSERT INTO tickets ({TICKET_SQL_COLUMNS}) VALUES ({marks})", info.ticket_rows
            )
        connection.executemany(
            "INSERT INTO event_authors (id, name) VALUES (?, ?)", info.author_rows
        )
        connection.executemany(_EVENT_INSERT, info.event_rows)
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu
    connection.close()
    return seconds, cpu


def bench_import(
    log: Path, folder: Path, preset: str = "bpic2013", label: str = "", runs: int = 3
) -> None:
    """Import ``log`` end to end (clocks excluded), then the peers: a bare
    ``sqlite3.executemany`` of the very same event rows (and of the tickets and events)
    into an identical empty schema; interleaved, ``runs`` runs each, medians compared."""
    reads: list[float] = []
    totals: list[float] = []
    cpus: list[float] = []
    writers: list[float] = []
    peers: list[tuple[float, float]] = []
    boths: list[tuple[float, float]] = []
    info: ParsedInfo | None = None
    for _ in range(runs):
        read, total, cpu, writer, info = _import_once(log, folder, preset)
        reads.append(read)
        totals.append(total)
        cpus.append(cpu)
        writers.append(writer)
        peers.append(_peer_once(folder, info, with_tickets=False))
        boths.append(_peer_once(folder, info, with_tickets=True))
    assert info is not None
    read, total = statistics.median(reads), statistics.median(totals)
    peer = statistics.median(seconds for seconds, _ in peers)
    both = statistics.median(seconds for seconds, _ in boths)
    cpu = statistics.median(cpus)
    peer_cpu = statistics.median(cpu for _, cpu in peers)
    events = info.events
    importer_rate, peer_rate = events / total, len(info.event_rows) / peer
    print(f"import {label or log.name}: {info.rows:,} rows, {info.tickets:,} tickets")
    print(f"events                         {events:>12,}  (median of {runs} runs each)")
    print(f"read + map alone (reference)   {read:>10.2f} s  {events / read:>10,.0f} ev/s")
    print(f"importer end to end            {total:>10.2f} s  {importer_rate:>10,.0f} ev/s")
    print(f"importer CPU (both processes)  {cpu:>10.2f} s")
    writer = statistics.median(writers)
    share = writer / peer_cpu
    print(f"  of which the writing process  {writer:>10.2f} s  ({share:.2f}× the peer's CPU)")
    print(f"bare sqlite3.executemany       {peer:>10.2f} s  {peer_rate:>10,.0f} ev/s")
    print(f"bare executemany CPU           {peer_cpu:>10.2f} s")
    print(f"ratio importer / bare (ev/s)   {importer_rate / peer_rate:>10.2f}")
    both_rate = len(info.event_rows) / both
    print(f"bare, tickets + events         {both:>10.2f} s  {both_rate:>10,.0f} ev/s")
    print(f"ratio importer / bare (all)    {both / total:>10.2f}")
    print(f"load average (1 min)           {os.getloadavg()[0]:>10.2f}")


def _write_bytes() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def bench_demo(tickets: int, folder: Path) -> None:
    path = folder / "demo.sqlite3"
    ws = open_workspace(f"sqlite:///{path}")
    written = _write_bytes()
    started = time.perf_counter()
    result = generate_demo(ws, tickets=tickets, seed=1)
    generated = time.perf_counter() - started
    ws.close()
    written = _write_bytes() - written
    size = sum(p.stat().st_size for p in folder.glob("demo.sqlite3*"))
    print(f"demo tickets                   {tickets:>12,}  events {result.events:,}")
    print(f"demo with clocks               {generated:>10.1f} s  {tickets / generated:>10,.0f} t/s")
    print(f"demo file size                 {size / 1e6:>10.1f} MB")
    print(
        f"demo bytes written to disk     {written / 1e6:>10.1f} MB  {written / size:.2f}x the file"
    )
    print(f"load average (1 min)           {os.getloadavg()[0]:>10.2f}")


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
    runs = _option(argv, "runs", 1 if quick else 3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if events:
            log = folder / "log.csv"
            _event_log(log, events)
            bench_import(log, folder, label="synthetic BPI-shaped log", runs=runs)
        if real:
            preset = _text_option(argv, "preset") or "bpic2013"
            bench_import(Path(real), folder, preset, runs=runs)
        if tickets:
            bench_demo(tickets, folder)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
