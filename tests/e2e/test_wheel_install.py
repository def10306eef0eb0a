"""The wheel, installed (not editable) into a fresh virtual environment, works on its own.

The wheel is built from a copy of the sources (so nothing is written into the checkout)
and installed into a venv made without ``--system-site-packages`` (nor pip of its own:
this interpreter's pip installs into it); pip takes the dependencies from its configured
indexes (this machine's disk index first where it has them). From that venv, with no
``PYTHONPATH``: ``slaworkbench --version``, ``slaworkbench demo --tickets 100`` and a
headless PDF report, and the package's icons, presets, migrations and the schema new
workspaces are made with are found inside the venv through importlib.resources.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from slaworkbench import __version__
from slaworkbench.store.workspace import SCHEMA_REVISION

# One worker for the module: its venv (a minute to build) is built once, not per worker.
pytestmark = [pytest.mark.slow, pytest.mark.e2e, pytest.mark.xdist_group("wheel_install")]

ROOT = Path(__file__).resolve().parents[2]
PIP_TIMEOUT = 900


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without this checkout's ``PYTHONPATH`` or workspace settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLAWORKBENCH_", "PYTHON"))}
    env.update(extra)
    return env


def run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("env", clean_env())
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, **kwargs
    )
    assert done.returncode == 0, f"{args} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    dist = work / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "wheel", "--no-deps", "-q", "-w", dist, source], timeout=PIP_TIMEOUT)
    (wheel,) = dist.glob("slaworkbench-*.whl")

    # The venv gets no pip of its own (ensurepip takes seconds): this pip installs into
    # it through --python; nor are the dependencies' modules compiled ahead (Python
    # compiles what the commands import, as it would any module without a cache).
    env_dir = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", env_dir])
    config = (env_dir / "pyvenv.cfg").read_text(encoding="utf-8")
    assert "include-system-site-packages = false" in config
    python = env_dir / "bin" / "python"
    install = ["--python", python, "install", "-q", "--no-compile", "--prefer-binary", wheel]
    run([*pip, *install], timeout=PIP_TIMEOUT)
    return env_dir


def program_env(home: Path) -> dict[str, str]:
    return clean_env(SLAWORKBENCH_HOME=str(home), QT_QPA_PLATFORM="offscreen")


def test_the_installed_commands_work_from_a_fresh_venv(venv: Path, tmp_path: Path) -> None:
    bin_dir = venv / "bin"
    assert (bin_dir / "slaworkbench-gui").is_file()
    env = program_env(tmp_path / "home")

    version = run([bin_dir / "slaworkbench", "--version"], env=env, cwd=tmp_path)
    assert version.stdout.strip() == f"SLA Workbench {__version__}"

    demo = run([bin_dir / "slaworkbench", "demo", "--tickets", "100"], env=env, cwd=tmp_path)
    assert "Created 100 demo tickets" in demo.stdout

    today = dt.date.today()
    pdf = tmp_path / "report.pdf"
    report_args = ["report", "--from", (today - dt.timedelta(days=60)).isoformat()]
    report_args += ["--to", today.isoformat(), "--out", str(pdf)]
    run([bin_dir / "slaworkbench", *report_args], env=env, cwd=tmp_path, timeout=300)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Traceback" not in (tmp_path / "home" / "logs" / "slaworkbench.log").read_text()


def test_the_installed_package_finds_its_files_inside_the_venv(venv: Path, tmp_path: Path) -> None:
    probe = (
        "import slaworkbench, sys\n"
        "from slaworkbench import config\n"
        "from slaworkbench.store.importing.presets import load_preset\n"
        "from slaworkbench.store.workspace import MIGRATIONS_DIR\n"
        "icons = config.package_folder('slaworkbench', 'resources', 'icons')\n"
        "print(slaworkbench.__file__)\n"
        "print(sorted(p.name for p in icons.glob('*.svg')))\n"
        "print(sorted(p.name for p in (MIGRATIONS_DIR / 'versions').glob('*.py')))\n"
        "print(load_preset('bpic2013').name)\n"
        "from slaworkbench.store.head_schema import shipped_snapshot\n"
        "print((shipped_snapshot() or {}).get('revision'))\n"
    )
    done = run([venv / "bin" / "python", "-c", probe], env=program_env(tmp_path), cwd=tmp_path)
    module, icons, migrations, preset, head = done.stdout.splitlines()
    assert Path(module).is_relative_to(venv), "the program must come from the venv"
    shipped_icons = sorted(p.name for p in (ROOT / "src/slaworkbench/resources/icons").glob("*"))
    assert icons == str(shipped_icons)
    shipped = sorted(
        p.name for p in (ROOT / "src/slaworkbench/store/migrations/versions").glob("*.py")
    )
    assert migrations == str(shipped)
    assert preset
    assert head == SCHEMA_REVISION, "a new workspace is made at head from the shipped schema"
