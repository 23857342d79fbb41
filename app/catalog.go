package app

import (
	"context"
	"strings"

	"qingfeng/casework"
	"qingfeng/store"
)

// catalog loads the row summaries of record types once per session, on a
// goroutine, and hands them to every screen that asks. All its methods run
// on the Fyne thread.
type catalog struct {
	u       *UI
	s       *session
	entries map[string]*catalogEntry
}

// catalogEntry is one set of record types, loaded or loading.
type catalogEntry struct {
	set      *rowSet
	err      error
	loaded   bool
	done     []func(*rowSet, error)
	progress []func(n, total int)
}

// rowSet is the loaded rows of some record types with their index by
// "type/id". It is never changed once made, so goroutines may read it.
type rowSet struct {
	rows  []summary
	index map[string]int32
}

// newRowSet indexes rows.
func newRowSet(rows []summary) *rowSet {
	set := &rowSet{rows: rows, index: make(map[string]int32, len(rows))}
	for i := range rows {
		set.index[rows[i].key()] = int32(i)
	}
	return set
}

func newCatalog(u *UI, s *session) *catalog {
	return &catalog{u: u, s: s, entries: map[string]*catalogEntry{}}
}

// progressStep is how many records are read between progress reports.
const progressStep = 5000

// load calls done with the rows of the given record types, loading
// them the first time; progress (may be nil) is told how far loading is.
// Both are called on the Fyne thread, never after the session is locked.
func (c *catalog) load(types []string, progress func(n, total int), done func(*rowSet, error)) {
	key := strings.Join(types, ",")
	e := c.entries[key]
	if e != nil && e.loaded {
		done(e.set, e.err)
		return
	}
	if e == nil {
		e = &catalogEntry{}
		c.entries[key] = e
		c.read(e, types)
	}
	e.done = append(e.done, done)
	if progress != nil {
		e.progress = append(e.progress, progress)
	}
}

// read loads the rows off the Fyne thread (inBackground: dropped if the
// vault is locked meanwhile) and hands them, or the error, to finish.
func (c *catalog) read(e *catalogEntry, types []string) {
	u, s := c.u, c.s
	var set *rowSet
	var err error
	u.inBackground(s, nil, func() error {
		var rows []summary
		rows, err = readSummaries(s.ctx, s.vault, types, func(n, total int) {
			u.do(func() { c.reportProgress(e, n, total) })
		})
		set = newRowSet(rows)
		return nil
	}, func() { c.finish(e, set, err) })
}

// readSummaries decrypts every record of the types once (casework
// Browse: one read transaction), keeping only the summary fields, and
// calls progress (on the calling goroutine) every progressStep records.
// It stops early when ctx is cancelled.
func readSummaries(ctx context.Context, v *store.Vault, types []string, progress func(n, total int)) ([]summary, error) {
	var rows []summary
	var n *names
	total := 0
	begin := func(count int, nm *casework.Names) { total, n, rows = count, namesOf(nm), make([]summary, 0, count) }
	err := casework.New(v).Browse(ctx, types, begin, func(r *store.Record) error {
		rows = append(rows, summarizeWith(r, n))
		if len(rows)%progressStep == 0 {
			progress(len(rows), total)
		}
		return nil
	})
	return rows, err
}

// reportProgress passes loading progress on, unless the session is over.
func (c *catalog) reportProgress(e *catalogEntry, n, total int) {
	if c.u.sess != c.s {
		return
	}
	for _, p := range e.progress {
		p(n, total)
	}
}

// finish stores the loaded rows and calls the waiting screens.
func (c *catalog) finish(e *catalogEntry, set *rowSet, err error) {
	if err == context.Canceled {
		return
	}
	e.set, e.err, e.loaded = set, err, true
	waiting := e.done
	e.done, e.progress = nil, nil
	for _, d := range waiting {
		d(set, err)
	}
}
