package tck

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"

	"kg/query"
)

// parseValue reads a value as the TCK writes it in result tables and
// parameters: null, booleans, integers, floats (NaN, Inf, -Inf), 'strings',
// [lists], {maps}, (:Label {nodes}), [:TYPE {relationships}] and
// <(paths)-[:T]->()>.
func parseValue(s string) (query.Value, error) {
	p := &vparser{s: strings.TrimSpace(s)}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, fmt.Errorf("%q: unexpected %q", s, p.s[p.i:])
	}
	return v, nil
}

type vparser struct {
	s    string
	i    int
	next int // synthetic node ids for paths
}

func (p *vparser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *vparser) peek(t string) bool {
	p.space()
	return strings.HasPrefix(p.s[p.i:], t)
}

func (p *vparser) eat(t string) bool {
	if p.peek(t) {
		p.i += len(t)
		return true
	}
	return false
}

func (p *vparser) errf(format string, args ...any) error {
	return fmt.Errorf("value %q at %d: %s", p.s, p.i, fmt.Sprintf(format, args...))
}

func (p *vparser) value() (query.Value, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, p.errf("unexpected end")
	}
	switch c := p.s[p.i]; {
	case c == '\'':
		return p.str()
	case c == '[':
		if strings.HasPrefix(p.s[p.i:], "[:") {
			return p.rel()
		}
		p.i++
		list := []query.Value{}
		if p.eat("]") {
			return list, nil
		}
		for {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			list = append(list, v)
			if p.eat("]") {
				return list, nil
			}
			if !p.eat(",") {
				return nil, p.errf("want , or ]")
			}
		}
	case c == '{':
		return p.mapv()
	case c == '(':
		return p.node()
	case c == '<':
		return p.path()
	}
	for _, w := range []struct {
		t string
		v query.Value
	}{{"null", nil}, {"true", true}, {"false", false}, {"NaN", math.NaN()}, {"Inf", math.Inf(1)}, {"-Inf", math.Inf(-1)}} {
		if strings.HasPrefix(p.s[p.i:], w.t) {
			p.i += len(w.t)
			return w.v, nil
		}
	}
	start := p.i
	for p.i < len(p.s) && strings.IndexByte("+-0123456789.eExabcdefABCDEFo", p.s[p.i]) >= 0 {
		p.i++
	}
	num := p.s[start:p.i]
	if n, err := strconv.ParseInt(num, 0, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(num, 64); err == nil {
		return f, nil
	}
	return nil, p.errf("bad value %q", num)
}

func (p *vparser) str() (query.Value, error) {
	p.i++ // '
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(e)
			}
		case c == '\'':
			p.i++
			return b.String(), nil
		default:
			b.WriteByte(c)
		}
		p.i++
	}
	return nil, p.errf("unterminated string")
}

func (p *vparser) key() (string, error) {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '`' {
		end := strings.IndexByte(p.s[p.i+1:], '`')
		if end < 0 {
			return "", p.errf("unterminated `")
		}
		k := p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return k, nil
	}
	start := p.i
	for p.i < len(p.s) && (p.s[p.i] == '_' || p.s[p.i] >= '0' && p.s[p.i] <= '9' || p.s[p.i] >= 'a' && p.s[p.i] <= 'z' || p.s[p.i] >= 'A' && p.s[p.i] <= 'Z') {
		p.i++
	}
	if start == p.i {
		return "", p.errf("want a name")
	}
	return p.s[start:p.i], nil
}

