package gen

import (
	"cmp"
	"slices"

	"qingfeng/store/model"
)

// Dataset is a generated vault's content.
type Dataset struct {
	Settings model.Settings
	Subjects []model.Subject
	Leads    []model.Lead // nLeads standalone leads plus one originating lead per case
	Cases    []model.Case
	Items    []model.TrackedItem
}

// Dataset generates nLeads leads that did not become cases and nCases
// cases (each with the lead it grew out of), plus tracked items. Whatever
// the sizes allow is guaranteed: the first leads cover every disposition
// of the scheme and every outcome, the first cases every stage, every way
// to 归档 and every outcome style, one case is the 问责 sub-case of another
// (一案双查), and tracked items are due soon, overdue and escalated
// relative to today. Lead and case numbers follow date order per year.
func (g *Generator) Dataset(nLeads, nCases int) Dataset {
	d := Dataset{}
	g.cases(&d, nCases)
	pending := 0
	for i, p := range g.forcedLeadPlans() {
		if i >= nLeads {
			break
		}
		received := g.today.AddDays(-g.between(90, 700))
		if p.disp == "" {
			received = g.today.AddDays(-[]int{45, 5}[pending%2]) // one past its month, one fresh
			pending++
		}
		d.Leads = append(d.Leads, g.leadWith(p, received, []model.Subject{g.Subject()}))
	}
	for len(d.Leads) < nLeads+nCases {
		d.Leads = append(d.Leads, g.Lead())
	}
	g.items(&d, 10+nCases/10)
	g.renumber(&d)
	d.Settings, d.Subjects = g.settings, slices.Clone(g.subjects)
	return d
}

// cases generates the forced cases, the random ones and the 一案双查 pair.
func (g *Generator) cases(d *Dataset, n int) {
	forced := forcedCasePlans()
	regular := n
	if n >= 2 {
		regular = n - 2
	}
	for i := 0; i < regular; i++ {
		p := g.randomCasePlan()
		if i < len(forced) {
			p = forced[i]
		}
		c, l := g.caseFromPlan(p, nil)
		d.Cases, d.Leads = append(d.Cases, c), append(d.Leads, l)
	}
	if n >= 2 {
		g.pair(d)
	}
}

// pair generates a case and the 问责 sub-case of its unit's leaders, the
// case filed before the sub-case was opened.
func (g *Generator) pair(d *Dataset) {
	unit := pick(g, units)
	g.unit = unit // every subject of the pair works in the same unit
	defer func() { g.unit = "" }()
	childPlan := casePlan{kind: model.KindAccountability, target: model.StageExecution, style: styleAccountability}
	child, cl := g.caseFromPlan(childPlan, nil)
	parentPlan := casePlan{kind: model.KindInvestigation, target: model.StageArchived,
		ending: model.StageExecution, style: styleLightSanction}
	parent, pl := g.caseFromPlan(parentPlan, filedBy(child.Opened().AddDays(-10)))
	must(model.LinkAccountability(&parent, &child))
	child.Title = "关于" + unit + "领导干部落实全面从严治党主体责任不力问题"
	d.Cases = append(d.Cases, parent, child)
	d.Leads = append(d.Leads, pl, cl)
}

// forcedCasePlans cover every stage, every way to 归档 and every style.
func forcedCasePlans() []casePlan {
	inv := model.KindInvestigation
	p := func(target, ending model.Stage, style outcomeStyle) casePlan {
		return casePlan{target: target, ending: ending, style: style, kind: inv}
	}
	plans := []casePlan{
		p(model.StageExecution, "", styleLightSanction), p(model.StageReceived, "", 0),
		p(model.StageDisposal, "", 0), p(model.StagePrelim, "", 0), p(model.StageFiled, "", 0),
		p(model.StageInvestigate, "", styleCrime), p(model.StageTrial, "", 0), p(model.StageDecision, "", 0),
		p(model.StageExecution, "", styleHeavy), p(model.StageExecution, "", styleCrime),
		p(model.StageExecution, "", styleLightMeasures), p(model.StageExecution, "", styleOrganizational),
		p(model.StageAppeal, model.StageExecution, styleHeavy),
		p(model.StageArchived, model.StageExecution, styleLightSanction),
		p(model.StageArchived, model.StageDisposal, 0), p(model.StageArchived, model.StagePrelim, 0),
		p(model.StageArchived, model.StageInvestigate, 0), p(model.StageArchived, model.StageAppeal, styleHeavy),
	}
	plans[6].supplement = true
	return plans
}

