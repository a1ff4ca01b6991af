package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"kg/query/syntax"
)

// Options limit and parameterize a query.
type Options struct {
	// Params are the values of $name parameters.
	Params map[string]Value
	// Timeout bounds the run (0: only the caller's context).
	Timeout time.Duration
	// MaxRows stops the query after this many result rows and marks the
	// result truncated (0: no limit).
	MaxRows int
	// MaxIntermediate bounds the rows buffered for ORDER BY, DISTINCT and
	// aggregation, and the size of lists built by range() (default 2,000,000).
	MaxIntermediate int
	// MaxHops bounds variable-length relationships: *..n may not ask for
	// more, and * stops there (default 10).
	MaxHops int
}

// Defaults for Options.
const (
	DefaultMaxHops         = 10
	DefaultMaxIntermediate = 2_000_000
)

func (o *Options) fill() {
	if o.MaxHops <= 0 {
		o.MaxHops = DefaultMaxHops
	}
	if o.MaxIntermediate <= 0 {
		o.MaxIntermediate = DefaultMaxIntermediate
	}
}

// Result is the outcome of a query.
type Result struct {
	Columns []string
	Rows    [][]Value
	// Truncated is set when the query had more rows than Options.MaxRows.
	Truncated bool
	// Warnings point out likely mistakes (an unknown label, a clamped
	// variable-length relationship).
	Warnings []string
}

// Prepared is a parsed and planned query, ready to run.
type Prepared struct {
	src      string
	g        Graph
	opts     Options
	parts    []*pipeline
	unionAll []bool
	columns  []string
	warnings []string
	plan     []string
}

// Columns are the names of the result's columns.
func (p *Prepared) Columns() []string { return p.columns }

// Plan describes how the query will run, one line per step.
func (p *Prepared) Plan() []string { return p.plan }

// Warnings found while planning.
func (p *Prepared) Warnings() []string { return p.warnings }

// pipeline is one single query: a chain of operators built per run.
type pipeline struct {
	build func(out sink) sink
}

// Prepare parses and plans a query for a graph.
func Prepare(src string, g Graph, opts Options) (*Prepared, error) {
	q, err := syntax.Parse(src)
	if err != nil {
		return nil, err
	}
	return PrepareAST(src, q, g, opts)
}

// PrepareAST plans a parsed query.
func PrepareAST(src string, q *syntax.Query, g Graph, opts Options) (*Prepared, error) {
	opts.fill()
	p := &Prepared{src: src, g: g, opts: opts, unionAll: q.UnionAll}
	seenWarn := map[string]bool{}
	c := &compiler{src: src, g: g, opts: &p.opts, warn: func(w string) {
		if !seenWarn[w] {
			seenWarn[w] = true
			p.warnings = append(p.warnings, w)
		}
	}}
	for i, sq := range q.Parts {
		pl, cols, plan, err := c.single(sq)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			p.columns = cols
		} else if strings.Join(cols, "\x00") != strings.Join(p.columns, "\x00") {
			return nil, &Error{Kind: "SemanticError", Pos: sq.Clauses[0].Position(), Src: src,
				Msg: fmt.Sprintf("all parts of a UNION must return the same columns: %s vs %s", strings.Join(p.columns, ", "), strings.Join(cols, ", "))}
		}
		if len(q.Parts) > 1 {
			p.plan = append(p.plan, fmt.Sprintf("part %d of the UNION:", i+1))
		}
		p.plan = append(p.plan, plan...)
		p.parts = append(p.parts, pl)
	}
	return p, nil
}

// Run parses, plans and runs a query.
func Run(ctx context.Context, g Graph, src string, opts Options) (*Result, error) {
	p, err := Prepare(src, g, opts)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx)
}

// Run runs the prepared query with its options' parameters.
func (p *Prepared) Run(ctx context.Context) (*Result, error) {
	return p.RunParams(ctx, p.opts.Params)
}

