"""The dashboard's per-team view: OLA compliance per team, and who held the clock.

Three tables follow the dashboard's filters: per team (the team whose OLA cycle it is),
per agent by the assignee when the cycle stopped, and per agent by the assignees while
the clock ran (``app/ola/accountability.py``); each says which in its title. A click on
a "Stopped" or "Breached" number asks for the tickets behind it
(``open_tickets_requested``, keys of ``store.ola.ticket_filter.OLA_FILTER_KEYS``), which
the window shows as the ticket list with a filter chip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from slaworkbench.app.analytics.dashboard import SessionFactory, load_ola
from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import (
    AT_STOP,
    WHILE_RUNNING,
    OlaAccountability,
)
from slaworkbench.i18n import tr
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.ui.dashboard.figures_loader import FiguresLoader, busy_bar, panel_title
from slaworkbench.ui.dashboard.holder_table import HolderTable
from slaworkbench.ui.tasks import TaskRunner

TEAM = "team"


class OlaTeamsView(QFrame):
    """Per-team OLA compliance and who held the clock, for the dashboard's filters."""

    open_tickets_requested = Signal(dict)

    def __init__(
        self,
        runner: TaskRunner,
        session_factory: SessionFactory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chartPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.data: OlaAccountability | None = None
        title = panel_title(tr("Teams: OLA compliance and who held the clock"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.busy_bar = busy_bar()
        self.loader = FiguresLoader(
            runner, session_factory, self, self.busy_bar, load_ola, self.set_data,
            self.note.setText,
        )  # fmt: skip
        self.tables: dict[str, HolderTable] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.note)
        for basis, caption in (
            (TEAM, tr("OLA compliance per team (the team whose cycle it is)")),
            (AT_STOP, tr("Per agent, by the assignee when the cycle stopped")),
            (WHILE_RUNNING, tr("Per agent, by the assignees while the clock ran")),
        ):
            label = QLabel(caption)
            table = self._table(basis)
            label.setBuddy(table)
            layout.addWidget(label)
            layout.addWidget(table)
            self.tables[basis] = table

    def _table(self, basis: str) -> HolderTable:
        first = tr("Team") if basis == TEAM else tr("Agent")
        table = HolderTable(
            first, tr("OLA met"), running=basis == TEAM, nobody=tr("Unassigned"), parent=self
        )
        table.number_clicked.connect(
            lambda name, breached, b=basis: self._clicked(b, name or None, breached)
        )
        return table

    # --- loading -------------------------------------------------------------------------

    def reload(self, filters: Filters) -> None:
        self.loader.reload(filters)

    def is_busy(self) -> bool:
        return self.loader.is_busy()

    def set_data(self, data: OlaAccountability) -> None:
        self.data = data
        self.note.setText(
            tr(
                "OLA cycles that stopped in the period: the time a ticket spent with a team, "
                "in business time of that team's calendar. Click a Stopped or Breached "
                "number to see its tickets."
            )
            if data.measured
            else tr("No team has an OLA yet: set team targets in Policies › Team OLAs.")
        )
        fmt = ReportFormat(QLocale(), self.loader.filters.tz if self.loader.filters else "UTC")
        self.tables[TEAM].fill(data.teams, fmt)
        self.tables[AT_STOP].fill(data.agents_at_stop, fmt)
        self.tables[WHILE_RUNNING].fill(data.agents_while_running, fmt)

    # --- clicks ------------------------------------------------------------------------

    def _clicked(self, basis: str, name: str | None, breached: bool) -> None:
        filters = self.loader.filters
        if filters is None:
            return
        start, end = period_bounds(filters)
        request: dict[str, Any] = {"ola_from": start, "ola_to": end}
        if breached:
            request["ola_breached"] = True
        if basis == TEAM:
            request["ola_team"] = name
        else:
            request["ola_by"] = basis
            request["ola_agent"] = name
            if filters.team:
                request["ola_team"] = filters.team
        if filters.customer:
            request["customer"] = filters.customer
        if filters.priority:
            request["priority"] = filters.priority
        self.open_tickets_requested.emit(request)
