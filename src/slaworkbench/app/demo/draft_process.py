"""The demo's drafts drawn in a process of their own, beside the writer (issue 16).

Drawing a large demo's tickets (numpy draws, then a record of plain tuples per ticket:
about 31 s of CPU at 1M) on a thread (``drafts.drafts_ahead``) shares the writer's
interpreter lock, so the two took turns on one core. ``drafted`` draws them in a second
interpreter instead (``store.frames``: its task as the first frame of its standard
input, one frame per chunk on its standard output), which runs on the other core; this
process only unpickles each chunk (about a third of drawing it). The drafting process
starts from the generator's state as the demo left it (``bit_generator.state``) and
makes the same draws in the same order, so a seed gives the same workspace either way
(a test compares them).

Small demos (fewer than ``PROCESS_FROM`` tickets) stay on the thread: starting an
interpreter and importing numpy costs more than it saves. When the process cannot
start, or ends before it sent anything, the drafts are drawn here as before; when it
ends later, or fails, the demo fails with its error and writes nothing.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Generator, Iterator, Mapping
from typing import Any

import numpy as np

from slaworkbench.app.demo.drafts import Draft, drafts_ahead, draw_drafts
from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.frames import (
    Helper,
    helper_task,
    send,
    sendable,
)
from slaworkbench.store.importing.ready import ReadyBuilder, ReadyPlan
from slaworkbench.store.importing.records import record_from_values, record_values

PROCESS_FROM = 50_000
"""The fewest tickets whose drafts are drawn in a process of their own."""

Task = tuple[Mapping[str, Any], int, int, int, int, list[tuple[str, str]], ReadyPlan | None]
"""The generator's state, tickets, seed, now, days and customers (``draw_drafts``), and
the plan its rows ready to insert follow (``None``: it sends the tickets as records)."""


class _DraftingProcess:
    """The drafting process of one demo; ``close`` stops it."""

    def __init__(self, task: Task) -> None:
        self._helper = Helper(__name__, task, "demo-drafts-pipe")

    def first(self) -> bytes | None:
        return self._helper.get()

    def drafts(self, first: bytes) -> Iterator[Draft]:
        received: bytes | None = first
        while True:
            if received is None:
                raise ValidationError(
                    tr(
                        "The demo was not written: the process drawing its tickets ended "
                        "unexpectedly (exit code {code}); try again."
                    ).format(code=self._helper.exit_code())
                )
            message = pickle.loads(received)
            if message[0] == "end":
                return
            if message[0] == "error":
                raise message[1]
            if message[0] == "ready":
                yield Draft([], message[2], message[1])
            else:
                yield Draft([record_from_values(values) for values in message[1]], message[2])
            received = self._helper.get()

    def close(self) -> None:
        self._helper.close()


@contextlib.contextmanager
def drafted(
    rng: np.random.Generator,
    tickets: int,
    seed: int,
    now: int,
    days: int,
    customers: list[tuple[str, str]],
    plan: ReadyPlan | None = None,
) -> Iterator[Iterator[Draft]]:
    """The demo's drafts (``draw_drafts``), drawn ahead of the caller: in a process of
    their own from ``PROCESS_FROM`` tickets, else on a thread; leave the block to stop
    the drawing. With a ``plan`` (``store.importing.bulk.ready_plan``) the process sends
    each chunk as rows ready to insert (``Draft.ready``); the thread never does."""
    process = None
    first = None
    if tickets >= PROCESS_FROM:
        try:
            process = _DraftingProcess(
                (rng.bit_generator.state, tickets, seed, now, days, customers, plan)
            )
        except OSError:  # no interpreter beside this one: drawn here
            process = None
        else:
            first = process.first()
    try:
        if process is not None and first is not None:
            yield process.drafts(first)
        else:
            drafts: Generator[Draft, None, None] = drafts_ahead(
                draw_drafts(rng, tickets, seed, now, days, customers)
            )
            try:
                yield drafts
            finally:
                drafts.close()
    finally:
        if process is not None:
            process.close()


def _main() -> None:
    """The drafting process: its task comes as the first frame of its standard input."""
    taken = helper_task()
    if taken is None:
        return
    (state, tickets, seed, now, days, customers, plan), out = taken
    rng = np.random.default_rng()
    rng.bit_generator.state = state
    ready = None if plan is None else ReadyBuilder(plan)
    try:
        for draft in draw_drafts(rng, tickets, seed, now, days, customers):
            if ready is not None:
                send(out, ("ready", ready.build(draft.records), draft.surveys))
                continue
            send(out, ("draft", [record_values(record) for record in draft.records], draft.surveys))
        send(out, ("end",))
    except Exception as error:
        send(out, ("error", sendable(error)))


if __name__ == "__main__":
    _main()
