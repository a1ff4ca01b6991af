package timex

import (
	"strings"

	"kg/ingest/text"
)

// word is a token as the grammar sees it: the tokens of kg/ingest/text, with
// hyphenated words cut at their hyphens ("third-quarter" is "third" "-"
// "quarter") and each piece looked up in the lexicon or read as a number.
type word struct {
	s          string // the surface form
	start, end int    // byte offsets in the text
	sent       int    // sentence index
	lx         *lexEntry
	key        string // the word in lower case (ASCII letters only)
	kind       wkind
	n          int     // value of wInt, wOrdinal (day), wDecade (first year)
	f          float64 // value of wNumber and wFraction
	y, m, d    int     // wDate
	hh, mm     int     // wClock, and wDate with a time (hh -1 without)
	ampm       byte    // 'a' or 'p' when a wClock token carries it ("4pm")
	digits     int     // number of digits of a wInt
	cap        bool    // starts with an upper-case letter
	glued      bool    // the previous piece was attached to it without space ("third-quarter")
	strong     bool    // a word that can head an expression (a month, a unit, a number ...)
}

type wkind uint8

const (
	wWord     wkind = iota
	wPunct          // punctuation, including the hyphen pieces
	wInt            // 30, 1998, 05
	wNumber         // 1,000  3.5
	wOrdinal        // 30th, 1st
	wDecade         // 1990s, '90s, 90s
	wClock          // 10:35, 4pm, 5:30pm
	wDate           // 2015-09-30, 2015-09-30T10:00, 11/13/2015
	wFraction       // 1/2, 3/4
)

