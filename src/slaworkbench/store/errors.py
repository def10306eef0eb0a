"""Errors of the store layer. Each message is one sentence a support lead understands,
saying what is wrong and what to do next; the UI shows it as it is."""

from __future__ import annotations

from slaworkbench import formatting
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


class ChangedElsewhereError(StoreError):
    """Optimistic locking: the row changed since the caller read it, so the save was
    refused and nothing was overwritten. ``by`` and ``at`` (UTC seconds) say who changed
    it last and when, where the workspace knows."""

    def __init__(self, what: str, by: str | None = None, at: int | None = None) -> None:
        self.what = what
        self.by = by
        self.at = at
        if by is None or at is None:
            text = tr(
                "{what} was changed by someone else since you opened it — reload? "
                "Nothing was overwritten."
            ).format(what=what)
        else:
            text = tr("{what} was changed by {who} at {when} — reload? Nothing was overwritten.")
            text = text.format(what=what, who=by, when=formatting.utc_instant(at))
        super().__init__(text)


class StaleTicketError(ChangedElsewhereError):
    """Optimistic locking: the ticket changed since the caller read it."""

    def __init__(self, ticket_id: int, by: str | None = None, at: int | None = None) -> None:
        self.ticket_id = ticket_id
        super().__init__(tr("Ticket #{id}").format(id=ticket_id), by, at)


class StalePolicyError(ChangedElsewhereError):
    """Optimistic locking: the policy changed since the caller read it."""

    def __init__(self, name: str, by: str | None = None, at: int | None = None) -> None:
        self.name = name
        super().__init__(tr("Policy “{name}”").format(name=name), by, at)


class StaleCalendarError(ChangedElsewhereError):
    """Optimistic locking: the calendar changed since the caller read it."""

    def __init__(self, name: str, by: str | None = None, at: int | None = None) -> None:
        self.name = name
        super().__init__(tr("Calendar “{name}”").format(name=name), by, at)


class StaleAgreementError(ChangedElsewhereError):
    """Optimistic locking: the agreement changed since the caller read it."""

    def __init__(self, name: str, by: str | None = None, at: int | None = None) -> None:
        self.name = name
        super().__init__(tr("Agreement “{name}”").format(name=name), by, at)


class PermissionRefusedError(StoreError):
    """The acting person's role may not do this (``app.permissions``), or the database
    refused it for their login."""
