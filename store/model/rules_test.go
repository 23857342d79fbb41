package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShippedRulesCoverSection6(t *testing.T) {
	r := defaultRules(t)
	want := map[string]struct {
		unit      Unit
		amount    int
		extension int
		holiday   HolidayRule
	}{
		"lead_disposal":        {UnitMonths, 1, 0, HolidayRoll},
		"accept_notice":        {UnitWorkingDays, 15, 0, HolidayRoll},
		"result_feedback":      {UnitWorkingDays, 15, 0, HolidayRoll},
		"forward_complaint":    {UnitWorkingDays, 5, 0, HolidayRoll},
		"assigned_complaint":   {UnitMonths, 3, 3, HolidayRoll},
		"inquiry_reply":        {UnitWorkingDays, 15, 0, HolidayRoll},
		"talk_inquiry_report":  {UnitMonths, 1, 0, HolidayRoll},
		"preliminary_check":    {UnitMonths, 2, 1, HolidayRoll},
		"investigation":        {UnitMonths, 12, 6, HolidayRoll},
		"detention":            {UnitMonths, 3, 3, HolidayExact},
		"trial":                {UnitMonths, 1, 1, HolidayRoll},
		"submit_to_committee":  {UnitCalendarDays, 15, 0, HolidayRoll},
		"announce_sanction":    {UnitMonths, 1, 0, HolidayRoll},
		"serve_gov_decision":   {UnitMonths, 1, 0, HolidayRoll},
		"execute_gov_decision": {UnitMonths, 1, 5, HolidayRoll},
		"execution_report":     {UnitQuarterDay, 15, 0, HolidayRoll},
		"rectification":        {UnitDocument, 0, 0, HolidayRoll},
		"party_appeal":         {UnitMonths, 3, 0, HolidayRoll},
		"gov_review_apply":     {UnitMonths, 1, 0, HolidayRoll},
		"gov_review_decide":    {UnitMonths, 1, 0, HolidayRoll},
		"gov_recheck_decide":   {UnitMonths, 2, 0, HolidayRoll},
		"monthly_report":       {UnitNextMonthDay, 5, 0, HolidayRoll},
	}
	if n := len(r.File().Rules); n != len(want) {
		t.Errorf("%d rules, want %d", n, len(want))
	}
	for id, w := range want {
		rule, ok := r.Rule(id)
		if !ok {
			t.Errorf("rule %s missing", id)
			continue
		}
		if rule.Unit != w.unit || rule.Amount != w.amount || rule.Extension != w.extension || rule.Holiday != w.holiday || rule.Name == "" {
			t.Errorf("%s: %+v", id, rule)
		}
		if strings.Contains(rule.Basis+rule.Note+rule.Name, "第") && strings.Contains(rule.Basis+rule.Note, "条") {
			t.Errorf("%s: article numbers must not be hard-coded: %q", id, rule.Basis)
		}
	}
}

func TestDueWorkedExamples(t *testing.T) {
	r := defaultRules(t)
	cases := []struct {
		rule, start string
		level       int
		want, why   string
	}{
		// 1 month from 2020-09-01 is 10-01, inside 国庆 (10/1–10/8): rolls to Friday 10-09.
		{"lead_disposal", "2020-09-01", 0, "2020-10-09", "ends in 国庆, rolls"},
		// 1 month from 2023-08-29 is 09-29, inside 中秋国庆 (9/29–10/6): rolls to 10-07, a 调休 Saturday.
		{"lead_disposal", "2023-08-29", 0, "2023-10-07", "rolls onto a 调休 Saturday"},
		// 1 month from 2024-01-10 is 02-10, 春节 (2/10–2/17): rolls to 02-18, a 调休 Sunday.
		{"trial", "2024-01-10", 0, "2024-02-18", "ends in 春节, rolls onto 调休 Sunday"},
		// 1 month from Jan 31 clamps to the month end.
		{"lead_disposal", "2024-01-31", 0, "2024-02-29", "Jan 31 + 1 month, leap year, Thursday"},
		{"lead_disposal", "2022-01-31", 0, "2022-02-28", "Jan 31 + 1 month, Monday"},
		{"lead_disposal", "2021-01-31", 0, "2021-03-01", "Jan 31 + 1 month = Sunday 02-28, rolls to Monday"},
		// 15 working days across holidays, see TestAddWorkingDaysWorkedExamples.
		{"accept_notice", "2020-09-25", 0, "2020-10-22", "15 working days across 国庆"},
		{"inquiry_reply", "2021-02-01", 0, "2021-02-25", "15 working days across 春节"},
		{"result_feedback", "2025-01-20", 0, "2025-02-14", "15 working days across 春节 2025"},
		// 5 working days: 9/27 Sun(1, 调休) 28(2) 29(3) 30(4) 10/9(5).
		{"forward_complaint", "2020-09-25", 0, "2020-10-09", "5 working days across 国庆"},
		// 留置: 3 months from 07-01 ends 10-01 inside 国庆 and stays there.
		{"detention", "2020-07-01", 0, "2020-10-01", "留置 does not roll"},
		{"detention", "2020-07-01", 1, "2021-01-01", "extended 3 more months: 元旦, still exact"},
		{"detention", "2020-07-01", 2, "2021-03-01", "special extension of 2 more months"},
		// The same 3 months for a rolling rule moves to 10-09.
		{"assigned_complaint", "2020-07-01", 0, "2020-10-09", "3 months, rolls"},
		{"assigned_complaint", "2020-07-01", 1, "2021-01-04", "+3 months = 2021-01-01 元旦 (1/1–1/3), rolls to Monday"},
		// 15 calendar days from 09-16 is 10-01: rolls past 国庆 2022 (10/1–10/7) to 10-08, a 调休 Saturday.
		{"submit_to_committee", "2022-09-16", 0, "2022-10-08", "calendar days, 调休 Saturday"},
		// 1 year from 立案, +6 months with approval.
		{"investigation", "2021-02-10", 0, "2022-02-10", "1 year"},
		{"investigation", "2021-02-10", 1, "2022-08-10", "1 year + 6 months"},
		// Monthly report for March 2024: 5 April is 清明 (4/4–4/6), rolls to 7 April, 调休 Sunday.
		{"monthly_report", "2024-03-15", 0, "2024-04-07", "5th of next month, rolls"},
		{"monthly_report", "2020-12-31", 0, "2021-01-05", "December's report in January"},
		// Execution reports: by the 15th of the first month of the next quarter.
		{"execution_report", "2021-08-20", 0, "2021-10-15", "Q3 -> 15 October"},
		{"execution_report", "2020-12-01", 0, "2021-01-15", "Q4 -> 15 January"},
		{"execute_gov_decision", "2020-03-10", 1, "2020-09-10", "1 + 5 months = at most 6"},
	}
	for _, c := range cases {
		got, err := r.DueExtended(c.rule, MustDate(c.start), c.level)
		if err != nil || got.String() != c.want {
			t.Errorf("%s from %s (level %d): %s %v, want %s (%s)", c.rule, c.start, c.level, got, err, c.want, c.why)
		}
	}
	if d, _ := r.Due("detention", MustDate("2020-07-01")); d.String() != "2020-10-01" {
		t.Errorf("Due = %s", d)
	}
}

