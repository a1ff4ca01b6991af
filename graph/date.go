package graph

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Date is a calendar date at the precision the text allowed: a day
// ("2015-09-30"), an ISO week ("2015-W47"), a month ("2015-11"), a quarter
// ("2015-Q4"), a year ("2015"), or a day of an unknown year ("XXXX-09-30").
// It stands for the interval of days it covers. Two dates compare at the
// precision of the less precise one: "2015-11" is after 2015-10-31, before
// 2015-12-01, and equal to 2015-11-10 (it contains it).
type Date struct {
	Text   string
	lo, hi int64 // days since 1970-01-01, inclusive; valid when known
	known  bool  // the year is known
	Year   int   // 0 when unknown
	Month  int   // 0 when not given
	Day    int   // 0 when not given
}

func (d Date) String() string { return d.Text }

// Known reports whether the date's year is known, so that it has a place
// on the calendar.
func (d Date) Known() bool { return d.known }

var (
	reDay     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	reWeek    = regexp.MustCompile(`^(\d{4})-W(\d{2})`)
	reMonth   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reQuarter = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)
	reYear    = regexp.MustCompile(`^(\d{4})$`)
	reNoYear  = regexp.MustCompile(`^XXXX-(\d{2})(?:-(\d{2}))?$`)
)

func days(t time.Time) int64 { return t.Unix() / 86400 }

func dayOf(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// ParseDate reads an ISO 8601 / TIMEX3 date. A value it cannot place on
// the calendar (no year, or a form it does not know) is still a Date, but
// compares with no other date (the comparison is null).
func ParseDate(s string) (Date, bool) {
	d := Date{Text: s}
	if m := reDay.FindStringSubmatch(s); m != nil {
		y, mo, da := atoi(m[1]), atoi(m[2]), atoi(m[3])
		t := dayOf(y, mo, da)
		if mo < 1 || mo > 12 || da < 1 || t.Day() != da {
			return d, false
		}
		d.Text = m[0]
		d.Year, d.Month, d.Day, d.known = y, mo, da, true
		d.lo, d.hi = days(t), days(t)
		return d, true
	}
	if m := reWeek.FindStringSubmatch(s); m != nil {
		y, w := atoi(m[1]), atoi(m[2])
		if w < 1 || w > 53 {
			return d, false
		}
		// ISO week 1 holds January 4th; weeks start on Monday.
		jan4 := dayOf(y, 1, 4)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		d.Text = m[0]
		d.Year, d.known = y, true
		d.lo, d.hi = days(monday), days(monday)+6
		return d, true
	}
	if m := reMonth.FindStringSubmatch(s); m != nil {
		y, mo := atoi(m[1]), atoi(m[2])
		if mo < 1 || mo > 12 {
			return d, false
		}
		d.Year, d.Month, d.known = y, mo, true
		d.lo, d.hi = days(dayOf(y, mo, 1)), days(dayOf(y, mo+1, 1))-1
		return d, true
	}
	if m := reQuarter.FindStringSubmatch(s); m != nil {
		y, q := atoi(m[1]), atoi(m[2])
		d.Year, d.known = y, true
		d.lo, d.hi = days(dayOf(y, 3*q-2, 1)), days(dayOf(y, 3*q+1, 1))-1
		return d, true
	}
	if m := reYear.FindStringSubmatch(s); m != nil {
		y := atoi(m[1])
		d.Year, d.known = y, true
		d.lo, d.hi = days(dayOf(y, 1, 1)), days(dayOf(y+1, 1, 1))-1
		return d, true
	}
	if m := reNoYear.FindStringSubmatch(s); m != nil {
		d.Month = atoi(m[1])
		if m[2] != "" {
			d.Day = atoi(m[2])
		}
		return d, true
	}
	return d, false
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// NewDay is the date of a day.
func NewDay(y, m, d int) (Date, error) {
	t := dayOf(y, m, d)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return Date{}, fmt.Errorf("no such date: %04d-%02d-%02d", y, m, d)
	}
	dt, _ := ParseDate(t.Format(time.DateOnly))
	return dt, nil
}

// compareDates compares two dates at the precision of the less precise:
// -1 when a ends before b starts, 1 when a starts after b ends, 0 when they
// overlap. ok is false when either has no known year.
func CompareDates(a, b Date) (c int, ok bool) {
	if !a.known || !b.known {
		return 0, false
	}
	switch {
	case a.hi < b.lo:
		return -1, true
	case a.lo > b.hi:
		return 1, true
	}
	return 0, true
}

// orderDates is the total order used by ORDER BY: by start, then by end
// (a month sorts before its first day's successors), unknown years last.
func OrderDates(a, b Date) int {
	if a.known != b.known {
		if a.known {
			return -1
		}
		return 1
	}
	switch {
	case a.lo != b.lo:
		return cmpDays(a.lo, b.lo)
	case a.hi != b.hi:
		return cmpDays(b.hi, a.hi)
	}
	return cmpText(a.Text, b.Text)
}

func cmpDays(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpText(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// DateBounds returns the first and last day of a date as YYYY-MM-DD, for
// graphs whose index of dates is keyed by text.
func DateBounds(d Date) (lo, hi string, ok bool) {
	if !d.known {
		return "", "", false
	}
	f := func(n int64) string { return time.Unix(n*86400, 0).UTC().Format(time.DateOnly) }
	return f(d.lo), f(d.hi), true
}

// DateOrder orders two TIMEX3 date strings for a timeline: by the first
// day they cover, a coarser date before the finer dates it contains, dates
// without a known year and unreadable dates after the rest, empty last.
func DateOrder(a, b string) int {
	if a == "" || b == "" {
		switch {
		case a == b:
			return 0
		case a == "":
			return 1
		}
		return -1
	}
	da, oka := ParseDate(a)
	db, okb := ParseDate(b)
	if oka != okb {
		if oka {
			return -1
		}
		return 1
	}
	if !oka {
		return cmpText(a, b)
	}
	return OrderDates(da, db)
}

// InRange reports whether a TIMEX3 date overlaps the range [from, to]
// (either may be empty: open).
func InRange(date, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	d, ok := ParseDate(date)
	if !ok {
		return false
	}
	lo, hi, ok := DateBounds(d)
	if !ok {
		return false
	}
	if from != "" {
		f, ok := ParseDate(from)
		if !ok {
			return false
		}
		if flo, _, ok := DateBounds(f); ok && hi < flo {
			return false
		}
	}
	if to != "" {
		t, ok := ParseDate(to)
		if !ok {
			return false
		}
		if _, thi, ok := DateBounds(t); ok && lo > thi {
			return false
		}
	}
	return true
}
