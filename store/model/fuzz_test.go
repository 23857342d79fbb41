package model

import (
	"bytes"
	"encoding/json"
	"testing"

	"qingfeng/assets"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-02-29", "2021-02-29", "0001-01-01", "9999-12-31", "2020-1-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d)
		}
		y, m, day := d.Civil()
		if NewDate(y, m, day) != d {
			t.Fatalf("civil round trip of %q", s)
		}
	})
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"0", "12.3", "1,234.56", "-1", "1.234", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseYuan(s)
		if err != nil {
			return
		}
		if v < 0 {
			t.Fatalf("negative %d from %q", v, s)
		}
		back, err := ParseYuan(v.Yuan())
		if err != nil || back != v {
			t.Fatalf("%q -> %d -> %q -> %d %v", s, v, v.Yuan(), back, err)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	f.Add(DefaultLeadNumberFormat, "XS〔2020〕15号")
	f.Add(AltLeadNumberFormat, "2020-XS-0015")
	f.Add("{seq:3}/{year}", "007/2021")
	f.Fuzz(func(t *testing.T, format, number string) {
		y, seq, err := ParseNumber(format, number)
		if err != nil || seq < 1 || (y == 0 && bytes.Contains([]byte(format), []byte("{year}"))) || y > 9999 {
			return
		}
		again, err := FormatNumber(format, max(y, 2020), seq)
		if err != nil {
			t.Fatalf("format %q: %v", format, err)
		}
		y2, seq2, err := ParseNumber(format, again)
		if err != nil || seq2 != seq || (y != 0 && y2 != max(y, 2020)) {
			t.Fatalf("%q in %q: %d/%d -> %q -> %d/%d %v", number, format, y, seq, again, y2, seq2, err)
		}
	})
}

func FuzzParseCalendar(f *testing.F) {
	f.Add(assets.HolidaysJSON())
	f.Add([]byte(`{"version":1,"years":[{"year":2020,"holidays":[{"name":"x","from":"2020-10-01","to":"2020-10-03"}],"workdays":["2020-10-10"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCalendar(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseCalendar(b)
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		d := MustDate("2020-09-25")
		if c.AddWorkingDays(d, 20) != again.AddWorkingDays(d, 20) {
			t.Fatal("round trip changed the calendar")
		}
	})
}

func FuzzParseRules(f *testing.F) {
	f.Add(assets.DeadlineRulesJSON())
	f.Add([]byte(`{"version":1,"rules":[{"id":"a","name":"甲","unit":"quarter-day","amount":31,"holiday":"exact"}]}`))
	cal, err := DefaultCalendar()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRules(data, cal)
		if err != nil {
			return
		}
		start := MustDate("2020-12-31")
		for _, rule := range r.File().Rules {
			for level := 0; level <= 2; level++ {
				due, err := r.DueExtended(rule.ID, start, level)
				if err == nil && !due.After(start) {
					t.Fatalf("%s: due %s not after start", rule.ID, due)
				}
			}
		}
	})
}
