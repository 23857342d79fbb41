//go:build windows

package atomicfile

// ignorableSyncError: Windows refuses FlushFileBuffers on a folder handle;
// NTFS keeps renames durable without it.
func ignorableSyncError(error) bool { return true }
