"""The Agreements tab: the list of agreements (review overdue flagged), the agreement
editor with its review log, services and outages, CSV imports of survey answers and
outages, goals from current performance, and the customer statement's preview. It
reloads what an announced change touches; a reload after a change keeps the
agreement form's unsaved edits (``AgreementEditor.refresh``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.agreements.reading import (
    AgreementDetail,
    is_overdue,
    load_agreement,
    load_agreements,
    load_choices,
    load_services,
)
from slaworkbench.app.changes import Changes
from slaworkbench.store.agreements.versions import AgreementInfo
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.agreements.agreement_editor import AgreementEditor
from slaworkbench.ui.agreements.csv_import import CsvImportPanel
from slaworkbench.ui.agreements.goals_view import GoalsView
from slaworkbench.ui.agreements.outage_editor import OutageEditor
from slaworkbench.ui.agreements.review_log import ReviewLog
from slaworkbench.ui.agreements.statement_view import StatementView
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner

ID_ROLE = int(Qt.ItemDataRole.UserRole)


class AgreementsPage(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        author: str | Callable[[], str],
        clock: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._clock = clock
        now = clock()
        today = dt.datetime.fromtimestamp(now, dt.UTC).date()
        self._agreements: list[AgreementInfo] = []
        self.agreement_list = QListWidget(self)
        self.agreement_list.setSpacing(3)  # items of two or three lines, told apart
        self.agreement_list.setWordWrap(True)
        self.editor = AgreementEditor(workspace, runner, notice, author=author, today=today)
        self.reviews = ReviewLog(workspace, runner, notice, author=author)
        self.outages = OutageEditor(workspace, runner, notice, now=now)
        self.imports = CsvImportPanel(workspace, runner, notice)
        self.goals = GoalsView(workspace, runner, today=self.today)
        self.statement = StatementView(workspace, runner, clock=clock)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        agreement_tab = QWidget(self)
        agreement_layout = QHBoxLayout(agreement_tab)
        agreement_layout.addWidget(scroll, 3)
        agreement_layout.addWidget(self.reviews, 1)
        self.sections = QTabWidget(self)
        self.sections.addTab(agreement_tab, self.tr("Agreement"))
        self.sections.addTab(self.outages, self.tr("Services and outages"))
        self.sections.addTab(self.imports, self.tr("Survey answers and outage files"))
        self.sections.addTab(self.goals, self.tr("Goals from current performance"))
        self.sections.addTab(self.statement, self.tr("Statement"))
        splitter = QSplitter(self)
        splitter.addWidget(self.agreement_list)
        splitter.addWidget(self.sections)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([320, 1180])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.agreement_list.currentRowChanged.connect(self._agreement_chosen)
        self.editor.saved.connect(self._open_after_save)
        self.editor.reload_requested.connect(self._open_after_save)
        self.reviews.recorded.connect(self._open_after_save)
        notice.changed.connect(self._changes_announced)
        self.reload()

    def today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self._clock(), dt.UTC).date()

    def reload(self, select_id: int | None = None) -> None:
        workspace = self._workspace
        self.goals.reload_choices()
        self.statement.reload_choices()

        def work(_context: TaskContext) -> Any:
            return load_choices(workspace), load_agreements(workspace), load_services(workspace)

        self._runner.submit(
            self.tr("Reading agreements"), work,
            on_success=lambda result: self._show(result, select_id), owner=self,
        )  # fmt: skip

    def _show(self, result: Any, select_id: int | None) -> None:
        choices, agreements, services = result
        self.editor.set_choices(choices)
        self.outages.set_services(services)
        current = self.agreement_list.currentItem()
        keep = select_id if select_id is not None else (
            int(current.data(ID_ROLE)) if current is not None else None
        )  # fmt: skip
        self._agreements = agreements
        self.agreement_list.blockSignals(True)
        self.agreement_list.clear()
        today = self.today()
        row_to_select = -1
        for row, info in enumerate(agreements):
            text = self.tr("{customer} — {name} (v{version})").format(
                customer=info.customer, name=info.name, version=info.version
            )
            status = ""
            if not info.active:
                status = self.tr(" · ended")
            elif is_overdue(info.review_date, today):
                status = self.tr(" · ⚑ review overdue since {date}").format(
                    date=formatting.date(info.review_date) if info.review_date else ""
                )
            # The customer on a line of its own (as the policies list shows a version) and
            # the state on another: a narrow list still shows who each agreement is for
            # and that its review is overdue; the tooltip holds it all on one line.
            lines = [text.replace(" — ", "\n", 1)] + ([status.strip(" ·")] if status else [])
            item = QListWidgetItem("\n".join(lines))
            item.setToolTip(text + status)
            item.setData(ID_ROLE, info.id)
            self.agreement_list.addItem(item)
            if info.id == keep:
                row_to_select = row
        if not agreements:
            # What to do, where the list would be: an empty white column said nothing.
            hint = QListWidgetItem(
                self.tr(
                    "No agreement yet. Fill in the form beside: pick the customer, or type "
                    "the name of a new one, and save."
                )
            )
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.agreement_list.addItem(hint)
        if row_to_select >= 0:
            self.agreement_list.setCurrentRow(row_to_select)
        self.agreement_list.blockSignals(False)
        if row_to_select >= 0:
            self._agreement_chosen(row_to_select, refresh=True)

    def _agreement_chosen(self, row: int, *, refresh: bool = False) -> None:
        """Show the agreement of ``row``: chosen in the list, or (``refresh``) read again
        after a change, which keeps the form's unsaved edits."""
        if not 0 <= row < len(self._agreements):
            return
        agreement_id = self._agreements[row].id
        workspace = self._workspace

        def work(_context: TaskContext) -> AgreementDetail:
            return load_agreement(workspace, agreement_id)

        def show(detail: Any) -> None:
            self._show_detail(detail, refresh=refresh)

        self._runner.submit(self.tr("Reading agreement"), work, on_success=show, owner=self)

    def _show_detail(self, detail: Any, *, refresh: bool) -> None:
        assert isinstance(detail, AgreementDetail)
        if refresh:
            self.editor.refresh(detail)
        else:
            self.editor.show_agreement(detail)
        self.goals.choose_customer(detail.info.customer)
        self.statement.choose_customer(detail.info.customer)
        next_review = detail.info.review_date or self.today()
        self.reviews.show_reviews(detail.info.id, detail.reviews, next_review)

    @Slot(int)
    def _open_after_save(self, agreement_id: int) -> None:
        self.reload(select_id=agreement_id)

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        if changes.external or changes.tickets:
            self.reload()
        elif changes.agreements:
            current = self.agreement_list.currentItem()
            self.reload(int(current.data(ID_ROLE)) if current is not None else None)
