package syntax

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a syntax error at a position in the query.
type Error struct {
	Pos Pos
	Msg string
	Src string // the query, to show the line with a caret
	// ReadOnly is set when the query tries to change the graph.
	ReadOnly bool
}

// Error says where and what, as "line 2, column 7: ...".
func (e *Error) Error() string {
	return fmt.Sprintf("syntax error at line %d, column %d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

// Detail is the error with the offending line of the query and a caret
// under the column, for showing to a person:
//
//	syntax error at line 1, column 10: expected ')' ...
//	  MATCH (n RETURN n
//	           ^
func (e *Error) Detail() string {
	line := sourceLine(e.Src, e.Pos.Line)
	if line == "" && e.Src == "" {
		return e.Error()
	}
	col := max(e.Pos.Col, 1)
	// Tabs stay tabs in the caret line so that it lines up.
	var pad strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
		i++
	}
	for ; i < col; i++ {
		pad.WriteByte(' ')
	}
	return fmt.Sprintf("%s\n  %s\n  %s^", e.Error(), line, pad.String())
}

func sourceLine(src string, n int) string {
	lines := strings.Split(src, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	l := strings.TrimRight(lines[n-1], "\r")
	if !utf8.ValidString(l) {
		l = strings.ToValidUTF8(l, "\uFFFD")
	}
	return l
}
