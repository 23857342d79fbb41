package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
	"qingfeng/store/model"
)

// Sections of a case tab, in order.
var caseSections = []string{"case.sec.basic", "case.sec.subjects", "case.sec.lead", "case.sec.flow",
	"case.sec.deadlines", "case.sec.facts", "case.sec.outcomes", "case.sec.attach", "case.sec.docs", "case.sec.timeline"}

// Section indexes used by the code.
const (
	caseSecFlow   = 3
	caseSecAttach = 7
	caseSecDocs   = 8
)

// caseTab is one case opened in its own tab: a side list of sections over
// the case as read. Every change is a casework method called off the Fyne
// thread (inBackground), based on the revision read; then the case is read
// afresh.
type caseTab struct {
	u    *UI
	s    *session
	l    *recordList
	id   string
	b    *caseBundle
	tabs *container.AppTabs
	body *fyne.Container
	item *container.TabItem

	status *widget.Label
	moves  []*widget.Button // the allowed next stages of 流程
	att    *attachView
	docs   *docView
}

func newCaseTab(l *recordList, id string) *caseTab {
	t := &caseTab{u: l.u, s: l.s, l: l, id: id}
	t.status = statusLabel()
	t.status.Hide()
	t.body = container.NewStack(widget.NewLabel(tr("dash.loading")))
	t.item = container.NewTabItemWithIcon(id, theme.FolderOpenIcon(), container.NewBorder(t.status, nil, nil, nil, t.body))
	return t
}

// reload reads the case again on a goroutine and rebuilds the sections,
// keeping the section shown.
func (t *caseTab) reload() {
	w, today := t.u.caseWork(t.s), model.DateOf(t.u.now())
	var b *caseBundle
	t.u.inBackground(t.s, t.status, func() (err error) {
		b, err = loadCaseBundle(w, t.id, today)
		return err
	}, func() { t.show(b) })
}

// show builds the sections over a bundle just read.
func (t *caseTab) show(b *caseBundle) {
	t.b = b
	sel := 0
	if t.tabs != nil {
		sel = t.tabs.SelectedIndex()
	}
	t.item.Text = tabTitleOf(cmp.Or(b.c.Number, b.c.Title, b.c.ID))
	t.l.tabs.Refresh()
	t.att = newAttachView(t.u, t.s, model.TypeCase+"/"+b.c.ID, b.attach, t.reload)
	t.docs = newDocView(t)
	parts := []fyne.CanvasObject{t.basic(), t.subjects(), t.leadPart(), t.flow(), t.deadlines(),
		t.facts(), t.outcomes(), t.att.build(), t.docs.build(), t.timeline()}
	var items []*container.TabItem
	for i, p := range parts {
		items = append(items, container.NewTabItem(tr(caseSections[i]), p))
	}
	t.tabs = container.NewAppTabs(items...)
	t.tabs.SetTabLocation(container.TabLocationLeading)
	t.tabs.SelectIndex(sel)
	setOnly(t.body, t.tabs)
}

// tabTitleOf shortens a title for a tab.
func tabTitleOf(s string) string { return oneLine(s, 16) }

// form makes a read-only form of label/value pairs; empty values are left out.
func (t *caseTab) form(pairs ...string) *widget.Form {
	return pairForm(pairs...)
}

func pairForm(pairs ...string) *widget.Form {
	f := widget.NewForm()
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			f.Append(pairs[i], valueCell(pairs[i+1]))
		}
	}
	return f
}

// section is a scrolling column with a heading.
func section(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
	head := extend(&widget.Label{Text: title, SizeName: theme.SizeNameSubHeadingText})
	return container.NewVScroll(container.NewVBox(append([]fyne.CanvasObject{head, widget.NewSeparator()}, objs...)...))
}

