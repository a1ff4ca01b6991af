package timex

import "time"

// Fiscal periods and holidays.

func ymonth(m int) time.Month { return time.Month(m) }

// cQuarter: "the third quarter", "third-quarter", "the fourth quarter of
// 1984", "this year's third quarter", "the 1988 second quarter", "the
// year-ago quarter", "the latest period", "the first half of 1990".
func (p *parser) cQuarter(k int) (core, bool) {
	j := k
	det := ""
	if p.isAny(j, "the", "this", "last", "next") {
		det = p.words[j].key
		j++
	}
	year, yearRel, hasYear, hasYearRel, yearAgo := 0, 0, false, false, false
	ord, rel := 0, 0
	hasOrd, hasRel, latest := false, false, false
	for {
		w := p.wd(j)
		if w == nil {
			return core{}, false
		}
		switch {
		case w.kind == wInt && w.digits == 4 && w.n >= 1900 && w.n < 2100 && !hasYear:
			year, hasYear = w.n, true
			j++
			if p.is(j, "'s") {
				j++
			}
			continue
		case (det == "this" || det == "last" || det == "next") && w.eq("year") && p.is(j+1, "'s") && !hasYearRel:
			yearRel, hasYearRel = p.words[j-1].lx.rel, true
			det = "the"
			j += 2
			continue
		case w.eq("year") && p.is(j+1, "-") && p.isAny(j+2, "ago", "earlier") || w.eq("year") && p.isAny(j+1, "ago", "earlier"):
			yearAgo = true
			j = p.hyphen(j+1) + 1
			continue
		case w.eq("fiscal") || w.eq("comparable") || w.eq("corresponding") || w.eq("same") || w.eq("calendar") || w.eq("flat") || w.eq("strong") || w.eq("weak") || w.eq("disappointing") || w.eq("traditionally"):
			j = p.hyphen(j + 1)
			continue
		case (w.eq("last") || w.eq("latter")) && p.is(j+1, "half") && !hasOrd:
			ord, hasOrd = 2, true
			j++
			continue
		case w.eq("latest") || w.eq("recent") || w.eq("past") && det == "the" || w.eq("most") && p.is(j+1, "recent"):
			latest = true
			if w.eq("most") {
				j++
			}
			j++
			continue
		case w.eq("current") || w.eq("present"):
			hasRel, rel = true, 0
			j++
			continue
		case w.eq("previous") || w.eq("prior") || w.eq("preceding"):
			hasRel, rel = true, -1
			j++
			continue
		case w.kind == wOrdinal && w.n >= 1 && w.n <= 4 && !hasOrd:
			ord, hasOrd = w.n, true
			j = p.hyphen(j + 1)
			continue
		case w.lx != nil && w.lx.cls&cOrd != 0 && w.lx.ord <= 4 && !hasOrd:
			ord, hasOrd = w.lx.ord, true
			j = p.hyphen(j + 1)
			continue
		case w.eq("final") && !hasOrd:
			ord, hasOrd = 4, true
			j = p.hyphen(j + 1)
			continue
		}
		break
	}
	head := p.wd(j)
	if head == nil || p.is(j+1, "-") {
		// "quarter-century", "quarter-to-quarter"
		return core{}, false
	}
	if yearAgo && !head.eq("quarter") && !head.eq("period") && !head.eq("half") && (det == "" || det == "the") && !hasOrd {
		// "year-earlier results", "the year-ago figures": the year (or
		// quarter) before the one the text speaks of.
		pt := point{}
		switch {
		case p.hasRef && (p.ref.g == gQuarter || p.ref.g == gHalf):
			pt = p.ref
			pt.y--
		case p.hasDCT:
			pt = point{g: gYear, y: p.dct.y - 1}
		default:
			pt = point{g: gYear}
		}
		c := core{j: j, pt: pt, kind: kQuarter}
		if det != "" {
			c.skip = 1
		}
		return c, true
	}
	var g gran
	switch {
	case head.eq("quarter") && !head.cap:
		g = gQuarter
	case head.eq("half") && (hasOrd && ord <= 2 || det == "last"):
		g = gHalf
		if !hasOrd {
			ord, hasOrd, det = 2, true, "the"
		}
	case head.eq("period") && (latest || yearAgo || hasYear || hasRel) && det != "":
		g = gQuarter
	default:
		return core{}, false
	}
	j++
	if det == "" && !hasOrd && !hasYear && !yearAgo {
		return core{}, false
	}
	if det == "last" && !hasOrd {
		hasRel, rel = true, -1
	}
	if (det == "this" || det == "that") && !hasOrd {
		hasRel = true
	}
	// "of 1984", "of fiscal 1990", "of this year", "of next year", "a year ago"
	jj := j
	if p.is(jj, "of") {
		jj++
		if p.is(jj, "fiscal") {
			jj++
		}
		if y, j2, ok := p.yearAt(jj, true); ok {
			year, hasYear, j = y, true, j2
		} else if p.isAny(jj, "this", "last", "next") && p.is(jj+1, "year") {
			yearRel, hasYearRel, j = p.words[jj].lx.rel, true, jj+2
		} else if p.is(jj, "the") && p.is(jj+1, "year") {
			j = jj + 2
		}
	} else if y, j2, ok := p.yearAt(jj, false); ok && hasOrd {
		year, hasYear, j = y, true, j2
	} else if p.is(jj, "a") && p.is(jj+1, "year") && p.isAny(jj+2, "ago", "earlier") {
		yearAgo, j = true, jj+3
	} else if p.is(jj, "last") && p.is(jj+1, "year") && !hasOrd {
		yearAgo, j = true, jj+2
	}
	c := core{j: j, kind: kQuarter, anch: true, year: hasYear}
	if det == "the" && head.glued {
		c.skip = 1 // "the third-quarter loss"
	}
	per := 4
	if g == gHalf {
		per = 2
	}
	var pt point
	switch {
	case hasOrd:
		if ord > per {
			return core{}, false
		}
		pt = point{g: g, n: ord}
		switch {
		case hasYear:
			pt.y = year
		case hasYearRel:
			pt.y = p.dct.y + yearRel
		case p.hasRef && p.ref.g == g && p.refSent >= p.words[k].sent-2:
			pt.y = p.ref.y
		case p.hasDCT:
			pt.y = p.dct.y
			start := day(pt.y, (12/per)*(ord-1)+1, 1)
			if start.After(p.dctTime()) && p.tense(k, j) != future {
				pt.y--
			}
		}
	default:
		// No ordinal: the quarter the text is about, or the last one that ended.
		switch {
		case p.hasRef && p.ref.g == g && !hasRel:
			pt = p.ref
		case p.hasDCT:
			pt = at(p.dctTime(), g)
			if !hasRel {
				pt = pt.shift(unitOfGran(g), -1)
			} else {
				pt = pt.shift(unitOfGran(g), rel)
			}
		default:
			pt = point{g: g}
		}
		if hasYear {
			pt.y = year
		} else if hasYearRel && p.hasDCT {
			pt.y = p.dct.y + yearRel
		}
	}
	if yearAgo && pt.y > 0 {
		pt.y--
		c.anch = false // the text still speaks of the later period
	}
	c.pt = pt
	return c, true
}

