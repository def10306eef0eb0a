import subprocess
import sys

from slaworkbench import __version__


def test_version_runs_as_a_module() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "slaworkbench", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"SLA Workbench {__version__}"
