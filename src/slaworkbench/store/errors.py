"""Errors of the store layer. Each message is one sentence a support lead understands,
saying what is wrong and what to do next; the UI shows it as it is."""

from __future__ import annotations

from slaworkbench.i18n import tr


class StoreError(Exception):
    """Base of every store failure; ``str(error)`` is the sentence to show."""


class WorkspaceError(StoreError):
    """The workspace cannot be opened (missing, not a database, too new, damaged…)."""


class WorkspaceBusyError(WorkspaceError):
    """Another connection held the workspace's write lock for longer than the busy timeout."""


class ServerUnreachableError(WorkspaceError):
    """The team server went away or cannot be reached; the transaction under way was
    rolled back by the server, and everything committed before it is kept."""

    def __init__(self, where: str) -> None:
        self.where = where
        super().__init__(server_unreachable_sentence())


def server_unreachable_sentence() -> str:
    """What the window's banner and a failed task say while the team server is gone."""
    return tr("The team server cannot be reached — retrying; nothing you saved is lost.")


class ValidationError(StoreError):
    """Input was refused before anything was written."""


class NotFoundError(StoreError):
    """A row the caller named does not exist (any more)."""


class StaleTicketError(StoreError):
    """Optimistic locking: the ticket changed since the caller read it."""

    def __init__(self, ticket_id: int) -> None:
        self.ticket_id = ticket_id
        super().__init__(
            tr(
                "Ticket #{id} was changed by someone else since you opened it. "
                "Reload it and try again."
            ).format(id=ticket_id)
        )


class StalePolicyError(StoreError):
    """Optimistic locking: the policy changed since the caller read it."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            tr(
                "Policy “{name}” was changed by someone else since you opened it. "
                "Reload it and try again."
            ).format(name=name)
        )
