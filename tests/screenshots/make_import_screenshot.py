"""Regenerate docs/screenshots/import_dialog.png: the Import dialog after a check that
found new tickets, tickets already in the workspace and a few rejected rows.

Run: ``make screenshots`` (all of them), or this one alone with
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.make_import_screenshot``
(not collected by pytest: no ``test_`` names here). The event log is made up in the
shape of the BPI Challenge 2013 file, so the shipped ``bpic2013`` preset reads it.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from slaworkbench.app.importing.run import import_event_log
from slaworkbench.ui.importing.dialog import ImportDialog
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import apply_scheme
from tests.support.screenshot_session import OUT, screenshot_session

HEADER = (
    "SR Number,Change Date+Time,Status,Sub Status,SR Latest Impact,Involved ST,Resource,Product"
)
PEOPLE = ("fr-Frederic", "se-Anna", "nl-Pieter", "br-Marcos", "in-Priya", "pl-Kasia")
TEAMS = ("V30", "V5 3rd", "V13 2nd 3rd", "G96", "N17 2nd")
STEPS = (
    ("Queued", "Awaiting Assignment"),
    ("Accepted", "In Progress"),
    ("Accepted", "Wait - User"),
    ("Accepted", "In Progress"),
    ("Completed", "Resolved"),
    ("Completed", "Closed"),
)
BAD_ROWS = (
    "1-364299001,2026-02-30T09:12:00+01:00,Queued,Awaiting Assignment,Medium,V30,se-Anna,PROD582",
    "1-364299002,2026-03-03T10:40:00+01:00,Parked,Somewhere,High,G96,nl-Pieter,PROD97",
    ",2026-03-03T11:05:00+01:00,Queued,Awaiting Assignment,Low,V30,br-Marcos,PROD582",
    "1-364299003,2026-03-03T11:20:00+01:00,Queued,Awaiting Assignment,Critical,V30,in-Priya,PROD4",
    "1-364299004,2026-03-03T11:30:00+01:00,Queued",
)


def event_log(incidents: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    lines = [HEADER]
    for n in range(incidents):
        case = f"1-3642{85768 + n * 37:05d}"
        when = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 5))
        impact = rng.choice(("Medium", "Medium", "Low", "High", "Major"))
        team, person = rng.choice(TEAMS), rng.choice(PEOPLE)
        product = f"PROD{rng.randrange(1, 700)}"
        for status, sub in STEPS[: rng.randrange(2, len(STEPS) + 1)]:
            lines.append(
                f"{case},{when.isoformat()},{status},{sub},{impact},{team},{person},{product}"
            )
            when += dt.timedelta(minutes=rng.randrange(5, 600))
    return lines


def main() -> int:
    with screenshot_session() as (app, ws, folder):
        apply_scheme(app, False)
        lines = event_log(240)
        earlier = folder / "VINST-extract-february.csv"
        earlier.write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
        import_event_log(ws, earlier, "bpic2013")  # an earlier extract: its tickets are skipped
        downloads = folder / "support" / "Downloads"
        downloads.mkdir(parents=True)
        path = downloads / "VINST-extract-march.csv"
        path.write_text("\n".join([*lines, *BAD_ROWS]) + "\n", encoding="utf-8")

        dialog = ImportDialog(ws, TaskRunner(synchronous=True), locale=QLocale())
        dialog.set_file(path)
        dialog.resize(1040, 720)
        dialog.show()
        dialog.check()
        for _ in range(10):
            app.processEvents()
        out = OUT / "import_dialog.png"
        dialog.grab().save(str(out))
        print(out)
        dialog.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
