package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"time"

	"qingfeng/assets"
)

// Unit is how a deadline rule counts.
type Unit string

// Units of the rule table.
const (
	UnitCalendarDays Unit = "calendar-days"  // Amount calendar days
	UnitMonths       Unit = "months"         // Amount calendar months, clamped to month end
	UnitWorkingDays  Unit = "working-days"   // Amount working days
	UnitNextMonthDay Unit = "next-month-day" // day Amount of the month after start
	UnitQuarterDay   Unit = "quarter-day"    // day Amount of the first month of the next quarter
	UnitDocument     Unit = "document"       // the deadline written in the document
)

var units = []Unit{UnitCalendarDays, UnitMonths, UnitWorkingDays, UnitNextMonthDay,
	UnitQuarterDay, UnitDocument}

// HolidayRule says what happens when a period ends on a day off.
type HolidayRule string

// Holiday rules.
const (
	HolidayRoll  HolidayRule = "roll"  // move to the next working day
	HolidayExact HolidayRule = "exact" // ends on its due date (留置)
)

// Rule is one row of the deadline rule table.
type Rule struct {
	ID               string      `json:"id"`
	Name             string      `json:"name"`
	Unit             Unit        `json:"unit"`
	Amount           int         `json:"amount"`
	Extension        int         `json:"extension,omitempty"`         // ordinary extension, same unit
	SpecialExtension int         `json:"special_extension,omitempty"` // further extension, same unit
	Holiday          HolidayRule `json:"holiday"`
	Basis            string      `json:"basis,omitempty"` // where the rule comes from, without article numbers
	Start            string      `json:"start,omitempty"` // what day the period starts from
	Note             string      `json:"note,omitempty"`
}

// RuleFile is the JSON shape of the rule table (assets/rules/deadlines.json
// and any user file overriding it).
type RuleFile struct {
	Version int    `json:"version"`
	Note    string `json:"note,omitempty"`
	Rules   []Rule `json:"rules"`
}

// Rules is a checked rule table bound to a calendar. It is immutable and
// safe for concurrent use.
type Rules struct {
	cal  *Calendar
	file RuleFile
	byID map[string]int
}

var ruleID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// DefaultRules parses the shipped rule table.
func DefaultRules(cal *Calendar) (*Rules, error) { return ParseRules(assets.DeadlineRulesJSON(), cal) }

// LoadRules returns the shipped rules overridden by the user file at path:
// each rule in the file replaces the shipped rule of the same ID, new IDs
// are added. An empty path gives the shipped rules.
func LoadRules(path string, cal *Calendar) (*Rules, error) {
	def, err := DefaultRules(cal)
	if err != nil || path == "" {
		return def, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: failed to read rule table: %w", err)
	}
	return def.Override(data)
}

// ParseRules parses and checks a rule table.
func ParseRules(data []byte, cal *Calendar) (*Rules, error) {
	var f RuleFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRuleTable, err)
	}
	return buildRules(f, cal)
}

// Override returns new rules in which the rules of data replace those of
// r with the same ID.
func (r *Rules) Override(data []byte) (*Rules, error) {
	user, err := ParseRules(data, r.cal)
	if err != nil {
		return nil, err
	}
	f := r.File()
	for _, u := range user.file.Rules {
		if i, ok := r.byID[u.ID]; ok {
			f.Rules[i] = u
		} else {
			f.Rules = append(f.Rules, u)
		}
	}
	return buildRules(f, r.cal)
}

func buildRules(f RuleFile, cal *Calendar) (*Rules, error) {
	if cal == nil {
		return nil, fmt.Errorf("%w: no calendar", ErrRuleTable)
	}
	r := &Rules{cal: cal, file: f, byID: make(map[string]int, len(f.Rules))}
	for i, rule := range f.Rules {
		if err := checkRule(rule); err != nil {
			return nil, err
		}
		if _, dup := r.byID[rule.ID]; dup {
			return nil, fmt.Errorf("%w: duplicate id %q", ErrRuleTable, rule.ID)
		}
		r.byID[rule.ID] = i
	}
	return r, nil
}

