//go:build !windows

package atomicfile

// ignorableSyncError: on Unix a folder sync error is real.
func ignorableSyncError(error) bool { return false }