func (p *vparser) mapv() (map[string]query.Value, error) {
	if !p.eat("{") {
		return nil, p.errf("want {")
	}
	m := map[string]query.Value{}
	if p.eat("}") {
		return m, nil
	}
	for {
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		if !p.eat(":") {
			return nil, p.errf("want :")
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		m[k] = v
		if p.eat("}") {
			return m, nil
		}
		if !p.eat(",") {
			return nil, p.errf("want , or }")
		}
	}
}

func (p *vparser) labels() ([]string, error) {
	var ls []string
	for p.eat(":") {
		l, err := p.key()
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
	}
	return ls, nil
}

func (p *vparser) node() (*query.Node, error) {
	p.eat("(")
	ls, err := p.labels()
	if err != nil {
		return nil, err
	}
	props := map[string]query.Value{}
	if p.peek("{") {
		if props, err = p.mapv(); err != nil {
			return nil, err
		}
	}
	if !p.eat(")") {
		return nil, p.errf("want )")
	}
	p.next++
	return &query.Node{ID: "v" + strconv.Itoa(p.next), Labels: ls, Props: props}, nil
}

func (p *vparser) rel() (*query.Rel, error) {
	p.eat("[")
	ls, err := p.labels()
	if err != nil || len(ls) != 1 {
		return nil, p.errf("want one relationship type")
	}
	props := map[string]query.Value{}
	if p.peek("{") {
		if props, err = p.mapv(); err != nil {
			return nil, err
		}
	}
	if !p.eat("]") {
		return nil, p.errf("want ]")
	}
	return &query.Rel{Type: ls[0], Props: props}, nil
}

func (p *vparser) path() (*query.Path, error) {
	p.eat("<")
	path := &query.Path{}
	n, err := p.node()
	if err != nil {
		return nil, err
	}
	path.Nodes = append(path.Nodes, n)
	for !p.eat(">") {
		left := p.eat("<-")
		if !left && !p.eat("-") {
			return nil, p.errf("want - or <-")
		}
		r, err := p.rel()
		if err != nil {
			return nil, err
		}
		right := p.eat("->")
		if !right && !p.eat("-") {
			return nil, p.errf("want - or ->")
		}
		m, err := p.node()
		if err != nil {
			return nil, err
		}
		prev := path.Nodes[len(path.Nodes)-1]
		r.Start, r.End = prev.ID, m.ID
		if left {
			r.Start, r.End = m.ID, prev.ID
		}
		path.Rels = append(path.Rels, r)
		path.Nodes = append(path.Nodes, m)
	}
	return path, nil
}

// canon writes a value so that equal values compare equal as strings:
// map keys and labels sorted, integers apart from floats.
func canon(v query.Value, sortLists bool) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		switch {
		case math.IsNaN(x):
			return "NaN"
		case math.IsInf(x, 1):
			return "Inf"
		case math.IsInf(x, -1):
			return "-Inf"
		}
		if x == 0 {
			x = 0 // -0.0 is written 0.0
		}
		return "f" + strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return strconv.Quote(x)
	case query.Date:
		return strconv.Quote(x.Text) // the TCK writes dates as strings
	case []query.Value:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canon(e, sortLists)
		}
		if sortLists {
			sort.Strings(parts)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]query.Value:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + canon(x[k], sortLists)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *query.Node:
		ls := append([]string(nil), x.Labels...)
		sort.Strings(ls)
		props, _ := x.AllProps()
		return "(" + strings.Join(prefixed(ls), "") + " " + canon(map[string]query.Value(props), sortLists) + ")"
	case *query.Rel:
		return "[:" + x.Type + " " + canon(x.Props, sortLists) + "]"
	case *query.Path:
		var b strings.Builder
		b.WriteString("<")
		for i, n := range x.Nodes {
			if i > 0 {
				r := x.Rels[i-1]
				if r.Start == x.Nodes[i-1].ID {
					b.WriteString("-" + canon(r, sortLists) + "->")
				} else {
					b.WriteString("<-" + canon(r, sortLists) + "-")
				}
			}
			b.WriteString(canon(n, sortLists))
		}
		b.WriteString(">")
		return b.String()
	}
	return fmt.Sprintf("?%T", v)
}

func prefixed(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = ":" + l
	}
	return out
}

func TestParseValue(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"null", "null"},
		{"1", "1"},
		{"-1.5", "f-1.5"},
		{"1.0", "f1"},
		{"'it\\'s'", `"it's"`},
		{"[1, 'a', [true]]", `[1, "a", [true]]`},
		{"{b: 1, a: {c: null}}", "{a: {c: null}, b: 1}"},
		{"(:B:A {name: 'x'})", `(:A:B {name: "x"})`},
		{"()", "( {})"},
		{"[:T {w: 2}]", "[:T {w: 2}]"},
		{"<(:A)-[:T]->(:B)<-[:S]-()>", "<(:A {})-[:T {}]->(:B {})<-[:S {}]-( {})>"},
	} {
		v, err := parseValue(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got := canon(v, false); got != c.want {
			t.Errorf("%s: %s, want %s", c.in, got, c.want)
		}
	}
}
