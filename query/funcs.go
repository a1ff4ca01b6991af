package query

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"kg/query/syntax"
)

type scalarFunc struct {
	min, max int // argument counts; max -1 for any
	// nullIn: a null first argument gives null without calling fn.
	nullIn bool
	fn     func(e *env, args []Value) (Value, error)
}

var scalars map[string]scalarFunc

// Aggregates lists the aggregate functions.
var aggregates = map[string]bool{"count": true, "collect": true, "sum": true, "avg": true, "min": true, "max": true,
	"stdev": true, "stdevp": true, "percentiledisc": true, "percentilecont": true}

func init() {
	num := func(name string, f func(float64) float64) scalarFunc {
		return scalarFunc{1, 1, true, func(_ *env, a []Value) (Value, error) {
			if !isNumber(a[0]) {
				return nil, typeErrorf("%s() needs a number, got %s", name, typeName(a[0]))
			}
			return f(toFloat(a[0])), nil
		}}
	}
	str := func(name string, f func(string) string) scalarFunc {
		return scalarFunc{1, 1, true, func(_ *env, a []Value) (Value, error) {
			s, ok := a[0].(string)
			if !ok {
				return nil, typeErrorf("%s() needs a string, got %s", name, typeName(a[0]))
			}
			return f(s), nil
		}}
	}
	scalars = map[string]scalarFunc{
		"abs": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case int64:
				if x < 0 {
					return -x, nil
				}
				return x, nil
			case float64:
				return math.Abs(x), nil
			}
			return nil, typeErrorf("abs() needs a number, got %s", typeName(a[0]))
		}},
		"ceil":  num("ceil", math.Ceil),
		"floor": num("floor", math.Floor),
		"round": num("round", func(f float64) float64 { return math.Floor(f + 0.5) }),
		"sqrt":  num("sqrt", math.Sqrt),
		"exp":   num("exp", math.Exp),
		"log":   num("log", math.Log),
		"log10": num("log10", math.Log10),
		"sin":   num("sin", math.Sin),
		"cos":   num("cos", math.Cos),
		"sign": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			if !isNumber(a[0]) {
				return nil, typeErrorf("sign() needs a number, got %s", typeName(a[0]))
			}
			f := toFloat(a[0])
			switch {
			case f > 0:
				return int64(1), nil
			case f < 0:
				return int64(-1), nil
			}
			return int64(0), nil
		}},
		"rand": {0, 0, false, func(*env, []Value) (Value, error) { return rand.Float64(), nil }},
		"pi":   {0, 0, false, func(*env, []Value) (Value, error) { return math.Pi, nil }},
		"e":    {0, 0, false, func(*env, []Value) (Value, error) { return math.E, nil }},
		"tointeger": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case int64:
				return x, nil
			case float64:
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, nil
				}
				return int64(x), nil
			case string:
				if n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
					return n, nil
				}
				if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
					return int64(f), nil
				}
				return nil, nil
			case bool:
				return b2i(x), nil
			}
			return nil, argErrorf("toInteger() cannot convert %s", typeName(a[0]))
		}},
		"tofloat": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case int64:
				return float64(x), nil
			case float64:
				return x, nil
			case string:
				if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
					return f, nil
				}
				return nil, nil
			}
			return nil, argErrorf("toFloat() cannot convert %s", typeName(a[0]))
		}},
		"toboolean": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case bool:
				return x, nil
			case string:
				switch strings.ToLower(strings.TrimSpace(x)) {
				case "true":
					return true, nil
				case "false":
					return false, nil
				}
				return nil, nil
			case int64:
				return x != 0, nil
			}
			return nil, argErrorf("toBoolean() cannot convert %s", typeName(a[0]))
		}},
		"tostring": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case string:
				return x, nil
			case int64, bool, Date:
				return Format(x), nil
			case float64:
				return formatFloat(x), nil
			}
			return nil, argErrorf("toString() cannot convert %s", typeName(a[0]))
		}},
		"toupper": str("toUpper", strings.ToUpper),
		"tolower": str("toLower", strings.ToLower),
		"upper":   str("upper", strings.ToUpper),
		"lower":   str("lower", strings.ToLower),
		"trim":    str("trim", strings.TrimSpace),
		"ltrim":   str("lTrim", func(s string) string { return strings.TrimLeftFunc(s, unicode.IsSpace) }),
		"rtrim":   str("rTrim", func(s string) string { return strings.TrimRightFunc(s, unicode.IsSpace) }),
		"reverse": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case string:
				r := []rune(x)
				for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
					r[i], r[j] = r[j], r[i]
				}
				return string(r), nil
			case []Value:
				out := make([]Value, len(x))
				for i, v := range x {
					out[len(x)-1-i] = v
				}
				return out, nil
			}
			return nil, typeErrorf("reverse() needs a string or a list, got %s", typeName(a[0]))
		}},
		"replace": {3, 3, false, func(_ *env, a []Value) (Value, error) {
			if a[0] == nil || a[1] == nil || a[2] == nil {
				return nil, nil
			}
			s, ok1 := a[0].(string)
			f, ok2 := a[1].(string)
			t, ok3 := a[2].(string)
			if !ok1 || !ok2 || !ok3 {
				return nil, typeErrorf("replace() needs strings")
			}
			return strings.ReplaceAll(s, f, t), nil
		}},
		"split": {2, 2, false, func(_ *env, a []Value) (Value, error) {
			if a[0] == nil || a[1] == nil {
				return nil, nil
			}
			s, ok1 := a[0].(string)
			sep, ok2 := a[1].(string)
			if !ok1 || !ok2 {
				return nil, typeErrorf("split() needs strings")
			}
			parts := strings.Split(s, sep)
			out := make([]Value, len(parts))
			for i, p := range parts {
				out[i] = p
			}
			return out, nil
		}},
		"substring": {2, 3, false, func(_ *env, a []Value) (Value, error) {
			if a[0] == nil {
				return nil, nil
			}
			s, ok := a[0].(string)
			start, ok2 := a[1].(int64)
			if !ok || !ok2 {
				return nil, typeErrorf("substring(string, start[, length]) needs a string and integers")
			}
			r := []rune(s)
			if start < 0 {
				return nil, argErrorf("substring() start %d is negative", start)
			}
			start = min(start, int64(len(r)))
			end := int64(len(r))
			if len(a) == 3 {
				n, ok := a[2].(int64)
				if !ok {
					return nil, typeErrorf("substring() length must be an integer")
				}
				if n < 0 {
					return nil, argErrorf("substring() length %d is negative", n)
				}
				end = min(end, start+n)
			}
			return string(r[start:end]), nil
		}},
		"left": {2, 2, false, func(_ *env, a []Value) (Value, error) {
			if a[0] == nil {
				return nil, nil
			}
			s, ok := a[0].(string)
			n, ok2 := a[1].(int64)
			if !ok || !ok2 || n < 0 {
				return nil, argErrorf("left(string, length) needs a string and a length of 0 or more")
			}
			r := []rune(s)
			return string(r[:min(n, int64(len(r)))]), nil
		}},
		"right": {2, 2, false, func(_ *env, a []Value) (Value, error) {
			if a[0] == nil {
				return nil, nil
			}
			s, ok := a[0].(string)
			n, ok2 := a[1].(int64)
			if !ok || !ok2 || n < 0 {
				return nil, argErrorf("right(string, length) needs a string and a length of 0 or more")
			}
			r := []rune(s)
			return string(r[int64(len(r))-min(n, int64(len(r))):]), nil
		}},
		"size": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case string:
				return int64(len([]rune(x))), nil
			case []Value:
				return int64(len(x)), nil
			case map[string]Value:
				return int64(len(x)), nil
			}
			return nil, typeErrorf("size() needs a string or a list, got %s", typeName(a[0]))
		}},
		"length": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case *Path:
				return int64(len(x.Rels)), nil
			case string:
				return int64(len([]rune(x))), nil
			case []Value:
				return int64(len(x)), nil
			}
			return nil, typeErrorf("length() needs a path, got %s", typeName(a[0]))
		}},
		"head": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			l, err := listArg(a[0], "head()")
			if err != nil || len(l) == 0 {
				return nil, err
			}
			return l[0], nil
		}},
		"last": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			l, err := listArg(a[0], "last()")
			if err != nil || len(l) == 0 {
				return nil, err
			}
			return l[len(l)-1], nil
		}},
		"tail": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			l, err := listArg(a[0], "tail()")
			if err != nil {
				return nil, err
			}
			if len(l) == 0 {
				return []Value{}, nil
			}
			return append([]Value(nil), l[1:]...), nil
		}},
		"isempty": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case string:
				return x == "", nil
			case []Value:
				return len(x) == 0, nil
			case map[string]Value:
				return len(x) == 0, nil
			}
			return nil, typeErrorf("isEmpty() needs a string, list or map, got %s", typeName(a[0]))
		}},
		"range": {2, 3, false, func(e *env, a []Value) (Value, error) {
			lo, ok1 := a[0].(int64)
			hi, ok2 := a[1].(int64)
			step := int64(1)
			ok3 := true
			if len(a) == 3 {
				step, ok3 = a[2].(int64)
			}
			if !ok1 || !ok2 || !ok3 {
				return nil, argErrorf("range(start, end[, step]) needs integers")
			}
			if step == 0 {
				return nil, argErrorf("range() step must not be 0")
			}
			n := (hi-lo)/step + 1
			if n <= 0 {
				return []Value{}, nil
			}
			if n > int64(e.opts.MaxIntermediate) {
				return nil, argErrorf("range() of %d values is too large", n)
			}
			out := make([]Value, 0, n)
			for v := lo; (step > 0 && v <= hi) || (step < 0 && v >= hi); v += step {
				out = append(out, v)
			}
			return out, nil
		}},
		"coalesce": {1, -1, false, func(_ *env, a []Value) (Value, error) {
			for _, v := range a {
				if v != nil {
					return v, nil
				}
			}
			return nil, nil
		}},
		"keys": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			var m map[string]Value
			switch x := a[0].(type) {
			case map[string]Value:
				m = x
			case *Node:
				var err error
				if m, err = x.AllProps(); err != nil {
					return nil, err
				}
			case *Rel:
				var err error
				if m, err = x.AllProps(); err != nil {
					return nil, err
				}
			default:
				return nil, typeErrorf("keys() needs a node, relationship or map, got %s", typeName(a[0]))
			}
			var out []Value
			_, isMap := a[0].(map[string]Value)
			for _, k := range sortedKeys(m) {
				if m[k] != nil || isMap {
					out = append(out, k)
				}
			}
			if out == nil {
				out = []Value{}
			}
			return out, nil
		}},
		"properties": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case map[string]Value:
				return x, nil
			case *Node:
				p, err := x.AllProps()
				return copyMap(p), err
			case *Rel:
				p, err := x.AllProps()
				return copyMap(p), err
			}
			return nil, typeErrorf("properties() needs a node, relationship or map, got %s", typeName(a[0]))
		}},
		"labels": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			n, ok := a[0].(*Node)
			if !ok {
				return nil, typeErrorf("labels() needs a node, got %s", typeName(a[0]))
			}
			ls, err := n.LabelList()
			if err != nil {
				return nil, err
			}
			out := make([]Value, len(ls))
			for i, l := range ls {
				out[i] = l
			}
			return out, nil
		}},
		"type": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			r, ok := a[0].(*Rel)
			if !ok {
				return nil, typeErrorf("type() needs a relationship, got %s", typeName(a[0]))
			}
			return r.Type, nil
		}},
		"id": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			switch x := a[0].(type) {
			case *Node:
				return x.ID, nil
			case *Rel:
				return x.ID, nil
			}
			return nil, typeErrorf("id() needs a node or relationship, got %s", typeName(a[0]))
		}},
		"nodes": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			p, ok := a[0].(*Path)
			if !ok {
				return nil, typeErrorf("nodes() needs a path, got %s", typeName(a[0]))
			}
			out := make([]Value, len(p.Nodes))
			for i, n := range p.Nodes {
				out[i] = n
			}
			return out, nil
		}},
		"relationships": {1, 1, true, func(_ *env, a []Value) (Value, error) {
			p, ok := a[0].(*Path)
			if !ok {
				return nil, typeErrorf("relationships() needs a path, got %s", typeName(a[0]))
			}
			out := make([]Value, len(p.Rels))
			for i, r := range p.Rels {
				out[i] = r
			}
			return out, nil
		}},
		"startnode": {1, 1, true, func(e *env, a []Value) (Value, error) {
			r, ok := a[0].(*Rel)
			if !ok {
				return nil, typeErrorf("startNode() needs a relationship, got %s", typeName(a[0]))
			}
			return nodeOrNil(e.g.Node(e.ctx, r.Start))
		}},
		"endnode": {1, 1, true, func(e *env, a []Value) (Value, error) {
			r, ok := a[0].(*Rel)
			if !ok {
				return nil, typeErrorf("endNode() needs a relationship, got %s", typeName(a[0]))
			}
			return nodeOrNil(e.g.Node(e.ctx, r.End))
		}},
		"exists": {1, 1, false, func(_ *env, a []Value) (Value, error) {
			if b, ok := a[0].(bool); ok {
				return b, nil // a pattern predicate
			}
			return a[0] != nil, nil
		}},
		"date": {0, 1, false, func(_ *env, a []Value) (Value, error) {
			if len(a) == 0 {
				d, _ := ParseDate(time.Now().UTC().Format(time.DateOnly))
				return d, nil
			}
			switch x := a[0].(type) {
			case nil:
				return nil, nil
			case Date:
				return x, nil
			case string:
				d, ok := ParseDate(strings.TrimSpace(x))
				if !ok {
					return nil, argErrorf("date(%q): want YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www or YYYY-Qn", x)
				}
				return d, nil
			case map[string]Value:
				y, ok := x["year"].(int64)
				if !ok {
					return nil, argErrorf("date({...}) needs a year")
				}
				m, _ := x["month"].(int64)
				d, _ := x["day"].(int64)
				switch {
				case m == 0:
					v, _ := ParseDate(strconv.FormatInt(y, 10))
					return v, nil
				case d == 0:
					v, ok := ParseDate(strconv.FormatInt(y, 10) + "-" + twoDigits(m))
					if !ok {
						return nil, argErrorf("no such month %d", m)
					}
					return v, nil
				}
				v, err := NewDay(int(y), int(m), int(d))
				if err != nil {
					return nil, argErrorf("%v", err)
				}
				return v, nil
			}
			return nil, typeErrorf("date() needs a string or a map, got %s", typeName(a[0]))
		}},
	}
}

