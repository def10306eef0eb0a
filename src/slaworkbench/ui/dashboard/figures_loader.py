"""Loading a dashboard panel's figures on the task runner: the latest request wins (an
older one is cancelled, a late answer ignored), a busy bar shows while one runs, and a
failure's sentence goes to the panel. Owned by the "who held the clock" panels (OLA and
SLA), which give it what to load and where to show it; ``panel_title`` and
``busy_bar`` are their shared parts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from slaworkbench.app.analytics.dashboard import SessionFactory
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.i18n import tr
from slaworkbench.ui.tasks import TaskContext, TaskHandle, TaskRunner

T = TypeVar("T")


def panel_title(text: str) -> QLabel:
    title = QLabel(text)
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    title.setFont(font)
    return title


def busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setMaximumHeight(10)
    bar.setTextVisible(False)
    bar.setVisible(False)
    return bar


class FiguresLoader(Generic[T]):
    def __init__(
        self,
        runner: TaskRunner,
        session_factory: SessionFactory,
        owner: QWidget,
        busy: QProgressBar,
        load: Callable[[Any, Filters], T],
        shown: Callable[[T], None],
        failed: Callable[[str], None],
    ) -> None:
        self.runner = runner
        self.session_factory = session_factory
        self.owner = owner
        self.busy = busy
        self.load = load
        self.shown = shown
        self.failed = failed
        self.filters: Filters | None = None
        self._handle: TaskHandle | None = None
        self._generation = 0

    def reload(self, filters: Filters) -> None:
        if self._handle is not None and not self._handle.is_done():
            self._handle.cancel()
        self.filters = filters
        self._generation += 1
        generation = self._generation
        factory, load = self.session_factory, self.load

        def work(context: TaskContext) -> T:
            context.check_cancelled()
            with factory() as session:
                return load(session, filters)

        self.busy.setVisible(True)
        self._handle = self.runner.submit(
            tr("Loading the dashboard"),
            work,
            on_success=lambda data: self._loaded(generation, data),
            on_failure=lambda message: self._failed(generation, message),
            owner=self.owner,
        )

    def is_busy(self) -> bool:
        return self.busy.isVisible()

    def _loaded(self, generation: int, data: T) -> None:
        if generation != self._generation:
            return
        self.busy.setVisible(False)
        self.shown(data)

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.busy.setVisible(False)
        self.failed(message)
