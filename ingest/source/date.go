package source

import (
	"strconv"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
)

// dateLayouts are the layouts parseDate tries before guessing.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	time.DateOnly,
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006",
	"2 January 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	time.RFC850,
	time.ANSIC,
}

// parseDate reads a publication date in the usual forms: RFC 3339 (with or
// without a time or zone), YYYY-MM-DD, RFC 1123 and RFC 822, "January 2,
// 2006", and whatever else dateparse recognises. Dates without a zone are
// taken as UTC. Years outside 1000..2999 are refused as nonsense.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if len(s) == len(time.DateOnly) { // the commonest case, tried first
		if t, err := time.ParseInLocation(time.DateOnly, s, time.UTC); err == nil {
			return t, plausibleYear(t)
		}
	}
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, plausibleYear(t)
		}
	}
	t, ok := guessDate(s)
	return t, ok && plausibleYear(t)
}

// guessDate asks dateparse, which knows many more layouts, and survives it
// panicking on strange input.
func guessDate(s string) (t time.Time, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = time.Time{}, false
		}
	}()
	t, err := dateparse.ParseIn(s, time.UTC, dateparse.RetryAmbiguousDateWithSwap(true))
	return t, err == nil
}

// unixDate reads a Unix time in seconds, or in milliseconds when it is too
// large for seconds.
func unixDate(n float64) (time.Time, bool) {
	if n <= 0 {
		return time.Time{}, false
	}
	var t time.Time
	if n > 1e11 {
		t = time.UnixMilli(int64(n)).UTC()
	} else {
		t = time.Unix(int64(n), 0).UTC()
	}
	return t, plausibleYear(t)
}

// parseNumberDate reads a date given as a JSON number or numeric string.
func parseNumberDate(s string) (time.Time, bool) {
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return time.Time{}, false
	}
	return unixDate(n)
}

func plausibleYear(t time.Time) bool {
	return t.Year() >= 1000 && t.Year() < 3000
}
