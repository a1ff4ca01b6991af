package query

import (
	"math"
	"sort"
	"strings"

	"kg/query/syntax"
)

// aggSpec is one aggregate call in a projection.
type aggSpec struct {
	name     string // count, collect, sum, avg, min, max
	star     bool
	distinct bool
	arg      evalFn
	arg2     evalFn // the percentile of percentileDisc and percentileCont
	slot     int    // index in env.aggs
}

func (c *compiler) aggregateCall(x *syntax.Call, name string, sc *scope) (evalFn, error) {
	if c.aggs == nil {
		return nil, c.errAt(x.Pos, "%s() is an aggregate function: use it in WITH or RETURN, not here", x.Name)
	}
	if c.inAgg {
		return nil, c.errAt(x.Pos, "aggregate functions cannot be nested")
	}
	if x.Star && name != "count" {
		return nil, c.errAt(x.Pos, "only count(*) takes *")
	}
	nargs := 1
	if strings.HasPrefix(name, "percentile") {
		nargs = 2
	}
	if !x.Star && len(x.Args) != nargs {
		return nil, c.errAt(x.Pos, "%s() takes %d argument(s)", x.Name, nargs)
	}
	spec := &aggSpec{name: name, star: x.Star, distinct: x.Distinct, slot: len(*c.aggs)}
	if !x.Star {
		c.inAgg = true
		f, err := c.expr(x.Args[0], sc)
		c.inAgg = false
		if err != nil {
			return nil, err
		}
		spec.arg = f
		if nargs == 2 {
			c.inAgg = true
			p, err := c.expr(x.Args[1], sc)
			c.inAgg = false
			if err != nil {
				return nil, err
			}
			spec.arg2 = p
		}
	}
	*c.aggs = append(*c.aggs, spec)
	slot := spec.slot
	return func(e *env, _ []Value) (Value, error) { return e.aggs[slot], nil }, nil
}

// hasAggregate reports whether an expression calls an aggregate function
// (outside nested list comprehensions' own scopes, which may not).
func hasAggregate(x syntax.Expr) bool {
	found := false
	walkExpr(x, func(e syntax.Expr) {
		if c, ok := e.(*syntax.Call); ok && aggregates[lower(c.Name)] {
			found = true
		}
	})
	return found
}

// accumulator folds the values of one aggregate over one group.
type accumulator struct {
	spec  *aggSpec
	seen  map[string]bool
	count int64
	list  []Value
	isum  int64
	fsum  float64
	float bool
	ovf   bool
	best  Value
	nums  []float64 // stDev, percentiles
	pct   Value
}

func newAccumulator(s *aggSpec) *accumulator {
	a := &accumulator{spec: s}
	if s.distinct {
		a.seen = map[string]bool{}
	}
	return a
}

func (a *accumulator) add(e *env, row []Value) error {
	s := a.spec
	if s.star {
		a.count++
		return nil
	}
	v, err := s.arg(e, row)
	if err != nil {
		return err
	}
	if v == nil {
		return nil
	}
	if a.seen != nil {
		k := keyOf(v)
		if a.seen[k] {
			return nil
		}
		a.seen[k] = true
	}
	a.count++
	switch s.name {
	case "collect":
		a.list = append(a.list, v)
	case "sum", "avg":
		switch x := v.(type) {
		case int64:
			if !a.float {
				s := a.isum + x
				if (s > a.isum) != (x > 0) && x != 0 {
					a.ovf = true
				}
				a.isum = s
			}
			a.fsum += float64(x)
		case float64:
			a.float = true
			a.fsum += x
		default:
			return typeErrorf("%s() needs numbers, got %s", s.name, typeName(v))
		}
	case "stdev", "stdevp", "percentiledisc", "percentilecont":
		if !isNumber(v) {
			return typeErrorf("%s() needs numbers, got %s", s.name, typeName(v))
		}
		a.nums = append(a.nums, toFloat(v))
		if _, isInt := v.(int64); !isInt {
			a.float = true
		}
		if s.arg2 != nil && a.pct == nil {
			p, err := s.arg2(e, row)
			if err != nil {
				return err
			}
			if !isNumber(p) || toFloat(p) < 0 || toFloat(p) > 1 {
				return argErrorf("%s() needs a percentile between 0.0 and 1.0, got %s", s.name, Format(p))
			}
			a.pct = p
		}
	case "min", "max":
		if a.best == nil {
			a.best = v
			return nil
		}
		c := orderCompare(v, a.best)
		if c, ok := compare(v, a.best); ok {
			if (s.name == "min" && c < 0) || (s.name == "max" && c > 0) {
				a.best = v
			}
			return nil
		}
		if (s.name == "min" && c < 0) || (s.name == "max" && c > 0) {
			a.best = v
		}
	}
	return nil
}

