package query

import (
	"errors"
	"fmt"

	"kg/query/syntax"
)

// Error is an error found while planning (Kind "SemanticError", with the
// position of the mistake) or running (Kind "TypeError", "ArgumentError",
// ...) a query.
type Error struct {
	Kind string
	Pos  syntax.Pos // zero when unknown
	Msg  string
	Src  string
}

func (e *Error) Error() string {
	if e.Pos.Line > 0 {
		return fmt.Sprintf("%s at line %d, column %d: %s", kindText(e.Kind), e.Pos.Line, e.Pos.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", kindText(e.Kind), e.Msg)
}

func kindText(k string) string {
	switch k {
	case "SemanticError":
		return "error"
	case "TypeError":
		return "type error"
	case "ArgumentError":
		return "argument error"
	}
	return k
}

// Detail is the error with the line of the query and a caret under the
// column, when the position is known.
func (e *Error) Detail() string {
	if e.Pos.Line == 0 || e.Src == "" {
		return e.Error()
	}
	se := &syntax.Error{Pos: e.Pos, Msg: e.Msg, Src: e.Src}
	d := se.Detail()
	// Reuse the caret drawing; replace the first line.
	for i := 0; i < len(d); i++ {
		if d[i] == '\n' {
			return e.Error() + d[i:]
		}
	}
	return e.Error()
}

// Detail returns a multi-line description of err for people: syntax and
// planning errors show the query line with a caret.
func Detail(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		return se.Detail()
	}
	var qe *Error
	if errors.As(err, &qe) {
		return qe.Detail()
	}
	return err.Error()
}

// IsCompileError reports whether err was found before running the query:
// a syntax error or a semantic error.
func IsCompileError(err error) bool {
	var se *syntax.Error
	if errors.As(err, &se) {
		return true
	}
	var qe *Error
	return errors.As(err, &qe) && qe.Kind == "SemanticError"
}

func typeErrorf(format string, args ...any) error {
	return &Error{Kind: "TypeError", Msg: fmt.Sprintf(format, args...)}
}

func argErrorf(format string, args ...any) error {
	return &Error{Kind: "ArgumentError", Msg: fmt.Sprintf(format, args...)}
}

// ErrTimeout is returned when a query runs past its deadline.
var ErrTimeout = errors.New("the query ran out of time")

// ErrTooManyRows is returned when a query buffers more intermediate rows
// (for ORDER BY, DISTINCT or aggregation) than Options.MaxIntermediate.
var ErrTooManyRows = errors.New("the query produced too many intermediate rows")
