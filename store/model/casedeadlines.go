package model

// stepClock is a deadline that runs from one step until another is on
// record, optionally only for some cases.
type stepClock struct {
	rule        string
	start, done StepKind
	applies     func(*Case) bool
}

// stepClocks are the post-decision deadlines of domain.md §6.
var stepClocks = []stepClock{
	{"submit_to_committee", StepCommittee, StepSubmitParty, nil},
	{"announce_sanction", StepDecision, StepAnnounce, nil},
	{"serve_gov_decision", StepDecision, StepServed, (*Case).hasGovSanction},
	{"execute_gov_decision", StepServed, StepExecuted, (*Case).hasGovSanction},
	{"execution_report", StepDecision, StepExecReport, nil},
}

// caseDeadlines adds the open deadlines of a case. An archived case has
// none.
func (k *collector) caseDeadlines(c *Case) {
	if c.Stage == StageArchived {
		return
	}
	add := func(rule string, start Date) {
		k.add(TypeCase, c.ID, c.Number, rule, start, extensionLevel(c.Extensions, rule))
	}
	switch c.Stage {
	case StagePrelim:
		k.prelim(c)
	case StageFiled, StageInvestigate:
		if !c.detained() {
			add("investigation", c.FiledOn())
		}
	case StageTrial:
		add("trial", c.trialStart())
	case StageAppeal:
		entered := c.lastEntered(StageAppeal)
		if s, ok := c.lastStep(StepAppealDecision, Date{}); !ok || s.Date.Before(entered) {
			add("party_appeal", entered)
		}
	}
	for _, m := range c.Measures {
		if m.Kind == MeasureDetention && m.End.IsZero() {
			add("detention", m.Start)
		}
	}
	for _, sc := range stepClocks {
		if sc.applies != nil && !sc.applies(c) {
			continue
		}
		start, ok := c.lastStep(sc.start, Date{})
		if done, fin := c.lastStep(sc.done, Date{}); ok && (!fin || done.Date.Before(start.Date)) {
			add(sc.rule, start.Date)
		}
	}
}

// prelim adds the 初核 deadline: the date in the approved plan when there
// is one, else the rule.
func (k *collector) prelim(c *Case) {
	start := c.lastEntered(StagePrelim)
	if c.PrelimDue.IsZero() {
		k.add(TypeCase, c.ID, c.Number, "preliminary_check", start, extensionLevel(c.Extensions, "preliminary_check"))
		return
	}
	k.addDue(TypeCase, c.ID, c.Number, "preliminary_check", start, c.PrelimDue, 0)
}

// detained reports whether a 留置 is running.
func (c *Case) detained() bool {
	for _, m := range c.Measures {
		if m.Kind == MeasureDetention && m.End.IsZero() {
			return true
		}
	}
	return false
}

// hasGovSanction reports whether any outcome holds a 政务处分.
func (c *Case) hasGovSanction() bool {
	for i := range c.Outcomes {
		for _, s := range c.Outcomes[i].Sanctions {
			if s.Kind == KindGovernment {
				return true
			}
		}
	}
	return false
}

// trialStart returns the day the 审理 period counts from: the day the case
// was accepted for 审理, moved later by the days it spent out on 补充调查
// (which do not count). After 重新调查 the period starts afresh.
func (c *Case) trialStart() Date {
	var start, paused Date
	for _, e := range c.Events {
		switch {
		case e.To == StageTrial && !paused.IsZero():
			start, paused = start.AddDays(e.Date.Sub(paused)), Date{}
		case e.To == StageTrial:
			start = e.Date
		case e.From == StageTrial && e.Kind == MoveSupplement:
			paused = e.Date
		}
	}
	return start
}
