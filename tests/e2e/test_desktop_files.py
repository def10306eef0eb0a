"""The desktop entry and AppStream metainfo that ship in the Linux tarball are valid, and
install.sh puts them, the icons and the command under a prefix and removes them again.

The validators are Debian's ``desktop-file-utils`` and ``appstream``; without them the
tests say so and skip (``make package-check`` runs them on the built tarball too).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from slaworkbench import __version__, config

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{config.DESKTOP_ID}.desktop"
METAINFO = PACKAGING / f"{config.DESKTOP_ID}.metainfo.xml"


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package {package})")
    return found


def validate(args: list[str | Path]) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_the_desktop_entry_is_valid() -> None:
    validate([tool("desktop-file-validate", "desktop-file-utils"), DESKTOP])


def test_the_appstream_metainfo_is_valid() -> None:
    output = validate([tool("appstreamcli", "appstream"), "validate", "--no-net", METAINFO])
    assert "Validation was successful" in output


def test_the_metainfo_names_this_release_and_existing_screenshots() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == config.DESKTOP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.find("content_rating") is not None
    versions = [r.get("version") for r in component.iter("release")]
    assert versions[0] == __version__, "the newest <release> comes first"
    images = [image.text or "" for image in component.iter("image")]
    assert images
    for url in images:
        assert "/docs/screenshots/" in url
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """The tarball's layout as packaging/build.sh makes it, with a one-line program in
    place of the PyInstaller bundle (make package-check installs the real one)."""
    folder = tmp_path / f"slaworkbench-{__version__}"
    share = folder / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy(DESKTOP, share / "applications")
    shutil.copy(METAINFO, share / "metainfo")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, PACKAGING / "render_icons.py", share],
        env=env,
        check=True,
        capture_output=True,
    )
    program = folder / "slaworkbench" / "slaworkbench"
    program.parent.mkdir()
    program.write_text(f"#!/bin/sh\necho 'SLA Workbench {__version__}'\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    shutil.copy(PACKAGING / "install.sh", folder / "install.sh")
    return folder


def test_install_sh_installs_under_the_prefix_and_uninstalls(
    unpacked: Path, tmp_path: Path
) -> None:
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PREFIX=str(prefix))
    subprocess.run(["sh", unpacked / "install.sh"], env=env, check=True, capture_output=True)

    command = prefix / "bin" / "slaworkbench"
    version = subprocess.run([command], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"SLA Workbench {__version__}"
    entry = prefix / "share" / "applications" / DESKTOP.name
    assert f'Exec="{command}"' in entry.read_text(encoding="utf-8")
    icons = prefix / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{config.DESKTOP_ID}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = icons / f"{size}x{size}" / "apps" / f"{config.DESKTOP_ID}.png"
        assert png.read_bytes().startswith(b"\x89PNG"), png
    assert (prefix / "share" / "metainfo" / METAINFO.name).is_file()
    if shutil.which("desktop-file-validate"):
        validate(["desktop-file-validate", entry])

    subprocess.run(
        ["sh", unpacked / "install.sh", "--uninstall"], env=env, check=True, capture_output=True
    )
    left = [p for p in prefix.rglob("*") if p.is_file() and not p.name.endswith(".cache")]
    assert left == []
