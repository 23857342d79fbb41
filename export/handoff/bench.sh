#!/bin/sh
# Handoff of a case with a 1 GiB attachment through the CLI (export from a
# demo vault, import into a fresh one), against age -e / age -d on the same
# bytes in the same run: elapsed seconds and peak RSS (/usr/bin/time).
# Everything lives in .bench/handoff/ (git-ignored) and is deleted at the end
# unless KEEP=1. ROUNDS (default 3) interleaves the four measurements.
set -eu
cd "$(dirname "$0")/../.."
export PATH="$PATH:/usr/local/go/bin"
d=.bench/handoff
rm -rf "$d"
mkdir -p "$d"
out="$d/results.txt"
say() { echo "$@" | tee -a "$out"; }
q="$d/qingfeng"
go build -o "$q" .
export QINGFENG_PASSPHRASE=bench-handoff-2026
head -c 1073741824 /dev/urandom > "$d/1g.bin"
"$q" --vault "$d/A" demo > /dev/null 2>&1
"$q" --vault "$d/A" handoff keygen --name 甲 > /dev/null 2>&1
id=$("$q" --vault "$d/A" case list 2> /dev/null | awk '{print $1; exit}')
"$q" --vault "$d/A" attach add --to "case/$id" "$d/1g.bin" > /dev/null 2>&1
age-keygen -o "$d/age-key.txt" 2> /dev/null
recipient=$(age-keygen -y "$d/age-key.txt")
contact() { "$q" --vault "$1" handoff whoami --json 2> /dev/null | sed -n 's/.*"contact": "\(.*\)".*/\1/p'; }

measure() { # label, command...
  label=$1; shift
  /usr/bin/time -f "%e %M" -o "$d/time.txt" "$@" > /dev/null 2>&1
  read secs kb < "$d/time.txt"
  say "$(printf '%-34s %6.2f s  %7.1f MB/s  peak RSS %5d MB' "$label" "$secs" "$(echo "1073.741824 / $secs" | bc -l)" $((kb / 1024)))"
}

# freshB makes an empty receiving vault 乙 that knows 甲 and is known by it.
freshB() {
  rm -rf "$d/B"
  "$q" --vault "$d/B" init > /dev/null 2>&1
  "$q" --vault "$d/B" handoff keygen --name 乙 > /dev/null 2>&1
  "$q" --vault "$d/B" handoff contacts add "$(contact "$d/A")" > /dev/null 2>&1
  "$q" --vault "$d/A" handoff contacts remove 乙 > /dev/null 2>&1 || true
  "$q" --vault "$d/A" handoff contacts add "$(contact "$d/B")" > /dev/null 2>&1
}

say "== handoff of 1 GiB ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(age --version))"
measure "unlock only (handoff whoami)" "$q" --vault "$d/A" handoff whoami
for i in $(seq "${ROUNDS:-3}"); do
  freshB
  measure "age -e (1 GiB file)" age -e -r "$recipient" -o "$d/1g.age" "$d/1g.bin"
  measure "handoff export (vault → .qfb)" "$q" --vault "$d/A" handoff export --dossier "$id" --to 乙 --out "$d/x.qfb"
  measure "age -d (to /dev/null)" age -d -i "$d/age-key.txt" -o /dev/null "$d/1g.age"
  measure "handoff import (.qfb → vault)" "$q" --vault "$d/B" handoff import "$d/x.qfb"
done
measure "handoff import again (dedup)" "$q" --vault "$d/B" handoff import "$d/x.qfb"
att=$("$q" --vault "$d/B" attach list 2> /dev/null | awk '{print $1; exit}')
"$q" --vault "$d/B" attach get "$att" --out "$d/1g.out" --yes > /dev/null 2>&1
cmp -s "$d/1g.bin" "$d/1g.out" && say "received attachment: identical" || { say "received attachment: DIFFERS"; exit 1; }
[ "${KEEP:-0}" = 1 ] || rm -rf "$d"
