"""Helpers of the concurrency tests: event logs to import, and jobs started together."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADER = (
    "SR Number,Change Date+Time,Status,Sub Status,SR Latest Impact,Involved ST,Resource,Product\n"
)


def event_log(path: Path, prefix: str, tickets: int) -> Path:
    """A BPI 2013 style log of ``tickets`` cases (three rows each) named ``prefix-N``."""
    rows = [HEADER]
    for n in range(tickets):
        day = 1 + n % 20
        rows.append(
            f"{prefix}-{n},2026-09-{day:02d}T08:00:00+00:00,Queued,Awaiting Assignment,Medium,"
            f"V1,se-A,P1\n{prefix}-{n},2026-09-{day:02d}T09:30:00+00:00,Accepted,In Progress,"
            f"Medium,V1,se-B,P1\n"
        )
        if n % 3 == 0:
            rows.append(
                f"{prefix}-{n},2026-09-{day + 1:02d}T10:00:00+00:00,Completed,Resolved,Medium,"
                "V1,se-B,P1\n"
            )
    path.write_text("".join(rows), encoding="utf-8")
    return path


def run_at_once(*jobs: Callable[[], Any]) -> list[Any]:
    """Run ``jobs`` on threads released together; returns each result or exception."""
    results: list[Any] = [None] * len(jobs)
    start = threading.Barrier(len(jobs))

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = jobs[index]()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
