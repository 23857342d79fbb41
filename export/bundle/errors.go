package bundle

import (
	"errors"
	"fmt"
	"io/fs"
)

// Errors returned by this package. Every kind of bad input is reported by
// exactly one of them, wrapped with detail; match them with errors.Is.
var (
	// ErrWrongKey means no identity or passphrase given can open the file key:
	// the bundle was made for someone else, the passphrase is wrong, or the
	// recipient block in the age header was damaged in a way that cannot be
	// told apart from a wrong key.
	ErrWrongKey = errors.New("bundle: wrong key or passphrase")
	// ErrCorrupt means authenticated data failed its check: a changed byte in
	// the age header MAC or payload, bytes appended after the end, or a file
	// that changed between two passes.
	ErrCorrupt = errors.New("bundle: file is damaged or was altered")
	// ErrTruncated means the file ends early: inside the age header, or in the
	// payload (cut at or between chunks), or it is empty.
	ErrTruncated = errors.New("bundle: file is truncated")
	// ErrNotBundle means the file is not an age file, or its plaintext is not
	// a bundle archive that starts with manifest.json.
	ErrNotBundle = errors.New("bundle: not a bundle file")
	// ErrVersion means manifest.json carries a format version this package
	// does not read.
	ErrVersion = errors.New("bundle: unknown format version")
	// ErrManifest means manifest.json is not valid for its version.
	ErrManifest = errors.New("bundle: malformed manifest")
	// ErrUnsafePath means a path is absolute or has a ".." element (or a
	// backslash, NUL or drive letter) and could escape an extraction directory.
	ErrUnsafePath = errors.New("bundle: entry path is absolute or escapes the bundle")
	// ErrDuplicate means the same path occurs twice in the archive, the
	// manifest or the entries given to the writer.
	ErrDuplicate = errors.New("bundle: duplicate entry")
	// ErrUnlisted means the archive holds an entry, or data after its end,
	// that the manifest does not list.
	ErrUnlisted = errors.New("bundle: entry not listed in the manifest")
	// ErrMissing means an entry listed in the manifest is absent from the
	// archive or not in its listed place.
	ErrMissing = errors.New("bundle: entry listed in the manifest is missing")
	// ErrNotRegular means an archive entry is not a plain regular file
	// (directory, link, device, global header, sparse file, ...).
	ErrNotRegular = errors.New("bundle: entry is not a regular file")
	// ErrSize means an entry's size differs from the size in the manifest
	// (or, when writing, from the size its Entry declared).
	ErrSize = errors.New("bundle: entry size differs from the manifest")
	// ErrTooLarge means manifest.json, the entry count or the declared total
	// size exceeds the Limits, or zero padding after the archive is too long.
	ErrTooLarge = errors.New("bundle: size exceeds the limit")
	// ErrHash means content does not match its SHA-256 in the manifest (or,
	// when writing, the SHA-256 its Entry declared).
	ErrHash = errors.New("bundle: content does not match its SHA-256")
	// ErrSignature means manifest.sig is not a valid Ed25519 signature of
	// manifest.json by the sender key the manifest names.
	ErrSignature = errors.New("bundle: manifest signature is not valid")
	// ErrSenderMismatch means the sender shares a name or one key with a
	// known contact but its keys are not that contact's keys.
	ErrSenderMismatch = errors.New("bundle: sender keys differ from the known contact")
	// ErrUnknownSender means the sender is not among the known contacts and
	// the caller did not explicitly trust it.
	ErrUnknownSender = errors.New("bundle: sender is not a known contact")
	// ErrBadIdentity means marshalled identity bytes are malformed.
	ErrBadIdentity = errors.New("bundle: malformed identity")
	// ErrBadContact means a contact or its text form is malformed.
	ErrBadContact = errors.New("bundle: malformed contact")
	// ErrBadEntry means an Entry given to the writer is invalid (path not in
	// the bundle layout, negative size, no Open func).
	ErrBadEntry = errors.New("bundle: invalid entry")
	// ErrOptions means the options are incomplete or contradictory.
	ErrOptions = errors.New("bundle: invalid options")
)

// bundleError is a sentinel of this package with detail. Its Error text is
// "<sentinel>: <detail>"; errors.Is(err, sentinel) holds.
type bundleError struct {
	sentinel error
	detail   string
}

func (e *bundleError) Error() string { return e.sentinel.Error() + ": " + e.detail }
func (e *bundleError) Unwrap() error { return e.sentinel }

// errorf wraps sentinel with a formatted detail.
func errorf(sentinel error, format string, args ...any) error {
	return &bundleError{sentinel: sentinel, detail: fmt.Sprintf(format, args...)}
}

// classified reports whether err already carries this package's sentinel
// (or is an I/O error of the file, which passes through unchanged).
func classified(err error) bool {
	var be *bundleError
	var pathErr *fs.PathError
	return errors.As(err, &be) || errors.As(err, &pathErr)
}
