"""The files a person names: written whole or not at all, into what the name names.

Every file SLA Workbench writes where a person points it — ticket exports, reports,
agreement statements, policy and calendar files, charts — goes through ``saving``:

- A regular file (or a new name) is written under a temporary name in the same folder
  and renamed over the name when it is complete, so a failure half way (a full disk, a
  refused value, a kill) leaves the file that was there, and no half file. The file
  keeps the permissions it had; a new one gets those of any file the user saves.
- A symbolic link stays a link: the file it points to is the one replaced.
- A device or a pipe (``/dev/stdout``, a named pipe) is written into, once the content
  is complete: it cannot be renamed over, and renaming a file over it would replace the
  device itself (``/dev/full`` became a regular file that way, for a writer running as
  root). A write it refuses (``/dev/full``: no space left) is an error as any other.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PARTIAL = ".partial"
"""The suffix of a file being written (``.{name}.{random}.partial`` beside it)."""


def file_creation_mask() -> int:
    """The process's umask, read without changing it where the system tells it
    (``/proc/self/status`` on Linux); elsewhere set and set back at once."""
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def writes_through(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a device or a pipe (through links): written into, not
    renamed over, so a failure cannot take back what it already took."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def saving(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file to write in the block; when the block ends without an error its
    content becomes ``path`` (see the module text), else it is removed and ``path`` is
    left as it was. Raises ``OSError`` (``IsADirectoryError`` for a folder) as the writes
    would."""
    target = Path(path).expanduser()
    try:
        mode: int | None = target.stat().st_mode  # through links
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    special = writes_through(target)
    # A device or pipe is opened by the name as given (``/dev/stdout`` is a link to a
    # name no path reaches); a file is renamed over in the folder of the one it is.
    real = Path(os.path.realpath(target)) if target.is_symlink() and not special else target
    descriptor, name = tempfile.mkstemp(
        prefix=f".{real.name}.", suffix=PARTIAL, dir=None if special else real.parent
    )
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        if special:
            with temporary.open("rb") as source, real.open("wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
        else:
            kept = stat.S_IMODE(mode) if mode is not None else 0o666 & ~file_creation_mask()
            os.chmod(temporary, kept)  # mkstemp makes it private to the user
            os.replace(temporary, real)
    finally:
        with suppress(FileNotFoundError):
            temporary.unlink()
