"""The ordered list of policies: drag to reorder, tick to (de)activate.

The first active policy whose conditions match a ticket applies, so order matters; the
list says so above itself. An active policy past its review date is flagged (as the
agreements are). Every change is reported by a signal; the owner writes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.agreements.reading import is_overdue
from slaworkbench.store.policies.editing import PolicyHeader
from slaworkbench.ui.policy.common import HintLabel, format_date

ID_ROLE = Qt.ItemDataRole.UserRole


class PolicyList(QWidget):
    current_changed = Signal(object)
    """The selected policy's id, or ``None``."""
    reordered = Signal(list)
    """Every policy id in the new order."""
    activation_changed = Signal(int, bool)
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: dict[int, PolicyHeader] = {}
        self.today: Callable[[], dt.date] = lambda: dt.datetime.now(dt.UTC).date()
        """The date reviews are due against (UTC; tests fix it)."""
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Policies, in the order they are tried"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.model().rowsMoved.connect(self._moved)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentItemChanged.connect(self._current)
        self.list.installEventFilter(self)
        self.new_button = QPushButton(self.tr("&New policy"))
        self.new_button.clicked.connect(self.new_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            HintLabel(
                self.tr(
                    "The first active policy whose conditions match a ticket applies. "
                    "Drag (or Ctrl+Up, Ctrl+Down) to reorder; untick to switch a policy off."
                )
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_button)

    def set_policies(self, headers: Sequence[PolicyHeader], select: int | None = None) -> None:
        current = select if select is not None else self.current_id()
        self._headers = {header.id: header for header in headers}
        self.list.blockSignals(True)
        self.list.clear()
        for header in headers:
            item = QListWidgetItem()
            item.setData(ID_ROLE, header.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            item.setCheckState(Qt.CheckState.Checked if header.active else Qt.CheckState.Unchecked)
            self._describe(item, header)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if current is not None:
            self.select(current)

    def _describe(self, item: QListWidgetItem, header: PolicyHeader) -> None:
        details = []
        if header.version is not None:
            details.append(self.tr("version {n}").format(n=header.version))
        if not header.active:
            details.append(self.tr("off"))
        if header.owner:
            details.append(header.owner)
        overdue = header.active and is_overdue(header.review_date, self.today())
        if overdue and header.review_date is not None:
            details.append(
                self.tr("⚑ review overdue since {date}").format(
                    date=format_date(header.review_date)
                )
            )
        item.setText(f"{header.name}\n{' · '.join(details)}")
        tip = []
        if header.review_date is not None:
            tip.append(self.tr("Review by {date}").format(date=format_date(header.review_date)))
        item.setToolTip("\n".join(tip))
        font = item.font()
        font.setItalic(not header.active)
        item.setFont(font)

    def ids(self) -> list[int]:
        return [int(self.list.item(row).data(ID_ROLE)) for row in range(self.list.count())]

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def select(self, policy_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == policy_id:
                self.list.setCurrentRow(row)
                return
        self.list.clearSelection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Up / Ctrl+Down in the list move the selected policy."""
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def move_current(self, step: int) -> None:
        """Move the selected policy ``step`` rows (Ctrl+Up / Ctrl+Down)."""
        policy_id = self.current_id()
        if policy_id is not None:
            row = self.ids().index(policy_id) + step
            if 0 <= row < self.list.count():
                self.move_policy(policy_id, row)

    def move_policy(self, policy_id: int, row: int) -> None:
        """Move a policy to ``row`` (what a drag does)."""
        source = self.ids().index(policy_id)
        if source == row:
            return
        item = self.list.takeItem(source)
        self.list.insertItem(row, item)
        self.list.setCurrentItem(item)
        self.reordered.emit(self.ids())

    def _moved(self, *_args: object) -> None:
        self.reordered.emit(self.ids())

    def _item_changed(self, item: QListWidgetItem) -> None:
        policy_id = int(item.data(ID_ROLE))
        header = self._headers.get(policy_id)
        active = item.checkState() == Qt.CheckState.Checked
        if header is not None and header.active != active:
            self.activation_changed.emit(policy_id, active)

    def _current(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.current_changed.emit(None if item is None else int(item.data(ID_ROLE)))
