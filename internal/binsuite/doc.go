// Package binsuite runs a whole, built qingfeng binary as child processes
// and checks what it prints, the way a user or a script sees it: init and
// the recovery key, leads with subjects outside the Basic Multilingual
// Plane, search, the 线索台账, a document rendered from the demo vault and
// read back with pdftotext, backup, restore and check, and a handoff round
// trip in both directions between the binary under test and a peer.
//
// The binary under test is the command-line prefix in QF_SUITE_BIN, split at
// spaces (for example "wine /abs/dist/qingfeng-windows-amd64.exe", or
// "qemu-aarch64 -L / /abs/dist/qingfeng-linux-arm64"; see scripts/arm64-test.sh for why the sysroot is /).
// QF_SUITE_PEER names the binary on the other side of the handoff. Either one
// unset means a native build of this module, made once per run into a
// temporary folder, so `go test ./...` always runs the suite natively.
//
// A prefix whose program ends in ".exe" is taken to be a Windows build: the
// paths given to it are written as Windows paths on drive Z:, which Wine maps
// to the Unix root (Z:\tmp\x for /tmp/x). Run it with WINEDEBUG=-all, since
// the suite requires stderr to hold nothing but the verbs' own messages.
//
// Nothing here imports the command-line code: the binaries are black boxes,
// and only the JSON they print is decoded.
package binsuite
