// Package timex finds time expressions in text and normalizes them to
// TIMEX3 values (TimeML) against the document creation time (DCT), the way
// news is read: "Sept. 30" in an article of 2015-11-14 is 2015-09-30, "on
// Friday" is the Friday before the DCT unless the sentence speaks of the
// future, "a year earlier" is a year before the time the text last spoke of.
//
// The tagger recognizes the four TIMEX3 types:
//
//   - DATE: calendar dates and periods at any granularity ("Sept. 30",
//     "2015-09-30", "November 2015", "the third quarter" 2015-Q3, "last
//     week" 2015-W45, "this summer" 2015-SU, "the 1990s" 199X, "the 20th
//     century" 19XX), deictic and relative dates ("yesterday", "two years
//     ago", "next month", "earlier this year", "the following day"), and
//     the references PRESENT_REF ("now", "currently"), PAST_REF
//     ("recently", "the past") and FUTURE_REF ("the future");
//   - TIME: times of day and parts of days ("3 p.m. Friday"
//     2015-11-13T15:00, "this morning" 2015-11-14TMO, "Tuesday night");
//   - DURATION: lengths of time ("three days" P3D, "two-hour" PT2H, "the
//     past decade" P10Y, "several years" PXY, "5 1/2 hours" PT5H30M);
//   - SET: recurring times ("daily" P1D, "every Friday" XXXX-WXX-5,
//     "twice a week" P1W).
//
// Extents follow the TimeML guidelines: prepositions stay out ("on Friday"
// gives "Friday"), determiners, modifiers and "ago" stay in ("the past two
// months", "about two years ago", "early next year").
//
// The text is cut into tokens by kg/ingest/text and the grammar is a set of
// hand-written matchers over those tokens, tried only at words of a small
// lexicon (month and weekday names, units, numbers, ...), so tagging costs
// little: about 15 MB of dense news per second on one core (BenchmarkTag).
//
// Underspecified dates are resolved against the DCT in the direction of the
// tense of their sentence ("will meet on Thursday" looks forward), and
// anaphoric ones ("the next day", "a year earlier", "the quarter", a clock
// time without a day) against the reference time: the last date the text
// spoke of, as TimeML annotators do.
package timex

import (
	"strings"
	"sync"
	"time"

	"kg/ingest/text"
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

// Rules is the rule-based temporal tagger. The zero value is ready to use
// and safe for concurrent use.
type Rules struct{}

// New returns the default temporal tagger.
func New() Rules { return Rules{} }

var parsers = sync.Pool{New: func() any { return new(parser) }}

// Tag implements Tagger. Expressions do not overlap and come in text order.
func (Rules) Tag(text string, dct time.Time) []Timex {
	p := parsers.Get().(*parser)
	defer parsers.Put(p)
	p.run(text, dct)
	if len(p.out) == 0 {
		return nil
	}
	out := make([]Timex, len(p.out))
	copy(out, p.out)
	return out
}

// parser holds the state of one Tag call; it is reused through a pool.
type parser struct {
	text    string
	lower   string // text with ASCII letters in lower case
	seg     text.Segmenter
	words   []word
	sentEnd []int // per sentence, the index after its last word
	strong  []int // per word, the index of the next strong word (len(words) when none)

	dct    point // the DCT as a day; y == 0 when unknown
	hasDCT bool

	// The reference time: the last date the text spoke of, which anaphoric
	// expressions ("the next day", "a year earlier") count from.
	ref     point
	refSent int
	hasRef  bool

	lim int // the end of the current sentence (word index)
	out []Timex
}

func (p *parser) run(txt string, dct time.Time) {
	p.text = txt
	p.out = p.out[:0]
	p.hasRef = false
	p.hasDCT = !dct.IsZero()
	if p.hasDCT {
		p.dct = at(dct.UTC(), gDay)
		y, m, d := dct.Date()
		p.dct = point{g: gDay, y: y, m: int(m), d: d}
	} else {
		p.dct = point{g: gDay}
	}
	sents := p.seg.Split(txt)
	p.buildWords(sents)
	p.sentEnd = p.sentEnd[:0]
	for i := range p.words {
		s := p.words[i].sent
		for len(p.sentEnd) <= s {
			p.sentEnd = append(p.sentEnd, i)
		}
		p.sentEnd[s] = i + 1
	}
	p.strong = append(p.strong[:0], make([]int, len(p.words))...)
	next := len(p.words)
	for i := len(p.words) - 1; i >= 0; i-- {
		if p.words[i].strong {
			next = i
		}
		p.strong[i] = next
	}
	for i := 0; i < len(p.words); {
		p.lim = p.sentEnd[p.words[i].sent]
		if !p.trigger(i) {
			i++
			continue
		}
		m, ok := p.best(i)
		if !ok {
			i++
			continue
		}
		p.emit(m)
		i = m.j
	}
	p.text, p.lower = "", ""
}

// trigger reports whether an expression can start at word i: a strong
// word, or a lexicon word (a determiner, a modifier) closely followed by one
// in the same sentence.
func (p *parser) trigger(i int) bool {
	w := &p.words[i]
	if w.strong {
		return true
	}
	return w.lx != nil && p.strong[i] < p.lim && p.strong[i]-i <= 5
}

// match is an expression found at words [i, j).
type match struct {
	i, j int
	typ  string
	val  string
	pt   point // the calendar value, when the expression anchors later ones
	anch bool
}

func (p *parser) emit(m match) {
	start, end := p.words[m.i].start, p.words[m.j-1].end
	p.out = append(p.out, Timex{Start: start, End: end, Text: p.text[start:end], Type: m.typ, Value: m.val})
	if m.anch && m.pt.known() {
		p.ref, p.refSent, p.hasRef = m.pt, p.words[m.i].sent, true
	}
}

// best returns the longest expression that starts at word i.
func (p *parser) best(i int) (match, bool) {
	var best match
	found := false
	try := func(m match, ok bool) {
		if ok && m.j > m.i && (!found || m.j > best.j) {
			best, found = m, true
		}
	}
	try(p.mDate(i))
	try(p.mDuration(i))
	try(p.mSet(i))
	try(p.mRef(i))
	return best, found
}

// Anchored returns a Tagger that keeps only the expressions of t that put
// something on the calendar: DATE and TIME expressions whose value names
// at least part of a date ("2015-09-30", "XXXX-09-30", "2015-W46"), not the
// vague references (PRESENT_REF), durations, sets or values that know
// nothing ("XXXX-XX-XX", yesterday without a DCT). It is what dates events.
func Anchored(t Tagger) Tagger { return anchored{t} }

type anchored struct{ t Tagger }

func (a anchored) Tag(text string, dct time.Time) []Timex {
	all := a.t.Tag(text, dct)
	out := all[:0]
	for _, x := range all {
		if (x.Type == "DATE" || x.Type == "TIME") && strings.ContainsAny(x.Value, "0123456789") && !strings.HasSuffix(x.Value, "_REF") {
			out = append(out, x)
		}
	}
	return out
}
