package app

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"qingfeng/store"
	"qingfeng/store/dossier"
	"qingfeng/store/gen"
	"qingfeng/store/model"
)

// modelToday is the fixed "today" of the case model test vaults.
var modelToday = model.MustDate("2026-05-20")

// makeModelVault creates a vault filled with a generated data set (as the
// demo command does) and returns its directory and the data set.
func makeModelVault(t testing.TB, leads, cases int) (string, *gen.Dataset) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	v, _, err := store.Create(dir, []byte(testPass), testOpts())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	ds := gen.New(7, modelToday).Dataset(leads, cases)
	var recs []model.Record
	for i := range ds.Subjects {
		recs = append(recs, &ds.Subjects[i])
	}
	for i := range ds.Leads {
		recs = append(recs, &ds.Leads[i])
	}
	for i := range ds.Cases {
		recs = append(recs, &ds.Cases[i])
	}
	for i := range ds.Items {
		recs = append(recs, &ds.Items[i])
	}
	err = v.Update(func(tx *store.Tx) error {
		for _, r := range recs {
			if _, err := dossier.Save(tx, r, 0); err != nil {
				return err
			}
		}
		s := ds.Settings
		if s.OfficeCode == "" {
			s.OfficeCode = "某纪"
		}
		if err := dossier.SaveSettings(tx, s); err != nil {
			return err
		}
		return dossier.SyncCounters(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, &ds
}

// modelHarness opens a window over a generated vault with the clock at
// modelToday, unlocked.
func modelHarness(t *testing.T, leads, cases int) (*harness, *gen.Dataset) {
	dir, ds := makeModelVault(t, leads, cases)
	h := newHarness(t, dir)
	now := modelToday.Time().Add(10 * time.Hour)
	h.u.now = func() time.Time { return now }
	h.unlock()
	return h, ds
}

// TestDashboardDeadlinesAndCharts: the 工作台 lists exactly the model's
// Upcoming deadlines, overdue first and in red, and every chart bar is the
// count of Stats.
func TestDashboardDeadlinesAndCharts(t *testing.T) {
	h, _ := modelHarness(t, 30, 40)
	d := h.u.sess.main.dash
	h.wait("the overview", func() bool { return d.stats != nil })

	var want []model.Deadline
	var stats model.Statistics
	err := h.u.sess.vault.View(func(tx *store.Tx) error {
		all, err := dossier.LoadAll(tx)
		if err != nil {
			return err
		}
		rules, err := dossier.Rules(tx)
		if err != nil {
			return err
		}
		want, err = all.Upcoming(rules, modelToday, 7)
		stats = all.Stats(modelToday.Year(), modelToday)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !want[0].Overdue {
		t.Fatalf("test data has no overdue deadline (%d upcoming)", len(want))
	}
	if len(d.upcoming) != len(want) {
		t.Fatalf("工作台 shows %d deadlines, Upcoming gives %d", len(d.upcoming), len(want))
	}
	var buttons []*widget.Button
	for _, b := range find[*widget.Button](h) {
		if b.Importance == widget.DangerImportance || b.Importance == widget.WarningImportance {
			buttons = append(buttons, b)
		}
	}
	if len(buttons) != len(want) {
		t.Fatalf("%d deadline buttons, want %d", len(buttons), len(want))
	}
	seenSoon := false
	for i, dl := range want {
		if d.upcoming[i].RecordID != dl.RecordID || d.upcoming[i].Due != dl.Due {
			t.Errorf("deadline %d is %s %s, want %s %s", i, d.upcoming[i].RecordID, d.upcoming[i].Due, dl.RecordID, dl.Due)
		}
		b := buttons[i]
		if dl.Overdue != (b.Importance == widget.DangerImportance) {
			t.Errorf("deadline %d (overdue %v) drawn with importance %v", i, dl.Overdue, b.Importance)
		}
		if !dl.Overdue {
			seenSoon = true
		} else if seenSoon {
			t.Errorf("overdue deadline %d listed after one that is not overdue", i)
		}
		if num := dl.Number; num != "" && !strings.Contains(b.Text, num) {
			t.Errorf("button %q does not name %s", b.Text, num)
		}
	}

	check := func(key string, m map[string]int) {
		t.Helper()
		c := d.bars[key]
		got := map[string]int{}
		for _, b := range c.bars {
			got[b.label] = b.n
		}
		for k, n := range m {
			if n == 0 {
				delete(m, k)
			}
		}
		if len(got) != len(m) {
			t.Errorf("%s: bars %v, stats %v", key, got, m)
		}
		for k, n := range m {
			if got[k] != n {
				t.Errorf("%s: bar %s = %d, stats %d", key, k, got[k], n)
			}
		}
	}
	strMap := func(m any) map[string]int {
		out := map[string]int{}
		b, _ := json.Marshal(m)
		json.Unmarshal(b, &out)
		return out
	}
	check("dash.by_source", strMap(stats.Leads.BySource))
	check("dash.by_category", strMap(stats.Leads.ByCategory))
	check("dash.by_disposal", strMap(stats.Leads.ByDisposal))
	forms := map[string]int{}
	for f, n := range stats.Outcomes.ByForm {
		forms[tr("form."+itoa(int(f)))] = n
	}
	check("dash.by_form", forms)
	if d.line.series[0].values != stats.Leads.ByMonth {
		t.Errorf("monthly line of new leads %v, stats %v", d.line.series[0].values, stats.Leads.ByMonth)
	}

	// A deadline opens its record.
	test.Tap(buttons[0])
	h.wait("the record tab", func() bool {
		m := h.u.sess.main
		return m.cur == secCases && len(m.cases.cases) == 1 || m.cur == secLeads && len(m.leads.leadTabs) == 1
	})
}
