package timex

import (
	"strings"
)

// The grammar of DATE and TIME expressions. Each matcher looks at the words
// from an index and reports how far an expression reaches and what it
// means; the driver keeps the longest. Matchers never look past the end of
// the sentence (p.lim).

// ckind says what a date core is, for the modifiers that may apply to it.
type ckind uint8

const (
	kAbs     ckind = iota // a calendar date: Sept. 30, 1998, the 1990s
	kRel                  // relative: last week, that day, next month
	kDeictic              // today, yesterday, tomorrow, tonight
	kWeekday              // Friday
	kMonth                // March (no year given)
	kQuarter              // the third quarter
	kUnit                 // the month, the year (only after "the end of")
)

// core is a date at the heart of an expression.
type core struct {
	j    int
	typ  string // DATE (default), TIME or SET
	pt   point
	lit  string // a literal value, used instead of pt
	anch bool   // pt is a time the text speaks of, which later expressions may count from
	kind ckind
	year bool // the year was written out ("Sept. 30, 1998", "1998")
	skip int  // leading words that stay out of the extent ("the" of "the third-quarter results")
}

func (c core) value() string {
	if c.lit != "" {
		return c.lit
	}
	return c.pt.value()
}

// mDate matches DATE and TIME expressions: a date core with its modifiers
// ("early", "the end of", "around") and refinements (a part of the day, a
// clock time).
func (p *parser) mDate(i int) (match, bool) {
	if m, ok := p.mClock(i); ok {
		return m, true
	}
	k := i
	// Approximation: "around Nov. 1", "about 1990", "sometime next year".
	if p.isAny(k, "around", "about", "approximately", "circa", "roughly") {
		k++
	}
	mod, k2 := p.position(k)
	c, ok := p.core(k2, mod)
	if !ok || mod == modEarlierLater && c.kind != kRel && c.kind != kDeictic && c.kind != kWeekday && c.kind != kUnit ||
		mod == modNone && c.kind == kUnit {
		if k2 == k {
			return match{}, false
		}
		// The modifier did not fit: try the core alone.
		mod = modNone
		if c, ok = p.core(k, mod); !ok || c.kind == kUnit {
			return match{}, false
		}
		k2 = k
	}
	if k > i && (c.kind != kAbs || c.pt.g < gDay) {
		// "around"/"about" only qualify a date: "around Nov. 1", not "get
		// around Wednesday's ruling".
		if c.kind != kAbs && c.kind != kUnit && c.kind != kRel {
			return match{}, false
		}
		i = k
	}
	if c.skip > 0 && k2 == i {
		i += c.skip
	}
	j := c.j
	typ := c.typ
	if typ == "" {
		typ = "DATE"
	}
	pt := c.pt
	// A part of the day after a day: "Friday morning", "yesterday afternoon".
	if c.lit == "" && pt.g == gDay && typ == "DATE" {
		if lx := p.lex(j, cPOD); lx != nil && !lx.plural {
			pt.g, pt.code = gPOD, lx.code
			typ = "TIME"
			j++
		}
	}
	// "the next year or so"
	if p.is(j, "or") && p.is(j+1, "so") {
		j += 2
	}
	m := match{i: i, j: j, typ: typ, pt: pt, anch: c.anch && c.lit == ""}
	if c.lit != "" {
		m.val = c.lit
	} else {
		m.val = pt.value()
	}
	return m, true
}

// Position modifiers.
const (
	modNone         = iota
	modPos          // early, late, mid, the end of, the beginning of
	modEarlierLater // earlier, later
)

// position skips a modifier of position within a period: "early",
// "late", "mid-", "the end of", "the beginning of", "the middle of",
// "earlier", "later".
func (p *parser) position(k int) (int, int) {
	switch {
	case p.isAny(k, "early", "late"):
		return modPos, p.hyphen(k + 1)
	case p.isAny(k, "post", "pre") && p.is(k+1, "-"):
		return modPos, k + 2
	case p.is(k, "mid"):
		return modPos, p.hyphen(k + 1)
	case p.isAny(k, "earlier", "later"):
		return modEarlierLater, k + 1
	case p.is(k, "the") && p.isAny(k+1, "end", "beginning", "start", "middle", "close", "turn", "dawn") && p.is(k+2, "of"):
		return modPos, k + 3
	case p.isAny(k, "end", "beginning", "start", "middle") && p.is(k+1, "of") && !p.prevIs(k, "the"):
		return modPos, k + 2
	}
	return modNone, k
}

