package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
)

// recoveryKeyScreen shows the recovery key once, right after the vault is
// created, and lets the user go on only after confirming it is written down.
type recoveryKeyScreen struct {
	u       *UI
	vault   *store.Vault
	key     store.RecoveryKey
	copied  *widget.Label
	written *widget.Check
	next    *widget.Button
}

// showRecoveryKey replaces the window content with the recovery key of the
// vault just created. v stays open and becomes the session on "continue".
func (u *UI) showRecoveryKey(v *store.Vault, rk store.RecoveryKey) {
	s := &recoveryKeyScreen{u: u, vault: v, key: rk}
	u.pending = v
	u.setContent(s.build())
}

func (s *recoveryKeyScreen) build() fyne.CanvasObject {
	s.copied = extend(&widget.Label{SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord})
	s.written = extend(&widget.Check{Text: tr("rk.written"), OnChanged: s.writtenChanged})
	s.next = extend(&widget.Button{Text: tr("rk.continue"), Icon: theme.NavigateNextIcon(), Importance: widget.HighImportance, OnTapped: s.proceed})
	s.next.Disable()
	copyBtn := extend(&widget.Button{Text: tr("rk.copy"), Icon: theme.ContentCopyIcon(), OnTapped: s.copyKey})
	return card(tr("rk.heading"),
		extend(&widget.Label{Text: tr("rk.note"), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}),
		keyGroups(s.key),
		container.NewCenter(copyBtn), s.copied, s.written, s.next)
}

// keyGroups shows the key as its 8 groups, large and in a fixed-width font.
func keyGroups(rk store.RecoveryKey) fyne.CanvasObject {
	grid := container.NewGridWithColumns(4)
	for _, g := range strings.Split(string(rk), "-") {
		grid.Add(extend(&widget.Label{Text: g, Alignment: fyne.TextAlignCenter,
			TextStyle: fyne.TextStyle{Monospace: true, Bold: true}, SizeName: theme.SizeNameHeadingText}))
	}
	return grid
}

// copyKey puts the key on the clipboard; "continue" clears it again.
func (s *recoveryKeyScreen) copyKey() {
	s.u.app.Clipboard().SetContent(string(s.key))
	s.copied.SetText(tr("rk.copied"))
}

func (s *recoveryKeyScreen) writtenChanged(on bool) {
	if on {
		s.next.Enable()
	} else {
		s.next.Disable()
	}
}

// proceed forgets the key (and takes it off the clipboard if it is still
// there) and opens the main window.
func (s *recoveryKeyScreen) proceed() {
	cb := s.u.app.Clipboard()
	if cb.Content() == string(s.key) {
		cb.SetContent("")
	}
	s.key = ""
	s.u.begin(s.vault)
}
