#!/bin/sh
# The race detector over the vault, the export formats and the window (with
# the command line under app/cli): every test of store/, export/ and app/
# built with -race, in -short mode. Exits non-zero if a test fails or a data
# race is reported (the race detector fails the test it happens in).
#
# Needs cgo (gcc) and what the tests need (make test installs both: strace,
# age, poppler-utils, …). Under -race some store tests loop fewer times
# (store/race_on_test.go). On a 2-core machine it took 13.5 to 15 minutes
# with a warm build cache and 20.5 with a cold one (GOCACHE empty, modules
# already downloaded); the app and app/cli packages take most of it.
set -eu
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
exec go test -race -short -count=1 -timeout 30m ./store/... ./export/... ./app/...
