package model

import "slices"

// Statistics are the counts behind the dashboard and the monthly report.
// Year-scoped counts use each record's own date (stated per field); the
// per-year table covers every year found. Maps are keyed by the domain
// values; months are January first.
type Statistics struct {
	Year     int          `json:"year"`
	AsOf     Date         `json:"as_of"`
	Leads    LeadStats    `json:"leads"`
	Cases    CaseStats    `json:"cases"`
	Outcomes OutcomeStats `json:"outcomes"`
	Tracked  TrackedStats `json:"tracked"`
	Overdue  OverdueStats `json:"overdue"`
	PerYear  []YearCounts `json:"per_year"`

	measures map[measureKey]int // ByMeasure while counting, without building strings
	months   yearMonths         // first days of the months of Year
}

type measureKey struct {
	kind    SanctionKind
	measure string
}

// LeadStats count the leads received in the year.
type LeadStats struct {
	Received   int                     `json:"received"`
	BySource   map[Source]int          `json:"by_source"`
	ByCategory map[ProblemCategory]int `json:"by_category"`
	ByDisposal map[Disposition]int     `json:"by_disposal"` // 处置方式 of those received
	Undisposed int                     `json:"undisposed"`  // of those received, none yet
	Closed     int                     `json:"closed"`      // closed in the year, whenever received
	ByMonth    [12]int                 `json:"by_month"`    // received per month
}

// CaseStats count cases: opened (受理) or filed (立案) in the year.
type CaseStats struct {
	Opened         int            `json:"opened"`
	ByStage        map[Stage]int  `json:"by_stage"` // current stage of those opened
	Filed          int            `json:"filed"`
	FiledByMonth   [12]int        `json:"filed_by_month"`
	ByNature       map[Nature]int `json:"by_nature"`      // of those filed
	Archived       int            `json:"archived"`       // entered 归档 in the year
	Accountability int            `json:"accountability"` // 问责 sub-cases (一案双查) opened
	DoubleChecked  int            `json:"double_checked"` // cases opened that have 问责 sub-cases
	Amounts        Amounts        `json:"amounts"`        // summed over those filed
}

// OutcomeStats count outcomes decided in the year: persons (人次) by
// 四种形态, and each sanction by kind and measure.
type OutcomeStats struct {
	Persons          int                  `json:"persons"`
	ByForm           map[Form]int         `json:"by_form"` // per person; outcomes without sanction are not in a form
	PersonsByMonth   [12]int              `json:"persons_by_month"`
	Sanctions        int                  `json:"sanctions"`
	ByKind           map[SanctionKind]int `json:"by_kind"`
	ByMeasure        map[string]int       `json:"by_measure"` // key "kind/measure", e.g. 党纪处分/警告
	SanctionsByMonth [12]int              `json:"sanctions_by_month"`
}

// TrackedStats count tracked items issued in the year, replies in the
// year, and the items overdue on AsOf.
type TrackedStats struct {
	Issued      int                 `json:"issued"`
	ByKind      map[TrackedKind]int `json:"by_kind"`
	Replied     int                 `json:"replied"`      // replies received in the year
	RepliedLate int                 `json:"replied_late"` // of those, after the deadline
	Overdue     int                 `json:"overdue"`      // open and past the deadline on AsOf
	Escalated   int                 `json:"escalated"`    // open items flagged for escalation
}

// OverdueStats count overdue deadlines on AsOf; see CountOverdue.
type OverdueStats struct {
	Total    int            `json:"total"`
	ByRecord map[string]int `json:"by_record"`
	ByRule   map[string]int `json:"by_rule"`
}

// YearCounts are the headline counts of one year.
type YearCounts struct {
	Year      int `json:"year"`
	Leads     int `json:"leads"`     // received
	Opened    int `json:"opened"`    // cases opened
	Filed     int `json:"filed"`     // cases filed
	Persons   int `json:"persons"`   // outcomes decided
	Sanctions int `json:"sanctions"` // sanctions decided
	Tracked   int `json:"tracked"`   // tracked items issued
}

// MeasureKey is the ByMeasure key of a sanction.
func MeasureKey(k SanctionKind, measure string) string { return string(k) + "/" + measure }

// Stats counts the records for a year, with overdue tracked items judged
// on today. Overdue deadlines of leads and cases are added by CountOverdue.
func Stats(leads []Lead, cases []Case, items []TrackedItem, year int, today Date) Statistics {
	s := Statistics{Year: year, AsOf: today, months: monthsOf(year)}
	s.Leads = LeadStats{BySource: map[Source]int{}, ByCategory: map[ProblemCategory]int{}, ByDisposal: map[Disposition]int{}}
	s.Cases = CaseStats{ByStage: map[Stage]int{}, ByNature: map[Nature]int{}}
	s.Outcomes = OutcomeStats{ByForm: map[Form]int{}, ByKind: map[SanctionKind]int{}, ByMeasure: map[string]int{}}
	s.Tracked = TrackedStats{ByKind: map[TrackedKind]int{}}
	s.Overdue = OverdueStats{ByRecord: map[string]int{}, ByRule: map[string]int{}}
	s.measures = map[measureKey]int{}
	years := map[int]*YearCounts{}
	yc := func(y int) *YearCounts {
		if years[y] == nil {
			years[y] = &YearCounts{Year: y}
		}
		return years[y]
	}
	for i := range leads {
		s.countLead(&leads[i], yc)
	}
	for i := range cases {
		s.countCase(&cases[i], yc)
	}
	for i := range items {
		s.countItem(&items[i], yc)
	}
	for k, n := range s.measures {
		s.Outcomes.ByMeasure[MeasureKey(k.kind, k.measure)] = n
	}
	s.measures = nil
	for _, y := range years {
		s.PerYear = append(s.PerYear, *y)
	}
	slices.SortFunc(s.PerYear, func(a, b YearCounts) int { return a.Year - b.Year })
	return s
}

