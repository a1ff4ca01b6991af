package query

import (
	"strings"

	"kg/graph"
)

// Dates are the graph's TIMEX3 dates (graph.Date): intervals of days that
// compare at the precision of the less precise one.
type Date = graph.Date

// ParseDate reads an ISO 8601 / TIMEX3 date (see graph.ParseDate).
func ParseDate(s string) (Date, bool) { return graph.ParseDate(s) }

// NewDay is the date of a day.
func NewDay(y, m, d int) (Date, error) { return graph.NewDay(y, m, d) }

// DateBounds returns the first and last day of a date as YYYY-MM-DD.
func DateBounds(d Date) (lo, hi string, ok bool) { return graph.DateBounds(d) }

// DateOrder orders two TIMEX3 date strings for a timeline (see graph.DateOrder).
func DateOrder(a, b string) int { return graph.DateOrder(a, b) }

func compareDates(a, b Date) (int, bool) { return graph.CompareDates(a, b) }
func orderDates(a, b Date) int           { return graph.OrderDates(a, b) }

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpString(a, b string) int { return strings.Compare(a, b) }
