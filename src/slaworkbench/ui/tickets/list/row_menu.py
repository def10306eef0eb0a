"""The ticket list's row menu: a right-click on a ticket selects it (the detail pane shows
it, and says how each change went) and offers the changes a lead makes from a queue
without opening the fields: assign it to the agent the window works as, set its priority
or status, copy its reference. Each change is the detail pane's own edit (one write,
undoable, refused when another desk changed the ticket first).

With several tickets selected (Ctrl+click, Shift+click), a right-click on one of them
keeps them all and the same items change every one that is not closed, as one write
(``edits.apply_bulk_edit``: all or nothing, undone as one); the copy takes all their
references, a line each. A team move is the detail pane's: the OLA follows it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QObject, QPoint, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMenu, QTableView

from slaworkbench.app.tickets.edits import FieldValues
from slaworkbench.app.tickets.workbench import ActionKind, BulkAction, TicketAction
from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.domain.model import Priority, Status
from slaworkbench.i18n import tr, trn
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.tickets.list.right_press import RightPress
from slaworkbench.ui.tickets.list.table_model import TicketTableModel

LONG_MENU = 25
"""Agents or teams beyond this many are picked from a list ("Other agent…")."""


def _assignee(name: str) -> FieldValues:
    return FieldValues(assignee=name)


def _team(name: str) -> FieldValues:
    return FieldValues(team=name)


class TicketRowMenu(QObject):
    """Owns the rows' context menu; ``menu`` is the one open (for tests and a11y)."""

    action_requested = Signal(object)
    """A ``TicketAction`` (an edit of the ticket right-clicked)."""
    bulk_requested = Signal(object)
    """A ``BulkAction`` (the same edit of several selected tickets)."""
    export_requested = Signal(object)
    """The ids of the selected tickets to export (a tuple), in the list's order."""

    def __init__(
        self,
        table: QTableView,
        model: TicketTableModel,
        me: Callable[[], str | None],
        teams: Callable[[], Sequence[str]] = tuple,
        agents: Callable[[], Sequence[str]] = tuple,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._me = me
        self._teams = teams
        self._agents = agents
        self.menu: QMenu | None = None
        self._viewport = table.viewport()
        # A right-click selects the row under it and opens the menu at once (the Menu
        # key goes through ``customContextMenuRequested``, on the current row).
        self._right_press = RightPress(table, self._viewport, self._pressed, self._requested)

    def _pressed(self, position: QPoint) -> None:
        index = self._table.indexAt(position)
        if not index.isValid():
            return
        selection = self._table.selectionModel()
        if selection.isRowSelected(index.row()) and len(selection.selectedRows()) > 1:
            # one of several selected: they stay selected, this one is shown
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            self._table.selectRow(index.row())
        self._open(index.row(), position)

    def _requested(self, position: QPoint) -> None:
        if self.menu is not None and self.menu.isVisible():
            return
        index = self._table.indexAt(position)
        if not index.isValid():
            index = self._table.currentIndex()
            position = self._table.visualRect(index).center()
        if index.isValid():
            self._open(index.row(), position)

    def build_menu(self, row: TicketRow, others: Sequence[TicketRow] = ()) -> QMenu:
        """The menu for ``row``, or for it and ``others`` (the rest of the selection:
        closed tickets left out of the changes, every one copied and exported)."""
        rows = [row, *others]
        several = bool(others)
        targets = [r for r in rows if r.status is not Status.CLOSED] if several else rows
        count = len(targets)

        def change(fields: FieldValues) -> None:
            if several:
                self._bulk(targets, fields)
            else:
                self._edit(row, fields)

        def ticked(value_of: Callable[[TicketRow], object], value: object) -> bool:
            """Every ticket changed has ``value`` already (ticked and shut); mixed: none."""
            return bool(targets) and all(value_of(r) == value for r in targets)

        menu = QMenu(self._table)
        menu.setObjectName("ticket_row_menu")
        me = self._me()
        if several:
            text = trn(
                "Assign {n} ticket to me ({name})", "Assign {n} tickets to me ({name})", count
            ).format(n=count, name=me) if me else trn(
                "Assign {n} ticket to me", "Assign {n} tickets to me", count
            ).format(n=count)  # fmt: skip
        else:
            text = tr("Assign to me ({name})").format(name=me) if me else tr("Assign to me")
        assign = menu.addAction(text)
        assign.setObjectName("assign_to_me")
        assign.setEnabled(bool(me) and any(r.assignee != me for r in targets))
        if not me:
            assign.setToolTip(tr("Choose who you are working as in the toolbar first"))
        assign.triggered.connect(lambda: change(FieldValues(assignee=me or "")))
        self._add_choices(
            menu,
            {name: ticked(lambda r: r.assignee or "", name) for name in ("", *self._agents())},
            {p: ticked(lambda r: r.priority, p) for p in Priority},
            {s: ticked(lambda r: r.status, s) for s in Status},
            {t: ticked(lambda r: r.team, t) for t in self._teams()},
            change,
            enabled=bool(targets),
        )
        if left_out := len(rows) - count:
            note = menu.addAction(
                trn(
                    "{n} closed ticket is left out",
                    "{n} closed tickets are left out",
                    left_out,
                ).format(n=left_out)
            )
            note.setObjectName("closed_left_out")
            note.setEnabled(False)
        menu.addSeparator()
        copy = menu.addAction(
            trn("Copy {n} reference", "Copy {n} references", len(rows)).format(n=len(rows))
            if several
            else tr("Copy {reference}").format(reference=row.reference)
        )
        copy.setObjectName("copy_reference")
        text = "\n".join(r.reference for r in rows)
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(text))
        if several:
            export = menu.addAction(
                trn("Export {n} ticket…", "Export {n} tickets…", len(rows)).format(n=len(rows))
            )
            export.setObjectName("export_selected")
            ids = tuple(r.id for r in rows)
            export.triggered.connect(lambda: self.export_requested.emit(ids))
        return menu

    def _add_choices(
        self,
        menu: QMenu,
        assignees: dict[str, bool],
        priorities: dict[Priority, bool],
        statuses: dict[Status, bool],
        teams: dict[str, bool],
        chosen: Callable[[FieldValues], None],
        *,
        enabled: bool = True,
    ) -> None:
        """The Assign to, Priority, Status and Team submenus (Assign to lists "Unassigned"
        then the agents; Team shows when the workspace has teams: a move to another team,
        which its OLA follows); ``True`` marks the value the ticket(s) have."""
        submenus = [
            (
                tr("Assign to"),
                "assign_menu",
                [
                    (name or tr("Unassigned"), has, FieldValues(assignee=name))
                    for name, has in assignees.items()
                ],
            ),
            (
                tr("Priority"),
                "priority_menu",
                [
                    (priority_label(p), has, FieldValues(priority=p))
                    for p, has in priorities.items()
                ],
            ),
            (
                tr("Status"),
                "status_menu",
                [(status_label(s), has, FieldValues(status=s)) for s, has in statuses.items()],
            ),
        ]
        if teams:
            submenus.append(
                (
                    tr("Team"),
                    "team_menu",
                    [(team, has, FieldValues(team=team)) for team, has in teams.items()],
                )
            )
        others = {
            "assign_menu": (tr("Other agent…"), tr("Agent:"), _assignee),
            "team_menu": (tr("Other team…"), tr("Team:"), _team),
        }
        for title, name, choices in submenus:
            submenu = menu.addMenu(title)
            submenu.menuAction().setObjectName(name)
            submenu.setEnabled(enabled)
            rest: list[str] = []
            if name in others and len(choices) > LONG_MENU:
                # Thousands of agents (an imported log names every person who touched a
                # case) made a menu taller than any screen: the values the tickets have
                # and "Unassigned" stay, the others are picked from a list.
                kept = [c for c in choices if c[1] or c[2] in (_assignee(""), _team(""))]
                rest = [
                    text for text, current, fields in choices if (text, current, fields) not in kept
                ]
                choices = kept
            for text, current, fields in choices:
                self._choice(submenu, text, current, lambda _checked=False, f=fields: chosen(f))
            if rest:
                label, prompt, make = others[name]
                other = submenu.addAction(label)
                other.setObjectName(name.replace("_menu", "_other"))
                other.triggered.connect(
                    lambda _checked=False, t=title, p=prompt, r=rest, m=make: self._pick_other(
                        t, p, r, lambda value: chosen(m(value))
                    )
                )

    def _pick_other(
        self, title: str, prompt: str, names: list[str], chosen: Callable[[str], None]
    ) -> None:
        """One of ``names`` from a list (typing its first letters finds it)."""
        name, ok = QInputDialog.getItem(self._table, title, prompt, names, 0, False)
        if ok and name in names:
            chosen(name)

    @staticmethod
    def _choice(menu: QMenu, text: str, current: bool, chosen: Callable[..., None]) -> None:
        group = menu.findChild(QActionGroup) or QActionGroup(menu)  # one of: radio marks
        action = QAction(text, menu)
        action.setCheckable(True)
        group.addAction(action)
        action.setChecked(current)
        action.setEnabled(not current)
        action.triggered.connect(chosen)
        menu.addAction(action)

    def _edit(self, row: TicketRow, fields: FieldValues) -> None:
        self.action_requested.emit(
            TicketAction(ActionKind.EDIT, row.id, row.version, fields=fields)
        )

    def _bulk(self, rows: Sequence[TicketRow], fields: FieldValues) -> None:
        self.bulk_requested.emit(BulkAction(tuple((row.id, row.version) for row in rows), fields))

    def _open(self, position_row: int, position: QPoint) -> None:
        row = self._model.row_at(position_row)
        if row is None:  # a row not loaded yet
            return
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        others = []
        if self._table.selectionModel().isRowSelected(position_row):
            positions = sorted(i.row() for i in self._table.selectionModel().selectedRows())
            others = [
                other
                for p in positions
                if p != position_row and (other := self._model.row_at(p)) is not None
            ]
        self.menu = self.build_menu(row, others)
        self.menu.popup(self._viewport.mapToGlobal(position))
