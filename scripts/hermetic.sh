#!/bin/sh
# The window's tests once more, on a machine that has no fonts and speaks
# no language: every system font folder Fyne (go-text's fontscan) and
# export/pdf look in is hidden under an empty tmpfs in a private mount
# namespace, home, data and cache folders are fresh and empty, and
# LANG=C.UTF-8 (the main run of make test uses en_US.UTF-8 and whatever
# fonts the machine has; scripts/deps.sh installs fonts-noto-cjk for it).
#   scripts/hermetic.sh            (make test calls it; needs root or user namespaces)
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}
if [ "${QF_HERMETIC_INNER:-}" = 1 ]; then
  for d in /usr/share/fonts /usr/local/share/fonts /usr/X11R6/lib/X11/fonts /usr/share/texmf/fonts/opentype/public; do
    [ -d "$d" ] && mount -t tmpfs -o size=1m,mode=0755 none "$d"
  done
  left=$(find /usr/share/fonts /usr/local/share/fonts -type f 2>/dev/null | wc -l)
  if [ "$left" != 0 ]; then
    echo "hermetic.sh: $left font files still visible; refusing to run" >&2
    exit 1
  fi
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" \
    XDG_CONFIG_HOME="$scratch/config" XDG_DATA_DIRS="$scratch/none" FONTCONFIG_FILE=/dev/null \
    LANG=C.UTF-8 LC_ALL= LANGUAGE=
  mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"
  echo "hermetic: no system fonts (0 files in the font folders), LANG=C.UTF-8, empty home"
  exec $GO test -count=1 -timeout 20m . ./app/...
fi
# Keep Go's own caches where they are: only the program's view changes.
export GOCACHE="$($GO env GOCACHE)" GOMODCACHE="$($GO env GOMODCACHE)" GOPATH="$($GO env GOPATH)"
export QF_HERMETIC_INNER=1
if [ "$(id -u)" = 0 ]; then
  exec unshare --mount --propagation private "$0"
fi
if unshare --user --map-root-user --mount true 2>/dev/null; then
  exec unshare --user --map-root-user --mount --propagation private "$0"
fi
echo "hermetic.sh: needs root or user namespaces to hide the system fonts (unshare --mount)" >&2
exit 1
