package bundle

import (
	"fmt"
	"os"
	"path/filepath"

	"filippo.io/age"
)

// WriteFile writes a bundle to path safely: it writes to a temporary file
// in the same directory, syncs it to the disk, opens it again, decrypts it
// and checks every entry against the manifest, and only then renames it to
// path (replacing any file there) and syncs the directory. On any error
// before the rename the temporary file is removed and path is untouched; if
// only the final directory sync fails, the bundle is in place and the
// error says so. Options and entries are
// as for Write; the read-back uses the file key captured while encrypting,
// so the sender need not be a recipient.
func WriteFile(path string, entries []Entry, opts WriteOptions) (*Manifest, error) {
	p, err := newPlan(entries, opts, 2)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("bundle: failed to create a temporary file: %w", err)
	}
	tmp := f.Name()
	if err := p.writeSynced(f); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	if err := p.readBack(tmp); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("bundle: failed to rename the bundle into place: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return nil, fmt.Errorf("bundle: written to %s, but: %w", path, err)
	}
	p.prog.end()
	return p.man, nil
}

// writeSynced writes the bundle to f, syncs and closes it.
func (p *plan) writeSynced(f *os.File) error {
	err := p.write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil && !classified(err) {
		return fmt.Errorf("bundle: failed to write %s: %w", f.Name(), err)
	}
	return err
}

// readBack decrypts the written file with the captured file key and checks
// it fully, as a receiver's Verify would.
func (p *plan) readBack(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("bundle: failed to reopen the written bundle: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("bundle: failed to reopen the written bundle: %w", err)
	}
	af, err := openAge(f, st.Size(), age.NewInjectedFileKeyIdentity(p.capture.key))
	if err != nil {
		return fmt.Errorf("bundle: read-back failed: %w", err)
	}
	r := &Reader{af: af, limits: DefaultLimits()}
	if err := r.load(); err != nil {
		return fmt.Errorf("bundle: read-back failed: %w", err)
	}
	if r.headSum != headSum(p.mjson, p.sig) {
		return errorf(ErrCorrupt, "read-back found another manifest")
	}
	if err := r.walkWith(nil, p.prog); err != nil {
		return fmt.Errorf("bundle: read-back failed: %w", err)
	}
	return nil
}

// syncDir makes the rename durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("bundle: failed to sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("bundle: failed to sync %s: %w", dir, err)
	}
	return nil
}
