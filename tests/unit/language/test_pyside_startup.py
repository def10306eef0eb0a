"""PySide6's check of each imported module, made cheap, gives PySide6's own answers."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_the_cheap_check_answers_as_pysides_own_for_every_module_of_a_report() -> None:
    # In a process of its own: the report's layers imported as the command imports them,
    # then every loaded module asked of both checks.
    script = textwrap.dedent(
        """
        import sys
        import slaworkbench.language  # the program's first import of Qt
        import slaworkbench.reports.builder, slaworkbench.reports.document
        import slaworkbench.app.analytics.filters, slaworkbench.cli.workspace
        feature = sys.modules["shibokensupport.feature"]
        ours = feature._mod_uses_pyside
        assert getattr(ours, "_slaworkbench_reads_the_file", False), ours
        original = ours.__closure__[0].cell_contents
        assert not getattr(original, "_slaworkbench_reads_the_file", False)
        modules = [m for m in list(sys.modules.values()) if m is not None]
        differ = [m.__name__ for m in modules if ours(m) != original(m)]
        users = sum(1 for m in modules if ours(m))
        print(len(modules), users, differ)
        assert not differ, differ
        assert users >= 10 and len(modules) - users >= 100
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
