package app

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// raceRounds is how many times TestBackgroundJobsAcrossLocks locks and
// unlocks with background jobs in flight.
const raceRounds = 5

// lateDo stands in for UI.do: it passes callbacks to the harness queue,
// except while held, when it keeps them back. Released after the next
// unlock, they reach the Fyne thread (the test goroutine) late, as a
// goroutine preempted between its work and its fyne.Do may deliver its
// result after the vault was locked and opened again.
type lateDo struct {
	h    *harness
	mu   sync.Mutex
	hold bool
	late []func()
}

func (d *lateDo) post(fn func()) {
	d.mu.Lock()
	if d.hold {
		d.late = append(d.late, fn)
		d.mu.Unlock()
		return
	}
	d.mu.Unlock()
	d.h.post(fn)
}

// holdBack starts keeping callbacks back.
func (d *lateDo) holdBack() {
	d.mu.Lock()
	d.hold = true
	d.mu.Unlock()
}

// release stops keeping callbacks back and returns those kept.
func (d *lateDo) release() []func() {
	d.mu.Lock()
	defer d.mu.Unlock()
	late := d.late
	d.hold, d.late = false, nil
	return late
}

// TestBackgroundJobsAcrossLocks runs many background jobs at once (search
// as you type, case and lead tabs being read, the dashboard and lists
// loading, a stage move) and locks while they run, some rounds at once and
// some after part of the results arrived. Run with -race it checks that
// no job touches the window or the session off the Fyne thread. After
// each lock no decrypted value is in the window, and the jobs' results,
// delivered only after the next unlock, are dropped: the old session's
// list and tabs stay as the lock left them and the new session shows what
// it asked for, not what the old one did. Then the new session's own
// search and case tab match the vault.
func TestBackgroundJobsAcrossLocks(t *testing.T) {
	dir, ds := makeModelVault(t, 8, 30)
	h := newHarness(t, dir)
	now := modelToday.Time().Add(10 * time.Hour)
	h.u.now = func() time.Time { return now }
	d := &lateDo{h: h}
	h.u.do = d.post // before any goroutine reads it

	secrets := decryptedValues(ds)
	mover := pickCase(t, ds, model.StageReceived).ID
	var others, queries []string
	for i := range ds.Cases {
		if c := &ds.Cases[i]; c.ID != mover && len(others) < 6 {
			others = append(others, c.ID)
			queries = append(queries, subjectName(ds, c))
		}
	}

	h.unlock()
	for round := range raceRounds {
		m := h.u.sess.main
		l := h.openCases()
		mt := h.openCase(mover)
		stage, events := mt.b.c.Stage, len(mt.b.c.Events)

		// Search as you type: every prefix outlasts the pause, so each
		// keystroke starts a search while the earlier ones still run.
		for i, r := range []rune(queries[round%len(queries)]) {
			test.Type(l.search, string(r))
			time.Sleep(h.u.debounce + 5*time.Millisecond)
			h.drain() // the search of this prefix starts
			if i == 0 {
				l.sortBy(colModified) // a sort of a view being replaced
			}
		}
		// Even rounds keep every later result back until after the next
		// unlock; odd rounds let part of them arrive before the lock.
		allLate := round%2 == 0
		if allLate {
			d.holdBack()
		}
		// The move and the case tabs last, with 案件 already in front: the
		// race detector takes a file write followed by any file read as
		// synchronisation (syscall's ioSync), so a file read on the Fyne
		// thread after the jobs wrote the audit trail (switching sections
		// does some) would hide a job still reading what Lock clears.
		m.openRecord(model.TypeLead, ds.Leads[round].ID)
		m.nav.Select(secDashboard)
		m.nav.Select(secCases)
		var target model.Stage
		if len(mt.moves) > 0 {
			b := mt.moves[round%len(mt.moves)]
			target = model.Stage(b.Text)
			test.Tap(b)
			h.confirmDialog(tr("flow.do_move"))
		}
		for _, id := range others[:2+round%4] {
			l.openRecord(model.TypeCase, id)
		}
		if !allLate {
			h.settle(time.Duration(round) * 3 * time.Millisecond)
			d.holdBack()
		}

		old, oldTabs := h.u.sess, map[*caseTab]*caseBundle{}
		for _, ct := range l.cases {
			oldTabs[ct] = ct.b
		}
		queued := len(h.queue)
		h.u.Lock()
		h.assertNoDecrypted(secrets, "right after the lock")
		<-h.u.closing
		h.settle(50 * time.Millisecond) // callbacks queued before the hold: all dropped
		h.assertNoDecrypted(secrets, "once the vault was closed")

		late := d.release()
		h.unlock()
		fresh := h.u.sess
		for _, fn := range late {
			fn() // the old session's results arrive in the new session
		}
		h.settle(5 * h.u.debounce)
		if old.main != nil || old.cat != nil || !old.vault.Locked() {
			t.Fatalf("round %d: the locked session kept its screens or an open vault", round)
		}
		if l.rows != nil || l.view != nil || l.cases != nil || len(l.tabs.Items) != 0 {
			t.Errorf("round %d: a late result refilled the locked session's list (%d rows, %d shown, %d tabs)",
				round, len(l.rows), len(l.view), len(l.tabs.Items))
		}
		for ct, b := range oldTabs {
			if ct.b != b {
				t.Errorf("round %d: a late result rebuilt the locked session's tab of %s", round, ct.id)
			}
		}
		t.Logf("round %d: %d results queued at the lock, %d delivered after the next unlock", round, queued, len(late))

		// The new session shows only what it asked for.
		if h.u.sess != fresh {
			t.Fatalf("round %d: a late result changed the session", round)
		}
		l2 := h.openCases()
		if len(l2.tabs.Items) != 1 || len(l2.cases) != 0 || l2.search.Text != "" || len(l2.view) != len(l2.rows) {
			t.Errorf("round %d: the new case list starts with %d tabs, search %q, %d of %d rows shown",
				round, len(l2.tabs.Items), l2.search.Text, len(l2.view), len(l2.rows))
		}
		q := queries[(round+1)%len(queries)]
		test.Type(l2.search, q)
		want := h.searchWant(l2, q)
		if len(want) == 0 {
			t.Fatalf("round %d: %q finds no case", round, q)
		}
		h.wait("the search after unlock", func() bool { return slices.Equal(viewKeys(l2), want) })
		h.settle(5 * h.u.debounce)
		if got := viewKeys(l2); !slices.Equal(got, want) {
			t.Errorf("round %d: search %q shows %q, the vault finds %q", round, q, got, want)
		}
		l2.search.SetText("")
		h.wait("the full list", func() bool { return len(l2.view) == len(l2.rows) })

		// The move happened whole or not at all, and the new tab shows the vault.
		var stored *model.Case
		err := h.u.sess.vault.View(func(tx *store.Tx) (err error) { stored, err = dossier.GetCase(tx, mover); return err })
		if err != nil {
			t.Fatal(err)
		}
		n := len(stored.Events)
		moved := n == events+1 && stored.Stage == target && stored.Events[n-1].To == target
		if !moved && (n != events || stored.Stage != stage) {
			t.Fatalf("round %d: stored case at %s with %d events, was %s with %d, move to %q",
				round, stored.Stage, n, stage, events, target)
		}
		mt2 := h.openCase(mover)
		if mt2.b.c.Stage != stored.Stage || len(mt2.b.c.Events) != n {
			t.Errorf("round %d: the case tab shows %s with %d events, the vault %s with %d",
				round, mt2.b.c.Stage, len(mt2.b.c.Events), stored.Stage, n)
		}
		t.Logf("round %d: move %s → %q stored: %v", round, stage, target, moved)
	}
	h.lockAndWait()
	h.settle(5 * h.u.debounce)
	h.assertNoDecrypted(secrets, "after the last lock")
}

