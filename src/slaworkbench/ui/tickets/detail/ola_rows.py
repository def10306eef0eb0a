"""The ticket's OLA cycles as rows of the detail pane's clocks table, after its SLA
clocks: team, target, business time with the team, what remains or was due, verdict.

The rows are not SLA cycles: selecting one explains nothing (``ClockTable.clock_at``
gives ``None`` past the SLA rows)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTableWidgetItem

from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.labels import clock_state_label
from slaworkbench.domain.model import ClockState
from slaworkbench.i18n import tr
from slaworkbench.store.ola.ticket import OlaCycleRow
from slaworkbench.ui.tickets.countdown import Severity
from slaworkbench.ui.tickets.detail.clock_table import ClockTable
from slaworkbench.ui.tickets.detail.explanation_view import local_text


def _severity(cycle: OlaCycleRow) -> Severity:
    if cycle.state is ClockState.BREACHED:
        return Severity.BREACHED
    if cycle.at_risk:
        return Severity.AT_RISK
    if cycle.state is ClockState.ACHIEVED:
        return Severity.ACHIEVED
    return Severity.OK if cycle.state is ClockState.RUNNING else Severity.PAUSED


def append_ola_rows(table: ClockTable, cycles: Sequence[OlaCycleRow]) -> None:
    first = table.rowCount()
    table.setRowCount(first + len(cycles))
    for r, cycle in enumerate(cycles, start=first):
        achieved = cycle.stopped_at is not None and cycle.remaining >= 0
        if achieved:
            remaining = "—"
        elif cycle.remaining < 0:
            remaining = tr("−{t}").format(t=format_duration(-cycle.remaining))
        else:
            remaining = format_duration(cycle.remaining)
        due = cycle.due_at if cycle.stopped_at is None else cycle.breached_at
        verdict = clock_state_label(cycle.state)
        if cycle.stopped_at is not None and cycle.holder_at_stop:
            verdict = tr("{verdict} (held by {agent})").format(
                verdict=verdict, agent=cycle.holder_at_stop
            )
        cells = [
            tr("OLA {team} #{n}").format(team=cycle.team, n=cycle.index + 1),
            format_duration(cycle.target),
            format_duration(max(0, cycle.elapsed)),
            remaining,
            local_text(due)
            if due is not None
            else (tr("paused") if cycle.state is ClockState.PAUSED else "—"),
            verdict,
        ]
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c == 0:
                item.setToolTip(  # starts with the name, which a narrow pane elides
                    tr(
                        "{name}: team agreement (OLA), the time the ticket spent with {team}"
                    ).format(name=text, team=cycle.team)
                )
            if c == len(cells) - 1:
                severity = _severity(cycle)
                brush = table.theme.foreground(severity)
                if brush is not None:
                    item.setForeground(brush)
                icon = table.theme.icon_beside(severity, text)
                if icon is not None:
                    item.setIcon(icon)
            table.setItem(r, c, item)
    table.resizeRowsToContents()
    header = table.horizontalHeader()
    rows = table.verticalHeader().length()
    height = max(header.sizeHint().height(), header.height()) + 2 * table.frameWidth()
    table.setFixedHeight(height + max(rows, 24) + 2)
    table.fit_columns()  # the teams' names may be the longest
