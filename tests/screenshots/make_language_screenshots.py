"""Regenerate docs/screenshots/{main_window,policy_editor,agreement_editor,report_page}_
{pt_PT,pt_BR}.png: the window, the policy editor, the agreement editor and the first page
of a compliance report PDF (rendered with pdftoppm) in Portuguese (Portugal) and
Portuguese (Brazil), from a demo workspace.

Run: ``make screenshots`` (all of them), or this one alone with
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.make_language_screenshots``
(needs pdftoppm, from poppler-utils, for the report page).
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

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.reports.output import write_report
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import Theme, apply_scheme
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.screenshot_session import OUT, screenshot_session
from tests.support.window_language import window_language

LANGUAGES = ("pt_PT", "pt_BR")


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot_window(app: QApplication, ws, now: int, code: str, folder: Path) -> list[Path]:
    apply_scheme(app, False)
    window = MainWindow(
        ws,
        TaskRunner(synchronous=True),
        clock=lambda: now,
        theme=Theme(dark=False),
        settings=QSettings(str(folder / f"{code}.ini"), QSettings.Format.IniFormat),
        watch_interval_ms=3_600_000,
        tray=False,
    )
    window.resize(1600, 950)
    window.show()
    window.tickets.splitter.setSizes([170, 900, 530])
    settle(app)
    window.tickets.table.selectRow(0)
    settle(app)
    shots = [
        OUT / f"main_window_{code}.png",
        OUT / f"policy_editor_{code}.png",
        OUT / f"agreement_editor_{code}.png",
    ]
    window.grab().save(str(shots[0]))
    window.show_tab(2)
    settle(app)
    window.grab().save(str(shots[1]))
    window.show_tab(3)
    settle(app)
    agreements = window.agreements
    agreements.agreement_list.setCurrentRow(agreements.agreement_list.count() - 1)
    settle(app)
    window.grab().save(str(shots[2]))
    window.shutdown()
    window.close()
    window.deleteLater()
    app.processEvents()
    return shots


def shoot_report(ws, now: int, code: str, folder: Path) -> Path:
    today = dt.datetime.fromtimestamp(now, dt.UTC).date()
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    filters = Filters(first - dt.timedelta(days=62), today, tz="Europe/Lisbon")
    data = build_report(ws, ReportOptions(filters), workspace="Demo", now=now)
    pdf = folder / f"report-{code}.pdf"
    write_report(data, "pdf", pdf, code)
    target = OUT / f"report_page_{code}.png"
    stem = folder / f"page-{code}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    shutil.move(f"{stem}.png", target)
    return target


def main() -> int:
    with screenshot_session() as (app, ws, folder):
        now = int(time.time())
        generate_demo(ws, tickets=1500, seed=1, now=now)
        for code in LANGUAGES:
            with window_language(app, code):
                for path in shoot_window(app, ws, now, code, folder):
                    print(path)
                if shutil.which("pdftoppm"):
                    print(shoot_report(ws, now, code, folder))
                else:
                    print("pdftoppm not found: no report page", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
