package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a token of a text.
type Token struct {
	// Text is the token's surface form, text[Start:End]: a substring of the
	// input, never a copy and never normalised (see Norm).
	Text string
	// Start and End are byte offsets into the original text.
	Start, End int
}

// Tokenize returns the tokens of text, without splitting it into sentences.
func Tokenize(text string) []Token {
	return AppendTokens(make([]Token, 0, estimateTokens(len(text))), text)
}

// estimateTokens guesses the number of tokens in n bytes of English prose
// (about one token per five bytes) so that one allocation usually suffices.
func estimateTokens(n int) int { return n/5 + 8 }

// ASCII character classes.
const (
	clSep   = iota // white space and control characters
	clLower        // a-z
	clUpper        // A-Z
	clDigit        // 0-9
	clPunct        // every other printable ASCII character
	clHigh         // a byte >= 0x80: decode the rune
)

var ascii = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 0x80:
			t[c] = clHigh
		case c <= ' ' || c == 0x7f:
			t[c] = clSep
		case c >= 'a' && c <= 'z':
			t[c] = clLower
		case c >= 'A' && c <= 'Z':
			t[c] = clUpper
		case c >= '0' && c <= '9':
			t[c] = clDigit
		default:
			t[c] = clPunct
		}
	}
	return t
}()

func isDigit(c byte) bool       { return c-'0' < 10 }
func isLetterASCII(c byte) bool { return (c|0x20)-'a' < 26 }
func isAlnumASCII(c byte) bool  { return isDigit(c) || isLetterASCII(c) }
func isUpperASCII(c byte) bool  { return c-'A' < 26 }

// Typographic characters with a role in tokenizing.
const (
	rightSingleQuote = '\u2019' // ’ apostrophe and closing single quote
	ellipsis         = '\u2026' // …
)

