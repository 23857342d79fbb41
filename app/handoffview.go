package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/export/bundle"
	"qingfeng/export/handoff"
	"qingfeng/store"
	"qingfeng/store/model"
)

// handoffView is the 交接 section: this vault's handoff key and contacts,
// the export wizard (cases, recipient, file, progress, cancel), the import
// wizard (file, dry-run summary, apply) and the conflicts left by imports,
// each opening the resolver. Every operation is one casework call run
// through UI.inBackground; export and import progress comes back through
// UI.do, and their cancel button cancels the context they run under.
type handoffView struct {
	u *UI
	s *session

	self     *handoff.Self // nil until read, or when the vault has no key
	contacts []bundle.Contact
	cases    []summary       // the cases and generic dossiers, newest number first
	chosen   map[string]bool // case ids ticked for export

	// identity and contacts
	selfBox    *fyne.Container
	contactBox *fyne.Container
	newContact *widget.Entry

	// export
	caseList  *widget.List
	mode      *widget.RadioGroup // contact or passphrase
	contact   *widget.Select
	pass      *widget.Entry
	pass2     *widget.Entry
	exportBtn *widget.Button
	exportRes *widget.Label

	// import
	importPass  *widget.Entry
	trust       *widget.Check
	importPath  string
	importReq   casework.ImportRequest // of the preview shown: the import applies the same
	previewRep  *handoff.Report
	summary     *fyne.Container
	applyBtn    *widget.Button
	importedRep *handoff.Report

	// long work: one at a time
	progress  *widget.ProgressBar
	phase     *widget.Label
	cancelBtn *widget.Button
	running   context.Context    // of the work running, nil when idle
	stop      context.CancelFunc // cancels running

	conflicts   []handoff.ConflictView
	conflictBox *fyne.Container
	resolver    *conflictResolver // the one open, if any

	status *widget.Label
	notice *widget.Label
	right  *fyne.Container // the import, conflicts and keys column
}

func newHandoffView(u *UI, s *session) *handoffView {
	return &handoffView{u: u, s: s, chosen: map[string]bool{}}
}

func (h *handoffView) build() fyne.CanvasObject {
	h.status = statusLabel()
	h.status.Hide()
	h.notice = hint("")
	h.notice.Hide()
	h.selfBox = container.NewVBox(hint(tr("dash.loading")))
	h.contactBox = container.NewVBox()
	h.newContact = extend(&widget.Entry{PlaceHolder: tr("handoff.contact_hint")})
	addContact := extend(&widget.Button{Text: tr("handoff.add_contact"), Icon: theme.ContentAddIcon(), OnTapped: func() { h.addContact(h.newContact.Text) }})

	h.caseList = extend(&widget.List{Length: func() int { return len(h.cases) }, CreateItem: func() fyne.CanvasObject {
		return extend(&widget.Check{})
	}, UpdateItem: h.updateCase})
	h.mode = extend(&widget.RadioGroup{Options: []string{tr("handoff.to_contact"), tr("handoff.to_pass")}, Horizontal: true, Required: true})
	h.mode.SetSelected(h.mode.Options[0])
	h.contact = extend(&widget.Select{PlaceHolder: tr("handoff.choose_contact")})
	h.pass = extend(&widget.Entry{Password: true, PlaceHolder: tr("handoff.pass")})
	h.pass2 = extend(&widget.Entry{Password: true, PlaceHolder: tr("handoff.pass2")})
	h.exportBtn = extend(&widget.Button{Text: tr("handoff.export"), Icon: theme.MailSendIcon(), Importance: widget.HighImportance, OnTapped: h.askExport})
	h.exportRes = extend(&widget.Label{Wrapping: fyne.TextWrapWord})
	h.exportRes.Hide()
	exportForm := widget.NewForm(
		widget.NewFormItem(tr("handoff.recipient"), h.mode),
		widget.NewFormItem(tr("handoff.contact"), h.contact),
		widget.NewFormItem(tr("handoff.pass"), container.NewGridWithColumns(2, h.pass, h.pass2)),
	)
	exportPart := container.NewBorder(container.NewVBox(subHead(tr("handoff.export_head")), hint(tr("handoff.cases_hint"))),
		container.NewVBox(exportForm, container.NewHBox(h.exportBtn), h.exportRes), nil, nil, h.caseList)

	h.importPass = extend(&widget.Entry{Password: true, PlaceHolder: tr("handoff.import_pass")})
	h.trust = extend(&widget.Check{Text: tr("handoff.trust")})
	pick := extend(&widget.Button{Text: tr("handoff.pick"), Icon: theme.FolderOpenIcon(), OnTapped: h.pickImport})
	h.applyBtn = extend(&widget.Button{Text: tr("handoff.apply"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: h.apply})
	h.applyBtn.Disable()
	h.summary = container.NewVBox()
	importPart := container.NewVBox(subHead(tr("handoff.import_head")), h.importPass, h.trust, container.NewHBox(pick), h.summary, container.NewHBox(h.applyBtn))

	h.progress = extend(&widget.ProgressBar{})
	h.phase = extend(&widget.Label{})
	h.cancelBtn = extend(&widget.Button{Text: tr("dialog.cancel"), Icon: theme.CancelIcon(), OnTapped: h.cancel})
	work := container.NewBorder(nil, nil, h.phase, h.cancelBtn, h.progress)
	h.setBusy(false)

	h.conflictBox = container.NewVBox()
	keys := container.NewVBox(subHead(tr("handoff.keys_head")), h.selfBox, subHead(tr("handoff.contacts_head")), h.contactBox,
		container.NewBorder(nil, nil, nil, addContact, h.newContact))
	h.right = container.NewVBox(importPart, widget.NewSeparator(), subHead(tr("handoff.conflicts_head")), h.conflictBox,
		widget.NewSeparator(), keys)
	right := container.NewVScroll(h.right)
	head := extend(&widget.Label{Text: tr("nav.handoff"), SizeName: theme.SizeNameHeadingText})
	top := container.NewVBox(head, h.status, h.notice, work)
	h.reload()
	h.s.cat.load(caseTypes, nil, h.casesLoaded)
	return container.NewBorder(top, nil, nil, nil, container.NewHSplit(exportPart, right))
}

// subHead is a bold line heading a part of a section.
func subHead(text string) *widget.Label {
	return extend(&widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}})
}

