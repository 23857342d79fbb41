package app

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store"
	"qingfeng/store/model"
)

// countedTypes are the record types the 工作台 counts, in display order.
var countedTypes = []string{"dossier", "lead", "case", "subject", "tracked_item", "sanction", store.TypeAttachment}

// dashboard is the 工作台 section: real counts only — records by type
// (counted without decrypting) and records by stage or status (from the
// rows the lists load).
type dashboard struct {
	u *UI
	s *session

	types  *fyne.Container // each holds one form, replaced when counts arrive
	stages *fyne.Container
	leads  *fyne.Container
	status *widget.Label

	due    *fyne.Container // overdue and due-soon deadlines, first on screen
	open   *fyne.Container // open leads by status, open cases by stage
	charts *fyne.Container // the charts of the year's statistics

	// What the case model's records gave, kept for the tests.
	upcoming []model.Deadline
	stats    *model.Statistics
	bars     map[string]*barChart // by chart title key
	line     *lineChart
}

func newDashboard(u *UI, s *session) *dashboard { return &dashboard{u: u, s: s} }

// build makes the section and starts counting.
func (d *dashboard) build() fyne.CanvasObject {
	loading := func() *fyne.Container { return container.NewStack(widget.NewLabel(tr("dash.loading"))) }
	d.types, d.stages, d.leads = loading(), loading(), loading()
	d.status = statusLabel()
	d.status.Hide()
	v := d.s.vault
	info := widget.NewForm(
		widget.NewFormItem(tr("dash.vault"), extend(&widget.Label{Text: v.Dir(), Truncation: fyne.TextTruncateEllipsis})),
		widget.NewFormItem(tr("dash.actor"), widget.NewLabel(v.Actor())),
		widget.NewFormItem(tr("dash.machine"), widget.NewLabel(v.Machine())),
	)
	d.due, d.open, d.charts = loading(), loading(), loading()
	d.count()
	d.overview()
	d.s.cat.load(caseTypes, nil, d.casesLoaded)
	d.s.cat.load(leadTypes, nil, d.leadsLoaded)
	head := extend(&widget.Label{Text: tr("nav.dashboard"), SizeName: theme.SizeNameHeadingText})
	grid := container.NewGridWithColumns(2,
		widget.NewCard(tr("dash.by_type"), "", d.types),
		widget.NewCard(tr("dash.info"), "", info),
		widget.NewCard(tr("dash.case_stages"), "", d.stages),
		widget.NewCard(tr("dash.lead_status"), "", d.leads),
	)
	top := container.NewVBox(
		widget.NewCard(tr("dash.due"), tr("dash.due_hint"), d.due),
		widget.NewCard(tr("dash.open"), "", d.open),
		widget.NewCard(tr("dash.charts"), "", d.charts),
	)
	return container.NewVScroll(container.NewVBox(head, d.status, top, grid))
}

// typeCount is the number of rows in one stage (or status).
type typeCount struct {
	typ string
	n   int
}

// count counts records by type off the Fyne thread (casework.RecordCounts).
func (d *dashboard) count() {
	w := d.u.caseWork(d.s)
	var counts []casework.TypeCount
	total := 0
	var err error
	d.u.inBackground(d.s, nil, func() error {
		counts, total, err = w.RecordCounts(countedTypes)
		return nil
	}, func() { d.counted(counts, total, err) })
}

// counted shows the counts by type; types with no records are left out.
func (d *dashboard) counted(counts []casework.TypeCount, total int, err error) {
	if err != nil {
		showStatus(d.status, errText(err))
		return
	}
	f := widget.NewForm()
	for _, c := range counts {
		if c.N > 0 {
			f.Append(tr("type."+c.Type), widget.NewLabel(itoa(c.N)))
		}
	}
	f.Append(tr("dash.total"), extend(&widget.Label{Text: itoa(total), TextStyle: fyne.TextStyle{Bold: true}}))
	setOnly(d.types, f)
}

// setOnly makes o the only object of c.
func setOnly(c *fyne.Container, o fyne.CanvasObject) {
	c.Objects = []fyne.CanvasObject{o}
	c.Refresh()
}

func (d *dashboard) casesLoaded(set *rowSet, err error) { d.fillStages(d.stages, set, err) }

func (d *dashboard) leadsLoaded(set *rowSet, err error) { d.fillStages(d.leads, set, err) }

// fillStages shows how many rows are in each stage (or status), most first.
func (d *dashboard) fillStages(box *fyne.Container, set *rowSet, err error) {
	if err != nil {
		setOnly(box, extend(&widget.Label{Text: errText(err), Wrapping: fyne.TextWrapWord}))
		return
	}
	if len(set.rows) == 0 {
		setOnly(box, widget.NewLabel(tr("dash.none")))
		return
	}
	f := widget.NewForm()
	for _, c := range stageCounts(set.rows) {
		name := c.typ
		if name == "" {
			name = tr("dash.no_stage")
		}
		f.Append(name, widget.NewLabel(itoa(c.n)))
	}
	setOnly(box, f)
}

// stageCounts counts rows by stage, most first, then by name.
func stageCounts(rows []summary) []typeCount {
	m := map[string]int{}
	for i := range rows {
		m[rows[i].stage]++
	}
	out := make([]typeCount, 0, len(m))
	for s, n := range m {
		out = append(out, typeCount{s, n})
	}
	slices.SortFunc(out, func(a, b typeCount) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.typ, b.typ))
	})
	return out
}
