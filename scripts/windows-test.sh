#!/bin/sh
# make windows-test: starts the Windows build under Wine and checks it.
#   1. builds dist/qingfeng-windows-amd64.exe (as make dist does) and the
#      native Linux binary that is the other side of the handoff;
#   2. builds scripts/wine/bcryptprimitives.c into a native DLL and installs
#      it in a private Wine prefix (Debian 12's Wine 8 has no ProcessPrng,
#      which the Go runtime needs at start; see that file);
#   3. runs the binary suite (internal/binsuite) against the exe under Wine;
#   4. opens the window under Wine + Xvfb on a fresh vault and saves the
#      unlock screen to docs/screenshots/windows-unlock.png.
# The prefix and the DLL live in $QF_WINE_CACHE (default
# ~/.cache/qingfeng-wine); delete it for a cold run.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
GO=${GO:-go}
root=$(pwd)
cache=${QF_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qingfeng-wine}
exe=$root/dist/qingfeng-windows-amd64.exe
native=$root/dist/qingfeng-linux-amd64
shot=$root/docs/screenshots/windows-unlock.png
export WINEPREFIX="$cache/prefix" WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
# Wine turns the Unix command line and file names into UTF-16 with the Unix
# locale's character set: under a locale that is not installed (CI's
# en_US.UTF-8 on a fresh Debian) it falls back to ASCII and 王䶮 arrives as
# "p .7". C.UTF-8 exists on every Debian.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
# No Mono or Gecko prompts (mscoree, mshtml off); our ProcessPrng DLL first.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"

start=$(date +%s)
step() { echo "== $(($(date +%s) - start))s  $*"; }

xvfb_pid="" app_pid="" work=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  [ -n "$work" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT INT TERM

scripts/deps.sh windows
mkdir -p dist "$cache" "$(dirname "$shot")"
work=$(mktemp -d "${TMPDIR:-/tmp}/qf-windows-test.XXXXXX")

step "building $exe"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  $GO build -trimpath -ldflags "-s -w" -o "$exe" .
step "building $native (the handoff peer)"
CGO_ENABLED=1 $GO build -o "$native" .  # same flags as the tests: shares their build cache

step "building the ProcessPrng shim"
x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -Werror -shared -nostdlib -Wl,--entry,DllMain -s \
  -o "$cache/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def \
  -lbcrypt -lkernel32

if [ ! -f "$WINEPREFIX/system.reg" ]; then
  step "creating the Wine prefix $WINEPREFIX"
  wineboot -i > "$cache/wineboot.log" 2>&1 || { cat "$cache/wineboot.log"; exit 1; }
  wineserver -w
fi
cp "$cache/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
# One wineserver for the whole run, so each command starts quickly.
wineserver -p
wine --version

step "smoke: the exe starts and writes to stdout"
wine "$exe" help > "$work/help.txt" 2> "$work/help.err" || { cat "$work/help.err"; exit 1; }
grep -q "清风案卷" "$work/help.txt" || { echo "wine $exe help printed:"; cat "$work/help.txt" "$work/help.err"; exit 1; }

step "binary suite against the exe under Wine (peer: $native)"
QF_SUITE_BIN="wine $exe" QF_SUITE_PEER="$native" \
  $GO test -count=1 -timeout 30m -v ./internal/binsuite/ 2>&1 | tee "$work/suite.log" || true
# A failing suite still lets the window be checked; the run fails at the end.
suite=passed
grep -q '^ok' "$work/suite.log" || suite=failed

step "the window under Wine + Xvfb"
display=90
while [ -e "/tmp/.X$display-lock" ] || [ -e "/tmp/.X11-unix/X$display" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 +extension GLX -nolisten tcp > "$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
# A fresh vault in the default place, %AppData%\qingfeng\vault (no --vault).
rm -rf "$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming/qingfeng"
QINGFENG_PASSPHRASE=windows-test-2026 wine "$exe" init > "$work/init.log" 2>&1 || { cat "$work/init.log"; exit 1; }
grep -q 'AppData\\Roaming\\qingfeng\\vault' "$work/init.log" || { echo "init did not use %AppData%:"; cat "$work/init.log"; exit 1; }
wine "$exe" > "$work/window.log" 2>&1 &
app_pid=$!
win=""
i=0
while [ $i -lt 60 ]; do
  win=$(xdotool search --name "清风案卷" 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  kill -0 "$app_pid" 2>/dev/null || { echo "the window process ended:"; cat "$work/window.log"; exit 1; }
  sleep 1
  i=$((i + 1))
done
if [ -z "$win" ]; then
  echo "no window after 60 s; X windows:"; xwininfo -root -tree | head -30; cat "$work/window.log"; exit 1
fi
step "window $win up after ${i}s; waiting for the first frame"
# Drawn when the capture has more than a handful of colours (text, icons).
colours=0
i=0
while [ $i -lt 30 ]; do
  sleep 1
  import -window "$win" "$work/shot.png"
  colours=$(identify -format '%k' "$work/shot.png")
  [ "$colours" -gt 100 ] && break
  i=$((i + 1))
done
[ "$colours" -gt 100 ] || { echo "the window stayed blank ($colours colours); log:"; cat "$work/window.log"; exit 1; }
sleep 2  # let the caret and fonts settle
import -window "$win" "$shot"
step "saved $shot ($(identify -format '%wx%h, %k colours' "$shot"))"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
[ -s "$work/window.log" ] && { echo "the window process wrote on stdout/stderr:"; head -20 "$work/window.log"; }
if [ "$suite" != passed ]; then
  step "FAILED: the binary suite failed under Wine:"
  grep -E '^\s*--- FAIL|^\s+binsuite_test.go:[0-9]+|^\s+(stdout|stderr):' "$work/suite.log" | head -40
  exit 1
fi
step "done"
