"""The one change notice of the window: every write announces what it changed here.

Screens connect to ``changed`` and decide for themselves what to reload; nothing calls
another screen's refresh method sideways. The workspace watcher announces changes made
by other windows or processes through the same notice (``Changes(external=True)``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from slaworkbench.app.changes import Changes


class ChangeNotice(QObject):
    changed = Signal(object)
    """Emitted with a ``Changes`` after a write committed."""

    def announce(self, changes: Changes) -> None:
        if changes.anything:
            self.changed.emit(changes)
