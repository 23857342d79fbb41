#!/bin/sh
# Fault tests on real media (part of make reliability; needs root to mount):
#   - a small tmpfs fills up while an attachment is written and while a bundle
#     is imported: one clear line, the vault opens and checks clean, nothing
#     acknowledged is lost;
#   - a vault and a bundle on read-only media: clear errors, no corruption;
#   - the bundle file cut off while an import reads it: refused, vault unchanged.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin" LANG=en_US.UTF-8 QINGFENG_PASSPHRASE=faults-passphrase-2026 QF_BUNDLE=bundle-passphrase-2026
[ "$(id -u)" = 0 ] || { echo "faults.sh needs root to mount a tmpfs (run make reliability as root)" >&2; exit 1; }
d=$(mktemp -d /var/tmp/qf-faults-XXXXXX)
q="$d/qingfeng"
go build -o "$q" .
mkdir -p "$d/small" "$d/ro"
cleanup() { umount "$d/small" 2>/dev/null || true; umount "$d/ro" 2>/dev/null || true; rm -rf "$d"; }
trap cleanup EXIT
pass=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; exit 1; }
# expect_fail WANT cmd...: the command must fail with exactly one error line
# ("qingfeng VERB: …", progress lines aside) containing WANT
expect_fail() {
  want=$1; shift
  if "$@" > "$d/out" 2> "$d/err.raw"; then fail "$* succeeded"; fi
  tr '\r' '\n' < "$d/err.raw" | grep -o 'qingfeng [a-z]*: .*' > "$d/err" || true
  [ "$(grep -c . "$d/err")" = 1 ] && grep -q "$want" "$d/err" || fail "$*: $(cat "$d/err.raw")"
}
count() { "$q" --vault "$1" dossier list --json 2>/dev/null | grep -c '"id"' || true; }

# 1. A small disk fills up mid-attachment.
mount -t tmpfs -o size=6m tmpfs "$d/small"
"$q" --vault "$d/small/v" init > /dev/null 2>&1
for i in 1 2 3 4 5; do echo "{\"title\":\"满盘之前 $i\"}" | "$q" --vault "$d/small/v" dossier add --json - > /dev/null 2>&1; done
head -c 16777216 /dev/urandom > "$d/16m.bin"
expect_fail "磁盘空间不足" "$q" --vault "$d/small/v" attach add --to dossier/x "$d/16m.bin"
"$q" --vault "$d/small/v" check > /dev/null 2>&1 || fail "check after a full disk"
[ "$(count "$d/small/v")" = 5 ] || fail "records lost after a full disk"
ok "disk full while writing a 16 MiB attachment on a 6 MiB disk: one clear line, check clean, 5/5 records"

# 2. A small disk fills up mid-import.
"$q" --vault "$d/A" init > /dev/null 2>&1
"$q" --vault "$d/A" handoff keygen --name 甲 > /dev/null 2>&1
id=$(echo '{"title":"交接中的案卷"}' | "$q" --vault "$d/A" dossier add --json - 2>/dev/null)
"$q" --vault "$d/A" attach add --to "dossier/$id" "$d/16m.bin" > /dev/null 2>&1
"$q" --vault "$d/A" handoff export --dossier "$id" --passphrase-env QF_BUNDLE --out "$d/b.qfb" > /dev/null 2>&1
before=$(count "$d/small/v")
expect_fail "磁盘空间不足" "$q" --vault "$d/small/v" handoff import "$d/b.qfb" --passphrase-env QF_BUNDLE --trust
"$q" --vault "$d/small/v" check > /dev/null 2>&1 || fail "check after a full disk during import"
[ "$(count "$d/small/v")" = "$before" ] || fail "a failed import changed the records"
ok "disk full while importing a 16 MiB bundle: one clear line, check clean, records unchanged"

# 3. Read-only media: the vault, a backup target, a bundle source.
mount -t tmpfs -o size=64m tmpfs "$d/ro"
cp -r "$d/A" "$d/ro/A"
cp "$d/b.qfb" "$d/ro/b.qfb"
mount -o remount,ro "$d/ro"
expect_fail "只读" "$q" --vault "$d/ro/A" dossier list
ok "vault on read-only media: one clear line"
expect_fail "read-only file system" "$q" --vault "$d/A" backup --out "$d/ro/backup.qfbak"
ok "backup onto read-only media: one clear line"
"$q" --vault "$d/B" init > /dev/null 2>&1
"$q" --vault "$d/B" handoff import "$d/ro/b.qfb" --passphrase-env QF_BUNDLE --trust > /dev/null 2>&1 || fail "import from read-only media"
[ "$(count "$d/B")" = 1 ] || fail "import from read-only media lost the dossier"
ok "import from a bundle on read-only media works"

# 4. The bundle is cut off while the import reads it.
"$q" --vault "$d/C" init > /dev/null 2>&1
big=$(echo '{"title":"大附件"}' | "$q" --vault "$d/A" dossier add --json - 2>/dev/null)
head -c 268435456 /dev/urandom > "$d/256m.bin"
"$q" --vault "$d/A" attach add --to "dossier/$big" "$d/256m.bin" > /dev/null 2>&1
"$q" --vault "$d/A" handoff export --dossier "$big" --passphrase-env QF_BUNDLE --out "$d/big.qfb" > /dev/null 2>&1
( sleep 1; truncate -s 1000000 "$d/big.qfb" ) &
expect_fail "" "$q" --vault "$d/C" handoff import "$d/big.qfb" --passphrase-env QF_BUNDLE --trust
wait
"$q" --vault "$d/C" check > /dev/null 2>&1 || fail "check after a cut import"
[ "$(count "$d/C")" = 0 ] || fail "a cut import left records"
ok "bundle cut to 1 MB while importing 256 MiB: refused ($(head -c 120 "$d/err")…), check clean, nothing kept"
echo "faults: $pass passed"
