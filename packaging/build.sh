#!/usr/bin/env bash
# Build a desktop bundle with PyInstaller into dist/slaworkbench/, and on Linux install
# the .desktop and AppStream files next to it for distribution packagers.
set -euo pipefail
cd "$(dirname "$0")/.."
make .venv/.installed-run
.venv/bin/python -m pip install -q "pyinstaller>=6"
.venv/bin/pyinstaller --noconfirm --clean packaging/slaworkbench.spec
if [ "$(uname -s)" = "Linux" ]; then
  mkdir -p dist/share/applications dist/share/metainfo
  cp packaging/slaworkbench.desktop dist/share/applications/
  cp packaging/io.github.slaworkbench.SLAWorkbench.metainfo.xml dist/share/metainfo/
fi
echo "Built dist/slaworkbench/"