// checkRule refuses a malformed rule.
func checkRule(r Rule) error {
	bad := func(what string) error { return fmt.Errorf("%w: rule %q: %s", ErrRuleTable, r.ID, what) }
	switch {
	case !ruleID.MatchString(r.ID):
		return bad("id")
	case r.Name == "":
		return bad("name")
	case !oneOf(r.Unit, units):
		return bad("unit")
	case r.Holiday != HolidayRoll && r.Holiday != HolidayExact:
		return bad("holiday")
	case r.Extension < 0 || r.SpecialExtension < 0 || (r.SpecialExtension > 0 && r.Extension == 0):
		return bad("extension")
	}
	switch r.Unit {
	case UnitDocument:
		if r.Amount != 0 || r.Extension != 0 {
			return bad("amount")
		}
	case UnitNextMonthDay, UnitQuarterDay:
		if r.Amount < 1 || r.Amount > 31 || r.Extension != 0 {
			return bad("amount")
		}
	default:
		if r.Amount < 1 {
			return bad("amount")
		}
	}
	return nil
}

// File returns a copy of the table, for editing and saving.
func (r *Rules) File() RuleFile {
	f := r.file
	f.Rules = slices.Clone(r.file.Rules)
	return f
}

// MarshalJSON writes the table in file form.
func (r *Rules) MarshalJSON() ([]byte, error) { return json.Marshal(r.file) }

// Calendar returns the calendar the rules count working days with.
func (r *Rules) Calendar() *Calendar { return r.cal }

// Rule returns the rule with that ID.
func (r *Rules) Rule(id string) (Rule, bool) {
	i, ok := r.byID[id]
	if !ok {
		return Rule{}, false
	}
	return r.file.Rules[i], true
}

// Due returns the due date of rule id for a period starting on start.
// The start day is not counted; a period that ends on a day off moves to
// the next working day unless the rule is HolidayExact.
func (r *Rules) Due(id string, start Date) (Date, error) { return r.DueExtended(id, start, 0) }

// DueExtended is Due after approved extensions: level 1 adds the rule's
// Extension, level 2 also its SpecialExtension. Each extension runs on
// from the end of the period before it.
func (r *Rules) DueExtended(id string, start Date, level int) (Date, error) {
	rule, ok := r.Rule(id)
	if !ok {
		return Date{}, fmt.Errorf("%w: %q", ErrUnknownRule, id)
	}
	if rule.Unit == UnitDocument {
		return Date{}, fmt.Errorf("%w: %q", ErrNoPeriod, id)
	}
	if start.IsZero() {
		return Date{}, fmt.Errorf("%w: start", ErrMissing)
	}
	end := r.count(rule.Unit, start, rule.Amount)
	if level >= 1 && rule.Extension > 0 {
		end = r.count(rule.Unit, end, rule.Extension)
	}
	if level >= 2 && rule.SpecialExtension > 0 {
		end = r.count(rule.Unit, end, rule.SpecialExtension)
	}
	if rule.Holiday == HolidayRoll {
		end = r.cal.NextWorkingDay(end)
	}
	return end, nil
}

// count runs one period of n units from start.
func (r *Rules) count(u Unit, start Date, n int) Date {
	switch u {
	case UnitCalendarDays:
		return start.AddDays(n)
	case UnitMonths:
		return start.AddMonths(n)
	case UnitWorkingDays:
		return r.cal.AddWorkingDays(start, n)
	case UnitNextMonthDay:
		return dayOfMonth(start.Year(), start.Month()+1, n)
	case UnitQuarterDay:
		first := (start.Month()-1)/3*3 + 4 // first month of the next quarter
		return dayOfMonth(start.Year(), first, n)
	}
	return start
}

// dayOfMonth returns day d of month m (normalised past December), clamped
// to the month's last day.
func dayOfMonth(y int, m time.Month, d int) Date {
	first := NewDate(y, m, 1)
	fy, fm, _ := first.Civil()
	return NewDate(fy, fm, min(d, daysIn(fy, fm)))
}
