package timex

// Durations, dates counted from another time ("two years ago"), sets and
// the vague references (now, recently, the future).

// number reads a count at j: 3, 3.5, "three", "twenty-four", "5 1/2", "two
// and a half", "a", "a couple of", "a dozen". A vague count ("a few",
// "several") is -1. article is set for "a"/"an" meaning one.
func (p *parser) number(j int) (n float64, end int, article bool, ok bool) {
	w := p.wd(j)
	if w == nil {
		return 0, j, false, false
	}
	switch w.kind {
	case wInt:
		if w.digits > 6 {
			return 0, j, false, false
		}
		n, j = float64(w.n), j+1
		if fw := p.wd(j); fw != nil && fw.kind == wFraction {
			n += fw.f
			j++
		}
		return n, j, false, true
	case wNumber:
		return w.f, j + 1, false, true
	case wFraction:
		return w.f, j + 1, false, true
	}
	lx := w.lx
	if lx == nil {
		return 0, j, false, false
	}
	switch {
	case lx.key == "a" || lx.key == "an":
		switch {
		case p.is(j+1, "few"):
			return -1, j + 2, false, true
		case p.is(j+1, "couple"):
			k := j + 2
			if p.is(k, "of") {
				k++
			}
			return 2, k, false, true
		case p.is(j+1, "dozen"):
			return 12, j + 2, false, true
		case p.is(j+1, "half"):
			return 0.5, j + 2, false, true
		case p.is(j+1, "hundred"):
			return 100, j + 2, false, true
		case p.is(j+1, "thousand"):
			return 1000, j + 2, false, true
		case p.is(j+1, "number") && p.is(j+2, "of"):
			return -1, j + 3, false, true
		}
		return 1, j + 1, true, true
	case lx.key == "half":
		if p.isAny(j+1, "a", "an") {
			return 0.5, j + 2, false, true
		}
		return 0.5, j + 1, false, true
	case lx.cls&cVague != 0:
		k := j + 1
		if lx.key == "couple" {
			if p.is(k, "of") {
				k++
			}
			return 2, k, false, true
		}
		if p.is(k, "of") {
			k++
		}
		return -1, k, false, true
	case lx.cls&cNum != 0:
		if lx.key == "dozen" {
			return 12, j + 1, false, true
		}
		v, k, ok := p.smallNumber(j)
		if !ok {
			if lx.key == "hundred" || lx.key == "thousand" {
				return 0, j, false, false
			}
			return 0, j, false, false
		}
		n = float64(v)
		if p.is(k, "hundred") {
			n *= 100
			k++
			if p.is(k, "and") {
				if v2, k2, ok := p.smallNumber(k + 1); ok {
					n += float64(v2)
					k = k2
				}
			} else if v2, k2, ok := p.smallNumber(k); ok {
				n += float64(v2)
				k = k2
			}
		}
		if p.is(k, "thousand") {
			n *= 1000
			k++
		}
		if p.is(k, "and") && p.is(k+1, "a") && p.is(k+2, "half") {
			n += 0.5
			k += 3
		}
		return n, k, false, true
	}
	return 0, j, false, false
}

// approxDur skips the modifiers a duration may carry: "about", "nearly",
// "more than", "at least", "up to", "over an hour".
func (p *parser) approxDur(k int) int {
	switch {
	case p.isAny(k, "about", "around", "nearly", "almost", "approximately", "roughly", "some"):
		return k + 1
	case p.isAny(k, "more", "less", "fewer") && p.is(k+1, "than"):
		return k + 2
	case p.is(k, "at") && p.isAny(k+1, "least", "most"):
		return k + 2
	case p.is(k, "up") && p.is(k+1, "to"):
		return k + 2
	case p.is(k, "no") && p.isAny(k+1, "more", "less") && p.is(k+2, "than"):
		return k + 3
	case p.isAny(k, "over", "under") && p.isAny(k+1, "a", "an"):
		return k + 1
	}
	return k
}

