package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Fen is an amount of money in fen (分, 1/100 yuan). Amounts are never
// floating point; JSON carries the integer.
type Fen int64

// ParseYuan parses a non-negative yuan amount with at most two decimals,
// such as "12345", "12345.6", "12,345.67". It never goes through floats.
func ParseYuan(s string) (Fen, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || (hasDot && frac == "") {
		return 0, fmt.Errorf("%w: %q", ErrInvalidAmount, s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 || strings.HasPrefix(whole, "+") || w > (1<<62)/100 {
		return 0, fmt.Errorf("%w: %q", ErrInvalidAmount, s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil || frac[0] == '+' || frac[0] == '-' {
		return 0, fmt.Errorf("%w: %q", ErrInvalidAmount, s)
	}
	return Fen(w*100 + f), nil
}

// Yuan formats the amount as yuan with two decimals: 1234567 -> "12345.67".
func (f Fen) Yuan() string {
	sign := ""
	v := int64(f)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}
