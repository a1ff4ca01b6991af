package text

import (
	"unicode"
	"unicode/utf8"
)

// Sentence is a sentence of a text.
type Sentence struct {
	// Start and End are the byte offsets of the sentence in the text, from
	// the start of its first token to the end of its last: surrounding space
	// is never included.
	Start, End int
	// Tokens are the sentence's tokens, never empty.
	Tokens []Token
}

// Split returns the sentences of text with their tokens. Every token of
// Tokenize(text) belongs to exactly one sentence.
func Split(text string) []Sentence {
	toks := Tokenize(text)
	return AppendSentences(make([]Sentence, 0, len(toks)/16+1), text, toks)
}

// Segmenter tokenizes and splits texts, reusing its buffers from one call to
// the next: after the first few texts it does not allocate. A Segmenter is
// not safe for concurrent use; give each worker its own. The zero value is
// ready to use.
type Segmenter struct {
	toks  []Token
	sents []Sentence
}

// Tokenize returns the tokens of text. The result is valid until the next
// call of a method of s.
func (s *Segmenter) Tokenize(text string) []Token {
	s.grow(len(text))
	s.toks = AppendTokens(s.toks[:0], text)
	return s.toks
}

// Split returns the sentences of text, as the function Split does. The
// result, and the token slices in it, are valid until the next call of a
// method of s.
func (s *Segmenter) Split(text string) []Sentence {
	s.grow(len(text))
	s.toks = AppendTokens(s.toks[:0], text)
	s.sents = AppendSentences(s.sents[:0], text, s.toks)
	return s.sents
}

func (s *Segmenter) grow(n int) {
	if want := estimateTokens(n); cap(s.toks) < want {
		s.toks = make([]Token, 0, want)
	}
}

// AppendSentences groups toks, the tokens of text as AppendTokens returns
// them (non-empty, in order, within text), into sentences and appends those
// to dst. The sentences' token slices
// are sub-slices of toks (with their capacity cut, so appending to one never
// overwrites the next).
func AppendSentences(dst []Sentence, text string, toks []Token) []Sentence {
	n := len(toks)
	if n == 0 {
		return dst
	}
	start := 0     // first token of the current sentence
	lineStart := 0 // first token of the current line
	lineIndent := indentBefore(text, toks[0].Start)
	for i := 0; i < n-1; i++ {
		g := measureGap(text, toks[i].End, toks[i+1].Start)
		end := g.breaks >= 2 // a blank line
		if !end && isTerminator(toks[i].Text) {
			// Closing quotes and brackets glued to the terminator go with it.
			j := i
			for j+1 < n && toks[j+1].Start == toks[j].End && isCloser(toks[j+1].Text) {
				j++
			}
			if j == n-1 {
				break
			}
			gj := g
			if j != i {
				gj = measureGap(text, toks[j].End, toks[j+1].Start)
			}
			if gj.breaks >= 2 || terminatorEnds(toks, start, lineStart, i, j, gj) {
				dst = appendSentence(dst, toks[start:j+1])
				start = j + 1
				if gj.breaks > 0 {
					lineStart, lineIndent = j+1, gj.indent
				}
				i = j
				continue
			}
		}
		if !end && g.breaks == 1 {
			end = lineBreakEnds(text, toks, start, lineStart, lineIndent, i, g)
		}
		if end {
			dst = appendSentence(dst, toks[start:i+1])
			start = i + 1
		}
		if g.breaks > 0 {
			lineStart, lineIndent = i+1, g.indent
		}
	}
	return appendSentence(dst, toks[start:])
}

func appendSentence(dst []Sentence, toks []Token) []Sentence {
	return append(dst, Sentence{
		Start:  toks[0].Start,
		End:    toks[len(toks)-1].End,
		Tokens: toks[:len(toks):len(toks)],
	})
}

// gap describes the space between two tokens.
type gap struct {
	width  int // bytes
	breaks int // line breaks; a paragraph separator or form feed counts two
	indent int // columns of space after the last line break
}

