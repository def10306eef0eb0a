"""The "why is it due then?" panel: the segments of business time behind a due instant.

It renders the domain's ``Explanation`` (ordered segments — counted, closed hours,
weekend, holiday, paused, stopped, DST change, and the summary of a long middle — each
with its instants, its business seconds and a sentence) as two summary lines (where the
clock stands; target, calendar and time counted) and a table. The figures are the clock
table's: the same live reading and the same ``format_duration``. Every string is
escaped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimeZone
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from slaworkbench import formatting
from slaworkbench.domain.clock.explain import Explanation, Segment, SegmentKind
from slaworkbench.domain.clock.readings import BusinessTime
from slaworkbench.domain.durations import format_duration
from slaworkbench.i18n import tr
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.countdown import Severity, working_days_tooltip


def local_text(instant: int | None, zone: QTimeZone | None = None) -> str:
    """An instant in the user's locale and (by default) the system time zone; the year is
    left out in the current year (the clock table is narrow)."""
    if instant is None:
        return "—"
    moment = dt.datetime.fromtimestamp(int(instant), dt.UTC)
    local = moment.astimezone()
    if zone is not None:
        with contextlib.suppress(ValueError, KeyError):  # a zone Python does not know
            local = moment.astimezone(ZoneInfo(bytes(zone.id().data()).decode()))
    return formatting.near_date_time(local)


def segment_label(segment: Segment) -> str:
    kind = segment.kind
    if kind is SegmentKind.COUNTED:
        return tr("Counted")
    if kind is SegmentKind.CLOSED_HOURS:
        return tr("Outside working hours")
    if kind is SegmentKind.WEEKEND:
        return tr("Non-working days")
    if kind is SegmentKind.HOLIDAY:
        return tr("Holiday: {name}").format(name=segment.holiday or "")
    if kind is SegmentKind.PAUSED:
        status = segment.status.value.replace("_", " ") if segment.status else ""
        return tr("Paused ({status})").format(status=status)
    if kind is SegmentKind.STOPPED:
        return tr("Stopped")
    if kind is SegmentKind.SUMMARY:
        return tr("In between")
    return tr("Clock change")


class FittedText(QTextBrowser):
    """Read-only rich text as tall as its content at the current width, no scroll bar.

    A word-wrapped rich-text ``QLabel`` searches for its best width on every layout
    pass (a tenth of a second for a table of segments); a text document lays itself
    out once per width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self._html = ""

    def setText(self, html_text: str) -> None:
        self._html = html_text
        self.setHtml(html_text)
        self._fit()

    def text(self) -> str:
        return self._html

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        document = self.document()
        document.setTextWidth(max(1, self.viewport().width()))
        margins = self.contentsMargins()
        self.setFixedHeight(int(document.size().height()) + margins.top() + margins.bottom())


class ExplanationView(QWidget):
    """Shows one explanation at a time (the clock picked in the detail pane)."""

    def __init__(self, theme: Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme or Theme()
        self.body = FittedText(self)
        self.body.setAccessibleName(tr("Why is it due then?"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        self._explanation: Explanation | None = None
        self._calendar: BusinessTime | None = None
        self.show_message(tr("Pick a clock above to see why it is due when it is."))

    @property
    def explanation(self) -> Explanation | None:
        return self._explanation

    def show_message(self, text: str) -> None:
        self._explanation = None
        self.body.setText(f"<p>{html.escape(text)}</p>")
        self.body.setToolTip("")

    def show_explanation(
        self, explanation: Explanation, calendar: BusinessTime | None = None
    ) -> None:
        self._explanation = explanation
        self._calendar = calendar
        self.body.setText(self.render_html(explanation))
        target_days = working_days_tooltip(explanation.target, calendar)
        self.body.setToolTip(
            tr("Target {target}: {days}").format(
                target=format_duration(explanation.target), days=target_days
            )
            if target_days
            else ""
        )

    def _zone(self, e: Explanation) -> QTimeZone:
        zone = QTimeZone(e.timezone.encode()) if e.timezone else QTimeZone.systemTimeZone()
        return zone if zone.isValid() else QTimeZone.systemTimeZone()

    def headline(self, e: Explanation) -> str:
        """The first summary line: where the clock stands, in the clock table's figures
        (instants in the user's time zone, as in the table; the segments below are told
        in the calendar's zone, which the second line names)."""
        zone = QTimeZone.systemTimeZone()
        late = format_duration(-e.remaining)
        if e.stopped_at is not None:
            if e.remaining < 0:
                return tr("Breached: stopped {stop}, {late} after its due time.").format(
                    stop=local_text(e.stopped_at, zone), late=late
                )
            return tr("Achieved: stopped {stop} with {left} to spare.").format(
                stop=local_text(e.stopped_at, zone), left=format_duration(e.remaining)
            )
        if e.due_at is None:
            if e.remaining < 0:
                return tr("Paused, {late} past its target; it does not count while paused.").format(
                    late=late
                )
            return tr("Paused with {left} left; it does not count while paused.").format(
                left=format_duration(e.remaining)
            )
        if e.remaining < 0 or e.now >= e.due_at:
            return tr("Overdue by {late}: it was due {due}.").format(
                late=late, due=local_text(e.due_at, zone)
            )
        return tr("{left} left: due {due}.").format(
            left=format_duration(e.remaining), due=local_text(e.due_at, zone)
        )

    def summary(self, e: Explanation) -> str:
        """The second summary line: the target, the calendar, the policy version that
        judged the clock and the time counted."""
        return tr(
            "Target {target} of business time in “{calendar}” ({zone}), judged by"
            " “{policy}” v{version}; {counted} counted."
        ).format(
            target=format_duration(e.target),
            calendar=e.calendar_name,
            zone=e.timezone,
            policy=e.policy_name,
            version=e.policy_version,
            counted=format_duration(max(0, e.elapsed)),
        )

    def render_html(self, e: Explanation) -> str:
        muted = self.theme.colour_name_muted()
        projected = self.theme.colour_name(Severity.PAUSED)
        parts = [f"<p><b>{html.escape(self.headline(e))}</b><br>{html.escape(self.summary(e))}</p>"]
        if not e.segments:
            nothing = tr("No business time has counted yet.")  # not in the f-string: lupdate
            parts.append(f"<p>{html.escape(nothing)}</p>")
            return "".join(parts)
        cell = "style='padding:2px 10px 2px 0' valign='top'"
        head = "".join(
            f"<th align='left' {cell}>{html.escape(h)}</th>"
            for h in (tr("What"), tr("Counted"), tr("Details"))
        )
        rows = []
        for segment in e.segments:
            counted = format_duration(segment.business_seconds) if segment.business_seconds else "—"
            future = segment.start >= e.now and e.stopped_at is None
            colour = (
                projected if future else (None if segment.kind is SegmentKind.COUNTED else muted)
            )
            style = f" style='color:{colour}'" if colour else ""
            mark = html.escape(tr(" (ahead)")) if future else ""
            rows.append(
                f"<tr{style}><td {cell}>{html.escape(segment_label(segment))}{mark}</td>"
                f"<td {cell}>{html.escape(counted)}</td>"
                f"<td valign='top'>{html.escape(segment.text)}</td></tr>"
            )
        parts.append(f"<table cellspacing='0'><tr>{head}</tr>{''.join(rows)}</table>")
        return "".join(parts)
