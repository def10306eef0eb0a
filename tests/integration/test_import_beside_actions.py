"""An import judges its own tickets only (the intermittent duplicate key of
``test_server_outage``): a ticket another desktop created while the import was writing
has an id above the import's first one and its clocks committed already; the import's
in-transaction evaluation (``judge_tickets(new_tickets=True)``, which writes every
clock row without reading the stored ones) took it too and failed with a duplicate key
on ``uq_ticket_clocks_ticket_id_metric_cycle_index``. Here the other desktop's ticket is
created at exactly that point of the import, against a real server."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing import run as importing_run
from slaworkbench.app.importing.run import import_event_log
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.store.workspace import open_workspace
from tests.support.clock_truth import clock_mismatches
from tests.support.concurrency import event_log

NOW = 1_790_000_000


def test_a_ticket_created_during_an_import_keeps_its_clocks(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_workspace(postgres_url) as ws, open_workspace(postgres_url) as other_desk:
        generate_demo(ws, tickets=30, seed=5, now=NOW)
        real_judge = importing_run.judge_tickets
        created: list[int] = []
        failures: list[BaseException] = []

        def judge_after_another_desks_ticket(*args: Any, **kwargs: Any) -> int:
            # The import's tickets are written, not committed; another desktop creates a
            # ticket now (its own transaction, committed before the import judges).
            def create() -> None:
                try:
                    created.append(
                        create_ticket(other_desk, NewTicket(subject="beside"), author="t", now=NOW)
                    )
                except Exception as error:  # judged below
                    failures.append(error)

            thread = threading.Thread(target=create, daemon=True)
            thread.start()
            thread.join(timeout=60)
            assert not thread.is_alive(), "the other desktop's save waited for the import"
            return real_judge(*args, **kwargs)

        monkeypatch.setattr(importing_run, "judge_tickets", judge_after_another_desks_ticket)
        summary = import_event_log(ws, event_log(tmp_path / "log.csv", "beside", 20), "bpic2013")
        assert not failures, failures
        assert summary.tickets_imported == 20
        assert created
        assert clock_mismatches(ws, now=NOW) == []
