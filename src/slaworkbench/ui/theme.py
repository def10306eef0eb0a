"""Light and dark: the window follows the system colour scheme.

State colours are chosen per scheme so "at risk" and "breached" stay legible on both,
and every state also carries an icon and words in its text, never colour alone. Icons
are SVG templates in the package's ``resources/icons`` whose ``currentColor`` takes the
state colour.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from slaworkbench import config
from slaworkbench.ui.tickets.countdown import Severity

RESOURCES = config.package_folder("slaworkbench", "resources")
ICONS = RESOURCES / "icons"

_LIGHT = {
    Severity.AT_RISK: ("#8a4600", "#ffefcc"),
    Severity.OVERDUE: ("#a3001b", "#fde1e3"),
    Severity.BREACHED: ("#a3001b", None),
    Severity.PAUSED: ("#3a5a94", None),
    Severity.ACHIEVED: ("#1d6b34", None),
    Severity.OK: (None, None),
    Severity.NONE: ("#6b6b6b", None),
}
_DARK = {
    Severity.AT_RISK: ("#ffcf70", "#3d2b06"),
    Severity.OVERDUE: ("#ff9a9a", "#4a1a1f"),
    Severity.BREACHED: ("#ff9a9a", None),
    Severity.PAUSED: ("#a9c1f5", None),
    Severity.ACHIEVED: ("#86dba0", None),
    Severity.OK: (None, None),
    Severity.NONE: ("#9a9a9a", None),
}
TEXT_SIGNS = ("✓", "✗", "⚠")
"""Signs a state's text may begin with: the text then reads alike without colour or
icon (a copy, a screen reader), and no icon is drawn beside it (``icon_beside``)."""

_ICON_FILES = {
    Severity.AT_RISK: "at_risk.svg",
    Severity.OVERDUE: "overdue.svg",
    Severity.BREACHED: "breached.svg",
    Severity.PAUSED: "paused.svg",
    Severity.ACHIEVED: "achieved.svg",
    Severity.OK: "running.svg",
}


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1f2124"), QColor("#2a2d31"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26292d"),
        QPalette.ColorRole.ToolTipBase: QColor("#33373c"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#33373c"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ffffff"),
        QPalette.ColorRole.Highlight: QColor("#3d6fb4"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#8ab4f8"),
        QPalette.ColorRole.PlaceholderText: QColor("#8c8c8c"),
        QPalette.ColorRole.Light: QColor("#45494f"),
        QPalette.ColorRole.Midlight: QColor("#3a3e43"),
        QPalette.ColorRole.Mid: QColor("#2f3236"),
        QPalette.ColorRole.Dark: QColor("#18191b"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def light_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: QColor("#f3f3f3"),
        QPalette.ColorRole.WindowText: QColor("#1b1b1b"),
        QPalette.ColorRole.Base: QColor("#ffffff"),
        QPalette.ColorRole.AlternateBase: QColor("#f7f8fa"),
        QPalette.ColorRole.Text: QColor("#1b1b1b"),
        QPalette.ColorRole.Button: QColor("#ececec"),
        QPalette.ColorRole.ButtonText: QColor("#1b1b1b"),
        QPalette.ColorRole.Highlight: QColor("#2f6fc7"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.ToolTipBase: QColor("#ffffe8"),
        QPalette.ColorRole.ToolTipText: QColor("#1b1b1b"),
        QPalette.ColorRole.Link: QColor("#1a5fb4"),
        QPalette.ColorRole.PlaceholderText: QColor("#7a7a7a"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)  # every group, the disabled one too: set it apart below
    # A disabled control, and a caption muted by being disabled (the detail pane's field
    # names), in grey: with the colours above for every group they looked enabled.
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8a8a"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor("#f3f3f3"))
    return p


class Theme(QObject):
    """State colours and icons for the current scheme; ``changed`` when it switches."""

    changed = Signal()

    def __init__(self, dark: bool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dark = system_prefers_dark() if dark is None else dark
        self._icons: dict[Severity, QIcon] = {}

    @property
    def dark(self) -> bool:
        return self._dark

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._icons.clear()
            self.changed.emit()

    def colour(self, severity: Severity) -> QColor | None:
        fg = (_DARK if self._dark else _LIGHT)[severity][0]
        return QColor(fg) if fg else None

    def colour_name(self, severity: Severity) -> str:
        """The state colour as ``#rrggbb`` for rich text (the text colour for plain)."""
        colour = self.colour(severity)
        if colour is None:
            colour = QGuiApplication.palette().color(QPalette.ColorRole.Text)
        return colour.name()

    def colour_name_muted(self) -> str:
        return self.colour_name(Severity.NONE)

    def foreground(self, severity: Severity) -> QBrush | None:
        colour = self.colour(severity)
        return QBrush(colour) if colour else None

    def background(self, severity: Severity) -> QBrush | None:
        bg = (_DARK if self._dark else _LIGHT)[severity][1]
        return QBrush(QColor(bg)) if bg else None

    def icon_beside(self, severity: Severity, text: str) -> QIcon | None:
        """The state's icon for a cell showing ``text``, unless the text begins with a
        sign of its own (``✓ achieved``, ``⚠ 13 min``, ``✗ late 2h``): one sign a cell,
        not an icon and a glyph side by side."""
        return None if text.startswith(TEXT_SIGNS) else self.icon(severity)

    def icon(self, severity: Severity) -> QIcon | None:
        if severity not in _ICON_FILES:
            return None
        if severity not in self._icons:
            colour = self.colour(severity) or QGuiApplication.palette().color(
                QPalette.ColorRole.Text
            )
            self._icons[severity] = tinted_icon(_ICON_FILES[severity], colour)
        icon = self._icons[severity]
        return None if icon.isNull() else icon


def tinted_icon(name: str, colour: QColor) -> QIcon:
    """An icon from ``resources/icons/<name>`` drawn in ``colour`` (empty if missing)."""
    path = ICONS / name
    icon = QIcon()
    if not path.exists():
        return icon
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def apply_scheme(app: QApplication, dark: bool) -> None:
    """Give the application a palette for the scheme (Fusion keeps both legible)."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else light_palette())


def follow_system_scheme(app: QApplication, theme: Theme) -> None:
    """Apply the system scheme now and whenever the user switches it."""

    def update() -> None:
        dark = system_prefers_dark_hint(default=theme.dark)
        apply_scheme(app, dark)
        theme.set_dark(dark)

    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: update())
    update()


def system_prefers_dark_hint(default: bool) -> bool:
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Unknown:
        return default
    return scheme == Qt.ColorScheme.Dark
