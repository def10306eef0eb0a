"""The dashboard's "who held the SLA clock" view: for one metric (a choice above the
tables), compliance, breaches, median and P90 business time per agent and per team, by
the holder when the clock stopped and by the holders while it ran
(``app/ola/sla_holders.py``); each table says which reading it is. A click on a
"Stopped" or "Breached" number asks for the tickets behind it
(``open_tickets_requested``, keys of ``store.ola.holder_filter.HOLDER_FILTER_KEYS``),
which the window shows as the ticket list with a filter chip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.analytics.dashboard import SessionFactory, holders_loader
from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import AGENT, TEAM
from slaworkbench.app.ola.sla_holders import SlaHolders
from slaworkbench.domain.labels import metric_label
from slaworkbench.domain.model import Metric
from slaworkbench.i18n import tr
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.ui.dashboard.figures_loader import FiguresLoader, busy_bar, panel_title
from slaworkbench.ui.dashboard.holder_table import HolderTable
from slaworkbench.ui.tasks import TaskRunner

AT_STOP, WHILE_RUNNING = "at_stop", "while_running"
TABLES = (
    (AGENT, AT_STOP),
    (AGENT, WHILE_RUNNING),
    (TEAM, AT_STOP),
    (TEAM, WHILE_RUNNING),
)
"""(who, reading) of each table, in the order shown (agents left, teams right)."""


class SlaHoldersView(QFrame):
    """Who held the SLA clocks of one metric, for the dashboard's filters."""

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
        self.data: SlaHolders | None = None
        title = panel_title(tr("Who held the SLA clock: per agent and per team"))
        self.metric_choice = QComboBox()
        for metric in Metric:
            self.metric_choice.addItem(metric_label(metric), metric.value)
        self.metric_choice.setCurrentIndex(self.metric_choice.findData(Metric.RESOLUTION.value))
        self.metric_choice.currentIndexChanged.connect(lambda _i: self._reload_same())
        metric_label_widget = QLabel(tr("&Metric:"))
        metric_label_widget.setBuddy(self.metric_choice)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(metric_label_widget)
        head.addWidget(self.metric_choice)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.busy_bar = busy_bar()
        self.loader = FiguresLoader(
            runner, session_factory, self, self.busy_bar,
            self._loader_of(self.selected_metric()), self.set_data, self.note.setText,
        )  # fmt: skip
        self.tables: dict[tuple[str, str], HolderTable] = {}
        self.captions: dict[tuple[str, str], QLabel] = {}
        grid = QGridLayout()
        for position, (who, reading) in enumerate(TABLES):
            table = HolderTable(
                tr("Agent") if who == AGENT else tr("Team"),
                tr("SLA met"),
                running=False,
                nobody=tr("Unassigned") if who == AGENT else tr("No team"),
                parent=self,
            )
            table.number_clicked.connect(
                lambda name, breached, w=who, r=reading: self._clicked(w, r, name or None, breached)
            )
            caption = QLabel()
            caption.setWordWrap(True)
            caption.setBuddy(table)
            column, row = position // 2, 2 * (position % 2)
            top = Qt.AlignmentFlag.AlignTop
            grid.addWidget(caption, row, column, alignment=Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(table, row + 1, column, alignment=top)
            self.tables[(who, reading)] = table
            self.captions[(who, reading)] = caption
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        self._caption()

    def selected_metric(self) -> Metric:
        return Metric(str(self.metric_choice.currentData()))

    def _caption(self) -> None:
        metric = metric_label(self.selected_metric())
        words = {
            (AGENT, AT_STOP): tr("{metric} per agent, by the assignee when the clock stopped"),
            (AGENT, WHILE_RUNNING): tr("{metric} per agent, by the assignees while the clock ran"),
            (TEAM, AT_STOP): tr("{metric} per team, by the team when the clock stopped"),
            (TEAM, WHILE_RUNNING): tr("{metric} per team, by the teams while the clock ran"),
        }
        for key, caption in self.captions.items():
            caption.setText(words[key].format(metric=metric))

    # --- loading -------------------------------------------------------------------------

    def _reload_same(self) -> None:
        self._caption()
        if self.loader.filters is not None:
            self.reload(self.loader.filters)

    @staticmethod
    def _loader_of(metric: Metric) -> Callable[[Any, Filters], SlaHolders]:
        return holders_loader(metric)

    def reload(self, filters: Filters) -> None:
        # the metric is read here, on the GUI thread; the load runs on a worker
        self.loader.load = self._loader_of(self.selected_metric())
        self.loader.reload(filters)

    def is_busy(self) -> bool:
        return self.loader.is_busy()

    def set_data(self, data: SlaHolders) -> None:
        self.data = data
        self.note.setText(
            tr(
                "Clocks that stopped in the period, in business time. When it stopped: each "
                "clock counts once, for whoever held the ticket then. While it ran: a clock "
                "counts for everyone who held it for some running time, with their share; "
                "paused time counts for nobody. Click a Stopped or Breached number to see its "
                "tickets."
            )
        )
        fmt = ReportFormat(QLocale(), self.loader.filters.tz if self.loader.filters else "UTC")
        figures = {
            (AGENT, AT_STOP): data.agents_at_stop,
            (AGENT, WHILE_RUNNING): data.agents_while_running,
            (TEAM, AT_STOP): data.teams_at_stop,
            (TEAM, WHILE_RUNNING): data.teams_while_running,
        }
        for key, table in self.tables.items():
            table.fill(figures[key], fmt)

    # --- clicks ------------------------------------------------------------------------

    def _clicked(self, who: str, reading: str, name: str | None, breached: bool) -> None:
        filters = self.loader.filters
        if filters is None or self.data is None:
            return
        start, end = period_bounds(filters)
        request: dict[str, Any] = {
            "held_metric": self.data.metric.value,
            "held_by": reading,
            "held_kind": who,
            "held_name": name,
            "held_from": start,
            "held_to": end,
        }
        if breached:
            request["held_breached"] = True
        for key in ("team", "customer", "priority"):
            value = getattr(filters, key)
            if value:
                request[key] = value
        self.open_tickets_requested.emit(request)
