package bundle

import (
	"fmt"
	"os"

	"filippo.io/age"

	"qingfeng/internal/atomicfile"
)

// WriteFile writes a bundle to path safely, through package atomicfile: it
// writes to a temporary file in the same directory, opens it again,
// decrypts it and checks every entry against the manifest (WriteChecked),
// and only then syncs it, renames it to path (replacing any file there) and
// syncs the directory. On any error before the rename the temporary file is
// removed and path is untouched; if only the final directory sync fails,
// the bundle is in place and the error says so. Options and entries are as
// for Write.
func WriteFile(path string, entries []Entry, opts WriteOptions) (*Manifest, error) {
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return nil, fmt.Errorf("bundle: failed to create a temporary file: %w", err)
	}
	defer f.Abort()
	man, err := WriteChecked(f, entries, opts)
	if err != nil {
		return nil, err
	}
	if err := f.Commit(); err != nil {
		return nil, fmt.Errorf("bundle: failed to put %s in place: %w", path, err)
	}
	return man, nil
}

// WriteChecked writes a bundle into f, a file not yet committed, then opens
// what it wrote again (f.TempName), decrypts it and checks every entry
// against the manifest, as a receiver's Verify would. The read-back uses
// the file key captured while encrypting, so the sender need not be a
// recipient. The caller owns f: it commits f to put the bundle in place
// (after whatever else must happen first, such as an audit entry), or
// aborts it, as it must after an error. Options and entries are as for
// Write; Progress counts both passes.
func WriteChecked(f *atomicfile.File, entries []Entry, opts WriteOptions) (*Manifest, error) {
	p, err := newPlan(entries, opts, 2)
	if err != nil {
		return nil, err
	}
	if err := p.write(f); err != nil {
		if !classified(err) {
			err = fmt.Errorf("bundle: failed to write %s: %w", f.TempName(), err)
		}
		return nil, err
	}
	if err := p.readBack(f.TempName()); err != nil {
		return nil, err
	}
	p.prog.end()
	return p.man, nil
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
