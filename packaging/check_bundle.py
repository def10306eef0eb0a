"""`make package-check`: run the frozen program the way a user would, headless.

1. ``dist/slaworkbench/slaworkbench --version`` prints the package's version;
2. ``demo --tickets 500`` creates a workspace in a temporary ``SLAWORKBENCH_HOME``;
3. ``report`` writes a compliance PDF of the last 60 days;
4. the window opens offscreen and closes itself once start-up is done
   (``SLAWORKBENCH_CLOSE_WHEN_IDLE=1``, see ui/window/close_when_idle.py);
5. the log file of those runs has nothing at warning level or above, and no run printed
   a traceback;
6. on Linux, the tarball's desktop entry and AppStream metainfo pass
   ``desktop-file-validate`` and ``appstreamcli validate --no-net``, and ``install.sh``
   installs into (and ``--uninstall`` removes from) a temporary prefix;
7. the sizes of the bundle and the tarball are printed.

Any failure ends with exit code 1 and says which step failed.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from slaworkbench import __version__, config  # noqa: E402

BUNDLE = ROOT / "dist" / "slaworkbench"
PROGRAM = BUNDLE / "slaworkbench"
TIMEOUT = 300
LEVELS = (" WARNING ", " ERROR ", " CRITICAL ")


class CheckFailed(Exception):
    pass


def step(text: str) -> None:
    print(f"ok   {text}", flush=True)


def run(args: list[str | Path], env: dict[str, str], what: str) -> str:
    try:
        done = subprocess.run(
            [str(a) for a in args],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise CheckFailed(f"{what}: no answer within {TIMEOUT} s") from error
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise CheckFailed(f"{what}: exit code {done.returncode}\n{output}")
    if "Traceback" in output:
        raise CheckFailed(f"{what}: printed a traceback\n{output}")
    return output


def size(path: Path) -> str:
    total = path.stat().st_size if path.is_file() else 0
    if path.is_dir():
        total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return f"{total / 1_000_000:.1f} MB"


def check_program(work: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SLAWORKBENCH_") and key != "PYTHONPATH"
    }
    env.update(SLAWORKBENCH_HOME=str(work / "home"), QT_QPA_PLATFORM="offscreen")

    output = run([PROGRAM, "--version"], env, "--version").strip()
    if output != f"SLA Workbench {__version__}":
        raise CheckFailed(f"--version printed {output!r}, not 'SLA Workbench {__version__}'")
    step(f"--version: {output}")

    output = run([PROGRAM, "demo", "--tickets", "500"], env, "demo").strip()
    step(f"demo workspace: {output}")

    pdf = work / "report.pdf"
    today = dt.date.today()
    start = (today - dt.timedelta(days=60)).isoformat()
    args: list[str | Path] = [PROGRAM, "report", "--from", start, "--to", today.isoformat()]
    run([*args, "--format", "pdf", "--out", pdf], env, "report")
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        raise CheckFailed("report: no PDF was written")
    step(f"report PDF written headless ({size(pdf)})")

    window_env = dict(env, SLAWORKBENCH_CLOSE_WHEN_IDLE="1")
    output = run([PROGRAM, "--log-level", "info"], window_env, "window")
    if "Main window shown" not in output or "Start-up finished" not in output:
        raise CheckFailed(f"window: it did not open and close by itself\n{output}")
    step("main window opened offscreen and closed by itself")

    log_file = work / "home" / "logs" / config.LOG_FILE
    if not log_file.is_file():
        raise CheckFailed(f"no log file at {log_file}")
    loud = [
        line
        for line in log_file.read_text(encoding="utf-8").splitlines()
        if any(level in line for level in LEVELS)
    ]
    if loud:
        raise CheckFailed("the log has warnings or errors:\n" + "\n".join(loud))
    step(f"log file has nothing at warning level or above ({log_file.name})")


def need(tool: str, package: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise CheckFailed(f"{tool} is missing: apt-get install {package}")
    return found


def check_tarball(work: Path) -> Path:
    tarballs = sorted((ROOT / "dist").glob(f"slaworkbench-{__version__}-linux-*.tar.gz"))
    if not tarballs:
        raise CheckFailed("no tarball in dist/; run make package")
    tarball = tarballs[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(work / "unpacked", filter="tar")
    folder = work / "unpacked" / f"slaworkbench-{__version__}"
    share = folder / "share"
    desktop = share / "applications" / f"{config.DESKTOP_ID}.desktop"
    metainfo = share / "metainfo" / f"{config.DESKTOP_ID}.metainfo.xml"
    icons = share / "icons" / "hicolor"
    expected = [desktop, metainfo, icons / "scalable" / "apps" / f"{config.DESKTOP_ID}.svg"]
    expected += [icons / f"{n}x{n}" / "apps" / f"{config.DESKTOP_ID}.png" for n in (48, 256)]
    missing = [str(p.relative_to(folder)) for p in expected if not p.is_file()]
    if missing:
        raise CheckFailed("the tarball lacks " + ", ".join(missing))
    if f'<release version="{__version__}"' not in metainfo.read_text(encoding="utf-8"):
        raise CheckFailed(f"the metainfo has no <release> for version {__version__}")
    step(f"tarball holds the bundle, desktop entry, metainfo and icons ({tarball.name})")

    env = dict(os.environ)
    run(
        [need("desktop-file-validate", "desktop-file-utils"), desktop], env, "desktop-file-validate"
    )
    step("desktop-file-validate passes")
    appstream = need("appstreamcli", "appstream")
    run([appstream, "validate", "--no-net", metainfo], env, "appstreamcli validate")
    step("appstreamcli validate --no-net passes")

    prefix = work / "prefix"
    env = dict(os.environ, PREFIX=str(prefix))
    run(["sh", folder / "install.sh"], env, "install.sh")
    installed_desktop = prefix / "share" / "applications" / desktop.name
    run(
        [need("desktop-file-validate", "desktop-file-utils"), installed_desktop],
        env,
        "installed entry",
    )
    run([prefix / "bin" / "slaworkbench", "--version"], env, "the installed command")
    step("install.sh installs into a prefix; the installed command and entry work")
    run(["sh", folder / "install.sh", "--uninstall"], env, "install.sh --uninstall")
    left = [str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file()]
    left = [p for p in left if not p.endswith(".cache") and "mimeinfo" not in p]
    if left:
        raise CheckFailed("--uninstall left " + ", ".join(left))
    step("install.sh --uninstall removes what it installed")
    return tarball


def main() -> int:
    if not PROGRAM.is_file():
        print(f"package-check: no bundle at {PROGRAM}; run make package", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="slaworkbench-check-") as temporary:
        work = Path(temporary)
        try:
            check_program(work)
            tarball = check_tarball(work) if platform.system() == "Linux" else None
        except CheckFailed as error:
            print(f"FAIL {error}", file=sys.stderr)
            return 1
    print(f"bundle size: {size(BUNDLE)} ({BUNDLE.relative_to(ROOT)})")
    if tarball is not None:
        print(f"tarball size: {size(tarball)} ({tarball.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
