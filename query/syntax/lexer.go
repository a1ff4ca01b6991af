// Package syntax turns the text of a Cypher query into an AST: a lexer, a
// recursive-descent parser for kg's read-only openCypher subset, and syntax
// errors that point at the line and column of the mistake.
package syntax

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind is the kind of a token.
type TokenKind int

// Token kinds.
const (
	TokEOF TokenKind = iota
	TokIdent
	TokQuotedIdent // `back ticked`
	TokInt
	TokFloat
	TokString
	TokParam // $name or $0
	TokPunct // operators and punctuation: ( ) [ ] { } , . .. : | = <> < > <= >= =~ + - * / % ^ -> <- ;
	TokIllegal
)

func (k TokenKind) String() string {
	switch k {
	case TokEOF:
		return "end of input"
	case TokIdent, TokQuotedIdent:
		return "identifier"
	case TokInt:
		return "integer"
	case TokFloat:
		return "float"
	case TokString:
		return "string"
	case TokParam:
		return "parameter"
	case TokPunct:
		return "symbol"
	}
	return "illegal character"
}

// Pos is a position in the query text: a byte offset and a 1-based line and
// column (the column counts runes).
type Pos struct {
	Offset int `json:"-"`
	Line   int `json:"line"`
	Col    int `json:"col"`
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Token is one lexical token. Text is the token as written, except for
// strings and quoted identifiers, whose Text is the decoded value.
type Token struct {
	Kind TokenKind
	Text string
	Pos  Pos
	End  int // byte offset just past the token
}

// is reports whether the token is the punctuation or (case-insensitive)
// keyword s.
func (t Token) is(s string) bool {
	switch t.Kind {
	case TokPunct:
		return t.Text == s
	case TokIdent:
		return strings.EqualFold(t.Text, s)
	}
	return false
}

func (t Token) describe() string {
	switch t.Kind {
	case TokEOF:
		return "end of input"
	case TokString:
		return fmt.Sprintf("string %q", t.Text)
	case TokQuotedIdent:
		return "`" + t.Text + "`"
	case TokIllegal:
		return fmt.Sprintf("%q", t.Text)
	}
	return "'" + t.Text + "'"
}

// Lexer splits a query into tokens.
type Lexer struct {
	src  string
	off  int
	line int
	col  int
}

// NewLexer returns a lexer over src.
func NewLexer(src string) *Lexer { return &Lexer{src: src, line: 1, col: 1} }

// Tokens lexes the whole input; the last token is TokEOF. A lexical error
// (an unterminated string or comment, a bad escape, an illegal character) is
// returned as a *Error.
func Tokens(src string) ([]Token, error) {
	lx := NewLexer(src)
	var toks []Token
	for {
		t, err := lx.Next()
		if err != nil {
			return toks, err
		}
		toks = append(toks, t)
		if t.Kind == TokEOF {
			return toks, nil
		}
	}
}

func (lx *Lexer) pos() Pos { return Pos{Offset: lx.off, Line: lx.line, Col: lx.col} }

func (lx *Lexer) peekRune(ahead int) rune {
	off := lx.off
	for i := 0; ; i++ {
		if off >= len(lx.src) {
			return -1
		}
		r, n := utf8.DecodeRuneInString(lx.src[off:])
		if i == ahead {
			return r
		}
		off += n
	}
}

func (lx *Lexer) advance() rune {
	r, n := utf8.DecodeRuneInString(lx.src[lx.off:])
	lx.off += n
	if r == '\n' {
		lx.line++
		lx.col = 1
	} else {
		lx.col++
	}
	return r
}

func (lx *Lexer) errorf(p Pos, format string, args ...any) error {
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...), Src: lx.src}
}

