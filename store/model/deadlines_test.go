package model

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

// caseWithEvents builds a case by walking moves on given dates.
func caseWithEvents(t *testing.T, id string, moves []Move) Case {
	t.Helper()
	c := NewCase(id, KindInvestigation, "l1", MustDate("2020-01-02"), "赵登记")
	c.SubjectIDs = []string{"s1"}
	for _, m := range moves {
		satisfyAll(&c, m.To, m.Date)
		if m.Actor == "" {
			m.Actor = "张䶮"
		}
		if err := c.Move(m); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func investigationMoves() []Move {
	return []Move{
		{To: StageDisposal, Date: MustDate("2020-01-03")},
		{To: StagePrelim, Date: MustDate("2020-01-10")},
		{To: StageFiled, Date: MustDate("2020-03-02")},
		{To: StageInvestigate, Date: MustDate("2020-03-05")},
	}
}

func TestDeadlinesListedOverdueFirst(t *testing.T) {
	r := defaultRules(t)
	today := MustDate("2020-10-12")
	leadA := Lead{ID: "A", Number: "XS〔2020〕41号", Source: SourcePetition, Received: MustDate("2020-09-01"),
		Reporter: Reporter{Name: "王堃", RealName: true}, Status: LeadPending}
	leadB := Lead{ID: "B", Number: "XS〔2020〕30号", Source: SourcePetition, Received: MustDate("2020-08-01"),
		Reporter: Reporter{Name: "刘喆", RealName: true, AcceptanceNotified: MustDate("2020-08-10")},
		Disposal: Disposal{Choice: DispConclude, Decided: MustDate("2020-09-01")}, Status: LeadClosed, Closed: MustDate("2020-09-25")}
	leadC := Lead{ID: "C", Number: "XS〔2020〕22号", Source: SourceAssigned, Received: MustDate("2020-07-15"),
		Disposal: Disposal{Choice: DispCheck, Decided: MustDate("2020-07-20")}, Status: LeadHandling}

	// Case D: 审理 from 09-10, sent back for 补充调查 on 09-20, back on
	// 10-05: 15 days out do not count, so the month runs from 09-25 to
	// Sunday 10-25 and rolls to Monday 10-26.
	caseD := caseWithEvents(t, "D", append(investigationMoves(),
		Move{To: StageTrial, Date: MustDate("2020-09-10")},
		Move{To: StageInvestigate, Kind: MoveSupplement, Date: MustDate("2020-09-20"), Reason: "部分事实需补充证据"},
		Move{To: StageTrial, Date: MustDate("2020-10-05")}))
	caseD.Number = "LA〔2020〕4号"
	// Case E: 留置 since 07-04: three months end on 10-04 inside 国庆 and
	// do not roll. No 1-year investigation clock while detained.
	caseE := caseWithEvents(t, "E", investigationMoves())
	caseE.Number = "LA〔2020〕2号"
	caseE.Measures = []Measure{{ID: "m1", Kind: MeasureDetention, SubjectID: "s1", Start: MustDate("2020-07-04")}}

	items := []TrackedItem{
		{ID: "F", Kind: TrackedRecommendation, DocNumber: "某纪建〔2020〕3号", Unit: "某区财政局", Issued: MustDate("2020-08-01"), Deadline: MustDate("2020-09-30"), Status: TrackedOpen},
		{ID: "G", Kind: TrackedInquiryReply, Unit: "𠮷喆", Issued: MustDate("2020-09-01"), Deadline: MustDate("2020-09-22"), Replied: MustDate("2020-09-20"), Status: TrackedReplied},
		{ID: "H", Kind: TrackedRectify, DocNumber: "某纪改〔2020〕1号", Unit: "某市住房和城乡建设局", Issued: MustDate("2020-09-15"), Deadline: MustDate("2020-10-19"), Status: TrackedOpen},
	}
	open, err := r.Open([]Lead{leadA, leadB, leadC}, []Case{caseD, caseE}, items)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id, rule string
		due      string
		left     int
	}
	got := func(ds []Deadline) []row {
		var out []row
		for _, d := range ds {
			out = append(out, row{d.RecordID, d.Rule, d.Due.String(), d.DaysLeft})
		}
		return out
	}
	want := []row{
		// 15 working days from 09-01: 9/2 … 9/22 (three weeks of weekdays).
		{"A", "accept_notice", "2020-09-22", -20},
		{"F", "rectification", "2020-09-30", -12},
		{"E", "detention", "2020-10-04", -8},
		// 1 month from 09-01 is 10-01 (国庆), rolls to 10-09.
		{"A", "lead_disposal", "2020-10-09", -3},
		// 3 months from 07-15.
		{"C", "assigned_complaint", "2020-10-15", 3},
		{"H", "rectification", "2020-10-19", 7},
	}
	week := Deadlines(open, today, 7)
	if g := got(week); !slices.Equal(g, want) {
		t.Fatalf("within 7 days:\n got %v\nwant %v", g, want)
	}
	// Without a limit: B's result feedback (15 working days from 09-25
	// across 国庆, see the calendar test) and D's 审理 follow.
	wantAll := append(slices.Clone(want),
		row{"B", "result_feedback", "2020-10-22", 10},
		row{"D", "trial", "2020-10-26", 14})
	if g := got(Deadlines(open, today, -1)); !slices.Equal(g, wantAll) {
		t.Fatalf("all:\n got %v\nwant %v", g, wantAll)
	}
	for _, within := range []int{7, -1, 0} {
		up, err := r.Upcoming([]Lead{leadA, leadB, leadC}, []Case{caseD, caseE}, items, today, within)
		if err != nil || !slices.Equal(up, Deadlines(open, today, within)) {
			t.Errorf("Upcoming(%d) differs from Deadlines(Open): %v", within, err)
		}
	}
	f := week[1]
	if !f.Overdue || !f.Escalate || f.NextStep != NextAccountability || f.Name != "监察建议" {
		t.Errorf("tracked item not escalated: %+v", f)
	}
	if week[5].Overdue || week[5].Escalate {
		t.Errorf("item due in 7 days marked overdue: %+v", week[5])
	}
	if week[2].Name != "留置" || week[2].Escalate {
		t.Errorf("detention row: %+v", week[2])
	}
}

func TestTrialRestartsAfterReinvestigation(t *testing.T) {
	r := defaultRules(t)
	c := caseWithEvents(t, "c", append(investigationMoves(),
		Move{To: StageTrial, Date: MustDate("2020-06-01")},
		Move{To: StageInvestigate, Kind: MoveReinvestigate, Date: MustDate("2020-06-10"), Reason: "主要事实不清"},
		Move{To: StageTrial, Date: MustDate("2020-08-03")}))
	open, _ := r.Open(nil, []Case{c}, nil)
	if len(open) != 1 || open[0].Due.String() != "2020-09-03" {
		t.Fatalf("got %+v", open)
	}
}

func TestPrelimPlanDeadlineAndExtension(t *testing.T) {
	r := defaultRules(t)
	c := caseWithEvents(t, "c", investigationMoves()[:2]) // 初核 from 2020-01-10
	open, _ := r.Open(nil, []Case{c}, nil)
	if len(open) != 1 || open[0].Due.String() != "2020-03-10" {
		t.Fatalf("2 months: %+v", open)
	}
	c.Extensions = []Extension{{Rule: "preliminary_check", Level: 1, Approved: MustDate("2020-03-01")}}
	open, _ = r.Open(nil, []Case{c}, nil)
	if open[0].Due.String() != "2020-04-10" || open[0].Extended != 1 {
		t.Fatalf("extended: %+v", open)
	}
	c.PrelimDue = MustDate("2020-02-20")
	open, _ = r.Open(nil, []Case{c}, nil)
	if open[0].Due.String() != "2020-02-20" {
		t.Fatalf("plan date: %+v", open)
	}
}

func TestPostDecisionClocks(t *testing.T) {
	r := defaultRules(t)
	c := caseAt(StageExecution) // 处分决定 step and move on 2020-03-12
	rules := func() []string {
		open, err := r.Open(nil, []Case{c}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range Deadlines(open, MustDate("2020-03-12"), -1) {
			out = append(out, fmt.Sprintf("%s %s", d.Rule, d.Due))
		}
		return out
	}
	// 1 month from 03-12 is Sunday 04-12, rolls to 04-13; Q1 reports by 04-15.
	if got := rules(); !slices.Equal(got, []string{"announce_sanction 2020-04-13", "execution_report 2020-04-15"}) {
		t.Fatalf("party sanction: %v", got)
	}
	c.Outcomes[0].Sanctions = append(c.Outcomes[0].Sanctions, Sanction{ID: "g1", Kind: KindGovernment, Measure: GovDemerit, Decided: MustDate("2020-03-12")})
	if got := rules(); !slices.Equal(got, []string{"announce_sanction 2020-04-13", "serve_gov_decision 2020-04-13", "execution_report 2020-04-15"}) {
		t.Fatalf("with 政务处分: %v", got)
	}
	satisfy(&c, Requirement(StepServed), MustDate("2020-03-20"))
	satisfy(&c, Requirement(StepAnnounce), MustDate("2020-03-20"))
	if got := rules(); !slices.Equal(got, []string{"execution_report 2020-04-15", "execute_gov_decision 2020-04-20"}) {
		t.Fatalf("after serving: %v", got)
	}
}

func TestOpenNeedsItsRules(t *testing.T) {
	cal, _ := DefaultCalendar()
	r, err := ParseRules([]byte(`{"version":1,"rules":[{"id":"trial","name":"审理","unit":"months","amount":1,"holiday":"roll"}]}`), cal)
	if err != nil {
		t.Fatal(err)
	}
	l := sampleLead()
	if _, err := r.Open([]Lead{l}, nil, nil); !errors.Is(err, ErrUnknownRule) {
		t.Fatalf("got %v", err)
	}
}
