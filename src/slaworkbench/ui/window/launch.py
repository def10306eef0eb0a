"""Opening the window: ``run_gui(args) -> int`` (the command line calls it with no command).

It creates the QApplication with the organisation and application names (QSettings
uses them), opens the workspace — on a thread of its own, with a window saying what it
waits for when a check, backup or upgrade makes it slow (``opening.py``); a failure is a
message box with the sentence and a non-zero exit, never a traceback — and, with
``--demo-if-empty`` on an empty workspace, says so and fills it with the demo data in the
background (with progress in the status bar) before the list shows tickets.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from slaworkbench import __version__, config, formatting, language
from slaworkbench.app.changes import Changes
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui import crash, qt_messages
from slaworkbench.ui.tasks import TaskContext, UserFacingError
from slaworkbench.ui.theme import Theme, follow_system_scheme
from slaworkbench.ui.window import close_when_idle
from slaworkbench.ui.window.host import WindowHost, start_url
from slaworkbench.ui.window.language_dialog import stored_choice
from slaworkbench.ui.window.main_window import MainWindow
from slaworkbench.ui.window.opening import open_showing_progress
from slaworkbench.ui.window.team_settings import remembered_server

log = logging.getLogger(__name__)

DEMO_TICKETS = 5000


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(config.ORGANISATION)
    QCoreApplication.setApplicationName(config.APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName(config.APP_NAME)
    app.setDesktopFileName(config.DESKTOP_ID)
    use_config_folder_for_settings()
    return app


def use_config_folder_for_settings() -> None:
    """QSettings live in an INI file in the config folder (``SLAWORKBENCH_HOME`` moves it)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config.config_dir())
    )


DEMO_WRITTEN = Changes(tickets=True, clocks=True)
"""What filling the workspace with the demo changes: tickets with their computed clocks
(its calendars and policies come with those clocks, so no recompute is due)."""


def fill_with_demo(window: MainWindow, tickets: int = DEMO_TICKETS) -> Any:
    """Generate the demo workspace in the background; it is announced when it is done."""
    from slaworkbench.app.demo.workspace import generate_demo

    ws = window.workspace
    window.statusBar().showMessage(
        tr("This workspace is empty, so SLA Workbench is filling it with {n} demo tickets…").format(
            n=formatting.count(tickets)
        )
    )

    def work(context: TaskContext) -> Any:
        def progress(done: int) -> None:
            context.progress(done, tickets, tr("Creating demo tickets"))

        try:
            return generate_demo(ws, tickets=tickets, progress=progress)
        except StoreError as error:
            raise UserFacingError(str(error)) from error

    def done(_result: Any) -> None:
        window.statusBar().showMessage(
            tr("The demo workspace is ready: {n} tickets.").format(n=formatting.count(tickets)),
            8000,
        )
        window.notice.announce(DEMO_WRITTEN)

    handle = window.runner.submit(
        tr("Demo workspace"), work, writer=True, on_success=done, on_failure=window.show_error
    )
    window.progress.follow(handle, tr("Creating the demo workspace"))
    return handle


def run_gui(args: argparse.Namespace) -> int:
    app = make_application()
    language.install_in_application(app, stored_choice())
    restore_qt_messages = qt_messages.route_qt_messages_to_log()
    crash_handler = crash.CrashHandler(config.log_file(), app)
    crash_handler.install()
    try:
        return _run_window(app, args)
    finally:
        crash_handler.uninstall()
        restore_qt_messages()


def _run_window(app: QApplication, args: argparse.Namespace) -> int:
    theme = Theme()
    follow_system_scheme(app, theme)
    settings = QSettings()
    explicit = getattr(args, "database", None)
    url = start_url(explicit, settings)
    server_url = "" if url == explicit else remembered_server(settings) or ""
    try:
        opened = open_showing_progress(url)
    except StoreError as error:
        QMessageBox.critical(None, tr("SLA Workbench"), str(error))
        return 1
    except Exception as error:  # a sentence, never a traceback; details go to the log
        log.exception("The workspace could not be opened")
        QMessageBox.critical(
            None,
            tr("SLA Workbench"),
            tr(
                "The workspace could not be opened ({error}). The details are in the log file."
            ).format(error=error.__class__.__name__),
        )
        return 1
    if opened is None:
        log.info("Opening %s cancelled while its file was checked", url)
        return 0
    workspace: Workspace = opened
    host = WindowHost(workspace, settings=settings, server_url=server_url, theme=theme)
    window = host.window
    window.show()
    log.info("Main window shown for %s", workspace)
    if close_when_idle.requested():
        close_when_idle.CloseWhenIdle(window, window.runner)
    if getattr(args, "demo_if_empty", False) and workspace.is_empty():
        fill_with_demo(window)
    else:
        window.check_recompute_at_start()
    try:
        return int(app.exec())
    finally:
        WindowHost.close_window(host.window)
