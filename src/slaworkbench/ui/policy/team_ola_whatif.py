"""What-if for a team's OLA draft: which of the team's OLA cycles would change verdict
under the draft (``app.ola.whatif``), told apart by when a change would show: an
unfinished cycle at the save, a stopped one only at a re-baseline (it keeps the verdict
it was stored with). Nothing is written."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.ola.whatif import OlaFlip, OlaWhatIf, verdict_label
from slaworkbench.i18n import tr, trn
from slaworkbench.ui.policy.common import HintLabel
from slaworkbench.ui.record_table_model import RecordTableModel
from slaworkbench.ui.tickets.detail.explanation_view import local_text


class OlaFlipTableModel(RecordTableModel[OlaFlip]):
    """The team's cycles whose verdict flips under the draft."""

    COL_TICKET, COL_SUBJECT, COL_STARTED, COL_BEFORE, COL_AFTER, COL_WHEN = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                tr("Ticket"),
                tr("Subject"),
                tr("With the team since"),
                tr("Now"),
                tr("With the draft"),
                tr("Changes"),
            ],
            parent,
        )

    def text(self, record: OlaFlip, column: int) -> str:
        return [
            record.reference,
            record.subject,
            local_text(record.started_at),
            verdict_label(record.before),
            verdict_label(record.after),
            tr("only at a re-baseline (stopped: keeps its verdict)")
            if record.kept_until_rebaseline
            else tr("at the save"),
        ][column]

    def sort_key(self, record: OlaFlip, column: int) -> object:
        if column == self.COL_STARTED:
            return record.started_at
        return super().sort_key(record, column)


class OlaWhatIfDialog(QDialog):
    """The outcome of one replay of a team's OLA draft."""

    def __init__(self, result: OlaWhatIf, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What if — OLA of {team}").format(team=result.team))
        self.outcome = result
        kept = len(result.flips) - result.open_flips
        self.summary = QLabel(
            trn(
                "{n} of the team's cycles would change verdict",
                "{n} of the team's cycles would change verdict",
                len(result.flips),
            )
            + " "
            + tr(
                "({cycles} cycles in {tickets} tickets replayed): {open} at the save, "
                "{kept} only at a re-baseline."
            ).format(
                cycles=result.cycles, tickets=result.tickets, open=result.open_flips, kept=kept
            )
        )
        self.summary.setWordWrap(True)
        self.flips = OlaFlipTableModel(self)
        self.flips.set_rows(result.flips)
        self.view = QTableView()
        self.view.setModel(self.flips)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        # Every column but the subject as wide as its header and texts (the subject takes
        # what is left), so no header is cut at the dialog's first size.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OlaFlipTableModel.COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(
            HintLabel(
                self.tr(
                    "Both evaluated now, under the saved terms and the draft. A save "
                    "re-judges the cycles still running; a stopped cycle keeps the verdict "
                    "it was stored with until a re-baseline (Tools › Re-baseline). Nothing "
                    "is saved."
                )
            )
        )
        layout.addWidget(buttons)
        self.resize(900, 500)
