"""Demo tickets drawn a chunk ahead, on a thread or in a process of their own: the same
drafts, errors where they happen."""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import text

from slaworkbench.app.demo import draft_process
from slaworkbench.app.demo.draft_process import drafted
from slaworkbench.app.demo.drafts import Draft, drafts_ahead, draw_drafts
from slaworkbench.app.demo.tickets import draw_customers
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Base
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.processes import ends_with_its_parent

NOW = 1_780_000_000


def _drafts(seed: int) -> Iterator[Draft]:
    rng = np.random.default_rng(seed)
    customers = draw_customers(rng)
    return draw_drafts(rng, 25_000, seed, NOW, 60, customers)


def test_drawn_ahead_gives_the_drafts_drawn_in_line() -> None:
    in_line = [(d.records, d.surveys) for d in _drafts(3)]
    ahead = [(d.records, d.surveys) for d in drafts_ahead(_drafts(3))]
    assert [len(records) for records, _ in ahead] == [10_000, 10_000, 5_000]
    assert ahead == in_line


def test_survey_rows_take_the_written_ids() -> None:
    draft = next(_drafts(4))
    ids = [1000 + 7 * k for k in range(len(draft.records))]
    rows = draft.survey_rows(ids)
    assert rows and len(rows) == len(draft.surveys)
    assert [row[0] for row in rows] == [ids[position] for position, *_ in draft.surveys]
    assert [row[1:] for row in rows] == [tuple(rest) for _, *rest in draft.surveys]


def test_an_error_while_drawing_is_raised_to_the_writer() -> None:
    def failing() -> Iterator[Draft]:
        yield next(_drafts(5))
        raise ValueError("drawing failed")

    got = []
    with pytest.raises(ValueError, match="drawing failed"):
        for draft in drafts_ahead(failing()):
            got.append(draft)
    assert len(got) == 1


def test_a_writer_that_stops_early_stops_the_drawing_thread() -> None:
    # The threads this call started, not a count of all: a thread an earlier test of the
    # same worker left ending meanwhile made the count one lower (CI, 2026-12-07).
    before = set(threading.enumerate())
    with pytest.raises(RuntimeError):
        for _ in drafts_ahead(_drafts(6)):
            assert any(t.name == "demo-drafts" for t in threading.enumerate())
            raise RuntimeError("the write failed")
    assert not set(threading.enumerate()) - before
    assert not any(t.name == "demo-drafts" for t in threading.enumerate())


def _drafted(seed: int, tickets: int = 25_000) -> list[tuple[list[object], list[object]]]:
    rng = np.random.default_rng(seed)
    customers = draw_customers(rng)
    rng.random(3)  # the demo draws its services before its tickets
    with drafted(rng, tickets, seed, NOW, 60, customers) as drafts:
        return [(list(d.records), list(d.surveys)) for d in drafts]


def test_drafted_in_a_process_gives_the_drafts_drawn_in_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The drafting process starts from the generator's state where the demo left it
    and draws what this process would."""
    rng = np.random.default_rng(3)
    customers = draw_customers(rng)
    rng.random(3)
    in_line = [(d.records, d.surveys) for d in draw_drafts(rng, 25_000, 3, NOW, 60, customers)]
    monkeypatch.setattr(draft_process, "PROCESS_FROM", 1_000)
    started: list[object] = []
    real = draft_process._DraftingProcess
    monkeypatch.setattr(
        draft_process, "_DraftingProcess", lambda task: started.append(task) or real(task)
    )
    assert _drafted(3) == in_line
    assert started  # drawn by the process, not by the thread


def test_without_the_process_the_drafts_are_drawn_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A drafting process that cannot start, or ends before it sends anything, leaves
    the drawing to this process, with the same drafts."""
    monkeypatch.setattr(draft_process, "PROCESS_FROM", 1_000)
    expected = _drafted(4, 12_000)

    def no_interpreter(task: object) -> object:
        raise OSError("no interpreter")

    monkeypatch.setattr(draft_process, "_DraftingProcess", no_interpreter)
    assert _drafted(4, 12_000) == expected
    monkeypatch.undo()
    monkeypatch.setattr(draft_process, "PROCESS_FROM", 1_000)
    # a process that ends at once (its module cannot be found) sends nothing
    monkeypatch.setattr(draft_process, "__name__", "slaworkbench.app.demo.no_such_module")
    ended: list[object] = []
    real = draft_process._DraftingProcess

    def watched(task: object) -> object:
        process = real(task)  # type: ignore[arg-type]
        ended.append(process)
        return process

    monkeypatch.setattr(draft_process, "_DraftingProcess", watched)
    assert _drafted(4, 12_000) == expected
    assert ended


def test_a_drafting_process_that_dies_fails_the_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed after its first draft, the process's end is a sentence, not a hang."""
    monkeypatch.setattr(draft_process, "PROCESS_FROM", 1_000)
    rng = np.random.default_rng(5)
    customers = draw_customers(rng)
    got = 0
    with (
        pytest.raises(ValidationError, match="ended unexpectedly"),
        drafted(rng, 40_000, 5, NOW, 60, customers) as drafts,
    ):
        for _ in drafts:
            got += 1
            if got == 1:
                process = next(p for p in _children() if "draft_process" in " ".join(p))
                os.kill(int(process[0]), signal.SIGKILL)
    assert got >= 1