// RunParams runs the prepared query with parameters.
func (p *Prepared) RunParams(ctx context.Context, params map[string]Value) (*Result, error) {
	if p.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.opts.Timeout)
		defer cancel()
	}
	e := &env{ctx: ctx, g: p.g, params: params, opts: &p.opts}
	res := &Result{Columns: p.columns, Rows: [][]Value{}, Warnings: p.warnings}
	var out sink = &resultSink{res: res, max: p.opts.MaxRows}
	if len(p.parts) > 1 && !allTrue(p.unionAll) {
		out = &distinctSink{next: out, width: len(p.columns), seen: map[string]bool{}}
	}
	for _, part := range p.parts {
		if res.Truncated {
			break
		}
		first := part.build(&passSink{next: out})
		err := first.push(e, []Value{})
		if err == nil || errors.Is(err, errStop) {
			err = first.done(e)
		}
		if err != nil && !errors.Is(err, errStop) {
			return nil, runError(ctx, err)
		}
	}
	if err := out.done(e); err != nil && !errors.Is(err, errStop) {
		return nil, runError(ctx, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, runError(ctx, err)
	}
	return res, nil
}

func allTrue(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return false
		}
	}
	return true
}

func runError(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	return err
}

// errStop tells producers that no more rows are wanted.
var errStop = errors.New("enough rows")

// sink receives rows. done flushes what is buffered and passes done on.
type sink interface {
	push(e *env, row []Value) error
	done(e *env) error
}

// passSink forwards rows but not done: the UNION's shared tail is
// finished once, after every part.
type passSink struct{ next sink }

func (s *passSink) push(e *env, row []Value) error { return s.next.push(e, row) }
func (s *passSink) done(*env) error                { return nil }

type resultSink struct {
	res *Result
	max int
}

func (s *resultSink) push(_ *env, row []Value) error {
	if s.max > 0 && len(s.res.Rows) >= s.max {
		s.res.Truncated = true
		return errStop
	}
	s.res.Rows = append(s.res.Rows, row)
	return nil
}
func (s *resultSink) done(*env) error { return nil }

// single compiles one single query into a pipeline.
func (c *compiler) single(sq *syntax.SingleQuery) (*pipeline, []string, []string, error) {
	sc := newScope()
	var stages []func(next sink) sink
	var plan []string
	var columns []string
	for _, cl := range sq.Clauses {
		switch cl := cl.(type) {
		case *syntax.Match:
			mp, err := c.planMatch(cl, sc, false)
			if err != nil {
				return nil, nil, nil, err
			}
			kw := "MATCH"
			if cl.Optional {
				kw = "OPTIONAL MATCH"
			}
			plan = append(plan, fmt.Sprintf("%s (line %d)", kw, cl.Pos.Line))
			for _, d := range mp.desc {
				plan = append(plan, "  "+d)
			}
			width, optional := len(sc.names), cl.Optional
			stages = append(stages, func(next sink) sink { return &matchSink{plan: mp, width: width, optional: optional, next: next} })
		case *syntax.Unwind:
			if hasAggregate(cl.Expr) {
				return nil, nil, nil, c.errAt(cl.Expr.Position(), "aggregate functions are not allowed in UNWIND")
			}
			f, err := c.topExpr(cl.Expr, sc)
			if err != nil {
				return nil, nil, nil, err
			}
			if i, ok := sc.lookup(cl.Var); ok && !strings.HasPrefix(sc.names[i], " ") {
				return nil, nil, nil, c.errAt(cl.Pos, "variable `%s` is already defined", cl.Var)
			}
			sc.add(cl.Var)
			width := len(sc.names)
			plan = append(plan, fmt.Sprintf("UNWIND (line %d) as %s", cl.Pos.Line, cl.Var))
			stages = append(stages, func(next sink) sink { return &unwindSink{f: f, width: width, next: next} })
		case *syntax.With:
			if cl.Where != nil && hasAggregate(cl.Where) {
				return nil, nil, nil, c.errAt(cl.Where.Position(), "aggregate functions are not allowed in WHERE; aggregate in WITH, then filter with WHERE")
			}
			st, nsc, _, err := c.projection(cl.Proj, sc, false, cl.Where)
			if err != nil {
				return nil, nil, nil, err
			}
			sc = nsc
			plan = append(plan, fmt.Sprintf("WITH (line %d): %s", cl.Pos.Line, strings.Join(sc.visible(), ", ")))
			stages = append(stages, st...)
		case *syntax.Return:
			st, _, cols, err := c.projection(cl.Proj, sc, true, nil)
			if err != nil {
				return nil, nil, nil, err
			}
			columns = cols
			plan = append(plan, fmt.Sprintf("RETURN (line %d): %s", cl.Pos.Line, strings.Join(cols, ", ")))
			stages = append(stages, st...)
		case *syntax.Create:
			st, err := c.compileCreate(cl, sc)
			if err != nil {
				return nil, nil, nil, err
			}
			plan = append(plan, fmt.Sprintf("CREATE (line %d)", cl.Pos.Line))
			stages = append(stages, st)
		}
	}
	build := func(out sink) sink {
		s := out
		for i := len(stages) - 1; i >= 0; i-- {
			s = stages[i](s)
		}
		return s
	}
	return &pipeline{build: build}, columns, plan, nil
}

