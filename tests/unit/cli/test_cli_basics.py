import gc
import subprocess
import sys
from pathlib import Path

from slaworkbench import __version__
from slaworkbench.cli.main import main


def test_version_runs_as_a_module() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "slaworkbench", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"SLA Workbench {__version__}"


def test_main_called_with_arguments_leaves_the_collector_alone(tmp_path: Path) -> None:
    frozen = gc.get_freeze_count()
    code = main(["report", "--from", "2026-13-01", "--to", "2026-12-31", "--out", str(tmp_path)])
    assert code == 1
    assert gc.get_freeze_count() == frozen


def test_a_command_run_as_the_program_freezes_what_is_left_before_shutdown() -> None:
    script = (
        "import gc, sys\n"
        "from slaworkbench.cli.main import main\n"
        "sys.argv = ['slaworkbench', 'report', '--from', '2026-13-01', '--to', '2026-12-31',"
        " '--out', 'x.pdf']\n"
        "code = main()\n"
        "print(code, gc.get_freeze_count() > 1000)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "True"]
