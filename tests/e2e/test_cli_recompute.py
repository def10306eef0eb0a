"""``slaworkbench recompute`` run as the real program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select, update

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.schema import OPEN_STATUSES, Ticket, TicketClock, WorkspaceMeta
from slaworkbench.store.workspace import open_workspace


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SLAWORKBENCH_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "slaworkbench", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_recompute_rewrites_the_clock_summaries(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    with open_workspace(url) as workspace:
        generate_demo(workspace, tickets=300, seed=3)
        with workspace.session(write=True) as session:
            expected = {
                r.id: r.sla_state for r in session.execute(select(Ticket.id, Ticket.sla_state))
            }
            # Wipe the summaries: only a real recompute can bring them back.
            session.execute(update(Ticket).values(sla_state="none", evaluated_at=None))

    done = _run("recompute", "--database", url, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Recomputed the SLA clocks of" in done.stdout

    with open_workspace(url) as workspace, workspace.session() as session:
        rows = session.execute(
            select(Ticket.id, Ticket.sla_state, Ticket.status, Ticket.evaluated_at)
        ).all()
    open_rows = [r for r in rows if r.status not in ("solved", "closed")]
    assert open_rows and all(r.evaluated_at is not None for r in open_rows)
    # Open tickets get their verdicts back (the recompute uses the real time, as did the
    # demo a moment ago; a clock crossing a threshold in between is the only change).
    same = sum(expected[r.id] == r.sla_state for r in open_rows)
    assert same >= len(open_rows) - 3
    # Closed tickets keep the verdict of the version that judged them: not touched.
    assert all(r.evaluated_at is None for r in rows if r.status in ("solved", "closed"))


def test_a_second_recompute_says_the_open_tickets_were_up_to_date(tmp_path: Path) -> None:
    """Nothing but the time moved since the first: the second evaluates only tickets a
    risk or due instant reached meanwhile, and says so of the others."""
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    with open_workspace(url) as workspace:
        generate_demo(workspace, tickets=300, seed=3)
        with workspace.session() as session:
            open_tickets = session.scalar(
                select(func.count(Ticket.id)).where(Ticket.status.in_(OPEN_STATUSES))
            )
    first = _run("recompute", "--database", url, home=tmp_path)
    second = _run("recompute", "--database", url, home=tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    lines = second.stdout.splitlines()
    assert lines[0].startswith("Recomputed the SLA clocks of ")
    evaluated = int(lines[0].split(" of ")[1].split(" ticket")[0].replace(",", ""))
    assert (
        lines[1] == f"The clocks of {open_tickets - evaluated} other open tickets were up to date."
    )
    assert evaluated < open_tickets


def test_rebaseline_needs_a_reason_and_records_who_and_why(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    with open_workspace(url) as workspace:
        generate_demo(workspace, tickets=50, seed=4)

    refused = _run("recompute", "--all", "--database", url, home=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip().startswith("slaworkbench: A re-baseline")
    assert "Traceback" not in refused.stderr

    done = _run(
        "recompute",
        "--all",
        "--reason",
        "new contract",
        "--author",
        "maria",
        "--database",
        url,
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    with open_workspace(url) as workspace, workspace.session() as session:
        meta = session.execute(
            select(WorkspaceMeta.value).where(WorkspaceMeta.key == "last_rebaseline")
        ).scalar_one()
    record = json.loads(meta)
    assert record["author"] == "maria" and record["reason"] == "new contract"


def test_a_file_that_is_not_a_workspace_is_refused_in_one_line(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"these are my notes, not a database" * 10)
    before = bogus.read_bytes()
    done = _run("recompute", "--database", str(bogus), home=tmp_path)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert bogus.read_bytes() == before


def test_verify_repairs_clock_rows_edited_behind_the_programs_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    with open_workspace(url) as workspace:
        # A fixed instant, not the clock: at it the demo leaves paused running cycles.
        generate_demo(workspace, tickets=80, seed=6, now=1_790_000_000)
        with workspace.session(write=True) as session:
            clock = (
                session.execute(
                    select(TicketClock)
                    .join(Ticket, Ticket.id == TicketClock.ticket_id)
                    .where(
                        TicketClock.stopped_at.is_(None),
                        TicketClock.state == "paused",  # its elapsed is a value, not a reading
                        Ticket.status.in_(("new", "open", "pending", "on_hold")),
                    )
                    .order_by(TicketClock.id)
                )
                .scalars()
                .first()
            )
            assert clock is not None
            elapsed = clock.elapsed
            clock.elapsed = elapsed + 12_345  # a hand edit the fingerprints cannot see

    def stored() -> int:
        with open_workspace(url) as workspace, workspace.session() as session:
            return session.execute(
                select(TicketClock.elapsed).where(TicketClock.id == clock.id)
            ).scalar_one()

    plain = _run("recompute", "--database", url, home=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert stored() == elapsed + 12_345  # trusted the fingerprint
    verified = _run("recompute", "--verify", "--database", url, home=tmp_path)
    assert verified.returncode == 0, verified.stderr
    assert stored() == elapsed


def test_a_verifying_re_baseline_rewrites_a_stopped_verdict_edited_by_hand(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    with open_workspace(url) as workspace:
        # A fixed instant, not the clock: at it the demo leaves paused running cycles.
        generate_demo(workspace, tickets=80, seed=6, now=1_790_000_000)
        with workspace.session(write=True) as session:
            clock = (
                session.execute(
                    select(TicketClock)
                    .where(TicketClock.stopped_at.is_not(None), TicketClock.state == "achieved")
                    .order_by(TicketClock.id)
                )
                .scalars()
                .first()
            )
            assert clock is not None
            clock.state = "breached"  # a recorded verdict: only a re-baseline re-judges it

    def state() -> str:
        with open_workspace(url) as workspace, workspace.session() as session:
            return session.execute(
                select(TicketClock.state).where(TicketClock.id == clock.id)
            ).scalar_one()

    verified = _run("recompute", "--verify", "--database", url, home=tmp_path)
    assert verified.returncode == 0, verified.stderr
    assert state() == "breached"
    args = ("recompute", "--all", "--verify", "--reason", "repair", "--database", url)
    rebaselined = _run(*args, home=tmp_path)
    assert rebaselined.returncode == 0, rebaselined.stderr
    assert state() == "achieved"