// core matches a date core at k.
func (p *parser) core(k int, mod int) (core, bool) {
	var best core
	found := false
	try := func(c core, ok bool) {
		if ok && c.j > k && (!found || c.j > best.j) {
			best, found = c, true
		}
	}
	w := p.wd(k)
	if w == nil {
		return best, false
	}
	switch w.kind {
	case wDate:
		try(p.cNumericDate(k))
	case wDecade:
		try(p.cDecade(k))
	case wInt:
		try(p.cYear(k, mod != modNone))
		try(p.cDayMonth(k))
	case wOrdinal:
		try(p.cDayMonth(k))
	}
	if w.kind == wWord && w.s[0] == '\'' {
		try(p.cYear(k, mod != modNone))
	}
	if lx := w.lx; lx != nil {
		if lx.cls&cMonth != 0 {
			try(p.cMonth(k, mod != modNone))
		}
		if lx.cls&cWeekday != 0 {
			try(p.cWeekday(k))
		}
		if lx.cls&cDeictic != 0 {
			try(p.cDeictic(k))
		}
		if lx.cls&cRel != 0 || w.key == "the" {
			try(p.cRelative(k, mod))
		}
		if lx.cls&cSeason != 0 || w.key == "the" {
			try(p.cSeason(k, mod != modNone))
		}
		if lx.cls&(cHoliday|cRel) != 0 {
			try(p.cHoliday(k))
		}
		if lx.cls&cPOD != 0 && !lx.plural {
			if c, ok := p.core(k+1, modNone); ok && c.lit == "" && c.pt.g == gDay {
				c.pt.g, c.pt.code, c.typ = gPOD, lx.code, "TIME"
				try(c, true)
			}
		}
		if lx.cls&(cNum|cOrd) != 0 || w.key == "the" || w.key == "fiscal" {
			try(p.cSpelledYear(k))
			try(p.cThe(k))
			try(p.cDayMonth(k))
		}
		if lx.cls&(cOrd|cRel) != 0 || w.key == "the" || w.key == "fiscal" || w.key == "year-ago" || w.key == "year-earlier" || w.key == "year" {
			try(p.cQuarter(k))
		}
		if w.key == "fiscal" || w.key == "the" {
			try(p.cFiscal(k))
		}
		if w.key == "the" || w.key == "year" || w.key == "year-end" || w.key == "yearend" {
			try(p.cYearEnd(k))
		}
		if mod == modPos && w.key == "the" || mod == modEarlierLater && (w.key == "in" || w.key == "the") {
			try(p.cUnit(k, mod))
		}
	} else if w.kind >= wInt {
		try(p.cQuarter(k))
	}
	return best, found
}

// cNumericDate: 2015-09-30, 2015-09-30T21:20, 11/13/2015.
func (p *parser) cNumericDate(k int) (core, bool) {
	w := p.wd(k)
	pt := point{g: gDay, y: w.y, m: w.m, d: w.d}
	c := core{j: k + 1, pt: pt, anch: true, kind: kAbs, year: true}
	if w.hh >= 0 {
		c.pt.g, c.pt.hh, c.pt.mm = gMinute, w.hh, w.mm
		c.typ = "TIME"
	}
	return c, true
}

// cDecade: 1990s, '90s, 1980's (after "the" and a modifier, if any).
func (p *parser) cDecade(k int) (core, bool) {
	w := p.wd(k)
	if w == nil {
		return core{}, false
	}
	switch {
	case w.kind == wDecade:
		if (len(w.s) <= 4) && !p.prevIs(k, "the", "early", "late", "mid", "-") {
			return core{}, false // "in his 30s"
		}
		return core{j: k + 1, pt: point{g: gDecade, y: w.n}, kind: kAbs, anch: true}, true
	case w.kind == wInt && w.digits == 4 && w.n%10 == 0 && w.n >= 1000 && w.n < 2200 && p.is(k+1, "'s"):
		return core{j: k + 2, pt: point{g: gDecade, y: w.n}, kind: kAbs, anch: true}, true
	}
	return core{}, false
}

// yearAt reads a year: 1998, '98 (after a month), or a spelled one.
func (p *parser) yearAt(k int, loose bool) (int, int, bool) {
	w := p.wd(k)
	if w == nil {
		return 0, k, false
	}
	switch {
	case w.kind == wInt && w.digits == 4 && w.n >= 1000 && w.n < 2200:
		if !loose && !p.yearContext(k) {
			return 0, k, false
		}
		return w.n, k + 1, true
	case loose && w.kind == wWord && len(w.s) == 3 && w.s[0] == '\'' && isDigits(w.s[1:]):
		y := 1900 + atoi(w.s[1:])
		if y < 1930 {
			y += 100
		}
		return y, k + 1, true
	}
	if c, ok := p.cSpelledYear(k); ok {
		return c.pt.y, c.j, true
	}
	return 0, k, false
}

// yearContext tells a four-digit number used as a year from a count:
// "in 1998" but not "1998 troops", "$1998", "resolution 2249".
func (p *parser) yearContext(k int) bool {
	w := &p.words[k]
	if pw := p.prev(k); pw != nil {
		switch {
		case pw.s == "$" || pw.s == "#" || pw.s == "£" || pw.s == "€" || pw.s == "No." || pw.s == "no.":
			return false
		case pw.kind == wWord && pw.lx == nil && isIDWord(pw.s):
			return false
		case pw.kind == wWord && pw.lx == nil && pw.cap && !p.sentStart(k-1):
			return false // "Orion 1980"
		}
	}
	if nw := p.wd(k + 1); nw != nil {
		switch {
		case nw.s == "%" || nw.eq("percent") || nw.s == ":" || nw.kind == wInt && nw.digits == 4:
			return false
		case nw.kind == wWord && nw.lx == nil && len(nw.s) > 3 && nw.s[len(nw.s)-1] == 's' && nw.s[0] >= 'a' && nw.s[0] <= 'z' &&
			!strings.HasSuffix(nw.s, "ss") && !strings.HasSuffix(nw.s, "us") && !isVerbS(nw.s):
			// "2000 troops"
			return false
		}
	}
	if w.n < 1800 || w.n > 2100 {
		// Old or far years need a preposition: "in 1492".
		return p.prevIs(k, "in", "since", "of", "from", "by", "until", "till", "to", "before", "after", "year", "the", "early", "late", "mid", "-", "around", "circa", "c.", "fiscal")
	}
	return true
}

func isIDWord(s string) bool {
	switch strings.ToLower(s) {
	case "resolution", "flight", "route", "room", "highway", "article", "section", "chapter", "page", "pages",
		"p.", "pp.", "code", "model", "number", "nos.", "serial", "interstate", "apollo", "boeing", "airbus",
		"suite", "box", "unit", "bill", "h.r.", "s.", "rule", "form", "version", "level", "grade", "channel",
		"windows", "office", "iso":
		return true
	}
	return false
}

