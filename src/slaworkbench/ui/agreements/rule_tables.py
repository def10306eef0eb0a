"""The agreement editor's rules as tables: goals, availability commitments and the two
kinds of credit, one rule a row, each field a box of its kind.

They were boxes of text in a few English words (``first_response high 95%``, ``urgent
resolution 50 cap 200``): a manager had to learn the words, in Portuguese too, and a
decimal comma was refused. Here a metric and a priority are picked by their names in
the user's language, numbers are typed as the locale writes them, and what the rows say
is the JSON form of ``domain.agreement.spec``, as the text boxes gave it.

A service's credit tiers are one field of the row, ``99,9% = 10%; 99% = 25%`` (the
numbers as the locale writes them; a dot is read as well): a rule of its own would
part the tiers from their service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError

ANY = ""
"""A priority box's "any priority" (the rule holds for every priority)."""
AMOUNT, PERCENT = "amount", "percent"
"""A ticket credit's unit: an amount in the fee's currency, or a share of the fee."""


@dataclass(frozen=True)
class Column:
    """One field of a rule: its key in the rule's JSON form, its title and its kind
    (``metric``, ``priority``, ``any_priority``, ``percent``, ``amount``, ``cap``,
    ``unit``, ``text``, ``tiers``)."""

    key: str
    title: str
    kind: str
    decimals: int = 2
    hint: str = ""
    """The title's tooltip, where the title alone does not say it all."""


def _columns(kind: str) -> list[Column]:
    if kind == "goals":
        return [
            Column("metric", tr("Metric"), "metric"),
            Column("priority", tr("Priority"), "any_priority"),
            Column("goal", tr("Goal"), "percent"),
        ]
    if kind == "services":
        return [
            Column("service", tr("Service"), "text"),
            Column("target", tr("Availability target"), "percent", 3),
            Column("tiers", tr("Credit below it"), "tiers"),
        ]
    if kind == "ticket_credits":
        return [
            Column("priority", tr("Priority"), "priority"),
            Column("metric", tr("Metric"), "metric"),
            Column("credit", tr("Credit"), "amount"),
            Column("unit", tr("Unit"), "unit"),
            Column("cap", tr("Monthly cap"), "cap"),
        ]
    return [
        Column("metric", tr("Metric"), "metric"),
        Column("priority", tr("Priority"), "any_priority"),
        Column("goal", tr("Goal"), "percent"),
        Column("credit", tr("Credit"), "percent", hint=tr("A share of the monthly fee")),
    ]


KINDS = ("goals", "services", "ticket_credits", "compliance_credits")


def title(kind: str) -> str:
    """A table's title, as the form and its refusals name it (in the user's language)."""
    return {
        "goals": tr("Compliance goals"),
        "services": tr("Availability commitments"),
        "ticket_credits": tr("Credit per breached ticket"),
        "compliance_credits": tr("Credit when compliance is low"),
    }[kind]


def read_tiers(text: str) -> list[dict[str, float]]:
    """``99,9% = 10%; 99% = 25%`` → ``[{"below": 99.9, "credit": 10}, …]``
    (``ValueError`` with a sentence when a tier cannot be read)."""
    tiers = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        below, equals, credit = part.partition("=")
        try:
            if not equals:
                raise ValueError
            tiers.append(
                {"below": formatting.read_number(below), "credit": formatting.read_number(credit)}
            )
        except ValueError:
            raise ValueError(
                tr("write each tier as “availability below = credit”, e.g. {example}.").format(
                    example=write_tiers([{"below": 99.9, "credit": 10}])
                )
            ) from None
    return tiers


def write_tiers(tiers: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{formatting.decimal(float(t['below']))}% = {formatting.decimal(float(t['credit']))}%"
        for t in tiers
    )