// isSepRune reports whether r separates tokens: Unicode white space, control
// characters, zero-width spaces, the byte order mark and bidi controls.
func isSepRune(r rune) bool {
	if r < 0x80 {
		return ascii[r] == clSep
	}
	switch {
	case r < 0xa0: // C1 controls, including U+0085 NEL
		return true
	case r == 0x200b, r == 0xfeff, r == 0x2060, r == 0x180e, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return unicode.IsSpace(r)
}

// isWordRune reports whether r can be part of a word: letters, marks, digits
// and other numbers, soft hyphens, zero-width (non-)joiners, and
// utf8.RuneError (an invalid byte or U+FFFD, typically a mis-decoded letter).
func isWordRune(r rune) bool {
	if r < 0x80 {
		return isAlnumASCII(byte(r))
	}
	if r == utf8.RuneError || r == 0xad || r == 0x200c || r == 0x200d {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

func isLetterRune(r rune) bool {
	if r < 0x80 {
		return isLetterASCII(byte(r))
	}
	return unicode.IsLetter(r)
}

func isUpperRune(r rune) bool {
	if r < 0x80 {
		return isUpperASCII(byte(r))
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// wordCharAt reports whether a word character starts at s[k].
func wordCharAt(s string, k int) bool {
	if k >= len(s) {
		return false
	}
	c := s[k]
	if c < 0x80 {
		return isAlnumASCII(c)
	}
	r, _ := utf8.DecodeRuneInString(s[k:])
	return isWordRune(r)
}

// wordCharBefore reports whether a word character ends at s[k-1].
func wordCharBefore(s string, k int) bool {
	if k <= 0 {
		return false
	}
	c := s[k-1]
	if c < 0x80 {
		return isAlnumASCII(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:k])
	return isWordRune(r)
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice. It allocates only when dst has to grow.
func AppendTokens(dst []Token, text string) []Token {
	s := text
	n := len(s)
	i := 0
	for i < n {
		c := s[i]
		var e int
		switch ascii[c] {
		case clSep:
			i++
			continue
		case clLower, clUpper, clDigit:
			if c|0x20 == 'h' || c|0x20 == 'w' || c|0x20 == 'f' {
				e = urlEnd(s, i)
			}
			if e == 0 {
				e = scanWord(s, i)
			}
		case clPunct:
			e = scanPunct(s, i)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError:
				e = scanWord(s, i)
			case isSepRune(r):
				i += size
				continue
			case r == rightSingleQuote:
				e = scanApostrophe(s, i, size)
			case isWordRune(r):
				e = scanWord(s, i)
			default:
				e = scanSymbol(s, i, r, size)
			}
		}
		dst = append(dst, Token{Text: s[i:e], Start: i, End: e})
		i = e
	}
	return dst
}

// scanWord returns the end of the word that starts with the word character
// at s[start]. Words take in inner hyphens, inner periods (numbers,
// abbreviations, domain names), digit-separating commas, colons and slashes,
// inner apostrophes that are not clitics, "&" between capitals ("AT&T"), the
// final period of an abbreviation, and a following "@domain" that makes an
// e-mail address.
func scanWord(s string, start int) int {
	return splitFused(s, start, scanWordRaw(s, start))
}

// scanWordRaw is scanWord without splitFused.
func scanWordRaw(s string, start int) int {
	n := len(s)
	i := start
	seg := 0 // characters since the word start or the last inner period
	for i < n {
		c := s[i]
		if c < 0x80 {
			switch ascii[c] {
			case clLower, clUpper, clDigit:
				i++
				seg++
				continue
			}
			switch c {
			case '-':
				if wordCharAt(s, i+1) {
					i++
					seg = 0
					continue
				}
			case '.':
				if i+1 < n && wordCharAt(s, i+1) {
					d := s[i+1]
					// "3.5", "U.S", "e.g", "google.com" go on; "end.The" stops,
					// unless it is an e-mail address or a domain ("Newsfeed.Com").
					if seg <= 2 || isDigit(d) || d-'a' < 26 || isTLD(s, i+1) {
						i++
						seg = 0
						continue
					}
					if e := emailAhead(s, start, i); e > 0 {
						return e
					}
					return i
				}
				e, more := wordPeriod(s, start, i)
				if more {
					i = e + 1 // past the hyphen of "U.S.-led"
					seg = 0
					continue
				}
				return e
			case ',', ':', '/':
				if isDigit(s[i-1]) && i+1 < n && isDigit(s[i+1]) {
					i++
					continue
				}
			case '&':
				if isUpperASCII(s[i-1]) && i+1 < n && isUpperASCII(s[i+1]) {
					i++
					continue
				}
			case '_':
				if wordCharAt(s, i+1) {
					i++
					continue
				}
			case '\'':
				e, more := apostropheInWord(s, start, i, 1)
				if more {
					i++
					continue
				}
				return e
			case '@':
				if e := emailEnd(s, start, i); e > 0 {
					return e
				}
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i += size
			seg++
			continue
		}

		switch r {
		case rightSingleQuote:
			e, more := apostropheInWord(s, start, i, size)
			if more {
				i += size
				continue
			}
			return e
		case '\u2010', '\u2011': // hyphen, non-breaking hyphen
			if wordCharAt(s, i+size) {
				i += size
				seg = 0
				continue
			}
		}
		return i
	}
	return i
}

// wordPeriod decides about the period at s[dot] that follows the word
// s[start:dot]. It returns the end of the word: dot+1 if the word is an
// abbreviation that keeps its period, dot otherwise. more is true when the
// abbreviation goes on with a hyphen ("U.S.-led"); the hyphen is at s[end].
func wordPeriod(s string, start, dot int) (end int, more bool) {
	if dot+1 < len(s) && s[dot+1] == '.' { // "and..." or "etc..."
		return dot, false
	}
	w := s[start:dot]
	k := abbrevKind(w)
	if k == abbrNone {
		// "R-Ariz.", "D-N.Y.": the part after the last hyphen.
		if h := strings.LastIndexByte(w, '-'); h >= 0 {
			k = abbrevKind(w[h+1:])
		}
	}
	switch k {
	case abbrNone:
		return dot, false
	case abbrNumber:
		if !numberFollows(s, dot+1) {
			return dot, false
		}
	}
	end = dot + 1
	if end+1 < len(s) && s[end] == '-' && wordCharAt(s, end+1) {
		return end, true
	}
	return end, false
}

// numberFollows reports whether a digit or "#" follows s[k:] after spaces.
func numberFollows(s string, k int) bool {
	for k < len(s) {
		switch c := s[k]; {
		case c == ' ':
			k++
		case c == 0xc2 && k+1 < len(s) && s[k+1] == 0xa0: // no-break space
			k += 2
		default:
			return isDigit(c) || c == '#'
		}
	}
	return false
}

// apostropheInWord decides about the apostrophe (of size bytes) at s[i],
// inside the word that started at s[start]. Either the word ends at end
// (before a clitic "'s", or before the "n" of "n't"; or for good when
// nothing word-like follows), or more is true and the apostrophe is part of
// the word ("O'Neil", "rock'n'roll").
func apostropheInWord(s string, start, i, size int) (end int, more bool) {
	j := i + size
	k := j
	for k < len(s) && isLetterASCII(s[k]) {
		k++
	}
	if k == j {
		// No ASCII letter follows: go on only into another word character.
		return i, wordCharAt(s, j)
	}
	if !wordCharAt(s, k) {
		w := s[j:k]
		if isClitic(w) {
			return i, false
		}
		if (w == "t" || w == "T") && (s[i-1] == 'n' || s[i-1] == 'N') {
			if i-1 > start {
				return i - 1, false // "do|n't"
			}
			return k, false // the "n't" itself
		}
	}
	return 0, true
}

// scanApostrophe returns the end of the token that starts with the apostrophe
// (ASCII or U+2019, of size bytes) at s[i]: a clitic ("'s", "’re"), a decade
// ("'90s"), "”", or the apostrophe alone.
func scanApostrophe(s string, i, size int) int {
	n := len(s)
	j := i + size
	if j >= n {
		return j
	}
	if size == 1 && s[j] == '\'' {
		return j + 1
	}
	k := j
	for k < n && isLetterASCII(s[k]) {
		k++
	}
	if k > j && !wordCharAt(s, k) && isClitic(s[j:k]) {
		return k
	}
	if isDigit(s[j]) {
		k = j
		for k < n && isDigit(s[k]) {
			k++
		}
		if k-j == 2 {
			if k < n && s[k] == 's' {
				k++
			}
			if !wordCharAt(s, k) {
				return k
			}
		}
	}
	return j
}

// scanPunct returns the end of the token that starts with the ASCII
// punctuation character at s[i].
func scanPunct(s string, i int) int {
	n := len(s)
	c := s[i]
	switch c {
	case '.':
		if i+1 < n && s[i+1] == '.' {
			return runOf(s, i, '.')
		}
		if i+1 < n && isDigit(s[i+1]) && !wordCharBefore(s, i) { // ".5"
			return scanWord(s, i+1)
		}
	case '-':
		if i+1 < n && (s[i+1] == '-' || s[i+1] == '=') {
			return lineEnd(s, i)
		}
		fallthrough
	case '+':
		if i+1 < n && isDigit(s[i+1]) && !wordCharBefore(s, i) { // "-12", "+3.5"
			return scanWord(s, i+1)
		}
	case '!', '?':
		j := i + 1
		for j < n && (s[j] == '!' || s[j] == '?') {
			j++
		}
		return j
	case '`', '<', '>', '|', '\\', '^', '$', '%', '&':
		return runOf(s, i, c)
	case '=', '_', '*', '~':
		return lineEnd(s, i)
	case ':', ';':
		if e := emoticonEnd(s, i); e > 0 {
			return e
		}
	case '\'':
		return scanApostrophe(s, i, 1)
	case '@': // @handle
		j := i + 1
		for j < n && (isAlnumASCII(s[j]) || s[j] == '_') {
			j++
		}
		return j
	case '#': // #hashtag
		if i+1 < n && s[i+1] == '#' {
			return runOf(s, i, '#')
		}
		j := i + 1
		for j < n {
			if s[j] == '_' || isAlnumASCII(s[j]) {
				j++
				continue
			}
			if s[j] < 0x80 {
				break
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError || !isWordRune(r) {
				break
			}
			j += size
		}
		return j
	}
	return i + 1
}

// lineEnd returns the end of a run of the characters "-=_*~" that starts at
// s[i]: rules and decorations such as "----==" or "*****" are one token.
func lineEnd(s string, i int) int {
	j := i + 1
	for j < len(s) {
		switch s[j] {
		case '-', '=', '_', '*', '~':
			j++
			continue
		}
		break
	}
	return j
}

// emoticonEnd returns the end of the emoticon (":)", ";-)", ":D", ...) that
// starts at s[i] after a space or at the start of the text, or 0.
func emoticonEnd(s string, i int) int {
	if i > 0 && ascii[s[i-1]] != clSep {
		return 0
	}
	j := i + 1
	if j < len(s) && s[j] == '-' {
		j++
	}
	if j >= len(s) {
		return 0
	}
	switch s[j] {
	case ')', '(', 'D', 'P', 'p':
		if !wordCharAt(s, j+1) {
			return j + 1
		}
	}
	return 0
}

func runOf(s string, i int, c byte) int {
	j := i + 1
	for j < len(s) && s[j] == c {
		j++
	}
	return j
}

// scanSymbol returns the end of the token that starts with the non-ASCII
// symbol or punctuation rune r (of size bytes) at s[i]. Combining marks,
// variation selectors, skin tones and zero-width-joined sequences stay with
// the symbol, so an emoji is one token; so is a flag (a pair of regional
// indicators).
func scanSymbol(s string, i int, r rune, size int) int {
	n := len(s)
	e := i + size
	if r >= 0x1f1e6 && r <= 0x1f1ff && e < n {
		if r2, sz := utf8.DecodeRuneInString(s[e:]); r2 >= 0x1f1e6 && r2 <= 0x1f1ff {
			return e + sz
		}
	}
	for e < n && s[e] >= 0x80 {
		r2, sz := utf8.DecodeRuneInString(s[e:])
		switch {
		case r2 == 0x200d: // zero-width joiner: take the next rune too
			e += sz
			if e < n {
				if r3, sz3 := utf8.DecodeRuneInString(s[e:]); r3 != utf8.RuneError && !isSepRune(r3) {
					e += sz3
				}
			}
		case r2 >= 0x1f3fb && r2 <= 0x1f3ff, r2 != utf8.RuneError && unicode.In(r2, unicode.Mn, unicode.Me):
			e += sz
		default:
			return e
		}
	}
	return e
}

// urlEnd returns the end of the URL that starts at s[i] ("http://",
// "https://", "ftp://" or "www."), or 0 if none starts there. The URL runs to
// the next space, quote or angle bracket, or an unbalanced closing bracket;
// trailing sentence punctuation is left out.
func urlEnd(s string, i int) int {
	n := len(s)
	p := 0
	switch {
	case hasPrefixFold(s[i:], "http://"):
		p = 7
	case hasPrefixFold(s[i:], "https://"):
		p = 8
	case hasPrefixFold(s[i:], "ftp://"):
		p = 6
	case hasPrefixFold(s[i:], "www.") && i+4 < n && isAlnumASCII(s[i+4]):
		p = 4
	default:
		return 0
	}
	j := i + p
	paren, bracket := 0, 0
scan:
	for j < n {
		c := s[j]
		if c < 0x80 {
			switch {
			case ascii[c] == clSep, c == '"', c == '<', c == '>', c == '`':
				break scan
			case c == '(':
				paren++
			case c == ')':
				if paren == 0 {
					break scan
				}
				paren--
			case c == '[':
				bracket++
			case c == ']':
				if bracket == 0 {
					break scan
				}
				bracket--
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		switch r {
		case '\u2018', '\u2019', '\u201c', '\u201d', '\u00ab', '\u00bb', ellipsis:
			break scan
		}
		if isSepRune(r) {
			break scan
		}
		j += size
	}
	for j > i+p {
		switch s[j-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			j--
			continue
		}
		break
	}
	if j == i+p {
		return 0
	}
	return j
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if isLetterASCII(c) {
			c |= 0x20
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

// emailEnd returns the end of the e-mail address whose "@" is at s[at] and
// whose local part starts at s[start], or 0 if there is none.
func emailEnd(s string, start, at int) int {
	if at == start {
		return 0
	}
	for k := start; k < at; k++ {
		c := s[k]
		if !isAlnumASCII(c) && c != '.' && c != '_' && c != '%' && c != '+' && c != '-' {
			return 0
		}
	}
	n := len(s)
	k := at + 1
	labels := 0
	var last string
	for {
		ls := k
		for k < n && (isAlnumASCII(s[k]) || s[k] == '-') {
			k++
		}
		if k == ls {
			return 0
		}
		labels++
		last = s[ls:k]
		if k+1 < n && s[k] == '.' && isAlnumASCII(s[k+1]) {
			k++
			continue
		}
		break
	}
	if labels < 2 || len(last) < 2 {
		return 0
	}
	for q := 0; q < len(last); q++ {
		if !isLetterASCII(last[q]) {
			return 0
		}
	}
	return k
}

// splitFused returns where the word s[start:end] ends once the fused forms
// PTB splits are split: "cannot" -> "can" "not", "gonna" -> "gon" "na",
// "wanna", "gotta", "outta" likewise.
func splitFused(s string, start, end int) int {
	switch end - start {
	case 6:
		if equalFold(s[start:end], "cannot") {
			return start + 3
		}
	case 5:
		w := s[start:end]
		if equalFold(w, "gonna") || equalFold(w, "wanna") || equalFold(w, "gotta") || equalFold(w, "outta") {
			return start + 3
		}
	}
	return end
}

// equalFold reports whether the ASCII word w equals lower, ignoring case.
func equalFold(w, lower string) bool {
	if len(w) != len(lower) {
		return false
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if isLetterASCII(c) {
			c |= 0x20
		}
		if c != lower[k] {
			return false
		}
	}
	return true
}

// isTLD reports whether s[k:] starts with a common top-level domain followed
// by the end of the word ("Com" in "Newsfeed.Com").
func isTLD(s string, k int) bool {
	if k+3 > len(s) || wordCharAt(s, k+3) {
		return false
	}
	w := s[k : k+3]
	return equalFold(w, "com") || equalFold(w, "org") || equalFold(w, "net") || equalFold(w, "gov") || equalFold(w, "edu")
}

// emailAhead returns the end of the e-mail address that starts at s[start]
// if one does, its local part going on past s[dot]; 0 otherwise.
func emailAhead(s string, start, dot int) int {
	for k := dot + 1; k < len(s) && k-start < 128; k++ {
		c := s[k]
		if c == '@' {
			return emailEnd(s, start, k)
		}
		if !isAlnumASCII(c) && c != '.' && c != '_' && c != '%' && c != '+' && c != '-' {
			return 0
		}
	}
	return 0
}
