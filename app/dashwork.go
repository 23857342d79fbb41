package app

import (
	"cmp"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"qingfeng/casework"
	"qingfeng/store/model"
)

// dueWithin is how many days ahead the 工作台 lists deadlines (amber).
const dueWithin = 7

// overview is what the 工作台 shows of the case model: casework.Dashboard
// with the open counts as bars.
type overview struct {
	upcoming []model.Deadline
	stats    model.Statistics
	leads    []chartBar // open leads by status
	cases    []chartBar // open cases by stage
	closed   [12]int    // cases entering 归档 per month of the year
}

// loadOverview asks casework for the deadlines due within dueWithin days
// (overdue first), the year's statistics and the open counts.
func loadOverview(w *casework.Service, today model.Date) (*overview, error) {
	d, err := w.Dashboard(today, dueWithin)
	if err != nil {
		return nil, err
	}
	return &overview{upcoming: d.Upcoming, stats: d.Stats, closed: d.Archived,
		leads: orderedBars(countsOf(d.OpenLeads), statusNames()), cases: orderedBars(countsOf(d.OpenCases), stageNames())}, nil
}

// countsOf keys counts by their names.
func countsOf[K ~string](m map[K]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, n := range m {
		out[string(k)] = n
	}
	return out
}

func statusNames() []string {
	out := make([]string, len(model.LeadStatuses))
	for i, s := range model.LeadStatuses {
		out[i] = string(s)
	}
	return out
}

func stageNames() []string {
	out := make([]string, len(model.Stages))
	for i, s := range model.Stages {
		out[i] = string(s)
	}
	return out
}

// orderedBars makes bars of counts in the order of names, then any other
// keys by name; zero counts are left out.
func orderedBars(m map[string]int, names []string) []chartBar {
	var out []chartBar
	for _, n := range names {
		if m[n] > 0 {
			out = append(out, chartBar{n, m[n]})
		}
	}
	var rest []chartBar
	for k, n := range m {
		if n > 0 && !slices.Contains(names, k) {
			rest = append(rest, chartBar{k, n})
		}
	}
	slices.SortFunc(rest, func(a, b chartBar) int { return cmp.Compare(a.label, b.label) })
	return append(out, rest...)
}

// mapBars turns a statistics map into bars, most first.
func mapBars[K ~string](m map[K]int) []chartBar {
	var out []chartBar
	for k, n := range m {
		if n > 0 {
			out = append(out, chartBar{string(k), n})
		}
	}
	slices.SortFunc(out, func(a, b chartBar) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.label, b.label)) })
	return out
}

// formBars are the persons per 形态, first to fourth.
func formBars(m map[model.Form]int) []chartBar {
	var out []chartBar
	for f := model.Form(1); f <= 4; f++ {
		if m[f] > 0 {
			out = append(out, chartBar{tr("form." + itoa(int(f))), m[f]})
		}
	}
	return out
}

// overview loads the case model's view off the Fyne thread.
func (d *dashboard) overview() {
	w, today := d.u.caseWork(d.s), model.DateOf(d.u.now())
	var o *overview
	var err error
	d.u.inBackground(d.s, nil, func() error {
		o, err = loadOverview(w, today)
		return nil
	}, func() { d.showOverview(o, err) })
}

// showOverview fills the deadlines, the open counts and the charts.
func (d *dashboard) showOverview(o *overview, err error) {
	if err != nil {
		for _, c := range []*fyne.Container{d.due, d.open, d.charts} {
			setOnly(c, extend(&widget.Label{Text: errText(err), Wrapping: fyne.TextWrapWord}))
		}
		return
	}
	d.upcoming, d.stats = o.upcoming, &o.stats
	setOnly(d.due, d.dueList(o.upcoming))
	d.bars = map[string]*barChart{
		"dash.open_leads":  newBarChart(o.leads),
		"dash.open_cases":  newBarChart(o.cases),
		"dash.by_source":   newBarChart(mapBars(o.stats.Leads.BySource)),
		"dash.by_category": newBarChart(mapBars(o.stats.Leads.ByCategory)),
		"dash.by_disposal": newBarChart(mapBars(o.stats.Leads.ByDisposal)),
		"dash.by_form":     newBarChart(formBars(o.stats.Outcomes.ByForm)),
	}
	sub := func(key string) fyne.CanvasObject {
		head := extend(&widget.Label{Text: tr(key), TextStyle: fyne.TextStyle{Bold: true}})
		return container.NewBorder(head, nil, nil, nil, d.bars[key])
	}
	setOnly(d.open, container.NewGridWithColumns(2, sub("dash.open_leads"), sub("dash.open_cases")))
	d.line = newLineChart([]lineSeries{
		{name: tr("dash.new_leads"), color: color.NRGBA{0x1f, 0x6f, 0xb2, 0xff}, values: o.stats.Leads.ByMonth},
		{name: tr("dash.closed_cases"), color: color.NRGBA{0x2e, 0x8b, 0x57, 0xff}, values: o.closed},
	})
	year := extend(&widget.Label{Text: trf("dash.year", map[string]any{"Year": o.stats.Year}), TextStyle: fyne.TextStyle{Bold: true}})
	setOnly(d.charts, container.NewVBox(
		container.NewGridWithColumns(2, sub("dash.by_source"), sub("dash.by_category")),
		container.NewGridWithColumns(2, sub("dash.by_disposal"), sub("dash.by_form")),
		year, d.line))
}

// dueList lists the deadlines: overdue in red, due soon in amber, each a
// button opening its record.
func (d *dashboard) dueList(ds []model.Deadline) fyne.CanvasObject {
	if len(ds) == 0 {
		return widget.NewLabel(tr("dash.none_due"))
	}
	box := container.NewVBox()
	for _, dl := range ds {
		text := trf("dash.due_soon", dueArgs(dl))
		imp, icon := widget.WarningImportance, theme.WarningIcon()
		if dl.Overdue {
			text = trf("dash.overdue", dueArgs(dl))
			imp, icon = widget.DangerImportance, theme.ErrorIcon()
		}
		dl := dl
		b := extend(&widget.Button{Text: text, Icon: icon, Importance: imp, Alignment: widget.ButtonAlignLeading,
			OnTapped: func() { d.u.touch(); d.s.main.openDeadline(dl) }})
		box.Add(b)
	}
	return box
}

// dueArgs are the fields of a deadline line.
func dueArgs(dl model.Deadline) map[string]any {
	days := dl.DaysLeft
	if days < 0 {
		days = -days
	}
	return map[string]any{"Number": cmp.Or(dl.Number, dl.RecordID), "Type": tr("type." + dl.Record),
		"Name": dl.Name, "Due": dl.Due.String(), "Days": days}
}
