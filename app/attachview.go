package app

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
)

// maxPreview is the most bytes of an attachment shown inside the program.
const maxPreview = 16 << 20

// attachView is the 附件 section of a record: the list, adding by file
// dialog or by dropping files on the window, viewing images and text
// inside the program, and a confirmed, audited plaintext copy.
type attachView struct {
	u        *UI
	s        *session
	owner    string // "type/id"
	rows     []attachRow
	after    func() // reads the record again after a change
	status   *widget.Label
	progress *widget.ProgressBar // while files are being added
}

func newAttachView(u *UI, s *session, owner string, rows []attachRow, after func()) *attachView {
	return &attachView{u: u, s: s, owner: owner, rows: rows, after: after}
}

func (a *attachView) build() fyne.CanvasObject {
	a.status = statusLabel()
	a.status.Hide()
	a.progress = widget.NewProgressBar()
	a.progress.Hide()
	list := container.NewVBox()
	for _, r := range a.rows {
		r := r
		name := valueCell(fmt.Sprintf("%s  （%s）  %s", r.a.Name, sizeText(r.a.Size), r.a.Added.Local().Format("2006-01-02 15:04")))
		view := extend(&widget.Button{Text: tr("att.view"), Icon: theme.VisibilityIcon(), OnTapped: func() { a.view(r) }})
		save := extend(&widget.Button{Text: tr("att.save_copy"), Icon: theme.DocumentSaveIcon(), OnTapped: func() { a.askSaveCopy(r) }})
		list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(view, save), name))
	}
	if len(a.rows) == 0 {
		list.Add(widget.NewLabel(tr("att.none")))
	}
	add := extend(&widget.Button{Text: tr("att.add"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: a.pick})
	return section(tr("case.sec.attach"), a.status, container.NewHBox(add), a.progress, hint(tr("att.drop_hint")), list)
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// pick adds a file chosen in the file dialog.
func (a *attachView) pick() {
	a.u.touch()
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		a.addPaths([]string{path})
	}, a.u.win)
	d.Show()
}

// addPaths stores the files at paths as attachments of the record
// (casework.AddAttachment, as `attach add` does), off the Fyne thread,
// showing how far it is, and reads the record again.
func (a *attachView) addPaths(paths []string) {
	u, s, v, owner := a.u, a.s, a.s.vault, a.owner
	a.progress.SetValue(0)
	a.progress.Show()
	progress := func(done, total int64) {
		if total > 0 {
			u.do(func() { a.progress.SetValue(float64(done) / float64(total)) })
		}
	}
	u.inBackground(s, a.status, func() error {
		defer u.do(a.progress.Hide)
		for _, p := range paths {
			if _, err := casework.New(v).AddAttachment(owner, p, progress); err != nil {
				return err
			}
		}
		return nil
	}, a.after)
}

// view shows an image or a text attachment inside the program: at most
// maxPreview bytes, read and audited off the Fyne thread (casework.Preview).
func (a *attachView) view(r attachRow) {
	a.u.touch()
	var data []byte
	v := a.s.vault
	a.u.inBackground(a.s, a.status, func() (err error) {
		data, _, err = casework.New(v).Preview(r.id, maxPreview)
		return err
	}, func() { a.showContent(r, data) })
}

// showContent opens a viewer over the bytes of an attachment.
func (a *attachView) showContent(r attachRow, data []byte) {
	var body fyne.CanvasObject
	ext := strings.ToLower(filepath.Ext(r.a.Name))
	switch {
	case ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".gif" || strings.HasPrefix(r.a.MimeType, "image/"):
		img := canvas.NewImageFromReader(bytes.NewReader(data), r.a.Name)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(600, 480))
		body = img
	case utf8.Valid(data):
		body = container.NewVScroll(valueCell(string(data)))
	default:
		body = widget.NewLabel(tr("att.no_viewer"))
	}
	d := dialog.NewCustom(r.a.Name, tr("dialog.close"), withWidth(640, body), a.u.win)
	d.Resize(fyne.NewSize(700, 560))
	d.Show()
}

// askSaveCopy warns that the copy leaves the vault unencrypted, then asks
// where to write it.
func (a *attachView) askSaveCopy(r attachRow) {
	a.u.touch()
	dialog.ShowConfirm(tr("att.save_title"), trf("att.save_warn", map[string]any{"Name": r.a.Name}), func(ok bool) {
		if !ok {
			return
		}
		a.u.pickSavePath(r.a.Name, func(path string) { a.saveCopy(r, path) })
	}, a.u.win)
}

// saveCopy writes the audited plaintext copy to path off the Fyne thread
// (casework.SaveCopy, as `attach get --yes` does: the file appears only
// with its audit entry).
func (a *attachView) saveCopy(r attachRow, path string) {
	v := a.s.vault
	a.u.inBackground(a.s, a.status, func() error {
		_, err := casework.New(v).SaveCopy(r.id, path)
		return err
	}, func() {
		a.status.Importance = widget.SuccessImportance
		showStatus(a.status, trf("att.saved", map[string]any{"Path": path}))
	})
}

// pickSavePath asks where to save a file (the save dialog, or what a test
// put in u.savePath) and calls done with the path.
func (u *UI) pickSavePath(name string, done func(string)) {
	if u.savePath != nil {
		done(u.savePath(name))
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		p := wc.URI().Path()
		wc.Close()
		done(p)
	}, u.win)
	d.SetFileName(name)
	d.Show()
}
