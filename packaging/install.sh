#!/bin/sh
# Install SLA Workbench for the current user, from the unpacked tarball:
#   the program      ~/.local/lib/slaworkbench/
#   the command      ~/.local/bin/slaworkbench
#   the menu entry   ~/.local/share/applications/io.github.slaworkbench.SLAWorkbench.desktop
#   the metadata     ~/.local/share/metainfo/io.github.slaworkbench.SLAWorkbench.metainfo.xml
#   the icons        ~/.local/share/icons/hicolor/*/apps/io.github.slaworkbench.SLAWorkbench.*
# `./install.sh --uninstall` removes exactly these again (the workspace, settings and log
# are left alone). PREFIX=/some/where ./install.sh installs under another prefix.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
id=io.github.slaworkbench.SLAWorkbench
program="$prefix/lib/slaworkbench"
command="$prefix/bin/slaworkbench"

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$program"
  rm -f "$command" "$prefix/share/applications/$id.desktop" \
    "$prefix/share/metainfo/$id.metainfo.xml"
  (cd "$here/share" && find icons -type f) | while read -r icon; do
    rm -f "$prefix/share/$icon"
  done
  refresh_caches
  echo "SLA Workbench was removed from $prefix (your workspace and settings are kept)."
  exit 0
fi

if [ ! -x "$here/slaworkbench/slaworkbench" ]; then
  echo "install.sh: run it from the unpacked SLA Workbench folder." >&2
  exit 1
fi
mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"
rm -rf "$program"
cp -R "$here/slaworkbench" "$program"
ln -sf "$program/slaworkbench" "$command"
sed "s|^Exec=slaworkbench|Exec=\"$command\"|" "$here/share/applications/$id.desktop" \
  >"$prefix/share/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$prefix/share/metainfo/"
(cd "$here/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$(dirname "$prefix/share/$icon")"
  cp "$here/share/$icon" "$prefix/share/$icon"
done
refresh_caches
echo "SLA Workbench is installed: start it from the applications menu or run $command"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "($prefix/bin is not on your PATH; add it to run 'slaworkbench' by name.)" ;;
esac
