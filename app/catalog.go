package app

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

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
		go c.read(e, types, c.s.vault)
	}
	e.done = append(e.done, done)
	if progress != nil {
		e.progress = append(e.progress, progress)
	}
}

// read runs on its own goroutine and hands the rows to the Fyne thread.
func (c *catalog) read(e *catalogEntry, types []string, v *store.Vault) {
	u := c.u
	rows, err := readSummaries(c.s.ctx, v, types, func(n, total int) {
		u.do(func() { c.reportProgress(e, n, total) })
	})
	set := newRowSet(rows)
	u.do(func() { c.finish(e, set, err) })
}

// readSummaries decrypts every record of the types once, keeping only the
// summary fields, and calls progress (on the calling goroutine) every
// progressStep records. It stops early when ctx is cancelled.
func readSummaries(ctx context.Context, v *store.Vault, types []string, progress func(n, total int)) ([]summary, error) {
	var rows []summary
	err := v.View(func(tx *store.Tx) error {
		total := 0
		for _, t := range types {
			total += tx.Count(t)
		}
		rows = make([]summary, 0, total)
		n, err := readNames(tx, types)
		if err != nil {
			return err
		}
		for _, t := range types {
			err := tx.List(t, func(r *store.Record) error {
				rows = append(rows, summarizeWith(r, n))
				if len(rows)%progressStep == 0 {
					progress(len(rows), total)
				}
				return ctx.Err()
			})
			if err != nil {
				return err
			}
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
	if c.u.sess != c.s || err == context.Canceled {
		return
	}
	e.set, e.err, e.loaded = set, err, true
	waiting := e.done
	e.done, e.progress = nil, nil
	for _, d := range waiting {
		d(set, err)
	}
}

// readNames reads what the list columns of leads and cases need from
// other records: subject names, and for cases their leads' handlers.
func readNames(tx *store.Tx, types []string) (*names, error) {
	n := &names{subjects: map[string]string{}, handlers: map[string]string{}}
	if !slices.Contains(types, "case") && !slices.Contains(types, "lead") {
		return n, nil
	}
	err := tx.List("subject", func(r *store.Record) error {
		var s struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(r.Data, &s) == nil {
			n.subjects[r.ID] = s.Name
		}
		return nil
	})
	if err != nil || !slices.Contains(types, "case") {
		return n, err
	}
	err = tx.List("lead", func(r *store.Record) error {
		var l struct {
			Handler string `json:"handler"`
		}
		if json.Unmarshal(r.Data, &l) == nil && l.Handler != "" {
			n.handlers[r.ID] = l.Handler
		}
		return nil
	})
	return n, err
}