// mDuration matches durations ("three days", "the past two months",
// "two-year", "several years", "5 1/2 hours") and the dates they count
// from another time ("two years ago", "a year earlier").
func (p *parser) mDuration(i int) (match, bool) {
	k := p.approxDur(i)
	the := false
	if p.is(k, "the") {
		the = true
		k++
	}
	rel := ""
	if p.isAny(k, "past", "last", "next", "coming", "first", "final", "previous", "following", "latest", "initial",
		"remaining", "ensuing", "preceding", "prior", "recent", "entire", "whole", "full", "same") {
		rel = p.words[k].key
		k++
	}
	n, j, article, counted := p.number(k)
	if !counted {
		j = k
	}
	hyph := p.is(j, "-")
	j = p.hyphen(j)
	for p.isAny(j, "more", "additional", "further", "extra", "trading", "business", "working", "calendar", "straight", "consecutive", "school") {
		j++
	}
	ulx := p.lex(j, cUnit)
	if ulx == nil || ulx.unit == uHalf || ulx.unit == uNight && !counted {
		return match{}, false
	}
	u, plural := ulx.unit, ulx.plural
	if p.words[j].cap && !p.sentStart(j) && !p.words[j].glued {
		return match{}, false // "60 Minutes", "This Week"
	}
	switch {
	case u == uQuarter && (counted && (article || p.is(j+1, "of")) || hyph):
		return match{}, false // "a quarter of", "three-quarters"
	case u == uSecond && article:
		return match{}, false // "a second time"
	case u == uWeekend && !counted:
		return match{}, false
	case (article || p.isAny(k-1, "a", "an")) && p.isAny(j-1, "fiscal", "calendar"):
		return match{}, false // "a fiscal year" is a kind of year
	}
	j++
	if counted && p.is(j, "and") && p.is(j+1, "a") && p.is(j+2, "half") {
		n += 0.5
		j += 3
	}
	// Ages are not durations: "13-year-old", "13 years old", "40 years of age".
	if p.is(j, "-") && p.is(j+1, "old") || p.is(j, "old") || p.is(j, "of") && p.is(j+1, "age") {
		return match{}, false
	}
	long := false
	if p.is(j, "-") && p.is(j+1, "long") {
		j += 2
		long = true
	} else if p.is(j, "-") && p.words[j].glued {
		return match{}, false // "last-minute", "quarter-century", "year-end"
	}
	end := j
	if p.is(j, "or") && p.is(j+1, "so") {
		end = j + 2
	}
	// A date counted from another time.
	if m, ok := p.counted(i, end, n, counted, u, rel, the); ok {
		return m, true
	}
	if !counted {
		switch {
		case long:
			// "day-long", "decades-long"
			n = 1
			if plural {
				n = -1
			}
		case rel == "" && !the:
			// "for years", "within weeks"
			if !plural || k != i || !p.prevIs(i, "for", "within") {
				return match{}, false
			}
			n = -1
		case !plural:
			// "the past year" is the year before, a date; "the past
			// decade" a duration.
			if rel != "past" && !(rel == "last" && the) {
				return match{}, false
			}
			if u != uDecade && u != uCentury && u != uMillennium {
				return p.pastUnit(i, end, u)
			}
			n = 1
		default:
			// "recent years", "the coming months", "the past few weeks"
			if rel == "" || rel == "first" || rel == "same" || rel == "entire" || rel == "whole" || rel == "full" {
				return match{}, false
			}
			n = -1
		}
	} else if rel != "" && !the && rel != "past" && rel != "last" && rel != "next" && rel != "recent" {
		return match{}, false
	}
	if article && plural {
		return match{}, false
	}
	if article && rel == "" && !the && p.setContext(i) {
		return match{}, false // "$5 a year", "20 people a day"
	}
	if counted && n >= 0 && !article && n > 1 && !plural && !hyph && !p.isAny(j-1, "year", "hour", "day", "week", "month", "minute", "decade") {
		return match{}, false
	}
	if n == 0 {
		return match{}, false
	}
	start := i
	if the && !plural && (hyph || long) && k == i+1+len(rel)/100 && rel == "" {
		// "the 14-day waiting period": the determiner belongs to the noun.
		start = i + 1
	}
	// "a three-year period", "a one-year term"
	if hyph && article == false && p.isAny(end, "period", "term", "span", "stretch", "stint", "window", "interval", "hiatus", "moratorium") && p.isAny(i, "a", "an") {
		end++
	}
	if p.is(end, "ahead") && plural {
		end++
	}
	v := duration(n, u)
	if v == "" {
		return match{}, false
	}
	return match{i: start, j: end, typ: "DURATION", val: v}, true
}

