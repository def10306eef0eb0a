"""Where a new policy goes in the evaluation order: a choice, and a warning when it is dead.

The first active policy whose conditions match a ticket applies, so a policy after a
catch-all (an active policy without conditions) can never apply. The choice starts
before the first catch-all (``app.policies.ordering.default_position``) and warns while
the user puts the new policy after one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from slaworkbench.app.policies.ordering import OrderEntry, default_position
from slaworkbench.ui.policy.common import ErrorLabel, guard_wheel


class NewPolicyPlace(QWidget):
    """A combo box of places ("First, before …", "After …") and the warning under it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order: list[OrderEntry] = []
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Where the new policy is tried"))
        self.warning = ErrorLabel()
        guard_wheel(self.combo)
        self.combo.currentIndexChanged.connect(lambda _i: self._changed())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo)
        layout.addWidget(self.warning)

    def set_order(self, entries: Sequence[OrderEntry]) -> None:
        """Offer the places among ``entries`` (the current order), before the first
        catch-all to start with."""
        self._order = list(entries)
        self.combo.blockSignals(True)
        self.combo.clear()
        for index in range(len(self._order) + 1):
            if index == 0:
                text = (
                    self.tr("First, before “{name}”").format(name=self._order[0].name)
                    if self._order
                    else self.tr("First")
                )
            else:
                text = self.tr("After “{name}”").format(name=self._order[index - 1].name)
            self.combo.addItem(text, index)
        self.combo.setCurrentIndex(default_position(self._order))
        self.combo.blockSignals(False)
        self._show_warning()

    def position(self) -> int:
        """The chosen place: 0 = tried first."""
        return int(self.combo.currentData() or 0)

    def _changed(self) -> None:
        self._show_warning()
        self.changed.emit()

    def _show_warning(self) -> None:
        catch_all = next((e for e in self._order[: self.position()] if e.catch_all), None)
        self.warning.show_error(
            None
            if catch_all is None
            else self.tr(
                "“{name}” above it takes every ticket, so this policy would never apply; "
                "put it before “{name}”."
            ).format(name=catch_all.name)
        )
