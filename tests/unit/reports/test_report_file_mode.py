"""A saved report is a file like any other the user saves: its mode follows the umask."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.output import write_report


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_report_file_gets_the_mode_the_umask_gives(
    data: ReportData, tmp_path: Path, umask: int, mode: int
) -> None:
    previous = os.umask(umask)
    try:
        for fmt in ("pdf", "csv"):
            path = tmp_path / f"report-{umask:o}.{fmt}"
            write_report(data, fmt, path)
            assert stat.S_IMODE(path.stat().st_mode) == mode, fmt
    finally:
        os.umask(previous)
