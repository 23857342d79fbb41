#!/bin/sh
# make reliability: the long fault suite. `make test` runs the short form of
# each (100 kills, 100 flips, one session, fuzz seeds); this runs them longer.
#   KILLS (default 1000)   SIGKILLs of a writer, check + acknowledged writes after each
#   FLIPS (default 1000)   random byte flips in a closed vault, each reported or harmless
#   FUZZTIME (default 20000x) executions per fuzz target (counts, not durations: golang/go#75804)
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
KILLS=${KILLS:-1000}
FLIPS=${FLIPS:-1000}
FUZZTIME=${FUZZTIME:-20000x}
echo "== crash: $KILLS SIGKILLs"
go test ./store/ -run 'TestCrashSafety$' -crashkills "$KILLS" -timeout 120m -v | grep -E 'kills|^(ok|FAIL|---)'
echo "== bit rot: $FLIPS flips in a vault; flips and cuts in backups and bundles"
go test ./store/ -run 'TestByteFlipsAreReported$' -count $((FLIPS / 100)) -v | grep -E 'flips|^(ok|FAIL)' | sort | uniq -c
go test ./store/ -run 'TestRestoreRefusesBadBackups$|TestAttachmentTamperDetected$' | tail -1
go test ./export/bundle/ -run 'Flip|Trunc|BadInput' | tail -1
echo "== disk full, no plaintext, no network"
go test ./app/cli/ -run 'TestDiskFullMidWrite$|TestSessionLeavesNoPlaintextAndOpensNoSocket$' -v | grep -E 'acknowledged|markers|^(ok|FAIL)'
echo "== real media: a small tmpfs filling up, read-only media, a bundle cut off mid-import (needs root)"
scripts/faults.sh
echo "== fuzzing, $FUZZTIME per target"
make --no-print-directory fuzz FUZZTIME="$FUZZTIME"