// forcedLeadPlans cover every disposition of the scheme (closed where it
// can be), every outcome after 初核 and after 谈话函询, and pending leads.
func (g *Generator) forcedLeadPlans() []leadPlan {
	var out []leadPlan
	for _, disp := range g.settings.Scheme.Dispositions() {
		outs := disp.Outcomes()
		if outs == nil {
			out = append(out, leadPlan{disp: disp, close: true})
		}
		for _, o := range outs {
			out = append(out, leadPlan{disp: disp, outcome: o, close: true})
		}
	}
	return append(out, leadPlan{}, leadPlan{}, leadPlan{disp: pick(g, g.settings.Scheme.Dispositions())})
}

// items generates tracked items: first one of each state, then random.
func (g *Generator) items(d *Dataset, n int) {
	var inquiries []string // leads disposed of by 谈话函询
	for _, l := range d.Leads {
		if l.Disposal.Choice == model.DispInquiry {
			inquiries = append(inquiries, l.ID)
		}
	}
	for i := 0; i < n; i++ {
		st := itemState(i % int(itemStateCount))
		k := model.TrackedKinds[i%3] // the first states go to document deadlines
		if i >= int(itemStateCount) {
			k, st = pick(g, model.TrackedKinds), pick(g, stateWeights)
		}
		t := g.itemWith(k, st)
		g.attach(&t, d, inquiries)
		d.Items = append(d.Items, t)
	}
}

// attach links an item to a case (以案促改) or, for 函询, to a lead.
func (g *Generator) attach(t *model.TrackedItem, d *Dataset, inquiries []string) {
	switch {
	case t.Kind == model.TrackedInquiryReply && len(inquiries) > 0:
		t.LeadID = inquiries[g.rng.IntN(len(inquiries))]
	case t.Kind != model.TrackedInquiryReply && len(d.Cases) > 0:
		t.CaseID = d.Cases[g.rng.IntN(len(d.Cases))].ID
	}
}

// renumber gives leads and filed cases numbers in date order per year.
func (g *Generator) renumber(d *Dataset) {
	slices.SortStableFunc(d.Leads, func(a, b model.Lead) int {
		return cmp.Or(a.Received.Sub(b.Received), cmp.Compare(a.ID, b.ID))
	})
	seq := map[int]int{}
	for i := range d.Leads {
		d.Leads[i].Number = g.number(g.settings.LeadNumberFormat, seq, d.Leads[i].Received.Year())
	}
	order := make([]int, 0, len(d.Cases))
	for i := range d.Cases {
		if !d.Cases[i].FiledOn().IsZero() {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return d.Cases[a].FiledOn().Sub(d.Cases[b].FiledOn()) })
	seq = map[int]int{}
	for _, i := range order {
		d.Cases[i].Number = g.number(g.settings.CaseNumberFormat, seq, d.Cases[i].FiledOn().Year())
	}
}

// Records lists the data set's records in the order they can be stored:
// subjects, leads, cases, then tracked items (each refers only to earlier ones).
func (d *Dataset) Records() []model.Record {
	var out []model.Record
	for i := range d.Subjects {
		out = append(out, &d.Subjects[i])
	}
	for i := range d.Leads {
		out = append(out, &d.Leads[i])
	}
	for i := range d.Cases {
		out = append(out, &d.Cases[i])
	}
	for i := range d.Items {
		out = append(out, &d.Items[i])
	}
	return out
}
