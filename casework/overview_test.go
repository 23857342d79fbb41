package casework

import (
	"reflect"
	"testing"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/model"
)

// modelAll reads what the reports are computed from, without auditing.
func modelAll(t *testing.T, s *Service) (*dossier.All, *model.Rules) {
	t.Helper()
	var a *dossier.All
	var rules *model.Rules
	err := s.Vault().View(func(tx *store.Tx) (err error) {
		if a, err = dossier.LoadAll(tx); err != nil {
			return err
		}
		rules, err = dossier.Rules(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, rules
}

// TestReports: Deadlines, Stats and Dashboard are the model's answers over
// every record; they write nothing.
func TestReports(t *testing.T) {
	s, ds := modelFilled(t, 30, 40)
	a, rules := modelAll(t, s)
	n := auditLen(t, s)

	want, _ := a.Upcoming(rules, modelToday, 7)
	got, err := s.Deadlines(modelToday, 7)
	if err != nil || len(got) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("deadlines: %d, want %d (%v)", len(got), len(want), err)
	}
	all, _ := s.Deadlines(modelToday, -1)
	if len(all) <= len(got) {
		t.Fatalf("every open deadline: %d, within 7 days %d", len(all), len(got))
	}

	wantStats := a.Stats(2026, modelToday)
	open, _ := a.Upcoming(rules, modelToday, -1)
	wantStats.CountOverdue(open)
	st, err := s.Stats(2026, modelToday)
	if err != nil || !reflect.DeepEqual(st, wantStats) {
		t.Fatalf("stats %+v\nwant %+v (%v)", st, wantStats, err)
	}

	d, err := s.Dashboard(modelToday, 7)
	if err != nil || !reflect.DeepEqual(d.Upcoming, want) || !reflect.DeepEqual(d.Stats, wantStats) {
		t.Fatalf("dashboard %+v %v", d, err)
	}
	leads, cases, archived := 0, 0, 0
	for _, l := range ds.Leads {
		if l.Status != model.LeadClosed {
			leads++
		}
	}
	for _, c := range ds.Cases {
		if c.Stage != model.StageArchived {
			cases++
		}
		if on := c.EnteredOn(model.StageArchived); !on.IsZero() && on.Year() == 2026 {
			archived++
		}
	}
	if sum(d.OpenLeads) != leads || sum(d.OpenCases) != cases || d.OpenCases[model.StageArchived] != 0 {
		t.Errorf("open leads %v (want %d), cases %v (want %d)", d.OpenLeads, leads, d.OpenCases, cases)
	}
	months := 0
	for _, m := range d.Archived {
		months += m
	}
	if months != archived {
		t.Errorf("archived per month %v, want %d in all", d.Archived, archived)
	}

	counts, total, err := s.RecordCounts([]string{model.TypeLead, model.TypeCase, model.TypeTrackedItem})
	if err != nil || counts[0].N != len(ds.Leads) || counts[1].N != len(ds.Cases) || counts[2].N != len(ds.Items) || total <= len(ds.Leads)+len(ds.Cases) {
		t.Errorf("counts %+v total %d %v", counts, total, err)
	}
	if auditLen(t, s) != n {
		t.Error("a report wrote to the audit trail")
	}
}

func sum[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