func isVerbS(s string) bool {
	switch s {
	case "was", "has", "is", "does", "says", "sees", "saw", "marks", "makes", "goes", "brings", "gives", "takes", "remains", "begins", "becomes", "comes", "seems", "looks":
		return true
	}
	return false
}

// cYear: a year alone ("1998"), "'98", after which "'s" makes a decade.
func (p *parser) cYear(k int, modified bool) (core, bool) {
	if c, ok := p.cDecade(k); ok && (modified || p.prevIs(k, "the")) {
		return c, true
	}
	w := p.wd(k)
	if w.kind == wWord {
		// '98 needs a preposition before it.
		if !p.prevIs(k, "in", "since", "of", "from", "by", "until", "before", "after", "early", "late", "mid", "class") {
			return core{}, false
		}
	}
	y, j, ok := p.yearAt(k, w.kind == wWord)
	if !ok {
		return core{}, false
	}
	if w.kind == wInt && j == k+1 && p.is(j, "-") && p.wd(j+1) != nil && p.words[j+1].kind == wInt && p.words[j+1].glued {
		// "1989-90": a span of years, read as its first.
		nw := &p.words[j+1]
		if nw.digits == 2 || nw.digits == 4 {
			j += 2
		}
	}
	return core{j: j, pt: point{g: gYear, y: y}, kind: kAbs, anch: true, year: true}, true
}

// cSpelledYear: "nineteen ninety-six", "nineteen eighty", "the year two thousand".
func (p *parser) cSpelledYear(k int) (core, bool) {
	j := k
	theYear := false
	if p.is(j, "the") && p.is(j+1, "year") {
		j += 2
		theYear = true
	}
	lx := p.lex(j, cNum)
	if lx == nil {
		return core{}, false
	}
	switch {
	case lx.num >= 17 && lx.num <= 19 || lx.num == 20 && p.lex(j+1, cNum) != nil && p.lex(j+1, cNum).num >= 10:
		// nineteen ninety-six, twenty fifteen
		hi := lx.num
		j++
		lo, j2, ok := p.smallNumber(j)
		if !ok {
			return core{}, false
		}
		if lo < 10 && !p.is(j, "oh") || p.is(j2, "hundred") {
			return core{}, false
		}
		y := hi*100 + lo
		if y < 1000 || y > 2199 {
			return core{}, false
		}
		return core{j: j2, pt: point{g: gYear, y: y}, kind: kAbs, anch: true, year: true}, true
	case lx.num == 2 && p.is(j+1, "thousand"):
		if !theYear && !p.prevIs(k, "in", "since", "until", "by") {
			return core{}, false
		}
		y, j2 := 2000, j+2
		if p.is(j2, "and") {
			j2++
		}
		if n, j3, ok := p.smallNumber(j2); ok && n < 100 {
			y += n
			j2 = j3
		} else if p.is(j+2, "and") {
			j2 = j + 2
		}
		return core{j: j2, pt: point{g: gYear, y: y}, kind: kAbs, anch: true, year: true}, true
	}
	if theYear {
		if w := p.wd(j); w != nil && w.kind == wInt && w.digits == 4 {
			return core{j: j + 1, pt: point{g: gYear, y: w.n}, kind: kAbs, anch: true, year: true}, true
		}
	}
	return core{}, false
}

// smallNumber reads a spelled number below 100: "six", "ninety-six", "oh five".
func (p *parser) smallNumber(j int) (int, int, bool) {
	if p.is(j, "oh") {
		if lx := p.lex(j+1, cNum); lx != nil && lx.num < 10 {
			return lx.num, j + 2, true
		}
		return 0, j, false
	}
	lx := p.lex(j, cNum)
	if lx == nil || lx.num >= 100 || lx.key == "a" || lx.key == "an" || lx.key == "dozen" {
		return 0, j, false
	}
	n := lx.num
	j++
	if n >= 20 && n%10 == 0 {
		k := p.hyphen(j)
		if lx2 := p.lex(k, cNum); lx2 != nil && lx2.num < 10 && lx2.key != "a" && lx2.key != "an" {
			return n + lx2.num, k + 1, true
		}
	}
	return n, j, true
}

// dayNum reads a day of the month: 30, 30th, thirtieth, twenty-first.
func (p *parser) dayNum(j int) (int, int, bool) {
	w := p.wd(j)
	if w == nil {
		return 0, j, false
	}
	switch w.kind {
	case wInt:
		if w.digits > 2 || w.n < 1 || w.n > 31 {
			return 0, j, false
		}
		if nw := p.wd(j + 1); nw != nil && (nw.s == "%" || nw.eq("percent") || nw.kind == wFraction) {
			return 0, j, false
		}
		return w.n, j + 1, true
	case wOrdinal:
		if w.n < 1 || w.n > 31 {
			return 0, j, false
		}
		return w.n, j + 1, true
	}
	if lx := p.lex(j, cOrd); lx != nil {
		return lx.ord, j + 1, true
	}
	if lx := p.lex(j, cNum); lx != nil && (lx.num == 20 || lx.num == 30) {
		k := p.hyphen(j + 1)
		if lx2 := p.lex(k, cOrd); lx2 != nil && lx2.ord < 10 && lx.num+lx2.ord <= 31 {
			return lx.num + lx2.ord, k + 1, true
		}
	}
	return 0, j, false
}

// monthWord reads a month name at k; abbreviations without a period and
// the ambiguous "May" and "March" only when a day or year follows, or a
// preposition comes before.
func (p *parser) monthWord(k int) (int, bool) {
	lx := p.lex(k, cMonth)
	if lx == nil {
		return 0, false
	}
	w := &p.words[k]
	if !w.cap {
		return 0, false
	}
	return int(lx.month), true
}