func twoDigits(n int64) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

func nodeOrNil(n *Node, err error) (Value, error) {
	if err != nil || n == nil {
		return nil, err
	}
	return n, nil
}

func copyMap(m map[string]Value) map[string]Value {
	out := make(map[string]Value, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// FunctionNames lists the functions kg query knows, for help texts.
func FunctionNames() []string {
	var out []string
	for k := range scalars {
		out = append(out, k)
	}
	for k := range aggregates {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (c *compiler) call(x *syntax.Call, sc *scope) (evalFn, error) {
	name := strings.ToLower(x.Name)
	if aggregates[name] {
		return c.aggregateCall(x, name, sc)
	}
	if x.Star {
		return nil, c.errAt(x.Pos, "only count(*) takes *")
	}
	f, ok := scalars[name]
	if !ok {
		return nil, c.errAt(x.Pos, "unknown function %s()", x.Name)
	}
	if x.Distinct {
		return nil, c.errAt(x.Pos, "DISTINCT is only allowed in aggregate functions")
	}
	if len(x.Args) < f.min || (f.max >= 0 && len(x.Args) > f.max) {
		want := strconv.Itoa(f.min)
		if f.max != f.min {
			if f.max < 0 {
				want = "at least " + want
			} else {
				want += " to " + strconv.Itoa(f.max)
			}
		}
		return nil, c.errAt(x.Pos, "%s() takes %s argument(s), not %d", x.Name, want, len(x.Args))
	}
	if len(x.Args) == 1 {
		if _, ok := x.Args[0].(*syntax.PatternExpr); ok && name != "exists" {
			return nil, c.errAt(x.Pos, "%s() of a pattern is not supported: use a pattern comprehension, as in size([(a)-->(b) | b])", x.Name)
		}
		bad := map[string]string{"type": "node path scalar list map", "length": "node rel scalar map", "labels": "rel path scalar list map",
			"size": "node rel path", "properties": "scalar list path", "nodes": "node rel scalar map", "relationships": "node rel scalar map"}
		if k := kindOf(x.Args[0], sc); k != "" && strings.Contains(" "+bad[name]+" ", " "+k+" ") {
			return nil, c.errAt(x.Pos, "%s() cannot take a %s", x.Name, kindName(k))
		}
	}
	if name == "exists" {
		if _, ok := x.Args[0].(*syntax.Property); !ok {
			if _, ok := x.Args[0].(*syntax.PatternExpr); !ok {
				return nil, c.errAt(x.Pos, "exists() needs a property (exists(n.name)) or a pattern")
			}
		}
	}
	args, err := c.exprs(x.Args, sc)
	if err != nil {
		return nil, err
	}
	return func(e *env, row []Value) (Value, error) {
		vals := make([]Value, len(args))
		for i, a := range args {
			v, err := a(e, row)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		if f.nullIn && vals[0] == nil {
			return nil, nil
		}
		return f.fn(e, vals)
	}, nil
}
