"""Pickled messages between this process and a helper process it started (issue 16):
the import's reading process (``store.importing.read_ahead``) and the demo's drafting
process (``app.demo.draft_process``).

A helper is a plain interpreter running a module of the package (not
``multiprocessing``, which would import the caller's main module, a whole GUI, again).
Its task comes as the first frame of its standard input, which stays open: its end is
the parent's end, killed or not (``die_with_parent``). It answers on its standard
output, one frame per message: the pickle's length in 8 bytes, then the pickle.
``FrameReceiver`` takes the frames on a thread of the parent as soon as they are sent,
so the helper never waits for the parent to be ready (the interpreter lock is free
while a pipe is read).
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
from pathlib import Path
from typing import IO, Any, cast

import slaworkbench

FRAME = struct.Struct("<Q")
"""Each message: its length in 8 bytes, then its pickle."""


def start_helper(module: str) -> subprocess.Popen[bytes]:
    """A plain interpreter running ``module`` (``python -m``), with this package on its
    path, its standard input and output piped (``OSError`` when it cannot start). A
    bundled program (PyInstaller's, ``sys.frozen``) has no interpreter to run a module
    with: its own executable would take ``-m`` for a command-line option and answer with
    a usage error, so none is started there."""
    if getattr(sys, "frozen", False):
        raise OSError("a bundled program starts no helper interpreter")
    source = str(Path(slaworkbench.__file__).resolve().parent.parent)
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [source, *filter(None, [environment.get("PYTHONPATH")])]
    )
    return subprocess.Popen(
        [sys.executable, "-m", module],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment,
    )


def framed(message: object) -> bytes:
    """``message`` as one frame."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return FRAME.pack(len(data)) + data


def send(stream: IO[bytes], message: tuple[Any, ...]) -> None:
    """Write ``message`` as one frame and flush it."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(FRAME.pack(len(data)))
    stream.write(data)
    stream.flush()


def receive(stream: IO[bytes]) -> bytes | None:
    """The next frame's pickle, or ``None`` at the end of the stream."""
    head = stream.read(FRAME.size)
    if len(head) < FRAME.size:
        return None
    (size,) = FRAME.unpack(head)
    data = stream.read(size)
    return data if len(data) == size else None


def whole_writes(stream: IO[bytes]) -> IO[bytes]:
    """``stream``, or a buffered writer over it when it is raw: ``python -u`` and
    ``PYTHONUNBUFFERED`` (which a helper inherits; IDEs set it) make standard output a
    raw file, whose ``write`` may write only part of a frame (a blocking pipe does so
    when a signal handler or a tracer such as a profiler interrupts it), and ``send``
    does not look at how much was written. A buffered writer writes it all."""
    if isinstance(stream, io.BufferedIOBase):
        return stream
    return cast(IO[bytes], io.BufferedWriter(cast(io.RawIOBase, stream)))


def sendable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a plain one with its text."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def die_with_parent(descriptor: int) -> None:
    """End this process as soon as ``descriptor`` (the parent's end of a pipe) ends. The
    thread reads the bare descriptor: a buffered stream's lock, held by a daemon thread,
    would stop the interpreter's own normal exit."""

    def watch() -> None:
        while os.read(descriptor, 1 << 16):
            pass
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def helper_task() -> tuple[Any, IO[bytes]] | None:
    """In a helper: its task (the first frame of its standard input, unpickled) and the
    stream its answers go to; ``None`` when its parent sent none. From then on the helper
    ends with its parent (``die_with_parent``)."""
    task = receive(sys.stdin.buffer)
    if task is None:
        return None
    die_with_parent(sys.stdin.fileno())
    return pickle.loads(task), whole_writes(sys.stdout.buffer)


class FrameReceiver:
    """The frames of ``stream``, taken on a thread of their own as they come; ``get``
    returns the next one, or ``None`` once the stream ended."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self._received: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._drain, args=(stream,), name=name)
        self._thread.daemon = True
        self._thread.start()

    def _drain(self, stream: IO[bytes]) -> None:
        try:
            while (frame := receive(stream)) is not None:
                self._received.put(frame)
        except (OSError, ValueError):
            pass
        self._received.put(None)

    def get(self) -> bytes | None:
        return self._received.get()

    def join(self) -> None:
        self._thread.join()


class Helper:
    """One helper process running ``module`` (``start_helper``), given ``task`` as the
    first frame of its standard input, which stays open: its end is this process's end,
    for the helper. ``get`` returns its frames as they come, ``None`` once it ended;
    ``close`` stops it. ``OSError`` when it cannot start; one that ends at once (before
    it took its task) is seen as a ``None`` from the first ``get``."""

    def __init__(self, module: str, task: object, name: str) -> None:
        self.process = start_helper(module)
        assert self.process.stdin is not None and self.process.stdout is not None
        self._task = self.process.stdin
        self._received = FrameReceiver(self.process.stdout, name)
        try:
            self._task.write(framed(task))
            self._task.flush()
        except OSError:  # it ended at once: ``get`` sees nothing
            pass

    def get(self) -> bytes | None:
        return self._received.get()

    def exit_code(self) -> int:
        """Its exit code, once it ended."""
        return self.process.wait()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._received.join()
        with contextlib.suppress(OSError):  # what is left in its buffer goes nowhere
            self._task.close()
        if self.process.stdout is not None:
            self.process.stdout.close()
