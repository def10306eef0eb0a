"""Render the application icon as PNGs for the freedesktop icon theme.

``python packaging/render_icons.py SHARE_DIR`` writes
``SHARE_DIR/icons/hicolor/scalable/apps/<id>.svg`` and
``SHARE_DIR/icons/hicolor/<n>x<n>/apps/<id>.png`` for the usual sizes, from the SVG the
program itself uses (found through importlib.resources). Runs headless.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from slaworkbench import config

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(share: Path) -> list[Path]:
    svg = config.package_folder("slaworkbench", "resources", "icons") / "slaworkbench.svg"
    hicolor = share / "icons" / "hicolor"
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    written = [Path(shutil.copyfile(svg, scalable / f"{config.DESKTOP_ID}.svg"))]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{config.DESKTOP_ID}.png"
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: render_icons.py SHARE_DIR", file=sys.stderr)
        return 2
    _app = QGuiApplication([])
    for path in render(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
