package bundle

import (
	"errors"
)

// Limits bound what a reader accepts before it reads further; they are
// checked against declared sizes, so nothing is allocated from a size an
// attacker wrote. The writer refuses to make bundles that DefaultLimits
// would refuse.
type Limits struct {
	MaxManifestSize int64 // bytes of manifest.json
	MaxEntries      int   // entries, and dossier references, in the manifest
	MaxTotalSize    int64 // sum of all entry sizes declared in the manifest
}

// DefaultLimits returns the limits used when ReadOptions.Limits is zero:
// a 64 MiB manifest, 1,048,576 entries and 1 TiB of entry content.
func DefaultLimits() Limits {
	return Limits{MaxManifestSize: 64 << 20, MaxEntries: 1 << 20, MaxTotalSize: 1 << 40}
}

// orDefault returns l, or DefaultLimits if l is the zero value.
func (l Limits) orDefault() Limits {
	if l == (Limits{}) {
		return DefaultLimits()
	}
	return l
}

// maxTrailing bounds the zero bytes accepted after the end of the archive
// (our writer pads to at most 64 KiB; stock tar pads to 10 KiB records).
const maxTrailing = 1 << 20

// checkEntries checks an entry list: canonical, safe and distinct paths in
// Kind order, non-negative sizes within the limits, and attachments named by
// their SHA-256 (unless that hash is still unknown, i.e. zero). Layout
// violations wrap layoutErr. It returns the index of each path.
func checkEntries(entries []Entry, l Limits, layoutErr error) (map[string]int, error) {
	if len(entries) > l.MaxEntries {
		return nil, errorf(ErrTooLarge, "%d entries", len(entries))
	}
	index := make(map[string]int, len(entries))
	var total int64
	prev := Kind(0)
	for i, e := range entries {
		info, err := ParsePath(e.Path)
		switch {
		case errors.Is(err, ErrUnsafePath):
			return nil, err
		case err != nil:
			return nil, errorf(layoutErr, "path %q is not in the bundle layout", e.Path)
		case info.Kind < prev:
			return nil, errorf(layoutErr, "%q is out of kind order", e.Path)
		case e.Size < 0:
			return nil, errorf(layoutErr, "%q has a negative size", e.Path)
		case e.Size > l.MaxTotalSize-total:
			return nil, errorf(ErrTooLarge, "declared content exceeds %d bytes", l.MaxTotalSize)
		case info.Kind == KindAttachment && e.SHA256 != [32]byte{} && e.SHA256 != info.Sum:
			return nil, errorf(ErrHash, "attachment %q is named after another hash", e.Path)
		}
		if _, dup := index[e.Path]; dup {
			return nil, errorf(ErrDuplicate, "%q", e.Path)
		}
		index[e.Path], total, prev = i, total+e.Size, info.Kind
	}
	return index, nil
}