func (h *handoffView) updateCase(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(h.cases) {
		return
	}
	c := h.cases[id]
	ch := o.(*widget.Check)
	ch.OnChanged = nil
	ch.Text = strings.TrimSpace(cmp.Or(c.number, c.id) + "  " + oneLine(c.title, 40))
	ch.Checked = h.chosen[c.id]
	ch.Refresh()
	ch.OnChanged = func(on bool) { h.choose(c.id, on) }
}

// choose ticks or unticks a case for export.
func (h *handoffView) choose(id string, on bool) {
	h.u.touch()
	if on {
		h.chosen[id] = true
	} else {
		delete(h.chosen, id)
	}
}

// casesLoaded offers the rows of 案件 (loaded once per session by the
// catalog) for export.
func (h *handoffView) casesLoaded(set *rowSet, err error) {
	if err != nil {
		showStatus(h.status, errText(err))
		return
	}
	h.cases = slices.Clone(set.rows)
	h.sortCases()
}

func (h *handoffView) sortCases() {
	slices.SortStableFunc(h.cases, func(a, b summary) int { return cmp.Compare(b.numKey, a.numKey) })
	h.caseList.Refresh()
}

// work is the case-work service the screen calls, as the command line does.
func (h *handoffView) work() *casework.Service { return h.u.caseWork(h.s) }

// reload reads the key, the contacts and the conflicts (an audited view,
// as conflicts list is).
func (h *handoffView) reload() {
	svc := h.work()
	var keys *casework.HandoffKeys
	var conflicts []handoff.ConflictView
	h.u.inBackground(h.s, h.status, func() (err error) {
		if keys, err = svc.Keys(); err != nil {
			return err
		}
		conflicts, err = svc.Conflicts()
		return err
	}, func() {
		h.self, h.contacts, h.conflicts = keys.Self, keys.Contacts, conflicts
		h.showKeys()
		h.showConflicts()
	})
}

