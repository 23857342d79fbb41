package model

// stepClock is a deadline that runs from one step until another is on
// record, optionally only for cases with a 政务处分.
type stepClock struct {
	rule        string
	start, done StepKind
	govOnly     bool
}

// stepClocks are the post-decision deadlines of domain.md §6.
var stepClocks = []stepClock{
	{"submit_to_committee", StepCommittee, StepSubmitParty, false},
	{"announce_sanction", StepDecision, StepAnnounce, false},
	{"serve_gov_decision", StepDecision, StepServed, true},
	{"execute_gov_decision", StepServed, StepExecuted, true},
	{"execution_report", StepDecision, StepExecReport, false},
}

// clockKinds are the steps the clocks look at; latestSteps indexes them.
var clockKinds = []StepKind{StepCommittee, StepSubmitParty, StepDecision, StepAnnounce,
	StepServed, StepExecuted, StepExecReport}

// latestSteps returns the latest date of each clock step in one pass.
func latestSteps(c *Case) (latest [7]Date) {
	for i := range c.Steps {
		s := &c.Steps[i]
		for j, k := range clockKinds {
			if s.Kind == k && s.Date.After(latest[j]) {
				latest[j] = s.Date
			}
		}
	}
	return latest
}

// clockIndex finds a kind in clockKinds.
func clockIndex(k StepKind) int {
	for j, c := range clockKinds {
		if c == k {
			return j
		}
	}
	return -1
}

// caseDeadlines adds the open deadlines of a case. An archived case has
// none; the clocks after the decision run only from 处分决定 on.
func (k *collector) caseDeadlines(c *Case) {
	switch c.Stage {
	case StageArchived:
		return
	case StagePrelim:
		k.prelim(c)
	case StageFiled, StageInvestigate:
		if !c.detained() {
			k.caseAdd(c, "investigation", c.FiledOn())
		}
	case StageTrial:
		k.caseAdd(c, "trial", c.trialStart())
	case StageAppeal:
		entered := c.lastEntered(StageAppeal)
		if s, ok := c.lastStep(StepAppealDecision, Date{}); !ok || s.Date.Before(entered) {
			k.caseAdd(c, "party_appeal", entered)
		}
	}
	for _, m := range c.Measures {
		if m.Kind == MeasureDetention && m.End.IsZero() {
			k.caseAdd(c, "detention", m.Start)
		}
	}
	if c.Stage == StageDecision || c.Stage == StageExecution || c.Stage == StageAppeal {
		k.stepClocks(c)
	}
}

// stepClocks adds the deadlines that run from one step to another.
func (k *collector) stepClocks(c *Case) {
	latest := latestSteps(c)
	gov := c.hasGovSanction()
	for _, sc := range stepClocks {
		start, done := latest[clockIndex(sc.start)], latest[clockIndex(sc.done)]
		if (sc.govOnly && !gov) || start.IsZero() || !done.Before(start) {
			continue
		}
		k.caseAdd(c, sc.rule, start)
	}
}

// caseAdd adds one deadline of a case.
func (k *collector) caseAdd(c *Case, rule string, start Date) {
	k.add(TypeCase, c.ID, c.Number, rule, start, extensionLevel(c.Extensions, rule))
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
