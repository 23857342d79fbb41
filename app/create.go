package app

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// createScreen makes a new vault on first run: the passphrase twice, a
// strength hint while typing, then the recovery key.
type createScreen struct {
	u        *UI
	pass     *widget.Entry
	again    *widget.Entry
	strength *widget.Label
	status   *widget.Label
	busy     *widget.Label
	progress *widget.ProgressBarInfinite
	button   *widget.Button
}

// showCreate replaces the window content with the create screen.
func (u *UI) showCreate() {
	s := &createScreen{u: u}
	u.setContent(s.build())
	u.win.Canvas().Focus(s.pass)
}

func (s *createScreen) build() fyne.CanvasObject {
	s.pass = widget.NewPasswordEntry()
	s.pass.PlaceHolder = tr("create.pass")
	s.pass.OnChanged = s.changed
	s.again = widget.NewPasswordEntry()
	s.again.PlaceHolder = tr("create.again")
	s.again.OnSubmitted = s.submitted
	s.strength = extend(&widget.Label{Text: tr("strength.0"), SizeName: theme.SizeNameCaptionText})
	s.status = statusLabel()
	s.busy = extend(&widget.Label{Alignment: fyne.TextAlignCenter})
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.progress.Stop()
	s.button = extend(&widget.Button{Text: tr("create.button"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: s.submit})
	return card(tr("create.heading"),
		hint(trf("create.intro", map[string]any{"Dir": s.u.dir})),
		s.pass, s.strength, s.again, s.status, s.button, s.progress, s.busy)
}

// changed updates the strength hint as the passphrase is typed.
func (s *createScreen) changed(p string) {
	s.strength.SetText(tr(strengthKeys[passStrength(p)]))
}

func (s *createScreen) submitted(string) { s.submit() }

// submit checks the two entries and creates the vault on a goroutine (the
// key derivation is calibrated to this machine, which takes a few seconds).
func (s *createScreen) submit() {
	if s.pass.Text != s.again.Text {
		s.status.SetText(tr("create.mismatch"))
		return
	}
	pass := []byte(s.pass.Text)
	s.setBusy(true)
	dir, opts := s.u.dir, s.u.opts
	var rk store.RecoveryKey
	s.u.opening(func() (v *store.Vault, err error) {
		v, rk, err = store.Create(dir, pass, opts)
		clear(pass)
		return v, err
	}, func(v *store.Vault, err error) { s.finished(v, rk, err) })
}

// finished shows the recovery key, or the error in one line.
func (s *createScreen) finished(v *store.Vault, rk store.RecoveryKey, err error) {
	if err != nil {
		s.setBusy(false)
		s.status.SetText(errText(err))
		return
	}
	s.u.showRecoveryKey(v, rk)
}

func (s *createScreen) setBusy(on bool) {
	for _, d := range []fyne.Disableable{s.pass, s.again, s.button} {
		if on {
			d.Disable()
		} else {
			d.Enable()
		}
	}
	if on {
		s.status.SetText("")
		s.busy.SetText(tr("create.busy"))
		s.progress.Show()
		s.progress.Start()
		return
	}
	s.busy.SetText("")
	s.progress.Stop()
	s.progress.Hide()
}

// strengthKeys are the hint messages, weakest first.
var strengthKeys = []string{"strength.0", "strength.1", "strength.2", "strength.3"}

// passStrength grades a passphrase for the hint only (the store enforces
// the minimum length): 0 too short, 1 weak, 2 fair, 3 good. Length counts
// most; mixing kinds of characters (letters, digits, Chinese, symbols) helps.
func passStrength(p string) int {
	n, kinds := 0, map[string]bool{}
	for _, r := range p {
		n++
		kinds[runeKind(r)] = true
	}
	switch {
	case n < store.MinPassphraseRunes:
		return 0
	case n >= 16 || (n >= 12 && len(kinds) >= 3):
		return 3
	case n >= 12 || len(kinds) >= 3:
		return 2
	}
	return 1
}

// runeKind classifies a rune for passStrength.
func runeKind(r rune) string {
	switch {
	case unicode.Is(unicode.Han, r):
		return "han"
	case unicode.IsUpper(r):
		return "upper"
	case unicode.IsLower(r):
		return "lower"
	case unicode.IsDigit(r):
		return "digit"
	}
	return "other"
}