func dateText(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (t *caseTab) basic() fyne.CanvasObject {
	c := t.b.c
	natures := make([]string, len(c.Nature))
	for i, n := range c.Nature {
		natures[i] = string(n)
	}
	names := make([]string, len(c.SubjectIDs))
	for i, id := range c.SubjectIDs {
		names[i] = t.b.subjectName(id)
	}
	f := t.form(tr("case.number"), c.Number, tr("case.title"), c.Title, tr("case.kind"), string(c.Kind),
		tr("case.stage"), string(c.Stage), tr("case.subjects"), strings.Join(names, "、"),
		tr("case.opened"), dateText(c.Opened()), tr("case.filed"), dateText(c.FiledOn()),
		tr("case.nature"), strings.Join(natures, "、"),
		tr("case.amount_involved"), yuan(c.Amounts.Involved), tr("case.amount_collected"), yuan(c.Amounts.Collected),
		tr("case.parent"), c.ParentCase, tr("case.sub_cases"), strings.Join(c.AccountabilityCases, "、"))
	if c.Archive != nil {
		f.Append(tr("case.archive"), valueCell(fmt.Sprintf("%s %s %s", c.Archive.Number, dateText(c.Archive.Archived), c.Archive.Retention)))
	}
	return section(tr("case.sec.basic"), f)
}

func yuan(f model.Fen) string {
	if f == 0 {
		return ""
	}
	return f.Yuan() + " 元"
}

func (t *caseTab) subjects() fyne.CanvasObject {
	box := container.NewVBox()
	for _, id := range t.b.c.SubjectIDs {
		s, ok := t.b.subjects[id]
		if !ok {
			box.Add(valueCell(id))
			continue
		}
		head := extend(&widget.Label{Text: s.Name, TextStyle: fyne.TextStyle{Bold: true}})
		box.Add(head)
		box.Add(t.form(tr("subject.gender"), string(s.Gender), tr("subject.ethnicity"), s.Ethnicity,
			tr("subject.born"), monthText(s.Born), tr("subject.political"), string(s.Political),
			tr("subject.unit"), s.Unit, tr("subject.position"), s.Position, tr("subject.rank"), s.Rank,
			tr("subject.authority"), s.Authority))
		box.Add(widget.NewSeparator())
	}
	if len(t.b.c.SubjectIDs) == 0 {
		box.Add(widget.NewLabel(tr("dash.none")))
	}
	return section(tr("case.sec.subjects"), box)
}

func monthText(m model.Month) string {
	if m.IsZero() {
		return ""
	}
	return m.String()
}

func (t *caseTab) leadPart() fyne.CanvasObject {
	l := t.b.lead
	if l == nil {
		return section(tr("case.sec.lead"), widget.NewLabel(tr("case.no_lead")))
	}
	open := extend(&widget.Button{Text: tr("case.open_lead"), Icon: theme.DocumentIcon(), OnTapped: func() {
		t.u.touch()
		t.s.main.openRecord(model.TypeLead, l.ID)
	}})
	return section(tr("case.sec.lead"), leadForm(l, nil), container.NewHBox(open))
}

// leadForm shows a lead's fields.
func leadForm(l *model.Lead, subjects map[string]model.Subject) *widget.Form {
	names := make([]string, len(l.SubjectIDs))
	for i, id := range l.SubjectIDs {
		names[i] = id
		if s, ok := subjects[id]; ok {
			names[i] = s.Name
		}
	}
	reporter := l.Reporter.Name
	if reporter == "" {
		reporter = tr("lead.anonymous")
	}
	return pairForm(tr("lead.number"), l.Number, tr("lead.status"), string(l.Status), tr("lead.source"), string(l.Source),
		tr("lead.received"), dateText(l.Received), tr("lead.reporter"), reporter, tr("lead.subjects"), strings.Join(names, "、"),
		tr("lead.summary"), l.Summary, tr("lead.category"), string(l.Category),
		tr("lead.disposal"), string(l.Disposal.Choice), tr("lead.decided"), dateText(l.Disposal.Decided),
		tr("lead.approver"), l.Disposal.ApprovedBy, tr("lead.outcome"), string(l.Disposal.Outcome),
		tr("lead.leader"), l.Leader, tr("lead.department"), l.Department, tr("lead.handler"), l.Handler,
		tr("lead.closed"), dateText(l.Closed), tr("lead.case"), l.CaseID)
}

// flow is the 流程 section: the stage history and one button per allowed
// next stage.
func (t *caseTab) flow() fyne.CanvasObject {
	c := t.b.c
	hist := container.NewVBox()
	for _, e := range c.Events {
		hist.Add(valueCell(eventLine(e)))
	}
	t.moves = nil
	next := container.NewHBox()
	for _, tr0 := range model.AllowedMoves(c.Stage) {
		tr0 := tr0
		b := extend(&widget.Button{Text: string(tr0.To), Icon: theme.NavigateNextIcon(), OnTapped: func() { t.askMove(tr0) }})
		t.moves = append(t.moves, b)
		next.Add(b)
	}
	if len(t.moves) == 0 {
		next.Add(widget.NewLabel(tr("flow.no_moves")))
	}
	steps := container.NewVBox()
	for _, s := range c.Steps {
		steps.Add(valueCell(fmt.Sprintf("%s  %s  %s", dateText(s.Date), s.Kind, s.Note)))
	}
	cur := extend(&widget.Label{Text: trf("flow.current", map[string]any{"Stage": string(c.Stage)}), TextStyle: fyne.TextStyle{Bold: true}})
	return section(tr("case.sec.flow"), cur, widget.NewLabel(tr("flow.next")), next, widget.NewSeparator(),
		widget.NewLabel(tr("flow.history")), hist, widget.NewLabel(tr("flow.steps")), steps)
}

// eventLine is one stage event as a line.
func eventLine(e model.StageEvent) string {
	s := fmt.Sprintf("%s  %s → %s  %s  %s", dateText(e.Date), cmp.Or(string(e.From), "—"), e.To, e.Kind, e.Actor)
	if e.Reason != "" {
		s += "  " + e.Reason
	}
	return s
}

// askMove asks for the date, kind and reason of a move and makes it.
func (t *caseTab) askMove(to model.Transition) {
	t.u.touch()
	date := extend(&widget.Entry{Text: model.DateOf(t.u.now()).String()})
	reason := extend(&widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: tr("flow.reason_hint")})
	kinds := make([]string, len(to.Kinds))
	for i, k := range to.Kinds {
		kinds[i] = string(k)
	}
	kind := widget.NewSelect(kinds, nil)
	kind.SetSelected(kinds[0])
	items := []*widget.FormItem{
		widget.NewFormItem(tr("flow.date"), date),
		widget.NewFormItem(tr("flow.kind"), kind),
		widget.NewFormItem(tr("flow.reason"), reason),
	}
	title := trf("flow.move_title", map[string]any{"From": string(t.b.c.Stage), "To": string(to.To)})
	d := dialog.NewForm(title, tr("flow.do_move"), tr("dialog.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		day, err := model.ParseDate(strings.TrimSpace(date.Text))
		if err != nil {
			showStatus(t.status, errText(errBadDate))
			return
		}
		t.move(model.Move{To: to.To, Kind: model.MoveKind(kind.Selected), Date: day, Reason: strings.TrimSpace(reason.Text)})
	}, t.u.win)
	d.Resize(fyne.NewSize(460, 320))
	d.Show()
}

