"""Regenerate docs/screenshots/agreement-editor.png, outage-editor.png, agreement-goals.png
(goals from current performance), statement-preview.png (the statement in the window)
and the first two pages of a customer statement (statement-1.png, statement-2.png) from
a demo workspace.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.make_agreement_screenshots``
(needs ``pdftoppm`` from poppler-utils for the statement pages; not collected by pytest).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from slaworkbench.app.agreements.reading import load_agreement, load_agreements
from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.reports.statement import write_statement
from slaworkbench.ui.agreements.page import AgreementsPage
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from tests.support.screenshot_session import OUT, screenshot_session


def _settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()


def main() -> int:
    with screenshot_session() as (app, ws, folder):
        now = int(time.time())
        generate_demo(ws, tickets=8000, seed=1, now=now)
        page = AgreementsPage(
            ws, TaskRunner(synchronous=True), ChangeNotice(), author="ana", clock=lambda: now
        )
        page.resize(1500, 1000)
        page.show()
        _settle(app)
        agreements = load_agreements(ws)
        own_calendar = [
            i for i, a in enumerate(agreements) if load_agreement(ws, a.id).terms["calendar"]
        ]
        page.agreement_list.setCurrentRow(own_calendar[0])
        _settle(app)
        page.grab().save(str(OUT / "agreement-editor.png"))
        page.sections.setCurrentIndex(1)
        services = page.outages.service_list
        contract = services.findItems("Customer portal", Qt.MatchFlag.MatchStartsWith)
        services.setCurrentItem(contract[0])
        _settle(app)
        linked = [i for i, o in enumerate(page.outages.shown_outages) if o.ticket_ids]
        page.outages.outage_table.selectRow(linked[0] if linked else 0)
        _settle(app)
        page.grab().save(str(OUT / "outage-editor.png"))
        print(OUT / "agreement-editor.png", OUT / "outage-editor.png")
        page.sections.setCurrentWidget(page.goals)
        page.agreement_list.setCurrentRow(0)
        page.goals.period.setCurrentIndex(page.goals.period.findData(3))
        page.goals.show_goals()
        _settle(app)
        page.goals.table.setCurrentCell(0, 6)
        _settle(app)
        page.grab().save(str(OUT / "agreement-goals.png"))
        page.sections.setCurrentWidget(page.statement)
        page.statement.show_statement()
        _settle(app)
        page.grab().save(str(OUT / "statement-preview.png"))
        print(OUT / "agreement-goals.png", OUT / "statement-preview.png")
        today = dt.datetime.fromtimestamp(now, dt.UTC).date()
        first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        statement = build_statement(ws, agreements[0].customer, first, today, now=now)
        pdf = Path(folder) / "statement.pdf"
        write_statement(statement, "pdf", pdf)
        if shutil.which("pdftoppm") is None:
            print("pdftoppm is missing: no statement pages")
            return 1
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf),
                        str(Path(folder) / "page")], check=True)  # fmt: skip
        for number in (1, 2):
            found = sorted(Path(folder).glob(f"page-*{number}.png"))[0]
            target = OUT / f"statement-{number}.png"
            shutil.copy(found, target)
            print(target)
        page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
