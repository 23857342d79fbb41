package gen

import "qingfeng/store/model"

// leadPlan says how a generated lead ends up.
type leadPlan struct {
	disp    model.Disposition // "" leaves the lead pending
	outcome model.Outcome     // "" records no outcome
	close   bool
	decided model.Date // disposal date; zero picks one
	closeOn model.Date // closing date; zero picks one
}

// sourceWeights: most leads come from 信访举报.
var sourceWeights = []model.Source{model.SourcePetition, model.SourcePetition, model.SourcePetition,
	model.SourcePetition, model.SourceAssigned, model.SourceInspection, model.SourceAudit,
	model.SourceJudicial, model.SourceMedia, model.SourceSupervision, model.SourceSupervision, model.SourceOther}

// Lead generates a lead with a random fate under the vault's scheme.
func (g *Generator) Lead() model.Lead {
	plan := g.randomLeadPlan()
	received := g.today.AddDays(-g.between(40, 1000))
	if plan.disp == "" {
		received = g.today.AddDays(-g.between(0, 40))
	}
	return g.leadWith(plan, received, []model.Subject{g.Subject()})
}

func (g *Generator) randomLeadPlan() leadPlan {
	if g.chance(0.15) {
		return leadPlan{}
	}
	p := leadPlan{disp: pick(g, g.settings.Scheme.Dispositions())}
	if outs := p.disp.Outcomes(); outs != nil && g.chance(0.75) {
		p.outcome = pick(g, outs)
	}
	p.close = (p.outcome != "" || !p.disp.NeedsOutcome()) && g.chance(0.8)
	return p
}

// leadWith builds a lead received on received about subjects, following
// the plan as far as today allows.
func (g *Generator) leadWith(plan leadPlan, received model.Date, subjects []model.Subject) model.Lead {
	p := pick(g, problems)
	l := model.Lead{
		ID: g.id("l"), Number: g.number(g.settings.LeadNumberFormat, g.leadSeq, received.Year()),
		Source: pick(g, sourceWeights), Received: received, Summary: g.summary(subjects[0], p),
		Category: model.ProblemCategory(p.category), Leader: pick(g, leaders),
		Department: pick(g, departments), Handler: pick(g, officers), Status: model.LeadPending,
	}
	for _, s := range subjects {
		l.SubjectIDs = append(l.SubjectIDs, s.ID)
	}
	g.reporter(&l)
	g.trail(&l)
	if plan.disp != "" {
		g.dispose(&l, plan)
	}
	g.feedback(&l)
	return l
}

// reporter fills in who reported and whether the lead must be forwarded.
func (g *Generator) reporter(l *model.Lead) {
	if g.chance(0.45) {
		l.Reporter = model.Reporter{Name: g.name(), RealName: true, Contact: "来信"}
		// Only recent leads may still wait for their acceptance notice.
		recent := g.today.Sub(l.Received) < 30
		if d := l.Received.AddDays(g.between(2, 20)); !d.After(g.today) && (!recent || g.chance(0.7)) {
			l.Reporter.AcceptanceNotified = d
		}
	}
	if g.chance(0.04) {
		l.Elsewhere = true
		if d := l.Received.AddDays(g.between(1, 8)); !d.After(g.today) && g.chance(0.7) {
			l.Forwarded = d
		}
	}
}

// trail signs the first hands the lead passed through.
func (g *Generator) trail(l *model.Lead) {
	steps := []struct {
		who, action string
		after       int
	}{{"信访室" + pick(g, officers), "登记", 0}, {l.Handler, "呈批", 1}, {l.Leader, "批办", 2}, {l.Handler, "承办", 3}}
	for _, s := range steps {
		l.Sign(s.who, g.clamp(l.Received.AddDays(s.after)), s.action, s.who+"签字")
	}
}

// dispose applies the plan's disposal, outcome and closing.
func (g *Generator) dispose(l *model.Lead, plan leadPlan) {
	s := g.settings.Scheme
	decided := plan.decided
	if decided.IsZero() {
		decided = g.clamp(l.Received.AddDays(g.between(5, 28)))
	}
	must(l.Dispose(s, plan.disp, decided, l.Leader))
	last := decided
	if plan.disp == model.DispInquiry {
		if d := decided.AddDays(g.between(7, 25)); !d.After(g.today) {
			l.Disposal.Answered, last = d, d
		}
	}
	if plan.outcome != "" {
		on := last.AddDays(g.between(10, 40))
		if !plan.closeOn.IsZero() {
			on = plan.closeOn
		}
		if on.After(g.today) {
			return
		}
		must(l.RecordOutcome(plan.outcome, on))
		last = on
	}
	if plan.close {
		on := plan.closeOn
		if on.IsZero() {
			on = last.AddDays(g.between(1, 20))
		}
		if !on.After(g.today) {
			must(l.Close(s, on, l.Handler))
		}
	}
}

// feedback records the result feedback to a real-name reporter.
func (g *Generator) feedback(l *model.Lead) {
	if !l.Reporter.RealName || l.Status != model.LeadClosed {
		return
	}
	// Only recently closed leads may still wait for the feedback.
	recent := g.today.Sub(l.Closed) < 40
	if d := l.Closed.AddDays(g.between(3, 20)); !d.After(g.today) && (!recent || g.chance(0.7)) {
		l.Reporter.ResultNotified = d
	}
}

// must panics on an error from the model: the generator only makes moves
// the model allows, so an error is a bug in the generator.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
