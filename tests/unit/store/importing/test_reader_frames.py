"""The reading process's frames arrive whole when its standard output is raw.

``python -u`` and ``PYTHONUNBUFFERED`` (which the reading process inherits; IDEs set it)
make standard output a raw file, whose ``write`` may take only part of the bytes (a
blocking pipe does so when a signal handler or a tracer interrupts it: seen under a
profiler as "Memo value not found" in the importing process). ``_whole_writes`` puts a
buffered writer in front, which writes everything.
"""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from typing import IO, cast

import pytest

from slaworkbench.store.frames import receive as _receive
from slaworkbench.store.frames import send as _send
from slaworkbench.store.frames import start_helper
from slaworkbench.store.frames import whole_writes as _whole_writes


class ShortWrites(io.RawIOBase):
    """A raw stream that takes at most 7 bytes per ``write``, as an interrupted pipe may."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        taken = bytes(chunk[:7])
        self.data += taken
        return len(taken)


MESSAGE = ("ready", list(range(2_000)), "x" * 5_000)


def test_frames_sent_through_short_writes_arrive_whole() -> None:
    raw = ShortWrites()
    out = _whole_writes(cast(IO[bytes], raw))
    _send(out, MESSAGE)
    _send(out, ("finished",))
    received = io.BytesIO(bytes(raw.data))
    assert pickle.loads(_receive(received) or b"") == MESSAGE
    assert pickle.loads(_receive(received) or b"") == ("finished",)


def test_without_it_a_short_write_would_break_the_frame() -> None:
    raw = ShortWrites()
    _send(cast(IO[bytes], raw), MESSAGE)
    assert len(raw.data) < len(pickle.dumps(MESSAGE, protocol=pickle.HIGHEST_PROTOCOL))


def test_a_buffered_stream_is_used_as_it_is() -> None:
    stream = io.BytesIO()
    assert _whole_writes(stream) is stream


def test_the_reading_process_output_is_buffered_under_pythonunbuffered() -> None:
    environment = dict(os.environ, PYTHONUNBUFFERED="1")
    code = (
        "import io, sys;"
        "from slaworkbench.store.frames import whole_writes as _whole_writes;"
        "print(isinstance(sys.stdout.buffer, io.BufferedIOBase),"
        " isinstance(_whole_writes(sys.stdout.buffer), io.BufferedIOBase), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert done.stderr.split() == ["False", "True"]


def test_a_bundled_program_starts_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its executable would take ``-m`` for an option of its own command line."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(OSError):
        start_helper("slaworkbench.store.importing.read_ahead")
