"""A searchable IANA time-zone field: type any part ("lisb", "new_y") and pick from the list."""

from __future__ import annotations

import zoneinfo
from functools import cache

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QVBoxLayout, QWidget

from slaworkbench.ui.policy.common import ErrorLabel, mark_invalid


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


class TimeZonePicker(QWidget):
    """``zone_changed(name)`` whenever the text is a known zone; ``is_valid()`` otherwise."""

    zone_changed = Signal(str)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Type to search, e.g. Lisbon"))
        self.edit.setAccessibleName(self.tr("Time zone"))
        self.edit.setClearButtonEnabled(True)
        completer = QCompleter(QStringListModel(list(zone_names()), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        completer.activated.connect(self._picked)
        self.edit.setCompleter(completer)
        self.edit.textChanged.connect(self._changed)
        self.error = ErrorLabel()
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def _picked(self, name: str) -> None:
        self.edit.setText(name)

    def _changed(self, _text: str) -> None:
        message = self.problem()
        mark_invalid(self.edit, message is not None, message or "")
        self.error.show_error(message)
        self.edited.emit()
        if message is None:
            self.zone_changed.emit(self.zone())

    def zone(self) -> str:
        return self.edit.text().strip()

    def set_zone(self, name: str) -> None:
        self.edit.setText(name)

    def is_valid(self) -> bool:
        return self.problem() is None

    def problem(self) -> str | None:
        name = self.zone()
        if not name:
            return self.tr("Pick the time zone the working hours are in, e.g. Europe/Lisbon.")
        if name not in zone_names():
            return self.tr(
                "“{name}” is not a known time zone; pick one from the list (e.g. Europe/Lisbon)."
            ).format(name=name)
        return None
