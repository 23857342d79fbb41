package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store"
)

// openRecord shows a record in its own tab, reading it afresh and writing
// a "view" entry to the audit trail in the same transaction
// (casework.ShowRecord, as `dossier show` does).
func (l *recordList) openRecord(typ, id string) {
	if t, ok := l.open[typ+"/"+id]; ok {
		l.tabs.Select(t)
		return
	}
	switch typ {
	case "case":
		t := newCaseTab(l, id)
		l.addTab(typ+"/"+id, t.item)
		l.cases[typ+"/"+id] = t
		t.reload()
		return
	case "lead":
		t := newLeadTab(l, id)
		l.addTab(typ+"/"+id, t.item)
		l.leadTabs[typ+"/"+id] = t
		t.reload()
		return
	}
	var rec *store.Record
	v := l.s.vault
	l.u.inBackground(l.s, l.status, func() (err error) {
		rec, err = casework.New(v).ShowRecord(typ, id)
		return err
	}, func() { l.showRecord(rec) })
}

// showRecord adds the tab of a record just read.
func (l *recordList) showRecord(rec *store.Record) {
	key := rec.Type + "/" + rec.ID
	if t, ok := l.open[key]; ok {
		l.tabs.Select(t)
		return
	}
	sum := summarize(rec)
	t := container.NewTabItemWithIcon(tabTitle(&sum), theme.DocumentIcon(), recordView(rec))
	l.open[key] = t
	l.tabs.Append(t)
	l.tabs.Select(t)
}

// tabTitle is a short name for a record's tab.
func tabTitle(s *summary) string {
	for _, t := range []string{s.number, s.subject, s.title} {
		if t != "" {
			return oneLine(t, 16)
		}
	}
	return s.id
}

// recordView is the read-only view of a record: every field of its data,
// nested ones flattened, then its type, id, revision, time and machine.
func recordView(rec *store.Record) fyne.CanvasObject {
	sum := summarize(rec)
	head := newTextCell(func(lb *widget.Label) {
		lb.SizeName = theme.SizeNameSubHeadingText
		lb.Wrapping = fyne.TextWrapWord
	})
	head.SetText(sum.title)
	form := widget.NewForm()
	fields, err := flatten(rec.Data, tr("value.yes"), tr("value.no"))
	orderFields(fields)
	for _, f := range fields {
		form.Append(fieldLabel(f.path), valueCell(f.value))
	}
	if err != nil {
		form.Append(tr("record.damaged"), valueCell(errText(err)))
	}
	meta := widget.NewForm(
		widget.NewFormItem(tr("record.type"), valueCell(rec.Type)),
		widget.NewFormItem(tr("record.id"), valueCell(rec.ID)),
		widget.NewFormItem(tr("record.rev"), valueCell(fmt.Sprint(rec.Rev))),
		widget.NewFormItem(tr("record.modified"), valueCell(rec.Modified.Local().Format("2006-01-02 15:04:05"))),
		widget.NewFormItem(tr("record.machine"), valueCell(rec.Machine)),
	)
	metaHead := extend(&widget.Label{Text: tr("record.meta"), TextStyle: fyne.TextStyle{Bold: true}})
	return container.NewVScroll(container.NewVBox(head, widget.NewSeparator(), form, widget.NewSeparator(), metaHead, meta))
}

// valueCell shows one field value, wrapped, selectable for copying.
func valueCell(v string) *textCell {
	c := newTextCell(func(lb *widget.Label) {
		lb.Wrapping = fyne.TextWrapWord
		lb.Selectable = true
	})
	c.SetText(v)
	return c
}

// addTab adds and selects the tab of a record.
func (l *recordList) addTab(key string, t *container.TabItem) {
	l.open[key] = t
	l.tabs.Append(t)
	l.tabs.Select(t)
}
