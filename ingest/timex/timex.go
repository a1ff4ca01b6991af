// Package timex finds time expressions in text and normalizes them to
// TIMEX3 values against the document creation time (DCT), the way news is
// read: "Sept. 30" in an article of 2015-11-14 is 2015-09-30, "on Friday" is
// the Friday before the DCT unless the sentence speaks of the future.
package timex

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Timex is one time expression: byte offsets into the text, its type
// (DATE, TIME, DURATION or SET) and its TIMEX3 value.
type Timex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Tagger finds and normalizes time expressions.
type Tagger interface {
	// Tag returns the expressions of text in order. dct may be zero, in
	// which case parts that depend on it stay unknown ("XXXX-09-30").
	Tag(text string, dct time.Time) []Timex
}

// Rules is a pattern-based tagger for the common forms of news dates.
type Rules struct{}

const month = `(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

var patterns = []struct {
	re   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b`), "iso"},
	{regexp.MustCompile(`\b` + month + `\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?`), "mdy"},
	{regexp.MustCompile(`\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + month + `(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?`), "dmy"},
	{regexp.MustCompile(`\b` + month + `\s+(?P<year>(?:19|20)\d{2})\b`), "my"},
	{regexp.MustCompile(`\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)?\s*(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`), "wday"},
	{regexp.MustCompile(`\b(?P<word>[Tt]oday|[Yy]esterday|[Tt]omorrow)\b`), "word"},
	{regexp.MustCompile(`\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<unit>week|month|year)\b`), "relunit"},
	{regexp.MustCompile(`\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate)\s+(?P<core>(?P<month>January|February|March|April|May|June|July|August|September|October|November|December))\b`), "inmonth"},
	{regexp.MustCompile(`\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Oo]f|[Dd]uring)\s+(?P<core>(?P<year>(?:19|20)\d{2}))\b`), "year"},
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

var weekdays = map[string]time.Weekday{"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday,
	"Wednesday": time.Wednesday, "Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday}

var futureCue = regexp.MustCompile(`\b(will|would|shall|plans? to|is to|are to|scheduled|expected to|going to|next)\b`)

// Tag implements Tagger.
func (Rules) Tag(text string, dct time.Time) []Timex {
	var out []Timex
	taken := make([]bool, len(text)+1)
	for _, p := range patterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
			start, end := m[0], m[1]
			if overlaps(taken, start, end) {
				continue
			}
			g := func(name string) string {
				i := p.re.SubexpIndex(name)
				if i < 0 || m[2*i] < 0 {
					return ""
				}
				return text[m[2*i]:m[2*i+1]]
			}
			// A pattern may match a cue ("in 1998") around the expression itself.
			if c := p.re.SubexpIndex("core"); c >= 0 && m[2*c] >= 0 {
				start, end = m[2*c], m[2*c+1]
			}
			// Leave out a leading space matched by an empty optional group.
			for start < end && text[start] == ' ' {
				start++
			}
			value, typ := normalize(p.kind, g, dct, sentenceAround(text, start, end))
			if value == "" {
				continue
			}
			for i := start; i < end; i++ {
				taken[i] = true
			}
			out = append(out, Timex{Start: start, End: end, Text: text[start:end], Type: typ, Value: value})
		}
	}
	sortTimexes(out)
	return out
}

func overlaps(taken []bool, start, end int) bool {
	for i := start; i < end; i++ {
		if taken[i] {
			return true
		}
	}
	return false
}

func sortTimexes(ts []Timex) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Start < ts[j-1].Start; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// sentenceAround returns the text of the sentence-like stretch around a match,
// used to tell past from future.
func sentenceAround(text string, start, end int) string {
	s := strings.LastIndexAny(text[:start], ".!?\n")
	e := strings.IndexAny(text[end:], ".!?\n")
	if e < 0 {
		e = len(text)
	} else {
		e += end
	}
	return text[s+1 : e]
}

func normalize(kind string, g func(string) string, dct time.Time, sentence string) (value, typ string) {
	known := !dct.IsZero()
	switch kind {
	case "iso":
		return g("year") + "-" + g("mnum") + "-" + g("day"), "DATE"
	case "mdy", "dmy", "my", "inmonth":
		mon := months[strings.ToLower(g("month"))[:3]]
		if mon == 0 {
			return "", ""
		}
		day := 0
		if d := g("day"); d != "" {
			day, _ = strconv.Atoi(d)
			if day < 1 || day > 31 {
				return "", ""
			}
		}
		year := g("year")
		if year == "" {
			if !known {
				year = "XXXX"
			} else {
				year = strconv.Itoa(nearestYear(dct, mon, max(day, 1), futureCue.MatchString(sentence)))
			}
		}
		if day == 0 {
			return fmt.Sprintf("%s-%02d", year, mon), "DATE"
		}
		return fmt.Sprintf("%s-%02d-%02d", year, mon, day), "DATE"
	case "year":
		return g("year"), "DATE"
	case "wday":
		wd := weekdays[g("wday")]
		if !known {
			return "XXXX-WXX-" + strconv.Itoa(isoWeekday(wd)), "DATE"
		}
		rel := strings.ToLower(g("rel"))
		future := rel == "next" || (rel == "" && futureCue.MatchString(sentence))
		return dayString(weekdayFrom(dct, wd, future)), "DATE"
	case "word":
		if !known {
			return "", ""
		}
		switch strings.ToLower(g("word")) {
		case "today":
			return dayString(dct), "DATE"
		case "yesterday":
			return dayString(dct.AddDate(0, 0, -1)), "DATE"
		case "tomorrow":
			return dayString(dct.AddDate(0, 0, 1)), "DATE"
		}
	case "relunit":
		if !known {
			return "", ""
		}
		n := map[string]int{"last": -1, "next": 1, "this": 0}[strings.ToLower(g("rel"))]
		switch g("unit") {
		case "week":
			y, w := dct.AddDate(0, 0, 7*n).ISOWeek()
			return fmt.Sprintf("%d-W%02d", y, w), "DATE"
		case "month":
			return dct.AddDate(0, n, 0).Format("2006-01"), "DATE"
		case "year":
			return strconv.Itoa(dct.Year() + n), "DATE"
		}
	}
	return "", ""
}

func dayString(t time.Time) string { return t.Format(time.DateOnly) }

func isoWeekday(wd time.Weekday) int {
	if wd == time.Sunday {
		return 7
	}
	return int(wd)
}

// weekdayFrom is the nearest such weekday before the DCT (after it in the
// future); the DCT's own weekday means the DCT in the past and a week on in
// the future.
func weekdayFrom(dct time.Time, wd time.Weekday, future bool) time.Time {
	if future {
		d := (int(wd) - int(dct.Weekday()) + 7) % 7
		if d == 0 {
			d = 7
		}
		return dct.AddDate(0, 0, d)
	}
	d := (int(dct.Weekday()) - int(wd) + 7) % 7
	return dct.AddDate(0, 0, -d)
}

// nearestYear picks the year that puts month/day nearest the DCT, looking
// back unless the sentence looks forward: news mostly reports the past.
func nearestYear(dct time.Time, mon, day int, future bool) int {
	y := dct.Year()
	cand := time.Date(y, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
	d := dct.Truncate(24 * time.Hour)
	switch {
	case !future && cand.After(d.AddDate(0, 1, 0)):
		return y - 1
	case future && cand.Before(d.AddDate(0, -1, 0)):
		return y + 1
	}
	return y
}
