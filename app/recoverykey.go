package app

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/export/pdf"
	"qingfeng/internal/atomicfile"
	"qingfeng/store"
	"qingfeng/store/model"
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
	sheet   *widget.Label // where the printable sheet was written, or why not
	// sheetPath is the sheet written last ("" if none).
	sheetPath string
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
	printBtn := extend(&widget.Button{Text: tr("rk.print"), Icon: theme.DocumentPrintIcon(), OnTapped: s.askSheet})
	s.sheet = extend(&widget.Label{SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord})
	s.sheet.Hide()
	return card(tr("rk.heading"),
		extend(&widget.Label{Text: tr("rk.note"), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}),
		keyGroups(s.key),
		container.NewCenter(container.NewHBox(copyBtn, printBtn)), s.copied, s.sheet, s.written, s.next)
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

// askSheet asks where to write the printable sheet of the key.
func (s *recoveryKeyScreen) askSheet() {
	s.u.pickSavePath(tr("rk.sheet_name")+".pdf", s.writeSheet)
}

// writeSheet renders the one-page sheet of the key to path off the Fyne
// thread. No vault is unlocked yet (u.sess is nil): inBackground drops
// the result if one is opened meanwhile, when this screen is gone.
func (s *recoveryKeyScreen) writeSheet(path string) {
	u, key, dir := s.u, s.key, s.u.dir
	today := model.DateOf(u.now()).String()
	u.inBackground(u.sess, s.sheet, func() error { return writeRecoverySheet(path, key, dir, today) }, func() {
		s.sheetPath = path
		showStatus(s.sheet, trf("rk.sheet_written", map[string]any{"Path": path}))
	})
}

// recoverySheet is the document of the sheet: a title, the key in its
// groups (two lines of four), the vault's folder and what to do with it.
func recoverySheet(rk store.RecoveryKey, dir, date string) *pdf.Document {
	g := strings.Split(string(rk), "-")
	half := (len(g) + 1) / 2
	return &pdf.Document{
		Secret: "机密",
		Title:  "清风案卷 恢复密钥",
		Body: []pdf.Block{
			{Kind: pdf.Heading1, Text: "恢复密钥"},
			{Text: strings.Join(g[:half], "  ")},
			{Text: strings.Join(g[half:], "  ")},
			{Kind: pdf.Heading1, Text: "案卷库"},
			{Text: dir},
			{Kind: pdf.Heading1, Text: "保管要求"},
			{Text: "忘记口令时，只有这把恢复密钥能打开案卷库（qingfeng passwd --recovery 或在解锁界面选择用恢复密钥）。" +
				"本页打印后请核对一遍，与涉密载体一同存放；打印用的 PDF 文件请立即删除，不要拍照，不要存入电脑或手机。"},
		},
		Date: date,
	}
}

// writeRecoverySheet renders the sheet to path through internal/atomicfile,
// readable by the owner only; a failed write leaves no file (and whatever
// was at path as it was).
func writeRecoverySheet(path string, rk store.RecoveryKey, dir, date string) error {
	return atomicfile.Write(path, 0o600, func(w io.Writer) error { return pdf.Render(w, recoverySheet(rk, dir, date)) })
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
