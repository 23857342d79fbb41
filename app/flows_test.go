package app

import (
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"qingfeng/app/msg"
	"qingfeng/store"
)

// keyGroup matches one group of a recovery key as shown.
var keyGroup = regexp.MustCompile(`^[0-9A-Z]{4}$`)

// TestCreateShowsRecoveryKeyThenOpens walks the first run: passphrase twice,
// the recovery key in 8 groups (copyable, and really the vault's key), and
// the main window after confirming it is written down.
func TestCreateShowsRecoveryKeyThenOpens(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	h := newHarness(t, dir)
	if !h.hasText(tr("create.heading")) {
		t.Fatalf("no create screen for an empty directory: %q", h.texts())
	}
	p := h.passwordEntries()
	if len(p) != 2 {
		t.Fatalf("create screen has %d passphrase fields, want 2", len(p))
	}
	test.Type(p[0], "short")
	if !h.hasText(tr("strength.0")) {
		t.Errorf("no 'too short' hint for a 5-character passphrase")
	}
	test.Type(p[0], "er phrase")
	submit(p[1], "something else")
	if !h.hasText(tr("create.mismatch")) {
		t.Errorf("mismatched passphrases not reported")
	}
	p[1].SetText("")
	submit(p[1], "shorter phrase")
	h.wait("the recovery key", func() bool { return h.hasText(tr("rk.heading")) })

	key := h.shownRecoveryKey()
	test.Tap(h.button(tr("rk.copy")))
	if got := h.u.app.Clipboard().Content(); got != key {
		t.Errorf("clipboard holds %q, want the key %q", got, key)
	}
	next := h.button(tr("rk.continue"))
	if !next.Disabled() {
		t.Errorf("continue is enabled before the key is confirmed written down")
	}
	test.Tap(find[*widget.Check](h)[0])
	test.Tap(next)
	if !h.u.Unlocked() || !h.hasText(tr("nav.cases")) {
		t.Fatalf("main window not shown after the recovery key: %q", h.texts())
	}
	if got := h.u.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard still holds %q after continuing", got)
	}
	h.lockAndWait()
	v, err := store.OpenWithRecovery(dir, store.RecoveryKey(key), testOpts())
	if err != nil {
		t.Fatalf("the key shown does not open the vault: %v", err)
	}
	v.Close()
}

// shownRecoveryKey reads the 8 groups off the screen.
func (h *harness) shownRecoveryKey() string {
	h.t.Helper()
	var groups []string
	for _, l := range find[*widget.Label](h) {
		if l.TextStyle.Monospace && keyGroup.MatchString(l.Text) {
			groups = append(groups, l.Text)
		}
	}
	if len(groups) != 8 {
		h.t.Fatalf("recovery key shown in %d groups, want 8: %q", len(groups), groups)
	}
	return strings.Join(groups, "-")
}

// TestWrongPassphraseShowsOneLine: a wrong passphrase leaves the unlock
// screen with one line from msg.Text under the field and no dialog.
func TestWrongPassphraseShowsOneLine(t *testing.T) {
	h := newHarness(t, makeVault(t, someDossiers(3)))
	if !h.onUnlockScreen() {
		t.Fatalf("no unlock screen for an existing vault: %q", h.texts())
	}
	want := msg.Text(store.ErrWrongPassphrase)
	submit(h.passwordEntries()[0], "not the passphrase")
	h.wait("the error line", func() bool { return h.hasText(want) })
	n := 0
	for _, l := range find[*widget.Label](h) {
		if strings.Contains(l.Text, want) {
			n++
			if l.Text != want || !l.Visible() {
				t.Errorf("error label shows %q (visible %v), want exactly %q", l.Text, l.Visible(), want)
			}
		}
	}
	if n != 1 {
		t.Errorf("error shown in %d labels, want one", n)
	}
	if o := h.w.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a dialog or pop-up appeared: %T", o)
	}
	if h.u.Unlocked() || !h.onUnlockScreen() {
		t.Errorf("left the unlock screen after a wrong passphrase")
	}
	if e := h.passwordEntries()[0]; e.Text != "" || e.Disabled() {
		t.Errorf("passphrase field not cleared and ready (text %q, disabled %v)", e.Text, e.Disabled())
	}
	for range 2 {
		submit(h.passwordEntries()[0], "still wrong")
		h.wait("the field again", func() bool { return !h.passwordEntries()[0].Disabled() })
	}
	// after three failures the store waits before checking; the screen says so
	submit(h.passwordEntries()[0], "wrong again")
	if want := trf("unlock.busy_delay", map[string]any{"S": 1}); !h.hasText(want) {
		t.Errorf("no delay notice %q during the fourth attempt", want)
	}
	h.wait("the field again", func() bool { return !h.passwordEntries()[0].Disabled() })
	h.unlock() // and the right one still works
}

