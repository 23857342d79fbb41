package model

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestDateCivilRoundTrip(t *testing.T) {
	// Every day from 1899 to 2101 converts to civil form and back, and
	// agrees with the standard library's calendar.
	ref := time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC)
	d := NewDate(1899, 1, 1)
	for i := 0; i < 203*366; i++ {
		y, m, day := d.Civil()
		ry, rm, rd := ref.Date()
		if y != ry || m != rm || day != rd || d.Weekday() != ref.Weekday() {
			t.Fatalf("day %d: got %d-%d-%d %v, want %d-%d-%d %v", i, y, m, day, d.Weekday(), ry, rm, rd, ref.Weekday())
		}
		if got := DateOf(ref); got != d {
			t.Fatalf("DateOf(%v) = %v, want %v", ref, got, d)
		}
		d, ref = d.AddDays(1), ref.AddDate(0, 0, 1)
	}
}

func TestParseDate(t *testing.T) {
	good := map[string]string{"2020-02-29": "2020-02-29", "2024-12-31": "2024-12-31", "0001-01-01": "0001-01-01"}
	for in, want := range good {
		d, err := ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %v, %v", in, d, err)
		}
	}
	for _, bad := range []string{"", "2021-02-29", "2020-13-01", "2020-1-01", "20200101", "2020/01/01", "2020-01-32", "0000-01-01", "２０２０-01-01"} {
		if _, err := ParseDate(bad); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) err = %v, want ErrInvalidDate", bad, err)
		}
	}
}

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2021-01-31", 1, "2021-02-28"},
		{"2020-01-31", 1, "2020-02-29"},
		{"2020-03-31", 1, "2020-04-30"},
		{"2020-08-31", 6, "2021-02-28"},
		{"2020-02-29", 12, "2021-02-28"},
		{"2020-11-15", 3, "2021-02-15"},
		{"2021-03-31", -1, "2021-02-28"},
		{"2020-05-10", 0, "2020-05-10"},
	}
	for _, c := range cases {
		if got := MustDate(c.from).AddMonths(c.n).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		A Date `json:"a"`
		B Date `json:"b,omitzero"`
		C Date `json:"c"`
	}
	in := rec{A: MustDate("2020-03-05")}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":"2020-03-05","c":null}` {
		t.Fatalf("marshal = %s", b)
	}
	var out rec
	if err := json.Unmarshal([]byte(`{"a":"2020-03-05","b":"","c":null}`), &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Fatalf("round trip = %+v, want %+v", out, in)
	}
	if err := json.Unmarshal([]byte(`{"a":"2020-02-30"}`), &out); !errors.Is(err, ErrInvalidDate) {
		t.Fatalf("bad date err = %v", err)
	}
	if err := json.Unmarshal([]byte(`{"a":20200101}`), &out); !errors.Is(err, ErrInvalidDate) {
		t.Fatalf("number date err = %v", err)
	}
}

func TestDateOrderAndSub(t *testing.T) {
	a, b := MustDate("2020-09-30"), MustDate("2020-10-09")
	if !a.Before(b) || !b.After(a) || a.After(b) || b.Sub(a) != 9 || a.Sub(b) != -9 {
		t.Fatal("order or Sub wrong")
	}
	if (Date{}).String() != "" || !(Date{}).IsZero() {
		t.Fatal("zero date")
	}
}

func TestMonthJSON(t *testing.T) {
	var m Month
	if err := json.Unmarshal([]byte(`"1975-03"`), &m); err != nil || m != (Month{1975, time.March}) {
		t.Fatalf("got %v %v", m, err)
	}
	b, _ := json.Marshal(m)
	if string(b) != `"1975-03"` {
		t.Fatalf("marshal %s", b)
	}
	if err := json.Unmarshal([]byte(`"1975-13"`), &m); !errors.Is(err, ErrInvalidDate) {
		t.Fatalf("err %v", err)
	}
}

func TestParseYuan(t *testing.T) {
	good := map[string]Fen{"0": 0, "12": 1200, "12.3": 1230, "12.34": 1234, "1,234,567.89": 123456789, " 50000 ": 5000000}
	for in, want := range good {
		if got, err := ParseYuan(in); err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "1.234", "1.", ".5", "abc", "+5", "1.-5", "1e3"} {
		if _, err := ParseYuan(bad); !errors.Is(err, ErrInvalidAmount) {
			t.Errorf("ParseYuan(%q) err = %v", bad, err)
		}
	}
	if s := Fen(123456789).Yuan(); s != "1234567.89" {
		t.Errorf("Yuan = %s", s)
	}
	if s := Fen(5).Yuan(); s != "0.05" {
		t.Errorf("Yuan = %s", s)
	}
}

func TestYearTableAgreesWithCivil(t *testing.T) {
	months := map[int]yearMonths{}
	for y := 1898; y <= 2202; y++ {
		months[y] = monthsOf(y)
	}
	for d := NewDate(1899, 12, 1); d.Before(NewDate(2201, 2, 1)); d = d.AddDays(1) {
		y, m, _ := d.Civil()
		if d.yearOf() != y {
			t.Fatalf("%s: yearOf %d", d, d.yearOf())
		}
		ms, next := months[y], months[y+1]
		if ms.index(d) != int(m)-1 || next.index(d) != -1 {
			t.Fatalf("%s: month index %d", d, ms.index(d))
		}
	}
}
