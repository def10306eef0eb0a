"""The per-ticket SLA timeline in the detail pane: a reopened ticket that was escalated
shows its status periods (the pause hatched), a row per metric with each cycle and its
due instant, the escalation and the assignments; hovering the escalation tells the rule.
A ticket that lived for years stays bounded."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QSettings

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import ClockState, Cycle, EventType, Metric, Priority, Status
from slaworkbench.store.tickets.detail import EventRow
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.tickets.detail.sla_timeline import ROW_HEIGHT
from slaworkbench.ui.tickets.detail.sla_timeline_model import (
    MAX_MARKERS,
    build_sla_timeline,
)
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.office_workspace import OFFICE
from tests.support.reopened_escalation import NOW, at, reopened_ticket
from tests.support.ticket_window import click_sidebar_item, select_ticket

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


def test_a_reopened_escalated_ticket_reads_at_a_glance(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, ticket_id, fired_at = reopened_ticket(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        ws, TaskRunner(synchronous=True), clock=lambda: NOW, settings=settings,
        watch_interval_ms=3_600_000, tray=False,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    try:
        click_sidebar_item(qtbot, window, "All tickets")
        pane = select_ticket(qtbot, window, ticket_id)
        view = pane.sla_timeline
        timeline = view.timeline()
        assert timeline is not None
        assert view.row_labels() == [
            "Status", "First response", "Next response", "Resolution", "Escalations",
            "Assignments",
        ]  # fmt: skip
        # The life from the first event to the close; three weeks fit the width.
        assert (timeline.start, timeline.end) == (at(1, 9, 10), at(15, 9))
        # Paused while pending, then solved, reopened, solved and closed.
        statuses = [(p.status, p.paused) for p in timeline.periods]
        assert statuses[:6] == [
            (Status.NEW, False), (Status.OPEN, False), (Status.PENDING, True),
            (Status.OPEN, False), (Status.SOLVED, False), (Status.OPEN, False),
        ]  # fmt: skip
        next_response = next(row for row in timeline.rows if row.label == "Next response")
        assert [(bar.state, bar.due_at) for bar in next_response.bars] == [
            ("breached", at(4, 10)),  # asked Wed 15:00, 4 business hours: Thu 10:00
            ("achieved", at(9, 14)),  # the reply that reopened it, answered within the hour
            ("breached", at(9, 17, 30)),  # re-targeted to high's 3 h 30 m by the escalation
        ]
        kinds = [(m.kind, m.at) for m in timeline.markers]
        assert ("escalation", fired_at) in kinds and ("reopen", at(9, 10)) in kinds
        assert ("assignment", at(9, 17, 30)) in kinds
        assert timeline.working is not None and timeline.working[0] == (at(1, 9, 10), at(1, 12))

        # Hover the escalation's diamond: the tooltip tells the rule and what it did.
        qtbot.waitUntil(lambda: bool(view.hit_areas()))
        x = round(view.x_of(fired_at))
        y = round(view.row_top(view.row_labels().index("Escalations")) + ROW_HEIGHT / 2)
        qtbot.mouseMove(view, QPoint(x, y))
        qtbot.waitUntil(lambda: "Next response level 1" in view.toolTip())
        assert "raise the priority" in view.toolTip()
        # Hover the pending period: it says the clocks are paused.
        pending = next(p for p in timeline.periods if p.status is Status.PENDING)
        middle = round((view.x_of(pending.start) + view.x_of(pending.end)) / 2)
        qtbot.mouseMove(view, QPoint(middle, round(view.row_top(0) + ROW_HEIGHT / 2)))
        qtbot.waitUntil(lambda: "paused" in view.toolTip())
    finally:
        window.shutdown()
        ws.close()


def test_a_ticket_that_lived_years_stays_bounded() -> None:
    start = at(1, 9)
    years = 6 * 365 * 86400
    events = [EventRow(1, start, EventType.CREATED, "x", Status.NEW, Priority.NORMAL, None, None)]
    events += [
        EventRow(n + 2, start + n * 3600, EventType.ASSIGNED, "x", None, None, None, f"A{n % 3}")
        for n in range(5000)
    ]
    cycle = Cycle(Metric.RESOLUTION, 0, start, None, ClockState.RUNNING, 3600, 10, 3590,
                  start + years, None)  # fmt: skip
    timeline = build_sla_timeline(
        events, [cycle], BusinessCalendar.from_dict(OFFICE), start + years, calendar_name="Office"
    )
    assert timeline.working is None  # thousands of working days: not drawn
    assert len(timeline.markers) == MAX_MARKERS
    assert timeline.end - timeline.start >= years
    assert dt.timedelta(seconds=timeline.end - timeline.start).days >= 6 * 365


def test_assignments_close_together_on_a_long_life_do_not_print_over_each_other(
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    """A BPI 2013 incident still open ten years on: its team and its agent, assigned an
    hour apart, printed "G34 3rd" and "Mohammad" on top of each other."""
    from slaworkbench.ui.tickets.detail.sla_timeline import SlaTimelineView

    start = at(1, 9)
    life = 10 * 365 * 86400
    events = [
        EventRow(1, start, EventType.CREATED, "x", Status.NEW, Priority.NORMAL, None, None),
        EventRow(2, start + 60, EventType.ASSIGNED, "x", None, None, None, "Mohammad Rahimi"),
        EventRow(3, start + 3600, EventType.ASSIGNED, "x", None, None, None, "Kateryna Bondar"),
        EventRow(4, start + life // 2, EventType.ASSIGNED, "x", None, None, None, "Tomasz"),
        EventRow(5, start + life // 2, EventType.ASSIGNED, "x", None, None, None, "Laurent"),
    ]
    cycle = Cycle(Metric.RESOLUTION, 0, start, None, ClockState.RUNNING, 3600, 10, 3590,
                  start + 3600, None)  # fmt: skip
    timeline = build_sla_timeline(
        events, [cycle], BusinessCalendar.from_dict(OFFICE), start + life, calendar_name="Office"
    )
    view = SlaTimelineView()
    qtbot.addWidget(view)
    view.resize(380, 260)
    view.set_timeline(timeline)
    view.show()
    qtbot.waitUntil(lambda: bool(view.marker_labels))
    labels = view.marker_labels
    for (_, one), (_, other) in pairwise(labels):
        assert not one.intersects(other), labels
    assert all(rect.right() <= view.width() for _, rect in labels)
    # Of two at one instant the later one is labelled, whole where there is room.
    assert [text for text, _ in labels][-1] == "Laurent"
    assert "Tomasz" not in [text for text, _ in labels]
    # The axis's labels are whole too: the last one was cut at the edge ("May 202").
    assert len(view.axis_labels()) >= 3 and 0 < view.axis_right <= view.width()
    # So is "now", at the right edge of a ticket still open (it read "n" there).
    assert view.now_label.left() > 0 and view.now_label.right() <= view.width()
    # Every marker still tells its assignee when hovered.
    assert sum("Kateryna Bondar" in area.tip for area in view.hit_areas()) == 1


def test_now_is_not_written_over_the_axis_of_a_ticket_opened_now(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A ticket just opened: its life starts now, so "now" stood at the left edge, one
    line with the axis's first label, and was written over it."""
    from slaworkbench.ui.tickets.detail.sla_timeline import SlaTimelineView

    start = at(1, 9)
    events = [EventRow(1, start, EventType.CREATED, "x", Status.NEW, Priority.NORMAL, None, None)]
    cycle = Cycle(Metric.FIRST_RESPONSE, 0, start, None, ClockState.RUNNING, 3600, 0, 3600,
                  start + 3600, None)  # fmt: skip
    timeline = build_sla_timeline(
        events, [cycle], BusinessCalendar.from_dict(OFFICE), start + 60, calendar_name="Office"
    )
    view = SlaTimelineView()
    qtbot.addWidget(view)
    view.resize(420, 200)
    view.set_timeline(timeline)
    view.show()
    qtbot.waitUntil(lambda: not view.now_label.isEmpty())
    assert view.axis_label_rects
    for rect in view.axis_label_rects:
        assert not rect.intersects(view.now_label), (rect, view.now_label)


def test_a_cycle_s_tooltip_names_its_state_in_the_user_s_language() -> None:
    """The tooltip of a cycle's bar said "Resolução, ciclo 1: breached" in Portuguese:
    the program's identifier for the state."""
    from slaworkbench.language import speaking
    from slaworkbench.ui.tickets.detail.sla_timeline_model import _cycle_tip

    start = at(1, 9)
    cycle = Cycle(Metric.RESOLUTION, 0, start, start + 7200, ClockState.BREACHED, 3600, 7200,
                  -3600, start + 3600, start + 3600)  # fmt: skip
    with speaking("pt_PT"):
        tip = _cycle_tip(cycle, "Resolução")
    assert tip.startswith("Resolução, ciclo 1: incumprido"), tip
    assert "breached" not in tip


def test_an_ola_target_refused_names_the_priority_in_the_user_s_language() -> None:
    from slaworkbench.domain.clock.ola_spec import ola_terms_from_dict
    from slaworkbench.language import speaking

    with speaking("pt_PT"), pytest.raises(ValueError, match="Urgente") as raised:
        ola_terms_from_dict({"targets": {"urgent": "0m"}, "warning_fraction": 0.25})
    assert "urgent " not in str(raised.value)
