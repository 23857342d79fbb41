package model

import (
	"errors"
	"testing"
)

func TestFormatAndParseNumber(t *testing.T) {
	cases := []struct {
		format    string
		year, seq int
		want      string
	}{
		{DefaultLeadNumberFormat, 2020, 15, "XS〔2020〕15号"},
		{AltLeadNumberFormat, 2020, 15, "2020-XS-0015"},
		{AltLeadNumberFormat, 2021, 12345, "2021-XS-12345"},
		{DefaultCaseNumberFormat, 2023, 3, "LA〔2023〕3号"},
		{"线索{seq:3}", 2020, 7, "线索007"},
	}
	for _, c := range cases {
		got, err := FormatNumber(c.format, c.year, c.seq)
		if err != nil || got != c.want {
			t.Errorf("FormatNumber(%q, %d, %d) = %q, %v; want %q", c.format, c.year, c.seq, got, err, c.want)
			continue
		}
		y, s, err := ParseNumber(c.format, got)
		wantYear := c.year
		if c.format == "线索{seq:3}" {
			wantYear = 0
		}
		if err != nil || y != wantYear || s != c.seq {
			t.Errorf("ParseNumber(%q) = %d, %d, %v", got, y, s, err)
		}
	}
}

func TestNumberFormatErrors(t *testing.T) {
	for _, f := range []string{"XS〔{year}〕号", "{seq}{seq}", "{year}{year}{seq}", "{year:4}{seq}"} {
		if err := CheckNumberFormat(f); !errors.Is(err, ErrNumberFormat) {
			t.Errorf("CheckNumberFormat(%q) = %v", f, err)
		}
	}
	if _, _, err := ParseNumber(DefaultLeadNumberFormat, "XS[2020]15号"); !errors.Is(err, ErrNumberFormat) {
		t.Errorf("mismatch err = %v", err)
	}
	if _, err := FormatNumber(DefaultLeadNumberFormat, 2020, 0); !errors.Is(err, ErrNumberFormat) {
		t.Errorf("seq 0 err = %v", err)
	}
}

func TestNextNumberPerYear(t *testing.T) {
	existing := []string{"XS〔2020〕1号", "XS〔2020〕15号", "XS〔2020〕9号", "XS〔2021〕40号", "2020-XS-0099", "garbage"}
	got, err := NextNumber(DefaultLeadNumberFormat, 2020, existing)
	if err != nil || got != "XS〔2020〕16号" {
		t.Errorf("next 2020 = %q, %v", got, err)
	}
	got, _ = NextNumber(DefaultLeadNumberFormat, 2022, existing)
	if got != "XS〔2022〕1号" {
		t.Errorf("next 2022 = %q", got)
	}
	got, _ = NextNumber(AltLeadNumberFormat, 2020, existing)
	if got != "2020-XS-0100" {
		t.Errorf("next alt = %q", got)
	}
}
