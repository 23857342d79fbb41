package model

import "time"

// The statistics ask the year and month of hundreds of thousands of dates;
// a table of year starts answers without the general civil conversion.
const yearTableFirst, yearTableLast = 1900, 2199

// jan1 holds the day number of 1 January of each year of the table, and
// of the year after the last.
var jan1 = func() (t [yearTableLast - yearTableFirst + 2]int32) {
	for i := range t {
		t[i] = NewDate(yearTableFirst+i, time.January, 1).n
	}
	return t
}()

// yearOf returns d's year, quickly for years in the table.
func (d Date) yearOf() int {
	if d.n < jan1[0] || d.n >= jan1[len(jan1)-1] {
		return d.Year()
	}
	i := int(d.n-jan1[0]) * 400 / 146097 // 400 years have 146097 days
	for i+1 < len(jan1) && jan1[i+1] <= d.n {
		i++
	}
	for jan1[i] > d.n {
		i--
	}
	return yearTableFirst + i
}

// yearMonths are the first days of the twelve months of a year and of the
// next year, for month lookups within that year.
type yearMonths [13]Date

func monthsOf(year int) (m yearMonths) {
	for i := range m {
		m[i] = NewDate(year, time.Month(i+1), 1)
	}
	return m
}

// index returns the zero-based month of d, or -1 when d is outside the year.
func (m *yearMonths) index(d Date) int {
	if d.Before(m[0]) || !d.Before(m[12]) {
		return -1
	}
	i := d.Sub(m[0]) / 31 // never past the right month
	for !d.Before(m[i+1]) {
		i++
	}
	return i
}