// showKeys shows this vault's contact line and fingerprint (or a button
// making the key) and the contacts.
func (h *handoffView) showKeys() {
	h.selfBox.Objects = nil
	if h.self == nil {
		h.selfBox.Add(hint(tr("handoff.no_key")))
		h.selfBox.Add(container.NewHBox(extend(&widget.Button{Text: tr("handoff.keygen"), Icon: theme.AccountIcon(), OnTapped: h.keygen})))
	} else {
		c := h.self.Contact()
		line := extend(&widget.Entry{Text: c.String(), Wrapping: fyne.TextWrapBreak, MultiLine: true})
		line.OnChanged = func(string) { line.SetText(c.String()) } // read-only but selectable
		h.selfBox.Add(valueCell(trf("handoff.self", map[string]any{"Name": h.self.Name, "Fingerprint": c.Fingerprint().String()})))
		h.selfBox.Add(line)
	}
	h.contactBox.Objects = nil
	var names []string
	for _, c := range h.contacts {
		names = append(names, c.Name)
		h.contactBox.Add(valueCell(c.Name + "  " + c.Fingerprint().String()))
	}
	if len(h.contacts) == 0 {
		h.contactBox.Add(hint(tr("handoff.no_contacts")))
	}
	h.contact.Options = names
	if !slices.Contains(names, h.contact.Selected) {
		h.contact.ClearSelected()
	}
	h.contact.Refresh()
	h.right.Refresh()
}

// keygen makes this vault's handoff key, named after the operator.
func (h *handoffView) keygen() {
	h.u.touch()
	svc := h.work()
	h.u.inBackground(h.s, h.status, func() error { _, err := svc.Keygen("", false); return err }, h.reload)
}

// addContact adds the other vault's contact line and shows its
// fingerprint, to be compared with the other side's.
func (h *handoffView) addContact(line string) {
	h.u.touch()
	svc := h.work()
	var c bundle.Contact
	h.u.inBackground(h.s, h.status, func() (err error) { c, err = svc.AddContact(line, ""); return err }, func() {
		showStatus(h.notice, trf("handoff.contact_added", map[string]any{"Name": c.Name, "Fingerprint": c.Fingerprint().String()}))
		h.newContact.SetText("")
		h.reload()
	})
}

// exportRequest checks the export choices.
func (h *handoffView) exportRequest() (casework.ExportRequest, error) {
	var req casework.ExportRequest
	for _, c := range h.cases {
		if h.chosen[c.id] {
			req.Dossiers = append(req.Dossiers, c.id)
		}
	}
	if len(req.Dossiers) == 0 {
		return req, errNoCases
	}
	if h.mode.Selected == tr("handoff.to_contact") {
		if h.contact.Selected == "" {
			return req, errNoRecipient
		}
		req.To = []string{h.contact.Selected}
		return req, nil
	}
	if len([]rune(h.pass.Text)) < 8 {
		return req, errShortPass
	}
	if h.pass.Text != h.pass2.Text {
		return req, errPassMismatch
	}
	req.Passphrase = h.pass.Text
	return req, nil
}

// askExport checks the choices, then whether the vault can write the
// bundle (its own key, the contact, the cases), and only then asks where
// to write it.
func (h *handoffView) askExport() {
	h.u.touch()
	req, err := h.exportRequest()
	if err != nil {
		showStatus(h.status, errText(err))
		return
	}
	showStatus(h.status, "")
	h.exportRes.Hide()
	svc := h.work()
	h.u.inBackground(h.s, h.status, func() error { return svc.CheckExport(req) }, func() {
		name := fmt.Sprintf("交接-%s.qfb", model.DateOf(h.u.now()))
		h.u.pickSavePath(name, func(path string) { h.exportTo(path, req) })
	})
}

// exportTo writes the bundle to path off the Fyne thread, with progress
// and a cancel button. A failed or cancelled export leaves nothing at
// path: casework.Export writes nothing there, and the empty file the save
// dialog made is removed.
func (h *handoffView) exportTo(path string, req casework.ExportRequest) {
	showStatus(h.status, "")
	ctx := h.start()
	progress, svc := h.progressFn(ctx), h.work()
	var res *handoff.ExportResult
	var err error
	h.u.inBackground(h.s, h.status, func() error {
		if res, err = svc.Export(ctx, req, path, progress); err != nil {
			removeEmpty(path)
		}
		if errors.Is(err, context.Canceled) {
			err = errExportCancelled
		}
		return nil
	}, func() {
		h.finish()
		if err != nil {
			showStatus(h.status, errText(err))
			return
		}
		to := tr("handoff.by_pass")
		if len(res.To) > 0 {
			to = strings.Join(res.To, "；")
		}
		h.exportRes.SetText(trf("handoff.exported", map[string]any{"Path": res.Path, "N": len(res.Dossiers),
			"Records": res.Records, "Attachments": res.Attachments, "To": to, "SHA": res.SHA256}))
		h.exportRes.Show()
	})
}

