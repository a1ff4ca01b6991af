package timex

// The lexicon: every word that can start, end or shape a time expression,
// keyed by its lower-case form. A word that is not here (and is not a
// number) never triggers the grammar, which is what keeps the tagger fast.

// unit is a calendar or clock unit.
type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uNight // "nights" as a count of days
	uWeekend
	uWeek
	uFortnight
	uMonth
	uQuarter
	uHalf // half year
	uSeason
	uYear
	uDecade
	uCentury
	uMillennium
)

// Word classes (bit flags).
const (
	cMonth      uint32 = 1 << iota // January, Jan., Sept
	cWeekday                       // Monday, Mon.; plural sets val2=1
	cUnit                          // day, weeks, quarter, ...
	cNum                           // one, twenty, dozen (val = value)
	cOrd                           // first, 3rd, twentieth (val = value)
	cPOD                           // morning, afternoon, evening, night
	cSeason                        // spring, summer, fall, autumn, winter
	cDeictic                       // today, yesterday, tomorrow, tonight
	cRef                           // now, currently, recently, future, ...
	cRel                           // last, next, this, past, coming, previous, following, ...
	cMod                           // early, late, mid, ...
	cApprox                        // about, around, nearly, ...
	cSet                           // daily, weekly, annually, ...
	cZone                          // EST, GMT, ...
	cClock                         // noon, midnight, midday
	cMeridiem                      // a.m., p.m.
	cHoliday                       // Christmas, Thanksgiving, ...
	cDecadeWord                    // twenties .. nineties
	cFiller                        // the, a, of, ... (starts or glues expressions)
	cVague                         // few, several, some, many
)

// lexEntry is what the lexicon knows about a word.
type lexEntry struct {
	cls    uint32
	month  int8
	wday   int8 // ISO weekday 1..7
	plural bool // "Mondays", "weeks"
	num    int  // cardinal value
	ord    int  // ordinal value
	unit   unit
	code   string // part of day (MO, AF, EV, NI), season (SP, SU, FA, WI), reference (PRESENT_REF ...), zone
	day    int    // deictic day offset: today 0, yesterday -1, tomorrow 1
	rel    int    // relation: -1 last/past/previous, 0 this/current, 1 next/coming/following
	abbr   bool   // an abbreviation ("Sept", "Mon"), which needs care when capitalized words are ambiguous
	key    string // the word itself
}

var lexicon = map[string]*lexEntry{}