// decryptedValues are texts of the data set that only an unlocked vault
// shows: subject names and case titles.
func decryptedValues(ds *gen.Dataset) []string {
	var out []string
	for _, s := range ds.Subjects {
		if len([]rune(s.Name)) >= 2 {
			out = append(out, s.Name)
		}
	}
	for _, c := range ds.Cases {
		if c.Title != "" {
			out = append(out, c.Title)
		}
	}
	return out
}

// subjectName is the name of a case's first subject, which its title holds.
func subjectName(ds *gen.Dataset, c *model.Case) string {
	for _, s := range ds.Subjects {
		if len(c.SubjectIDs) > 0 && s.ID == c.SubjectIDs[0] {
			return s.Name
		}
	}
	return c.Title
}

// assertNoDecrypted checks the unlock screen shows, with no pop-up and
// none of the decrypted values anywhere in the window.
func (h *harness) assertNoDecrypted(secrets []string, when string) {
	h.t.Helper()
	if h.u.Unlocked() || !h.onUnlockScreen() {
		h.t.Fatalf("%s: not on the unlock screen: %q", when, h.texts())
	}
	if h.w.Canvas().Overlays().Top() != nil {
		h.t.Errorf("%s: a pop-up survived the lock", when)
	}
	for _, s := range h.texts() {
		for _, v := range secrets {
			if strings.Contains(s, v) {
				h.t.Errorf("%s: decrypted %q still on screen in %q", when, v, s)
			}
		}
	}
}

// searchWant is what the vault's index finds for q among the rows of l, sorted.
func (h *harness) searchWant(l *recordList, q string) []string {
	h.t.Helper()
	var keys []string
	err := h.u.sess.vault.View(func(tx *store.Tx) error {
		res, err := tx.Search(q, searchLimit)
		if err != nil {
			return err
		}
		for _, r := range res.Records {
			k := r.Type + "/" + r.ID
			if _, ok := l.index[k]; ok && slices.Contains(l.types, r.Type) {
				keys = append(keys, k)
			}
		}
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}

// viewKeys are the "type/id" keys of the rows l shows, sorted.
func viewKeys(l *recordList) []string {
	keys := make([]string, 0, len(l.view))
	for _, i := range l.view {
		keys = append(keys, l.rows[i].key())
	}
	slices.Sort(keys)
	return keys
}
