"""A ticket's event log, newest first. Ticket text is data: every string is escaped.

At most ``SHOWN_EVENTS`` events are rendered (the newest), with a line saying how many
older ones are left out, so a ticket with years of history renders at once."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QTextBrowser, QWidget

from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.domain.model import EventType
from slaworkbench.i18n import tr, trn
from slaworkbench.store.tickets.detail import EventRow
from slaworkbench.ui.tickets.detail.explanation_view import local_text


def event_title(event: EventRow) -> str:
    kind = event.type
    if kind is EventType.CREATED:
        return tr("Created")
    if kind is EventType.STATUS_CHANGED and event.status is not None:
        return tr("Status → {status}").format(status=status_label(event.status))
    if kind is EventType.PRIORITY_CHANGED and event.priority is not None:
        return tr("Priority → {priority}").format(priority=priority_label(event.priority))
    if kind is EventType.AGENT_REPLY:
        return tr("Public reply")
    if kind is EventType.CUSTOMER_REPLY:
        return tr("Customer replied")
    if kind is EventType.INTERNAL_NOTE:
        return tr("Internal note")
    if kind is EventType.ASSIGNED:
        return (
            tr("Assigned to {name}").format(name=event.value) if event.value else tr("Unassigned")
        )
    if kind is EventType.FIELD_CHANGED:
        return tr("{field} changed").format(field=event.field or tr("A field"))
    return str(kind)


SHOWN_EVENTS = 200


class TimelineView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName(tr("Ticket history"))
        self._events: tuple[EventRow, ...] = ()

    def set_events(self, events: Sequence[EventRow]) -> None:
        self._events = tuple(events)
        self.setHtml(self.render_html())

    def show_message(self, text: str) -> None:
        self._events = ()
        self.setHtml(f"<p>{html.escape(text)}</p>")

    def render_html(self) -> str:
        if not self._events:
            nothing = tr("No events yet.")  # not in the f-string: lupdate would miss it
            return f"<p>{html.escape(nothing)}</p>"
        parts = []
        shown = self._events[-SHOWN_EVENTS:]
        for event in reversed(shown):
            head = html.escape(event_title(event))
            meta = html.escape(local_text(event.at))
            if event.author:
                meta += " · " + html.escape(event.author)
            text = ""
            if event.value and event.type in (
                EventType.AGENT_REPLY,
                EventType.CUSTOMER_REPLY,
                EventType.INTERNAL_NOTE,
                EventType.FIELD_CHANGED,
            ):
                text = "<br>".join(html.escape(line) for line in event.value.splitlines())
                text = f"<div style='margin:2px 0 0 0'>{text}</div>"
            parts.append(
                f"<div style='margin:0 0 8px 0'><b>{head}</b> "
                f"<span style='color:gray'>{meta}</span>{text}</div>"
            )
        left_out = len(self._events) - len(shown)
        if left_out:
            parts.append(
                "<p style='color:gray'>"
                + html.escape(
                    trn(
                        "… and {n} older event, not shown.",
                        "… and {n} older events, not shown.",
                        left_out,
                    )
                )
                + "</p>"
            )
        return "".join(parts)
