package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// recoveryScreen unlocks the vault with the recovery key written down at
// creation, for when the passphrase is forgotten.
type recoveryScreen struct {
	u        *UI
	key      *widget.Entry
	status   *widget.Label
	progress *widget.ProgressBarInfinite
	button   *widget.Button
	back     *widget.Button
}

// showRecoveryUnlock replaces the window content with the recovery screen.
func (u *UI) showRecoveryUnlock() {
	s := &recoveryScreen{u: u}
	u.setContent(s.build())
	u.win.Canvas().Focus(s.key)
}

func (s *recoveryScreen) build() fyne.CanvasObject {
	s.key = extend(&widget.Entry{PlaceHolder: tr("recovery.placeholder"), OnSubmitted: s.submitted})
	s.status = statusLabel()
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.progress.Stop()
	s.button = extend(&widget.Button{Text: tr("unlock.button"), Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: s.submit})
	s.back = extend(&widget.Button{Text: tr("recovery.back"), Importance: widget.LowImportance, OnTapped: s.u.showUnlock})
	return card(tr("recovery.heading"),
		hint(tr("recovery.hint")),
		s.key, s.status, s.button, s.progress,
		container.NewCenter(s.back))
}

func (s *recoveryScreen) submitted(string) { s.submit() }

// submit unlocks with the key on a goroutine.
func (s *recoveryScreen) submit() {
	if s.key.Text == "" {
		s.status.SetText(tr("recovery.empty"))
		return
	}
	rk := store.RecoveryKey(s.key.Text)
	s.setBusy(true)
	dir, opts := s.u.dir, s.u.opts
	s.u.opening(func() (*store.Vault, error) { return store.OpenWithRecovery(dir, rk, opts) }, s.finished)
}

// finished shows the outcome of the attempt.
func (s *recoveryScreen) finished(v *store.Vault, err error) {
	if err == nil {
		s.u.begin(v)
		return
	}
	s.setBusy(false)
	s.status.SetText(errText(err))
}

func (s *recoveryScreen) setBusy(on bool) {
	if on {
		s.status.SetText("")
		s.key.Disable()
		s.button.Disable()
		s.back.Disable()
		s.progress.Show()
		s.progress.Start()
		return
	}
	s.progress.Stop()
	s.progress.Hide()
	s.key.Enable()
	s.button.Enable()
	s.back.Enable()
}