func measureGap(s string, a, b int) gap {
	g := gap{width: b - a}
	if g.width <= 0 || g.width == 1 && s[a] == ' ' {
		return g
	}
	for k := a; k < b; {
		c := s[k]
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[k:b])
			switch {
			case r == 0x85 || r == 0x2028:
				g.breaks++
				g.indent = 0
			case r == 0x2029:
				g.breaks += 2
				g.indent = 0
			case unicode.IsSpace(r):
				g.indent++
			}
			k += size
			continue
		}
		switch c {
		case '\n':
			g.breaks++
			g.indent = 0
		case '\r':
			if k+1 >= b || s[k+1] != '\n' {
				g.breaks++
				g.indent = 0
			}
		case '\v':
			g.breaks++
			g.indent = 0
		case '\f':
			g.breaks += 2
			g.indent = 0
		case ' ':
			g.indent++
		case '\t':
			g.indent += 4
		}
		k++
	}
	return g
}

// indentBefore returns the columns of space before s[pos] on its line.
func indentBefore(s string, pos int) int {
	indent := 0
	for k := pos - 1; k >= 0; k-- {
		switch s[k] {
		case ' ':
			indent++
		case '\t':
			indent += 4
		default:
			return indent
		}
	}
	return indent
}

// isTerminator reports whether t can end a sentence: ". ! ? … ..." and runs
// of them, or an abbreviation with its period.
func isTerminator(t string) bool {
	if t == "" {
		return false
	}
	switch t[0] {
	case '!', '?':
		return true
	case '.':
		return len(t) == 1 || t[1] == '.'
	}
	return t[len(t)-1] == '.' || t == "…"
}

// isCloser reports whether t closes a quotation or bracket.
func isCloser(t string) bool {
	switch t {
	case `"`, "'", "''", ")", "]", "}", "’", "”", "»", "›":
		return true
	}
	return false
}

// terminatorEnds decides whether the sentence ends after toks[j]: toks[i] is
// a terminator and toks[i+1:j+1] are closing quotes or brackets glued to it.
func terminatorEnds(toks []Token, start, lineStart, i, j int, g gap) bool {
	t := toks[i].Text
	next := toks[j+1].Text
	if g.width == 0 {
		// "end.The": a lone period glued to a capitalised word.
		return t == "." && j == i && len(next) > 1 && isUpperASCII(next[0])
	}
	if len(t) > 1 && t[len(t)-1] == '.' && t[len(t)-2] != '.' {
		switch abbrevKind(t[:len(t)-1]) {
		case abbrNever, abbrNumber:
			return false
		case abbrMay:
			if _, ok := starters[next]; ok {
				return true
			}
			if isOpener(next) {
				return true
			}
			// At a line break, a word abbreviation ("Inc.", "etc.") ends
			// the sentence before any capital; initials ("L.K.",
			// "U.S.") do not: names and "U.S. Agriculture Department"
			// wrap too.
			_, word := abbreviations[t[:len(t)-1]]
			return word && g.breaks > 0 && startsSentence(next)
		}
	}
	if !startsSentence(next) {
		return false
	}
	// "1." or "a." at the start of a line numbers a list item.
	if i == start+1 && lineStart == start && t == "." && isListMark(toks[start].Text) {
		return false
	}
	return true
}

// lineBreakEnds decides whether the sentence ends at the single line break
// after toks[i], which is not a sentence terminator (or one that did not end
// the sentence).
func lineBreakEnds(text string, toks []Token, start, lineStart, lineIndent, i int, g gap) bool {
	next := toks[i+1].Text
	if isBullet(next) {
		return true
	}
	// "2. " or "b) " starting the line numbers a list item.
	if i+3 < len(toks) && isListMark(next) && toks[i+2].Start == toks[i+1].End &&
		(toks[i+2].Text == "." || toks[i+2].Text == ")") {
		if g := measureGap(text, toks[i+2].End, toks[i+3].Start); g.width > 0 && g.breaks == 0 {
			return true
		}
	}
	if !startsSentence(next) {
		return false
	}
	if g.indent >= lineIndent+2 { // a new paragraph in hard-wrapped text
		return true
	}
	return lineStart == start && isHeadline(toks[start:i+1]) && nextLineCloses(text, toks, i+1)
}