def _children() -> list[list[str]]:
    """This process's children: their pid, then their command line."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
            found.append([entry.name, *(part.decode() for part in command if part)])
    return found


def test_a_demo_of_a_process_equals_one_of_the_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same seed makes the same workspace whether its tickets were drawn on the
    thread, or in the drafting process and sent as rows ready to insert (a workspace
    without tickets) or as records (one that holds tickets)."""
    from slaworkbench.store.importing.bulk import ChunkWriter

    ready_groups: list[int] = []
    real_write_ready = ChunkWriter.write_ready

    def write_ready(self: ChunkWriter, ready: object) -> None:
        ready_groups.append(1)
        real_write_ready(self, ready)  # type: ignore[arg-type]

    monkeypatch.setattr(ChunkWriter, "write_ready", write_ready)
    hashes = []
    for process_from in (10**9, 100):
        monkeypatch.setattr(draft_process, "PROCESS_FROM", process_from)
        ws = open_workspace(f"sqlite:///{tmp_path / f'{process_from}.sqlite3'}")
        try:
            generate_demo(ws, tickets=400, seed=2, now=NOW)
            hashes.append(_demo_hashes(ws))
            if process_from == 100:
                assert ready_groups  # the process sent rows ready to insert
                ready_groups.clear()
                generate_demo(ws, tickets=300, seed=3, now=NOW)  # tickets there: records
                assert not ready_groups
            else:
                generate_demo(ws, tickets=300, seed=3, now=NOW)
            hashes.append(_demo_hashes(ws))
        finally:
            ws.close()
    assert hashes[0] == hashes[2] and hashes[1] == hashes[3]
    assert hashes[0]["tickets"] and hashes[0]["ticket_events"]


STAMPED = {"calendars", "policies", "policy_versions", "workspace_identity"}
"""Tables whose rows carry the wall clock or a random identity: two demos differ there."""


def _demo_hashes(ws: Workspace) -> dict[str, str]:
    """Per table but ``STAMPED``, a hash of its rows in primary-key order."""
    hashes = {}
    with ws.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in STAMPED:
                continue
            order = ", ".join(c.name for c in table.primary_key.columns)
            digest = hashlib.sha256()
            rows = connection.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}"))
            count = 0
            for row in rows:
                digest.update(repr(tuple(row)).encode())
                count += 1
            hashes[table.name] = f"{count}:{digest.hexdigest()}" if count else ""
    return hashes


_KILLED_PARENT = """
import sys, time
import numpy as np
from slaworkbench.app.demo import draft_process

rng = np.random.default_rng(1)
task = (rng.bit_generator.state, 200_000, 1, 1_780_000_000, 60, [("A", "gold")])
process = draft_process._DraftingProcess(task)
print(process._helper.process.pid, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc are POSIX")
def test_the_drafting_process_ends_when_the_demo_process_is_killed() -> None:
    assert ends_with_its_parent(_KILLED_PARENT)


def test_a_demo_whose_clock_rows_a_helper_bound_equals_one_bound_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock rows, SLA holds, timelines and ticket summaries of a demo's clock step
    handed to a helper process that binds them (``store.staging``) and copied by SQLite:
    every table as when they are bound in place; and so when the helper dies half way."""
    from slaworkbench.app.recompute import within
    from slaworkbench.store.clocks import transfer

    copies: list[str] = []
    real_copy = transfer.copy_staged

    def counted(connection: object, data: bytes, table: str, *rest: Any, **named: Any) -> None:
        copies.append(table)
        real_copy(connection, data, table, *rest, **named)  # type: ignore[arg-type]

    monkeypatch.setattr(transfer, "copy_staged", counted)
    monkeypatch.setattr(within, "CHUNK", 1_000)
    real_submit = transfer.Stager.submit
    submitted: list[int] = []

    def dying(self: transfer.Stager, *args: object) -> None:
        if self.staged and not submitted:  # once a first chunk's groups were copied
            submitted.append(1)
            os.kill(self._process.pid, signal.SIGKILL)
            self._process.wait()
        real_submit(self, *args)  # type: ignore[arg-type]

    hashes = []
    counts: list[int] = []
    for stage_from, kill in ((10**9, False), (100, False), (100, True)):
        monkeypatch.setattr(transfer, "STAGE_FROM", stage_from)
        if kill:
            monkeypatch.setattr(transfer.Stager, "submit", dying)
        copies.clear()
        ws = open_workspace(f"sqlite:///{tmp_path / f'{stage_from}-{kill}.sqlite3'}")
        try:
            generate_demo(ws, tickets=2_500, seed=2, now=NOW)
            hashes.append(_demo_hashes(ws))
        finally:
            ws.close()
        counts.append(len(copies))
        if stage_from == 100 and not kill:
            assert set(copies) == {
                "ticket_clocks",
                "ticket_clock_holds",
                "ticket_ola_cycles",
                "ticket_ola_holds",
                "ticket_timelines",
                "tickets",
            }
            assert copies.count("ticket_clocks") == 3  # three chunks
    assert counts[0] == 0 and 0 < counts[2] < counts[1]  # dead after its first groups
    assert hashes[0] == hashes[1] == hashes[2]
    assert hashes[0]["ticket_clocks"] and hashes[0]["ticket_clock_holds"]
    assert hashes[0]["ticket_ola_cycles"] and hashes[0]["ticket_ola_holds"]
