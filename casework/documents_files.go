package casework

import (
	"fmt"
	"os"

	"qingfeng/internal/atomicfile"
	"qingfeng/store"
)

// docFiles are the PDFs of one render transaction: each is written and
// synced under a temporary name beside its target (stage), renamed into
// place when the transaction's work is done (commit), and removed again
// if the transaction does not commit (undo). updateDocs owns them.
type docFiles struct {
	staged []*atomicfile.File
	placed []string // targets already renamed into place
}

// stage writes data under a temporary name beside path.
func (f *docFiles) stage(path string, data []byte) error {
	a, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return fmt.Errorf("failed to create a file beside %s: %w", path, err)
	}
	f.staged = append(f.staged, a)
	if _, err := a.Write(data); err != nil {
		return fmt.Errorf("failed to write %s: %w", path, err)
	}
	return nil
}

// commit renames every staged file into place; on a failure the caller
// undoes (the files placed so far are removed, the rest dropped).
func (f *docFiles) commit() error {
	for _, a := range f.staged {
		if err := a.Commit(); err != nil {
			return fmt.Errorf("failed to write %s: %w", a.Name(), err)
		}
		f.placed = append(f.placed, a.Name())
	}
	return nil
}

// undo drops the staged files not yet placed and removes the placed ones.
func (f *docFiles) undo() {
	for _, a := range f.staged {
		a.Abort()
	}
	for _, p := range f.placed {
		os.Remove(p)
	}
}

// updateDocs runs fn in one read-write transaction, then, still inside
// it, renames the files fn staged into place. If fn, a rename or the
// vault's commit fails, no file is left behind and nothing is kept.
func (s *Service) updateDocs(fn func(*store.Tx, *docFiles) error) error {
	var files docFiles
	err := s.update(func(tx *store.Tx) error {
		if err := fn(tx, &files); err != nil {
			return err
		}
		return files.commit()
	})
	if err != nil {
		files.undo()
	}
	return err
}
