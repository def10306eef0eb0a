"""The workspace of one command, with every failure as one sentence.

``command_workspace(database, create=...)`` opens the workspace (only ``demo`` and
``import`` may create one; reading commands pass ``create=False`` and a missing file is a
sentence) and turns what can go wrong while the command works — a lock held past the
busy timeout, a full disk, a read-only file, an input/output error, memory running out —
into a ``CommandError``. Every write runs in a transaction, so nothing was changed by
the step that failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from slaworkbench import config
from slaworkbench.cli.errors import CommandError
from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.errors import StoreError
from slaworkbench.store.workspace import Workspace, open_workspace


def failure_sentence(error: BaseException) -> str | None:
    """The sentence for a failure a command can meet anywhere, else ``None``."""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, MemoryError):
        return tr(
            "The computer ran out of memory; close other programs or split the file, and "
            "try again. Nothing was changed."
        )
    if isinstance(error, OSError):
        return tr("A file could not be read or written ({reason}); nothing was changed.").format(
            reason=error.strerror or error
        )
    if isinstance(error, SQLAlchemyError):
        return tr(
            "The workspace could not be read or written ({reason}); nothing was changed."
        ).format(reason=getattr(error, "orig", None) or error.__class__.__name__)
    return None


@contextmanager
def failures_as_sentences() -> Iterator[None]:
    """Re-raise a known failure as a ``CommandError`` (no traceback)."""
    try:
        yield
    except CommandError:
        raise
    except (StoreError, MemoryError, OSError, SQLAlchemyError) as error:
        sentence = failure_sentence(error)
        assert sentence is not None
        raise CommandError(sentence) from None


@contextmanager
def command_workspace(
    database: str | None, *, create: bool, reading: bool = False
) -> Iterator[Workspace]:
    """The workspace at ``database`` for the length of a command (``reading``: one that
    only reads it, see ``open_workspace``)."""
    with failures_as_sentences():
        workspace = open_workspace(database, create=create, reading=reading)
        try:
            yield workspace
        finally:
            workspace.close()


SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


@contextmanager
def removed_unless_done(database: str | None) -> Iterator[None]:
    """A SQLite workspace file that does not exist yet, and that the command creates, is
    removed again (with its journal) when the command fails: an import that creates its
    workspace before the file has been read to its end leaves no workspace behind when
    the file is refused. An existing file, or a server database, is left as it is."""
    path = dialect.sqlite_file_path(config.resolve_database_url(database))
    if path is None or path.exists():
        yield
        return
    created = [path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDE_FILES)]
    there = [file for file in created if file.exists()]
    try:
        yield
    except BaseException:
        for file in created:
            if file not in there:
                file.unlink(missing_ok=True)
        raise
