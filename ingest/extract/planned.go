package extract

import (
	"strconv"
	"strings"
	"time"

	"kg/ingest/events"
)

// A happening the text dates after the article's publication is planned,
// scheduled or hoped for ("a summit set for April", "protests this
// summer"), not reported as fact: its date is not the date of an event.

// periodStart is the first day of the period a TIMEX3 date value names
// ("1998-03-22", "1998-03", "1998", "1998-W11", "1998-SU", "1998-Q2",
// "1998-H2"); false for values without a year ("XXXX-09-30", "PAST_REF")
// or a decade.
func periodStart(v string) (time.Time, bool) {
	v = day(v)
	if len(v) < 4 {
		return time.Time{}, false
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil {
		return time.Time{}, false
	}
	rest, _ := strings.CutPrefix(v[4:], "-")
	month := func(m int) (time.Time, bool) { return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), true }
	switch {
	case rest == "":
		return month(1)
	case rest == "SP":
		return month(3)
	case rest == "SU":
		return month(6)
	case rest == "FA":
		return month(9)
	case rest == "WI":
		return month(12)
	case rest == "H1", rest == "Q1":
		return month(1)
	case rest == "Q2":
		return month(4)
	case rest == "H2", rest == "Q3":
		return month(7)
	case rest == "Q4":
		return month(10)
	case strings.HasPrefix(rest, "W"):
		w, err := strconv.Atoi(rest[1:])
		if err != nil || w < 1 || w > 53 {
			return time.Time{}, false
		}
		// The Monday of ISO week w: week 1 holds January 4.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		return monday.AddDate(0, 0, 7*(w-1)), true
	}
	t, err := time.Parse("2006-01-02", v)
	if err == nil {
		return t, true
	}
	t, err = time.Parse("2006-01", v)
	return t, err == nil
}

// afterPublication reports whether a date value names a period that starts
// after the day an article was published.
func afterPublication(v string, published time.Time) bool {
	if published.IsZero() || v == "" {
		return false
	}
	start, ok := periodStart(v)
	if !ok {
		return false
	}
	d := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
	return start.After(d)
}

// unplanned drops the dates after publication from the mentions: a mention
// left with nothing of its own becomes bare, so that it may still tell again
// a happening the document reports.
func unplanned(ms []events.Event, published time.Time) []events.Event {
	for i := range ms {
		e := &ms[i]
		if afterPublication(e.Date, published) {
			e.Date = ""
			e.Bare = len(e.Participants) == 0 && e.Place == "" && !e.Named
		}
	}
	return ms
}
