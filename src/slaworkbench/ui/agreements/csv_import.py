"""Import survey answers or outages from a CSV file: all or nothing, the problems listed
with their line and column when the file is refused (``app.agreements.csv_files``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.agreements.csv_files import (
    OUTAGE_COLUMNS,
    SURVEY_COLUMNS,
    CsvImported,
    CsvRefused,
    import_outage_csv,
    import_survey_csv,
)
from slaworkbench.app.permissions import Role, may
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.tasks import TaskContext, TaskRunner, UserFacingError


class CsvImportPanel(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self.survey_button = QPushButton(self.tr("Import survey answers…"), self)
        self.outage_button = QPushButton(self.tr("Import outages…"), self)
        if not may(workspace, Role.MANAGER):  # the services refuse it too
            self.outage_button.setEnabled(False)
            self.outage_button.setToolTip(self.tr("Only a manager may import outages"))
        self.help = QLabel(
            self.tr(
                "Survey answers: columns {survey}.\nOutages: columns {outages}.\n"
                "A file with a bad row is refused whole; nothing is written."
            ).format(survey=", ".join(SURVEY_COLUMNS), outages=", ".join(OUTAGE_COLUMNS)),
            self,
        )
        self.help.setWordWrap(True)
        self.result = QLabel(self)
        self.error = ErrorLabel(self)
        self.problems = QListWidget(self)
        self.problems.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.survey_button)
        buttons.addWidget(self.outage_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.help)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addWidget(self.problems, 1)
        # while no problem is listed, the texts stay under the buttons (the space below is
        # empty), not spread down the page
        layout.addStretch(1)
        self._layout = layout
        self.survey_button.clicked.connect(lambda: self._choose("survey"))
        self.outage_button.clicked.connect(lambda: self._choose("outage"))

    def _choose(self, kind: str) -> None:
        title = self.tr("Survey answers") if kind == "survey" else self.tr("Outages")
        path, _ = QFileDialog.getOpenFileName(
            self, title, "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.import_file(kind, Path(path))

    def import_file(self, kind: str, path: Path) -> None:
        workspace = self._workspace
        importer = import_survey_csv if kind == "survey" else import_outage_csv

        def work(_context: TaskContext) -> CsvImported | CsvRefused:
            try:
                return importer(workspace, path)
            except CsvRefused as refused:
                return refused
            except (OSError, UnicodeDecodeError) as error:
                raise UserFacingError(
                    self.tr("{path} could not be read: {reason}").format(path=path, reason=error)
                ) from error

        self.result.clear()
        self.error.show_error(None)
        self.problems.clear()
        self._list_problems(False)
        self._runner.submit(
            self.tr("Importing {name}").format(name=path.name), work, writer=True,
            on_success=self._done, on_failure=self.error.show_error, owner=self,
        )  # fmt: skip

    def _done(self, outcome: Any) -> None:
        if isinstance(outcome, CsvRefused):
            self.error.show_error(str(outcome))
            for problem in outcome.problems:
                self.problems.addItem(str(problem))
            self._list_problems(True)
            return
        assert isinstance(outcome, CsvImported)
        self.result.setText(
            self.tr("Imported {count} rows.").format(count=formatting.count(outcome.rows))
        )
        self._notice.announce(outcome.changes)

    def _list_problems(self, shown: bool) -> None:
        """The problems' list takes the page's height when shown; else the space below
        the texts stays empty."""
        self.problems.setVisible(shown)
        self._layout.setStretch(self._layout.count() - 1, 0 if shown else 1)
