"""The first tickets of an import, exactly as they will be stored (a dry run's preview)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import TicketRecord
from slaworkbench.ui.record_table_model import RecordTableModel
from slaworkbench.ui.tickets.detail.explanation_view import local_text


class ImportPreviewModel(RecordTableModel[TicketRecord]):
    """Read-only rows of ``TicketRecord``; file text is shown as plain text, never markup."""

    (
        COL_ID,
        COL_SUBJECT,
        COL_STATUS,
        COL_PRIORITY,
        COL_CREATED,
        COL_EVENTS,
        COL_TEAM,
        COL_ASSIGNEE,
    ) = range(8)
    NUMERIC_COLUMNS = frozenset({COL_EVENTS})

    def __init__(self, parent: QWidget | None = None, *, locale: QLocale | None = None) -> None:
        super().__init__(
            [
                tr("Ticket id"),
                tr("Subject"),
                tr("Status"),
                tr("Priority"),
                tr("Created"),
                tr("Events"),
                tr("Team"),
                tr("Assignee"),
            ],
            parent,
            locale=locale,
        )

    def ticket(self, row: int) -> TicketRecord:
        return self.record(row)

    def text(self, ticket: TicketRecord, column: int) -> str:
        if column == self.COL_ID:
            return ticket.external_id
        if column == self.COL_SUBJECT:
            return ticket.subject
        if column == self.COL_STATUS:
            return status_label(ticket.status)
        if column == self.COL_PRIORITY:
            return priority_label(ticket.priority)
        if column == self.COL_CREATED:
            return local_text(ticket.created_at)
        if column == self.COL_EVENTS:
            return self._locale.toString(len(ticket.event_rows))
        if column == self.COL_TEAM:
            return ticket.team or "—"
        return ticket.assignee or "—"

    def sort_key(self, ticket: TicketRecord, column: int) -> Any:
        if column == self.COL_CREATED:
            return ticket.created_at
        if column == self.COL_EVENTS:
            return len(ticket.event_rows)
        return self.text(ticket, column).casefold()