func (p *parser) monthNeedsContext(k int) bool {
	w := &p.words[k]
	lx := w.lx
	if lx.abbr && !strings.HasSuffix(w.s, ".") {
		return true
	}
	switch w.key {
	case "may", "march":
		return true
	case "april", "june", "august", "january":
		// Given names: "April Ryan", "June Carter".
		if nw := p.wd(k + 1); nw != nil && nw.cap && nw.kind == wWord && nw.lx == nil {
			return true
		}
	}
	return false
}

var monthPreps = []string{"in", "since", "until", "till", "by", "early", "late", "mid", "-", "last", "next", "this",
	"of", "during", "from", "through", "before", "after", "between", "and", "to", "or", "that", "each", "every",
	"end", "beginning", "middle", "start", "around", "on", "for", "the", "as", "past", "coming", "previous", "following", "until", "throughout", "into"}

// cMonth: "Sept. 30", "September 30, 2015", "September 2015", "January this
// year", "March".
func (p *parser) cMonth(k int, modified bool) (core, bool) {
	m, ok := p.monthWord(k)
	if !ok {
		return core{}, false
	}
	j := k + 1
	if d, j2, ok := p.dayNum(j); ok && d <= daysIn(2000, m) {
		c := core{j: j2, kind: kAbs, anch: true}
		jj := j2
		if p.is(jj, ",") {
			jj++
		}
		y := 0
		if y2, j3, ok := p.yearAt(jj, true); ok {
			y, c.j, c.year = y2, j3, true
		} else {
			y = p.yearOf(k, j2, m, d)
		}
		c.pt = point{g: gDay, y: y, m: m, d: d}
		return c, true
	}
	jj := j
	if p.isAny(jj, ",", "of") {
		jj++
	}
	if y, j3, ok := p.yearAt(jj, true); ok {
		return core{j: j3, pt: point{g: gMonth, y: y, m: m}, kind: kAbs, anch: true, year: true}, true
	}
	if p.monthNeedsContext(k) && !modified && !p.prevIs(k, monthPreps...) {
		return core{}, false
	}
	if w := &p.words[k]; w.lx.abbr && !strings.HasSuffix(w.s, ".") {
		return core{}, false
	}
	// "January this year", "June last year"
	if p.isAny(j, "this", "last", "next") && p.is(j+1, "year") && p.hasDCT {
		y := p.dct.y + int(p.words[j].lx.rel)
		return core{j: j + 2, pt: point{g: gMonth, y: y, m: m}, kind: kAbs, anch: true}, true
	}
	return core{j: j, pt: point{g: gMonth, y: p.yearOf(k, j, m, 0), m: m}, kind: kMonth, anch: true}, true
}

// cDayMonth: "13 November 2015", "the 30th of September".
func (p *parser) cDayMonth(k int) (core, bool) {
	j := k
	if p.is(j, "the") {
		j++
	}
	d, j, ok := p.dayNum(j)
	if !ok {
		return core{}, false
	}
	if p.is(j, "of") {
		j++
	}
	if p.is(j-1, "of") && p.words[j-2].kind == wInt {
		return core{}, false // "30th of September", not "30 of September"
	}
	m, ok := p.monthWord(j)
	if !ok || d > daysIn(2000, m) {
		return core{}, false
	}
	j++
	c := core{j: j, kind: kAbs, anch: true}
	jj := j
	if p.is(jj, ",") {
		jj++
	}
	y := 0
	if y2, j3, ok := p.yearAt(jj, true); ok {
		y, c.j, c.year = y2, j3, true
	} else {
		y = p.yearOf(k, j, m, d)
	}
	c.pt = point{g: gDay, y: y, m: m, d: d}
	return c, true
}

// cWeekday: "Friday", "Monday, Oct. 26", "Tuesday nights" (a set).
func (p *parser) cWeekday(k int) (core, bool) {
	w := &p.words[k]
	lx := w.lx
	if !w.cap {
		return core{}, false
	}
	wd := int(lx.wday)
	j := k + 1
	if lx.plural || p.lex(j, cPOD) != nil && p.lex(j, cPOD).plural {
		// "Mondays", "Tuesday nights": every such day.
		lit := "XXXX-WXX-" + itoa(wd)
		if pod := p.lex(j, cPOD); pod != nil {
			lit += "T" + pod.code
			j++
		}
		return core{j: j, typ: "SET", lit: lit, kind: kWeekday}, true
	}
	if c, ok := p.weekdayWithDate(k, wd); ok {
		return c, true
	}
	if lx.abbr {
		return core{}, false
	}
	dir := past
	if p.tense(k, j) == future {
		dir = future
	}
	return core{j: j, pt: p.weekdayDate(wd, dir, false), kind: kWeekday, anch: true}, true
}

// weekdayWithDate reads the date that follows the weekday at k: "Monday,
// Oct. 26", "Friday 13 November".
func (p *parser) weekdayWithDate(k, wd int) (core, bool) {
	jj := k + 1
	if p.is(jj, ",") {
		jj++
	}
	c, ok := p.cMonth(jj, true)
	if !ok || c.pt.g != gDay {
		if c, ok = p.cDayMonth(jj); !ok {
			return core{}, false
		}
	}
	if !c.year {
		c.pt = fitWeekday(c.pt, wd)
	}
	c.kind = kAbs
	return c, true
}

// fitWeekday moves a date whose year was guessed to the nearest year in
// which it falls on the weekday given with it.
func fitWeekday(pt point, wd int) point {
	if pt.y <= 0 {
		return pt
	}
	for _, dy := range []int{0, -1, 1} {
		t := day(pt.y+dy, pt.m, pt.d)
		if t.Month() == ymonth(pt.m) && isoWeekday(t.Weekday()) == wd {
			pt.y += dy
			return pt
		}
	}
	return pt
}

