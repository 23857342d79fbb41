package gen

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"qingfeng/store/model"
)

var today = model.MustDate("2025-06-30")

func TestDeterministic(t *testing.T) {
	a, _ := json.Marshal(New(7, today).Dataset(50, 60))
	b, _ := json.Marshal(New(7, today).Dataset(50, 60))
	c, _ := json.Marshal(New(8, today).Dataset(50, 60))
	if string(a) != string(b) {
		t.Fatal("same seed gave different data")
	}
	if string(a) == string(c) {
		t.Fatal("different seeds gave the same data")
	}
}

func TestEveryRecordValidAndConsistent(t *testing.T) {
	for _, scheme := range model.Schemes {
		g := New(11, today)
		g.UseScheme(scheme)
		d := g.Dataset(200, 300)
		checkValid(t, d)
		checkRefs(t, d)
		checkNotInFuture(t, d)
	}
}

func checkValid(t *testing.T, d Dataset) {
	t.Helper()
	var recs []model.Record
	for i := range d.Subjects {
		recs = append(recs, &d.Subjects[i])
	}
	for i := range d.Leads {
		recs = append(recs, &d.Leads[i])
		if err := d.Leads[i].DisposalValidFor(d.Settings.Scheme); err != nil {
			t.Fatal(err)
		}
	}
	for i := range d.Cases {
		recs = append(recs, &d.Cases[i])
	}
	for i := range d.Items {
		recs = append(recs, &d.Items[i])
	}
	recs = append(recs, &d.Settings)
	for _, r := range recs {
		if err := r.Validate(); err != nil {
			t.Fatalf("%s %s: %v", r.RecordType(), r.RecordID(), err)
		}
	}
	if err := model.CheckLinks(d.Cases); err != nil {
		t.Fatal(err)
	}
}

func checkRefs(t *testing.T, d Dataset) {
	t.Helper()
	subjects, leads, cases := map[string]bool{}, map[string]*model.Lead{}, map[string]bool{}
	for _, s := range d.Subjects {
		subjects[s.ID] = true
	}
	for i, l := range d.Leads {
		leads[l.ID] = &d.Leads[i]
		for _, id := range l.SubjectIDs {
			if !subjects[id] {
				t.Fatalf("lead %s: unknown subject %s", l.ID, id)
			}
		}
	}
	for _, c := range d.Cases {
		cases[c.ID] = true
		l := leads[c.LeadID]
		if l == nil {
			t.Fatalf("case %s: unknown lead %s", c.ID, c.LeadID)
		}
		if !c.FiledOn().IsZero() && (l.Disposal.Outcome != model.OutcomeFile || l.CaseID != c.ID) {
			t.Fatalf("case %s filed but lead %+v", c.ID, l.Disposal)
		}
		for _, id := range c.SubjectIDs {
			if !subjects[id] {
				t.Fatalf("case %s: unknown subject %s", c.ID, id)
			}
		}
	}
	for _, it := range d.Items {
		if (it.CaseID != "" && !cases[it.CaseID]) || (it.LeadID != "" && leads[it.LeadID] == nil) {
			t.Fatalf("item %s: dangling link", it.ID)
		}
	}
}

func checkNotInFuture(t *testing.T, d Dataset) {
	t.Helper()
	for _, c := range d.Cases {
		for _, e := range c.Events {
			if e.Date.After(today) {
				t.Fatalf("case %s: event after today: %+v", c.ID, e)
			}
		}
		for _, s := range c.Steps {
			if s.Date.After(today) {
				t.Fatalf("case %s: step after today: %+v", c.ID, s)
			}
		}
	}
	for _, l := range d.Leads {
		if l.Received.After(today) || l.Closed.After(today) || l.Disposal.Decided.After(today) {
			t.Fatalf("lead %s in the future", l.ID)
		}
	}
}

func TestCoverage(t *testing.T) {
	for _, scheme := range model.Schemes {
		g := New(3, today)
		g.UseScheme(scheme)
		d := g.Dataset(40, 30)
		disp, outs := map[model.Disposition]bool{}, map[model.Outcome]bool{}
		for _, l := range d.Leads {
			disp[l.Disposal.Choice] = true
			outs[l.Disposal.Outcome] = true
		}
		for _, want := range scheme.Dispositions() {
			if !disp[want] {
				t.Errorf("%s: no lead disposed of by %s", scheme, want)
			}
			for _, o := range want.Outcomes() {
				if !outs[o] {
					t.Errorf("%s: no %s after %s", scheme, o, want)
				}
			}
		}
		if !disp[""] {
			t.Errorf("%s: no pending lead", scheme)
		}
		checkCaseCoverage(t, d)
		checkItemCoverage(t, d)
	}
}

