package store

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// InternalLogName is the file, in the vault directory, to which the stack of
// every internal error (ErrInternal) is appended, for the user to hand over.
// It holds no record data: the time, the panic value's type, the runtime's
// own message for runtime errors, and the stack (function names, source
// lines and argument words, never strings).
const InternalLogName = "qingfeng-internal-errors.log"

// InternalLog returns the internal-error log path of the vault in dir.
func InternalLog(dir string) string { return filepath.Join(dir, InternalLogName) }

// guardFaults makes a memory fault in this goroutine (bbolt following a
// damaged page pointer into unmapped memory) a panic that recoverPanic can
// catch, instead of a crash. Use as `defer guardFaults()()`.
func guardFaults() func() {
	old := debug.SetPanicOnFault(true)
	return func() { debug.SetPanicOnFault(old) }
}

// recoverPanic, deferred directly by a guarded entry point, turns a panic
// into *err: ErrCorrupt when it came from reading the file (a fault on the
// mapped pages, or bbolt tripping over a damaged page), else ErrInternal,
// with the stack appended to the internal-error log of the vault in dir.
func recoverPanic(dir string, err *error) {
	r := recover()
	if r == nil {
		return
	}
	if fromDamage(r, panicOrigin()) {
		*err = fmt.Errorf("%w: %v", ErrCorrupt, r)
		return
	}
	*err = internalError(dir, r, debug.Stack())
}

// fromDamage reports whether a panic is the file's fault: a memory fault at
// an address (a mapped page that is not there), or a panic raised inside
// bbolt, which panics on pages it cannot make sense of. Anything else —
// a nil pointer, an index out of range, an explicit panic in this program's
// code — is a programming error.
func fromDamage(r any, origin string) bool {
	if f, ok := r.(interface{ Addr() uintptr }); ok && f.Addr() != 0 {
		return true
	}
	return strings.HasPrefix(origin, "go.etcd.io/bbolt")
}

// ownRoot is the first element of this module's import paths ("qingfeng").
var ownRoot, _, _ = strings.Cut(reflect.TypeOf(Vault{}).PkgPath(), "/")

// panicOrigin names the function that panicked, seen from a function
// deferred during the panic: the first frame below the runtime's panic
// machinery that is not in the standard library ("" if none).
func panicOrigin() string {
	pc := make([]uintptr, 64)
	frames := runtime.CallersFrames(pc[:runtime.Callers(2, pc)])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case strings.HasPrefix(f.Function, "runtime."):
			inPanic = true
		case inPanic && !standardLibrary(f.Function):
			return f.Function
		}
		if !more {
			return ""
		}
	}
}

// standardLibrary reports whether a function name ("bytes.Compare",
// "internal/bytealg.Compare") is in the standard library: its first path
// element has no dot and is not this module's.
func standardLibrary(fn string) bool {
	first, _, found := strings.Cut(fn, "/")
	if !found {
		first, _, _ = strings.Cut(fn, ".")
	}
	return !strings.Contains(first, ".") && first != ownRoot && first != "main"
}

// InternalError is the error of a panic in the program's own code inside a
// guarded entry point; errors.Is(err, ErrInternal) holds for it.
type InternalError struct {
	Panic  any    // the recovered value
	Log    string // the log the stack was appended to; "" when it was not
	LogErr error  // why the stack was not logged, if it was not
}

func (e *InternalError) Error() string {
	s := fmt.Sprintf("%v: %v", ErrInternal, e.Panic)
	switch {
	case e.Log != "":
		return s + " (stack appended to " + e.Log + ")"
	case e.LogErr != nil:
		return s + " (the stack could not be logged: " + e.LogErr.Error() + ")"
	}
	return s + " (the stack was not logged)"
}

// Unwrap returns ErrInternal.
func (e *InternalError) Unwrap() error { return ErrInternal }

// internalError builds the ErrInternal for panic value r and appends the
// stack to the log of the vault in dir.
func internalError(dir string, r any, stack []byte) error {
	e := &InternalError{Panic: r}
	path := InternalLog(dir)
	if e.LogErr = appendInternalLog(path, describePanic(r), stack); e.LogErr == nil {
		e.Log = path
	}
	return e
}

// describePanic is what the log says of a panic value: its type, and the
// message for a runtime error, whose text the runtime writes. Other values
// (a string or error the program panicked with) may quote record data, so
// their text is only returned to the caller, never written to disk.
func describePanic(r any) string {
	if e, ok := r.(runtime.Error); ok {
		return fmt.Sprintf("%T: %s", r, e.Error())
	}
	return fmt.Sprintf("%T (message not logged: it may quote record data)", r)
}

// appendInternalLog appends one entry (time, what, stack) to the log at
// path, created with mode 0600, and syncs it.
func appendInternalLog(path, what string, stack []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	entry := fmt.Sprintf("=== %s qingfeng internal error\npanic: %s\n%s\n",
		time.Now().UTC().Format(time.RFC3339), what, stack)
	_, err = f.WriteString(entry)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
