"""The Import dialog's inputs: the file, its kind and, for an event log, the preset."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.importing.preview import (
    ImportKind,
    ImportRequest,
    load_import_preset,
    ticket_csv_columns,
)
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError
from slaworkbench.ui.policy.common import ErrorLabel, HintLabel

FOLDER_KEY = "import/folder"
KIND_KEY = "import/kind"
PRESET_KEY = "import/preset"


class ImportSourcePicker(QWidget):
    """Builds an ``ImportRequest``; a bad preset is named here, before any file is read."""

    changed = Signal()
    """The file, the kind or the preset changed."""

    def __init__(
        self,
        presets: list[str],
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._preset_index = 0
        self._preset_ok = False

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(tr("A .csv or .csv.gz file"))
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.textChanged.connect(self.changed)
        self.browse_button = QPushButton(tr("Choose…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)

        self.event_log_radio = QRadioButton(tr("Event log, one row per change, read with preset"))
        self.ticket_csv_radio = QRadioButton(tr("Ticket table, one row per ticket"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.event_log_radio)
        self.kind_group.addButton(self.ticket_csv_radio)
        self.event_log_radio.setChecked(True)
        self.preset_combo = QComboBox()
        self.preset_combo.setMinimumContentsLength(14)
        self.preset_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for name in presets:
            self.preset_combo.addItem(name, name)
        self.preset_combo.insertSeparator(self.preset_combo.count())
        self.preset_combo.addItem(tr("Other preset file…"), None)
        event_row = QHBoxLayout()
        event_row.addWidget(self.event_log_radio)
        event_row.addWidget(self.preset_combo)
        event_row.addStretch(1)
        self.columns_hint = HintLabel()
        self.columns_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = ErrorLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        kind_box = QVBoxLayout()
        kind_box.setSpacing(4)
        kind_box.addLayout(event_row)
        kind_box.addWidget(self.ticket_csv_radio)
        kind_box.addWidget(self.columns_hint)
        kind_box.addWidget(self.problem)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("File"), file_row)
        form.addRow(tr("Contents"), kind_box)

        self._restore()
        self._describe_columns()
        self.kind_group.buttonToggled.connect(self._kind_toggled)
        self.preset_combo.currentIndexChanged.connect(self._preset_chosen)

    # -- what was chosen ----------------------------------------------------------------

    def kind(self) -> ImportKind:
        if self.ticket_csv_radio.isChecked():
            return ImportKind.TICKET_CSV
        return ImportKind.EVENT_LOG

    def preset(self) -> str | None:
        data = self.preset_combo.currentData()
        return data if isinstance(data, str) else None

    def request(self) -> ImportRequest | None:
        """The request to run, or None while something is missing or wrong."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        if self.kind() is ImportKind.TICKET_CSV:
            return ImportRequest(Path(text), ImportKind.TICKET_CSV)
        preset = self.preset()
        if preset is None or not self._preset_ok:
            return None
        return ImportRequest(Path(text), ImportKind.EVENT_LOG, preset)

    # -- choosing --------------------------------------------------------------------------

    def set_file(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def set_kind(self, kind: ImportKind) -> None:
        radio = self.ticket_csv_radio if kind is ImportKind.TICKET_CSV else self.event_log_radio
        radio.setChecked(True)

    def set_preset(self, name_or_path: str | Path) -> None:
        """Select a shipped preset by name, or add (once) and select a preset file."""
        key = str(name_or_path)
        self.preset_combo.blockSignals(True)
        index = self.preset_combo.findData(key)
        if index < 0:
            index = self.preset_combo.count() - 2  # above the separator
            self.preset_combo.insertItem(index, Path(key).name, key)
            self.preset_combo.setItemData(index, key, Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setCurrentIndex(index)
        self.preset_combo.blockSignals(False)
        self._preset_index = index
        self._describe_columns()
        self.changed.emit()

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            tr("Choose the file to import"),
            self._start_folder(),
            tr("CSV files (*.csv *.csv.gz);;All files (*)"),
        )
        if chosen:
            self._remember(FOLDER_KEY, str(Path(chosen).parent))
            self.set_file(chosen)

    def remember(self, request: ImportRequest) -> None:
        """Keep the kind and preset of a file that was checked, for the next time."""
        self._remember(KIND_KEY, request.kind.value)
        if request.preset is not None:
            self._remember(PRESET_KEY, request.preset)

    # -- reactions -------------------------------------------------------------------------

    def _preset_chosen(self, index: int) -> None:
        if index == self.preset_combo.count() - 1:  # "Other preset file…"
            chosen, _ = QFileDialog.getOpenFileName(
                self, tr("Choose a preset file"), self._start_folder(), tr("Presets (*.json)")
            )
            self.preset_combo.blockSignals(True)
            self.preset_combo.setCurrentIndex(self._preset_index)
            self.preset_combo.blockSignals(False)
            if chosen:
                self.set_preset(chosen)
            return
        self._preset_index = index
        self._describe_columns()
        self.changed.emit()

    def _kind_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._describe_columns()
            self.changed.emit()

    def _describe_columns(self) -> None:
        """Name the columns the chosen kind needs, and a bad preset at once."""
        self.preset_combo.setEnabled(self.kind() is ImportKind.EVENT_LOG)
        self.problem.show_error(None)
        if self.kind() is ImportKind.TICKET_CSV:
            required, optional = ticket_csv_columns()
            self.columns_hint.setText(
                tr("Needs the columns {required}; may also have {optional}.").format(
                    required=", ".join(required), optional=", ".join(optional)
                )
            )
            return
        preset, self._preset_ok = self.preset(), False
        self.columns_hint.clear()
        if preset is None:
            return
        try:
            mapping = load_import_preset(preset)
        except StoreError as error:
            self.problem.show_error(str(error))
            return
        self._preset_ok = True
        self.columns_hint.setText(
            tr("Preset {name} reads the columns {columns}.").format(
                name=mapping.name, columns=", ".join(dict.fromkeys(mapping.required_columns()))
            )
        )

    # -- settings --------------------------------------------------------------------------

    def _start_folder(self) -> str:
        current = self.path_edit.text().strip()
        if current and Path(current).parent.is_dir():
            return str(Path(current).parent)
        if self._settings is not None:
            return str(self._settings.value(FOLDER_KEY, "") or "")
        return ""

    def _restore(self) -> None:
        if self._settings is None:
            return
        preset = str(self._settings.value(PRESET_KEY, "") or "")
        if preset and (self.preset_combo.findData(preset) >= 0 or Path(preset).is_file()):
            self.set_preset(preset)
        if self._settings.value(KIND_KEY, "") == ImportKind.TICKET_CSV.value:
            self.set_kind(ImportKind.TICKET_CSV)

    def _remember(self, key: str, value: str) -> None:
        if self._settings is not None:
            self._settings.setValue(key, value)
