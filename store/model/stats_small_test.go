package model

import (
	"testing"
)

func TestStatsSmallHandCounted(t *testing.T) {
	d := MustDate
	leads := []Lead{
		{ID: "1", Source: SourcePetition, Category: CategoryIntegrity, Received: d("2020-01-15"), Status: LeadPending},
		{ID: "2", Source: SourcePetition, Category: CategoryEightRules, Received: d("2020-03-02"),
			Disposal: Disposal{Choice: DispCheck}, Status: LeadHandling},
		{ID: "3", Source: SourceAudit, Category: CategoryIntegrity, Received: d("2020-03-20"),
			Disposal: Disposal{Choice: DispConclude}, Status: LeadClosed, Closed: d("2021-01-05")},
		{ID: "4", Source: SourceAudit, Category: CategoryWork, Received: d("2019-12-30"),
			Disposal: Disposal{Choice: DispHold}, Status: LeadClosed, Closed: d("2020-02-01")},
	}
	c1 := caseAt(StageExecution) // opened 2020-03-05, filed 2020-03-08, outcome 2020-03-12 严重警告
	c1.Nature = []Nature{NatureDiscipline, NatureDutyLaw}
	c1.Amounts = Amounts{Involved: 100, Collected: 50}
	c1.AccountabilityCases = []string{"c2"}
	c1.Outcomes[0].Sanctions = append(c1.Outcomes[0].Sanctions,
		Sanction{ID: "g", Kind: KindGovernment, Measure: GovDemote, Decided: d("2020-03-12")})
	c2 := NewCase("c2", KindAccountability, "", d("2020-06-01"), "甲")
	c2.ParentCase = "c1"
	c2.SubjectIDs = []string{"s2"}
	c2.Outcomes = []SubjectOutcome{{SubjectID: "s2", Decided: d("2020-07-07"),
		Sanctions: []Sanction{{ID: "w", Kind: KindAccountMeasure, Measure: "通报", Decided: d("2020-07-07")}}}}
	c3 := NewCase("c3", KindInvestigation, "l", d("2019-05-05"), "甲")
	items := []TrackedItem{
		{ID: "a", Kind: TrackedRectify, Issued: d("2020-02-01"), Deadline: d("2020-03-01"), Status: TrackedOpen, Escalated: true, NextStep: NextAccountability},
		{ID: "b", Kind: TrackedTalk, Issued: d("2019-12-01"), Deadline: d("2020-01-01"), Replied: d("2020-01-10"), Status: TrackedReplied},
		{ID: "c", Kind: TrackedTalk, Issued: d("2020-11-01"), Deadline: d("2020-12-31"), Status: TrackedOpen},
	}
	s := Stats(leads, []Case{c1, c2, c3}, items, 2020, d("2020-12-01"))
	l := s.Leads
	if l.Received != 3 || l.BySource[SourcePetition] != 2 || l.BySource[SourceAudit] != 1 ||
		l.ByCategory[CategoryIntegrity] != 2 || l.ByDisposal[DispCheck] != 1 || l.ByDisposal[DispConclude] != 1 ||
		l.Undisposed != 1 || l.Closed != 1 || l.ByMonth != [12]int{1, 0, 2} {
		t.Errorf("leads %+v", l)
	}
	c := s.Cases
	if c.Opened != 2 || c.ByStage[StageExecution] != 1 || c.ByStage[StageReceived] != 1 || c.Filed != 1 ||
		c.FiledByMonth[2] != 1 || c.ByNature[NatureDutyLaw] != 1 || c.Accountability != 1 || c.DoubleChecked != 1 ||
		c.Amounts != (Amounts{Involved: 100, Collected: 50}) {
		t.Errorf("cases %+v", c)
	}
	o := s.Outcomes
	// c1: one person, 严重警告 (2) + 降级 (3) -> form 3; c2: one person, 通报 -> form 1.
	if o.Persons != 2 || o.ByForm[3] != 1 || o.ByForm[1] != 1 || o.Sanctions != 3 ||
		o.ByMeasure["党纪处分/严重警告"] != 1 || o.ByMeasure["政务处分/降级"] != 1 || o.ByKind[KindAccountMeasure] != 1 ||
		o.PersonsByMonth[2] != 1 || o.PersonsByMonth[6] != 1 {
		t.Errorf("outcomes %+v", o)
	}
	tr := s.Tracked
	if tr.Issued != 2 || tr.Replied != 1 || tr.RepliedLate != 1 || tr.Overdue != 1 || tr.Escalated != 1 {
		t.Errorf("tracked %+v", tr)
	}
	want := []YearCounts{{Year: 2019, Leads: 1, Opened: 1, Tracked: 1}, {Year: 2020, Leads: 3, Opened: 2, Filed: 1, Persons: 2, Sanctions: 3, Tracked: 2}}
	if len(s.PerYear) != 2 || s.PerYear[0] != want[0] || s.PerYear[1] != want[1] {
		t.Errorf("per year %+v", s.PerYear)
	}
	s.CountOverdue([]Deadline{{Record: TypeLead, Rule: "lead_disposal", Due: d("2020-11-30")},
		{Record: TypeCase, Rule: "trial", Due: d("2020-12-01")}})
	if s.Overdue.Total != 1 || s.Overdue.ByRule["lead_disposal"] != 1 {
		t.Errorf("overdue %+v", s.Overdue)
	}
}
