"""The demo's tickets drawn one chunk ahead of the writer, on a thread of their own.

Drawing a chunk (numpy draws, then a record of plain tuples per ticket) is Python work;
writing it is mostly SQLite's (``sqlite3`` lets go of the GIL while a statement steps).
``drafts_ahead`` draws the next chunk while the caller writes this one. The draws are
made in the same order as one thread would make them (each chunk's tickets, then its
survey answers), from the one generator, so a seed gives the same workspace either way.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from dataclasses import dataclass

import numpy as np

from slaworkbench.app.demo.catalogue import CHUNK
from slaworkbench.app.demo.tickets import (
    ChunkDraws,
    build_record,
    build_survey_rows,
    creation_instants,
)
from slaworkbench.store.importing.ready import ReadyRows
from slaworkbench.store.importing.records import TicketRecord

SurveyRow = tuple[int, str, int, int]


@dataclass(frozen=True, slots=True)
class Draft:
    """One chunk of demo tickets, not yet written."""

    records: list[TicketRecord]
    surveys: list[SurveyRow]
    """Survey answers with the ticket's position in ``records`` in place of its id."""
    ready: ReadyRows | None = None
    """The tickets as rows ready to insert (``store.importing.ready``; the drafting
    process builds them into a workspace without tickets), ``records`` then empty."""

    def survey_rows(self, ticket_ids: list[int]) -> list[SurveyRow]:
        """The survey answers with the ids the tickets were written under."""
        return [
            (ticket_ids[position], kind, score, answered)
            for position, kind, score, answered in self.surveys
        ]


def draw_drafts(
    rng: np.random.Generator,
    tickets: int,
    seed: int,
    now: int,
    days: int,
    customers: list[tuple[str, str]],
) -> Iterator[Draft]:
    """The demo's tickets, ``CHUNK`` at a time, in the order they are numbered: the order
    they were opened in (every ticket's creation instant is drawn first)."""
    created = creation_instants(rng, tickets, now, days)
    done = 0
    while done < tickets:
        count = min(CHUNK, tickets - done)
        chunk = ChunkDraws(rng, created[done : done + count])
        built = [
            build_record(chunk, i, done + i + 1, seed, now, customers, rng) for i in range(count)
        ]
        records = [record for record, _ in built]
        positions = list(range(count))
        surveys = build_survey_rows(rng, positions, records, [s for _, s in built], now)
        yield Draft(records, surveys)
        done += count


_END = object()


def drafts_ahead(drafts: Iterator[Draft]) -> Generator[Draft, None, None]:
    """The same drafts, each drawn on a thread while the caller handles the one before.

    An error while drawing is raised here, at the draft it stopped; a caller that stops
    early (an error while writing) stops the thread at its next draft."""
    handed: queue.Queue[object] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def draw() -> None:
        try:
            for draft in drafts:
                while not stop.is_set():
                    try:
                        handed.put(draft, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            handed.put(_END)
        except BaseException as error:  # handed to the caller, raised there
            handed.put(error)

    worker = threading.Thread(target=draw, name="demo-drafts", daemon=True)
    worker.start()
    try:
        while True:
            item = handed.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, Draft)
            yield item
    finally:
        stop.set()
        worker.join()
