package assets

import _ "embed" // the holiday calendar and the deadline rules are embedded below

// The shipped holiday calendar and deadline rule table (domain.md §6).
// Both are JSON the user may override with a file of the same shape; the
// model package parses them. The byte slices are shared: do not modify.
var (
	//go:embed calendar/holidays.json
	holidaysJSON []byte

	//go:embed rules/deadlines.json
	deadlineRulesJSON []byte
)

// HolidaysJSON returns the shipped holiday and make-up workday calendar
// for 2020–2027 (years marked "provisional" are estimates).
func HolidaysJSON() []byte { return holidaysJSON }

// DeadlineRulesJSON returns the shipped deadline rule table.
func DeadlineRulesJSON() []byte { return deadlineRulesJSON }