func (a *accumulator) result() (Value, error) {
	switch a.spec.name {
	case "count":
		return a.count, nil
	case "collect":
		if a.list == nil {
			return []Value{}, nil
		}
		return a.list, nil
	case "sum":
		if a.float {
			return a.fsum, nil
		}
		if a.ovf {
			return nil, argErrorf("integer overflow in sum()")
		}
		return a.isum, nil
	case "avg":
		if a.count == 0 {
			return nil, nil
		}
		return a.fsum / float64(a.count), nil
	case "stdev", "stdevp":
		n := float64(len(a.nums))
		if n == 0 || (n == 1 && a.spec.name == "stdev") {
			return 0.0, nil
		}
		mean := 0.0
		for _, x := range a.nums {
			mean += x
		}
		mean /= n
		ss := 0.0
		for _, x := range a.nums {
			ss += (x - mean) * (x - mean)
		}
		if a.spec.name == "stdev" {
			return math.Sqrt(ss / (n - 1)), nil
		}
		return math.Sqrt(ss / n), nil
	case "percentiledisc", "percentilecont":
		if len(a.nums) == 0 {
			return nil, nil
		}
		sort.Float64s(a.nums)
		p, n := toFloat(a.pct), len(a.nums)
		if a.spec.name == "percentilecont" {
			pos := p * float64(n-1)
			lo, hi := int(math.Floor(pos)), int(math.Ceil(pos))
			return a.nums[lo] + (pos-float64(lo))*(a.nums[hi]-a.nums[lo]), nil
		}
		i := max(0, min(n-1, int(math.Ceil(p*float64(n)))-1))
		if a.float {
			return a.nums[i], nil
		}
		return int64(a.nums[i]), nil
	}
	if f, ok := a.best.(float64); ok && math.IsNaN(f) {
		return f, nil
	}
	return a.best, nil
}

// atomsOutsideAggregates lists what an expression reads outside its
// aggregate calls: variables ("v:name") and properties of variables
// ("p:" + exprKey of the property access).
func atomsOutsideAggregates(x syntax.Expr) map[string]string {
	out := map[string]string{} // atom -> variable
	var walk func(e syntax.Expr, locals map[string]bool)
	walk = func(e syntax.Expr, locals map[string]bool) {
		if e == nil {
			return
		}
		if c, ok := e.(*syntax.Call); ok && aggregates[lower(c.Name)] {
			return
		}
		switch e := e.(type) {
		case *syntax.Var:
			if !locals[e.Name] {
				out["v:"+e.Name] = e.Name
			}
			return
		case *syntax.Property:
			if v, ok := e.X.(*syntax.Var); ok && !locals[v.Name] {
				out["p:"+exprKey(e)] = v.Name
				return
			}
		case *syntax.ListComp:
			walk(e.List, locals)
			inner := map[string]bool{e.Var: true}
			for k := range locals {
				inner[k] = true
			}
			walk(e.Where, inner)
			walk(e.Map, inner)
			return
		case *syntax.Quantifier:
			walk(e.List, locals)
			inner := map[string]bool{e.Var: true}
			for k := range locals {
				inner[k] = true
			}
			walk(e.Where, inner)
			return
		case *syntax.PatternExpr, *syntax.PatternComp:
			for v := range deps(e) {
				if !locals[v] {
					out["v:"+v] = v
				}
			}
			return
		}
		for _, ch := range children(e) {
			walk(ch, locals)
		}
	}
	walk(x, map[string]bool{})
	return out
}
