#!/bin/sh
# make bench: the benchmarks behind the README's "Measured" table.
# Go benchmarks (save, search, unlock at 1k/10k/100k dossiers; deadlines and
# statistics at 100k; PDF rendering) and whole-command timings (a 1 GB
# attachment in and out of the vault, with peak memory). Generated vaults are
# kept in .bench/ between runs; delete it to regenerate.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
mkdir -p .bench
out=.bench/results.txt
: > "$out"
say() { echo "$@" | tee -a "$out"; }

say "== Go benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(go version | cut -d' ' -f3))"
QF_BENCH_DIR="$PWD/.bench" go test ./store/ -run '^$' -bench 'SaveEdit$|Search' -benchtime 300x -timeout 60m | grep -E '^Benchmark' | tee -a "$out"
QF_BENCH_DIR="$PWD/.bench" go test ./store/ -run '^$' -bench 'Unlock' -benchtime 5x -v -timeout 60m | grep -E '^Benchmark|calibrated' | tee -a "$out"
say "-- the alternative: re-encrypt and replace one whole file per save"
go test ./store/ -run '^$' -bench 'SaveEditWholeFile' -benchtime 10x -timeout 60m | grep -E '^Benchmark' | tee -a "$out"
go test ./store/model/ -run '^$' -bench . -benchtime 10x | grep -E '^Benchmark' | tee -a "$out" || true
go test ./export/pdf/ -run '^$' -bench 'RenderNotice2Pages' -benchtime 50x | grep -E '^Benchmark' | tee -a "$out"
go test ./export/pdf/ -run '^$' -bench 'Render1000Notices' -benchtime 1x | grep -E '^Benchmark' | tee -a "$out"
say "-- the same 2-page notice through LibreOffice headless (whole processes)"
scripts/bench-pdf.sh | tee -a "$out"

say "== search: ours vs SQLite FTS5 trigram on the same 100k dossiers (bench-only module bench/fts)"
(cd bench/fts && go run . -vault ../../.bench/vault-100000 -runs 300) | tee -a "$out"

say "== the window on 100k dossiers under Xvfb"
go build -o .bench/qingfeng .
scripts/bench-window.sh .bench/vault-100000 "correct horse battery" .bench/qingfeng | tee -a "$out"

say "== 1 GB attachment through the CLI"
go build -o .bench/qingfeng .
export QINGFENG_PASSPHRASE=bench-passphrase-2026
v=.bench/attach-vault
rm -rf "$v"
.bench/qingfeng --vault "$v" init > /dev/null
[ -f .bench/1g.bin ] || head -c 1073741824 /dev/urandom > .bench/1g.bin
measure() { # label, command...
  label=$1; shift
  /usr/bin/time -f "%e %M" -o .bench/time.txt "$@" > /dev/null
  read secs kb < .bench/time.txt
  say "$(printf '%-28s %6.2f s  %7.1f MB/s  peak RSS %5d MB' "$label" "$secs" "$(echo "1024 / $secs" | bc -l)" $((kb / 1024)))"
}
measure "attach add (write, 1 GiB)" .bench/qingfeng --vault "$v" attach add --to case/bench .bench/1g.bin
id=$(.bench/qingfeng --vault "$v" attach list | awk '{print $1; exit}')
measure "attach get (read, 1 GiB)" .bench/qingfeng --vault "$v" attach get "$id" --out .bench/1g.out --yes
cmp -s .bench/1g.bin .bench/1g.out && say "read back: identical" || { say "read back: DIFFERS"; exit 1; }
rm -f .bench/1g.out
measure "cp (same file, baseline)" cp .bench/1g.bin .bench/1g.cp
rm -f .bench/1g.cp
say "== handoff of a case with a 1 GiB attachment vs the age CLI"
ROUNDS=1 export/handoff/bench.sh | tee -a "$out"
say "results in $out"
