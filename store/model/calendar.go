package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"

	"qingfeng/assets"
)

// CalendarFile is the JSON shape of a holiday calendar (the shipped
// assets/calendar/holidays.json and any user file overriding it).
type CalendarFile struct {
	Version int            `json:"version"`
	Note    string         `json:"note,omitempty"`
	Years   []CalendarYear `json:"years"`
}

// CalendarYear is one year's official schedule: the holidays (放假, ranges
// that may include weekends) and the make-up working days (调休上班, which
// fall on weekends). Provisional years are estimates awaiting the notice.
type CalendarYear struct {
	Year        int           `json:"year"`
	Provisional bool          `json:"provisional,omitempty"`
	Source      string        `json:"source,omitempty"`
	Holidays    []HolidaySpan `json:"holidays"`
	Workdays    []Date        `json:"workdays"`
}

// HolidaySpan is a run of days off, both ends included.
type HolidaySpan struct {
	Name string `json:"name"`
	From Date   `json:"from"`
	To   Date   `json:"to"`
}

// dayKind marks a day as an ordinary day, a holiday or a make-up workday.
type dayKind uint8

const (
	dayOrdinary dayKind = iota
	dayHoliday
	dayMakeup
)

// Calendar answers whether a day is a working day. Outside the years it
// holds, only weekends are days off. A Calendar is immutable and safe for
// concurrent use.
type Calendar struct {
	file  CalendarFile
	first Date      // day of kinds[0]
	kinds []dayKind // one per day from first
	names map[Date]string
}

// DefaultCalendar parses the shipped calendar.
func DefaultCalendar() (*Calendar, error) { return ParseCalendar(assets.HolidaysJSON()) }

// LoadCalendar returns the shipped calendar overridden by the user file at
// path: each year in the file replaces the shipped year. An empty path
// gives the shipped calendar.
func LoadCalendar(path string) (*Calendar, error) {
	def, err := DefaultCalendar()
	if err != nil || path == "" {
		return def, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: failed to read calendar: %w", err)
	}
	return def.Override(data)
}

// ParseCalendar parses and checks a calendar file.
func ParseCalendar(data []byte) (*Calendar, error) {
	var f CalendarFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCalendar, err)
	}
	return buildCalendar(f)
}

// Override returns a new calendar in which every year of data replaces the
// same year of c; other years are kept.
func (c *Calendar) Override(data []byte) (*Calendar, error) {
	user, err := ParseCalendar(data)
	if err != nil {
		return nil, err
	}
	f := c.File()
	for _, y := range user.file.Years {
		i := slices.IndexFunc(f.Years, func(o CalendarYear) bool { return o.Year == y.Year })
		if i >= 0 {
			f.Years[i] = y
		} else {
			f.Years = append(f.Years, y)
		}
	}
	return buildCalendar(f)
}

// File returns a deep copy of the calendar's data, for editing and saving.
func (c *Calendar) File() CalendarFile {
	f := c.file
	f.Years = make([]CalendarYear, len(c.file.Years))
	for i, y := range c.file.Years {
		y.Holidays, y.Workdays = slices.Clone(y.Holidays), slices.Clone(y.Workdays)
		f.Years[i] = y
	}
	return f
}

// MarshalJSON writes the calendar in file form.
func (c *Calendar) MarshalJSON() ([]byte, error) { return json.Marshal(c.file) }

// buildCalendar checks the file and builds the day table.
func buildCalendar(f CalendarFile) (*Calendar, error) {
	slices.SortFunc(f.Years, func(a, b CalendarYear) int { return a.Year - b.Year })
	if err := checkCalendar(f); err != nil {
		return nil, err
	}
	c := &Calendar{file: f, names: map[Date]string{}}
	if len(f.Years) == 0 {
		return c, nil
	}
	c.first = NewDate(f.Years[0].Year-1, time.December, 1)
	last := NewDate(f.Years[len(f.Years)-1].Year+1, time.January, 31)
	c.kinds = make([]dayKind, last.Sub(c.first)+1)
	for _, y := range f.Years {
		for _, h := range y.Holidays {
			for d := h.From; !d.After(h.To); d = d.AddDays(1) {
				c.kinds[d.Sub(c.first)] = dayHoliday
				c.names[d] = h.Name
			}
		}
		for _, w := range y.Workdays {
			c.kinds[w.Sub(c.first)] = dayMakeup
		}
	}
	return c, nil
}

// checkCalendar refuses duplicate years, reversed or overlong spans,
// dates far from their year and make-up days that are not on a weekend or
// fall inside a holiday.
func checkCalendar(f CalendarFile) error {
	for i, y := range f.Years {
		if y.Year < 1900 || y.Year > 2200 || (i > 0 && f.Years[i-1].Year == y.Year) {
			return fmt.Errorf("%w: year %d", ErrCalendar, y.Year)
		}
		lo, hi := NewDate(y.Year-1, time.December, 1), NewDate(y.Year+1, time.January, 31)
		for _, h := range y.Holidays {
			if h.From.IsZero() || h.To.Before(h.From) || h.To.Sub(h.From) > 31 ||
				h.From.Before(lo) || h.To.After(hi) {
				return fmt.Errorf("%w: %d holiday %s %s..%s", ErrCalendar, y.Year, h.Name, h.From, h.To)
			}
		}
		for _, w := range y.Workdays {
			wd := w.Weekday()
			if w.IsZero() || w.Before(lo) || w.After(hi) || (wd != time.Saturday && wd != time.Sunday) || inSpans(w, y.Holidays) {
				return fmt.Errorf("%w: %d make-up workday %s", ErrCalendar, y.Year, w)
			}
		}
	}
	return nil
}

func inSpans(d Date, spans []HolidaySpan) bool {
	for _, h := range spans {
		if !d.Before(h.From) && !d.After(h.To) {
			return true
		}
	}
	return false
}

// kind returns the table entry for d.
func (c *Calendar) kind(d Date) dayKind {
	i := d.Sub(c.first)
	if c.kinds == nil || i < 0 || i >= len(c.kinds) {
		return dayOrdinary
	}
	return c.kinds[i]
}

// IsWorkingDay reports whether d is a working day: a weekday that is not a
// holiday, or a make-up workday (调休上班) on a weekend.
func (c *Calendar) IsWorkingDay(d Date) bool {
	switch c.kind(d) {
	case dayHoliday:
		return false
	case dayMakeup:
		return true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Holiday returns the holiday's name when d is in a holiday span.
func (c *Calendar) Holiday(d Date) (string, bool) {
	name, ok := c.names[d]
	return name, ok
}

// NextWorkingDay returns d if it is a working day, else the first working
// day after it.
func (c *Calendar) NextWorkingDay(d Date) Date {
	for !c.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// AddWorkingDays counts n working days after d (d itself not counted) and
// returns the day the count ends on. Negative n counts backwards.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// Covers reports whether the calendar holds the official schedule of d's
// year; outside it only weekends count as days off.
func (c *Calendar) Covers(d Date) bool {
	_, ok := c.year(d.Year())
	return ok
}

// Provisional reports whether the year's schedule is an estimate.
func (c *Calendar) Provisional(year int) bool {
	y, ok := c.year(year)
	return ok && y.Provisional
}

func (c *Calendar) year(year int) (CalendarYear, bool) {
	for _, y := range c.file.Years {
		if y.Year == year {
			return y, true
		}
	}
	return CalendarYear{}, false
}
