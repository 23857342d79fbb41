package model

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func defaultRules(t testing.TB) *Rules {
	t.Helper()
	cal, err := DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	r, err := DefaultRules(cal)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestShippedCalendarWorkingDays(t *testing.T) {
	cal, err := DefaultCalendar()
	if err != nil {
		t.Fatal(err)
	}
	days := []struct {
		day     string
		working bool
		why     string
	}{
		{"2020-10-01", false, "国庆"},
		{"2020-10-08", false, "国庆、中秋 last day"},
		{"2020-10-09", true, "Friday after 国庆"},
		{"2020-10-10", true, "调休 Saturday"},
		{"2020-10-11", false, "Sunday"},
		{"2020-09-27", true, "调休 Sunday"},
		{"2020-01-19", true, "调休 Sunday before 春节"},
		{"2020-02-01", false, "Saturday: make-up cancelled by the 2020 extension"},
		{"2020-02-03", true, "first day back after the extension"},
		{"2021-02-20", true, "调休 Saturday after 春节"},
		{"2023-01-02", false, "元旦 Monday"},
		{"2024-02-09", true, "除夕 2024 is a working day"},
		{"2025-01-28", false, "除夕 2025 is a holiday"},
		{"2026-02-28", true, "调休 Saturday"},
		{"2019-10-01", true, "2019 not in the calendar: weekday"},
		{"2019-10-05", false, "2019 Saturday"},
	}
	for _, d := range days {
		if got := cal.IsWorkingDay(MustDate(d.day)); got != d.working {
			t.Errorf("%s (%s): working = %v", d.day, d.why, got)
		}
	}
	if name, ok := cal.Holiday(MustDate("2021-02-12")); !ok || name != "春节" {
		t.Errorf("holiday name %q %v", name, ok)
	}
	if !cal.Covers(MustDate("2020-05-01")) || cal.Covers(MustDate("2019-05-01")) || cal.Covers(MustDate("2028-05-01")) {
		t.Error("Covers wrong")
	}
	for y := 2020; y <= 2026; y++ {
		if cal.Provisional(y) {
			t.Errorf("%d marked provisional", y)
		}
	}
	if !cal.Provisional(2027) {
		t.Error("2027 should be provisional")
	}
}

func TestAddWorkingDaysWorkedExamples(t *testing.T) {
	cal, _ := DefaultCalendar()
	cases := []struct{ start, want, worked string }{
		// 2020 国庆: 9/27 Sun and 10/10 Sat are make-up days, 10/1–10/8 off.
		// 9/27(1) 28(2) 29(3) 30(4) 10/9(5) 10/10(6) 12(7) 13(8) 14(9)
		// 15(10) 16(11) 19(12) 20(13) 21(14) 22(15).
		{"2020-09-25", "2020-10-22", "国庆 2020"},
		// 2021 春节: 2/7 Sun and 2/20 Sat make-up, 2/11–2/17 off.
		// 2/2(1) 3(2) 4(3) 5(4) 7(5) 8(6) 9(7) 10(8) 18(9) 19(10)
		// 20(11) 22(12) 23(13) 24(14) 25(15).
		{"2021-02-01", "2021-02-25", "春节 2021"},
		// 2025 春节: 1/26 Sun and 2/8 Sat make-up, 1/28–2/4 off.
		// 1/21(1) 22(2) 23(3) 24(4) 26(5) 27(6) 2/5(7) 6(8) 7(9) 8(10)
		// 10(11) 11(12) 12(13) 13(14) 14(15).
		{"2025-01-20", "2025-02-14", "春节 2025"},
		// No holiday: three weeks of weekdays.
		// 3/2(1) 3(2) 6–10(3–7) 13–17(8–12) 20(13) 21(14) 22(15).
		{"2023-03-01", "2023-03-22", "plain March"},
	}
	for _, c := range cases {
		if got := cal.AddWorkingDays(MustDate(c.start), 15); got.String() != c.want {
			t.Errorf("%s: 15 working days after %s = %s, want %s", c.worked, c.start, got, c.want)
		}
	}
	// Counting back undoes counting forward.
	if got := cal.AddWorkingDays(MustDate("2020-10-22"), -15); got.String() != "2020-09-25" {
		t.Errorf("backwards: %s", got)
	}
	if got := cal.AddWorkingDays(MustDate("2020-10-03"), 0); got.String() != "2020-10-03" {
		t.Errorf("zero days: %s", got)
	}
}

func TestCalendarRejectsBadFiles(t *testing.T) {
	bad := map[string]string{
		"make-up on a weekday": `{"version":1,"years":[{"year":2020,"holidays":[],"workdays":["2020-09-28"]}]}`,
		"reversed span":        `{"version":1,"years":[{"year":2020,"holidays":[{"name":"x","from":"2020-10-08","to":"2020-10-01"}],"workdays":[]}]}`,
		"duplicate year":       `{"version":1,"years":[{"year":2020,"holidays":[],"workdays":[]},{"year":2020,"holidays":[],"workdays":[]}]}`,
		"span in other year":   `{"version":1,"years":[{"year":2020,"holidays":[{"name":"x","from":"2022-10-01","to":"2022-10-02"}],"workdays":[]}]}`,
		"make-up in holiday":   `{"version":1,"years":[{"year":2020,"holidays":[{"name":"x","from":"2020-10-01","to":"2020-10-11"}],"workdays":["2020-10-10"]}]}`,
		"unknown field":        `{"version":1,"years":[{"year":2020,"holiday":[],"workdays":[]}]}`,
		"bad date":             `{"version":1,"years":[{"year":2020,"holidays":[],"workdays":["2020-02-30"]}]}`,
	}
	for name, data := range bad {
		if _, err := ParseCalendar([]byte(data)); !errors.Is(err, ErrCalendar) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestUserCalendarFileOverridesYear(t *testing.T) {
	// A unit that, say, also closes on 2020-10-09 and works 2020-10-11
	// edits its 2020; other years stay as shipped.
	path := filepath.Join(t.TempDir(), "holidays.json")
	user := `{"version":1,"years":[{"year":2020,"source":"本单位调整","holidays":[
		{"name":"国庆节、中秋节","from":"2020-10-01","to":"2020-10-09"}],
		"workdays":["2020-10-10","2020-10-11"]}]}`
	if err := os.WriteFile(path, []byte(user), 0o600); err != nil {
		t.Fatal(err)
	}
	cal, err := LoadCalendar(path)
	if err != nil {
		t.Fatal(err)
	}
	// 9/27 is no longer a make-up day: 9/28(1) 29(2) 30(3) 10/10(4) 11(5)
	// 12(6) 13(7) 14(8) 15(9) 16(10) 19(11) 20(12) 21(13) 22(14) 23(15).
	if got := cal.AddWorkingDays(MustDate("2020-09-25"), 15); got.String() != "2020-10-23" {
		t.Errorf("edited 2020: %s", got)
	}
	if got := cal.AddWorkingDays(MustDate("2021-02-01"), 15); got.String() != "2021-02-25" {
		t.Errorf("2021 changed: %s", got)
	}
	if _, err := LoadCalendar(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
	// The merged calendar round-trips through its file form.
	b, _ := cal.MarshalJSON()
	again, err := ParseCalendar(b)
	if err != nil || again.AddWorkingDays(MustDate("2020-09-25"), 15).String() != "2020-10-23" {
		t.Errorf("round trip: %v", err)
	}
}
