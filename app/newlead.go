package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store"
	"qingfeng/store/model"
)

// newLeadForm is the 新建线索 dialog (Ctrl+N, or the button of 线索台账).
// Submitting checks the fields, registers the lead and its 被反映人 in one
// transaction, shows the number it got and opens its tab.
type newLeadForm struct {
	u *UI
	s *session

	source   *widget.Select
	received *widget.Entry
	reporter *widget.Entry
	realName *widget.Check
	subjects *widget.Entry
	summary  *widget.Entry
	category *widget.Select
	handler  *widget.Entry
	status   *widget.Label
	save     *widget.Button
	dlg      dialog.Dialog

	// number and id are the new lead's, once registered.
	number, id string
}

// newLead opens the 新建线索 form.
func (m *mainView) newLead() *newLeadForm {
	u := m.u
	u.touch()
	f := &newLeadForm{u: u, s: m.s}
	var sources, cats []string
	for _, s := range model.Sources {
		sources = append(sources, string(s))
	}
	for _, c := range model.ProblemCategories {
		cats = append(cats, string(c))
	}
	f.source = extend(&widget.Select{Options: sources, PlaceHolder: tr("newlead.choose")})
	f.received = extend(&widget.Entry{Text: model.DateOf(u.now()).String()})
	f.reporter = extend(&widget.Entry{PlaceHolder: tr("newlead.reporter_hint")})
	f.realName = extend(&widget.Check{Text: tr("newlead.real_name")})
	f.subjects = extend(&widget.Entry{PlaceHolder: tr("newlead.subjects_hint")})
	f.summary = extend(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord})
	f.summary.SetMinRowsVisible(4)
	f.category = extend(&widget.Select{Options: cats, PlaceHolder: tr("newlead.choose")})
	f.handler = extend(&widget.Entry{})
	f.status = statusLabel()
	f.status.Hide()
	form := widget.NewForm(
		widget.NewFormItem(tr("lead.source"), f.source),
		widget.NewFormItem(tr("lead.received"), f.received),
		widget.NewFormItem(tr("lead.reporter"), container.NewBorder(nil, nil, nil, f.realName, f.reporter)),
		widget.NewFormItem(tr("lead.subjects"), f.subjects),
		widget.NewFormItem(tr("lead.summary"), f.summary),
		widget.NewFormItem(tr("lead.category"), f.category),
		widget.NewFormItem(tr("lead.handler"), f.handler),
	)
	f.save = extend(&widget.Button{Text: tr("newlead.save"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: f.submit})
	cancel := extend(&widget.Button{Text: tr("dialog.cancel"), Icon: theme.CancelIcon(), OnTapped: func() { f.dlg.Hide() }})
	body := container.NewVBox(withWidth(520, form), f.status, container.NewHBox(layout.NewSpacer(), cancel, f.save))
	f.dlg = dialog.NewCustomWithoutButtons(tr("newlead.title"), body, u.win)
	f.dlg.Show()
	m.leadForm = f
	return f
}

// lead builds the lead and its subjects from the fields, or returns the
// first problem found (a 受理 date after today is casework's to refuse).
func (f *newLeadForm) lead() (*model.Lead, []model.Subject, error) {
	l := &model.Lead{Source: model.Source(f.source.Selected), Category: model.ProblemCategory(f.category.Selected),
		Summary: strings.TrimSpace(f.summary.Text), Handler: strings.TrimSpace(f.handler.Text),
		Reporter: model.Reporter{Name: strings.TrimSpace(f.reporter.Text), RealName: f.realName.Checked}}
	switch {
	case l.Source == "":
		return nil, nil, errNeedSource
	case l.Summary == "":
		return nil, nil, errNeedSummary
	case l.Category == "":
		return nil, nil, errNeedCategory
	case l.Reporter.RealName && l.Reporter.Name == "":
		return nil, nil, errNeedReporter
	}
	on, err := model.ParseDate(strings.TrimSpace(f.received.Text))
	if err != nil {
		return nil, nil, errBadDate
	}
	l.Received = on
	var subs []model.Subject
	for _, name := range splitNames(f.subjects.Text) {
		subs = append(subs, model.Subject{Name: name})
	}
	return l, subs, nil
}

// splitNames splits a list of names written with 、，, ; or spaces.
func splitNames(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；; \t\n", r)
	})
	var out []string
	for _, f := range fields {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// submit checks the form and registers the lead and its subjects off the
// Fyne thread (casework.RegisterLead, as `lead add` does).
func (f *newLeadForm) submit() {
	f.u.touch()
	in, subs, err := f.lead()
	if err != nil {
		showStatus(f.status, errText(err))
		return
	}
	showStatus(f.status, "")
	f.save.Disable()
	w := f.u.caseWork(f.s)
	var l *model.Lead
	f.u.inBackground(f.s, nil, func() error {
		l, err = w.RegisterLead(*in, subs)
		return nil
	}, func() {
		f.save.Enable()
		if err != nil {
			showStatus(f.status, errText(err))
			return
		}
		f.created(l)
	})
}

// created closes the form, says which number the lead got and opens it.
func (f *newLeadForm) created(l *model.Lead) {
	f.number, f.id = l.Number, l.ID
	f.dlg.Hide()
	f.s.main.openRecord(model.TypeLead, l.ID)
	f.s.main.leads.added(model.TypeLead, l.ID)
	dialog.ShowInformation(tr("newlead.title"), trf("newlead.done", map[string]any{"Number": l.Number}), f.u.win)
}

// added puts a record written in this window (a lead registered here, a
// record imported) into the loaded list, since the catalog loads once per
// session; a list still loading reads it anyway.
func (l *recordList) added(typ, id string) {
	if !slices.Contains(l.types, typ) {
		return
	}
	v := l.s.vault
	var row summary
	var err error
	l.u.inBackground(l.s, nil, func() error {
		row, err = readSummary(v, typ, id)
		return nil
	}, func() {
		if err != nil || !l.loaded {
			return
		}
		if _, ok := l.index[row.key()]; ok {
			return
		}
		l.rows = append(l.rows, row)
		l.index[row.key()] = int32(len(l.rows) - 1)
		l.setQuery(l.search.Text)
	})
}

// readSummary reads the list row of one record, naming its subjects
// (casework.ListRow; not audited, as the lists are not).
func readSummary(v *store.Vault, typ, id string) (summary, error) {
	rec, n, err := casework.New(v).ListRow(typ, id)
	if err != nil {
		return summary{}, err
	}
	return summarizeWith(rec, namesOf(n)), nil
}