// cDeictic: today, yesterday, tomorrow, tonight.
func (p *parser) cDeictic(k int) (core, bool) {
	w := &p.words[k]
	if w.cap && !p.sentStart(k) && !p.prevIs(k, "``", "\"", "'", "(", "--", ":") || p.prevIs(k, "of") {
		return core{}, false
	}
	c := core{j: k + 1, kind: kDeictic, anch: true}
	c.pt = p.dayFromDCT(w.lx.day)
	if w.key == "tonight" {
		c.pt.g, c.pt.code, c.typ = gPOD, "NI", "TIME"
	}
	return c, true
}

// dayFromDCT is the day n days from the DCT (unknown without a DCT).
func (p *parser) dayFromDCT(n int) point {
	if !p.hasDCT {
		return point{g: gDay}
	}
	return at(p.dctTime().AddDate(0, 0, n), gDay)
}

// anchor is the time anaphoric expressions count from: the last date the
// text spoke of, else the DCT.
func (p *parser) anchor() point {
	if p.hasRef {
		return p.ref
	}
	return p.dct
}

// cRelative: "last week", "this year", "next month", "last Friday",
// "this coming Sunday", "last fall", "this morning", "last night", "that
// day", "the following year", "the previous Friday".
func (p *parser) cRelative(k int, mod int) (core, bool) {
	j := k
	the := false
	if p.is(j, "the") {
		the = true
		j++
	}
	lx := p.lex(j, cRel)
	if lx == nil {
		return core{}, false
	}
	rel := lx.rel
	key := p.words[j].key
	anaphoric := the || key == "that"
	switch {
	case key == "this" && p.isAny(j+1, "coming", "next"):
		rel = 1
		j++
	case key == "this" && p.isAny(j+1, "past", "last"):
		rel = -1
		j++
	case the && (key == "past" || key == "last" || key == "latest" || key == "current" || key == "present" || key == "coming"):
		// "the past year" is a duration; "the latest quarter" a quarter.
		return core{}, false
	case key == "prior" || key == "preceding" || key == "subsequent":
		if !the {
			return core{}, false
		}
	case key == "these" || key == "latest" || key == "upcoming" && !the:
		if key != "upcoming" {
			return core{}, false
		}
	case key == "same" && !the, key == "past":
		return core{}, false
	case key == "present":
		return core{}, false
	}
	j++
	// "that same day"
	if key == "that" && p.is(j, "same") {
		j++
	}
	strict := key == "last" || key == "next" || p.is(j-1, "coming") || p.is(j-1, "past")
	w := p.wd(j)
	if w == nil || w.lx == nil {
		return core{}, false
	}
	c := core{j: j + 1, kind: kRel, anch: true}
	x := w.lx
	if w.cap && !p.sentStart(j) && x.cls&(cUnit|cPOD) != 0 {
		return core{}, false // "This Week" (a programme)
	}
	if x.cls&cPOD != 0 && !x.plural {
		// "this morning", "last night", "this afternoon"
		switch {
		case key == "this" && x.code != "NI":
			c.pt = p.dayFromDCT(0)
		case key == "last" && x.code == "NI":
			c.pt = p.dayFromDCT(-1)
		case anaphoric && (key == "that" || key == "same" || key == "next" || key == "following"):
			a := p.anchor()
			if a.g < gDay {
				return core{}, false
			}
			off := 0
			if rel > 0 {
				off = 1
			}
			c.pt = at(a.date(), gDay).shift(uDay, off)
		default:
			return core{}, false
		}
		c.pt.g, c.pt.code = gPOD, x.code
		c.typ = "TIME"
		c.kind = kDeictic
		return c, true
	}
	switch {
	case x.cls&cUnit != 0 && !x.plural:
		base := p.dct
		if anaphoric {
			base = p.anchor()
		}
		if !base.known() && !anaphoric && !p.hasDCT {
			c.pt = point{g: unitGran(x.unit)}
			return c, x.unit != uHalf
		}
		switch x.unit {
		case uDay:
			if !anaphoric || base.g < gDay {
				return core{}, false // "last day" is not yesterday
			}
			c.pt = at(base.date(), gDay).shift(uDay, rel)
		case uWeekend:
			c.pt = p.weekend(base, rel)
		case uWeek, uMonth, uQuarter, uYear, uDecade, uCentury:
			if key == "last" && x.unit == uYear && !p.is(j+1, "'s") && p.periodRef(k) {
				// "compared with a loss of $3 million last year": the
				// same quarter of the year before.
				c.pt, c.anch = p.ref.shift(uYear, -1), false
				return c, true
			}
			g := unitGran(x.unit)
			if base.g < g && anaphoric {
				base = p.dct
				if !base.known() {
					return core{}, false
				}
			}
			c.pt = at(base.date(), g).shift(x.unit, rel)
			if x.unit == uDecade || x.unit == uCentury {
				c.pt.y = c.pt.y / unitYears(x.unit) * unitYears(x.unit)
			}
		default:
			return core{}, false
		}
		return c, true
	case x.cls&cMonth != 0 && p.words[j].cap:
		if _, _, ok := p.dayNum(j + 1); ok {
			return core{}, false // "last Oct. 23" is Oct. 23
		}
		if !p.hasDCT {
			c.pt = point{g: gMonth, m: int(x.month)}
			return c, true
		}
		m := int(x.month)
		y := p.dct.y
		switch rel {
		case -1:
			if m >= p.dct.m {
				y--
			}
		case 1:
			if m <= p.dct.m {
				y++
			}
		}
		if anaphoric && p.hasRef {
			y = p.ref.y
		}
		c.pt = point{g: gMonth, y: y, m: m}
		return c, true
	case x.cls&cWeekday != 0 && p.words[j].cap && !x.plural:
		wd := int(x.wday)
		if d, ok := p.weekdayWithDate(j, wd); ok {
			return d, true
		}
		switch {
		case anaphoric && p.hasRef && p.ref.g >= gDay:
			if rel == 0 {
				return core{}, false
			}
			c.pt = weekdayFrom(p.ref, wd, rel)
		case rel == 0:
			dir := p.tense(k, j+1)
			if dir != future {
				dir = past
			}
			c.pt = p.weekdayDate(wd, dir, false)
		default:
			c.pt = p.weekdayDate(wd, rel, strict)
		}
		c.kind = kWeekday
		return c, true
	case x.cls&cSeason != 0:
		c.pt = p.season(x.code, rel, anaphoric)
		return c, true
	case x.cls&cHoliday != 0:
		return core{}, false
	}
	return core{}, false
}

