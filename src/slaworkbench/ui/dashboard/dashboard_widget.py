"""The dashboard tab: are we meeting our SLAs, where not, and what is about to break?

Every chart follows the one filter bar. Each chart's data is loaded by its own task on
the ``TaskRunner`` (SQL and numpy off the GUI thread), so the charts fill in as their
data arrives, each showing a busy bar meanwhile, and a failure becomes a sentence in
that chart's frame. A result that arrives after the filters changed again is dropped.

Embed it with ``DashboardWidget(runner, workspace.session)`` and connect
``open_tickets_requested(dict)`` to the ticket list (see
``store.tickets.query.TICKET_FILTER_KEYS``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QTimeZone, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.agreements.applied_goals import AppliedGoals, applied_goals
from slaworkbench.app.analytics import dashboard as dd
from slaworkbench.app.analytics.filters import AnalyticsError, Filters, period_bounds, zone
from slaworkbench.app.changes import Changes
from slaworkbench.i18n import tr
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.dashboard.availability_chart import AvailabilityChart
from slaworkbench.ui.dashboard.backlog_chart import BacklogChart
from slaworkbench.ui.dashboard.breakdown_chart import BreachesChart
from slaworkbench.ui.dashboard.chart_panel import ChartPanel
from slaworkbench.ui.dashboard.chart_theme import fmt_date, fmt_datetime
from slaworkbench.ui.dashboard.distribution_chart import DistributionChart
from slaworkbench.ui.dashboard.filter_bar import FilterBar
from slaworkbench.ui.dashboard.nps_chart import NpsTrendChart
from slaworkbench.ui.dashboard.ola_view import OlaTeamsView
from slaworkbench.ui.dashboard.satisfaction_chart import SatisfactionChart
from slaworkbench.ui.dashboard.sla_holders_view import SlaHoldersView
from slaworkbench.ui.dashboard.soon_chart import SoonChart
from slaworkbench.ui.dashboard.summary_cards import SummaryCards
from slaworkbench.ui.dashboard.trend_chart import ComplianceTrendChart
from slaworkbench.ui.tasks import TaskContext, TaskHandle, TaskRunner

PERIOD_SECTIONS = frozenset({"breakdown", "distributions"})
"""Charts of clocks stopped in the period: their ticket filters carry the period."""


def system_time_zone() -> str:
    zone_id = QTimeZone.systemTimeZoneId()
    name = bytes(zone_id.data()).decode() if isinstance(zone_id, QByteArray) else str(zone_id)
    return name or "UTC"


class DashboardWidget(QWidget):
    """The dashboard tab. ``session_factory()`` opens one session (``Workspace.session``)."""

    open_tickets_requested = Signal(dict)
    """Asks for the ticket list filtered as the clicked bar (keys:
    ``store.tickets.query.TICKET_FILTER_KEYS``)."""
    loading_changed = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        session_factory: dd.SessionFactory,
        parent: QWidget | None = None,
        *,
        tz: str | None = None,
        clock: Callable[[], float] = time.time,
        compliance_target: float = 0.95,
        notice: ChangeNotice | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session_factory = session_factory
        self.clock = clock
        self.tz = tz or system_time_zone()
        today = dt.datetime.fromtimestamp(clock(), dt.UTC).date()
        self.filter_bar = FilterBar(self.tz, today, self)
        self.cards = SummaryCards(self)
        self.trend = ComplianceTrendChart(self, target=compliance_target)
        self.breaches = BreachesChart(self)
        self.soon = SoonChart(self, tz=self.tz)
        self.backlog = BacklogChart(self)
        self.first_response = DistributionChart("first_response", self)
        self.resolution = DistributionChart("resolution", self)
        self.satisfaction = SatisfactionChart(self)
        self.nps = NpsTrendChart(self)
        self.availability = AvailabilityChart(self)
        self.ola = OlaTeamsView(runner, session_factory, self)
        self.holders = SlaHoldersView(runner, session_factory, self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.goals_note = QLabel()
        """Names the agreement whose goals the charts show (filtered to its customer)."""
        self.goals_note.setWordWrap(True)
        self.goals_note.setVisible(False)
        self._goals_generation = 0
        # A period in which no clock stopped, in a workspace whose clocks stopped at other
        # times (an imported log of past years, the default "last 12 months"): say when
        # they did, and offer that period with one click.
        self.period_hint = QWidget()
        self.period_hint.setObjectName("period_hint")
        self.period_hint_text = QLabel()
        self.period_hint_text.setWordWrap(True)
        self.period_hint_button = QPushButton()
        self.period_hint_button.clicked.connect(self.show_stopped_period)
        hint_row = QHBoxLayout(self.period_hint)
        hint_row.setContentsMargins(0, 0, 0, 0)
        hint_row.addWidget(self.period_hint_text, 1)
        hint_row.addWidget(self.period_hint_button)
        self.period_hint.setVisible(False)
        self._stopped: tuple[int, int] | None = None
        self._summary: dd.SummaryData | None = None

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        grid.addWidget(self.cards, 0, 0, 1, 2)
        grid.addWidget(self.trend, 1, 0)
        grid.addWidget(self.breaches, 1, 1)
        grid.addWidget(self.backlog, 2, 0)
        grid.addWidget(self.soon, 2, 1)
        grid.addWidget(self.first_response, 3, 0)
        grid.addWidget(self.resolution, 3, 1)
        grid.addWidget(self.satisfaction, 4, 0)
        grid.addWidget(self.nps, 4, 1)
        grid.addWidget(self.availability, 5, 0, 1, 2)
        grid.addWidget(self.holders, 6, 0, 1, 2)
        grid.addWidget(self.ola, 7, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(grid_host)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.period_hint)
        layout.addWidget(self.goals_note)
        layout.addWidget(scroll, 1)

        self._handles: dict[str, TaskHandle] = {}
        self._generation: dict[str, int] = {}
        self._loaded_once = False
        self._options_loaded = False
        self.filter_bar.filters_changed.connect(lambda _f: self.reload())
        self.filter_bar.refresh_requested.connect(self.reload)
        self.trend.bucket_changed.connect(lambda _b: self.reload(("trend",)))
        self.nps.bucket_changed.connect(lambda _b: self.reload(("nps",)))
        self.breaches.dimension_changed.connect(lambda _d: self.reload(("breakdown",)))
        for section, panel in self.panels().items():
            panel.bar_clicked.connect(
                lambda wanted, section=section: self._bar_clicked(section, wanted)
            )
        self.ola.open_tickets_requested.connect(self.open_tickets_requested)
        self.holders.open_tickets_requested.connect(self.open_tickets_requested)
        if notice is not None:
            notice.changed.connect(self._changes_announced)

    # --- public ------------------------------------------------------------------------

    def panels(self) -> dict[str, ChartPanel]:
        """Every chart by the data section it draws (both distributions share one)."""
        return {
            "trend": self.trend,
            "breakdown": self.breaches,
            "soon": self.soon,
            "backlog": self.backlog,
            "first_response": self.first_response,
            "resolution": self.resolution,
            "satisfaction": self.satisfaction,
            "nps": self.nps,
            "availability": self.availability,
        }

    def filters(self) -> Filters:
        return self.filter_bar.filters()

    def set_filters(self, filters: Filters) -> None:
        self.filter_bar.set_filters(filters)

    def is_loading(self) -> bool:
        return any(not h.is_done() for h in self._handles.values())

    def is_drawing(self) -> bool:
        """A chart's data has come and waits for its turn to be drawn."""
        return any(panel.is_pending() for panel in self.panels().values())

    def reload(self, sections: tuple[str, ...] = dd.SECTIONS) -> None:
        """Load ``sections`` again for the current filters (charts keep showing until then)."""
        self._loaded_once = True
        if not self._options_loaded:
            self._load_options()
        filters = self.filters()
        try:
            period_bounds(filters)
        except ValueError as error:
            self._show_banner(str(error))
            return
        self._show_banner("")
        if "summary" in sections:
            self._summary = None
            self.period_hint.setVisible(False)
        if "trend" in sections:
            self._load_goals(filters.customer)
        now = int(self.clock())
        for section in sections:
            self._submit(section, filters, now)
        if sections == dd.SECTIONS:
            self.ola.reload(filters)
            self.holders.reload(filters)
        self.loading_changed.emit(self.is_loading())

    def _changes_announced(self, changes: Changes) -> None:
        """Tickets, clocks or agreements (goals, outages, answers) changed: reload now if
        shown, else when next shown."""
        if not (changes.touches_tickets() or changes.agreements):
            return
        # New teams, customers or stopped clocks (an import): the pickers and the
        # period hint read them again.
        if changes.touches_tickets():
            self._options_loaded = False
        if self.isVisible():
            self.reload()
        else:
            self._loaded_once = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self.reload()

    def shutdown(self) -> None:
        """Cancel the loads still running (the window is closing)."""
        for handle in self._handles.values():
            handle.cancel()

    # --- loading -----------------------------------------------------------------------

    def _targets(self, section: str) -> list[Any]:
        if section == "distributions":
            return [self.first_response, self.resolution]
        if section == "summary":
            return [self.cards]
        return [self.panels()[section]]

    def _submit(self, section: str, filters: Filters, now: int) -> None:
        previous = self._handles.get(section)
        if previous is not None and not previous.is_done():
            previous.cancel()
        generation = self._generation.get(section, 0) + 1
        self._generation[section] = generation
        load = dd.loader(
            section,
            filters,
            now=now,
            bucket=(self.nps if section == "nps" else self.trend).bucket.currentData(),
            dimension=self.breaches.dimension.currentData(),
        )
        factory = self.session_factory

        def work(context: TaskContext) -> Any:
            context.check_cancelled()
            with factory() as session:
                return load(session)

        covered = (
            tr("As of {time}").format(time=fmt_datetime(now, self.tz))
            if section in ("soon", "backlog")
            else tr("{first} – {last}").format(
                first=fmt_date(period_bounds(filters)[0], filters.tz),
                last=fmt_date(period_bounds(filters)[1] - 1, filters.tz),
            )
        )
        for target in self._targets(section):
            target.set_busy(True)
            if isinstance(target, ChartPanel):
                target.period_text = covered
        if section == "soon":
            self.cards.set_busy(True)
        self._handles[section] = self.runner.submit(
            tr("Loading the dashboard"),
            work,
            on_success=lambda result: self._loaded(section, generation, result),
            on_failure=lambda message: self._failed(section, generation, message),
            owner=self,
        )

    def _current(self, section: str, generation: int) -> bool:
        return self._generation.get(section) == generation

    def _loaded(self, section: str, generation: int, result: Any) -> None:
        if not self._current(section, generation):
            return
        if section == "summary":
            self.cards.set_summary(result)
            self._summary = result
            self._update_period_hint()
        else:
            if section == "soon":
                self.cards.set_soon(result)
            for target in self._targets(section):
                target.set_data(result)
        self.loading_changed.emit(self.is_loading())

    def _failed(self, section: str, generation: int, message: str) -> None:
        if not self._current(section, generation):
            return
        for target in self._targets(section):
            target.show_error(message)
        self.loading_changed.emit(self.is_loading())

    def _load_options(self) -> None:
        self._options_loaded = True
        factory = self.session_factory

        def work(_context: TaskContext) -> dd.FilterOptions:
            with factory() as session:
                return dd.load_filter_options(session)

        def loaded(options: dd.FilterOptions) -> None:
            self.filter_bar.set_options(list(options.teams), list(options.customers))
            self._stopped = options.stopped
            self._update_period_hint()

        self.runner.submit(
            tr("Loading the dashboard"),
            work,
            on_success=loaded,
            on_failure=self._show_banner,
            owner=self,
        )

    def _stopped_dates(self) -> tuple[dt.date, dt.date] | None:
        """The days (in the dashboard's zone) of the first and last stop, if any."""
        if self._stopped is None:
            return None
        try:
            local = zone(self.filters())
        except AnalyticsError:  # said by the banner when the figures are asked for
            return None
        first, last = (dt.datetime.fromtimestamp(i, local).date() for i in self._stopped)
        return first, last

    def _update_period_hint(self) -> None:
        days = self._stopped_dates()
        summary = self._summary
        empty = summary is not None and not any(m.achieved + m.breached for m in summary.metrics)
        filters = self.filters()
        stopped = self._stopped
        apart = days is not None and (days[1] < filters.date_from or days[0] > filters.date_to)
        if not (empty and apart) or stopped is None:
            self.period_hint.setVisible(False)
            return
        first, last = (fmt_date(instant, self.tz) for instant in stopped)
        self.period_hint_text.setText(
            tr(
                "No SLA clock stopped in this period. In this workspace they stopped from "
                "{first} to {last}."
            ).format(first=first, last=last)
        )
        self.period_hint_button.setText(tr("&Show that period"))
        self.period_hint.setVisible(True)

    def show_stopped_period(self) -> None:
        """The period from the first to the last day an SLA clock stopped (the filters
        otherwise kept)."""
        days = self._stopped_dates()
        if days is None:
            return
        self.period_hint.setVisible(False)
        self.set_filters(dataclasses.replace(self.filters(), date_from=days[0], date_to=days[1]))

    def _load_goals(self, customer: str | None) -> None:
        """The goals of the filtered customer's agreement, for the charts that show goals."""
        self._goals_generation += 1
        generation = self._goals_generation
        factory = self.session_factory

        def work(_context: TaskContext) -> AppliedGoals | None:
            with factory() as session:
                return applied_goals(session, customer)

        def done(goals: Any) -> None:
            if generation == self._goals_generation:
                self.show_goals(goals)

        self.runner.submit(tr("Loading the dashboard"), work, on_success=done,
                           on_failure=self._show_banner, owner=self)  # fmt: skip

    def show_goals(self, goals: AppliedGoals | None) -> None:
        self.goals_note.setText("" if goals is None else goals.sentence())
        self.goals_note.setVisible(goals is not None)
        self.trend.set_metric_goals(
            {} if goals is None else {
                metric: goal for metric, priority, goal in goals.compliance if priority is None
            },
            None if goals is None else goals.agreement,
        )  # fmt: skip
        self.availability.set_agreement_goals(goals)
        self.nps.set_goal(None if goals is None else goals.nps)
        self.satisfaction.set_csat_goal(None if goals is None else goals.csat)

    def _show_banner(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    def _bar_clicked(self, section: str, wanted: dict[str, Any]) -> None:
        filters = self.filters()
        request: dict[str, Any] = {
            key: value
            for key, value in (
                ("team", filters.team),
                ("customer", filters.customer),
                ("priority", filters.priority),
            )
            if value
        }
        if section in PERIOD_SECTIONS or section in ("first_response", "resolution"):
            start, end = period_bounds(filters)
            request["stopped_from"] = start
            request["stopped_to"] = end
        request.update(wanted)
        self.open_tickets_requested.emit(request)