// TestRecoveryKeyUnlock unlocks through "用恢复密钥解锁".
func TestRecoveryKeyUnlock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	v, rk, err := store.Create(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	v.Close()
	h := newHarness(t, dir)
	test.Tap(h.button(tr("unlock.with_recovery")))
	entries := find[*widget.Entry](h)
	if len(entries) != 1 {
		t.Fatalf("recovery screen has %d fields, want 1", len(entries))
	}
	submit(entries[0], "ABCD-EFGH")
	h.wait("the malformed-key line", func() bool { return h.hasText(msg.Text(store.ErrBadRecoveryKey)) })
	entries[0].SetText("")
	submit(entries[0], strings.ToLower(string(rk)))
	h.wait("the main window", h.u.Unlocked)
}

// marker strings put into dossiers; none may survive a lock on screen.
const (
	markerASCII = "MARKER-7Q2Z"
	markerHan   = "绝密标记"
)

// markedVault is a vault whose first dossier carries the markers.
func markedVault(t *testing.T) string {
	ds := someDossiers(20)
	ds[0] = testDossier(0, "钱某某", markerHan+markerASCII)
	ds[0]["summary"] = "摘要" + markerHan + " " + markerASCII + " 𠮷"
	ds[0]["reporter"] = map[string]any{"name": "匿名" + markerHan, "real_name": false}
	return makeVault(t, ds)
}

// showSecrets unlocks, lists the cases, opens the marked dossier and types
// a search, so that decrypted text is on screen in every form.
func (h *harness) showSecrets() {
	h.t.Helper()
	h.unlock()
	l := h.openCases()
	l.openRecord("dossier", l.rows[l.index[h.keyWith(l, markerASCII)]].id)
	h.wait("the dossier tab", func() bool { return len(l.tabs.Items) == 2 })
	l.tabs.Select(l.tabs.Items[1])
	if !h.hasText(markerHan) || !h.hasText(markerASCII) {
		h.t.Fatalf("dossier text not on screen before locking: %q", h.texts())
	}
	l.tabs.Select(l.listTab)
	test.Type(l.search, markerHan)
	h.wait("the search", func() bool { return len(l.view) == 1 })
}

// keyWith returns the "type/id" of the row whose title contains s.
func (h *harness) keyWith(l *recordList, s string) string {
	for i := range l.rows {
		if strings.Contains(l.rows[i].title, s) {
			return l.rows[i].key()
		}
	}
	h.t.Fatalf("no row contains %q", s)
	return ""
}

// openCases shows 案件 and waits for its rows.
func (h *harness) openCases() *recordList {
	h.t.Helper()
	m := h.u.sess.main
	m.nav.Select(secCases)
	h.wait("the case list", func() bool { return m.cases.loaded && m.cases.view != nil })
	return m.cases
}

