package app

import (
	"cmp"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/app/msg"
	"qingfeng/store"
)

// countedTypes are the record types the 工作台 counts, in display order.
var countedTypes = []string{"dossier", "lead", "case", "subject", "tracked_item", "sanction", store.TypeAttachment}

// dashboard is the 工作台 section: real counts only — records by type
// (counted without decrypting) and records by stage or status (from the
// rows the lists load).
type dashboard struct {
	u *UI
	s *session

	types  *widget.Form
	stages *widget.Form
	leads  *widget.Form
	status *widget.Label
}

func newDashboard(u *UI, s *session) *dashboard { return &dashboard{u: u, s: s} }

// build makes the section and starts counting.
func (d *dashboard) build() fyne.CanvasObject {
	d.types = widget.NewForm()
	d.stages = widget.NewForm()
	d.leads = widget.NewForm()
	d.status = statusLabel()
	d.stages.Append(tr("dash.loading"), widget.NewLabel(""))
	d.leads.Append(tr("dash.loading"), widget.NewLabel(""))
	v := d.s.vault
	info := widget.NewForm(
		widget.NewFormItem(tr("dash.vault"), &widget.Label{Text: v.Dir(), Wrapping: fyne.TextWrapBreak}),
		widget.NewFormItem(tr("dash.actor"), widget.NewLabel(v.Actor())),
		widget.NewFormItem(tr("dash.machine"), widget.NewLabel(v.Machine())),
	)
	go d.count(v)
	d.s.cat.load(caseTypes, nil, d.casesLoaded)
	d.s.cat.load(leadTypes, nil, d.leadsLoaded)
	head := &widget.Label{Text: tr("nav.dashboard"), SizeName: theme.SizeNameHeadingText}
	grid := container.NewGridWithColumns(2,
		widget.NewCard(tr("dash.by_type"), "", d.types),
		widget.NewCard(tr("dash.info"), "", info),
		widget.NewCard(tr("dash.case_stages"), "", d.stages),
		widget.NewCard(tr("dash.lead_status"), "", d.leads),
	)
	return container.NewVScroll(container.NewVBox(head, d.status, grid))
}

// typeCount is the number of records of one type.
type typeCount struct {
	typ string
	n   int
}

// count counts records by type on its own goroutine.
func (d *dashboard) count(v *store.Vault) {
	var counts []typeCount
	total := 0
	err := v.View(func(tx *store.Tx) error {
		for _, t := range countedTypes {
			counts = append(counts, typeCount{t, tx.Count(t)})
		}
		total = tx.Count("")
		return nil
	})
	d.u.do(func() {
		if d.u.sess == d.s {
			d.counted(counts, total, err)
		}
	})
}

// counted shows the counts by type; types with no records are left out.
func (d *dashboard) counted(counts []typeCount, total int, err error) {
	if err != nil {
		d.status.SetText(msg.Text(err))
		return
	}
	for _, c := range counts {
		if c.n > 0 {
			d.types.Append(tr("type."+c.typ), widget.NewLabel(itoa(c.n)))
		}
	}
	d.types.Append(tr("dash.total"), &widget.Label{Text: itoa(total), TextStyle: fyne.TextStyle{Bold: true}})
}

func (d *dashboard) casesLoaded(rows []summary, err error) { d.fillStages(d.stages, rows, err) }

func (d *dashboard) leadsLoaded(rows []summary, err error) { d.fillStages(d.leads, rows, err) }

// fillStages shows how many rows are in each stage (or status), most first.
func (d *dashboard) fillStages(f *widget.Form, rows []summary, err error) {
	f.Items = nil
	if err != nil {
		f.Append(tr("dash.error"), &widget.Label{Text: msg.Text(err), Wrapping: fyne.TextWrapWord})
		return
	}
	for _, c := range stageCounts(rows) {
		name := c.typ
		if name == "" {
			name = tr("dash.no_stage")
		}
		f.Append(name, widget.NewLabel(itoa(c.n)))
	}
	if len(rows) == 0 {
		f.Append(tr("dash.none"), widget.NewLabel("0"))
	}
	f.Refresh()
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
