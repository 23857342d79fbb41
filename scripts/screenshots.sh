#!/bin/sh
# make screenshots: the window on a fresh demo vault under Xvfb, driven with
# xdotool, captured with ImageMagick's import into docs/screenshots/.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
out=docs/screenshots
mkdir -p "$out" .bench
go build -o .bench/qingfeng-shots .
v=.bench/shots-vault
rm -rf "$v"
QINGFENG_PASSPHRASE=qingfeng-demo-2026 .bench/qingfeng-shots --vault "$v" demo > /dev/null
export DISPLAY=:94
Xvfb :94 -screen 0 1280x820x24 > /dev/null 2>&1 &
xvfb=$!
trap 'kill $pid $xvfb 2>/dev/null || true' EXIT
sleep 1
LANG=zh_CN.UTF-8 .bench/qingfeng-shots --vault "$v" > /dev/null 2>&1 &
pid=$!
win=$(xdotool search --sync --name "清风案卷" | head -1)
sleep 2
xdotool windowmove "$win" 0 0 windowsize "$win" 1280 820
sleep 1
import -window root "$out/unlock.png"
xdotool type --delay 20 qingfeng-demo-2026
xdotool key Return
sleep 6
import -window root "$out/dashboard.png"
xdotool mousemove 60 131 click 1   # 案件 (third entry of the side navigation)
sleep 3
import -window root "$out/cases.png"
xdotool mousemove 500 170 click 1 sleep 0.3 click --repeat 2 1   # open the first case
sleep 3
import -window root "$out/case.png"
xdotool mousemove 201 212 click 1   # 流程
sleep 2
import -window root "$out/flow.png"
xdotool mousemove 201 414 click 1   # 文书
sleep 2
xdotool mousemove 650 143 click 1   # the template list
sleep 1
xdotool mousemove 650 190 click 1   # its first template
sleep 6
import -window root "$out/docs.png"
echo "screenshots in $out: $(ls "$out" | tr '\n' ' ')"