// skipSpace skips white space and comments.
func (lx *Lexer) skipSpace() error {
	for lx.off < len(lx.src) {
		r := lx.peekRune(0)
		switch {
		case unicode.IsSpace(r):
			lx.advance()
		case r == '/' && lx.peekRune(1) == '/':
			for lx.off < len(lx.src) && lx.peekRune(0) != '\n' {
				lx.advance()
			}
		case r == '/' && lx.peekRune(1) == '*':
			start := lx.pos()
			lx.advance()
			lx.advance()
			for {
				if lx.off >= len(lx.src) {
					return lx.errorf(start, "unterminated comment: close it with */")
				}
				if lx.peekRune(0) == '*' && lx.peekRune(1) == '/' {
					lx.advance()
					lx.advance()
					break
				}
				lx.advance()
			}
		default:
			return nil
		}
	}
	return nil
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// Next returns the next token.
func (lx *Lexer) Next() (Token, error) {
	if err := lx.skipSpace(); err != nil {
		return Token{}, err
	}
	start := lx.pos()
	tok := func(k TokenKind, text string) (Token, error) {
		return Token{Kind: k, Text: text, Pos: start, End: lx.off}, nil
	}
	if lx.off >= len(lx.src) {
		return tok(TokEOF, "")
	}
	r := lx.peekRune(0)
	switch {
	case r == utf8.RuneError && lx.off < len(lx.src):
		if _, n := utf8.DecodeRuneInString(lx.src[lx.off:]); n == 1 {
			lx.advance()
			return Token{}, lx.errorf(start, "invalid UTF-8 in the query")
		}
	case isIdentStart(r):
		for lx.off < len(lx.src) && isIdentPart(lx.peekRune(0)) {
			lx.advance()
		}
		return tok(TokIdent, lx.src[start.Offset:lx.off])
	case r >= '0' && r <= '9', r == '.' && isDigit(lx.peekRune(1)):
		return lx.number(start)
	case r == '\'' || r == '"':
		return lx.str(start, r)
	case r == '`':
		lx.advance()
		var b strings.Builder
		for {
			if lx.off >= len(lx.src) {
				return Token{}, lx.errorf(start, "unterminated `quoted name`")
			}
			c := lx.advance()
			if c == '`' {
				if lx.peekRune(0) == '`' { // `` is an escaped back tick
					lx.advance()
					b.WriteRune('`')
					continue
				}
				break
			}
			b.WriteRune(c)
		}
		return tok(TokQuotedIdent, b.String())
	case r == '$':
		lx.advance()
		p := lx.off
		for lx.off < len(lx.src) && isIdentPart(lx.peekRune(0)) {
			lx.advance()
		}
		if lx.off == p {
			return Token{}, lx.errorf(start, "a parameter needs a name after $, as in $name")
		}
		return tok(TokParam, lx.src[p:lx.off])
	}
	for _, p := range []string{"..", "<>", "<=", ">=", "=~", "->", "<-", "+="} {
		if strings.HasPrefix(lx.src[lx.off:], p) {
			lx.advance()
			lx.advance()
			return tok(TokPunct, p)
		}
	}
	if strings.ContainsRune("()[]{},.:|=<>+-*/%^;!", r) {
		lx.advance()
		return tok(TokPunct, string(r))
	}
	// Dashes and arrows that word processors put in.
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		lx.advance()
		return tok(TokPunct, "-")
	case '\u27e8', '\u3008', '\ufe64', '\uff1c':
		lx.advance()
		return tok(TokPunct, "<")
	case '\u27e9', '\u3009', '\ufe65', '\uff1e':
		lx.advance()
		return tok(TokPunct, ">")
	}
	lx.advance()
	return Token{}, lx.errorf(start, "unexpected character %q", r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func (lx *Lexer) number(start Pos) (Token, error) {
	done := func(k TokenKind) (Token, error) {
		if lx.off < len(lx.src) && isIdentPart(lx.peekRune(0)) {
			for lx.off < len(lx.src) && isIdentPart(lx.peekRune(0)) {
				lx.advance()
			}
			return Token{}, lx.errorf(start, "invalid number %q", lx.src[start.Offset:lx.off])
		}
		return Token{Kind: k, Text: lx.src[start.Offset:lx.off], Pos: start, End: lx.off}, nil
	}
	if lx.peekRune(0) == '0' && (lx.peekRune(1) == 'x' || lx.peekRune(1) == 'o') {
		hex := lx.peekRune(1) == 'x'
		lx.advance()
		lx.advance()
		p := lx.off
		for lx.off < len(lx.src) {
			c := lx.peekRune(0)
			if isDigit(c) && (hex || c < '8') || hex && strings.ContainsRune("abcdefABCDEF", c) {
				lx.advance()
				continue
			}
			break
		}
		if lx.off == p {
			return Token{}, lx.errorf(start, "invalid number %q", lx.src[start.Offset:lx.off])
		}
		return done(TokInt)
	}
	kind := TokInt
	for lx.off < len(lx.src) && isDigit(lx.peekRune(0)) {
		lx.advance()
	}
	// A '.' followed by a digit is a decimal point; "1..3" is a range.
	if lx.peekRune(0) == '.' && isDigit(lx.peekRune(1)) {
		kind = TokFloat
		lx.advance()
		for lx.off < len(lx.src) && isDigit(lx.peekRune(0)) {
			lx.advance()
		}
	}
	if c := lx.peekRune(0); c == 'e' || c == 'E' {
		n := 1
		if s := lx.peekRune(1); s == '+' || s == '-' {
			n = 2
		}
		if isDigit(lx.peekRune(n)) {
			kind = TokFloat
			for range n {
				lx.advance()
			}
			for lx.off < len(lx.src) && isDigit(lx.peekRune(0)) {
				lx.advance()
			}
		}
	}
	return done(kind)
}

func (lx *Lexer) str(start Pos, quote rune) (Token, error) {
	lx.advance()
	var b strings.Builder
	for {
		if lx.off >= len(lx.src) {
			return Token{}, lx.errorf(start, "unterminated string: close it with %c", quote)
		}
		p := lx.pos()
		c := lx.advance()
		if c == quote {
			break
		}
		if c != '\\' {
			b.WriteRune(c)
			continue
		}
		if lx.off >= len(lx.src) {
			return Token{}, lx.errorf(start, "unterminated string: close it with %c", quote)
		}
		e := lx.advance()
		switch e {
		case '\\', '\'', '"':
			b.WriteRune(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			v := 0
			for range n {
				d := lx.peekRune(0)
				x := hexVal(d)
				if x < 0 {
					return Token{}, lx.errorf(p, "bad escape \\%c: want %d hex digits", e, n)
				}
				lx.advance()
				v = v*16 + x
			}
			if !utf8.ValidRune(rune(v)) {
				return Token{}, lx.errorf(p, "bad escape: U+%X is not a character", v)
			}
			b.WriteRune(rune(v))
		default:
			return Token{}, lx.errorf(p, "bad escape \\%c in a string", e)
		}
	}
	return Token{Kind: TokString, Text: b.String(), Pos: start, End: lx.off}, nil
}

func hexVal(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}