func TestDueErrors(t *testing.T) {
	r := defaultRules(t)
	if _, err := r.Due("no_such_rule", MustDate("2020-01-01")); !errors.Is(err, ErrUnknownRule) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := r.Due("rectification", MustDate("2020-01-01")); !errors.Is(err, ErrNoPeriod) {
		t.Errorf("document: %v", err)
	}
	if _, err := r.Due("trial", Date{}); !errors.Is(err, ErrMissing) {
		t.Errorf("zero start: %v", err)
	}
}

func TestEditingRuleTableChangesResults(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "deadlines.json")
	// The unit decides 留置 also rolls, and gives lead disposal 2 months.
	user := `{"version":1,"rules":[
		{"id":"detention","name":"留置","unit":"months","amount":3,"extension":3,"holiday":"roll"},
		{"id":"lead_disposal","name":"线索处置意见","unit":"months","amount":2,"holiday":"roll"},
		{"id":"local_report","name":"本地专项报告","unit":"working-days","amount":3,"holiday":"roll"}]}`
	if err := os.WriteFile(path, []byte(user), 0o600); err != nil {
		t.Fatal(err)
	}
	cal, _ := DefaultCalendar()
	r, err := LoadRules(path, cal)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ rule, start, want string }{
		{"detention", "2020-07-01", "2020-10-09"},     // was 2020-10-01
		{"lead_disposal", "2020-08-01", "2020-10-09"}, // 2 months = 10-01, rolls; was 09-01
		{"local_report", "2020-09-29", "2020-10-10"},  // 9/30(1) 10/9(2) 10/10(3, 调休 Saturday)
		{"trial", "2024-01-10", "2024-02-18"},         // untouched rule unchanged
	}
	for _, c := range checks {
		if got, err := r.Due(c.rule, MustDate(c.start)); err != nil || got.String() != c.want {
			t.Errorf("%s from %s = %s %v, want %s", c.rule, c.start, got, err, c.want)
		}
	}
	if _, ok := r.Rule("special_extension"); ok {
		t.Error("phantom rule")
	}
	if rule, _ := r.Rule("detention"); rule.SpecialExtension != 0 {
		t.Error("override should replace the whole rule")
	}
}

func TestRuleTableRejectsBadRules(t *testing.T) {
	cal, _ := DefaultCalendar()
	bad := map[string]string{
		"bad unit":         `{"version":1,"rules":[{"id":"a","name":"甲","unit":"weeks","amount":1,"holiday":"roll"}]}`,
		"bad holiday rule": `{"version":1,"rules":[{"id":"a","name":"甲","unit":"months","amount":1,"holiday":"maybe"}]}`,
		"zero amount":      `{"version":1,"rules":[{"id":"a","name":"甲","unit":"months","amount":0,"holiday":"roll"}]}`,
		"duplicate":        `{"version":1,"rules":[{"id":"a","name":"甲","unit":"months","amount":1,"holiday":"roll"},{"id":"a","name":"乙","unit":"months","amount":1,"holiday":"roll"}]}`,
		"bad id":           `{"version":1,"rules":[{"id":"A b","name":"甲","unit":"months","amount":1,"holiday":"roll"}]}`,
		"no name":          `{"version":1,"rules":[{"id":"a","unit":"months","amount":1,"holiday":"roll"}]}`,
		"special only":     `{"version":1,"rules":[{"id":"a","name":"甲","unit":"months","amount":1,"special_extension":2,"holiday":"roll"}]}`,
		"day 32":           `{"version":1,"rules":[{"id":"a","name":"甲","unit":"next-month-day","amount":32,"holiday":"roll"}]}`,
		"typo field":       `{"version":1,"rules":[{"id":"a","name":"甲","unit":"months","amont":1,"holiday":"roll"}]}`,
	}
	for name, data := range bad {
		if _, err := ParseRules([]byte(data), cal); !errors.Is(err, ErrRuleTable) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