func unitYears(u unit) int {
	switch u {
	case uDecade:
		return 10
	case uCentury:
		return 100
	}
	return 1
}

// weekend resolves "this weekend" (rel 0), "last weekend", "next weekend":
// the weekend of the DCT's ISO week, or the one before or after.
func (p *parser) weekend(base point, rel int) point {
	if !base.known() {
		return point{g: gWeekend}
	}
	t := base.date()
	if base.g < gDay {
		t = base.date()
	}
	pt := at(t, gWeekend)
	return pt.shift(uWeek, rel)
}

// seasonOrder orders the seasons of a season-year: the winter of 1998
// runs from December 1998 into 1999.
func seasonOrder(code string) int {
	switch code {
	case "SP":
		return 0
	case "SU":
		return 1
	case "FA":
		return 2
	}
	return 3
}

// season resolves a season against the DCT: "this summer" is the DCT's
// year's, "last fall" the most recent one before the DCT's season, "next
// spring" the first after it; dir (for a bare "the summer") lets the
// current season count.
func (p *parser) season(code string, rel int, anaphoric bool) point {
	if anaphoric && p.hasRef {
		return point{g: gSeason, y: p.ref.y, code: code}
	}
	if !p.hasDCT {
		return point{g: gSeason, code: code}
	}
	cur := at(p.dctTime(), gSeason)
	o, co := seasonOrder(code), seasonOrder(cur.code)
	y := cur.y
	switch rel {
	case -1:
		if o >= co {
			y--
		}
	case 1:
		if o <= co {
			y++
		}
	default:
		if code != "WI" {
			y = p.dct.y
		} else if cur.code != "WI" {
			y = p.dct.y
		}
	}
	return point{g: gSeason, y: y, code: code}
}

// cSeason: "the summer", "summer 1998", "the winter of 1994", "early summer".
func (p *parser) cSeason(k int, modified bool) (core, bool) {
	j := k
	the := false
	if p.is(j, "the") {
		j++
		the = true
		if p.isAny(j, "early", "late") {
			j++
		} else if p.is(j, "mid") {
			j = p.hyphen(j + 1)
		}
	}
	lx := p.lex(j, cSeason)
	if lx == nil {
		return core{}, false
	}
	j++
	c := core{j: j, kind: kAbs, anch: true}
	jj := j
	if p.is(jj, "of") {
		jj++
	}
	if y, j2, ok := p.yearAt(jj, true); ok {
		c.j, c.year = j2, true
		c.pt = point{g: gSeason, y: y, code: lx.code}
		return c, true
	}
	// A bare season needs a determiner or a preposition: "fall" and
	// "spring" are verbs and nouns too.
	if !the && !modified && !p.prevIs(k, "in", "during", "since", "until", "by", "through", "throughout", "over", "this", "last", "next", "early", "late", "mid", "-", "that", "each", "every") {
		return core{}, false
	}
	if !the && (lx.key == "fall" || lx.key == "spring") && !p.prevIs(k, "in", "during", "since", "until", "by", "through", "this", "last", "next", "early", "late", "-") {
		return core{}, false
	}
	if nw := p.wd(j); nw != nil && (nw.eq("of") || nw.kind == wWord && nw.lx == nil && nw.s[0] >= 'a' && nw.s[0] <= 'z' && isNounLike(nw.s)) {
		// "the summer of discontent", "spring training", "fall collection"
		return core{}, false
	}
	c.pt = p.seasonOfYear(lx.code, k, j)
	return c, true
}

func isNounLike(s string) bool {
	switch s {
	case "training", "collection", "fashion", "semester", "session", "season", "offensive", "campaign", "break", "term", "olympics", "games", "line", "lineup", "schedule", "storm", "storms", "weather", "vacation", "holiday", "holidays", "fashions", "sales", "festival", "camp", "school", "classes", "rains", "floods", "house", "home", "palace", "wheat", "crops", "planting", "harvest", "months", "day", "days", "night", "nights", "solstice", "equinox", "meeting", "meetings":
		return true
	}
	return false
}

// seasonOfYear places a season without a year: this year's, moved by the
// tense like months.
func (p *parser) seasonOfYear(code string, i, j int) point {
	if !p.hasDCT {
		return point{g: gSeason, code: code}
	}
	cur := at(p.dctTime(), gSeason)
	o, co := seasonOrder(code), seasonOrder(cur.code)
	switch p.tense(i, j) {
	case past:
		y := cur.y
		if o > co {
			y--
		}
		return point{g: gSeason, y: y, code: code}
	case future:
		y := cur.y
		if o < co {
			y++
		}
		return point{g: gSeason, y: y, code: code}
	}
	return p.season(code, 0, false)
}

