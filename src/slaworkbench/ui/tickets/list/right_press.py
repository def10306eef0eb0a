"""A menu that opens on the right button's press, as a desktop's menus do.

Qt's context-menu request for an item view or a header comes on the release (and on some
platforms only then); a menu of the list's rows or columns opens on the press instead, and
the press goes no further (it neither drags nor selects behind the menu). The keyboard's
context menu (the Menu key, Shift+F10) still comes as Qt's request."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget


class RightPress(QObject):
    """``pressed(position)`` on a right-button press in ``viewport`` (its coordinates);
    ``requested(position)`` on ``widget``'s context-menu request."""

    def __init__(
        self,
        widget: QWidget,
        viewport: QWidget,
        pressed: Callable[[QPoint], None],
        requested: Callable[[QPoint], None],
    ) -> None:
        super().__init__(widget)
        self._viewport = viewport
        self._pressed = pressed
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(requested)
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and watched is self._viewport
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.RightButton
        ):
            self._pressed(event.position().toPoint())
            return True
        return False
