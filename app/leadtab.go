package app

import (
	"cmp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store/model"
)

// leadTab is one lead opened in its own tab: its fields, the 经手人 trail
// and the actions 处置, 录入结果, 办结 and 转为案件, each a casework method
// called off the Fyne thread (inBackground), based on the revision read.
type leadTab struct {
	u      *UI
	s      *session
	l      *recordList
	id     string
	b      *leadBundle
	body   *fyne.Container
	item   *container.TabItem
	status *widget.Label
}

func newLeadTab(l *recordList, id string) *leadTab {
	t := &leadTab{u: l.u, s: l.s, l: l, id: id}
	t.status = statusLabel()
	t.status.Hide()
	t.body = container.NewStack(widget.NewLabel(tr("dash.loading")))
	t.item = container.NewTabItemWithIcon(id, theme.DocumentIcon(), container.NewBorder(t.status, nil, nil, nil, t.body))
	return t
}

// reload reads the lead again and rebuilds the tab.
func (t *leadTab) reload() {
	w := t.u.caseWork(t.s)
	var b *leadBundle
	t.u.inBackground(t.s, t.status, func() (err error) {
		b, err = loadLeadBundle(w, t.id)
		return err
	}, func() { t.show(b) })
}

func (t *leadTab) show(b *leadBundle) {
	t.b = b
	l := b.l
	t.item.Text = tabTitleOf(cmp.Or(l.Number, l.ID))
	t.l.tabs.Refresh()
	trail := container.NewVBox()
	for _, h := range l.Trail {
		trail.Add(valueCell(dateText(h.When) + "  " + h.Who + "  " + h.Action + "  " + h.Signature))
	}
	acts := container.NewHBox(
		button(&widget.Button{Text: tr("lead.do_dispose"), Icon: theme.ConfirmIcon(), OnTapped: t.askDispose}, l.Status != model.LeadPending),
		button(&widget.Button{Text: tr("lead.do_outcome"), Icon: theme.DocumentCreateIcon(), OnTapped: t.askOutcome}, l.Status != model.LeadHandling),
		button(&widget.Button{Text: tr("lead.do_close"), Icon: theme.CheckButtonCheckedIcon(), OnTapped: t.askClose}, l.Status == model.LeadClosed),
		button(&widget.Button{Text: tr("lead.do_case"), Icon: theme.FolderNewIcon(), OnTapped: t.askCase}, l.CaseID != ""),
	)
	att := newAttachView(t.u, t.s, model.TypeLead+"/"+l.ID, b.attach, t.reload)
	trailHead := extend(&widget.Label{Text: tr("lead.trail"), TextStyle: fyne.TextStyle{Bold: true}})
	setOnly(t.body, container.NewAppTabs(
		container.NewTabItem(tr("case.sec.basic"), section(tr("case.sec.basic"), acts, leadForm(l, b.subjects), widget.NewSeparator(), trailHead, trail)),
		container.NewTabItem(tr("case.sec.attach"), att.build()),
	))
}

// dateEntry is a date field holding today.
func (t *leadTab) dateEntry() *widget.Entry {
	return extend(&widget.Entry{Text: model.DateOf(t.u.now()).String()})
}

// leadChange is one change of the lead as read, made off the Fyne thread by
// the casework method the command line's lead verb calls.
type leadChange func(w *casework.Service, id string, rev uint64) error

// ask shows a form dialog; when confirmed, change reads the fields (on the
// Fyne thread) with the parsed date into the change to make.
func (t *leadTab) ask(title string, items []*widget.FormItem, date *widget.Entry, change func(on model.Date) leadChange) {
	t.u.touch()
	items = append([]*widget.FormItem{widget.NewFormItem(tr("flow.date"), date)}, items...)
	d := dialog.NewForm(title, tr("dialog.ok"), tr("dialog.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		on, err := model.ParseDate(strings.TrimSpace(date.Text))
		if err != nil {
			showStatus(t.status, errText(errBadDate))
			return
		}
		t.run(change(on))
	}, t.u.win)
	d.Resize(fyne.NewSize(420, 260))
	d.Show()
}

// run makes the change off the Fyne thread and reads the lead again.
func (t *leadTab) run(change leadChange) {
	w, id, rev := t.u.caseWork(t.s), t.id, t.b.rev
	t.u.inBackground(t.s, t.status, func() error { return change(w, id, rev) }, t.reload)
}

func (t *leadTab) askDispose() {
	var opts []string
	for _, d := range t.b.settings.Scheme.Dispositions() {
		opts = append(opts, string(d))
	}
	choice := widget.NewSelect(opts, nil)
	approver := extend(&widget.Entry{PlaceHolder: tr("lead.approver")})
	t.ask(tr("lead.do_dispose"), []*widget.FormItem{
		widget.NewFormItem(tr("lead.disposal"), choice), widget.NewFormItem(tr("lead.approver"), approver),
	}, t.dateEntry(), func(on model.Date) leadChange {
		d, who := model.Disposition(choice.Selected), strings.TrimSpace(approver.Text)
		return func(w *casework.Service, id string, rev uint64) error {
			_, err := w.DisposeLead(id, rev, d, on, who)
			return err
		}
	})
}

func (t *leadTab) askOutcome() {
	var opts []string
	for _, o := range t.b.l.Disposal.Choice.Outcomes() {
		opts = append(opts, string(o))
	}
	choice := widget.NewSelect(opts, nil)
	t.ask(tr("lead.do_outcome"), []*widget.FormItem{widget.NewFormItem(tr("lead.outcome"), choice)}, t.dateEntry(),
		func(on model.Date) leadChange {
			o := model.Outcome(choice.Selected)
			return func(w *casework.Service, id string, rev uint64) error {
				_, err := w.RecordOutcome(id, rev, o, on)
				return err
			}
		})
}

func (t *leadTab) askClose() {
	t.ask(tr("lead.do_close"), nil, t.dateEntry(), func(on model.Date) leadChange {
		return func(w *casework.Service, id string, rev uint64) error {
			_, err := w.CloseLead(id, rev, on)
			return err
		}
	})
}

func (t *leadTab) askCase() {
	var kinds []string
	for _, k := range model.CaseKinds {
		kinds = append(kinds, string(k))
	}
	kind := widget.NewSelect(kinds, nil)
	kind.SetSelected(kinds[0])
	t.ask(tr("lead.do_case"), []*widget.FormItem{widget.NewFormItem(tr("case.kind"), kind)}, t.dateEntry(),
		func(on model.Date) leadChange {
			k := model.CaseKind(kind.Selected)
			return func(w *casework.Service, id string, rev uint64) error {
				_, err := w.LeadToCase(id, rev, k, on)
				return err
			}
		})
}

// button makes a button, disabled when off is true.
func button(w *widget.Button, off bool) *widget.Button {
	w.ExtendBaseWidget(w)
	if off {
		w.Disable()
	}
	return w
}