// cThe: "the 1990s", "the early 1980s", "the nineties", "the 20th
// century", "the day before yesterday", "the day after", "the same day".
func (p *parser) cThe(k int) (core, bool) {
	if !p.is(k, "the") {
		// "this century", "20th century", "twentieth century"
		return p.cCentury(k)
	}
	j := k + 1
	mid := j
	if p.isAny(j, "early", "late") {
		j++
	} else if p.is(j, "mid") {
		j = p.hyphen(j + 1)
	}
	if c, ok := p.cDecade(j); ok {
		return c, true
	}
	if lx := p.lex(j, cDecadeWord); lx != nil {
		return core{j: j + 1, pt: point{g: gDecade, y: 1900 + lx.num}, kind: kAbs, anch: true}, true
	}
	if c, ok := p.cCentury(j); ok {
		return c, true
	}
	j = mid
	if p.is(j, "week") && p.is(j+1, "of") {
		if c, ok := p.core(j+2, modNone); ok && c.pt.g == gDay && c.pt.known() {
			return core{j: c.j, pt: at(c.pt.date(), gWeek), kind: kAbs, anch: true}, true
		}
	}
	if lx := p.lex(j, cUnit); lx != nil && !lx.plural && lx.unit != uDay && p.isAny(j+1, "before", "after", "earlier", "later") && p.endsPhrase(j+2) {
		// "the year before", "the week after": next to the time the text speaks of
		g := unitGran(lx.unit)
		if g < gDecade || g > gWeek {
			return core{}, false
		}
		a := p.anchor()
		if a.g < g || !a.known() {
			a = p.dct
		}
		if !a.known() {
			return core{}, false
		}
		off := -1
		if p.isAny(j+1, "after", "later") {
			off = 1
		}
		return core{j: j + 2, pt: at(a.date(), g).shift(lx.unit, off), kind: kRel, anch: true}, true
	}
	if p.is(j, "day") {
		switch {
		case p.isAny(j+1, "before", "after") && p.isAny(j+2, "yesterday", "tomorrow"):
			off := -2
			if p.is(j+2, "tomorrow") {
				off = 2
			}
			return core{j: j + 3, pt: p.dayFromDCT(off), kind: kDeictic, anch: true}, true
		case p.isAny(j+1, "before", "after") && p.endsPhrase(j+2):
			a := p.anchor()
			if a.g < gDay {
				return core{}, false
			}
			off := -1
			if p.is(j+1, "after") {
				off = 1
			}
			return core{j: j + 2, pt: at(a.date(), gDay).shift(uDay, off), kind: kRel, anch: true}, true
		}
	}
	return core{}, false
}

// endsPhrase reports whether word k ends a phrase: punctuation, a
// conjunction, or the end of the sentence.
func (p *parser) endsPhrase(k int) bool {
	w := p.wd(k)
	return w == nil || w.kind == wPunct || w.eq("and") || w.eq("but") || w.eq("or") || w.eq("when") || w.eq("that")
}

// cCentury: "the 20th century", "twentieth century", "this century".
func (p *parser) cCentury(k int) (core, bool) {
	j := k
	n := 0
	switch {
	case p.wd(j) != nil && p.words[j].kind == wOrdinal:
		n = p.words[j].n
	case p.lex(j, cOrd) != nil:
		n = p.lex(j, cOrd).ord
		if p.lex(j, cOrd).ord == 20 && p.is(j+1, "-") {
			if o := p.lex(j+2, cOrd); o != nil && o.ord < 10 {
				n += o.ord
				j += 2
			}
		}
	case p.isAny(j, "this", "last", "next") && p.is(j+1, "century") && p.hasDCT:
		c := (p.dct.y/100)*100 + 100*int(p.words[j].lx.rel)
		return core{j: j + 2, pt: point{g: gCentury, y: c}, kind: kRel, anch: true}, true
	}
	if n < 1 || n > 30 || !p.is(j+1, "century") {
		return core{}, false
	}
	return core{j: j + 2, pt: point{g: gCentury, y: (n - 1) * 100}, kind: kAbs, anch: true}, true
}

// cUnit: "the month", "the year", "the week" after "the end of", and "in
// the day" after "earlier"/"later": the DCT's (or the reference's) period.
func (p *parser) cUnit(k int, mod int) (core, bool) {
	j := k
	if p.is(j, "in") {
		j++
	}
	if !p.is(j, "the") {
		return core{}, false
	}
	lx := p.lex(j+1, cUnit)
	if lx == nil || lx.plural {
		return core{}, false
	}
	g := unitGran(lx.unit)
	if g >= gDay && mod == modEarlierLater || g > gDay || g < gDecade {
		return core{}, false
	}
	base := p.dct
	if p.hasRef && p.ref.g >= g && p.refSent >= p.words[k].sent-1 {
		base = p.ref
	}
	if !base.known() {
		return core{j: j + 2, pt: point{g: g}, kind: kUnit}, true
	}
	return core{j: j + 2, pt: at(base.date(), g), kind: kUnit, anch: true}, true
}

// cFiscal: "fiscal 1989", "fiscal year 1990", "the current fiscal year".
func (p *parser) cFiscal(k int) (core, bool) {
	if p.is(k, "the") && p.isAny(k+1, "current", "latest", "last", "previous", "next", "coming") && p.is(k+2, "fiscal") && p.is(k+3, "year") && p.hasDCT {
		y := p.dct.y
		switch p.words[k+1].key {
		case "latest", "last", "previous":
			y--
		case "next", "coming":
			y++
		}
		return core{j: k + 4, pt: point{g: gYear, y: y}, kind: kRel, anch: true}, true
	}
	if !p.is(k, "fiscal") {
		return core{}, false
	}
	j := k + 1
	if p.is(j, "year") {
		j++
	}
	if w := p.wd(j); w != nil && w.kind == wInt && (w.digits == 4 || w.digits == 2) {
		y := w.n
		if w.digits == 2 {
			y += 1900
			if y < 1950 {
				y += 100
			}
		}
		return core{j: j + 1, pt: point{g: gYear, y: y}, kind: kAbs, anch: true, year: true}, true
	}
	return core{}, false
}

