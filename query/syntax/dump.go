package syntax

import (
	"fmt"
	"strconv"
	"strings"
)

// Dump prints the AST as an indented tree with the position of every node,
// for golden tests and for debugging (kg query --explain shows the plan,
// not this).
func Dump(q *Query) string {
	d := &dumper{}
	d.line(0, "Query")
	for i, sq := range q.Parts {
		if i > 0 {
			if q.UnionAll[i-1] {
				d.line(1, "UNION ALL")
			} else {
				d.line(1, "UNION")
			}
		}
		for _, c := range sq.Clauses {
			d.clause(1, c)
		}
	}
	return d.b.String()
}

type dumper struct{ b strings.Builder }

func (d *dumper) line(depth int, format string, args ...any) {
	d.b.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(&d.b, format, args...)
	d.b.WriteByte('\n')
}

func (d *dumper) clause(n int, c Clause) {
	switch c := c.(type) {
	case *Match:
		kw := "Match"
		if c.Optional {
			kw = "OptionalMatch"
		}
		d.line(n, "%s @%s", kw, c.Pos)
		for _, p := range c.Patterns {
			d.pattern(n+1, p)
		}
		if c.Where != nil {
			d.line(n+1, "Where")
			d.expr(n+2, c.Where)
		}
	case *Unwind:
		d.line(n, "Unwind @%s as %s", c.Pos, c.Var)
		d.expr(n+1, c.Expr)
	case *With:
		d.line(n, "With @%s", c.Pos)
		d.projection(n+1, c.Proj)
		if c.Where != nil {
			d.line(n+1, "Where")
			d.expr(n+2, c.Where)
		}
	case *Return:
		d.line(n, "Return @%s", c.Pos)
		d.projection(n+1, c.Proj)
	case *Create:
		d.line(n, "Create @%s", c.Pos)
		for _, p := range c.Patterns {
			d.pattern(n+1, p)
		}
	}
}

func (d *dumper) projection(n int, p *Projection) {
	var flags []string
	if p.Distinct {
		flags = append(flags, "distinct")
	}
	if p.Star {
		flags = append(flags, "*")
	}
	if len(flags) > 0 {
		d.line(n, "%s", strings.Join(flags, " "))
	}
	for _, it := range p.Items {
		if it.Alias != "" {
			d.line(n, "Item %q as %s", it.Text, it.Alias)
		} else {
			d.line(n, "Item %q", it.Text)
		}
		d.expr(n+1, it.Expr)
	}
	for _, s := range p.Order {
		dir := "asc"
		if s.Desc {
			dir = "desc"
		}
		d.line(n, "OrderBy %s", dir)
		d.expr(n+1, s.Expr)
	}
	if p.Skip != nil {
		d.line(n, "Skip")
		d.expr(n+1, p.Skip)
	}
	if p.Limit != nil {
		d.line(n, "Limit")
		d.expr(n+1, p.Limit)
	}
}

func (d *dumper) pattern(n int, p *Pattern) {
	head := fmt.Sprintf("Pattern @%s", p.Pos)
	if p.Var != "" {
		head += " path=" + p.Var
	}
	if p.Shortest != "" {
		head += " " + p.Shortest
	}
	d.line(n, "%s", head)
	for i, np := range p.Nodes {
		if i > 0 {
			r := p.Rels[i-1]
			s := fmt.Sprintf("Rel @%s %s", r.Pos, r.Dir)
			if r.Var != "" {
				s += " var=" + r.Var
			}
			if len(r.Types) > 0 {
				s += " types=" + strings.Join(r.Types, "|")
			}
			if r.VarLength {
				s += " *" + bound(r.Min) + ".." + bound(r.Max)
			}
			d.line(n+1, "%s", s)
			if r.Props != nil {
				d.expr(n+2, r.Props)
			}
		}
		s := fmt.Sprintf("Node @%s", np.Pos)
		if np.Var != "" {
			s += " var=" + np.Var
		}
		if len(np.Labels) > 0 {
			s += " labels=" + strings.Join(np.Labels, ":")
		}
		d.line(n+1, "%s", s)
		if np.Props != nil {
			d.expr(n+2, np.Props)
		}
	}
}

