//go:build !windows

package main

// hideOwnConsole does nothing outside Windows (see console_windows.go).
func hideOwnConsole() {}