// pastUnit: "the past year", "the last decade" as the unit before the DCT.
func (p *parser) pastUnit(i, j int, u unit) (match, bool) {
	g := unitGran(u)
	if g < gYear || g > gWeek || u == uFortnight {
		return match{}, false // "the past decade" is a duration
	}
	if !p.hasDCT {
		return match{i: i, j: j, typ: "DATE", val: point{g: g}.value()}, true
	}
	pt := at(p.dctTime(), g).shift(u, -1)
	if u == uDecade {
		pt.y = pt.y / 10 * 10
	}
	return match{i: i, j: j, typ: "DATE", val: pt.value(), pt: pt, anch: true}, true
}

// sentStart reports whether word j starts its sentence.
func (p *parser) sentStart(j int) bool {
	return j == 0 || p.words[j-1].sent != p.words[j].sent
}

// setContext reports whether "a year" at i follows a quantity, as in "$5
// a year", "20 people a day", "three times a week".
func (p *parser) setContext(i int) bool {
	pw := p.prev(i)
	if pw == nil {
		return false
	}
	switch {
	case pw.kind == wInt || pw.kind == wNumber:
		return true
	case pw.lx != nil && pw.lx.cls&cUnit != 0 && pw.lx.plural:
		return true // "24 hours a day"
	case pw.s == "%" || pw.eq("percent") || pw.eq("times") || pw.eq("twice") || pw.eq("once") || pw.eq("thrice"):
		return true
	case pw.eq("million") || pw.eq("billion") || pw.eq("thousand") || pw.eq("hundred") || pw.eq("cents") || pw.eq("dollars") || pw.eq("barrels") || pw.eq("tons") || pw.eq("share"):
		return true
	}
	return false
}

// counted matches a date counted from another time: "two years ago", "a
// year earlier", "two weeks from now". "Three days later" is left a
// duration, as TimeBank annotates it.
func (p *parser) counted(i, j int, n float64, counted bool, u unit, rel string, the bool) (match, bool) {
	if rel != "" || the {
		return match{}, false
	}
	suffix := ""
	end := j + 1
	switch {
	case p.isAny(j, "ago", "earlier", "back", "previously"):
		suffix = p.words[j].key
	case p.is(j, "before") && p.endsPhrase(j+1):
		suffix = "earlier"
	case p.is(j, "from") && p.is(j+1, "now"), p.is(j, "hence"):
		suffix, end = "hence", j+1
		if p.is(j, "from") {
			end = j + 2
		}
	default:
		return match{}, false
	}
	if (suffix == "earlier" || suffix == "hence") && (u == uHour || u == uMinute || u == uSecond) {
		return match{}, false
	}
	if !counted {
		if p.words[j-1].lx != nil && p.words[j-1].lx.plural && (u == uDay || u == uWeek || u == uMonth || u == uYear || u == uDecade) {
			// "months ago", "years from now"
			if suffix != "hence" {
				return match{i: i, j: end, typ: "DATE", val: "PAST_REF"}, true
			}
			return match{i: i, j: end, typ: "DATE", val: "FUTURE_REF"}, true
		}
		return match{}, false
	}
	dir := -1
	if suffix == "hence" {
		dir = 1
	}
	if n < 0 {
		if dir < 0 {
			return match{i: i, j: end, typ: "DATE", val: "PAST_REF"}, true
		}
		return match{i: i, j: end, typ: "DATE", val: "FUTURE_REF"}, true
	}
	// Whole units: a year and a half is 18 months.
	count := int(n)
	if n != float64(count) {
		switch u {
		case uYear:
			u, count = uMonth, int(n*12+0.5)
		case uMonth:
			u, count = uDay, int(n*30+0.5)
		case uDay:
			u, count = uHour, int(n*24+0.5)
		default:
			count = int(n + 0.5)
		}
	}
	g := unitGran(u)
	years := 0
	switch u {
	case uDecade, uCentury, uMillennium:
		g, years = gYear, count*unitYears(u)
		if u == uMillennium {
			years = count * 1000
		}
	case uHour, uMinute, uSecond:
		g = gMinute
	}
	base := p.dct
	anaphoric := suffix == "earlier"
	if anaphoric && p.hasRef {
		base = p.ref
	}
	if suffix == "ago" && count == 1 && u == uYear && p.periodRef(i) {
		// "profit rose in the third quarter from $5 million a year ago":
		// the same quarter a year before.
		pt := p.ref.shift(uYear, -1)
		return match{i: i, j: end, typ: "DATE", val: pt.value(), pt: pt}, true
	}
	var pt point
	switch {
	case !base.known():
		pt = point{g: g}
		if g == gMinute {
			pt.g = gDay
		}
	case g == gMinute:
		// Without a clock time to count from, the day is what we know.
		pt = at(base.date(), gDay)
	case anaphoric && base.g > g && base.g <= gDay:
		// "a year earlier" than the third quarter is the third quarter of the year before.
		pt = base
		if years > 0 {
			pt = pt.shift(uYear, dir*years)
		} else {
			pt = pt.shift(u, dir*count)
		}
	default:
		pt = at(base.date(), g)
		if years > 0 {
			pt.y += dir * years
		} else {
			pt = pt.shift(u, dir*count)
		}
	}
	return match{i: i, j: end, typ: "DATE", val: pt.value(), pt: pt, anch: !anaphoric}, true
}

