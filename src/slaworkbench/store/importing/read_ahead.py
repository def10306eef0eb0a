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
stops it (``_die_with_parent``); the caller stops it when it leaves the block early.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, cast

import slaworkbench
from slaworkbench.domain.model import Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.collector import collection_paused
from slaworkbench.store.importing.event_log import SENT_TOGETHER, parse_event_log
from slaworkbench.store.importing.presets import EventLogPreset
from slaworkbench.store.importing.ready import ReadyBuilder, ReadyPlan, ReadyRows
from slaworkbench.store.importing.records import (
    ImportFileError,
    KeptRejections,
    ParsedFile,
    TicketRecord,
)
from slaworkbench.store.importing.storable import Limits, check_storable, schema_limits

_PRIORITIES = {priority.value: priority for priority in Priority}
_STATUSES = {status.value: status for status in Status}


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


def _encoded(ticket: TicketRecord) -> tuple[Any, ...]:
    """A ticket as plain values (pickled by C code alone, unlike a dataclass)."""
    return (
        ticket.external_id, ticket.subject, ticket.priority.value, ticket.status.value,
        ticket.created_at, ticket.updated_at, ticket.solved_at, ticket.event_rows,
        ticket.requester, ticket.customer, ticket.customer_tier, ticket.team,
        ticket.assignee, ticket.category, ticket.channel, ticket.tags,
    )  # fmt: skip


def _decoded(values: tuple[Any, ...]) -> TicketRecord:
    return TicketRecord(
        values[0], values[1], _PRIORITIES[values[2]], _STATUSES[values[3]], *values[4:]
    )


_FRAME = struct.Struct("<Q")
"""Each message: its length in 8 bytes, then its pickle."""


def _send(stream: IO[bytes], message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_FRAME.pack(len(data)))
    stream.write(data)
    stream.flush()


def _whole_writes(stream: IO[bytes]) -> IO[bytes]:
    """``stream``, or a buffered writer over it when it is raw: ``python -u`` and
    ``PYTHONUNBUFFERED`` (which this process inherits; IDEs set it) make standard output
    a raw file, whose ``write`` may write only part of a frame (a blocking pipe does so
    when a signal handler or a tracer such as a profiler interrupts it), and ``_send``
    does not look at how much was written. A buffered writer writes it all."""
    if isinstance(stream, io.BufferedIOBase):
        return stream
    return cast(IO[bytes], io.BufferedWriter(cast(io.RawIOBase, stream)))


def _receive(stream: IO[bytes]) -> bytes | None:
    """The next frame, or ``None`` at the end of the stream."""
    head = stream.read(_FRAME.size)
    if len(head) < _FRAME.size:
        return None
    (size,) = _FRAME.unpack(head)
    data = stream.read(size)
    return data if len(data) == size else None


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
            _send(self._stream, ("ready", self._ready.build(tickets), rows, refused))
            return
        encoded = [_encoded(ticket) for ticket in tickets]
        _send(self._stream, ("tickets", encoded, rows, refused))

    def restart(self) -> None:
        """Every ticket comes again: with the same ids (the writer starts over)."""
        if self._ready is not None:
            self._ready.restart()
        _send(self._stream, ("restart",))


def _die_with_parent(descriptor: int) -> None:
    """End this process as soon as ``descriptor`` (the parent's end of a pipe) ends. The
    thread reads the bare descriptor: a buffered stream's lock, held by a daemon thread,
    would stop the interpreter's own normal exit."""

    def watch() -> None:
        while os.read(descriptor, 1 << 16):
            pass
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


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
        _send(out, ("finished", summary, list(rejections), counts))
    except BaseException as error:  # every failure goes to the caller
        _send(out, ("error", _sendable(error)))


def _sendable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a plain one with its text."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _main() -> None:
    """The reading process: its task comes as the first frame of its standard input."""
    task = _receive(sys.stdin.buffer)
    if task is None:
        return
    _die_with_parent(sys.stdin.fileno())
    path, preset, limits, plan = pickle.loads(task)
    _read(path, preset, limits, plan, _whole_writes(sys.stdout.buffer))


class EventLogReader:
    """The reading process of one import; leave the block to stop it. With a ``plan``,
    it sends ``ReadyTickets`` instead of ``Tickets``."""

    def __init__(
        self, path: str | Path, preset: EventLogPreset, plan: ReadyPlan | None = None
    ) -> None:
        source = str(Path(slaworkbench.__file__).resolve().parent.parent)
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            [source, *filter(None, [environment.get("PYTHONPATH")])]
        )
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=environment,
            )
        except OSError as error:
            raise ReaderUnavailable(str(error)) from error
        assert self._process.stdin is not None and self._process.stdout is not None
        self._task = self._process.stdin
        try:
            self._task.write(_framed((str(path), preset, schema_limits(), plan)))
            self._task.flush()  # stays open: its end is this process's end, for the reader
        except OSError as error:  # it ended at once
            self._process.kill()
            self._process.wait()
            self._process.stdout.close()
            with contextlib.suppress(OSError):  # what is left in its buffer goes nowhere
                self._task.close()
            raise ReaderUnavailable(str(error)) from error
        self._received: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._drain = threading.Thread(
            target=self._receive, args=(self._process.stdout,), name="import-reader-pipe"
        )
        self._drain.daemon = True
        self._drain.start()

    def _receive(self, stream: IO[bytes]) -> None:
        """Take what the reading process sends as soon as it is sent, so that it never
        waits for this one to be ready (the interpreter lock is free while a pipe is
        read); ``None`` marks the end."""
        try:
            while (frame := _receive(stream)) is not None:
                self._received.put(frame)
        except (OSError, ValueError):
            pass
        self._received.put(None)

    def __enter__(self) -> EventLogReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._drain.join()
        self._task.close()
        if self._process.stdout is not None:
            self._process.stdout.close()

    def messages(self) -> Iterator[Message]:
        """What the reading process sends, up to ``Finished``; its error is raised."""
        first = True
        while True:
            received = self._received.get()
            if received is None and first:
                raise ReaderUnavailable(f"exit code {self._process.wait()}")
            if received is None:
                raise ImportFileError(
                    tr(
                        "Nothing was imported: the process reading the file ended unexpectedly "
                        "(exit code {code}); try again."
                    ).format(code=self._process.wait())
                )
            first = False
            message = pickle.loads(received)
            kind = message[0]
            if kind == "tickets":
                tickets = [_decoded(values) for values in message[1]]
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


def _framed(message: object) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _FRAME.pack(len(data)) + data


if __name__ == "__main__":
    _main()