class RuleTable(QWidget):
    """The rules of one kind (``goals``, ``services``, ``ticket_credits``,
    ``compliance_credits``): a table whose rows are the rules, with Add and Remove."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = _columns(kind)
        self._currency = ""
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setAccessibleName(title(kind))
        self.table.setHorizontalHeaderLabels([column.title for column in self.columns])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, column in enumerate(self.columns):
            if column.hint:
                item = self.table.horizontalHeaderItem(number)
                if item is not None:
                    item.setToolTip(column.hint)
        row_height = self.fontMetrics().height() + 14
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setMinimumHeight(header.sizeHint().height() + 2 * row_height + 4)
        self.table.setMaximumHeight(header.sizeHint().height() + 3 * row_height + 4)
        self.add_button = QPushButton(tr("Add"), self)
        self.add_button.setAccessibleName(tr("Add a rule to {table}").format(table=title(kind)))
        self.remove_button = QPushButton(tr("Remove"), self)
        self.remove_button.setAccessibleName(
            tr("Remove the selected rule of {table}").format(table=title(kind))
        )
        self.remove_button.setEnabled(False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.currentCellChanged.connect(lambda *_: self._selection_changed())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the table's width among the columns as their titles and fields need it
        (a column of names gets more than one of percentages; in Portuguese "Qualquer
        prioridade" was cut in equal columns)."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        wanted = []
        for number, column in enumerate(self.columns):
            need = metrics.horizontalAdvance(column.title) + 24
            for row in range(self.table.rowCount()):
                field = self.table.cellWidget(row, number)
                if field is not None:
                    need = max(need, field.sizeHint().width())
            if column.kind in ("text", "tiers"):
                need = max(need, 16 * metrics.horizontalAdvance("0"))
            wanted.append(need)
        room = self.table.viewport().width()
        total = sum(wanted) or 1
        widths = [max(40, room * need // total) for need in wanted]
        widths[-1] += room - sum(widths)  # the rounding's pixels to the last
        for number, width in enumerate(widths):
            header.resizeSection(number, max(40, width))

    # -- rows -------------------------------------------------------------------------

    def _field(self, column: Column) -> QWidget:
        widget: QWidget
        if column.kind in ("metric", "priority", "any_priority", "unit"):
            box = QComboBox(self)
            if column.kind == "metric":
                for metric in Metric:
                    box.addItem(metric_label(metric), metric.value)
            elif column.kind == "unit":
                box.addItem(self._currency or tr("in the fee's currency"), AMOUNT)
                box.addItem(tr("% of the fee"), PERCENT)
            else:
                if column.kind == "any_priority":
                    box.addItem(tr("Any priority"), ANY)
                for priority in Priority:
                    box.addItem(priority_label(priority), priority.value)
            widget = box
        elif column.kind in ("percent", "amount", "cap"):
            spin = QDoubleSpinBox(self)
            spin.setDecimals(column.decimals)
            spin.setRange(0, 100 if column.kind == "percent" else 1_000_000_000)
            if column.kind == "percent":
                spin.setSuffix(formatting.percent_suffix())
            if column.kind == "cap":
                spin.setSpecialValueText(tr("no cap"))  # 0: the credits are not capped
            widget = spin
        else:
            line = QLineEdit(self)
            if column.kind == "tiers":
                line.setPlaceholderText(write_tiers([{"below": 99.9, "credit": 10}]))
                line.setToolTip(
                    tr(
                        "The credit owed when a month's availability is below a level, "
                        "as “below = credit”, several separated by “;”: {example}"
                    ).format(
                        example=write_tiers(
                            [{"below": 99.9, "credit": 10}, {"below": 99, "credit": 25}]
                        )
                    )
                )
            else:
                line.setPlaceholderText(tr("e.g. Customer portal"))
            widget = line
        widget.setAccessibleName(column.title)
        return widget

    def set_currency(self, code: str) -> None:
        """Name the fee's currency (``EUR``) as the unit of a credit given as an amount."""
        self._currency = code.strip()
        for row in range(self.table.rowCount()):
            for number, column in enumerate(self.columns):
                field = self.table.cellWidget(row, number)
                if column.kind == "unit" and isinstance(field, QComboBox):
                    field.setItemText(0, self._currency or tr("in the fee's currency"))

    def _add_row(self, rule: dict[str, Any] | None = None) -> int:
        """A row for ``rule`` (a new rule's defaults without one); returns its row. The
        caller shares the columns' widths again (``_fit_columns``) once it has added."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        for number, column in enumerate(self.columns):
            field = self._field(column)
            self._set_value(field, column, rule)
            self.table.setCellWidget(row, number, field)
        return row

    def _set_value(self, field: QWidget, column: Column, rule: dict[str, Any] | None) -> None:
        value = None if rule is None else rule.get(column.key)
        if column.kind == "unit" and rule is not None:
            value = PERCENT if rule.get("percent") is not None else AMOUNT
        if column.kind == "amount" and rule is not None:
            value = rule.get("percent") if rule.get("percent") is not None else rule.get("amount")
        if isinstance(field, QComboBox):
            index = field.findData(value if value is not None else ANY)
            field.setCurrentIndex(max(0, index))
        elif isinstance(field, QDoubleSpinBox):
            field.setValue(float(value or 0))
        elif isinstance(field, QLineEdit):
            field.setText(write_tiers(value or []) if column.kind == "tiers" else str(value or ""))

    def set_rules(self, rules: list[dict[str, Any]]) -> None:
        """Show ``rules`` (the JSON form), one a row."""
        self.table.setRowCount(0)
        for rule in rules:
            self._add_row(rule)
        self._fit_columns()  # once for all the rows
        self._selection_changed()

    def clear(self) -> None:
        self.set_rules([])

    def _add_clicked(self) -> None:
        row = self._add_row()
        self._fit_columns()
        self.table.setCurrentCell(row, 0)
        field = self.table.cellWidget(row, 0)
        if field is not None:
            field.setFocus()

    def _remove_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(0 <= self.table.currentRow() < self.table.rowCount())

    # -- reading ----------------------------------------------------------------------

    def state(self) -> tuple[tuple[object, ...], ...]:
        """What the rows show, as plain values (for "unsaved edits?")."""
        return tuple(
            tuple(self._raw(self.table.cellWidget(row, c)) for c in range(len(self.columns)))
            for row in range(self.table.rowCount())
        )

    @staticmethod
    def _raw(field: QWidget | None) -> object:
        if isinstance(field, QComboBox):
            return field.currentData()
        if isinstance(field, QDoubleSpinBox):
            return field.value()
        if isinstance(field, QLineEdit):
            return field.text()
        return None

    def rules(self) -> list[dict[str, Any]]:
        """The rules in the JSON form; ``ValidationError`` naming the table and the row
        when one cannot be read."""
        rules = []
        for row in range(self.table.rowCount()):
            values = {
                column.key: self._raw(self.table.cellWidget(row, number))
                for number, column in enumerate(self.columns)
            }
            try:
                rules.append(self._rule(values))
            except ValueError as error:
                raise ValidationError(
                    tr("{box}, row {row}: {problem}").format(
                        box=title(self.kind), row=row + 1, problem=error
                    )
                ) from error
        return rules

    def _rule(self, values: dict[str, Any]) -> dict[str, Any]:
        if self.kind == "goals":
            return {
                "metric": values["metric"],
                "priority": values["priority"] or None,
                "goal": values["goal"],
            }
        if self.kind == "services":
            name = str(values["service"]).strip()
            if not name:
                raise ValueError(tr("name the service."))
            return {
                "service": name,
                "target": values["target"],
                "tiers": read_tiers(values["tiers"]),
            }
        if self.kind in ("ticket_credits", "compliance_credits") and not values["credit"]:
            raise ValueError(tr("give the credit, above 0 (or remove the row)."))
        if self.kind == "ticket_credits":
            percent = values["unit"] == PERCENT
            return {
                "priority": values["priority"],
                "metric": values["metric"],
                "amount": None if percent else values["credit"],
                "percent": values["credit"] if percent else None,
                "cap": values["cap"] or None,
            }
        return {
            "metric": values["metric"],
            "priority": values["priority"] or None,
            "goal": values["goal"],
            "credit": values["credit"],
        }
