package gen

import (
	"fmt"

	"qingfeng/store/model"
)

// Case generates a case at a random stage together with the lead it grew
// out of. The case's history is made through model moves, so it is
// consistent by construction.
func (g *Generator) Case() (model.Case, model.Lead) {
	return g.caseFromPlan(g.randomCasePlan(), nil)
}

// finalStage is the stage the plan leaves the case in.
func (p casePlan) finalStage() model.Stage { return p.target }

// adjuster may move a planned history in time.
type adjuster func(opened model.Date, moves []plannedMove) (model.Date, []plannedMove)

// caseFromPlan builds the case and its lead; adjust, when not nil, moves
// the planned history first.
func (g *Generator) caseFromPlan(p casePlan, adjust adjuster) (model.Case, model.Lead) {
	subjects := g.caseSubjects(p)
	opened, moves := g.dated(p.moves(), p.finalStage())
	if adjust != nil {
		opened, moves = adjust(opened, moves)
	}
	lead := g.caseLead(p, moves, opened, subjects)
	c := model.NewCase(g.id("c"), p.kind, lead.ID, opened, "案管室"+pick(g, officers))
	c.Title = fmt.Sprintf("关于%s涉嫌违纪违法问题", subjects[0].Name)
	for _, s := range subjects {
		c.SubjectIDs = append(c.SubjectIDs, s.ID)
	}
	b := &caseBuilder{g: g, c: &c, plan: p, subjects: subjects, moves: moves}
	b.walk()
	if c.Stage != model.StageReceived && c.Stage != model.StageDisposal && lead.Status == model.LeadClosed {
		lead.CaseID = c.ID
	}
	return c, lead
}

// filedBy returns an adjuster that moves a history earlier so that the
// case is filed (立案) on or before day.
func filedBy(day model.Date) adjuster {
	return func(opened model.Date, moves []plannedMove) (model.Date, []plannedMove) {
		for _, m := range moves {
			if m.to != model.StageFiled || !m.date.After(day) {
				continue
			}
			back := day.Sub(m.date)
			for i := range moves {
				moves[i].date = moves[i].date.AddDays(back)
			}
			return opened.AddDays(back), moves
		}
		return opened, moves
	}
}

// caseSubjects makes the people of the case: for a 问责 case, the leaders
// in charge.
func (g *Generator) caseSubjects(p casePlan) []model.Subject {
	n := 1
	if r := g.between(0, 99); r >= 92 {
		n = 3
	} else if r >= 70 {
		n = 2
	}
	out := make([]model.Subject, n)
	for i := range out {
		out[i] = g.Subject()
	}
	if p.kind == model.KindAccountability {
		for i := range out {
			s := &g.subjects[len(g.subjects)-n+i]
			var leading []post
			for _, x := range postsAt(s.Unit) {
				if x.leading {
					leading = append(leading, x)
				}
			}
			x := leading[i%len(leading)]
			s.Position, s.Rank, s.Authority = x.position, x.rank, x.authority
			if !s.Political.IsParty() {
				s.Political, s.PartyJoined = model.PartyMember, model.Month{Y: s.Born.Y + 22, M: s.Born.M}
			}
			out[i] = *s
		}
	}
	return out
}

// caseLead makes the lead the case grew out of, its disposal matching the
// case's path: 初核 (初步核实) when it went to 初核, closed with
// 拟立案审查调查 at 立案, concluded when the case ended early.
func (g *Generator) caseLead(p casePlan, moves []plannedMove, opened model.Date, subjects []model.Subject) model.Lead {
	check := model.DispCheck
	if g.settings.Scheme == model.SchemeFourMethods {
		check = model.DispPrelim
	}
	plan := leadPlan{}
	for _, m := range moves {
		switch {
		case m.to == model.StagePrelim:
			plan = leadPlan{disp: check, decided: m.date}
		case m.to == model.StageFiled:
			plan.outcome, plan.close, plan.closeOn = model.OutcomeFile, true, m.date
		case m.kind == model.MoveConclude && plan.disp == "":
			plan = leadPlan{disp: g.concludeDisposition(), close: true, decided: m.date, closeOn: m.date}
		case m.kind == model.MoveConclude:
			plan.outcome, plan.close, plan.closeOn = model.OutcomeDismiss, true, m.date
		}
	}
	return g.leadWith(plan, opened, subjects)
}

// concludeDisposition is the scheme's 了结.
func (g *Generator) concludeDisposition() model.Disposition {
	if g.settings.Scheme == model.SchemeFourMethods {
		return model.DispDismiss
	}
	return model.DispConclude
}

// caseBuilder walks a planned history.
type caseBuilder struct {
	g        *Generator
	c        *model.Case
	plan     casePlan
	subjects []model.Subject
	moves    []plannedMove
	evidence []string
}

// walk makes every planned move, recording what each needs first.
func (b *caseBuilder) walk() {
	for i, m := range b.moves {
		next := b.g.today
		if i+1 < len(b.moves) {
			next = b.moves[i+1].date
		}
		b.before(m)
		b.fulfil(m)
		must(b.c.Move(model.Move{To: m.to, Kind: m.kind, Date: m.date, Actor: pick(b.g, officers), Reason: m.reason}))
		b.after(m, next)
	}
}

// fulfil records every requirement of the move not yet on record, dated
// on or shortly before the move.
func (b *caseBuilder) fulfil(m plannedMove) {
	for _, t := range model.AllowedMoves(b.c.Stage) {
		if t.To != m.to {
			continue
		}
		for _, r := range t.Requires {
			b.require(r, m.date)
		}
	}
}

// require records one requirement if missing.
func (b *caseBuilder) require(r model.Requirement, on model.Date) {
	switch r {
	case model.ReqLead:
		return
	case model.ReqOutcomes:
		b.outcomes(on)
		return
	case model.ReqArchive:
		b.archive(on)
		return
	}
	k := model.StepKind(r)
	if b.c.HasStep(k, on) {
		return
	}
	b.step(k, b.stepDate(on))
}

// stepDate is a day on or up to three days before on, not before the
// last event.
func (b *caseBuilder) stepDate(on model.Date) model.Date {
	last := b.c.Events[len(b.c.Events)-1].Date
	d := on.AddDays(-b.g.between(0, 3))
	if d.Before(last) {
		return last
	}
	return d
}

// step records a step with fitting people.
func (b *caseBuilder) step(k model.StepKind, on model.Date) {
	g := b.g
	s := model.Step{Kind: k, Date: on, Actor: pick(g, officers)}
	switch k {
	case model.StepFilingApproval, model.StepWithdrawApproval:
		s.People = []string{pick(g, leaders), "市委书记"} // 主要负责人, 同级党委主要负责人
	case model.StepPrelimApproval, model.StepConcludeApproval:
		s.People = []string{pick(g, leaders)}
	case model.StepFilingAnnounced:
		s.People = []string{officers[0], officers[1+g.rng.IntN(len(officers)-1)]}
	}
	if k == model.StepDecision || k == model.StepFilingApproval {
		s.DocNumber = fmt.Sprintf("%s〔%d〕%d号", g.settings.OfficeCode, on.Year(), g.between(1, 300))
	}
	must(b.c.AddStep(s))
}
