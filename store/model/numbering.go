package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Number formats. A format is literal text with placeholders: {year} for
// the full year, {seq} for the sequence number without padding and {seq:N}
// for the sequence zero-padded to N digits.
const (
	// DefaultLeadNumberFormat gives numbers like XS〔2020〕15号.
	DefaultLeadNumberFormat = "XS〔{year}〕{seq}号"
	// AltLeadNumberFormat gives numbers like 2020-XS-0015.
	AltLeadNumberFormat = "{year}-XS-{seq:4}"
	// DefaultCaseNumberFormat gives case numbers like LA〔2020〕3号.
	DefaultCaseNumberFormat = "LA〔{year}〕{seq}号"
)

// placeholder matches {year}, {seq} and {seq:N}.
var placeholder = regexp.MustCompile(`\{(year|seq)(?::([1-9]))?\}`)

// CheckNumberFormat refuses a format without exactly one {seq} and at most
// one {year}.
func CheckNumberFormat(format string) error {
	var years, seqs int
	for _, m := range placeholder.FindAllStringSubmatch(format, -1) {
		if m[1] == "year" {
			years++
			if m[2] != "" {
				return fmt.Errorf("%w: %q", ErrNumberFormat, format)
			}
		} else {
			seqs++
		}
	}
	if seqs != 1 || years > 1 {
		return fmt.Errorf("%w: %q", ErrNumberFormat, format)
	}
	return nil
}

// FormatNumber renders the number for a year and sequence.
func FormatNumber(format string, year, seq int) (string, error) {
	if err := CheckNumberFormat(format); err != nil {
		return "", err
	}
	if seq < 1 || year < 1000 || year > 9999 {
		return "", fmt.Errorf("%w: year %d seq %d", ErrNumberFormat, year, seq)
	}
	return placeholder.ReplaceAllStringFunc(format, func(ph string) string {
		m := placeholder.FindStringSubmatch(ph)
		if m[1] == "year" {
			return strconv.Itoa(year)
		}
		if m[2] == "" {
			return strconv.Itoa(seq)
		}
		return fmt.Sprintf("%0*d", int(m[2][0]-'0'), seq)
	}), nil
}

// numberPattern turns a format into an anchored regexp with the year and
// the sequence as named groups.
func numberPattern(format string) (*regexp.Regexp, error) {
	if err := CheckNumberFormat(format); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, loc := range placeholder.FindAllStringSubmatchIndex(format, -1) {
		b.WriteString(regexp.QuoteMeta(format[last:loc[0]]))
		if format[loc[2]:loc[3]] == "year" {
			b.WriteString(`(?P<year>\d{4})`)
		} else {
			b.WriteString(`(?P<seq>[0-9]+)`)
		}
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(format[last:]))
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// ParseNumber reads year and sequence back from a number written in format.
// The year is 0 when the format has no {year}.
func ParseNumber(format, number string) (year, seq int, err error) {
	re, err := numberPattern(format)
	if err != nil {
		return 0, 0, err
	}
	m := re.FindStringSubmatch(number)
	if m == nil {
		return 0, 0, fmt.Errorf("%w: %q does not match %q", ErrNumberFormat, number, format)
	}
	for i, name := range re.SubexpNames() {
		v, _ := strconv.Atoi(m[i])
		switch name {
		case "year":
			year = v
		case "seq":
			seq = v
		}
	}
	return year, seq, nil
}

// NextNumber returns the next number of the per-year sequence: one more
// than the highest sequence among existing numbers of that year written in
// format. Numbers in other formats or years are ignored.
func NextNumber(format string, year int, existing []string) (string, error) {
	re, err := numberPattern(format)
	if err != nil {
		return "", err
	}
	yi, si := re.SubexpIndex("year"), re.SubexpIndex("seq")
	highest := 0
	for _, n := range existing {
		m := re.FindStringSubmatch(n)
		if m == nil {
			continue
		}
		if yi >= 0 {
			if y, _ := strconv.Atoi(m[yi]); y != year {
				continue
			}
		}
		if s, _ := strconv.Atoi(m[si]); s > highest {
			highest = s
		}
	}
	return FormatNumber(format, year, highest+1)
}