// ---- MATCH, UNWIND, WHERE

type matchSink struct {
	plan     *matchPlan
	width    int
	optional bool
	next     sink
}

func (s *matchSink) push(e *env, row []Value) error {
	r := make([]Value, s.width)
	copy(r, row)
	found := false
	err := s.plan.run(e, r, func(out []Value) error {
		found = true
		return s.next.push(e, out)
	})
	if err != nil {
		return err
	}
	if !found && s.optional {
		out := make([]Value, s.width)
		copy(out, row)
		return s.next.push(e, out)
	}
	return nil
}
func (s *matchSink) done(e *env) error { return s.next.done(e) }

type unwindSink struct {
	f     evalFn
	width int
	next  sink
}

func (s *unwindSink) push(e *env, row []Value) error {
	v, err := s.f(e, row)
	if err != nil {
		return err
	}
	list, ok := v.([]Value)
	if !ok {
		if v == nil {
			return nil
		}
		list = []Value{v}
	}
	for _, x := range list {
		if err := e.tick(); err != nil {
			return err
		}
		out := make([]Value, s.width)
		copy(out, row)
		out[s.width-1] = x
		if err := s.next.push(e, out); err != nil {
			return err
		}
	}
	return nil
}
func (s *unwindSink) done(e *env) error { return s.next.done(e) }

type filterSink struct {
	f    evalFn
	next sink
}

func (s *filterSink) push(e *env, row []Value) error {
	ok, err := passes(e, []evalFn{s.f}, row)
	if err != nil || !ok {
		return err
	}
	return s.next.push(e, row)
}
func (s *filterSink) done(e *env) error { return s.next.done(e) }

// ---- WITH and RETURN

type projItem struct {
	name string
	fn   evalFn
	agg  bool
	kind string
}