func (s *Statistics) countLead(l *Lead, yc func(int) *YearCounts) {
	if s.months.index(l.Closed) >= 0 {
		s.Leads.Closed++
	}
	yc(l.Received.yearOf()).Leads++
	m := s.months.index(l.Received)
	if m < 0 {
		return
	}
	ls := &s.Leads
	ls.Received++
	ls.ByMonth[m]++
	ls.BySource[l.Source]++
	ls.ByCategory[l.Category]++
	if l.Disposal.Choice == "" {
		ls.Undisposed++
	} else {
		ls.ByDisposal[l.Disposal.Choice]++
	}
}

func (s *Statistics) countCase(c *Case, yc func(int) *YearCounts) {
	opened, filed, archived := c.milestones()
	if !opened.IsZero() {
		yc(opened.yearOf()).Opened++
		if s.months.index(opened) >= 0 {
			s.countOpened(c)
		}
	}
	if s.months.index(archived) >= 0 {
		s.Cases.Archived++
	}
	if !filed.IsZero() {
		s.countFiled(c, filed, yc)
	}
	for i := range c.Outcomes {
		s.countOutcome(&c.Outcomes[i], yc)
	}
}

// countOpened counts a case opened in the year.
func (s *Statistics) countOpened(c *Case) {
	s.Cases.Opened++
	s.Cases.ByStage[c.Stage]++
	if c.ParentCase != "" {
		s.Cases.Accountability++
	}
	if len(c.AccountabilityCases) > 0 {
		s.Cases.DoubleChecked++
	}
}

// milestones returns, in one pass over the events, the dates the case was
// opened, first filed (立案) and first archived.
func (c *Case) milestones() (opened, filed, archived Date) {
	for i := range c.Events {
		e := &c.Events[i]
		switch {
		case i == 0:
			opened = e.Date
		case e.To == StageFiled && filed.IsZero():
			filed = e.Date
		case e.To == StageArchived && archived.IsZero():
			archived = e.Date
		}
	}
	return opened, filed, archived
}

func (s *Statistics) countFiled(c *Case, filed Date, yc func(int) *YearCounts) {
	yc(filed.yearOf()).Filed++
	m := s.months.index(filed)
	if m < 0 {
		return
	}
	cs := &s.Cases
	cs.Filed++
	cs.FiledByMonth[m]++
	for _, n := range c.Nature {
		cs.ByNature[n]++
	}
	cs.Amounts.Involved += c.Amounts.Involved
	cs.Amounts.Collected += c.Amounts.Collected
	cs.Amounts.Confiscated += c.Amounts.Confiscated
	cs.Amounts.Restitution += c.Amounts.Restitution
}

func (s *Statistics) countOutcome(o *SubjectOutcome, yc func(int) *YearCounts) {
	yc(o.Decided.yearOf()).Persons++
	if m := s.months.index(o.Decided); m >= 0 {
		s.Outcomes.Persons++
		s.Outcomes.PersonsByMonth[m]++
		if f := o.Form(); f != 0 {
			s.Outcomes.ByForm[f]++
		}
	}
	for i := range o.Sanctions {
		x := &o.Sanctions[i]
		yc(x.Decided.yearOf()).Sanctions++
		sm := s.months.index(x.Decided)
		if sm < 0 {
			continue
		}
		os := &s.Outcomes
		os.Sanctions++
		os.SanctionsByMonth[sm]++
		os.ByKind[x.Kind]++
		s.measures[measureKey{x.Kind, x.Measure}]++
	}
}

func (s *Statistics) countItem(t *TrackedItem, yc func(int) *YearCounts) {
	yc(t.Issued.yearOf()).Tracked++
	ts := &s.Tracked
	if s.months.index(t.Issued) >= 0 {
		ts.Issued++
		ts.ByKind[t.Kind]++
	}
	if s.months.index(t.Replied) >= 0 {
		ts.Replied++
		if t.Late() {
			ts.RepliedLate++
		}
	}
	if t.Overdue(s.AsOf) {
		ts.Overdue++
	}
	if t.Status == TrackedOpen && t.Escalated {
		ts.Escalated++
	}
}

// CountOverdue adds the deadlines from Rules.Open that are overdue on
// s.AsOf, by record type and rule.
func (s *Statistics) CountOverdue(open []Deadline) {
	for _, d := range open {
		if !d.Due.Before(s.AsOf) {
			continue
		}
		s.Overdue.Total++
		s.Overdue.ByRecord[d.Record]++
		s.Overdue.ByRule[d.Rule]++
	}
}
