"""PySide6's check of every module imported after it, made cheap.

Once PySide6 is loaded, its import hook (``shibokensupport.feature.feature_imported``)
asks of every module imported later whether its source names "PySide6" (for its
optional ``__feature__`` switches, which this program does not use). It asks through
``inspect.getsource``, which tokenises the file, keeps its lines in ``linecache`` and,
to find the module of a file, walks every loaded module again: 0.12 s for the 604
modules a PDF report imports after Qt (2026-12-07), and more in the window. The same
answer comes from reading the file's bytes; modules without a ``.py`` file (built in,
compiled, frozen) still go to PySide6's own check. Nothing changes when a PySide6
version no longer has the hook.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_slaworkbench_reads_the_file"


def cheap_feature_check() -> None:
    """Replace PySide6's per-module source check by a read of the module's file, once."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, _MARK, False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    setattr(uses_pyside, _MARK, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
