//go:build !linux

package store

// dropPages is a no-op where madvise is not used; see pages_linux.go.
func dropPages([]byte) {}
