// Package atomicfile writes files that appear whole or not at all: the
// content goes to a temporary file beside the target (same folder, so the
// rename stays on one file system), is flushed to the disk with fsync, and
// is then renamed over the target, and the folder itself is synced so the
// new name survives a power cut. A failure or Abort removes the temporary
// file and leaves whatever was at the target untouched.
//
// It is the one writer of every file the program produces outside the
// vault: PDFs, plaintext copies of attachments, the recovery-key sheet,
// handoff bundles and backups.
package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
)

// File is a file being written. Write to it, then Commit or Abort; the
// caller owns it until one of them is called (both may be called: Abort
// after Commit does nothing). It is not safe for concurrent use.
type File struct {
	f    *os.File
	path string
	done bool
}

// Create starts writing path with permission perm (0o600 for anything
// holding case data). The target is not touched until Commit.
func Create(path string, perm os.FileMode) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &File{f: f, path: path}, nil
}

// Write writes to the temporary file.
func (a *File) Write(p []byte) (int, error) { return a.f.Write(p) }

// Name is the target path.
func (a *File) Name() string { return a.path }

// TempName is the temporary file's path (for tools that must read what
// was written before it is committed).
func (a *File) TempName() string { return a.f.Name() }

// Commit syncs the content, renames it over the target and syncs the
// folder. On error the temporary file is removed and the target is as it
// was.
func (a *File) Commit() error {
	if a.done {
		return errors.New("atomicfile: already committed or aborted")
	}
	a.done = true
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return err
	}
	return SyncDir(filepath.Dir(a.path))
}

// Abort drops what was written; the target is untouched.
func (a *File) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.f.Close()
	os.Remove(a.f.Name())
}

// Write writes path atomically with the bytes fill writes.
func Write(path string, perm os.FileMode, fill func(io.Writer) error) error {
	a, err := Create(path, perm)
	if err != nil {
		return err
	}
	if err := fill(a); err != nil {
		a.Abort()
		return err
	}
	return a.Commit()
}

// WriteBytes writes data to path atomically.
func WriteBytes(path string, perm os.FileMode, data []byte) error {
	return Write(path, perm, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// SyncDir flushes a folder's entries (new and renamed names) to the disk.
// Windows cannot open a folder for syncing and keeps names durable by
// itself, so there it does nothing.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !ignorableSyncError(err) {
		return err
	}
	return nil
}
