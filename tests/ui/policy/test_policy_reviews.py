"""The Policies tab flags an active policy past its review date, and its checks name the
tickets of a customer with an agreement that another policy judges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from slaworkbench.app.agreements.editing import save_agreement
from slaworkbench.app.policies.saving import PolicyEdit, save_policy
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Priority
from slaworkbench.ui.agreements.review_notice import announce_overdue_reviews
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.agreements.workspace import JAN_2026, acme_terms, agreement_workspace
from tests.support.policy.editing import click

FEB_1 = JAN_2026 + 31 * 86_400


def test_overdue_reviews_and_tickets_off_their_agreement(qtbot: QtBot, tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    urgent = {
        "name": "Urgent around the clock",
        "conditions": {"priorities": ["urgent"]},
        "targets": {"urgent": {"resolution": 4 * 3600}},
    }
    save_policy(ws, PolicyEdit(None, urgent, "24/7", review_date=dt.date(2026, 1, 15),
                               position=0), author="t", reason="t")  # fmt: skip
    save_agreement(ws, None, acme_terms(), author="t", reason="signed",
                   review_date=dt.date(2026, 1, 20))  # fmt: skip
    ticket = create_ticket(
        ws, NewTicket(subject="Down", customer="Acme", priority=Priority.URGENT),
        author="t", now=JAN_2026,
    )  # fmt: skip
    widget = PolicyWorkspaceWidget(ws, TaskRunner(synchronous=True), notice=ChangeNotice(),
                                   author="ana")  # fmt: skip
    qtbot.addWidget(widget)
    try:
        widget.policy_list.today = lambda: dt.date(2026, 2, 1)
        widget.reload()
        rows = {
            widget.policy_list.list.item(r).text().split("\n")[0]:
            widget.policy_list.list.item(r).text()
            for r in range(widget.policy_list.list.count())
        }  # fmt: skip
        assert "⚑ review overdue since" in rows["Urgent around the clock"]
        assert "overdue" not in rows["Office support"]
        status = QStatusBar()  # what the window shows at start-up, on 1 February
        qtbot.addWidget(status)
        announce_overdue_reviews(TaskRunner(synchronous=True), ws, lambda: FEB_1, status)
        assert status.currentMessage() == (
            "Review overdue: “Acme support 2026”, “Urgent around the clock”."
        )
        click(qtbot, widget.lint.button)
        assert (
            "1 ticket of Acme is judged by another policy than their agreement's "
            f"“Office support”: “Urgent around the clock” (1). For example #{ticket}."
        ) in widget.lint.text.text()
    finally:
        ws.close()
