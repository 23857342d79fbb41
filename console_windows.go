//go:build windows

package main

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	kernel32              = windows.NewLazySystemDLL("kernel32.dll")
	getConsoleProcessList = kernel32.NewProc("GetConsoleProcessList")
	freeConsole           = kernel32.NewProc("FreeConsole")
)

// hideOwnConsole closes the console window Windows opens for a console
// program started from Explorer, before the window is shown. The program is
// built as a console program so that its verbs print in cmd and PowerShell
// and read the passphrase there; when the console is shared with the shell
// that started it (more than this one process in it), it is left alone.
func hideOwnConsole() {
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	if n == 1 {
		freeConsole.Call()
	}
}
