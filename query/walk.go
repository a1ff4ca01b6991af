package query

import (
	"strings"

	"kg/query/syntax"
)

func lower(s string) string { return strings.ToLower(s) }

// walkExpr calls fn for x and every expression inside it.
func walkExpr(x syntax.Expr, fn func(syntax.Expr)) {
	if x == nil {
		return
	}
	fn(x)
	switch x := x.(type) {
	case *syntax.ListLit:
		for _, e := range x.Elems {
			walkExpr(e, fn)
		}
	case *syntax.MapLit:
		for _, e := range x.Values {
			walkExpr(e, fn)
		}
	case *syntax.Property:
		walkExpr(x.X, fn)
	case *syntax.Index:
		walkExpr(x.X, fn)
		walkExpr(x.Index, fn)
	case *syntax.Slice:
		walkExpr(x.X, fn)
		walkExpr(x.From, fn)
		walkExpr(x.To, fn)
	case *syntax.Unary:
		walkExpr(x.X, fn)
	case *syntax.Binary:
		walkExpr(x.L, fn)
		walkExpr(x.R, fn)
	case *syntax.IsNull:
		walkExpr(x.X, fn)
	case *syntax.HasLabels:
		walkExpr(x.X, fn)
	case *syntax.Call:
		for _, e := range x.Args {
			walkExpr(e, fn)
		}
	case *syntax.Case:
		walkExpr(x.Test, fn)
		for i := range x.Whens {
			walkExpr(x.Whens[i], fn)
			walkExpr(x.Thens[i], fn)
		}
		walkExpr(x.Else, fn)
	case *syntax.ListComp:
		walkExpr(x.List, fn)
		walkExpr(x.Where, fn)
		walkExpr(x.Map, fn)
	case *syntax.Quantifier:
		walkExpr(x.List, fn)
		walkExpr(x.Where, fn)
	case *syntax.PatternExpr:
		for _, n := range x.Pattern.Nodes {
			walkExpr(n.Props, fn)
		}
		for _, r := range x.Pattern.Rels {
			walkExpr(r.Props, fn)
		}
	case *syntax.PatternComp:
		for _, n := range x.Pattern.Nodes {
			walkExpr(n.Props, fn)
		}
		for _, r := range x.Pattern.Rels {
			walkExpr(r.Props, fn)
		}
		walkExpr(x.Where, fn)
		walkExpr(x.Map, fn)
	}
}

// deps returns the variables an expression reads from its row, without
// the local variables of list comprehensions and quantifiers.
func deps(x syntax.Expr) map[string]bool {
	out := map[string]bool{}
	collectDeps(x, map[string]int{}, out)
	return out
}

func collectDeps(x syntax.Expr, locals map[string]int, out map[string]bool) {
	if x == nil {
		return
	}
	switch x := x.(type) {
	case *syntax.Var:
		if locals[x.Name] == 0 {
			out[x.Name] = true
		}
		return
	case *syntax.ListComp:
		collectDeps(x.List, locals, out)
		locals[x.Var]++
		collectDeps(x.Where, locals, out)
		collectDeps(x.Map, locals, out)
		locals[x.Var]--
		return
	case *syntax.Quantifier:
		collectDeps(x.List, locals, out)
		locals[x.Var]++
		collectDeps(x.Where, locals, out)
		locals[x.Var]--
		return
	case *syntax.PatternComp:
		// Variables the pattern introduces are local to it.
		intro := map[string]bool{}
		for _, n := range x.Pattern.Nodes {
			if n.Var != "" {
				intro[n.Var] = true
			}
		}
		for _, r := range x.Pattern.Rels {
			if r.Var != "" {
				intro[r.Var] = true
			}
		}
		inner := map[string]bool{}
		for _, n := range x.Pattern.Nodes {
			collectDeps(n.Props, locals, inner)
		}
		for _, r := range x.Pattern.Rels {
			collectDeps(r.Props, locals, inner)
		}
		collectDeps(x.Where, locals, inner)
		collectDeps(x.Map, locals, inner)
		for v := range inner {
			out[v] = true
		}
		// Pattern variables that the row binds are dependencies too; the
		// planner cannot tell them apart here, so all named ones count.
		for v := range intro {
			out[v] = true
		}
		return
	case *syntax.PatternExpr:
		for _, n := range x.Pattern.Nodes {
			if n.Var != "" && locals[n.Var] == 0 {
				out[n.Var] = true
			}
			collectDeps(n.Props, locals, out)
		}
		for _, r := range x.Pattern.Rels {
			if r.Var != "" && locals[r.Var] == 0 {
				out[r.Var] = true
			}
			collectDeps(r.Props, locals, out)
		}
		return
	}
	for _, c := range children(x) {
		collectDeps(c, locals, out)
	}
}

// children lists the direct sub-expressions of x.
func children(x syntax.Expr) []syntax.Expr {
	switch x := x.(type) {
	case *syntax.ListLit:
		return x.Elems
	case *syntax.MapLit:
		return x.Values
	case *syntax.Property:
		return []syntax.Expr{x.X}
	case *syntax.Index:
		return []syntax.Expr{x.X, x.Index}
	case *syntax.Slice:
		return []syntax.Expr{x.X, x.From, x.To}
	case *syntax.Unary:
		return []syntax.Expr{x.X}
	case *syntax.Binary:
		return []syntax.Expr{x.L, x.R}
	case *syntax.IsNull:
		return []syntax.Expr{x.X}
	case *syntax.HasLabels:
		return []syntax.Expr{x.X}
	case *syntax.Call:
		return x.Args
	case *syntax.Case:
		out := []syntax.Expr{x.Test, x.Else}
		out = append(out, x.Whens...)
		return append(out, x.Thens...)
	}
	return nil
}

// conjuncts splits a predicate at its top-level ANDs.
func conjuncts(x syntax.Expr) []syntax.Expr {
	if b, ok := x.(*syntax.Binary); ok && b.Op == "AND" {
		return append(conjuncts(b.L), conjuncts(b.R)...)
	}
	if x == nil {
		return nil
	}
	return []syntax.Expr{x}
}

// exprKey identifies an expression by its structure, for matching ORDER BY
// expressions with projected ones.
func exprKey(x syntax.Expr) string {
	q := &syntax.Query{Parts: []*syntax.SingleQuery{{Clauses: []syntax.Clause{&syntax.Return{Proj: &syntax.Projection{Items: []*syntax.ProjItem{{Expr: x}}}}}}}}
	d := syntax.Dump(q)
	// Drop positions, which differ between occurrences.
	var b strings.Builder
	for _, line := range strings.Split(d, "\n") {
		if i := strings.Index(line, " @"); i >= 0 {
			j := strings.IndexByte(line[i+2:], ' ')
			if j < 0 {
				line = line[:i]
			} else {
				line = line[:i] + line[i+2+j:]
			}
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
