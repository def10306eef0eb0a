"""File › Restore backup…: the workspace's backups, what each holds, and a restore after
a confirmation.

The list (date, kind, tickets, newest event) is read off the GUI thread; the restore runs
on the writer thread (``app.backups.rolling.restore``), which first backs up the current
file, so the sentence shown afterwards says how to undo it. A restore announces
``EVERYTHING`` on the change notice: every screen reloads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.backups.rolling import BackupInfo, available_backups, restore
from slaworkbench.app.changes import EVERYTHING
from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner

PATH_ROLE = Qt.ItemDataRole.UserRole


def _local(moment: dt.datetime) -> str:
    return formatting.date_time(moment.astimezone())


def _newest(instant: int | None) -> str:
    if instant is None:
        return tr("no events")
    return _local(dt.datetime.fromtimestamp(instant, dt.UTC))


class RestoreBackupDialog(QDialog):
    COLUMNS = ("taken", "kind", "tickets", "newest")

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_backup_dialog")
        self.setWindowTitle(tr("Restore a backup"))
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self.confirmation: QMessageBox | None = None
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("backup_table")
        self.table.setHorizontalHeaderLabels(
            [tr("Taken"), tr("Kind"), tr("Tickets"), tr("Newest event")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.status = QLabel(tr("Reading the backups…"), self)
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(tr("Restore…"), self)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._confirm)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        explanation = QLabel(
            tr(
                "Backups are taken before every upgrade of the workspace and once a day while "
                "the window is open. Restoring one replaces the workspace with it; the "
                "workspace as it is now is backed up first, so a restore can be undone."
            ),
            self,
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> None:
        workspace = self._workspace
        self._runner.submit(
            tr("Reading the backups"),
            lambda _context: available_backups(workspace),
            on_success=self._show,
            on_failure=self.status.setText,
            owner=self,
        )

    def _show(self, result: Any) -> None:
        infos: list[BackupInfo] = list(result)
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            cells = (
                _local(info.taken_at),
                info.kind,
                tr("unreadable") if info.tickets is None else self.locale().toString(info.tickets),
                "" if info.tickets is None else _newest(info.newest_event_at),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, info.path)
                self.table.setItem(row, column, item)
        if not infos:
            self.status.setText(tr("There is no backup of this workspace yet."))
        elif self.status.text() == tr("Reading the backups…"):
            self.status.setText(tr("Choose a backup to restore."))

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()))

    def _chosen(self) -> tuple[str, str] | None:
        items = self.table.selectedItems()
        if not items:
            return None
        first = self.table.item(items[0].row(), 0)
        if first is None:
            return None
        return str(first.data(PATH_ROLE)), first.text()

    def _confirm(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        path, taken = chosen
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Restore this backup?"),
            tr(
                "The workspace will be replaced by the backup taken {taken}: every change "
                "made since then will be gone from it. The workspace as it is now is backed "
                "up first, so you can restore it again."
            ).format(taken=taken),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("restore_confirmation")
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Restore"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self._restore(path))
        self.confirmation = box
        box.open()

    def _restore(self, path: str) -> None:
        self.restore_button.setEnabled(False)
        self.status.setText(tr("Restoring…"))
        workspace = self._workspace
        self._runner.submit(
            tr("Restoring a backup"),
            lambda _context: restore(workspace, path),
            writer=True,
            on_success=self._restored,
            on_failure=self._failed,
            owner=self,
        )

    def _restored(self, result: Any) -> None:
        undo: BackupInfo = result
        self._notice.announce(EVERYTHING)
        self.status.setText(
            tr(
                "Restored. The workspace as it was before is the backup taken {taken}; "
                "restore that one to undo."
            ).format(taken=_local(undo.taken_at))
        )
        self.reload()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self._selection_changed()
