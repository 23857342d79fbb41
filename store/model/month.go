package model

import (
	"bytes"
	"fmt"
	"time"
)

// Month is a year and month without a day, as on a cadre form: 出生年月,
// 入党时间. It is written "2006-01" in JSON; the zero Month means "not set"
// and marshals to null.
type Month struct {
	Y int
	M time.Month
}

// ParseMonth parses "2006-01".
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return Month{}, fmt.Errorf("%w: %q", ErrInvalidDate, s)
	}
	y, ok1 := atoiDigits(s[:4])
	m, ok2 := atoiDigits(s[5:])
	if !ok1 || !ok2 || y < 1 || m < 1 || m > 12 {
		return Month{}, fmt.Errorf("%w: %q", ErrInvalidDate, s)
	}
	return Month{Y: y, M: time.Month(m)}, nil
}

// IsZero reports whether m is unset.
func (m Month) IsZero() bool { return m.Y == 0 && m.M == 0 }

// Before reports whether m is strictly before o.
func (m Month) Before(o Month) bool {
	return m.Y < o.Y || (m.Y == o.Y && m.M < o.M)
}

// String returns "2006-01", or "" for the zero Month.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Y, int(m.M))
}

// MarshalJSON writes "2006-01", or null for the zero Month.
func (m Month) MarshalJSON() ([]byte, error) {
	if m.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + m.String() + `"`), nil
}

// UnmarshalJSON accepts "2006-01", "" and null.
func (m *Month) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*m = Month{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("%w: %s", ErrInvalidDate, b)
	}
	p, err := ParseMonth(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*m = p
	return nil
}