// cYearEnd: "year-end", "year end", "year's end", "the weekend".
func (p *parser) cYearEnd(k int) (core, bool) {
	j := k
	if p.is(j, "the") && p.is(j+1, "weekend") && !p.is(j+2, "-") {
		// The weekend nearest the DCT in the direction of the tense.
		if !p.hasDCT {
			return core{j: j + 2, pt: point{g: gWeekend}, kind: kRel}, true
		}
		t := p.dctTime()
		wd := isoWeekday(t.Weekday())
		sat := t.AddDate(0, 0, 6-wd) // the Saturday of the DCT's week
		if wd < 6 && p.tense(k, j+2) != future {
			sat = sat.AddDate(0, 0, -7)
		}
		return core{j: j + 2, pt: at(sat, gWeekend), kind: kRel, anch: true}, true
	}
	if p.is(j, "the") && (p.is(j+1, "year") || p.isAny(j+1, "fiscal", "full") && p.is(j+2, "year")) {
		e := j + 2
		if !p.is(j+1, "year") {
			e++
		}
		switch {
		case p.isAny(e, "ended", "ending", "through", "to") && !p.is(e+1, "date"):
			return core{j: e, typ: "DURATION", lit: "P1Y", kind: kRel}, true
		case p.isAny(e, "-", "'s", "before", "after", "earlier", "later", "ago", "of") || p.wd(e) != nil && p.words[e].kind >= wInt:
			return core{}, false
		case p.prevIs(k, "for", "of", "during", "throughout", "through") && p.hasDCT:
			return core{j: e, pt: point{g: gYear, y: p.dct.y}, kind: kRel}, true
		}
		return core{}, false
	}
	switch {
	case p.isAny(j, "year-end", "yearend"):
		j++
	case p.is(j, "year") && p.is(j+1, "-") && p.is(j+2, "end"):
		j += 3
	case p.is(j, "year") && p.is(j+1, "end") && !p.prevIs(j, "the", "a", "this", "last", "next", "fiscal"):
		j += 2
	case p.is(j, "year") && p.is(j+1, "'s") && p.is(j+2, "end"):
		j += 3
	default:
		return core{}, false
	}
	if !p.hasDCT {
		return core{j: j, pt: point{g: gYear}, kind: kRel}, true
	}
	return core{j: j, pt: point{g: gYear, y: p.dct.y}, kind: kRel, anch: true}, true
}

// mClock matches clock times: "10:35 a.m.", "3 p.m. Friday", "noon
// Thursday", "5 p.m. EST, Nov. 9", "4 in the morning", "midnight".
func (p *parser) mClock(i int) (match, bool) {
	k := i
	if p.isAny(k, "around", "about", "approximately", "roughly") {
		k++
	}
	w := p.wd(k)
	if w == nil {
		return match{}, false
	}
	hh, mm := -1, 0
	j := k + 1
	switch {
	case w.kind == wClock:
		hh, mm = w.hh, w.mm
		ap := w.ampm
		if ap == 0 {
			if lx := p.lex(j, cMeridiem); lx != nil {
				ap = lx.key[0]
				j++
			}
		}
		if ap == 0 && (hh > 24 || p.prevIs(k, "by", "of", "ratio", "score") || p.is(j, "lead")) {
			return match{}, false
		}
		hh = clock24(hh, ap)
	case w.kind == wInt && w.digits <= 2 && w.n >= 1 && w.n <= 12:
		switch {
		case p.lex(j, cMeridiem) != nil:
			hh = clock24(w.n, p.words[j].key[0])
			j++
		case p.is(j, "o'clock"):
			hh = w.n
			j++
		case p.is(j, "in") && p.is(j+1, "the") && p.isAny(j+2, "morning", "afternoon", "evening"):
			hh = w.n
			if !p.is(j+2, "morning") && hh < 12 {
				hh += 12
			}
			j += 3
		case p.is(j, "at") && p.is(j+1, "night"):
			hh = w.n
			if hh < 12 && hh > 5 {
				hh += 12
			}
			j += 2
		default:
			return match{}, false
		}
	case w.lx != nil && w.lx.cls&cClock != 0:
		if w.cap && !p.sentStart(k) || p.prevIs(k, "high") {
			return match{}, false // "High Noon"
		}
		hh, mm = atoi(w.lx.code[:2]), 0
	default:
		return match{}, false
	}
	if p.lex(j, cZone) != nil && p.words[j].cap {
		j++
	}
	// The day it belongs to: "3 p.m. Friday", "noon Thursday", "5 p.m. EST, Nov. 9".
	dayPt := point{}
	found := false
	jj := j
	if p.is(jj, ",") || p.is(jj, "on") {
		jj++
	}
	if c, ok := p.core(jj, modNone); ok && c.lit == "" && c.pt.g >= gDay {
		dayPt, found = c.pt, true
		j = c.j
	}
	if !found {
		a := p.dct
		if p.hasRef && p.ref.g >= gDay && p.words[i].sent-p.refSent <= 3 {
			a = p.ref
		}
		dayPt = a
	}
	pt := point{g: gMinute, y: dayPt.y, m: dayPt.m, d: dayPt.d, wd: dayPt.wd, hh: hh, mm: mm}
	return match{i: i, j: j, typ: "TIME", val: pt.value(), pt: pt, anch: found}, true
}

func clock24(h int, ap byte) int {
	switch {
	case ap == 'p' && h < 12:
		return h + 12
	case ap == 'a' && h == 12:
		return 0
	}
	return h
}

func itoa(n int) string {
	return string(pad(nil, n, 1))
}