func unitOfGran(g gran) unit {
	switch g {
	case gHalf:
		return uHalf
	case gQuarter:
		return uQuarter
	}
	return uYear
}

// holiday is a named day.
type holiday struct {
	words []string // the name, lower case, as tokens
	date  func(y int) (m, d int)
	week  bool // a week ("Easter week") rather than a day
}

func fixed(m, d int) func(int) (int, int) { return func(int) (int, int) { return m, d } }

// nthWeekday is the n-th weekday wd (ISO) of a month; n < 0 counts from the end.
func nthWeekday(n, wd, m int) func(int) (int, int) {
	return func(y int) (int, int) {
		if n > 0 {
			t := day(y, m, 1)
			d := 1 + (wd-isoWeekday(t.Weekday())+7)%7 + 7*(n-1)
			return m, d
		}
		t := day(y, m+1, 0)
		d := t.Day() - (isoWeekday(t.Weekday())-wd+7)%7
		return m, d
	}
}

// easter is Easter Sunday (Gregorian computus), moved by off days.
func easter(off int) func(int) (int, int) {
	return func(y int) (int, int) {
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		month := (h + l - 7*m + 114) / 31
		dd := (h+l-7*m+114)%31 + 1
		t := day(y, month, dd).AddDate(0, 0, off)
		return int(t.Month()), t.Day()
	}
}

// electionDay is the Tuesday after the first Monday of November.
func electionDay(y int) (int, int) {
	_, d := nthWeekday(1, 1, 11)(y)
	return 11, d + 1
}

