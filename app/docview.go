package app

import (
	"image"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// previewDPI is the resolution of the page preview.
const previewDPI = 60

// docView is the 文书 section of a case: pick a template, see its pages as
// the typesetter's raster backend draws them, save as PDF or print. Each
// save and print is registered like `doc render`.
type docView struct {
	t      *caseTab
	pick   *widget.Select
	pages  *fyne.Container
	status *widget.Label
	images []image.Image // the pages previewed
	last   *printedDoc   // the last copy saved or printed
}

func newDocView(t *caseTab) *docView { return &docView{t: t} }

func (d *docView) build() fyne.CanvasObject {
	d.status = statusLabel()
	d.status.Hide()
	d.pages = container.NewVBox()
	d.pick = widget.NewSelect(d.t.b.templates, func(string) { d.preview() })
	d.pick.PlaceHolder = tr("doc.pick")
	save := extend(&widget.Button{Text: tr("doc.save_pdf"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: d.savePDF})
	print := extend(&widget.Button{Text: tr("doc.print"), Icon: theme.DocumentPrintIcon(), OnTapped: d.print})
	reg := container.NewVBox()
	for _, e := range d.t.b.register {
		line := e.Template + "  " + e.Number + "  " + dateText(e.Date) + "  " + trf("doc.copies", map[string]any{"N": len(e.Copies)})
		reg.Add(valueCell(d.t.u.theme, line))
	}
	if len(d.t.b.register) == 0 {
		reg.Add(widget.NewLabel(tr("doc.none_printed")))
	}
	regHead := extend(&widget.Label{Text: tr("doc.register"), TextStyle: fyne.TextStyle{Bold: true}})
	return section(tr("case.sec.docs"), container.NewBorder(nil, nil, nil, container.NewHBox(save, print), d.pick),
		d.status, d.pages, widget.NewSeparator(), regHead, reg)
}

// preview draws the chosen template's pages on a goroutine.
func (d *docView) preview() {
	u, s, v, id, name := d.t.u, d.t.s, d.t.s.vault, d.t.id, d.pick.Selected
	if name == "" {
		return
	}
	u.touch()
	showStatus(d.status, "")
	setOnly(d.pages, widget.NewLabel(tr("doc.rendering")))
	now := u.now()
	go func() {
		imgs, err := previewPages(v, id, name, previewDPI, now)
		u.do(func() {
			if u.sess != s || d.pick.Selected != name {
				return
			}
			if err != nil {
				setOnly(d.pages, widget.NewLabel(""))
				showStatus(d.status, errText(err))
				return
			}
			d.images = imgs
			d.pages.Objects = nil
			for _, img := range imgs {
				ci := canvas.NewImageFromImage(img)
				ci.FillMode = canvas.ImageFillContain
				b := img.Bounds()
				ci.SetMinSize(fyne.NewSize(float32(b.Dx()), float32(b.Dy())))
				d.pages.Add(container.NewCenter(ci))
			}
			d.pages.Refresh()
		})
	}()
}

// savePDF asks where, then registers one copy and writes its PDF there.
func (d *docView) savePDF() {
	name := d.pick.Selected
	if name == "" {
		showStatus(d.status, tr("doc.pick_first"))
		return
	}
	d.t.u.touch()
	d.t.u.pickSavePath(name+".pdf", func(path string) {
		d.write(name, path, func(p *printedDoc) {
			d.t.u.touch()
			d.status.Importance = widget.SuccessImportance
			showStatus(d.status, trf("doc.saved", map[string]any{"Path": path, "Number": p.Number, "Copy": p.Copy}))
		})
	})
}

// print registers one copy, writes it to the temporary print folder
// (removed on lock and exit) and hands it to the system's PDF viewer to print.
func (d *docView) print() {
	name := d.pick.Selected
	if name == "" {
		showStatus(d.status, tr("doc.pick_first"))
		return
	}
	u := d.t.u
	dir, err := u.tempPrintDir()
	if err != nil {
		showStatus(d.status, errText(err))
		return
	}
	path := filepath.Join(dir, strings.ReplaceAll(name, string(filepath.Separator), "_")+"-"+u.now().Format("150405.000")+".pdf")
	d.write(name, path, func(p *printedDoc) {
		d.status.Importance = widget.SuccessImportance
		showStatus(d.status, trf("doc.printing", map[string]any{"Number": p.Number, "Copy": p.Copy}))
		_ = u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
	})
}

// write registers and renders a copy on a goroutine, writing the PDF to
// path as the transaction's last step (nothing is registered if it fails).
func (d *docView) write(name, path string, done func(*printedDoc)) {
	u, s, v, id := d.t.u, d.t.s, d.t.s.vault, d.t.id
	now := u.now()
	go func() {
		wrote := false
		p, err := printDocument(v, id, name, now, func(b []byte) error {
			wrote = true
			return os.WriteFile(path, b, 0o600)
		})
		if err != nil && wrote {
			os.Remove(path)
		}
		u.do(func() {
			if u.sess != s {
				return
			}
			if err != nil {
				showStatus(d.status, errText(err))
				return
			}
			d.last = p
			done(p)
			d.t.reload()
		})
	}()
}

// tempPrintDir makes (once per session) the folder of PDFs to print.
func (u *UI) tempPrintDir() (string, error) {
	if u.printDir != "" {
		return u.printDir, nil
	}
	dir, err := os.MkdirTemp("", "qingfeng-print-")
	if err != nil {
		return "", err
	}
	u.printDir = dir
	return dir, nil
}

// removePrintDir deletes the PDFs sent to the printer (on lock and exit).
func (u *UI) removePrintDir() {
	if u.printDir != "" {
		os.RemoveAll(u.printDir)
		u.printDir = ""
	}
}
