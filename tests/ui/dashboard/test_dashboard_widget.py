"""The dashboard tab: each chart draws the data of its loader, reacts to filters, shows
busy and error states, emits ticket filters on clicks, and exports PNG/SVG."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextLayout, QTextOption
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.domain.labels import priority_label
from slaworkbench.ui.dashboard.dashboard_widget import DashboardWidget
from slaworkbench.ui.dashboard.export import export_chart
from slaworkbench.ui.tasks import TaskRunner
from tests.support.synthetic_dashboard import seed
from tests.support.wheel import turn_wheel

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
YEAR = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("dashboard") / "workspace.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    seed(engine, 2000, seed=5, now=NOW)
    yield engine
    engine.dispose()


def _dispose(qtbot: Any, widget: DashboardWidget) -> None:
    """Delete the widget's Qt objects now, not while the interpreter shuts down
    (pyqtgraph items collected at exit can crash PySide6)."""
    widget.shutdown()
    widget.close()
    widget.deleteLater()
    qtbot.wait(1)
    gc.collect()


@pytest.fixture
def dashboard(qtbot: Any, engine: Engine) -> Iterator[DashboardWidget]:
    widget = DashboardWidget(
        TaskRunner(synchronous=True), lambda: Session(engine), tz="UTC", clock=lambda: NOW
    )
    widget.resize(1300, 900)
    widget.set_filters(YEAR)
    yield widget
    _dispose(qtbot, widget)


def test_every_chart_shows_data_after_loading(dashboard: DashboardWidget) -> None:
    assert not dashboard.is_loading()
    for name, panel in dashboard.panels().items():
        assert panel.message() is None, name
        assert panel.data is not None, name
        assert not panel.is_busy(), name
    texts = dashboard.cards.texts()
    captions = [c for c, _, _ in texts]
    assert captions[:2] == ["First response", "Resolution"]
    cards = {c: v for c, v, _ in texts}
    soon = dashboard.soon.data
    assert cards["Tickets breaching within 24 h"] == str(soon.tickets_24h)
    assert cards["Tickets breaching within 7 days"] == str(soon.tickets_7d)


def test_backlog_bars_match_open_tickets_counted_in_python(
    dashboard: DashboardWidget, engine: Engine
) -> None:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT priority, next_due_at FROM tickets"
                " WHERE status IN ('new','open','pending','on_hold') AND next_due_at IS NOT NULL"
            )
        ).all()
    overdue = Counter(p for p, due in rows if due < NOW)
    bars = dashboard.backlog.bar_targets
    # The overdue bucket is category 0; each priority with overdue tickets has one segment.
    first = [b for b in bars if b.rect.center().x() == 0]
    heights = sorted(round(b.rect.height()) for b in first)
    assert heights == sorted(overdue.values())
    assert sum(round(b.rect.height()) for b in bars) == len(rows)


def test_breaches_chart_follows_the_team_filter(
    qtbot: Any, dashboard: DashboardWidget, engine: Engine
) -> None:
    dashboard.set_filters(Filters(YEAR.date_from, YEAR.date_to, team="Billing"))
    data = dashboard.breaches.data
    assert [row.key for row in data.rows] == ["Billing"]
    with engine.connect() as conn:
        breached = conn.execute(
            text(
                "SELECT count(*) FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id"
                " JOIN teams ON teams.id = t.team_id WHERE teams.name = 'Billing'"
                " AND c.state = 'breached' AND c.stopped_at >= :a AND c.stopped_at < :b"
            ),
            {"a": NOW - 365 * 86400, "b": NOW},
        ).scalar_one()
    assert data.rows[0].breached_total == breached
    assert sum(round(b.rect.height()) for b in dashboard.breaches.bar_targets) == breached


def test_clicking_a_bar_asks_for_the_matching_tickets(
    qtbot: Any, dashboard: DashboardWidget
) -> None:
    panel = dashboard.breaches
    dashboard.breaches.dimension.setCurrentIndex(dashboard.breaches.dimension.findData("priority"))
    target = panel.bar_targets[0]
    view_box = panel.plot.getViewBox()
    with qtbot.waitSignal(dashboard.open_tickets_requested, timeout=2000) as blocker:
        assert panel.click_at(view_box.mapViewToScene(target.rect.center()))
    wanted = blocker.args[0]
    assert wanted["sla_state"] == "breached"
    assert wanted["priority"] == "urgent"
    assert wanted["metric"] == "first_response"
    assert wanted["stopped_from"] == int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp())
    assert not panel.click_at(QPointF(-1000, -1000))


def test_hovering_gives_exact_values(dashboard: DashboardWidget) -> None:
    panel = dashboard.soon
    data = panel.data
    target = panel.bar_targets[0]
    view_box = panel.plot.getViewBox()
    found = panel.target_at(view_box.mapViewToScene(target.rect.center()))
    assert found is target
    count = round(target.rect.height())
    assert f"{count} clocks due" in target.tooltip
    assert sum(round(b.rect.height()) for b in panel.bar_targets) == data.next_7d


def test_distribution_chart_draws_shares_and_marks_percentiles(
    dashboard: DashboardWidget,
) -> None:
    panel = dashboard.first_response
    dists = [d for d in panel.data.of("first_response") if d.count]
    shares = sum(b.rect.height() for b in panel.bar_targets)
    assert shares == pytest.approx(100.0 * len(dists))
    labels = [p.tooltip for p in panel.point_targets]
    assert any("P50" in t for t in labels) and any("P90" in t for t in labels)


def test_a_narrow_distribution_panel_wraps_between_priorities(
    dashboard: DashboardWidget,
) -> None:
    # "Low: P50 1.4 h · P90" ended a line and "4.0 h" began the next.
    label = dashboard.first_response.subtitle_label
    text = label.text()
    priorities = [
        priority_label(d.priority)
        for d in dashboard.first_response.data.of("first_response")
        if d.count
    ]
    assert len(priorities) >= 3
    for width in range(120, 700, 7):  # the label's own wrapping, at many widths
        layout = QTextLayout(text, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
        layout.endLayout()
        for shown in lines:
            assert any(shown.startswith(f"{name}:") for name in priorities), (width, shown)


def test_a_failure_is_a_sentence_in_the_chart(qtbot: Any, tmp_path: Path) -> None:
    broken = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    widget = DashboardWidget(
        TaskRunner(synchronous=True), lambda: Session(broken), tz="UTC", clock=lambda: NOW
    )
    widget.set_filters(YEAR)
    message = widget.backlog.message()
    assert message and "failed" in message and "Traceback" not in message
    widget.set_filters(Filters(dt.date(2025, 5, 1), dt.date(2025, 1, 1)))
    assert "swap the two dates" in widget.banner.text()
    _dispose(qtbot, widget)


def test_charts_show_a_busy_state_while_a_real_thread_loads(qtbot: Any, engine: Engine) -> None:
    runner = TaskRunner()
    widget = DashboardWidget(runner, lambda: Session(engine), tz="UTC", clock=lambda: NOW)
    widget.filter_bar.set_filters(YEAR)
    assert widget.is_loading() or widget.trend.data is not None
    assert widget.trend.is_busy() or widget.trend.data is not None
    qtbot.waitUntil(lambda: not widget.is_loading(), timeout=20000)
    qtbot.waitUntil(lambda: widget.availability.data is not None, timeout=5000)
    assert not widget.trend.is_busy()
    assert runner.shutdown(5000)
    _dispose(qtbot, widget)


def test_export_writes_png_and_svg(dashboard: DashboardWidget, tmp_path: Path) -> None:
    png = export_chart(dashboard.trend.plot, tmp_path / "trend.png")
    svg = export_chart(dashboard.breaches.plot, tmp_path / "breaches.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:500]


def test_the_breaches_ahead_axis_counts_days_as_its_ticks_do(dashboard: DashboardWidget) -> None:
    panel = dashboard.soon
    bottom = panel.plot.getAxis("bottom")
    assert "days" in bottom.labelText and "(h)" not in bottom.labelText
    major = dict(bottom._tickLevels[0])  # the ticks as set: position -> label
    assert major[1] == "+1 d" and major[7] == "+7 d"
    assert panel.plot.getViewBox().viewRange()[0][1] < 7.5  # the range is seven days


def test_the_summary_cards_figures_stand_level(qtbot: Any, dashboard: DashboardWidget) -> None:
    # A card whose detail took one line (the 7-day one) sat its figure lower than the
    # cards with two-line details: the contents were centred in each card.
    dashboard.show()
    qtbot.waitExposed(dashboard)
    cards = dashboard.cards._cards
    details = {card.detail.height() for card in cards}
    assert len(details) > 1  # the case: details of different heights
    tops = {card.value.mapTo(dashboard.cards, card.value.rect().topLeft()).y() for card in cards}
    assert len(tops) == 1, tops


def test_the_wheel_over_a_chart_is_left_to_the_page(qtbot: Any, dashboard: DashboardWidget) -> None:
    # The dashboard is a long page of charts: a wheel turned over an axis was taken by
    # pyqtgraph's axis (to zoom, which these charts do not), and the page stood still.
    # A wheel event the chart leaves unaccepted goes on to the scrolling page.
    dashboard.show()
    qtbot.waitExposed(dashboard)
    for name, panel in dashboard.panels().items():
        widget = panel.plot_widget
        plot = panel.plot
        places = {
            "plot": plot.getViewBox().sceneBoundingRect().center(),
            "left axis": plot.getAxis("left").sceneBoundingRect().center(),
            "bottom axis": plot.getAxis("bottom").sceneBoundingRect().center(),
        }
        for place, at in places.items():
            event = turn_wheel(widget.viewport(), widget.mapFromScene(at))
            assert not event.isAccepted(), (name, place)


def test_a_period_without_clocks_offers_the_one_with_them(
    qtbot: Any, dashboard: DashboardWidget, engine: Engine
) -> None:
    """An imported log of past years opens on "last 12 months": every chart said only
    "widen the period". The dashboard now says when clocks stopped and shows that period
    with one click."""
    from PySide6.QtCore import Qt

    with engine.connect() as connection:
        first, last = connection.execute(
            text("SELECT min(stopped_at), max(stopped_at) FROM ticket_clocks")
        ).one()
    dashboard.show()
    dashboard.set_filters(Filters(dt.date(2019, 1, 1), dt.date(2019, 12, 31)))
    qtbot.waitUntil(dashboard.period_hint.isVisible)
    days = [dt.datetime.fromtimestamp(i, dt.UTC).date() for i in (first, last)]
    shown = dashboard.period_hint_text.text()
    assert "No SLA clock stopped in this period" in shown
    assert days[0].strftime("%Y") in shown and days[1].strftime("%Y") in shown
    button = dashboard.period_hint_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    filters = dashboard.filters()
    assert (filters.date_from, filters.date_to) == (days[0], days[1])
    qtbot.waitUntil(lambda: dashboard._summary is not None)
    assert not dashboard.period_hint.isVisible()
    assert sum(m.achieved + m.breached for m in dashboard._summary.metrics) > 0
    # A period with clocks, narrowed to nothing by a filter: the filter is why, no hint.
    dashboard.set_filters(dataclasses.replace(YEAR, priority="no such priority"))
    qtbot.waitUntil(lambda: dashboard._summary is not None)
    assert not dashboard.period_hint.isVisible()


def test_an_unknown_time_zone_is_a_sentence_not_a_hint(qtbot: Any, engine: Engine) -> None:
    widget = DashboardWidget(
        TaskRunner(synchronous=True), lambda: Session(engine), tz="Mars/Olympus", clock=lambda: NOW
    )
    try:
        widget.show()
        widget.set_filters(Filters(dt.date(2019, 1, 1), dt.date(2019, 12, 31), tz="Mars/Olympus"))
        qtbot.waitUntil(widget.banner.isVisible)
        assert "Mars/Olympus" in widget.banner.text()
        assert not widget.period_hint.isVisible()
    finally:
        _dispose(qtbot, widget)


def test_an_agreements_change_before_the_first_showing_leaves_the_pickers_to_load(
    qtbot: Any, engine: Engine
) -> None:
    from slaworkbench.app.changes import Changes
    from slaworkbench.ui.changes import ChangeNotice

    notice = ChangeNotice()
    widget = DashboardWidget(
        TaskRunner(synchronous=True),
        lambda: Session(engine),
        tz="UTC",
        clock=lambda: NOW,
        notice=notice,
    )
    try:
        notice.announce(Changes(agreements=True))
        notice.announce(Changes(tickets=True))
        notice.announce(Changes(agreements=True))  # after a ticket change: still to load
        widget.show()
        qtbot.waitUntil(lambda: widget.filter_bar.team.count() > 1)
    finally:
        _dispose(qtbot, widget)


def test_dates_are_written_with_the_full_year_in_every_language(
    qtbot: Any, qapp: Any, engine: Engine
) -> None:
    """The dashboard wrote its dates with Qt's short format, which in Portuguese (and US
    English) has a two-digit year (``31/12/25``), where every other screen, through the
    formatting module, writes ``31/12/2025``."""
    from tests.support.window_language import window_language

    with window_language(qapp, "pt_PT"):
        widget = DashboardWidget(
            TaskRunner(synchronous=True), lambda: Session(engine), tz="UTC", clock=lambda: NOW
        )
        try:
            widget.show()
            widget.set_filters(YEAR)
            panels = widget.panels()
            qtbot.waitUntil(lambda: all(p.period_text for p in panels.values()))
            texts = {panel.period_text for panel in panels.values()}
            assert "01/01/2025 – 31/12/2025" in texts
            assert "À data de 01/01/2026 00:00" in texts, texts
        finally:
            _dispose(qtbot, widget)


def test_a_shown_dashboard_draws_its_charts_one_at_a_time_those_in_sight_first(
    qtbot: Any, dashboard: DashboardWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sections arrive together; drawing every chart in the same turn of the event
    loop held the window still for half a second at the dashboard's first showing (1M
    demo). Each chart is now drawn in a turn of its own, the ones in sight first, and
    keeps its busy bar until then."""
    from slaworkbench.ui.dashboard import chart_panel

    # Turns far enough apart that a busy machine's poll sees each draw on its own.
    monkeypatch.setattr(chart_panel._DrawQueue, "PAUSE_MS", 300)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    # the first load's charts drawn
    qtbot.waitUntil(lambda: not dashboard.is_drawing(), timeout=10_000)
    panels = list(dashboard.panels().values())
    assert not any(panel.is_pending() for panel in panels)
    # a synchronous runner: all loaded once Refresh is clicked
    qtbot.mouseClick(dashboard.filter_bar.refresh, Qt.MouseButton.LeftButton)
    assert all(panel.is_pending() and panel.is_busy() for panel in panels)
    qtbot.waitUntil(lambda: not all(p.is_pending() for p in panels), timeout=2_000)
    drawn = [panel for panel in panels if not panel.is_pending()]
    assert len(drawn) == 1 and not drawn[0].is_busy()
    in_sight = {panel for panel in panels if not panel.visibleRegion().isEmpty()}
    assert in_sight and len(in_sight) < len(panels)  # the case: some below the fold
    assert drawn[0] in in_sight
    qtbot.waitUntil(lambda: not any(p.is_pending() for p in panels), timeout=10_000)
    assert not any(panel.is_busy() for panel in panels)
    # A chart's targets (for a click, an export) are those of its data, drawn first.
    qtbot.mouseClick(dashboard.filter_bar.refresh, Qt.MouseButton.LeftButton)
    assert dashboard.breaches.bar_targets and not dashboard.breaches.is_pending()


def test_the_target_box_writes_its_percentage_as_the_cards_do(
    dashboard: DashboardWidget,
) -> None:
    """The cards said "94.9%" and the target box beside the trend "95.0 %"."""
    from slaworkbench import formatting

    assert dashboard.trend.target_box.text() == formatting.percent(0.95, 1)
