"""The lint check finds user-visible text outside tr() in ui/, reports/ and cli/, and passes
the program as it is."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tools.i18n import check_literals

MODULE = """
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from slaworkbench.i18n import tr, trn

def build(parent, label, n, log):
    label.setText("Tickets breached today")
    label.setToolTip(f"{n} tickets left")
    QPushButton("Save", parent)
    QMessageBox.warning(parent, tr("Warning"), "Nothing was " + "saved")
    parent.tr("Asked of the parent")
    # Allowed: translated, keys and styles, symbols, format-only text, a logger, a waiver.
    label.setText(tr("Tickets breached today"))
    label.setText(trn("{n} ticket", "{n} tickets", n))
    label.setText("—")
    label.setText("{start} – {end}".format(start=1, end=2))
    parent.addItem(tr("Team"), "team")
    log.warning("Daily backup failed: %s", n)
    label.setText("Português (Brasil)")  # i18n: not words

def period_label(day):
    return "Last month" if day else tr("This month")
"""


def test_the_check_finds_each_untranslated_string(tmp_path: Path) -> None:
    module = tmp_path / "untranslated.py"
    module.write_text(textwrap.dedent(MODULE), encoding="utf-8")
    found = [(f.line, f.text) for f in check_literals.check_file(module)]
    assert found == [
        (6, "Tickets breached today"),
        (7, " tickets left"),
        (8, "Save"),
        (9, "Nothing was "),  # (its lower-case "saved" alone would pass as a key)
        (10, "parent"),
        (21, "Last month"),
    ]


COMMAND = """
import argparse
import sys
from slaworkbench.i18n import tr

def build(count):
    parser = argparse.ArgumentParser(prog="slaworkbench", description="Track tickets")
    parser.add_argument("--out", metavar="FILE", help="the file to write")
    parser.add_argument("--from", metavar="DATE", help=tr("first day"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help=f"fill it with {count} tickets")
    print(f"Exported {count} tickets")
    print("slaworkbench:", tr("Nothing was changed."), file=sys.stderr)
    raise CommandError("The file does not exist")

def progress_line(done):
    return f"{done} done"
"""


def test_on_the_command_line_printed_text_reasons_and_help_are_checked(tmp_path: Path) -> None:
    module = tmp_path / "command.py"
    module.write_text(textwrap.dedent(COMMAND), encoding="utf-8")
    found = [(f.line, f.text, f.why) for f in check_literals.check_file(module)]
    assert found == [
        (7, "Track tickets", "is the description of ArgumentParser()"),
        (8, "the file to write", "is the help of add_argument()"),
        (11, "fill it with ", "is the help of add_parser()"),
        (11, " tickets", "is the help of add_parser()"),
        (12, "Exported ", "is passed to print()"),
        (12, " tickets", "is passed to print()"),
        (14, "The file does not exist", "is passed to CommandError()"),
        (17, " done", "is returned by progress_line()"),
    ]


def test_the_command_fails_on_an_untranslated_module_and_names_it(tmp_path: Path) -> None:
    module = tmp_path / "dialog.py"
    module.write_text('def f(label):\n    label.setWindowTitle("Import tickets")\n', "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tools.i18n.check_literals", str(module)],
        capture_output=True,
        text=True,
        cwd=check_literals.ROOT,
    )
    assert done.returncode == 1
    assert f"{module}:2: 'Import tickets' is passed to setWindowTitle() outside tr()" in done.stdout


def test_the_program_passes_the_check() -> None:
    found = [
        f for path in check_literals.python_files(list(check_literals.DEFAULT_PATHS))
        for f in check_literals.check_file(path)
    ]  # fmt: skip
    assert found == [], "\n".join(map(str, found))


def test_a_tr_call_inside_an_f_string_is_named(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """lupdate does not read a call inside an f-string: "End of report." and two of the
    detail pane's sentences were missing from the catalogues, English in every language."""
    from tools.i18n import translations

    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "page.py").write_text(
        "from slaworkbench.i18n import tr\n"
        "end = tr('End.')\n"
        "html = f'<p>{end}</p>'\n"
        "bad = f'<p>{escape(tr(\"Missing.\"))}</p>'\n"
        "also = F\"{self.tr('Missing too')}\"\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(translations, "ROOT", tmp_path)
    found = translations.calls_lupdate_cannot_see(folder)
    assert [line.split(":")[1] for line in found] == ["4", "5"], found
    assert translations.calls_lupdate_cannot_see(translations.SOURCES) == []
