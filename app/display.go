package app

import (
	"bytes"
	"errors"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/go-gl/glfw/v3.3/glfw"

	"qingfeng/app/msg"
)

// ErrNoDisplay means there is no graphical display to open the window on
// (a session over ssh, a server console); every task is also a verb of the
// command line. (Declared in app/msg, which words it.)
var ErrNoDisplay = msg.ErrNoDisplay

// checkDisplay looks, before GLFW starts, for the X display the window
// would open on: on Linux and the BSDs DISPLAY must be set and, when it
// names a local display (":0", "unix:0.0"), its socket must exist. Fyne's
// GLFW speaks X11 only (Wayland sessions provide XWayland's DISPLAY). It
// opens no connection; a remote display is left to GLFW (see noDisplayPanic).
func checkDisplay(getenv func(string) string) error {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
	default:
		return nil
	}
	d := getenv("DISPLAY")
	if d == "" {
		return ErrNoDisplay
	}
	host, num, ok := strings.Cut(d, ":")
	if !ok || (host != "" && host != "unix") {
		return nil
	}
	num, _, _ = strings.Cut(num, ".")
	if _, err := os.Stat(filepath.Join("/tmp/.X11-unix", "X"+num)); err != nil {
		return ErrNoDisplay
	}
	return nil
}

// noDisplayPanic reports whether a recovered panic is GLFW's "not
// initialised", which is how a display that cannot be opened shows up
// (the binding logs the X error and carries on; the first window call
// then panics). The binding does not export the code, only its name.
func noDisplayPanic(r any) bool {
	var e *glfw.Error
	err, ok := r.(error)
	return ok && errors.As(err, &e) && e.Code.String() == "NotInitialized"
}

// holdLog keeps what the standard logger writes (GLFW's binding logs its
// X errors there) until release is called: release(true) writes it out,
// release(false) drops it, when ErrNoDisplay says it all in one line.
// Calls after the first do nothing.
func holdLog() (release func(show bool)) {
	var held bytes.Buffer
	prev := log.Writer()
	log.SetOutput(&held)
	done := false
	return func(show bool) {
		if done {
			return
		}
		done = true
		log.SetOutput(prev)
		if show {
			prev.Write(held.Bytes())
		}
	}
}

// displayFromEnv is checkDisplay on the process environment.
func displayFromEnv() error { return checkDisplay(os.Getenv) }