// removeEmpty removes the empty file the save dialog creates at path when
// the person confirms it (an existing file it truncates), so that a failed
// export leaves no 0-byte bundle behind.
func removeEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path)
	}
}

// start shows the progress bar and cancel button and returns the context
// of the work, cancelled by the button, by finish or by locking.
func (h *handoffView) start() context.Context {
	h.running, h.stop = context.WithCancel(h.s.ctx)
	h.setBusy(true)
	h.progress.SetValue(0)
	return h.running
}

func (h *handoffView) finish() {
	if h.stop != nil {
		h.stop()
	}
	h.running, h.stop = nil, nil
	h.setBusy(false)
}

func (h *handoffView) setBusy(on bool) {
	for _, o := range []fyne.CanvasObject{h.progress, h.phase, h.cancelBtn} {
		o.(interface{ Show() }).Show()
		if !on {
			o.(interface{ Hide() }).Hide()
		}
	}
	if on {
		h.exportBtn.Disable()
		h.applyBtn.Disable()
		h.cancelBtn.Enable()
	} else {
		h.exportBtn.Enable()
	}
}

// cancel asks the running work to stop.
func (h *handoffView) cancel() {
	h.u.touch()
	if h.stop != nil {
		h.stop()
		h.cancelBtn.Disable()
		h.phase.SetText(tr("handoff.cancelling"))
	}
}

// phaseKeys name the phases of an export or import.
var phaseKeys = map[handoff.Phase]string{
	handoff.PhaseWrite: "handoff.phase.write", handoff.PhaseReadBack: "handoff.phase.read_back",
	handoff.PhaseHash: "handoff.phase.hash", handoff.PhaseVerify: "handoff.phase.verify", handoff.PhaseContent: "handoff.phase.content",
}

// progressFn reports progress through UI.do, at most once per percent,
// while the work of ctx is the one running and not cancelled.
func (h *handoffView) progressFn(ctx context.Context) handoff.Progress {
	u, s := h.u, h.s
	last := -1
	var lastPhase handoff.Phase
	return func(p handoff.Phase, done, total int64) {
		pct := 100
		if total > 0 {
			pct = int(done * 100 / total)
		}
		if pct == last && p == lastPhase {
			return
		}
		last, lastPhase = pct, p
		u.do(func() {
			if u.sess != s || h.running != ctx || ctx.Err() != nil {
				return
			}
			h.phase.SetText(tr(phaseKeys[p]))
			h.progress.SetValue(float64(pct) / 100)
		})
	}
}

// importRequest is the import choices, for a dry run or the import.
func (h *handoffView) importRequest(dry bool) casework.ImportRequest {
	return casework.ImportRequest{Passphrase: h.importPass.Text, Trust: h.trust.Checked, DryRun: dry}
}

// pickImport asks for a bundle and previews it.
func (h *handoffView) pickImport() {
	h.u.touch()
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		h.preview(path)
	}, h.u.win)
	d.Show()
}

// preview runs the dry run of an import (the import itself, rolled back)
// off the Fyne thread and shows what it would do; a cancelled preview
// says so.
func (h *handoffView) preview(path string) {
	showStatus(h.status, "")
	req := h.importRequest(true)
	h.importPath, h.importReq, h.previewRep = path, req, nil
	h.summary.Objects = nil
	h.right.Refresh()
	h.runImport(path, req, func(rep *handoff.Report, err error) {
		switch {
		case errors.Is(err, context.Canceled):
			showStatus(h.status, errText(errCancelled))
		case err != nil:
			showStatus(h.status, errText(err))
		default:
			h.previewRep = rep
			h.showReport(rep)
			h.applyBtn.Enable()
		}
	})
}

