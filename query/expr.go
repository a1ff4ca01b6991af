package query

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"

	"kg/query/syntax"
)

// scope maps variable names to row slots. Hidden slots (anonymous pattern
// elements) have names starting with a space.
type scope struct {
	names []string
	index map[string]int
	// kinds says what a variable holds when that is known at compile
	// time: "node", "rel", "path", "value" (not a graph element) or "".
	kinds map[string]string
}

func newScope(names ...string) *scope {
	s := &scope{index: map[string]int{}, kinds: map[string]string{}}
	for _, n := range names {
		s.add(n)
	}
	return s
}

func (s *scope) add(name string) int {
	s.names = append(s.names, name)
	s.index[name] = len(s.names) - 1
	return len(s.names) - 1
}

func (s *scope) addKind(name, kind string) int {
	s.kinds[name] = kind
	return s.add(name)
}

func (s *scope) hidden() int { return s.add(fmt.Sprintf(" %d", len(s.names))) }

func (s *scope) lookup(name string) (int, bool) {
	i, ok := s.index[name]
	return i, ok
}

func (s *scope) clone() *scope {
	c := &scope{names: append([]string(nil), s.names...), index: make(map[string]int, len(s.index)), kinds: make(map[string]string, len(s.kinds))}
	for k, v := range s.index {
		c.index[k] = v
	}
	for k, v := range s.kinds {
		c.kinds[k] = v
	}
	return c
}

// visible lists the variables a person can name, in slot order.
func (s *scope) visible() []string {
	var out []string
	for i, n := range s.names {
		if !strings.HasPrefix(n, " ") && s.index[n] == i {
			out = append(out, n)
		}
	}
	return out
}

// env is what evaluation needs at run time.
type env struct {
	ctx    context.Context
	g      Graph
	params map[string]Value
	opts   *Options
	regex  map[string]*regexp.Regexp
	aggs   []Value // aggregate results of the group being projected
	ticks  int
}