// periodRef reports whether the text has just spoken of a fiscal period
// (a quarter or a half), in this sentence or the two before word i, which
// "a year ago" and "last year" then compare with.
func (p *parser) periodRef(i int) bool {
	return p.hasRef && (p.ref.g == gQuarter || p.ref.g == gHalf) && p.words[i].sent-p.refSent <= 1
}

// mSet matches sets: "daily", "every Friday", "each year", "twice a
// week", "on weekends".
func (p *parser) mSet(i int) (match, bool) {
	w := p.wd(i)
	if w.eq("weekends") && p.prevIs(i, "on", "at", "over") {
		return match{i: i, j: i + 1, typ: "SET", val: "XXXX-WXX-WE"}, true
	}
	if lx := w.lx; lx != nil && lx.cls&cSet != 0 {
		if w.cap && !p.sentStart(i) {
			return match{}, false // "Daily News"
		}
		v := ""
		switch lx.unit {
		case uHour:
			v = "PT1H"
		case uDay, uNight:
			v = "P1D"
		case uWeek:
			v = "P1W"
		case uFortnight:
			v = "P2W"
		case uMonth:
			v = "P1M"
		case uQuarter:
			return match{}, false // "quarterly" mostly qualifies reports and dividends
		case uYear:
			if lx.key == "annual" {
				return match{}, false
			}
			v = "P1Y"
		case uHalf:
			v = "P6M"
		}
		return match{i: i, j: i + 1, typ: "SET", val: v}, true
	}
	k := i
	freq := false
	switch {
	case p.isAny(k, "twice", "once", "thrice"):
		k++
		freq = true
	default:
		if n, j, art, ok := p.number(k); ok && !art && n > 0 && p.is(j, "times") {
			k, freq = j+1, true
		}
	}
	switch {
	case p.isAny(k, "every", "each"):
		k++
		step := 1
		if p.is(k, "other") {
			step = 2
			k++
		}
		if n, j, art, ok := p.number(k); ok && !art && n > 0 {
			if lx := p.lex(j, cUnit); lx != nil && lx.plural {
				v := duration(n*float64(step), lx.unit)
				return match{i: i, j: j + 1, typ: "SET", val: v}, v != ""
			}
		}
		w := p.wd(k)
		if w == nil || w.lx == nil {
			return match{}, false
		}
		lx := w.lx
		switch {
		case lx.cls&cUnit != 0 && !lx.plural && lx.unit != uHalf:
			if lx.unit == uWeekend {
				return match{i: i, j: k + 1, typ: "SET", val: "XXXX-WXX-WE"}, true
			}
			v := duration(float64(step), lx.unit)
			return match{i: i, j: k + 1, typ: "SET", val: v}, v != ""
		case lx.cls&cWeekday != 0 && w.cap:
			v := "XXXX-WXX-" + itoa(int(lx.wday))
			j := k + 1
			if pod := p.lex(j, cPOD); pod != nil {
				v += "T" + pod.code
				j++
			}
			return match{i: i, j: j, typ: "SET", val: v}, true
		case lx.cls&cMonth != 0 && w.cap && !lx.abbr:
			return match{i: i, j: k + 1, typ: "SET", val: "XXXX-" + string(pad(nil, int(lx.month), 2))}, true
		case lx.cls&cSeason != 0:
			return match{i: i, j: k + 1, typ: "SET", val: "XXXX-" + lx.code}, true
		case lx.cls&cPOD != 0 && !lx.plural:
			return match{i: i, j: k + 1, typ: "SET", val: "XXXX-XX-XXT" + lx.code}, true
		}
	case p.is(k, "per") || freq && p.isAny(k, "a", "an"):
		lx := p.lex(k+1, cUnit)
		if lx == nil || lx.plural || lx.unit == uHalf {
			return match{}, false
		}
		v := duration(1, lx.unit)
		return match{i: i, j: k + 2, typ: "SET", val: v}, v != ""
	}
	return match{}, false
}

