"""Reading an event log in a second process while the caller writes (issue 16).

``EventLogReader`` starts a process that reads and maps the file with
``parse_event_log`` and sends the tickets known to be final as it goes
(``TicketSink``), so the importer writes the first tickets while the rest of the file is
being read: the two run on two cores, and neither waits for the other's interpreter
lock. The reading process is a plain interpreter running this module (not
``multiprocessing``, which would import the caller's main module, a whole GUI, again);
they talk through its standard input and output, one pickled message per frame. What
the caller receives, in order:

- ``Tickets`` (final tickets, in file order, the rows read so far, and the sentence
  refusing the import when a text of theirs fits no workspace), any number; or, when
  the caller gave a ``ReadyPlan`` (a workspace without tickets), ``ReadyTickets``: the
  same tickets as rows ready to insert, their ids and event groups made here
  (``store.importing.ready``), so the writing process does not build them;
- possibly one ``Restart``: the tickets received so far were not final (a case's rows
  were not together in the file); every ticket follows again in ``Tickets``;
- ``Finished`` (the file's rejections, counts and warnings: the ``ParsedFile`` without
  its tickets), last.

A whole-file error (or any other failure) of the reading process is raised by
``messages`` in the caller, the same exception with the same sentence. The reading
process never touches the workspace, and it ends with its parent: a thread of it reads
its standard input, which reaches its end when the parent ends, killed or not, and then
stops it (``store.frames.die_with_parent``); the caller stops it when it leaves the block early.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from slaworkbench.i18n import tr
from slaworkbench.store.collector import collection_paused
from slaworkbench.store.frames import (
    Helper,
    helper_task,
    send,
    sendable,
)
from slaworkbench.store.importing.event_log import SENT_TOGETHER, parse_event_log
from slaworkbench.store.importing.presets import EventLogPreset
from slaworkbench.store.importing.ready import ReadyBuilder, ReadyPlan, ReadyRows
from slaworkbench.store.importing.records import (
    ImportFileError,
    KeptRejections,
    ParsedFile,
    TicketRecord,
    record_from_values,
    record_values,
)
from slaworkbench.store.importing.storable import Limits, check_storable, schema_limits


@dataclass(frozen=True, slots=True)
class Tickets:
    tickets: list[TicketRecord]
    rows: int
    """Rows read when these were sent."""
    refused: ImportFileError | None = None
    """``check_storable``'s sentence when a text of these tickets fits no workspace
    (checked by the reading process, so the writing one spends no time on it)."""

    @property
    def count(self) -> int:
        return len(self.tickets)


@dataclass(frozen=True, slots=True)
class ReadyTickets:
    """``Tickets`` built ready to insert against the ``ReadyPlan`` the reader was given."""

    ready: ReadyRows
    rows: int
    refused: ImportFileError | None = None

    @property
    def count(self) -> int:
        return self.ready.count


@dataclass(frozen=True, slots=True)
class Restart:
    pass


@dataclass(frozen=True, slots=True)
class Finished:
    parsed: ParsedFile
    """Everything read but the tickets (sent before)."""


Message = Tickets | ReadyTickets | Restart | Finished


class ReaderUnavailable(Exception):
    """The reading process could not start, or ended before it sent anything (no
    interpreter beside this one, a broken installation): nothing was read; the caller
    reads the file itself."""


class _PipeSink:
    """The reading process's ``TicketSink``: each group goes down the pipe at once, with
    the sentence of ``check_storable`` when one of its texts fits no workspace."""

    def __init__(self, stream: IO[bytes], limits: Limits, plan: ReadyPlan | None) -> None:
        self._stream = stream
        self._limits = limits
        self._ready = None if plan is None else ReadyBuilder(plan)

    def send(self, tickets: Sequence[TicketRecord], rows: int) -> None:
        try:
            check_storable(tickets, self._limits)
        except ImportFileError as error:
            refused: ImportFileError | None = error
        else:
            refused = None
        if self._ready is not None:
            send(self._stream, ("ready", self._ready.build(tickets), rows, refused))
            return
        encoded = [record_values(ticket) for ticket in tickets]
        send(self._stream, ("tickets", encoded, rows, refused))

    def restart(self) -> None:
        """Every ticket comes again: with the same ids (the writer starts over)."""
        if self._ready is not None:
            self._ready.restart()
        send(self._stream, ("restart",))


def _read(
    path: str, preset: EventLogPreset, limits: Limits, plan: ReadyPlan | None, out: IO[bytes]
) -> None:
    """Parse, sending tickets as they are final, then the rest and the summary; texts
    are checked against ``limits`` (the parent's schema: this process does not import
    it); with a ``plan``, tickets go as rows ready to insert."""
    try:
        sink = _PipeSink(out, limits, plan)
        parsed = parse_event_log(path, preset, sink)
        rest = parsed.tickets
        with collection_paused():  # as during the parse: nothing here makes a cycle
            for start in range(0, len(rest), SENT_TOGETHER):
                sink.send(rest[start : start + SENT_TOGETHER], parsed.rows)
        rejections = parsed.rejections
        counts = rejections.counts if isinstance(rejections, KeptRejections) else None
        summary = replace(parsed, tickets=(), rejections=())
        send(out, ("finished", summary, list(rejections), counts))
    except BaseException as error:  # every failure goes to the caller
        send(out, ("error", sendable(error)))


def _main() -> None:
    """The reading process: its task comes as the first frame of its standard input."""
    taken = helper_task()
    if taken is None:
        return
    (path, preset, limits, plan), out = taken
    _read(path, preset, limits, plan, out)


class EventLogReader:
    """The reading process of one import; leave the block to stop it. With a ``plan``,
    it sends ``ReadyTickets`` instead of ``Tickets``."""

    def __init__(
        self, path: str | Path, preset: EventLogPreset, plan: ReadyPlan | None = None
    ) -> None:
        try:
            self._helper = Helper(
                __name__, (str(path), preset, schema_limits(), plan), "import-reader-pipe"
            )
        except OSError as error:
            raise ReaderUnavailable(str(error)) from error

    def __enter__(self) -> EventLogReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._helper.close()

    def messages(self) -> Iterator[Message]:
        """What the reading process sends, up to ``Finished``; its error is raised."""
        first = True
        while True:
            received = self._helper.get()
            if received is None and first:
                raise ReaderUnavailable(f"exit code {self._helper.exit_code()}")
            if received is None:
                raise ImportFileError(
                    tr(
                        "Nothing was imported: the process reading the file ended unexpectedly "
                        "(exit code {code}); try again."
                    ).format(code=self._helper.exit_code())
                )
            first = False
            message = pickle.loads(received)
            kind = message[0]
            if kind == "tickets":
                tickets = [record_from_values(values) for values in message[1]]
                yield Tickets(tickets, message[2], message[3])
            elif kind == "ready":
                yield ReadyTickets(message[1], message[2], message[3])
            elif kind == "restart":
                yield Restart()
            elif kind == "finished":
                parsed, kept, counts = message[1:]
                yield Finished(replace(parsed, rejections=KeptRejections(kept, counts)))
                return
            else:
                raise message[1]


if __name__ == "__main__":
    _main()