// move moves the case as read (casework.MoveCase, as `case move` does); a
// refusal is shown in one line and nothing changes.
func (t *caseTab) move(m model.Move) {
	w, id, rev := t.u.caseWork(t.s), t.id, t.b.rev
	t.u.inBackground(t.s, t.status, func() error {
		_, err := w.MoveCase(id, rev, m)
		return err
	}, t.reload)
}

func (t *caseTab) deadlines() fyne.CanvasObject {
	box := container.NewVBox()
	for _, d := range t.b.deadlines {
		args := dueArgs(d)
		text := trf("dash.due_soon", args)
		imp := widget.MediumImportance
		if d.Overdue {
			text, imp = trf("dash.overdue", args), widget.DangerImportance
		} else if d.DaysLeft <= dueWithin {
			imp = widget.WarningImportance
		}
		box.Add(extend(&widget.Label{Text: text, Importance: imp, Wrapping: fyne.TextWrapWord}))
	}
	if len(t.b.deadlines) == 0 {
		box.Add(widget.NewLabel(tr("dash.none_due")))
	}
	items := container.NewVBox()
	for _, it := range t.b.items {
		items.Add(valueCell(itemLine(&it, model.DateOf(t.u.now()))))
	}
	if len(t.b.items) == 0 {
		items.Add(widget.NewLabel(tr("dash.none")))
	}
	return section(tr("case.sec.deadlines"), box, widget.NewSeparator(), extend(&widget.Label{Text: tr("nav.tracked"), TextStyle: fyne.TextStyle{Bold: true}}), items)
}