// nextLineCloses reports whether the line that starts with toks[k] ends a
// sentence: it ends with a terminator (and maybe closing quotes), or ends
// the text, or is too long to be a line of hard-wrapped text. A title-case
// line followed by such a line is a headline; followed by a line that
// breaks off mid-sentence, it is more likely the start of a hard-wrapped
// paragraph ("Standard Oil Co and BP North America\nInc said they plan to").
func nextLineCloses(text string, toks []Token, k int) bool {
	first := k
	for ; k < len(toks)-1; k++ {
		if toks[k].End-toks[first].Start > 100 {
			return true
		}
		if g := measureGap(text, toks[k].End, toks[k+1].Start); g.breaks > 0 {
			break
		}
	}
	if k == len(toks)-1 {
		return true
	}
	for k > first && isCloser(toks[k].Text) {
		k--
	}
	return isTerminator(toks[k].Text)
}

// startsSentence reports whether a sentence can start with t: an upper-case
// letter (or a letter of a script without case), a digit, an opening quote or
// bracket, or a currency sign.
func startsSentence(t string) bool {
	if t == "" {
		return false
	}
	c := t[0]
	if c < 0x80 {
		switch ascii[c] {
		case clUpper, clDigit:
			return true
		case clLower:
			return false
		}
		switch c {
		case '"', '\'', '(', '[', '{', '`', '$':
			return true
		}
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLetter(r) {
		return !unicode.IsLower(r)
	}
	if unicode.IsDigit(r) {
		return true
	}
	switch r {
	case '“', '‘', '«', '¿', '¡', '£', '€', '¥':
		return true
	}
	return false
}

// isOpener reports whether t opens a quotation.
func isOpener(t string) bool {
	switch t {
	case `"`, "“", "‘", "«", "``":
		return true
	}
	return false
}

func isBullet(t string) bool {
	switch t {
	case "-", "*", "•", "–", "—", "·", "‣", "◦", "▪", "■", "●", "○", "►", "✓", "✔":
		return true
	}
	return false
}

// isListMark reports whether t numbers a list item: digits or one letter.
func isListMark(t string) bool {
	if len(t) == 1 {
		return isAlnumASCII(t[0])
	}
	if len(t) > 3 {
		return false
	}
	for k := 0; k < len(t); k++ {
		if !isDigit(t[k]) {
			return false
		}
	}
	return true
}

// headlineMinor are the words a title-case headline leaves in lower case.
var headlineMinor = map[string]struct{}{}

func init() {
	for _, w := range []string{
		"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
		"in", "of", "off", "on", "per", "to", "up", "via", "vs", "vs.", "v.", "with", "from",
		"into", "over", "upon", "onto", "than", "amid", "after", "against", "about", "de",
		"la", "le", "van", "von", "der", "den", "al", "bin", "n't", "n’t",
	} {
		headlineMinor[w] = struct{}{}
	}
}

// isHeadline reports whether toks, a whole line, read as a title-case
// headline: every word capitalised except minor ones, and no word or
// punctuation at the end that would carry the sentence on to the next line.
func isHeadline(toks []Token) bool {
	if len(toks) > 40 {
		return false
	}
	caps := 0
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !isLetterRune(r) {
			continue
		}
		if !unicode.IsLower(r) {
			caps++
			continue
		}
		if _, ok := headlineMinor[t.Text]; !ok {
			return false
		}
	}
	switch last := toks[len(toks)-1].Text; last {
	case ",", ";", "(", "[", "-", "–", "—", "&", "/", "“", "‘", `"`:
		return false
	default:
		if _, ok := headlineMinor[last]; ok {
			return false
		}
	}
	return caps > 0
}