func checkCaseCoverage(t *testing.T, d Dataset) {
	t.Helper()
	stages, kinds, forms, endings := map[model.Stage]bool{}, map[model.SanctionKind]bool{}, map[model.Form]bool{}, map[model.MoveKind]bool{}
	pairs, supplement := 0, false
	for _, c := range d.Cases {
		stages[c.Stage] = true
		for _, e := range c.Events {
			endings[e.Kind] = true
			supplement = supplement || e.Kind == model.MoveSupplement
		}
		for _, o := range c.Outcomes {
			forms[o.Form()] = true
			for _, s := range o.Sanctions {
				kinds[s.Kind] = true
			}
		}
		if c.ParentCase != "" {
			pairs++
		}
	}
	for _, s := range model.Stages {
		if !stages[s] {
			t.Errorf("no case at %s", s)
		}
	}
	for _, k := range model.SanctionKinds {
		if !kinds[k] {
			t.Errorf("no sanction of kind %s", k)
		}
	}
	for f := model.Form(1); f <= 4; f++ {
		if !forms[f] {
			t.Errorf("no outcome in form %d", f)
		}
	}
	for _, k := range []model.MoveKind{model.MoveConclude, model.MoveWithdraw, model.MoveSupplement} {
		if !endings[k] {
			t.Errorf("no move of kind %s", k)
		}
	}
	if pairs != 1 {
		t.Errorf("%d 一案双查 sub-cases, want 1", pairs)
	}
	checkPairUnit(t, d)
}

// checkPairUnit checks that the 问责 sub-case concerns the leaders of the
// unit where the parent case happened, and was opened after the filing.
func checkPairUnit(t *testing.T, d Dataset) {
	t.Helper()
	unit := map[string]string{}
	for _, s := range d.Subjects {
		unit[s.ID] = s.Unit
	}
	byID := map[string]model.Case{}
	for _, c := range d.Cases {
		byID[c.ID] = c
	}
	for _, c := range d.Cases {
		if c.ParentCase == "" {
			continue
		}
		p := byID[c.ParentCase]
		if unit[c.SubjectIDs[0]] != unit[p.SubjectIDs[0]] || !p.FiledOn().Before(c.Opened()) {
			t.Errorf("pair %s/%s: units %s/%s, filed %s, opened %s", p.ID, c.ID,
				unit[p.SubjectIDs[0]], unit[c.SubjectIDs[0]], p.FiledOn(), c.Opened())
		}
	}
}

func checkItemCoverage(t *testing.T, d Dataset) {
	t.Helper()
	var overdue, soon, escalated, late int
	for _, it := range d.Items {
		switch {
		case it.Overdue(today):
			overdue++
			if it.Escalated {
				escalated++
			}
		case it.Status == model.TrackedOpen && it.Deadline.Sub(today) <= 7:
			soon++
		case it.Late():
			late++
		}
	}
	if overdue == 0 || soon == 0 || escalated == 0 || late == 0 {
		t.Errorf("items: %d overdue, %d due soon, %d escalated, %d late", overdue, soon, escalated, late)
	}
}

func TestNamesAndSummaries(t *testing.T) {
	d := New(5, today).Dataset(300, 100)
	var names strings.Builder
	for _, s := range d.Subjects {
		names.WriteString(s.Name)
	}
	for _, r := range []string{"喆", "堃", "䶮", "𠮷"} {
		if !strings.Contains(names.String(), r) {
			t.Errorf("no name with %s", r)
		}
	}
	seen := map[string]bool{}
	for _, l := range d.Leads {
		n := utf8.RuneCountInString(l.Summary)
		if n < 80 || n > 300 {
			t.Errorf("summary of %d characters: %s", n, l.Summary)
		}
		seen[l.Summary] = true
	}
	if len(seen) < len(d.Leads)*95/100 {
		t.Errorf("only %d distinct summaries of %d", len(seen), len(d.Leads))
	}
}

func TestNumbersFollowDateOrder(t *testing.T) {
	d := New(9, today).Dataset(100, 100)
	last := map[int]int{}
	for _, l := range d.Leads {
		y, seq, err := model.ParseNumber(d.Settings.LeadNumberFormat, l.Number)
		if err != nil || y != l.Received.Year() || seq != last[y]+1 {
			t.Fatalf("lead %s received %s: %v", l.Number, l.Received, err)
		}
		last[y] = seq
	}
	var nums []string
	for _, c := range d.Cases {
		if c.Number != "" {
			nums = append(nums, c.Number)
		}
	}
	slices.Sort(nums)
	if len(slices.Compact(nums)) != len(nums) {
		t.Fatal("duplicate case numbers")
	}
}

func TestDeadlinesAroundToday(t *testing.T) {
	d := New(13, today).Dataset(200, 300)
	cal, _ := model.DefaultCalendar()
	rules, _ := model.DefaultRules(cal)
	open, err := rules.Open(d.Leads, d.Cases, d.Items)
	if err != nil {
		t.Fatal(err)
	}
	byRecord := map[string][2]int{}
	for _, x := range model.Deadlines(open, today, 7) {
		c := byRecord[x.Record]
		if x.Overdue {
			c[0]++
		} else {
			c[1]++
		}
		byRecord[x.Record] = c
	}
	for _, r := range []string{model.TypeLead, model.TypeCase, model.TypeTrackedItem} {
		if c := byRecord[r]; c[0] == 0 || c[1] == 0 {
			t.Errorf("%s: %d overdue, %d due within 7 days", r, c[0], c[1])
		}
	}
}
