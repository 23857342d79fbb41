package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// unlockScreen asks for the passphrase of an existing vault. A wrong
// passphrase shows one line under the field (never a dialog); the store
// imposes a growing delay after repeated failures, shown while it waits.
type unlockScreen struct {
	u        *UI
	pass     *widget.Entry
	status   *widget.Label
	busy     *widget.Label
	progress *widget.ProgressBarInfinite
	button   *widget.Button
	recovery *widget.Button
	fails    int
}

// showUnlock replaces the window content with the unlock screen.
func (u *UI) showUnlock() {
	s := &unlockScreen{u: u}
	u.setContent(s.build())
	u.win.Canvas().Focus(s.pass)
}

func (s *unlockScreen) build() fyne.CanvasObject {
	s.pass = widget.NewPasswordEntry()
	s.pass.PlaceHolder = tr("unlock.placeholder")
	s.pass.OnSubmitted = s.submitted
	s.status = statusLabel()
	s.busy = extend(&widget.Label{Alignment: fyne.TextAlignCenter})
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.progress.Stop()
	s.button = extend(&widget.Button{Text: tr("unlock.button"), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: s.submit})
	s.recovery = extend(&widget.Button{Text: tr("unlock.with_recovery"), Importance: widget.LowImportance, OnTapped: s.useRecovery})
	return card(tr("unlock.heading"),
		hint(trf("unlock.vault_at", map[string]any{"Dir": s.u.dir})),
		s.pass, s.status, s.button, s.progress, s.busy,
		container.NewCenter(s.recovery))
}

func (s *unlockScreen) submitted(string) { s.submit() }

// submit unlocks on a goroutine: the key derivation takes about a second,
// longer after repeated failures.
func (s *unlockScreen) submit() {
	if s.pass.Text == "" {
		s.status.SetText(tr("unlock.empty"))
		return
	}
	pass := []byte(s.pass.Text)
	s.setBusy(true)
	dir, opts := s.u.dir, s.u.opts
	s.u.opening(func() (*store.Vault, error) {
		defer clear(pass)
		return store.Open(dir, pass, opts)
	}, s.finished)
}

// finished shows the outcome of an unlock attempt.
func (s *unlockScreen) finished(v *store.Vault, err error) {
	if err == nil {
		s.u.begin(v)
		return
	}
	s.setBusy(false)
	if errors.Is(err, store.ErrWrongPassphrase) {
		s.fails++
	}
	s.status.SetText(errText(err))
	s.pass.SetText("")
	s.u.win.Canvas().Focus(s.pass)
}

// setBusy disables the form and shows progress while an attempt runs.
func (s *unlockScreen) setBusy(on bool) {
	if !on {
		s.progress.Stop()
		s.progress.Hide()
		s.busy.SetText("")
		s.pass.Enable()
		s.button.Enable()
		s.recovery.Enable()
		return
	}
	s.status.SetText("")
	s.busy.SetText(tr("unlock.busy"))
	if d := store.Delay(s.fails); d > 0 {
		s.busy.SetText(trf("unlock.busy_delay", map[string]any{"S": int(d.Seconds())}))
	}
	s.pass.Disable()
	s.button.Disable()
	s.recovery.Disable()
	s.progress.Show()
	s.progress.Start()
}

// useRecovery switches to unlocking with the recovery key.
func (s *unlockScreen) useRecovery() { s.u.showRecoveryUnlock() }
