"""Zooming the per-ticket SLA timeline like a person: the mouse wheel zooms around the
pointer, a drag pans, the axis labels follow the span shown, and Fit (or a double
click) shows the whole life again."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt

from slaworkbench.i18n import tr
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.tickets.detail.sla_timeline import MIN_SPAN, ROW_HEIGHT
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.reopened_escalation import NOW, reopened_ticket
from tests.support.ticket_window import click_sidebar_item, select_ticket
from tests.support.wheel import turn_wheel
from tests.support.window_language import window_language

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


def wheel(view, x: float, notches: int) -> None:  # type: ignore[no-untyped-def]
    """Turn the mouse wheel ``notches`` clicks (positive: away from you) at ``x``."""
    turn_wheel(view, QPointF(x, view.row_top(1) + ROW_HEIGHT / 2), notches)


@pytest.fixture
def timeline_view(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    ws, ticket_id, fired_at = reopened_ticket(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        ws, TaskRunner(synchronous=True), clock=lambda: NOW, settings=settings,
        watch_interval_ms=3_600_000, tray=False,
    )  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1500, 1000)
    window.show()
    click_sidebar_item(qtbot, window, tr("All tickets"))  # in the language spoken
    pane = select_ticket(qtbot, window, ticket_id)
    view = pane.sla_timeline
    qtbot.waitUntil(lambda: bool(view.hit_areas()))
    yield view, fired_at
    window.shutdown()
    ws.close()


def test_the_wheel_zooms_around_the_pointer_a_drag_pans_and_fit_resets(  # type: ignore[no-untyped-def]
    qtbot, timeline_view
) -> None:
    view, fired_at = timeline_view
    timeline = view.timeline()
    assert not view.is_zoomed() and not view.fit_button.isEnabled()
    assert view.visible_range() == (timeline.start, timeline.end)

    # The whole three weeks: the first day and time, then days.
    labels = view.axis_labels()
    assert labels[0] == "Mon 01 Mar 09:10" and len(labels) >= 2
    assert all(re.fullmatch(r"\w{3} \d\d \w{3}", label) for label in labels[1:])

    x = view.x_of(fired_at)
    wheel(view, x, 3)  # three notches in, at the escalation
    start, end = view.visible_range()
    assert view.is_zoomed() and view.fit_button.isEnabled()
    assert end - start == pytest.approx((timeline.end - timeline.start) * 0.8**3)
    assert view.instant_at(x) == pytest.approx(fired_at)  # it stayed under the pointer
    assert view.x_of(fired_at) == pytest.approx(x)

    wheel(view, x, 40)  # far in: no narrower than MIN_SPAN
    start, end = view.visible_range()
    assert end - start == pytest.approx(MIN_SPAN)
    assert start <= fired_at <= end
    view.repaint()
    # A quarter of an hour: the day and time at the left edge, then minutes.
    labels = view.axis_labels()
    assert re.fullmatch(r"Tue 09 Mar \d\d:\d\d", labels[0])
    assert len(labels) >= 2
    assert all(re.fullmatch(r"\d\d:\d\d", label) for label in labels[1:])
    assert all(int(label[-2:]) % 5 == 0 for label in labels[1:])  # whole minute steps
    # Zoomed in, the hover still finds the escalation where it is drawn.
    y = round(view.row_top(view.row_labels().index("Escalations")) + ROW_HEIGHT / 2)
    qtbot.mouseMove(view, QPoint(round(view.x_of(fired_at)), y))
    qtbot.waitUntil(lambda: "Next response level 1" in view.toolTip())
    qtbot.mouseMove(view, QPoint(view.label_width() // 2, y))  # onto the labels: the tip goes
    qtbot.waitUntil(lambda: view.toolTip() == "")

    # Drag to the right by 200 px: earlier time comes into view.
    grab_x = view.label_width() + 300
    row_y = round(view.row_top(0) + ROW_HEIGHT / 2)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(grab_x, row_y))
    qtbot.mouseMove(view, QPoint(grab_x + 200, row_y))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(grab_x + 200, row_y))
    moved_start, moved_end = view.visible_range()
    assert moved_end - moved_start == pytest.approx(MIN_SPAN)
    plot_width = view.width() - view.label_width() - 8
    assert moved_start == pytest.approx(start - 200 * MIN_SPAN / plot_width)

    wheel(view, x, -60)  # far out: the whole life, no more
    assert not view.is_zoomed() and view.visible_range() == (timeline.start, timeline.end)

    wheel(view, x, 2)
    assert view.is_zoomed()
    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    assert not view.is_zoomed() and not view.fit_button.isEnabled()

    wheel(view, x, 2)
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(view.label_width() + 50, row_y))
    assert not view.is_zoomed()


def test_a_drag_cannot_pan_past_the_life(qtbot, timeline_view) -> None:  # type: ignore[no-untyped-def]
    view, _fired_at = timeline_view
    timeline = view.timeline()
    wheel(view, view.x_of(timeline.start), 5)
    row_y = round(view.row_top(0) + ROW_HEIGHT / 2)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(view.label_width() + 10, row_y))
    qtbot.mouseMove(view, QPoint(view.label_width() + 900, row_y))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(view.label_width() + 900, row_y))
    assert view.visible_range()[0] == timeline.start  # dragged right: stops at the start


@pytest.fixture(params=["en", "pt_PT"])
def speaking(request, qapp):  # type: ignore[no-untyped-def]
    with window_language(qapp, request.param):
        yield request.param


def test_the_legend_and_the_row_labels_show_whole(qtbot, speaking, timeline_view) -> None:  # type: ignore[no-untyped-def]
    # The legend was one painted line that ran past the view's edge in the detail pane
    # (Portuguese, or a long calendar name); a label longer than the fixed 118 px column
    # ("Atualização periódica") was cut.
    view, _fired_at = timeline_view
    metrics = view.fontMetrics()
    legend = view.legend()
    room = view.width() - 8
    assert metrics.horizontalAdvance(legend) > room  # the case: more than one line
    wrapped = metrics.boundingRect(0, 0, room, 10_000, int(Qt.TextFlag.TextWordWrap), legend)
    below_plot = view.height() - view.row_top(len(view.row_labels()))
    assert wrapped.height() >= 2 * metrics.lineSpacing()
    assert wrapped.height() <= below_plot, (view.width(), legend)
    widest = max(metrics.horizontalAdvance(label) for label in view.row_labels())
    # whole, or as wide as the labels may be (a third of the view) and elided there
    assert view.label_width() - 8 >= min(widest, int(view.width() * 0.35) - 12), speaking
