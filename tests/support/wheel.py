"""Turning the mouse wheel over a widget in a test."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget


def turn_wheel(widget: QWidget, at: QPoint | QPointF, notches: int = -1) -> QWheelEvent:
    """One turn of ``notches`` clicks (negative: towards you, scrolling down) at ``at`` in
    ``widget``; returns the event, whose ``isAccepted()`` says whether the widget took it.
    A synthesized wheel event goes to ``widget`` alone: Qt hands an unaccepted one on to
    the parents only when it came from the system, so a test asks the event whether it
    would have gone on."""
    position = QPointF(at)
    event = QWheelEvent(
        position,
        QPointF(widget.mapToGlobal(position)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event
