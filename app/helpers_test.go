package app

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// testPass is the passphrase of every test vault.
const testPass = "清风徐来 水波不兴 2026"

// testOpts are fast vault options: the weakest key derivation the vault
// accepts, and no real waiting after failed attempts.
func testOpts() *store.Options {
	p := store.FastKDF()
	return &store.Options{Actor: "测试员", KDF: &p, Sleep: func(time.Duration) {}}
}

// harness drives one window over one vault directory. Callbacks that the
// UI hands to fyne.Do are queued and run on the test goroutine by wait,
// as the real driver runs them on its main thread, so no widget is ever
// touched by two goroutines at once.
type harness struct {
	t     testing.TB
	u     *UI
	w     fyne.Window
	queue chan func()
	dir   string
	limit time.Duration // how long wait waits; 15 s
}

// newHarness opens a window over dir (a vault may or may not exist there).
func newHarness(t testing.TB, dir string) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	return newHarnessWithApp(t, a, dir)
}

// newHarnessWithApp opens a window in an existing test app (to keep its
// preferences across two windows).
func newHarnessWithApp(t testing.TB, a fyne.App, dir string) *harness {
	t.Helper()
	h := &harness{t: t, dir: dir, queue: make(chan func(), 1<<14), limit: 15 * time.Second}
	h.w = test.NewTempWindow(t, nil)
	h.w.Resize(fyne.NewSize(1200, 800))
	h.u = NewUI(a, h.w, dir)
	h.u.do = h.post
	h.u.opts = testOpts()
	h.u.debounce = 20 * time.Millisecond
	return h
}

func (h *harness) post(fn func()) { h.queue <- fn }

// wait runs queued UI callbacks until cond holds, failing after h.limit.
// cond is checked after each batch of callbacks and every 10 ms.
func (h *harness) wait(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(h.limit)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; texts on screen: %q", what, h.texts())
		}
		select {
		case fn := <-h.queue:
			fn()
			h.drain()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// drain runs the callbacks queued so far.
func (h *harness) drain() {
	for {
		select {
		case fn := <-h.queue:
			fn()
		default:
			return
		}
	}
}

// settle runs every queued callback and any that follow within d.
func (h *harness) settle(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		select {
		case fn := <-h.queue:
			fn()
		case <-time.After(time.Millisecond):
		}
	}
}

// walk calls fn for every object of the window: content and overlays,
// into containers and widget renderers, hidden ones included.
func (h *harness) walk(fn func(fyne.CanvasObject)) {
	c := h.w.Canvas()
	walkObject(c.Content(), fn)
	for _, o := range c.Overlays().List() {
		walkObject(o, fn)
	}
}

func walkObject(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObject(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObject(c, fn)
		}
	}
}

// texts collects every text the window holds: labels, entries (text and
// place holder), rich text, buttons, checks, selects and raw canvas text.
func (h *harness) texts() []string {
	var out []string
	h.walk(func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Entry:
			out = append(out, x.Text, x.PlaceHolder)
		case *widget.RichText:
			out = append(out, x.String())
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		case *widget.Select:
			out = append(out, x.Selected)
		case *canvas.Text:
			out = append(out, x.Text)
		}
	})
	return out
}

// hasText reports whether some text on screen contains s.
func (h *harness) hasText(s string) bool {
	for _, t := range h.texts() {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// find returns every object of type T on screen.
func find[T fyne.CanvasObject](h *harness) []T {
	var out []T
	h.walk(func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok {
			out = append(out, x)
		}
	})
	return out
}

// button returns the visible button labelled text, failing if none.
func (h *harness) button(text string) *widget.Button {
	h.t.Helper()
	for _, b := range find[*widget.Button](h) {
		if b.Text == text && b.Visible() {
			return b
		}
	}
	h.t.Fatalf("no button %q on screen; texts: %q", text, h.texts())
	return nil
}

// passwordEntries returns the password fields on screen.
func (h *harness) passwordEntries() []*widget.Entry {
	var out []*widget.Entry
	for _, e := range find[*widget.Entry](h) {
		if e.Password {
			out = append(out, e)
		}
	}
	return out
}

// submit types text into an entry and presses Enter.
func submit(e *widget.Entry, text string) {
	test.Type(e, text)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// onUnlockScreen reports whether the unlock screen is showing.
func (h *harness) onUnlockScreen() bool {
	return len(h.passwordEntries()) == 1 && h.hasText(tr("unlock.heading"))
}

// unlock submits the passphrase and waits for the main window.
func (h *harness) unlock() {
	h.t.Helper()
	submit(h.passwordEntries()[0], testPass)
	h.wait("the main window", h.u.Unlocked)
}

// lockAndWait locks and waits until the vault file is closed.
func (h *harness) lockAndWait() {
	h.u.Lock()
	if h.u.closing != nil {
		<-h.u.closing
	}
}

// testDossier is a generic dossier as the CLI and the demo write them.
func testDossier(i int, subject, extra string) map[string]any {
	return map[string]any{
		"number":  fmt.Sprintf("QF〔2026〕%d号", i),
		"title":   fmt.Sprintf("关于%s违规收受礼金问题的线索%s", subject, extra),
		"subject": subject,
		"unit":    "某市住房和城乡建设局",
		"stage":   []string{"初核", "立案审查", "审理", "办结"}[i%4],
		"summary": fmt.Sprintf("反映%s在项目审批中多次收受购物卡，共计%d万元。", subject, i%50+1),
		"handler": []string{"王某", "李某", "张䶮"}[i%3],
	}
}

// makeVault creates a vault in a new temp directory holding the given
// dossiers and closes it.
func makeVault(t testing.TB, dossiers []map[string]any) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	if err := buildVault(dir, dossiers); err != nil {
		t.Fatal(err)
	}
	return dir
}

// buildVault creates a vault in dir with the dossiers, written in one
// transaction, and closes it.
func buildVault(dir string, dossiers []map[string]any) error {
	v, _, err := store.Create(dir, []byte(testPass), testOpts())
	if err != nil {
		return err
	}
	defer v.Close()
	return v.Update(func(tx *store.Tx) error {
		for _, d := range dossiers {
			b, _ := json.Marshal(d)
			if err := tx.Put(&store.Record{Type: "dossier", Data: b}); err != nil {
				return err
			}
		}
		return nil
	})
}

// someDossiers returns n test dossiers with rotating subjects.
func someDossiers(n int) []map[string]any {
	names := []string{"赵某某", "钱某某", "孙某某", "周某某", "吴某某"}
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = testDossier(i, names[i%len(names)], "")
	}
	return out
}
