#!/bin/sh
# make arm64-test: builds dist/qingfeng-linux-arm64 (make dist-arm64) and a
# native peer, then runs the command-line suite internal/binsuite on the
# arm64 binary under qemu-user, with handoffs to and from the native build.
#   scripts/arm64-test.sh          the suite (a smoke run if it is absent)
#   scripts/arm64-test.sh smoke    init, lead add, search, doc render,
#                                  backup, restore, check and a handoff to
#                                  the native build, by hand, on temp vaults
# The sysroot is / : the arm64 libraries come from Debian multiarch
# (libc6:arm64 and the X11/GL libraries scripts/deps.sh arm64 installs).
# QF_ARM64_SYSROOT overrides it; /usr/aarch64-linux-gnu does not work once
# libc6:arm64 is installed: its ld.so (libc6-arm64-cross, 2.36-8cross1) finds
# the multiarch libc.so.6 (another 2.36 build) through /etc/ld.so.cache, and
# any program that starts a thread hangs at start-up (a C pthread_create
# test does too), ignoring SIGTERM.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
GO=${GO:-go}
mode=${1:-suite}
root=$(pwd)
case "$root" in *" "*) echo "arm64-test: the checkout path must not contain spaces (QF_SUITE_BIN is split at spaces)" >&2; exit 2 ;; esac

scripts/deps.sh test # pdftotext (poppler-utils) for the suite
t0=$(date +%s)
make --no-print-directory dist-arm64
t1=$(date +%s)
echo "arm64-test: cross build $((t1 - t0)) s"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=1 $GO build -o "$tmp/qingfeng-native" .
sysroot=${QF_ARM64_SYSROOT:-/}
arm64="qemu-aarch64 -L $sysroot $root/dist/qingfeng-linux-arm64"
native="$tmp/qingfeng-native"

if [ "$mode" = suite ] && [ -d internal/binsuite ]; then
  t0=$(date +%s)
  status=0
  QF_SUITE_BIN="$arm64" QF_SUITE_PEER="$native" \
    $GO test -count=1 -timeout 60m -v ./internal/binsuite/ || status=$?
  t1=$(date +%s)
  echo "arm64-test: binsuite under qemu-aarch64 $((t1 - t0)) s, exit $status"
  exit $status
fi
[ "$mode" = suite ] && echo "arm64-test: internal/binsuite not found; smoke run by hand" >&2

# Smoke run: each step prints what it checks; any failure stops the script.
export QINGFENG_PASSPHRASE='arm64 冒烟测试口令 王䶮 欧阳𠮷'
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config"
mkdir -p "$HOME"
a="$tmp/arm64-vault" n="$tmp/native-vault"
A() { $arm64 --vault "$a" "$@"; }
N() { "$native" --vault "$n" "$@"; }
fail() { echo "arm64-test smoke: FAIL: $*" >&2; exit 1; }
step() { printf '%s: ' "$1"; }
t0=$(date +%s)

step "init (arm64)"
s=$(date +%s.%N); A init 2>/dev/null | grep -q 恢复密钥 || fail init; e=$(date +%s.%N)
echo "ok ($(echo "$e - $s" | awk '{printf "%.1f", $1 - $3}') s, Argon2id calibrated under qemu)"
step "check (unlock only)"
s=$(date +%s.%N); A check | grep -q 校验通过 || fail check; e=$(date +%s.%N)
echo "ok ($(echo "$e - $s" | awk '{printf "%.1f", $1 - $3}') s)"

step "lead add 王䶮/欧阳𠮷"
lead=$(printf '%s' '{"source":"信访举报","received":"2026-03-02","summary":"反映王䶮、欧阳𠮷在工程招投标中收受好处费","category":"廉洁纪律","reporter":{"name":"匿名","real_name":false},"subjects":[{"name":"王䶮","unit":"某区住建局"},{"name":"欧阳𠮷","unit":"某区财政局"}]}' |
  A lead add --json -) || fail "lead add"
case "$lead" in *"XS〔2026〕1号"*) ;; *) fail "lead add printed $lead" ;; esac
lead_id=$(echo "$lead" | awk '{print $1}')
echo "ok $lead"
step "search 𠮷 / 䶮"
A search 𠮷 --json | grep -q '"欧阳𠮷"' || fail "search 𠮷"
A search 䶮 --json | grep -q '"王䶮"' || fail "search 䶮"
echo ok

step "backup, change, restore"
A backup --out "$tmp/备份 䶮.qfbak" | grep -q 备份已写入 || fail backup
extra=$(printf '%s' '{"title":"备份之后新增的案卷"}' | A dossier add --json -)
A restore "$tmp/备份 䶮.qfbak" | grep -q 已从备份恢复 || fail restore
A dossier show "$extra" >/dev/null 2>&1 && fail "a record added after the backup survived the restore"
A search 𠮷 --json | grep -q "$lead_id" || fail "search after restore"
A check | grep -q 校验通过 || fail "check after restore"
A audit verify | grep -q 审计日志链完整 || fail "audit verify"
echo ok

step "demo (arm64)"
A demo 2>/dev/null | grep -q "案件 24" || fail demo
echo ok
step "doc render + pdftotext"
case_id=$(A case list --stage 立案 | awk 'NR == 1 { print $1 }') || true
[ -n "$case_id" ] || fail "no case in the demo vault"
A doc render --dossier "$case_id" --template 立案决定书 --out "$tmp/立案决定书 䶮𠮷.pdf" --date 2026-03-05 >/dev/null || fail "doc render"
text=$(pdftotext -enc UTF-8 "$tmp/立案决定书 䶮𠮷.pdf" - | tr -d ' \n')
number=$(A doc register --json | grep -o '某纪〔2026〕[0-9]*号' | head -1) || true
case "$text" in *立案决定书*"$number"*2026年3月5日*|*"$number"*立案决定书*2026年3月5日*) ;; *) fail "PDF text lacks 立案决定书/$number/2026年3月5日: $text" ;; esac
echo "ok $number"

step "handoff arm64 -> native"
N init >/dev/null 2>&1 || fail "native init"
A handoff keygen --name '甲方 䶮' >/dev/null || fail "keygen arm64"
N handoff keygen --name '乙方 𠮷' >/dev/null || fail "keygen native"
N handoff contacts add "$(A handoff whoami --json | grep -o 'qingfeng-contact:v1:[^"]*')" >/dev/null || fail "contact arm64 on native"
A handoff contacts add "$(N handoff whoami --json | grep -o 'qingfeng-contact:v1:[^"]*')" >/dev/null || fail "contact native on arm64"
A handoff export --dossier "$case_id" --to '乙方 𠮷' --out "$tmp/甲给乙.qfb" 2>/dev/null | grep -q SHA-256 || fail "export"
N handoff import "$tmp/甲给乙.qfb" 2>/dev/null | grep -q "新增  case/$case_id" || fail "import on native"
[ "$(A case show "$case_id" --json)" = "$(N case show "$case_id" --json)" ] || fail "case differs after import"
N check | grep -q 校验通过 || fail "native check after import"
echo ok

t1=$(date +%s)
echo "arm64-test smoke: all steps passed under qemu-aarch64 in $((t1 - t0)) s"