// assertLockedClean checks the unlock screen is back, no marker text is
// anywhere in the window, and the vault file was really closed.
func (h *harness) assertLockedClean() {
	h.t.Helper()
	if h.u.Unlocked() || !h.onUnlockScreen() {
		h.t.Fatalf("not on the unlock screen after locking: %q", h.texts())
	}
	for _, s := range h.texts() {
		for _, m := range []string{markerASCII, markerHan, "钱某某", "住房和城乡建设局"} {
			if strings.Contains(s, m) {
				h.t.Errorf("dossier text %q still on screen after lock: %q", m, s)
			}
		}
	}
	if h.w.Canvas().Overlays().Top() != nil {
		h.t.Errorf("a pop-up survived the lock")
	}
	<-h.u.closing
	v, err := store.Open(h.dir, []byte(testPass), testOpts())
	if err != nil {
		h.t.Fatalf("vault still held after lock: %v", err)
	}
	v.Close()
}

// TestLockButtonDropsEverything locks with the button in the side bar.
func TestLockButtonDropsEverything(t *testing.T) {
	h := newHarness(t, markedVault(t))
	h.showSecrets()
	test.Tap(h.button(tr("main.lock")))
	h.assertLockedClean()
	h.unlock() // a new session starts clean and works
	if l := h.openCases(); len(l.view) != 20 || l.search.Text != "" {
		t.Errorf("after relock the list shows %d rows and search %q", len(l.view), l.search.Text)
	}
}

// TestLockShortcutDropsEverything locks with Ctrl+L, both as the canvas
// shortcut and as the main-menu item the desktop driver triggers first.
func TestLockShortcutDropsEverything(t *testing.T) {
	h := newHarness(t, markedVault(t))
	h.showSecrets()
	h.w.Canvas().(fyne.Shortcutable).TypedShortcut(lockShortcut)
	h.assertLockedClean()

	h.showSecrets()
	item := h.w.MainMenu().Items[0].Items[0]
	if item.Shortcut != lockShortcut || item.Disabled {
		t.Fatalf("menu item %q: shortcut %v, disabled %v", item.Label, item.Shortcut, item.Disabled)
	}
	item.Action()
	h.assertLockedClean()
	if !h.w.MainMenu().Items[0].Items[0].Disabled {
		t.Errorf("lock menu item enabled while locked")
	}
}

// fakeClock is a settable clock safe for the idle goroutine.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local).UnixNano())
	return c
}

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// TestIdleLock locks after the configured idle time on an injected clock;
// activity in between postpones it.
func TestIdleLock(t *testing.T) {
	h := newHarness(t, markedVault(t))
	clock := newFakeClock()
	h.u.now = clock.now
	h.u.idleTick = 2 * time.Millisecond
	h.u.app.Preferences().SetInt(prefIdleMinutes, 2)
	h.showSecrets()

	clock.advance(90 * time.Second)
	h.settle(30 * time.Millisecond)
	test.Type(h.u.sess.main.cases.search, "x") // activity
	clock.advance(90 * time.Second)
	h.settle(30 * time.Millisecond)
	if !h.u.Unlocked() {
		t.Fatalf("locked after 90 s idle with a 2 min setting")
	}
	clock.advance(31 * time.Second)
	h.wait("the idle lock", func() bool { return !h.u.Unlocked() })
	h.assertLockedClean()
}

// TestCtrlFFocusesSearch puts the cursor in the case list's search field.
func TestCtrlFFocusesSearch(t *testing.T) {
	h := newHarness(t, makeVault(t, someDossiers(5)))
	h.unlock()
	h.w.Canvas().(fyne.Shortcutable).TypedShortcut(findShortcut)
	h.wait("the case list", func() bool { return h.u.sess.main.cases != nil && h.u.sess.main.cases.loaded })
	if f := h.w.Canvas().Focused(); f != h.u.sess.main.cases.search {
		t.Errorf("focused %T, want the case search field", f)
	}
}

// TestWindowSizeRemembered stores the size on close and restores it.
func TestWindowSizeRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	dir := makeVault(t, nil)
	w := test.NewWindow(nil)
	NewUI(a, w, dir)
	w.Resize(fyne.NewSize(987, 654))
	w.Close()
	u := NewUI(a, test.NewTempWindow(t, nil), dir)
	if got := u.savedWindowSize(); got != fyne.NewSize(987, 654) {
		t.Errorf("restored size %v, want 987×654", got)
	}
}