func add(word string, e lexEntry) {
	if old, ok := lexicon[word]; ok {
		// Merge classes: a word may be a month and a verb, a number and a unit.
		old.cls |= e.cls
		if e.month != 0 {
			old.month = e.month
		}
		if e.wday != 0 {
			old.wday = e.wday
		}
		if e.num != 0 {
			old.num = e.num
		}
		if e.ord != 0 {
			old.ord = e.ord
		}
		if e.unit != uNone {
			old.unit, old.plural = e.unit, e.plural
		}
		if e.code != "" {
			old.code = e.code
		}
		if e.day != 0 {
			old.day = e.day
		}
		if e.rel != 0 {
			old.rel = e.rel
		}
		old.abbr = old.abbr || e.abbr
		return
	}
	e.key = word
	lexicon[word] = &e
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

var weekdayNames = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

func init() {
	for i, m := range monthNames {
		add(m, lexEntry{cls: cMonth, month: int8(i + 1)})
		ab := m[:3]
		if ab != m {
			add(ab, lexEntry{cls: cMonth, month: int8(i + 1), abbr: true})
		}
		add(ab+".", lexEntry{cls: cMonth, month: int8(i + 1), abbr: true})
	}
	for _, ab := range []struct {
		s string
		m int8
	}{{"sept", 9}, {"sept.", 9}, {"febr.", 2}, {"jun.", 6}, {"jul.", 7}} {
		add(ab.s, lexEntry{cls: cMonth, month: ab.m, abbr: true})
	}
	for i, d := range weekdayNames {
		add(d, lexEntry{cls: cWeekday, wday: int8(i + 1)})
		add(d+"s", lexEntry{cls: cWeekday, wday: int8(i + 1), plural: true})
		ab := d[:3]
		add(ab+".", lexEntry{cls: cWeekday, wday: int8(i + 1), abbr: true})
	}
	for _, ab := range []struct {
		s string
		d int8
	}{{"tues.", 2}, {"wednes.", 3}, {"thur.", 4}, {"thurs.", 4}} {
		add(ab.s, lexEntry{cls: cWeekday, wday: ab.d, abbr: true})
	}

	units := []struct {
		sing, plural string
		u            unit
	}{
		{"second", "seconds", uSecond}, {"sec", "secs", uSecond},
		{"minute", "minutes", uMinute}, {"min", "mins", uMinute},
		{"hour", "hours", uHour}, {"hr", "hrs", uHour},
		{"day", "days", uDay}, {"night", "nights", uNight},
		{"weekend", "weekends", uWeekend},
		{"week", "weeks", uWeek}, {"fortnight", "fortnights", uFortnight},
		{"month", "months", uMonth},
		{"quarter", "quarters", uQuarter},
		{"year", "years", uYear}, {"yr", "yrs", uYear},
		{"decade", "decades", uDecade},
		{"century", "centuries", uCentury},
		{"millennium", "millennia", uMillennium}, {"millenium", "millenniums", uMillennium},
	}
	for _, u := range units {
		add(u.sing, lexEntry{cls: cUnit, unit: u.u})
		add(u.plural, lexEntry{cls: cUnit, unit: u.u, plural: true})
	}
	add("half", lexEntry{cls: cUnit, unit: uHalf})
	add("halves", lexEntry{cls: cUnit, unit: uHalf, plural: true})

	nums := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, n := range nums {
		if i > 0 {
			add(n, lexEntry{cls: cNum, num: i})
		}
	}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, n := range tens {
		if n != "" {
			add(n, lexEntry{cls: cNum, num: i * 10})
			add(n[:len(n)-1]+"ies", lexEntry{cls: cDecadeWord, num: i * 10})
		}
	}
	add("fourty", lexEntry{cls: cNum, num: 40})
	add("hundred", lexEntry{cls: cNum, num: 100})
	add("thousand", lexEntry{cls: cNum, num: 1000})
	add("dozen", lexEntry{cls: cNum, num: 12})
	add("a", lexEntry{cls: cNum | cFiller, num: 1})
	add("an", lexEntry{cls: cNum | cFiller, num: 1})

	ords := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	for i, o := range ords {
		if o != "" {
			add(o, lexEntry{cls: cOrd, ord: i})
		}
	}
	for i, o := range []string{"", "", "twentieth", "thirtieth"} {
		if o != "" {
			add(o, lexEntry{cls: cOrd, ord: i * 10})
		}
	}

	for _, p := range []struct{ w, code string }{
		{"morning", "MO"}, {"mornings", "MO"}, {"afternoon", "AF"}, {"afternoons", "AF"},
		{"evening", "EV"}, {"evenings", "EV"}, {"night", "NI"}, {"nights", "NI"},
		{"overnight", "NI"}, {"daybreak", "MO"}, {"dawn", "MO"}, {"dusk", "EV"},
		{"nightfall", "EV"}, {"daytime", "DT"}, {"mid-morning", "MO"}, {"mid-afternoon", "AF"},
		{"midafternoon", "AF"}, {"midmorning", "MO"},
	} {
		add(p.w, lexEntry{cls: cPOD, code: p.code, plural: len(p.w) > 1 && p.w[len(p.w)-1] == 's'})
	}
	for _, s := range []struct{ w, code string }{
		{"spring", "SP"}, {"summer", "SU"}, {"fall", "FA"}, {"autumn", "FA"}, {"winter", "WI"},
		{"springtime", "SP"}, {"summertime", "SU"}, {"wintertime", "WI"},
	} {
		add(s.w, lexEntry{cls: cSeason, code: s.code})
	}
	for _, d := range []struct {
		w   string
		off int
	}{{"today", 0}, {"yesterday", -1}, {"tomorrow", 1}, {"tonight", 0}} {
		add(d.w, lexEntry{cls: cDeictic, day: d.off})
	}
	for _, r := range []struct{ w, code string }{
		{"now", "PRESENT_REF"}, {"currently", "PRESENT_REF"}, {"current", "PRESENT_REF"},
		{"nowadays", "PRESENT_REF"}, {"presently", "PRESENT_REF"}, {"present", "PRESENT_REF"},
		{"recently", "PAST_REF"}, {"recent", "PAST_REF"}, {"lately", "PAST_REF"}, {"formerly", "PAST_REF"},
		{"past", "PAST_REF"}, {"previously", "PAST_REF"}, {"once", "PAST_REF"},
		{"future", "FUTURE_REF"}, {"soon", "FUTURE_REF"}, {"shortly", "FUTURE_REF"},
	} {
		add(r.w, lexEntry{cls: cRef, code: r.code})
	}
	for _, r := range []struct {
		w   string
		rel int
	}{
		{"last", -1}, {"past", -1}, {"previous", -1}, {"preceding", -1}, {"prior", -1}, {"latest", -1},
		{"this", 0}, {"current", 0}, {"present", 0}, {"same", 0}, {"that", 0}, {"these", 0},
		{"next", 1}, {"coming", 1}, {"following", 1}, {"upcoming", 1}, {"subsequent", 1},
	} {
		add(r.w, lexEntry{cls: cRel, rel: r.rel})
	}
	for _, m := range []string{"early", "late", "mid", "middle", "end", "beginning", "start", "earlier", "later", "dawn"} {
		add(m, lexEntry{cls: cMod})
	}
	for _, a := range []string{"about", "around", "nearly", "almost", "approximately", "roughly", "some", "more",
		"less", "least", "most", "over", "under", "up", "just", "only", "fewer", "close", "no", "nearly", "barely",
		"within", "another", "full", "whole", "entire", "additional", "further", "extra", "consecutive", "straight",
		"several", "few", "many", "couple", "number", "dozens", "hundreds", "thousands", "other", "each", "every", "per"} {
		add(a, lexEntry{cls: cApprox})
	}
	for _, v := range []string{"few", "several", "some", "many", "couple", "dozens", "hundreds", "thousands", "countless", "numerous"} {
		add(v, lexEntry{cls: cVague})
	}
	for _, s := range []struct {
		w string
		u unit
	}{{"daily", uDay}, {"nightly", uNight}, {"weekly", uWeek}, {"biweekly", uFortnight}, {"fortnightly", uFortnight},
		{"monthly", uMonth}, {"quarterly", uQuarter}, {"annually", uYear}, {"yearly", uYear}, {"annual", uYear},
		{"hourly", uHour}, {"semiannually", uHalf}} {
		add(s.w, lexEntry{cls: cSet, unit: s.u})
	}
	for _, z := range []string{"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "et", "pt", "ct", "jst", "ist", "msk", "eet"} {
		add(z, lexEntry{cls: cZone, code: z})
	}
	for _, c := range []struct{ w, code string }{{"noon", "12:00"}, {"midday", "12:00"}, {"midnight", "24:00"}, {"mid-day", "12:00"}} {
		add(c.w, lexEntry{cls: cClock, code: c.code})
	}
	for _, m := range []string{"a.m.", "p.m.", "a.m", "p.m", "am", "pm"} {
		add(m, lexEntry{cls: cMeridiem})
	}
	for _, h := range holidayWords {
		add(h, lexEntry{cls: cHoliday})
	}
	for _, f := range []string{"the", "of", "and", "or", "to", "fiscal", "ago", "earlier", "later", "before", "after",
		"from", "hence", "year-end", "yearend", "ahead", "back", "since", "times", "twice", "once", "thrice", "every",
		"each", "per", "o'clock", "its", "year-ago", "year-earlier", "so", "right", "these", "those", "ended", "ending",
		"trading", "business", "calendar", "working", "school", "long", "old", "other", "half", "'s", "at", "up", "no",
		"close", "well", "upwards", "right", "shortly", "circa", "sometime", "in", "near", "distant", "foreseeable",
		"immediate", "short", "medium", "term", "date", "on", "for", "within", "than", "or", "so", "now", "days",
		"someday", "post", "pre", "latter", "while", "soon"} {
		add(f, lexEntry{cls: cFiller})
	}
}

// holidayWords are the words that start a holiday name.
var holidayWords = []string{"christmas", "thanksgiving", "easter", "halloween", "new", "independence", "labor",
	"memorial", "veterans", "election", "valentine", "valentine's", "boxing", "good", "mother's", "father's",
	"inauguration", "ramadan", "hanukkah", "yom", "passover", "bastille", "armistice", "presidents", "martin",
	"columbus", "groundhog", "may", "d-day", "v-e", "ve", "st.", "saint"}
