#!/usr/bin/env bash
# `make package`: the PyInstaller one-folder bundle dist/slaworkbench/ and, on Linux,
# dist/slaworkbench-<version>-linux-<arch>.tar.gz with the bundle, the desktop entry,
# the AppStream metainfo, the icons laid out as share/ expects, and install.sh.
# PYTHON is the interpreter that has the program and PyInstaller installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
id=io.github.slaworkbench.SLAWorkbench
version=$("$PYTHON" -c 'import slaworkbench; print(slaworkbench.__version__)')

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/slaworkbench.spec
echo "Built dist/slaworkbench/ (SLA Workbench $version)"

if [ "$(uname -s)" != "Linux" ]; then
  exit 0
fi
name=slaworkbench-$version
stage=build/stage/$name
rm -rf build/stage
mkdir -p "$stage/share/applications" "$stage/share/metainfo"
cp -a dist/slaworkbench "$stage/slaworkbench"
cp packaging/$id.desktop "$stage/share/applications/"
cp packaging/$id.metainfo.xml "$stage/share/metainfo/"
QT_QPA_PLATFORM=offscreen "$PYTHON" packaging/render_icons.py "$stage/share" >/dev/null
cp packaging/install.sh "$stage/install.sh"
chmod 755 "$stage/install.sh"
tarball=dist/$name-linux-$(uname -m).tar.gz
tar -C build/stage -czf "$tarball" "$name"
echo "Built $tarball"
