#!/bin/sh
# Peak memory of the whole program with the window open on a large vault,
# under Xvfb: unlock by typing the passphrase (xdotool), open 案件 (which
# loads every row), scroll, then read VmHWM (peak RSS) from /proc.
#   scripts/bench-window.sh VAULT_DIR PASSPHRASE [BINARY]
set -eu
vault=$1; pass=$2; bin=${3:-./qingfeng}
export DISPLAY=:93
Xvfb :93 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $pid $xvfb 2>/dev/null || true' EXIT
sleep 1
start=$(date +%s%N)
"$bin" --vault "$vault" >/dev/null 2>&1 &
pid=$!
sleep 3
win=$(xdotool search --sync --name "清风案卷" | head -1)
xdotool windowactivate "$win" 2>/dev/null || true
xdotool type --delay 20 "$pass"
xdotool key Return
sleep 4
# 案件 in the side navigation (third entry)
xdotool mousemove 200 222 click 1
sleep 15
xdotool mousemove 800 500 click 4 click 5 click 5 click 5
sleep 2
hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
anon=$(awk '/RssAnon/ {print $2}' /proc/$pid/status)
file=$(awk '/RssFile/ {print $2}' /proc/$pid/status)
echo "window on $(basename "$vault"), $(du -m "$vault/vault.qfv" | cut -f1) MB file: peak RSS $((hwm / 1024)) MB; now $((rss / 1024)) MB = $((anon / 1024)) MB heap + $((file / 1024)) MB mapped vault file and program"
if command -v import >/dev/null; then import -window root .bench/window.png 2>/dev/null || true; fi