// mRef matches the vague references to the present, past and future:
// "now", "currently", "recently", "the past", "the future", "the near
// term".
func (p *parser) mRef(i int) (match, bool) {
	w := p.wd(i)
	if w.lx == nil {
		return match{}, false
	}
	ref := func(j int, v string) (match, bool) { return match{i: i, j: j, typ: "DATE", val: v}, true }
	switch w.key {
	case "now":
		return ref(i+1, "PRESENT_REF")
	case "one", "some":
		if p.is(i+1, "day") && !p.isAny(i+2, "after", "before", "later", "earlier", "of", "-") &&
			p.prevIs(i, "will", "would", "could", "might", "may", "can", "should", "shall", "he", "she", "they", "we", "i", "you", "it") {
			return ref(i+2, "FUTURE_REF")
		}
	case "someday":
		return ref(i+1, "FUTURE_REF")
	case "soon":
		if p.prevIs(i, "as", "too", "how") || p.isAny(i+1, "after", "afterward", "afterwards", "thereafter", "as") {
			return match{}, false
		}
		return ref(i+1, "FUTURE_REF")
	case "currently", "nowadays":
		return ref(i+1, "PRESENT_REF")
	case "current":
		if p.is(i+1, "-") {
			return match{}, false
		}
		return ref(i+1, "PRESENT_REF")
	case "these":
		if p.is(i+1, "days") {
			return ref(i+2, "PRESENT_REF")
		}
	case "present":
		if p.prevIs(i, "at") {
			return ref(i+1, "PRESENT_REF")
		}
	case "recently", "lately", "formerly":
		return ref(i+1, "PAST_REF")
	case "more", "most", "until":
		if p.is(i+1, "recently") && w.key != "until" {
			return ref(i+2, "PAST_REF")
		}
	case "future":
		if lx := p.lex(i+1, cUnit); lx != nil && lx.plural {
			return ref(i+2, "FUTURE_REF")
		}
		if p.prevIs(i, "in") {
			return ref(i+1, "FUTURE_REF")
		}
	case "the", "a":
		j := i + 1
		switch {
		case w.key == "the" && p.is(j, "past") && !p.startsCount(j+1):
			return ref(j+1, "PAST_REF")
		case w.key == "the" && p.isAny(j, "recent", "distant") && p.is(j+1, "past"):
			return ref(j+2, "PAST_REF")
		case w.key == "the" && p.is(j, "present") && !p.isAny(j+1, "-"):
			if nw := p.wd(j + 1); nw == nil || nw.kind == wPunct || nw.lx != nil && nw.lx.cls&cFiller != 0 {
				return ref(j+1, "PRESENT_REF")
			}
		case w.key == "the" && p.is(j, "future"):
			return ref(j+1, "FUTURE_REF")
		case w.key == "the" && p.isAny(j, "near", "distant", "foreseeable", "immediate", "not-too-distant", "indefinite") && p.is(j+1, "future"):
			return ref(j+2, "FUTURE_REF")
		case w.key == "the" && p.isAny(j, "near", "short", "long", "medium") && p.is(j+1, "term") && !p.is(j+2, "-"):
			return ref(j+2, "FUTURE_REF")
		case w.key == "a" && p.isAny(j, "later", "future") && p.is(j+1, "date"):
			return ref(j+2, "FUTURE_REF")
		case w.key == "a" && p.is(j, "while") && p.prevIs(i, "for", "in", "after"):
			return match{i: i, j: j + 1, typ: "DURATION", val: "PXX"}, true
		}
	}
	return match{}, false
}

// startsCount reports whether a count or a unit starts at j ("the past two
// years", "the past year"), which makes "the past" part of a duration.
func (p *parser) startsCount(j int) bool {
	if _, _, _, ok := p.number(j); ok {
		return true
	}
	return p.lex(j, cUnit) != nil
}
