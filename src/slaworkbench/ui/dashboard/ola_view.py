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
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from slaworkbench.app.analytics.dashboard import SessionFactory
from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import (
    AT_STOP,
    WHILE_RUNNING,
    OlaAccountability,
    ola_accountability,
)
from slaworkbench.i18n import tr
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.ui.dashboard.holder_table import HolderTable
from slaworkbench.ui.tasks import TaskContext, TaskHandle, TaskRunner

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
        self.runner = runner
        self.session_factory = session_factory
        self.data: OlaAccountability | None = None
        self._filters: Filters | None = None
        self._handle: TaskHandle | None = None
        self._generation = 0
        title = QLabel(tr("Teams: OLA compliance and who held the clock"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        title.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumHeight(10)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setVisible(False)
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
        if self._handle is not None and not self._handle.is_done():
            self._handle.cancel()
        self._filters = filters
        self._generation += 1
        generation = self._generation
        factory = self.session_factory

        def work(context: TaskContext) -> OlaAccountability:
            context.check_cancelled()
            with factory() as session:
                return ola_accountability(session, filters)

        self.busy_bar.setVisible(True)
        self._handle = self.runner.submit(
            tr("Loading the dashboard"),
            work,
            on_success=lambda data: self._loaded(generation, data),
            on_failure=lambda message: self._failed(generation, message),
            owner=self,
        )

    def is_busy(self) -> bool:
        return self.busy_bar.isVisible()

    def _loaded(self, generation: int, data: OlaAccountability) -> None:
        if generation != self._generation:
            return
        self.busy_bar.setVisible(False)
        self.set_data(data)

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.busy_bar.setVisible(False)
        self.note.setText(message)

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
        fmt = ReportFormat(QLocale(), self._filters.tz if self._filters else "UTC")
        self.tables[TEAM].fill(data.teams, fmt)
        self.tables[AT_STOP].fill(data.agents_at_stop, fmt)
        self.tables[WHILE_RUNNING].fill(data.agents_while_running, fmt)

    # --- clicks ------------------------------------------------------------------------

    def _clicked(self, basis: str, name: str | None, breached: bool) -> None:
        if self._filters is None:
            return
        filters = self._filters
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
