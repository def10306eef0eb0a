"""Both colour schemes set disabled controls apart: a person sees what cannot be used
(and the detail pane's captions, muted by being disabled) in grey."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from slaworkbench.ui.theme import dark_palette, light_palette


def _ink(image: QImage, background: QColor) -> float:
    """How far the drawn text's darkest (light scheme) or brightest (dark scheme) pixel
    lies from the background, in lightness."""
    base = background.lightness()
    return max(
        abs(image.pixelColor(x, y).lightness() - base)
        for x in range(image.width())
        for y in range(image.height())
    )


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_a_disabled_caption_and_field_are_drawn_fainter(qtbot, palette) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    host.setPalette(palette())
    layout = QVBoxLayout(host)
    enabled, disabled = QLabel("Status Customer", host), QLabel("Status Customer", host)
    disabled.setEnabled(False)
    field, shut = QLineEdit("Ana Costa", host), QLineEdit("Ana Costa", host)
    shut.setEnabled(False)
    for widget in (enabled, disabled, field, shut):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    window = host.palette().color(QPalette.ColorRole.Window)
    base = host.palette().color(QPalette.ColorRole.Base)
    label_ink = _ink(enabled.grab().toImage(), window)
    assert _ink(disabled.grab().toImage(), window) < 0.75 * label_ink
    # the line edits' text: inside the frame, away from its border
    inner = field.contentsRect().adjusted(6, 4, -6, -4)
    field_ink = _ink(field.grab(inner).toImage(), base)
    shut_base = host.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
    assert _ink(shut.grab(inner).toImage(), shut_base) < 0.75 * field_ink
