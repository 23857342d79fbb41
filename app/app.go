// Package app is the desktop window of 清风案卷: first run, unlock, the main
// window over the vault and the idle lock. It holds no business rules: it
// calls store/ and shows what comes back, with errors worded by app/msg.
//
// Threading: every widget is made and changed on the Fyne thread. Work that
// touches the vault (the key derivation, loading, searching, verifying) runs
// on goroutines, which hand their results back through UI.do (fyne.Do).
package app

import (
	"context"
	"time"

	_ "early.qingfeng/localefix" // before Fyne reads the locale: see its package comment

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"qingfeng/app/config"
	"qingfeng/store"
)

// Title is the window title, the program's name in every language.
const Title = "清风案卷"

// UI is the program's one window. It is created by NewUI and lives as long
// as the window; all its methods run on the Fyne thread.
type UI struct {
	app fyne.App
	win fyne.Window
	dir string

	// opts are passed to store.Create/Open; nil is right for the program
	// (tests give a fast key derivation).
	opts *store.Options
	// do runs a function on the Fyne thread: fyne.Do. Goroutines report
	// through it only.
	do func(func())
	// now is the clock of the idle lock; time.Now.
	now func() time.Time
	// idleTick is how often the idle lock looks at the clock.
	idleTick time.Duration
	// debounce is the pause in typing after which a search runs.
	debounce time.Duration

	theme   *appTheme
	sess    *session      // nil while locked
	pending *store.Vault  // created, open, while its recovery key is shown
	closing chan struct{} // closed once the last locked vault is closed
	closed  bool          // the window has been closed
	menu    *menuItems

	// savePath, when set (by tests), answers the save dialog.
	savePath func(name string) string
	// printDir is the temporary folder of PDFs sent to the printer; it is
	// removed on lock and on exit.
	printDir string
}

// session is everything that exists only while the vault is unlocked. Lock
// drops it whole; goroutines compare their session with UI.sess before
// showing anything, so late results of a locked session are discarded.
type session struct {
	ctx    context.Context // cancelled on lock: stops loading and searching
	cancel context.CancelFunc
	vault  *store.Vault
	cat    *catalog
	main   *mainView
	idle   *idleWatch
}

// Run opens the window on the vault in vaultDir (the create screen if there
// is none yet; "" means config.DefaultVaultDir) and blocks until the window
// is closed. Closing the window locks the vault. It returns ErrNoDisplay,
// before anything is shown, when there is no display to open a window on.
func Run(vaultDir string) (err error) {
	if err := displayFromEnv(); err != nil {
		return err
	}
	if vaultDir == "" {
		vaultDir = config.DefaultVaultDir()
	}
	release := holdLog()
	defer func() {
		if r := recover(); r != nil {
			if !noDisplayPanic(r) {
				release(true)
				panic(r)
			}
			release(false)
			err = ErrNoDisplay
		}
	}()
	a := fyneapp.NewWithID(config.AppID)
	w := a.NewWindow(Title) // GLFW opens the display here
	release(true)
	u := NewUI(a, w, vaultDir)
	w.Resize(u.savedWindowSize())
	w.CenterOnScreen()
	w.SetMaster()
	w.ShowAndRun()
	return nil
}

// NewUI sets up w as the program's window over the vault in vaultDir and
// shows the first screen: create when the directory holds no vault, else
// unlock. The caller shows the window (Run does).
func NewUI(a fyne.App, w fyne.Window, vaultDir string) *UI {
	u := &UI{app: a, win: w, dir: vaultDir, do: fyne.Do, now: time.Now,
		idleTick: time.Second, debounce: 200 * time.Millisecond}
	setLanguage(u.language())
	u.theme = newAppTheme(u.themeMode())
	a.Settings().SetTheme(u.theme)
	a.SetIcon(iconRes)
	w.SetIcon(iconRes)
	w.SetTitle(Title)
	u.installShortcuts()
	w.SetOnClosed(u.onClosed)
	w.SetOnDropped(u.dropped)
	u.showStart()
	return u
}

// showStart shows the create screen or the unlock screen.
func (u *UI) showStart() {
	if store.Exists(u.dir) {
		u.showUnlock()
		return
	}
	u.showCreate()
}

// setContent replaces the whole window content. Mouse movement over it
// counts as activity for the idle lock.
func (u *UI) setContent(o fyne.CanvasObject) {
	u.win.SetContent(newActivityLayer(o, u.touch))
}

// Unlocked reports whether a vault is open in the window.
func (u *UI) Unlocked() bool { return u.sess != nil }

// begin starts a session over an unlocked vault and shows the main window.
func (u *UI) begin(v *store.Vault) {
	u.pending = nil
	if u.closed { // the window closed while the vault was being opened
		u.closeVault(v)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &session{ctx: ctx, cancel: cancel, vault: v}
	s.cat = newCatalog(u, s)
	u.sess = s
	u.startIdle(s)
	s.main = newMainView(u, s)
	u.setContent(s.main.content())
	u.menu.lock.Disabled = false
	u.win.MainMenu().Refresh()
}

// onClosed locks the vault when the window closes and remembers its size.
func (u *UI) onClosed() {
	u.closed = true
	u.saveWindowSize()
	u.Lock()
	if u.pending != nil {
		u.closeVault(u.pending)
		u.pending = nil
	}
	if u.closing != nil {
		<-u.closing // the vault file is closed before the program exits
	}
}

// savedWindowSize is the window size remembered from the last run.
func (u *UI) savedWindowSize() fyne.Size {
	p := u.app.Preferences()
	return fyne.NewSize(float32(p.FloatWithFallback(prefWinWidth, defaultWinWidth)),
		float32(p.FloatWithFallback(prefWinHeight, defaultWinHeight)))
}

// saveWindowSize remembers the window size for the next run.
func (u *UI) saveWindowSize() {
	s := u.win.Canvas().Size()
	if s.Width < 200 || s.Height < 200 {
		return
	}
	u.app.Preferences().SetFloat(prefWinWidth, float64(s.Width))
	u.app.Preferences().SetFloat(prefWinHeight, float64(s.Height))
}

// dropped adds files dropped on the window as attachments of the case in
// front; elsewhere a drop does nothing.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	if u.sess == nil || u.sess.main == nil {
		return
	}
	t := u.sess.main.activeCase()
	if t == nil || t.att == nil {
		return
	}
	var paths []string
	for _, x := range uris {
		if x.Scheme() == "file" {
			paths = append(paths, x.Path())
		}
	}
	if len(paths) > 0 {
		u.touch()
		t.tabs.SelectIndex(caseSecAttach)
		t.att.addPaths(paths)
	}
}