// showReport shows what an import did or would do: the sender, the counts
// of new records, changes and conflicts, and the records by result.
func (h *handoffView) showReport(rep *handoff.Report) {
	h.summary.Objects = nil
	head := "handoff.done_head"
	if rep.DryRun {
		head = "handoff.preview_head"
	}
	h.summary.Add(subHead(tr(head)))
	h.summary.Add(valueCell(trf("handoff.sender", map[string]any{"Sender": rep.Sender, "Fingerprint": rep.Fingerprint,
		"Created": rep.Created.Local().Format("2006-01-02 15:04")})))
	h.summary.Add(extend(&widget.Label{Text: trf("handoff.counts", map[string]any{"New": rep.Counts[store.MergeAdded],
		"Changed": rep.Counts[store.MergeUpdated], "Conflicts": rep.Counts[store.MergeConflict],
		"Kept": rep.Counts[store.MergeKeptLocal], "Same": rep.Counts[store.MergeUnchanged]}), TextStyle: fyne.TextStyle{Bold: true}}))
	for _, o := range rep.Records {
		if o.Result == store.MergeUnchanged {
			continue
		}
		line := fmt.Sprintf("%s  %s  %s", resultName(o.Result), typeName(o.Type), o.Label)
		l := valueCell(strings.TrimSpace(line))
		h.summary.Add(l)
	}
	if rep.Counts[store.MergeConflict] > 0 {
		h.summary.Add(extend(&widget.Label{Text: tr("handoff.conflict_note"), Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}))
	}
	h.right.Refresh()
}

// resultName is a merge result in the user's words.
func resultName(r store.MergeResult) string { return tr("handoff.result." + string(r)) }

// apply imports the previewed bundle, as previewed (the same passphrase
// and trust), off the Fyne thread.
func (h *handoffView) apply() {
	h.u.touch()
	if h.previewRep == nil {
		return
	}
	req := h.importReq
	req.DryRun = false
	h.runImport(h.importPath, req, func(rep *handoff.Report, err error) {
		h.previewRep = nil
		h.applyBtn.Disable()
		if err != nil {
			showStatus(h.status, errText(err))
			return
		}
		h.importedRep = rep
		h.showReport(rep)
		h.reload()
		h.imported(rep)
	})
}

// runImport runs casework.Import (a dry run or the import) off the Fyne
// thread with progress, then hands its report or error to done on the
// Fyne thread. A dry run can be cancelled; an import is all or nothing and
// is not stopped halfway.
func (h *handoffView) runImport(path string, req casework.ImportRequest, done func(*handoff.Report, error)) {
	ctx := h.start()
	if !req.DryRun {
		h.cancelBtn.Disable()
	}
	progress, svc := h.progressFn(ctx), h.work()
	var rep *handoff.Report
	var err error
	h.u.inBackground(h.s, h.status, func() error {
		rep, err = svc.Import(ctx, path, req, progress)
		return nil
	}, func() {
		h.finish()
		done(rep, err)
	})
}

// showConflicts lists the unresolved conflicts, each with a button that
// opens the resolver.
func (h *handoffView) showConflicts() {
	h.conflictBox.Objects = nil
	if len(h.conflicts) == 0 {
		h.conflictBox.Add(hint(tr("handoff.no_conflicts")))
	}
	for i := range h.conflicts {
		c := h.conflicts[i]
		open := extend(&widget.Button{Text: tr("handoff.resolve"), Icon: theme.WarningIcon(), OnTapped: func() { h.openResolver(c) }})
		text := fmt.Sprintf("%s  %s", typeName(c.Type), cmp.Or(c.Label, c.ID))
		h.conflictBox.Add(container.NewBorder(nil, nil, nil, open, valueCell(text)))
	}
	h.right.Refresh()
}

// typeName is a record type in the user's words, or as stored when it has
// no label.
func typeName(typ string) string {
	if s := tr("type." + typ); s != "type."+typ {
		return s
	}
	return typ
}

// imported adds the records an import brought to the loaded lists: the
// cases offered here and the rows of 线索台账 and 案件.
func (h *handoffView) imported(rep *handoff.Report) {
	for _, o := range rep.Records {
		if o.Result != store.MergeAdded {
			continue
		}
		if m := h.s.main; m != nil {
			for _, l := range []*recordList{m.leads, m.cases} {
				if l != nil {
					l.added(o.Type, o.ID)
				}
			}
		}
		if slices.Contains(caseTypes, o.Type) {
			h.offer(o.Type, o.ID)
		}
	}
}

// offer reads the list row of an imported case and offers it for export.
func (h *handoffView) offer(typ, id string) {
	v := h.s.vault
	var row summary
	h.u.inBackground(h.s, h.status, func() (err error) { row, err = readSummary(v, typ, id); return err }, func() {
		for _, c := range h.cases {
			if c.key() == row.key() {
				return
			}
		}
		h.cases = append(h.cases, row)
		h.sortCases()
	})
}