// tick checks the deadline every so often.
func (e *env) tick() error {
	e.ticks++
	if e.ticks&1023 == 0 {
		if err := e.ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

type evalFn func(e *env, row []Value) (Value, error)

// compiler turns AST expressions into closures over row slots.
type compiler struct {
	src  string
	g    Graph
	opts *Options
	// aggs collects the aggregate calls of a projection item; nil where
	// aggregates are not allowed.
	aggs *[]*aggSpec
	// inAgg is set while compiling an aggregate's argument.
	inAgg bool
	// warn records a warning for the result.
	warn func(string)
}

func (c *compiler) errAt(pos syntax.Pos, format string, args ...any) error {
	return &Error{Kind: "SemanticError", Pos: pos, Msg: fmt.Sprintf(format, args...), Src: c.src}
}

func constFn(v Value) evalFn { return func(*env, []Value) (Value, error) { return v, nil } }

// expr compiles an expression. Sub-expressions without variables or
// parameters are computed once, here; an error in them is left for run
// time (the branch may never run).
func (c *compiler) expr(x syntax.Expr, sc *scope) (evalFn, error) {
	f, err := c.expr0(x, sc)
	if err != nil {
		return nil, err
	}
	if c.foldable(x) {
		if v, err := f(c.constEnv(), nil); err == nil {
			return constFn(v), nil
		}
	}
	return f, nil
}

// topExpr compiles a whole expression of a clause: a constant one that
// fails (NOT 'text', 1 / 0) is an error of the query, reported with its
// position before anything runs.
func (c *compiler) topExpr(x syntax.Expr, sc *scope) (evalFn, error) {
	f, err := c.expr0(x, sc)
	if err != nil {
		return nil, err
	}
	if c.foldable(x) {
		v, err := f(c.constEnv(), nil)
		if err != nil {
			msg := err.Error()
			var qe *Error
			if errors.As(err, &qe) {
				msg = qe.Msg
			}
			return nil, c.errAt(x.Position(), "%s", msg)
		}
		return constFn(v), nil
	}
	return f, nil
}

func (c *compiler) constEnv() *env {
	return &env{ctx: context.Background(), g: c.g, opts: c.opts}
}

// foldable reports whether an expression has the same value on every row.
func (c *compiler) foldable(x syntax.Expr) bool {
	if len(deps(x)) > 0 {
		return false
	}
	ok := true
	walkExpr(x, func(e syntax.Expr) {
		switch e := e.(type) {
		case *syntax.Param, *syntax.PatternExpr, *syntax.PatternComp:
			ok = false
		case *syntax.Call:
			if n := lower(e.Name); aggregates[n] || n == "rand" {
				ok = false
			}
		}
	})
	return ok
}

// kindOf says what an expression holds, when the syntax tells.
func kindOf(x syntax.Expr, sc *scope) string {
	switch x := x.(type) {
	case *syntax.Var:
		return sc.kinds[x.Name]
	case *syntax.Literal:
		if x.Value == nil {
			return ""
		}
		return "scalar"
	case *syntax.ListLit, *syntax.ListComp, *syntax.PatternComp:
		return "list"
	case *syntax.MapLit:
		return "map"
	}
	return ""
}

func (c *compiler) expr0(x syntax.Expr, sc *scope) (evalFn, error) {
	switch x := x.(type) {
	case *syntax.Literal:
		return constFn(x.Value), nil
	case *syntax.Param:
		name := x.Name
		return func(e *env, _ []Value) (Value, error) {
			v, ok := e.params[name]
			if !ok {
				return nil, &Error{Kind: "ParameterMissing", Msg: fmt.Sprintf("no value for $%s: pass --param %s=VALUE", name, name)}
			}
			return v, nil
		}, nil
	case *syntax.Var:
		i, ok := sc.lookup(x.Name)
		if !ok {
			return nil, c.undefined(x.Pos, x.Name, sc)
		}
		return func(_ *env, row []Value) (Value, error) { return row[i], nil }, nil
	case *syntax.ListLit:
		fns, err := c.exprs(x.Elems, sc)
		if err != nil {
			return nil, err
		}
		return func(e *env, row []Value) (Value, error) {
			out := make([]Value, len(fns))
			for i, f := range fns {
				v, err := f(e, row)
				if err != nil {
					return nil, err
				}
				out[i] = v
			}
			return out, nil
		}, nil
	case *syntax.MapLit:
		fns, err := c.exprs(x.Values, sc)
		if err != nil {
			return nil, err
		}
		keys := x.Keys
		return func(e *env, row []Value) (Value, error) {
			out := make(map[string]Value, len(fns))
			for i, f := range fns {
				v, err := f(e, row)
				if err != nil {
					return nil, err
				}
				out[keys[i]] = v
			}
			return out, nil
		}, nil
	case *syntax.Property:
		switch k := kindOf(x.X, sc); k {
		case "scalar", "list", "path":
			return nil, c.errAt(x.Pos, "cannot read property %s of a %s", x.Key, k)
		}
		f, err := c.expr(x.X, sc)
		if err != nil {
			return nil, err
		}
		key := x.Key
		return func(e *env, row []Value) (Value, error) {
			v, err := f(e, row)
			if err != nil {
				return nil, err
			}
			return property(v, key)
		}, nil
	case *syntax.Index:
		return c.index(x, sc)
	case *syntax.Slice:
		return c.slice(x, sc)
	case *syntax.Unary:
		f, err := c.expr(x.X, sc)
		if err != nil {
			return nil, err
		}
		return unaryFn(x.Op, f), nil
	case *syntax.Binary:
		return c.binary(x, sc)
	case *syntax.IsNull:
		f, err := c.expr(x.X, sc)
		if err != nil {
			return nil, err
		}
		not := x.Not
		return func(e *env, row []Value) (Value, error) {
			v, err := f(e, row)
			if err != nil {
				return nil, err
			}
			return (v == nil) != not, nil
		}, nil
	case *syntax.HasLabels:
		f, err := c.expr(x.X, sc)
		if err != nil {
			return nil, err
		}
		labels := x.Labels
		c.checkLabels(x.Pos, labels)
		return func(e *env, row []Value) (Value, error) {
			v, err := f(e, row)
			if err != nil || v == nil {
				return nil, err
			}
			n, ok := v.(*Node)
			if !ok {
				return nil, typeErrorf("label check on %s, not a node", typeName(v))
			}
			for _, l := range labels {
				if !n.HasLabel(l) {
					return false, nil
				}
			}
			return true, nil
		}, nil
	case *syntax.Call:
		return c.call(x, sc)
	case *syntax.Case:
		return c.caseExpr(x, sc)
	case *syntax.ListComp:
		return c.listComp(x, sc)
	case *syntax.Quantifier:
		return c.quantifier(x, sc)
	case *syntax.PatternExpr:
		return c.patternExpr(x, sc)
	case *syntax.PatternComp:
		return c.patternComp(x, sc)
	}
	return nil, c.errAt(x.Position(), "unsupported expression")
}

func (c *compiler) undefined(pos syntax.Pos, name string, sc *scope) error {
	vis := sc.visible()
	if len(vis) == 0 {
		return c.errAt(pos, "variable `%s` is not defined", name)
	}
	return c.errAt(pos, "variable `%s` is not defined (in scope: %s)", name, strings.Join(vis, ", "))
}

func (c *compiler) exprs(xs []syntax.Expr, sc *scope) ([]evalFn, error) {
	out := make([]evalFn, len(xs))
	for i, x := range xs {
		f, err := c.expr(x, sc)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

func (c *compiler) checkLabels(pos syntax.Pos, labels []string) {
	lg, ok := c.g.(Labeled)
	if !ok || c.warn == nil {
		return
	}
	known := lg.Labels()
	for _, l := range labels {
		if !contains(known, l) {
			c.warn(fmt.Sprintf("line %d, column %d: no node has the label %s (labels: %s)", pos.Line, pos.Col, l, strings.Join(known, ", ")))
		}
	}
}

func (c *compiler) checkTypes(pos syntax.Pos, types []string) {
	lg, ok := c.g.(Labeled)
	if !ok || c.warn == nil {
		return
	}
	known := lg.RelTypes()
	for _, t := range types {
		if !contains(known, t) {
			c.warn(fmt.Sprintf("line %d, column %d: no relationship has the type %s (types: %s)", pos.Line, pos.Col, t, strings.Join(known, ", ")))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// property reads v.key for nodes, relationships, maps and dates.
func property(v Value, key string) (Value, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case *Node:
		return x.Prop(key)
	case *Rel:
		return x.Prop(key)
	case map[string]Value:
		return x[key], nil
	case Date:
		switch key {
		case "year":
			if x.Year == 0 {
				return nil, nil
			}
			return int64(x.Year), nil
		case "month":
			if x.Month == 0 {
				return nil, nil
			}
			return int64(x.Month), nil
		case "day":
			if x.Day == 0 {
				return nil, nil
			}
			return int64(x.Day), nil
		case "text":
			return x.Text, nil
		}
		return nil, nil
	}
	return nil, typeErrorf("cannot read property %q of %s %s", key, typeName(v), Format(v))
}

func unaryFn(op string, f evalFn) evalFn {
	return func(e *env, row []Value) (Value, error) {
		v, err := f(e, row)
		if err != nil || v == nil {
			return nil, err
		}
		switch op {
		case "NOT":
			b, ok := v.(bool)
			if !ok {
				return nil, typeErrorf("NOT needs a boolean, got %s", typeName(v))
			}
			return !b, nil
		case "-":
			switch n := v.(type) {
			case int64:
				if n == math.MinInt64 {
					return nil, argErrorf("integer overflow in -%d", n)
				}
				return -n, nil
			case float64:
				return -n, nil
			}
			return nil, typeErrorf("cannot negate %s", typeName(v))
		case "+":
			switch v.(type) {
			case int64, float64:
				return v, nil
			}
			return nil, typeErrorf("unary + needs a number, got %s", typeName(v))
		}
		return nil, fmt.Errorf("unknown operator %s", op)
	}
}

func (c *compiler) binary(x *syntax.Binary, sc *scope) (evalFn, error) {
	l, err := c.expr(x.L, sc)
	if err != nil {
		return nil, err
	}
	r, err := c.expr(x.R, sc)
	if err != nil {
		return nil, err
	}
	op := x.Op
	switch op {
	case "AND", "OR", "XOR":
		for _, side := range []syntax.Expr{x.L, x.R} {
			if notBoolean(side) {
				return nil, c.errAt(side.Position(), "%s needs booleans", op)
			}
		}
		return logicFn(op, l, r), nil
	case "=~":
		if lit, ok := x.R.(*syntax.Literal); ok {
			if s, ok := lit.Value.(string); ok {
				if _, err := regexp.Compile(s); err != nil {
					return nil, c.errAt(x.R.Position(), "bad regular expression %q: %v", s, err)
				}
			}
		}
	}
	return func(e *env, row []Value) (Value, error) {
		a, err := l(e, row)
		if err != nil {
			return nil, err
		}
		b, err := r(e, row)
		if err != nil {
			return nil, err
		}
		return binaryOp(e, op, a, b)
	}, nil
}

func logicFn(op string, l, r evalFn) evalFn {
	return func(e *env, row []Value) (Value, error) {
		a, err := l(e, row)
		if err != nil {
			return nil, err
		}
		if a, err = truth(a); err != nil {
			return nil, err
		}
		// Short-circuit where the answer is known.
		if op == "AND" && a == false {
			return false, nil
		}
		if op == "OR" && a == true {
			return true, nil
		}
		b, err := r(e, row)
		if err != nil {
			return nil, err
		}
		if b, err = truth(b); err != nil {
			return nil, err
		}
		switch op {
		case "AND":
			if b == false {
				return false, nil
			}
			if a == nil || b == nil {
				return nil, nil
			}
			return true, nil
		case "OR":
			if b == true {
				return true, nil
			}
			if a == nil || b == nil {
				return nil, nil
			}
			return false, nil
		}
		if a == nil || b == nil {
			return nil, nil
		}
		return a.(bool) != b.(bool), nil
	}
}

func binaryOp(e *env, op string, a, b Value) (Value, error) {
	switch op {
	case "=":
		return equal(a, b), nil
	case "<>":
		v := equal(a, b)
		if v == nil {
			return nil, nil
		}
		return !v.(bool), nil
	case "<", "<=", ">", ">=":
		if a == nil || b == nil {
			return nil, nil
		}
		if isNumber(a) && isNumber(b) && (math.IsNaN(toFloat(a)) || math.IsNaN(toFloat(b))) {
			return false, nil
		}
		cmp, ok := compare(a, b)
		if !ok {
			return nil, nil
		}
		switch op {
		case "<":
			return cmp < 0, nil
		case "<=":
			return cmp <= 0, nil
		case ">":
			return cmp > 0, nil
		}
		return cmp >= 0, nil
	case "IN":
		if b == nil {
			return nil, nil
		}
		list, ok := b.([]Value)
		if !ok {
			return nil, typeErrorf("IN needs a list on its right, got %s", typeName(b))
		}
		var unknown bool
		for _, x := range list {
			switch equal(a, x) {
			case true:
				return true, nil
			case nil:
				unknown = true
			}
		}
		if unknown {
			return nil, nil
		}
		return false, nil
	case "STARTS WITH", "ENDS WITH", "CONTAINS":
		s, ok1 := a.(string)
		t, ok2 := b.(string)
		if !ok1 || !ok2 {
			return nil, nil
		}
		switch op {
		case "STARTS WITH":
			return strings.HasPrefix(s, t), nil
		case "ENDS WITH":
			return strings.HasSuffix(s, t), nil
		}
		return strings.Contains(s, t), nil
	case "=~":
		s, ok1 := a.(string)
		pat, ok2 := b.(string)
		if !ok1 || !ok2 {
			return nil, nil
		}
		re, ok := e.regex[pat]
		if !ok {
			var err error
			re, err = regexp.Compile("^(?:" + pat + ")$")
			if err != nil {
				return nil, argErrorf("bad regular expression %q: %v", pat, err)
			}
			if e.regex == nil {
				e.regex = map[string]*regexp.Regexp{}
			}
			e.regex[pat] = re
		}
		return re.MatchString(s), nil
	case "+", "-", "*", "/", "%", "^":
		return arith(op, a, b)
	}
	return nil, fmt.Errorf("unknown operator %s", op)
}

func arith(op string, a, b Value) (Value, error) {
	if a == nil || b == nil {
		return nil, nil
	}
	if op == "+" {
		switch x := a.(type) {
		case string:
			switch y := b.(type) {
			case string:
				return x + y, nil
			case int64, float64, bool:
				return x + Format(y), nil
			}
		case []Value:
			if y, ok := b.([]Value); ok {
				out := make([]Value, 0, len(x)+len(y))
				return append(append(out, x...), y...), nil
			}
			out := make([]Value, 0, len(x)+1)
			return append(append(out, x...), b), nil
		}
		switch y := b.(type) {
		case string:
			switch a.(type) {
			case int64, float64, bool:
				return Format(a) + y, nil
			}
		case []Value:
			out := make([]Value, 0, len(y)+1)
			return append(append(out, a), y...), nil
		}
	}
	xi, xInt := a.(int64)
	yi, yInt := b.(int64)
	if xInt && yInt {
		switch op {
		case "+":
			s := xi + yi
			if (s > xi) != (yi > 0) {
				return nil, argErrorf("integer overflow in %d + %d", xi, yi)
			}
			return s, nil
		case "-":
			s := xi - yi
			if (s < xi) != (yi > 0) {
				return nil, argErrorf("integer overflow in %d - %d", xi, yi)
			}
			return s, nil
		case "*":
			if xi != 0 && yi != 0 {
				p := xi * yi
				if p/yi != xi || (xi == -1 && yi == math.MinInt64) || (yi == -1 && xi == math.MinInt64) {
					return nil, argErrorf("integer overflow in %d * %d", xi, yi)
				}
				return p, nil
			}
			return int64(0), nil
		case "/":
			if yi == 0 {
				return nil, argErrorf("division by zero")
			}
			return xi / yi, nil
		case "%":
			if yi == 0 {
				return nil, argErrorf("division by zero")
			}
			return xi % yi, nil
		case "^":
			return math.Pow(float64(xi), float64(yi)), nil
		}
	}
	if !isNumber(a) || !isNumber(b) {
		return nil, typeErrorf("cannot apply %s to %s and %s", op, typeName(a), typeName(b))
	}
	x, y := toFloat(a), toFloat(b)
	switch op {
	case "+":
		return x + y, nil
	case "-":
		return x - y, nil
	case "*":
		return x * y, nil
	case "/":
		return x / y, nil
	case "%":
		return math.Mod(x, y), nil
	}
	return math.Pow(x, y), nil
}

func isNumber(v Value) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

func (c *compiler) index(x *syntax.Index, sc *scope) (evalFn, error) {
	f, err := c.expr(x.X, sc)
	if err != nil {
		return nil, err
	}
	ix, err := c.expr(x.Index, sc)
	if err != nil {
		return nil, err
	}
	return func(e *env, row []Value) (Value, error) {
		v, err := f(e, row)
		if err != nil {
			return nil, err
		}
		i, err := ix(e, row)
		if err != nil {
			return nil, err
		}
		if v == nil || i == nil {
			return nil, nil
		}
		switch l := v.(type) {
		case []Value:
			n, ok := i.(int64)
			if !ok {
				return nil, typeErrorf("a list index must be an integer, got %s", typeName(i))
			}
			if n < 0 {
				n += int64(len(l))
			}
			if n < 0 || n >= int64(len(l)) {
				return nil, nil
			}
			return l[n], nil
		case map[string]Value, *Node, *Rel:
			k, ok := i.(string)
			if !ok {
				return nil, typeErrorf("a map key must be a string, got %s", typeName(i))
			}
			return property(v, k)
		}
		return nil, typeErrorf("cannot index %s", typeName(v))
	}, nil
}

func (c *compiler) slice(x *syntax.Slice, sc *scope) (evalFn, error) {
	f, err := c.expr(x.X, sc)
	if err != nil {
		return nil, err
	}
	var from, to evalFn
	if x.From != nil {
		if from, err = c.expr(x.From, sc); err != nil {
			return nil, err
		}
	}
	if x.To != nil {
		if to, err = c.expr(x.To, sc); err != nil {
			return nil, err
		}
	}
	return func(e *env, row []Value) (Value, error) {
		v, err := f(e, row)
		if err != nil || v == nil {
			return nil, err
		}
		l, ok := v.([]Value)
		if !ok {
			return nil, typeErrorf("cannot slice %s", typeName(v))
		}
		n := int64(len(l))
		lo, hi := int64(0), n
		for i, b := range []evalFn{from, to} {
			if b == nil {
				continue
			}
			bv, err := b(e, row)
			if err != nil {
				return nil, err
			}
			if bv == nil {
				return nil, nil
			}
			k, ok := bv.(int64)
			if !ok {
				return nil, typeErrorf("a slice bound must be an integer, got %s", typeName(bv))
			}
			if k < 0 {
				k += n
			}
			k = max(0, min(k, n))
			if i == 0 {
				lo = k
			} else {
				hi = k
			}
		}
		if lo >= hi {
			return []Value{}, nil
		}
		return append([]Value(nil), l[lo:hi]...), nil
	}, nil
}

func (c *compiler) caseExpr(x *syntax.Case, sc *scope) (evalFn, error) {
	var test evalFn
	var err error
	if x.Test != nil {
		if test, err = c.expr(x.Test, sc); err != nil {
			return nil, err
		}
	}
	whens, err := c.exprs(x.Whens, sc)
	if err != nil {
		return nil, err
	}
	thens, err := c.exprs(x.Thens, sc)
	if err != nil {
		return nil, err
	}
	els := constFn(nil)
	if x.Else != nil {
		if els, err = c.expr(x.Else, sc); err != nil {
			return nil, err
		}
	}
	return func(e *env, row []Value) (Value, error) {
		var tv Value
		if test != nil {
			if tv, err = test(e, row); err != nil {
				return nil, err
			}
		}
		for i, w := range whens {
			wv, err := w(e, row)
			if err != nil {
				return nil, err
			}
			hit := false
			if test != nil {
				hit = equal(tv, wv) == true
			} else {
				hit = wv == true
			}
			if hit {
				return thens[i](e, row)
			}
		}
		return els(e, row)
	}, nil
}

// local compiles parts of an expression that see one more variable, bound
// in an extra slot at the end of the row.
func (c *compiler) local(name string, sc *scope, parts ...syntax.Expr) ([]evalFn, error) {
	inner := sc.clone()
	inner.add(name) // at slot len(sc.names)
	out := make([]evalFn, len(parts))
	for i, p := range parts {
		if p == nil {
			continue
		}
		f, err := c.expr(p, inner)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

func listArg(v Value, what string) ([]Value, error) {
	if v == nil {
		return nil, nil
	}
	l, ok := v.([]Value)
	if !ok {
		return nil, typeErrorf("%s needs a list, got %s", what, typeName(v))
	}
	return l, nil
}

func (c *compiler) listComp(x *syntax.ListComp, sc *scope) (evalFn, error) {
	for _, part := range []syntax.Expr{x.Where, x.Map} {
		if part != nil && hasAggregate(part) {
			return nil, c.errAt(part.Position(), "aggregate functions are not allowed in a list comprehension")
		}
	}
	list, err := c.expr(x.List, sc)
	if err != nil {
		return nil, err
	}
	fs, err := c.local(x.Var, sc, x.Where, x.Map)
	if err != nil {
		return nil, err
	}
	where, mapf := fs[0], fs[1]
	slot := len(sc.names)
	return func(e *env, row []Value) (Value, error) {
		lv, err := list(e, row)
		if err != nil {
			return nil, err
		}
		l, err := listArg(lv, "a list comprehension")
		if err != nil || lv == nil {
			return nil, err
		}
		out := []Value{}
		inner := make([]Value, slot+1)
		copy(inner, row)
		for _, v := range l {
			inner[slot] = v
			if where != nil {
				ok, err := where(e, inner)
				if err != nil {
					return nil, err
				}
				if ok != true {
					continue
				}
			}
			if mapf != nil {
				if v, err = mapf(e, inner); err != nil {
					return nil, err
				}
			}
			out = append(out, v)
		}
		return out, nil
	}, nil
}

func (c *compiler) quantifier(x *syntax.Quantifier, sc *scope) (evalFn, error) {
	list, err := c.expr(x.List, sc)
	if err != nil {
		return nil, err
	}
	fs, err := c.local(x.Var, sc, x.Where)
	if err != nil {
		return nil, err
	}
	where, kind := fs[0], x.Kind
	slot := len(sc.names)
	return func(e *env, row []Value) (Value, error) {
		lv, err := list(e, row)
		if err != nil {
			return nil, err
		}
		l, err := listArg(lv, kind+"()")
		if err != nil || lv == nil {
			return nil, err
		}
		inner := make([]Value, slot+1)
		copy(inner, row)
		trues, nulls := 0, 0
		for _, v := range l {
			inner[slot] = v
			r, err := where(e, inner)
			if err != nil {
				return nil, err
			}
			if r, err = truth(r); err != nil {
				return nil, err
			}
			switch r {
			case true:
				trues++
			case nil:
				nulls++
			}
		}
		falses := len(l) - trues - nulls
		switch kind {
		case "all":
			if falses > 0 {
				return false, nil
			}
			if nulls > 0 {
				return nil, nil
			}
			return true, nil
		case "any":
			if trues > 0 {
				return true, nil
			}
			if nulls > 0 {
				return nil, nil
			}
			return false, nil
		case "none":
			if trues > 0 {
				return false, nil
			}
			if nulls > 0 {
				return nil, nil
			}
			return true, nil
		}
		// single
		if trues > 1 {
			return false, nil
		}
		if nulls > 0 {
			return nil, nil
		}
		return trues == 1, nil
	}, nil
}

// patternExpr compiles a pattern predicate: true when the pattern has at
// least one match with the row's bindings.
func (c *compiler) patternExpr(x *syntax.PatternExpr, sc *scope) (evalFn, error) {
	for _, n := range x.Pattern.Nodes {
		if _, ok := sc.lookup(n.Var); n.Var != "" && !ok {
			return nil, c.errAt(n.Pos, "variable `%s` is not defined: a pattern used as a condition can only name variables bound before it", n.Var)
		}
	}
	for _, r := range x.Pattern.Rels {
		if _, ok := sc.lookup(r.Var); r.Var != "" && !ok {
			return nil, c.errAt(r.Pos, "variable `%s` is not defined: a pattern used as a condition can only name variables bound before it", r.Var)
		}
	}
	inner := sc.clone()
	m, err := c.planMatch(&syntax.Match{Pos: x.Pos, Patterns: []*syntax.Pattern{x.Pattern}}, inner, true)
	if err != nil {
		return nil, err
	}
	width := len(inner.names)
	return func(e *env, row []Value) (Value, error) {
		r := make([]Value, width)
		copy(r, row)
		found := false
		err := m.run(e, r, func([]Value) error { found = true; return errFound })
		if err != nil && err != errFound {
			return nil, err
		}
		return found, nil
	}, nil
}

// patternComp compiles [(a)-->(b) WHERE cond | expr]: the list of expr for
// every match of the pattern with the row's bindings.
func (c *compiler) patternComp(x *syntax.PatternComp, sc *scope) (evalFn, error) {
	for _, part := range []syntax.Expr{x.Where, x.Map} {
		if part != nil && hasAggregate(part) {
			return nil, c.errAt(part.Position(), "aggregate functions are not allowed in a pattern comprehension")
		}
	}
	inner := sc.clone()
	m, err := c.planMatch(&syntax.Match{Pos: x.Pos, Patterns: []*syntax.Pattern{x.Pattern}, Where: x.Where}, inner, true)
	if err != nil {
		return nil, err
	}
	mapf, err := c.expr(x.Map, inner)
	if err != nil {
		return nil, err
	}
	width := len(inner.names)
	return func(e *env, row []Value) (Value, error) {
		r := make([]Value, width)
		copy(r, row)
		out := []Value{}
		err := m.run(e, r, func(match []Value) error {
			v, err := mapf(e, match)
			if err != nil {
				return err
			}
			out = append(out, v)
			if len(out) > e.opts.MaxIntermediate {
				return fmt.Errorf("%w: a pattern comprehension with more than %d elements", ErrTooManyRows, e.opts.MaxIntermediate)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	}, nil
}

// notBoolean reports whether an expression is a literal that cannot be a
// boolean.
func notBoolean(x syntax.Expr) bool {
	switch x := x.(type) {
	case *syntax.Literal:
		_, isBool := x.Value.(bool)
		return x.Value != nil && !isBool
	case *syntax.ListLit, *syntax.MapLit, *syntax.ListComp:
		return true
	}
	return false
}
