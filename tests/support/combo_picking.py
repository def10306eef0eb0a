"""Pick a combo's item the way a person does, for the GUI tests of the detail pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot


def pick(qtbot: QtBot, combo: QComboBox, value: object) -> None:
    """Open the combo with a click, walk to the item holding ``value`` with the arrow
    keys and press Return, as a person does (the offscreen platform drops clicks on a
    popup's items)."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    target = combo.findData(value)
    assert target >= 0, value
    step = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(view, step)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentData() == value
    # The offscreen platform leaves the closed popup the active window; a desktop gives
    # activation back to the window, where the window's shortcuts live.
    combo.window().activateWindow()
    qtbot.waitUntil(combo.window().isActiveWindow)