var holidays = []holiday{
	{words: []string{"christmas", "eve"}, date: fixed(12, 24)},
	{words: []string{"christmas", "day"}, date: fixed(12, 25)},
	{words: []string{"christmas"}, date: fixed(12, 25)},
	{words: []string{"new", "year", "'s", "day"}, date: fixed(1, 1)},
	{words: []string{"new", "year", "'s", "eve"}, date: fixed(12, 31)},
	{words: []string{"new", "year", "'s"}, date: fixed(1, 1)},
	{words: []string{"thanksgiving", "day"}, date: nthWeekday(4, 4, 11)},
	{words: []string{"thanksgiving"}, date: nthWeekday(4, 4, 11)},
	{words: []string{"easter", "sunday"}, date: easter(0)},
	{words: []string{"easter", "monday"}, date: easter(1)},
	{words: []string{"easter", "week"}, date: easter(0), week: true},
	{words: []string{"easter"}, date: easter(0)},
	{words: []string{"good", "friday"}, date: easter(-2)},
	{words: []string{"halloween"}, date: fixed(10, 31)},
	{words: []string{"independence", "day"}, date: fixed(7, 4)},
	{words: []string{"labor", "day"}, date: nthWeekday(1, 1, 9)},
	{words: []string{"memorial", "day"}, date: nthWeekday(-1, 1, 5)},
	{words: []string{"veterans", "day"}, date: fixed(11, 11)},
	{words: []string{"armistice", "day"}, date: fixed(11, 11)},
	{words: []string{"election", "day"}, date: electionDay},
	{words: []string{"valentine", "'s", "day"}, date: fixed(2, 14)},
	{words: []string{"boxing", "day"}, date: fixed(12, 26)},
	{words: []string{"bastille", "day"}, date: fixed(7, 14)},
	{words: []string{"columbus", "day"}, date: nthWeekday(2, 1, 10)},
	{words: []string{"mother", "'s", "day"}, date: nthWeekday(2, 7, 5)},
	{words: []string{"father", "'s", "day"}, date: nthWeekday(3, 7, 6)},
	{words: []string{"presidents", "day"}, date: nthWeekday(3, 1, 2)},
	{words: []string{"groundhog", "day"}, date: fixed(2, 2)},
	{words: []string{"may", "day"}, date: fixed(5, 1)},
	{words: []string{"martin", "luther", "king", "day"}, date: nthWeekday(3, 1, 1)},
	{words: []string{"martin", "luther", "king", "jr.", "day"}, date: nthWeekday(3, 1, 1)},
	{words: []string{"st.", "patrick", "'s", "day"}, date: fixed(3, 17)},
}

// cHoliday: "Thanksgiving Day", "last Thanksgiving", "Christmas 1998",
// "Easter week".
func (p *parser) cHoliday(k int) (core, bool) {
	j := k
	rel, hasRel := 0, false
	if p.isAny(j, "last", "this", "next") {
		rel, hasRel = p.words[j].lx.rel, true
		j++
	}
	if w := p.wd(j); w == nil || !w.cap {
		return core{}, false
	}
	var h *holiday
	for hi := range holidays {
		c := &holidays[hi]
		ok := true
		for n, s := range c.words {
			if !p.is(j+n, s) {
				ok = false
				break
			}
		}
		if ok {
			h = c
			break
		}
	}
	if h == nil {
		return core{}, false
	}
	start := j
	j += len(h.words)
	if !p.holidayFree(j) && len(h.words) == 1 {
		// "Christmas shopping", "Easter eggs"
		return core{}, false
	}
	c := core{j: j, kind: kAbs, anch: true}
	y := 0
	jj := j
	if p.is(jj, ",") {
		jj++
	}
	if y2, j2, ok := p.yearAt(jj, true); ok {
		y, c.j, c.year = y2, j2, true
	} else if p.hasDCT {
		m, d := h.date(p.dct.y)
		if hasRel {
			y = p.dct.y
			cand := day(y, m, d)
			switch {
			case rel < 0 && !cand.Before(p.dctTime()):
				y--
			case rel > 0 && !cand.After(p.dctTime()):
				y++
			}
		} else {
			y = p.yearOf(start, j, m, d)
		}
	}
	if y == 0 {
		m, d := h.date(2001)
		c.pt = point{g: gDay, m: m, d: d}
		return c, true
	}
	m, d := h.date(y)
	c.pt = point{g: gDay, y: y, m: m, d: d}
	if h.week {
		c.pt = at(day(y, m, d), gWeek)
	}
	return c, true
}

// holidayFree reports whether a holiday name may end before word j: not
// when a noun follows ("Christmas shopping").
func (p *parser) holidayFree(j int) bool {
	w := p.wd(j)
	if w == nil || w.kind != wWord {
		return true
	}
	if w.lx != nil {
		return true
	}
	switch w.key {
	case "in", "on", "at", "is", "was", "will", "when", "and", "or", "but", "to", "with", "as", "he", "she", "they", "we", "it", "i", "for":
		return true
	}
	return w.cap
}
