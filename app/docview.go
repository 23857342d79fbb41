package app

import (
	"image"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
)

// previewDPI is the resolution of the page preview.
const previewDPI = 60

// docView is the 文书 section of a case: pick a template (and, when the
// case has several, the 被反映人 it is about), see its pages as the
// typesetter's raster backend draws them, save as PDF or print. Preview,
// save and print call the same casework methods as `doc render`, so each
// saved or printed copy is registered and audited alike.
type docView struct {
	t        *caseTab
	pick     *widget.Select
	subjects *widget.Select // the 被反映人, when the case has several
	subject  string         // the chosen subject's id; "" = the case's first
	pages    *fyne.Container
	status   *widget.Label
	images   []image.Image     // the pages previewed
	last     *casework.Printed // the last copy saved or printed
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
		reg.Add(valueCell(line))
	}
	if len(d.t.b.register) == 0 {
		reg.Add(widget.NewLabel(tr("doc.none_printed")))
	}
	regHead := extend(&widget.Label{Text: tr("doc.register"), TextStyle: fyne.TextStyle{Bold: true}})
	picks := fyne.CanvasObject(d.pick)
	if d.subjects = d.subjectPick(); d.subjects != nil {
		picks = container.NewGridWithColumns(2, d.pick, d.subjects)
	}
	return section(tr("case.sec.docs"), container.NewBorder(nil, nil, nil, container.NewHBox(save, print), picks),
		d.status, d.pages, widget.NewSeparator(), regHead, reg)
}

// subjectPick is the choice of the 被反映人 a document is about, shown when
// the case has more than one (the first is preselected); nil otherwise.
func (d *docView) subjectPick() *widget.Select {
	ids := d.t.b.c.SubjectIDs
	if len(ids) < 2 {
		return nil
	}
	labels := make([]string, len(ids))
	byLabel := map[string]string{}
	for i, id := range ids {
		labels[i] = d.t.b.subjectName(id)
		if _, dup := byLabel[labels[i]]; dup {
			labels[i] += " (" + strconv.Itoa(i+1) + ")"
		}
		byLabel[labels[i]] = id
	}
	sel := widget.NewSelect(labels, nil)
	sel.PlaceHolder = tr("field.subject")
	sel.Selected = labels[0]
	sel.OnChanged = func(l string) {
		d.subject = byLabel[l]
		d.preview()
	}
	return sel
}

// preview draws the chosen template's pages off the Fyne thread.
func (d *docView) preview() {
	u, name, subject := d.t.u, d.pick.Selected, d.subject
	if name == "" {
		return
	}
	u.touch()
	showStatus(d.status, "")
	setOnly(d.pages, widget.NewLabel(tr("doc.rendering")))
	svc, id := d.t.u.caseWork(d.t.s), d.t.id
	var imgs []image.Image
	var perr error // shown here, so that the pages' placeholder goes too
	u.inBackground(d.t.s, d.status, func() error {
		imgs, perr = svc.PreviewDocument(id, subject, name, previewDPI)
		return nil
	}, func() {
		if d.pick.Selected != name || d.subject != subject {
			return // another choice is being drawn
		}
		if perr != nil {
			setOnly(d.pages, widget.NewLabel(""))
			showStatus(d.status, errText(perr))
			return
		}
		d.showPages(imgs)
	})
}

// showPages puts the previewed pages in the section.
func (d *docView) showPages(imgs []image.Image) {
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
		d.write(name, path, func(p *casework.Printed) {
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
	d.write(name, path, func(p *casework.Printed) {
		d.status.Importance = widget.SuccessImportance
		showStatus(d.status, trf("doc.printing", map[string]any{"Number": p.Number, "Copy": p.Copy}))
		_ = u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
	})
}

// write registers one copy about the chosen subject and writes its PDF to
// path off the Fyne thread, as `doc render` does (casework.Render: nothing
// is registered if the file cannot be written).
func (d *docView) write(name, path string, done func(*casework.Printed)) {
	req := casework.RenderRequest{CaseID: d.t.id, SubjectID: d.subject, Template: name, Out: path, Copies: 1}
	svc := d.t.u.caseWork(d.t.s)
	var ps []casework.Printed
	d.t.u.inBackground(d.t.s, d.status, func() (err error) {
		ps, err = svc.Render(req)
		return err
	}, func() {
		d.last = &ps[0]
		done(d.last)
		d.t.reload()
	})
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