// itemLine is a tracked item in one line.
func itemLine(it *model.TrackedItem, today model.Date) string {
	s := fmt.Sprintf("%s  %s  %s  %s %s  %s", it.Kind, it.DocNumber, it.Unit, tr("item.deadline"), dateText(it.Deadline), it.Status)
	if it.Overdue(today) {
		s += "  " + tr("item.overdue")
	}
	if next := cmp.Or(it.NextStep, model.SuggestedNextStep(it.Kind)); next != "" && it.Replied.IsZero() {
		s += "  " + trf("item.next", map[string]any{"Step": string(next)})
	}
	return s
}

func (t *caseTab) facts() fyne.CanvasObject {
	facts := container.NewVBox()
	for _, f := range t.b.c.Facts {
		facts.Add(extend(&widget.Label{Text: f.Title + "（" + t.b.subjectName(f.SubjectID) + "，" + string(f.Category) + "）", TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}))
		facts.Add(valueCell(f.Description + "  " + yuan(f.Amount)))
	}
	ev := container.NewVBox()
	for _, e := range t.b.c.Evidence {
		ev.Add(valueCell(fmt.Sprintf("%s  %s  %s  %s", e.Kind, e.Title, dateText(e.Obtained), e.Source)))
	}
	if len(t.b.c.Facts) == 0 {
		facts.Add(widget.NewLabel(tr("dash.none")))
	}
	if len(t.b.c.Evidence) == 0 {
		ev.Add(widget.NewLabel(tr("dash.none")))
	}
	return section(tr("case.sec.facts"), facts, widget.NewSeparator(), extend(&widget.Label{Text: tr("case.evidence"), TextStyle: fyne.TextStyle{Bold: true}}), ev)
}

func (t *caseTab) outcomes() fyne.CanvasObject {
	box := container.NewVBox()
	for _, o := range t.b.c.Outcomes {
		head := t.b.subjectName(o.SubjectID) + "  " + dateText(o.Decided)
		if f := o.Form(); f > 0 {
			head += "  " + tr("form."+itoa(int(f)))
		}
		box.Add(extend(&widget.Label{Text: head, TextStyle: fyne.TextStyle{Bold: true}}))
		for _, s := range o.Sanctions {
			line := fmt.Sprintf("%s：%s  %s", s.Kind, s.Measure, tr("form."+itoa(int(s.Form()))))
			if end := s.EffectEnd(); !end.IsZero() {
				line += "  " + trf("outcome.effect_end", map[string]any{"Date": end.String()})
			}
			box.Add(valueCell(line))
		}
		if o.Note != "" {
			box.Add(valueCell(o.Note))
		}
	}
	if len(t.b.c.Outcomes) == 0 {
		box.Add(widget.NewLabel(tr("dash.none")))
	}
	return section(tr("case.sec.outcomes"), box)
}

// timeline merges, by time, what the case's own records tell of its
// history: the stage events and steps, the attachments added, the copies
// printed and the last edit. (The audit trail itself is the 审计日志
// screen's: opening a case does not decrypt it.)
func (t *caseTab) timeline() fyne.CanvasObject {
	type line struct {
		key  string
		text string
	}
	var lines []line
	for _, e := range t.b.c.Events {
		lines = append(lines, line{e.Date.String(), eventLine(e)})
	}
	for _, s := range t.b.c.Steps {
		lines = append(lines, line{s.Date.String(), fmt.Sprintf("%s  %s  %s  %s", dateText(s.Date), s.Kind, s.Actor, s.Note)})
	}
	at := func(when time.Time, what string) {
		lines = append(lines, line{when.Local().Format("2006-01-02 15:04:05"), when.Local().Format("2006-01-02 15:04") + "  " + what})
	}
	for _, a := range t.b.attach {
		at(a.a.Added, actionLabel(store.ActionCreate)+"  "+tr("type."+store.TypeAttachment)+"  "+a.a.Name)
	}
	for _, e := range t.b.register {
		for _, c := range e.Copies {
			at(c.Printed, actionLabel(store.ActionPrint)+"  "+e.Template+"  "+e.Number+"  "+c.By)
		}
	}
	if v := t.b.view; v != nil && !v.Modified.IsZero() {
		last := store.ActionEdit
		if v.Rev == 1 {
			last = store.ActionCreate
		}
		at(v.Modified, actionLabel(last)+"  "+tr("type."+model.TypeCase))
	}
	slices.SortStableFunc(lines, func(a, b line) int { return cmp.Compare(a.key, b.key) })
	box := container.NewVBox()
	for _, l := range lines {
		box.Add(valueCell(l.text))
	}
	return section(tr("case.sec.timeline"), box)
}
