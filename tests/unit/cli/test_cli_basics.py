import gc
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--from", "2026-13-01", "--to", "2026-12-31", "--out", "r.pdf"], "is not a date"),
        (["--from", "2026-02-01", "--to", "2026-01-31", "--out", "r.pdf"], "is after --to"),
        (["--from", "2026-01-01", "--to", "2026-01-31", "--out", "none/r.pdf"], "does not exist"),
        (
            ["--from", "2026-02-01", "--to", "2026-01-31", "--out", "r.pdf", "--statement"],
            "needs --customer",
        ),
        (  # it wrote the report in English with untranslated dates, as if asked for
            ["--from", "2026-01-01", "--to", "2026-01-31", "--out", "r.pdf", "--language", "xx"],
            "--language xx is not a language",
        ),
        (
            [
                *("--from", "2026-01-01", "--to", "2026-01-31", "--out", "r.pdf"),
                *("--statement", "--customer", "Acme", "--language", "klingon"),
            ],
            "--language klingon is not a language",
        ),
    ],
)
def test_input_needing_no_workspace_is_refused_before_its_layers_load(
    tmp_path: Path, args: list[str], said: str
) -> None:
    """A mistyped date, a period the wrong way round, an output folder that does not
    exist: answered before SQLAlchemy, numpy, babel or Qt's GUI classes are imported
    (about a second)."""
    script = (
        "import sys\n"
        "from slaworkbench.cli.main import main\n"
        f"code = main(['report', '--database', 'w.sqlite3', *{args!r}])\n"
        "heavy = ('sqlalchemy', 'numpy', 'babel', 'PySide6.QtGui')\n"
        "print(code, [name for name in heavy if name in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.split() == ["1", "[]"], out.stdout
    assert said in out.stderr