// projection compiles WITH or RETURN: the stages it adds and the scope
// after it.
func (c *compiler) projection(p *syntax.Projection, sc *scope, isReturn bool, where syntax.Expr) ([]func(sink) sink, *scope, []string, error) {
	var items []projItem
	var aggs []*aggSpec
	names := map[string]bool{}
	add := func(it projItem, pos syntax.Pos) error {
		if names[it.name] {
			return c.errAt(pos, "column `%s` appears twice: give one a different name with AS", it.name)
		}
		names[it.name] = true
		items = append(items, it)
		return nil
	}
	if p.Star {
		vis := sc.visible()
		sort.Strings(vis)
		if len(vis) == 0 {
			return nil, nil, nil, c.errAt(syntax.Pos{}, "RETURN * and WITH * need at least one variable")
		}
		for _, v := range vis {
			i, _ := sc.lookup(v)
			slot := i
			if err := add(projItem{name: v, kind: sc.kinds[v], fn: func(_ *env, row []Value) (Value, error) { return row[slot], nil }}, syntax.Pos{}); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	var itemKeys []string
	for _, it := range p.Items {
		if !isReturn && it.Alias == "" {
			if _, ok := it.Expr.(*syntax.Var); !ok {
				return nil, nil, nil, c.errAt(it.Expr.Position(), "an expression in WITH needs a name: write %s AS name", it.Text)
			}
		}
		c.aggs = &aggs
		before := len(aggs)
		f, err := c.topExpr(it.Expr, sc)
		c.aggs = nil
		if err != nil {
			return nil, nil, nil, err
		}
		kind := kindOf(it.Expr, sc)
		if err := add(projItem{name: it.Name(), fn: f, agg: len(aggs) > before, kind: kind}, it.Expr.Position()); err != nil {
			return nil, nil, nil, err
		}
		itemKeys = append(itemKeys, exprKey(it.Expr))
	}
	starN := len(items) - len(p.Items)
	out := newScope()
	for _, it := range items {
		out.addKind(it.name, it.kind)
	}
	grouping := len(aggs) > 0
	if grouping {
		// Outside its aggregates, an expression may only use variables
		// that are grouping keys, so that it has one value per group.
		for _, it := range p.Items {
			if hasAggregate(it.Expr) {
				if err := c.checkGrouping(it.Expr, p, sc, isReturn); err != nil {
					return nil, nil, nil, err
				}
			}
		}
	}
	// ORDER BY sees the projected names, and, without aggregation or
	// DISTINCT, the variables before the projection too.
	combined := out
	keepInput := !grouping && !p.Distinct && (len(p.Order) > 0 || where != nil)
	if keepInput {
		combined = out.clone()
		for _, n := range sc.names {
			if _, ok := combined.lookup(n); ok {
				combined.add(" shadowed " + n)
				continue
			}
			combined.add(n)
		}
	}
	type sortKey struct {
		fn   evalFn
		desc bool
	}
	var keys []sortKey
	for _, o := range p.Order {
		k := exprKey(o.Expr)
		found := -1
		for i, ik := range itemKeys {
			if ik == k {
				found = starN + i
			}
		}
		if found >= 0 {
			slot := found
			keys = append(keys, sortKey{fn: func(_ *env, row []Value) (Value, error) { return row[slot], nil }, desc: o.Desc})
			continue
		}
		if hasAggregate(o.Expr) {
			if !grouping {
				return nil, nil, nil, c.errAt(o.Expr.Position(), "ORDER BY an aggregate needs one in %s too", map[bool]string{true: "RETURN", false: "WITH"}[isReturn])
			}
			// A hidden column computed with the other aggregates.
			if err := c.checkGrouping(o.Expr, p, sc, isReturn); err != nil {
				return nil, nil, nil, err
			}
			c.aggs = &aggs
			f, err := c.topExpr(o.Expr, sc)
			c.aggs = nil
			if err != nil {
				return nil, nil, nil, err
			}
			items = append(items, projItem{name: fmt.Sprintf(" order %d", len(items)), fn: f, agg: true})
			slot := len(items) - 1
			keys = append(keys, sortKey{fn: func(_ *env, row []Value) (Value, error) { return row[slot], nil }, desc: o.Desc})
			continue
		}
		f, err := c.topExpr(o.Expr, combined)
		if err != nil {
			return nil, nil, nil, err
		}
		keys = append(keys, sortKey{fn: f, desc: o.Desc})
	}
	var skip, limit evalFn
	for i, x := range []syntax.Expr{p.Skip, p.Limit} {
		if x == nil {
			continue
		}
		if len(deps(x)) > 0 {
			return nil, nil, nil, c.errAt(x.Position(), "SKIP and LIMIT take a number or a $parameter, not a variable")
		}
		f, err := c.topExpr(x, newScope())
		if err != nil {
			return nil, nil, nil, err
		}
		if c.foldable(x) {
			l := &limitSink{skip: f}
			if err := l.init(c.constEnv()); err != nil {
				var qe *Error
				msg := err.Error()
				if errors.As(err, &qe) {
					msg = qe.Msg
				}
				return nil, nil, nil, c.errAt(x.Position(), "%s", strings.Replace(msg, "SKIP", []string{"SKIP", "LIMIT"}[i], 1))
			}
		}
		if i == 0 {
			skip = f
		} else {
			limit = f
		}
	}
	width := out.visibleCount()
	hidden := len(items) > width
	var stages []func(sink) sink
	if grouping {
		stages = append(stages, func(next sink) sink {
			return &aggregateSink{items: items, aggs: aggs, inWidth: len(sc.names), next: next, groups: map[string]*group{}}
		})
	} else {
		stages = append(stages, func(next sink) sink { return &projectSink{items: items, keepInput: keepInput, next: next} })
	}
	if p.Distinct {
		stages = append(stages, func(next sink) sink { return &distinctSink{next: next, width: width, seen: map[string]bool{}} })
	}
	if len(keys) > 0 {
		fns := make([]evalFn, len(keys))
		desc := make([]bool, len(keys))
		for i, k := range keys {
			fns[i], desc[i] = k.fn, k.desc
		}
		stages = append(stages, func(next sink) sink { return &sortSink{keys: fns, desc: desc, next: next} })
	}
	if skip != nil || limit != nil {
		stages = append(stages, func(next sink) sink { return &limitSink{skip: skip, limit: limit, next: next} })
	}
	if where != nil {
		f, err := c.topExpr(where, combined)
		if err != nil {
			return nil, nil, nil, err
		}
		stages = append(stages, func(next sink) sink { return &filterSink{f: f, next: next} })
	}
	if keepInput || hidden {
		stages = append(stages, func(next sink) sink { return &cutSink{width: width, next: next} })
	}
	cols := make([]string, width)
	for i, it := range items[:width] {
		cols[i] = it.name
	}
	return stages, out, cols, nil
}

type projectSink struct {
	items     []projItem
	keepInput bool
	next      sink
}

func (s *projectSink) push(e *env, row []Value) error {
	n := len(s.items)
	if s.keepInput {
		n += len(row)
	}
	out := make([]Value, n)
	for i, it := range s.items {
		v, err := it.fn(e, row)
		if err != nil {
			return err
		}
		out[i] = v
	}
	if s.keepInput {
		copy(out[len(s.items):], row)
	}
	return s.next.push(e, out)
}
func (s *projectSink) done(e *env) error { return s.next.done(e) }

type group struct {
	keys []Value
	row  []Value
	accs []*accumulator
}

type aggregateSink struct {
	items   []projItem
	aggs    []*aggSpec
	inWidth int
	groups  map[string]*group
	order   []*group
	next    sink
}

func (s *aggregateSink) push(e *env, row []Value) error {
	var kb strings.Builder
	keys := make([]Value, len(s.items))
	for i, it := range s.items {
		if it.agg {
			continue
		}
		v, err := it.fn(e, row)
		if err != nil {
			return err
		}
		keys[i] = v
		writeKey(&kb, v)
		kb.WriteByte('|')
	}
	k := kb.String()
	g, ok := s.groups[k]
	if !ok {
		if len(s.groups) >= e.opts.MaxIntermediate {
			return fmt.Errorf("%w: more than %d groups", ErrTooManyRows, e.opts.MaxIntermediate)
		}
		g = &group{keys: keys, row: row}
		for _, a := range s.aggs {
			g.accs = append(g.accs, newAccumulator(a))
		}
		s.groups[k] = g
		s.order = append(s.order, g)
	}
	for _, a := range g.accs {
		if err := a.add(e, row); err != nil {
			return err
		}
	}
	return nil
}

func (s *aggregateSink) done(e *env) error {
	grouped := false
	for _, it := range s.items {
		if !it.agg {
			grouped = true
		}
	}
	if len(s.order) == 0 && !grouped {
		// Aggregates over no rows: one row (count 0, collect []).
		g := &group{keys: make([]Value, len(s.items)), row: make([]Value, s.inWidth)}
		for _, a := range s.aggs {
			g.accs = append(g.accs, newAccumulator(a))
		}
		s.order = append(s.order, g)
	}
	for _, g := range s.order {
		e.aggs = make([]Value, len(g.accs))
		for i, a := range g.accs {
			v, err := a.result()
			if err != nil {
				return err
			}
			e.aggs[i] = v
		}
		out := make([]Value, len(s.items))
		for i, it := range s.items {
			if !it.agg {
				out[i] = g.keys[i]
				continue
			}
			v, err := it.fn(e, g.row)
			if err != nil {
				return err
			}
			out[i] = v
		}
		if err := s.next.push(e, out); err != nil {
			if errors.Is(err, errStop) {
				break
			}
			return err
		}
	}
	e.aggs = nil
	return s.next.done(e)
}

type distinctSink struct {
	next  sink
	width int
	seen  map[string]bool
}

func (s *distinctSink) push(e *env, row []Value) error {
	var kb strings.Builder
	for _, v := range row[:min(s.width, len(row))] {
		writeKey(&kb, v)
		kb.WriteByte('|')
	}
	k := kb.String()
	if s.seen[k] {
		return nil
	}
	if len(s.seen) >= e.opts.MaxIntermediate {
		return fmt.Errorf("%w: more than %d distinct rows", ErrTooManyRows, e.opts.MaxIntermediate)
	}
	s.seen[k] = true
	return s.next.push(e, row)
}
func (s *distinctSink) done(e *env) error { return s.next.done(e) }

type sortSink struct {
	keys []evalFn
	desc []bool
	rows [][]Value
	vals [][]Value
	next sink
}

func (s *sortSink) push(e *env, row []Value) error {
	if len(s.rows) >= e.opts.MaxIntermediate {
		return fmt.Errorf("%w: more than %d rows to sort; add a LIMIT before ORDER BY or a narrower MATCH", ErrTooManyRows, e.opts.MaxIntermediate)
	}
	vals := make([]Value, len(s.keys))
	for i, k := range s.keys {
		v, err := k(e, row)
		if err != nil {
			return err
		}
		vals[i] = v
	}
	s.rows = append(s.rows, row)
	s.vals = append(s.vals, vals)
	return nil
}

func (s *sortSink) done(e *env) error {
	idx := make([]int, len(s.rows))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		va, vb := s.vals[idx[a]], s.vals[idx[b]]
		for k := range s.keys {
			c := orderCompare(va[k], vb[k])
			if s.desc[k] {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
	for _, i := range idx {
		if err := s.next.push(e, s.rows[i]); err != nil {
			if errors.Is(err, errStop) {
				break
			}
			return err
		}
	}
	s.rows, s.vals = nil, nil
	return s.next.done(e)
}

type limitSink struct {
	skip, limit evalFn
	ready       bool
	nskip, nlim int64
	seen, sent  int64
	next        sink
}

func (s *limitSink) init(e *env) error {
	s.ready = true
	s.nlim = -1
	for i, f := range []evalFn{s.skip, s.limit} {
		if f == nil {
			continue
		}
		v, err := f(e, nil)
		if err != nil {
			return err
		}
		n, ok := v.(int64)
		if fv, isF := v.(float64); isF && fv == float64(int64(fv)) {
			n, ok = int64(fv), true
		}
		what := []string{"SKIP", "LIMIT"}[i]
		if !ok {
			return argErrorf("%s needs an integer, got %s", what, typeName(v))
		}
		if n < 0 {
			return argErrorf("%s needs a number of 0 or more, got %d", what, n)
		}
		if i == 0 {
			s.nskip = n
		} else {
			s.nlim = n
		}
	}
	return nil
}

func (s *limitSink) push(e *env, row []Value) error {
	if !s.ready {
		if err := s.init(e); err != nil {
			return err
		}
	}
	if s.nlim >= 0 && s.sent >= s.nlim {
		return errStop
	}
	s.seen++
	if s.seen <= s.nskip {
		return nil
	}
	s.sent++
	if err := s.next.push(e, row); err != nil {
		return err
	}
	if s.nlim >= 0 && s.sent >= s.nlim {
		return errStop
	}
	return nil
}

func (s *limitSink) done(e *env) error {
	if !s.ready {
		if err := s.init(e); err != nil {
			return err
		}
	}
	return s.next.done(e)
}

// cutSink drops the input variables kept for ORDER BY.
type cutSink struct {
	width int
	next  sink
}

func (s *cutSink) push(e *env, row []Value) error { return s.next.push(e, row[:s.width:s.width]) }
func (s *cutSink) done(e *env) error              { return s.next.done(e) }

// checkGrouping reports an expression that, beside its aggregates, reads a
// variable that is not a grouping key (or a property not projected as one).
func (c *compiler) checkGrouping(x syntax.Expr, p *syntax.Projection, sc *scope, isReturn bool) error {
	keyVars, keyExprs := map[string]bool{}, map[string]bool{}
	for _, it := range p.Items {
		if hasAggregate(it.Expr) {
			continue
		}
		if v, ok := it.Expr.(*syntax.Var); ok {
			keyVars[v.Name] = true
		}
		keyExprs["p:"+exprKey(it.Expr)] = true
	}
	if p.Star {
		for _, v := range sc.visible() {
			keyVars[v] = true
		}
	}
	for atom, v := range atomsOutsideAggregates(x) {
		if keyVars[v] || keyExprs[atom] {
			continue
		}
		return c.errAt(x.Position(), "`%s` is used beside an aggregate but is not a grouping key: add it to %s on its own", v, map[bool]string{true: "RETURN", false: "WITH"}[isReturn])
	}
	return nil
}

func (s *scope) visibleCount() int { return len(s.names) }
