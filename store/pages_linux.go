package store

import (
	"os"
	"syscall"
	"unsafe"
)

// dropPages tells the kernel this process no longer needs the whole memory
// pages inside b, a value read from bbolt's memory map. Reading a large
// attachment through the map would otherwise leave every page of it counted
// in the program's resident memory; the file and the page cache are not
// affected, and a later read simply maps the pages again.
func dropPages(b []byte) {
	if len(b) == 0 {
		return
	}
	ps := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	first := (start + ps - 1) &^ (ps - 1)
	end := (start + uintptr(len(b))) &^ (ps - 1)
	if end <= first {
		return
	}
	syscall.Syscall(syscall.SYS_MADVISE, first, end-first, syscall.MADV_DONTNEED)
}