func bound(b *int) string {
	if b == nil {
		return ""
	}
	return strconv.Itoa(*b)
}

func (d *dumper) expr(n int, e Expr) {
	switch e := e.(type) {
	case *Literal:
		d.line(n, "Literal @%s %s", e.Pos, literalText(e.Value))
	case *ListLit:
		d.line(n, "List @%s", e.Pos)
		for _, x := range e.Elems {
			d.expr(n+1, x)
		}
	case *MapLit:
		d.line(n, "Map @%s", e.Pos)
		for i, k := range e.Keys {
			d.line(n+1, "Key %s", k)
			d.expr(n+2, e.Values[i])
		}
	case *Param:
		d.line(n, "Param @%s $%s", e.Pos, e.Name)
	case *Var:
		d.line(n, "Var @%s %s", e.Pos, e.Name)
	case *Property:
		d.line(n, "Property @%s .%s", e.Pos, e.Key)
		d.expr(n+1, e.X)
	case *Index:
		d.line(n, "Index @%s", e.Pos)
		d.expr(n+1, e.X)
		d.expr(n+1, e.Index)
	case *Slice:
		d.line(n, "Slice @%s", e.Pos)
		d.expr(n+1, e.X)
		for _, x := range []Expr{e.From, e.To} {
			if x == nil {
				d.line(n+1, "(none)")
			} else {
				d.expr(n+1, x)
			}
		}
	case *Unary:
		d.line(n, "Unary @%s %s", e.Pos, e.Op)
		d.expr(n+1, e.X)
	case *Binary:
		d.line(n, "Binary @%s %s", e.Pos, e.Op)
		d.expr(n+1, e.L)
		d.expr(n+1, e.R)
	case *IsNull:
		if e.Not {
			d.line(n, "IsNotNull @%s", e.Pos)
		} else {
			d.line(n, "IsNull @%s", e.Pos)
		}
		d.expr(n+1, e.X)
	case *HasLabels:
		d.line(n, "HasLabels @%s %s", e.Pos, strings.Join(e.Labels, ":"))
		d.expr(n+1, e.X)
	case *Call:
		s := fmt.Sprintf("Call @%s %s", e.Pos, e.Name)
		if e.Distinct {
			s += " distinct"
		}
		if e.Star {
			s += " *"
		}
		d.line(n, "%s", s)
		for _, x := range e.Args {
			d.expr(n+1, x)
		}
	case *Case:
		d.line(n, "Case @%s", e.Pos)
		if e.Test != nil {
			d.line(n+1, "Test")
			d.expr(n+2, e.Test)
		}
		for i := range e.Whens {
			d.line(n+1, "When")
			d.expr(n+2, e.Whens[i])
			d.line(n+1, "Then")
			d.expr(n+2, e.Thens[i])
		}
		if e.Else != nil {
			d.line(n+1, "Else")
			d.expr(n+2, e.Else)
		}
	case *ListComp:
		d.line(n, "ListComp @%s %s", e.Pos, e.Var)
		d.expr(n+1, e.List)
		if e.Where != nil {
			d.line(n+1, "Where")
			d.expr(n+2, e.Where)
		}
		if e.Map != nil {
			d.line(n+1, "Map")
			d.expr(n+2, e.Map)
		}
	case *Quantifier:
		d.line(n, "Quantifier @%s %s %s", e.Pos, e.Kind, e.Var)
		d.expr(n+1, e.List)
		d.line(n+1, "Where")
		d.expr(n+2, e.Where)
	case *PatternExpr:
		d.line(n, "PatternExpr @%s", e.Pos)
		d.pattern(n+1, e.Pattern)
	case *PatternComp:
		d.line(n, "PatternComp @%s", e.Pos)
		d.pattern(n+1, e.Pattern)
		if e.Where != nil {
			d.line(n+1, "Where")
			d.expr(n+2, e.Where)
		}
		d.line(n+1, "Map")
		d.expr(n+2, e.Map)
	default:
		d.line(n, "?%T", e)
	}
}

func literalText(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}