// buildWords fills p.words from the sentences of p.text.
func (p *parser) buildWords(sents []text.Sentence) {
	p.words = p.words[:0]
	// One lower-case copy of the text gives every word its key without
	// allocating per word; only ASCII letters change, so offsets hold.
	buf := make([]byte, len(p.text))
	for i := 0; i < len(p.text); i++ {
		c := p.text[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	p.lower = string(buf)
	for si, s := range sents {
		for _, t := range s.Tokens {
			p.addToken(t, si)
		}
	}
}

func (p *parser) addToken(t text.Token, sent int) {
	s := t.Text
	if strings.IndexByte(s, '-') > 0 && !isDateToken(s) && len(s) > 2 {
		// Cut at hyphens: "third-quarter", "mid-1990s", "two-year".
		start := 0
		for i := 0; i < len(s); i++ {
			if s[i] != '-' {
				continue
			}
			if i > start {
				p.addWord(s[start:i], t.Start+start, sent, start > 0)
			}
			p.addWord("-", t.Start+i, sent, i > 0)
			start = i + 1
		}
		if start < len(s) {
			p.addWord(s[start:], t.Start+start, sent, true)
		}
		return
	}
	p.addWord(s, t.Start, sent, false)
}

// isDateToken reports tokens that stay whole although they hold a hyphen:
// ISO dates (2015-09-30, 2015-09-30T10:00) and negative numbers.
func isDateToken(s string) bool {
	if s[0] == '-' {
		return true
	}
	return len(s) >= 10 && isDigits(s[:4]) && s[4] == '-' && isDigits(s[5:7]) && s[7] == '-' && isDigits(s[8:10])
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (p *parser) addWord(s string, start, sent int, glued bool) {
	w := word{s: s, start: start, end: start + len(s), sent: sent, glued: glued, hh: -1}
	c := s[0]
	w.cap = c >= 'A' && c <= 'Z'
	switch {
	case c >= '0' && c <= '9' || c == '\'' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
		readNumber(&w)
	case c == '-' && len(s) == 1 || c < 0x80 && !isLetter(c) && c != '\'':
		w.kind = wPunct
	}
	w.key = p.lower[start : start+len(s)]
	if w.kind == wWord || w.kind == wPunct {
		w.lx = lookup(w.key)
	}
	w.strong = w.kind >= wInt || w.lx != nil && (w.lx.cls&strongClasses != 0 && w.key != "a" && w.key != "an" || strongWords[w.key])
	p.words = append(p.words, w)
}

// strongClasses are the word classes that head expressions; the other
// lexicon words (determiners, modifiers) only start one when a strong word
// follows closely.
const strongClasses = cMonth | cWeekday | cUnit | cNum | cOrd | cPOD | cSeason | cDeictic | cRef | cSet | cClock | cHoliday | cDecadeWord

var strongWords = map[string]bool{"term": true, "date": true, "while": true, "year-end": true, "yearend": true,
	"someday": true, "soon": true, "fiscal": true}

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// lookup finds a lower-case word in the lexicon.
func lookup(key string) *lexEntry {
	if e, ok := lexicon[key]; ok {
		return e
	}
	if key == "’s" {
		return lexicon["'s"] // the typographic apostrophe of a possessive
	}
	return nil
}

// readNumber classifies a token that starts with a digit (or "'90s").
func readNumber(w *word) {
	s := w.s
	w.kind = wWord
	if s[0] == '\'' {
		// '90s
		if len(s) == 4 && isDigits(s[1:3]) && s[3] == 's' {
			w.kind, w.n = wDecade, 1900+atoi(s[1:3])
			if w.n < 1920 {
				w.n += 100
			}
		}
		return
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	digits, rest := s[:i], s[i:]
	switch {
	case rest == "":
		w.kind, w.digits = wInt, len(digits)
		if len(digits) <= 9 {
			w.n = atoi(digits)
		} else {
			w.n = 1 << 30
		}
		w.f = float64(w.n)
	case len(digits) <= 2 && (rest == "st" || rest == "nd" || rest == "rd" || rest == "th" || rest == "ST" || rest == "ND" || rest == "RD" || rest == "TH"):
		w.kind, w.n = wOrdinal, atoi(digits)
	case rest == "s" && (len(digits) == 4 || len(digits) == 2) && digits[len(digits)-1] == '0':
		w.kind, w.n = wDecade, atoi(digits)
		if len(digits) == 2 {
			w.n += 1900
			if w.n < 1920 {
				w.n += 100
			}
		}
	case rest[0] == ':' && len(digits) <= 2:
		readClock(w, digits, rest)
	case len(digits) <= 2 && isMeridiem(rest):
		h := atoi(digits)
		if h >= 1 && h <= 12 {
			w.kind, w.hh, w.mm, w.ampm = wClock, h, 0, meridiem(rest)
		}
	case len(digits) == 4 && isDateToken(s):
		readISO(w)
	case rest[0] == '/':
		readSlash(w, digits, rest[1:])
	case rest[0] == ',' || rest[0] == '.':
		readDecimal(w)
	}
}

func isMeridiem(s string) bool {
	switch strings.ToLower(s) {
	case "am", "pm", "a.m.", "p.m.", "a.m", "p.m":
		return true
	}
	return false
}

func meridiem(s string) byte {
	if s[0] == 'p' || s[0] == 'P' {
		return 'p'
	}
	return 'a'
}

func readClock(w *word, digits, rest string) {
	// 10:35, 10:35:20, 5:30pm
	if len(rest) < 3 || !isDigits(rest[1:3]) {
		return
	}
	h, m := atoi(digits), atoi(rest[1:3])
	rest = rest[3:]
	if len(rest) >= 3 && rest[0] == ':' && isDigits(rest[1:3]) {
		rest = rest[3:]
	}
	var ap byte
	if rest != "" {
		if !isMeridiem(rest) {
			return
		}
		ap = meridiem(rest)
	}
	if h > 24 || m > 59 || ap != 0 && (h < 1 || h > 12) {
		return
	}
	w.kind, w.hh, w.mm, w.ampm = wClock, h, m, ap
}

func readISO(w *word) {
	s := w.s
	y, m, d := atoi(s[:4]), atoi(s[5:7]), atoi(s[8:10])
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return
	}
	rest := s[10:]
	w.hh = -1
	if rest != "" {
		if rest[0] != 'T' && rest[0] != 't' || len(rest) < 6 || !isDigits(rest[1:3]) || rest[3] != ':' || !isDigits(rest[4:6]) {
			return
		}
		w.hh, w.mm = atoi(rest[1:3]), atoi(rest[4:6])
		if w.hh > 24 || w.mm > 59 {
			return
		}
	}
	w.kind, w.y, w.m, w.d = wDate, y, m, d
}

func readSlash(w *word, a, rest string) {
	k := strings.IndexByte(rest, '/')
	if k < 0 {
		// 1/2, 3/4
		if isDigits(rest) && len(a) == 1 && len(rest) == 1 && a < rest {
			w.kind, w.f = wFraction, float64(atoi(a))/float64(atoi(rest))
		}
		return
	}
	b, c := rest[:k], rest[k+1:]
	if !isDigits(b) || !isDigits(c) || len(a) > 2 || len(b) > 2 || (len(c) != 2 && len(c) != 4) {
		return
	}
	m, d, y := atoi(a), atoi(b), atoi(c)
	if m > 12 && d <= 12 {
		m, d = d, m // 13/11/2015 can only be day/month/year
	}
	if len(c) == 2 {
		y += 1900
		if y < 1950 {
			y += 100
		}
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return
	}
	w.kind, w.y, w.m, w.d, w.hh = wDate, y, m, d, -1
}

func readDecimal(w *word) {
	s := w.s
	v, frac, scale, seenDot := 0.0, 0.0, 1.0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if seenDot {
				scale /= 10
				frac += float64(c-'0') * scale
			} else {
				v = v*10 + float64(c-'0')
			}
		case c == ',' && !seenDot:
		case c == '.' && !seenDot:
			seenDot = true
		default:
			return
		}
	}
	w.kind, w.f = wNumber, v+frac
	if !seenDot {
		w.n = int(v)
	}
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// Word access for the grammar.

// wd is word i of the current sentence, nil past its end.
func (p *parser) wd(i int) *word {
	if i < 0 || i >= p.lim {
		return nil
	}
	return &p.words[i]
}

// is reports whether word i of the current sentence is s (lower case).
func (p *parser) is(i int, s string) bool {
	if i < 0 || i >= p.lim {
		return false
	}
	return p.words[i].eq(s)
}

func (w *word) eq(s string) bool {
	if w.lx != nil {
		return w.lx.key == s // "’s" is "'s"
	}
	return w.key == s
}

func (p *parser) isAny(i int, ss ...string) bool {
	if i < 0 || i >= p.lim {
		return false
	}
	w := &p.words[i]
	for _, s := range ss {
		if w.eq(s) {
			return true
		}
	}
	return false
}

// lex returns the lexicon entry of word i when it has one of the classes.
func (p *parser) lex(i int, c uint32) *lexEntry {
	if i < 0 || i >= p.lim {
		return nil
	}
	if lx := p.words[i].lx; lx != nil && lx.cls&c != 0 {
		return lx
	}
	return nil
}

// prevIs reports whether the word before i, in the same sentence, is one of ss.
func (p *parser) prevIs(i int, ss ...string) bool {
	if i <= 0 || i >= len(p.words) || p.words[i-1].sent != p.words[i].sent {
		return false
	}
	w := &p.words[i-1]
	for _, s := range ss {
		if w.eq(s) {
			return true
		}
	}
	return false
}

// prev is the word before i in the same sentence, or nil.
func (p *parser) prev(i int) *word {
	if i <= 0 || i >= len(p.words) || p.words[i-1].sent != p.words[i].sent {
		return nil
	}
	return &p.words[i-1]
}

// hyphen skips a hyphen glued between words ("third-quarter").
func (p *parser) hyphen(i int) int {
	if p.is(i, "-") {
		return i + 1
	}
	return i
}
