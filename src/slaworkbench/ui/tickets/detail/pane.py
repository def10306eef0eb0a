"""The detail pane: one ticket's fields, clocks, "why is it due then?", history, actions.

It shows what is ready at once: the list row's fields the moment a ticket is picked
(``show_loading``), the clocks, the explanation and the history when the worker thread
has computed them (``set_ticket``); ``completed`` says the pane shows all of it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.tickets.workbench import PickerOptions, TicketView
from slaworkbench.domain.clock.readings import BusinessTime
from slaworkbench.domain.labels import metric_label, priority_label, status_label
from slaworkbench.domain.model import Cycle
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.detail.actions import TicketActions
from slaworkbench.ui.tickets.detail.clock_table import ClockTable
from slaworkbench.ui.tickets.detail.explanation_view import ExplanationView, local_text
from slaworkbench.ui.tickets.detail.ola_rows import append_ola_rows
from slaworkbench.ui.tickets.detail.sla_timeline import SlaTimelineView
from slaworkbench.ui.tickets.detail.timeline_view import TimelineView


def _plain_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class DetailPane(QWidget):
    action_requested = Signal(object)
    completed = Signal(int)
    """The pane shows everything of this ticket (its id): fields, clocks, explanation."""
    ticket_shown = Signal(int)
    """A ticket's view was shown (its id): extra sections follow it."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._view: TicketView | None = None
        self._ticket_id: int | None = None
        self._calendar: BusinessTime | None = None
        self._now = 0
        self._complete = False

        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(tr("Select a ticket to see its clocks and history."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)

        content = QWidget(self)
        self.title = _plain_label(content)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = _plain_label(content)
        self.fields = QGridLayout()
        self.fields.setHorizontalSpacing(10)
        self.fields.setVerticalSpacing(3)
        self.fields.setColumnStretch(1, 1)
        self.fields.setColumnStretch(3, 1)
        self._field_labels: dict[str, QLabel] = {}
        # Two fields a line; the requester (an e-mail address: one long word, which
        # a half line clipped) and the policy (long) have a line each.
        lines = (
            (("status", tr("Status")), ("priority", tr("Priority"))),
            (("customer", tr("Customer")), ("team", tr("Team"))),
            (("assignee", tr("Assignee")), ("channel", tr("Channel"))),
            (("category", tr("Category")), ("tags", tr("Tags"))),
            (("requester", tr("Requester")),),
            (("policy", tr("SLA policy")),),
        )
        narrowest = self.fontMetrics().averageCharWidth() * 8
        for row, line in enumerate(lines):
            for column, (key, caption) in enumerate(line):
                value = _plain_label(content)
                # A long word still does not widen the pane past the list's room at
                # 1024 px: it is clipped, and whole in the tooltip (``_set_field``).
                value.setMinimumWidth(narrowest)
                self._field_labels[key] = value
                name = QLabel(caption, content)
                name.setEnabled(False)  # the muted palette colour, in both themes
                self.fields.addWidget(name, row, column * 2)
                span = 3 if len(line) == 1 else 1
                self.fields.addWidget(value, row, column * 2 + 1, 1, span)

        self.clock_table = ClockTable(theme, content)
        self.clock_table.clock_picked.connect(self._show_explanation)
        self.explanation = ExplanationView(theme, content)
        self.timeline = TimelineView(content)
        self.timeline.setMinimumHeight(160)
        self.timeline.setFrameShape(QFrame.Shape.NoFrame)

        clocks_box = QGroupBox(tr("SLA clocks"), content)
        clocks_layout = QVBoxLayout(clocks_box)
        clocks_layout.addWidget(self.clock_table)
        self.sla_timeline = SlaTimelineView(content)
        timeline_box = QGroupBox(tr("SLA timeline"), content)
        QVBoxLayout(timeline_box).addWidget(self.sla_timeline)
        self.explain_box = QGroupBox(content)
        self.explain_box.setTitle(tr("Why is it due then?"))
        explain_layout = QVBoxLayout(self.explain_box)
        explain_layout.addWidget(self.explanation)
        history_box = QGroupBox(tr("History"), content)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.timeline)

        inner = QVBoxLayout(content)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addLayout(self.fields)
        inner.addWidget(clocks_box)
        inner.addWidget(timeline_box)
        inner.addWidget(self.explain_box)
        self.sections = QVBoxLayout()  # extra sections (ui/agreements/satisfaction_section)
        inner.addLayout(self.sections)
        inner.addWidget(history_box, 1)
        self.scroll_area = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.ticket_actions = TicketActions(self)
        self.ticket_actions.action_requested.connect(self.action_requested)
        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scroll, 1)
        page_layout.addWidget(self.ticket_actions)

        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)

    # -- what it shows ---------------------------------------------------------------

    @property
    def ticket_id(self) -> int | None:
        """The ticket shown or being loaded."""
        return self._ticket_id

    def is_complete(self) -> bool:
        """Whether the pane shows all of the current ticket (not only the list's row)."""
        return (
            self._complete
            and self._view is not None
            and self._view.detail.row.id == self._ticket_id
        )

    def clear(self) -> None:
        self._view = None
        self._ticket_id = None
        self.ticket_actions.set_row(None)
        self.stack.setCurrentWidget(self.placeholder)

    def set_options(self, options: PickerOptions) -> None:
        self.ticket_actions.set_options(options)

    def show_loading(self, row: TicketRow) -> None:
        """Show what the list row already knows while the full ticket loads."""
        if row.id != self._ticket_id:
            self.ticket_actions.clear_compose()
            self.ticket_actions.show_message("")
        self._view = None
        self._ticket_id = row.id
        self.stack.setCurrentIndex(1)
        self._show_row_fields(row)
        waiting = tr("…")
        for key in ("category", "channel", "tags", "policy"):
            self._field_labels[key].setText(waiting)
        self.clock_table.set_clocks((), 0, None)
        self.explain_box.setTitle(tr("Why is it due then?"))
        self.explanation.show_message(tr("Working out the clocks…"))
        self.timeline.show_message(tr("Loading the history…"))
        self.sla_timeline.show_message(tr("Loading the history…"))
        self.ticket_actions.set_row(row)

    def _show_row_fields(self, row: TicketRow) -> None:
        self.title.setText(row.subject or tr("(no subject)"))
        self.subtitle.setText(
            tr("{ref} · opened {when}").format(ref=row.reference, when=local_text(row.created_at))
        )
        values = {
            "status": status_label(row.status),
            "priority": priority_label(row.priority),
            "customer": row.customer or "—",
            "team": row.team or "—",
            "assignee": row.assignee or tr("Unassigned"),
            "requester": row.requester or "—",
        }
        for key, value in values.items():
            self._set_field(key, value)

    def _set_field(self, key: str, value: str) -> None:
        """A field's value; its tooltip holds it whole where a narrow pane clips it."""
        label = self._field_labels[key]
        label.setText(value)
        label.setToolTip(value)

    def set_ticket(self, view: TicketView, now: int, calendar: BusinessTime | None) -> None:
        previous = self.ticket_id
        self._view = view
        self._calendar = calendar
        self._now = now
        detail = view.detail
        row = detail.row
        self._ticket_id = row.id
        self.stack.setCurrentIndex(1)
        self._show_row_fields(row)
        policy = (
            tr("{name} (version {version}), {calendar}").format(
                name=detail.policy_name,
                version=detail.policy_version,
                calendar=detail.calendar_name or "—",
            )
            if detail.policy_name
            else tr("No SLA policy applies to this ticket")
        )
        values = {
            "category": detail.category or "—",
            "channel": detail.channel or "—",
            "tags": ", ".join(detail.tags) or "—",
            "policy": policy,
        }
        for key, value in values.items():
            self._set_field(key, value)
        self.clock_table.set_clocks(detail.clocks, now, calendar)
        append_ola_rows(self.clock_table, view.ola)
        self.ticket_actions.set_row(row)
        if previous != row.id:
            self.ticket_actions.clear_compose()
            self.ticket_actions.show_message("")
        self._pick_default_clock()
        self.timeline.set_events(detail.events)  # bounded: the newest events only
        self._complete = True
        self.completed.emit(row.id)
        self.ticket_shown.emit(row.id)

    def _pick_default_clock(self) -> None:
        if self._view is None or not self._view.detail.clocks:
            self.explanation.show_message(
                self._view.explain_problem
                if self._view and self._view.explain_problem
                else tr("This ticket has no SLA clocks, so nothing is due.")
            )
            return
        clocks = self._view.detail.clocks
        running = [i for i, c in enumerate(clocks) if c.stopped_at is None]
        self.clock_table.selectRow(running[0] if running else 0)
        self._show_explanation(self.clock_table.clock_at(self.clock_table.currentRow()))

    def _show_explanation(self, clock: Cycle | None) -> None:
        if clock is None or self._view is None:
            return
        explanation = self._view.explanations.get((clock.metric, clock.index))
        label = metric_label(clock.metric)
        if explanation is None:
            self.explanation.show_message(
                self._view.explain_problem or tr("No explanation is available for this clock.")
            )
            self.explain_box.setTitle(tr("Why is {metric} due then?").format(metric=label))
            return
        self.explain_box.setTitle(tr("Why is {metric} due then?").format(metric=label))
        if self.explanation.explanation is explanation:
            return  # shown already (picking the default clock selects its row too)
        self.explanation.show_explanation(explanation, self._calendar)

    def explanation_html(self) -> str:
        return self.explanation.body.text()
