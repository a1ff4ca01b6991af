package syntax

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseOptions change what the parser accepts.
type ParseOptions struct {
	// AllowCreate accepts CREATE clauses, for test harnesses that build a
	// graph in memory. kg's store is read-only: the CLI never sets it.
	AllowCreate bool
}

// Parse parses a read-only query. Errors are *Error, with the position of
// the mistake; clauses that would change the graph get an error that says
// the store is read-only.
func Parse(src string) (*Query, error) { return ParseWith(src, ParseOptions{}) }

// ParseWith parses a query with options.
func ParseWith(src string, opts ParseOptions) (*Query, error) {
	toks, err := Tokens(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, opts: opts}
	return p.query()
}

// MaxDepth bounds the nesting of expressions and patterns, so that a
// pathological query cannot exhaust the stack.
const MaxDepth = 200

type parser struct {
	src   string
	toks  []Token
	i     int
	opts  ParseOptions
	depth int
}

// bail carries a syntax error up through the recursive descent.
type bail struct{ err *Error }

func (p *parser) tok() Token { return p.toks[p.i] }
func (p *parser) peek(n int) Token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() Token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) failAt(pos Pos, format string, args ...any) {
	panic(bail{&Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Src: p.src}})
}

func (p *parser) fail(format string, args ...any) { p.failAt(p.tok().Pos, format, args...) }

// expected reports that something else was wanted at the current token.
func (p *parser) expected(what string) {
	p.fail("expected %s, found %s", what, p.tok().describe())
}

func (p *parser) accept(s string) bool {
	if p.tok().is(s) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(s string) Token {
	if !p.tok().is(s) {
		if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' {
			p.expected(s)
		}
		p.expected("'" + s + "'")
	}
	return p.next()
}

func (p *parser) enter() {
	p.depth++
	if p.depth > MaxDepth {
		p.fail("the query nests too deeply (more than %d levels)", MaxDepth)
	}
}
func (p *parser) leave() { p.depth-- }

// reserved words cannot be variable names unless `quoted`.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`ALL AND AS ASC ASCENDING BY CALL CASE CONTAINS CREATE DELETE DESC DESCENDING
		DETACH DISTINCT ELSE END ENDS EXISTS FALSE FOREACH IN IS LIMIT LOAD MATCH MERGE NOT NULL ON OPTIONAL OR ORDER
		REMOVE RETURN SET SKIP STARTS THEN TRUE UNION UNWIND WHEN WHERE WITH XOR YIELD`) {
		reserved[w] = true
	}
}

func isReserved(s string) bool { return reserved[strings.ToUpper(s)] }

// updating names the clauses that change a graph.
var updating = map[string]bool{"CREATE": true, "DELETE": true, "DETACH": true, "MERGE": true, "SET": true, "REMOVE": true, "FOREACH": true, "LOAD": true}

func (p *parser) query() (q *Query, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bail)
			if !ok {
				panic(r)
			}
			q, err = nil, b.err
		}
	}()
	q = &Query{}
	for {
		q.Parts = append(q.Parts, p.singleQuery())
		if t := p.tok(); t.is("UNION") {
			p.next()
			all := p.accept("ALL")
			if len(q.UnionAll) > 0 && q.UnionAll[0] != all {
				p.failAt(t.Pos, "UNION and UNION ALL cannot be mixed in one query")
			}
			q.UnionAll = append(q.UnionAll, all)
			continue
		}
		break
	}
	p.accept(";")
	if p.tok().Kind != TokEOF {
		p.expected("end of query")
	}
	return q, nil
}

func (p *parser) singleQuery() *SingleQuery {
	sq := &SingleQuery{}
	for {
		t := p.tok()
		if t.Kind == TokEOF || t.is("UNION") || t.is(";") {
			break
		}
		if len(sq.Clauses) > 0 {
			if _, ok := sq.Clauses[len(sq.Clauses)-1].(*Return); ok {
				p.fail("RETURN must be the last clause of a query; use WITH to pass rows on to %s", strings.ToUpper(t.Text))
			}
		}
		sq.Clauses = append(sq.Clauses, p.clause())
	}
	if len(sq.Clauses) == 0 {
		p.expected("a clause (MATCH, UNWIND, WITH or RETURN)")
	}
	last := sq.Clauses[len(sq.Clauses)-1]
	switch last.(type) {
	case *Return:
	case *Create:
	default:
		p.fail("a query must end with RETURN, as in MATCH (n:Person) RETURN n.name")
	}
	return sq
}

func (p *parser) clause() Clause {
	t := p.tok()
	kw := strings.ToUpper(t.Text)
	if t.Kind != TokIdent {
		p.expected("a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN)")
	}
	switch {
	case kw == "MATCH":
		p.next()
		return p.match(t.Pos, false)
	case kw == "OPTIONAL":
		p.next()
		p.expect("MATCH")
		return p.match(t.Pos, true)
	case kw == "UNWIND":
		p.next()
		e := p.expr()
		p.expect("AS")
		return &Unwind{Pos: t.Pos, Expr: e, Var: p.variable()}
	case kw == "WITH":
		p.next()
		w := &With{Pos: t.Pos, Proj: p.projection("WITH")}
		if p.accept("WHERE") {
			w.Where = p.expr()
		}
		return w
	case kw == "RETURN":
		p.next()
		return &Return{Pos: t.Pos, Proj: p.projection("RETURN")}
	case kw == "CREATE" && p.opts.AllowCreate:
		p.next()
		c := &Create{Pos: t.Pos}
		for {
			c.Patterns = append(c.Patterns, p.pattern())
			if !p.accept(",") {
				break
			}
		}
		return c
	case updating[kw]:
		name := kw
		if kw == "DETACH" {
			name = "DETACH DELETE"
		}
		if kw == "LOAD" {
			name = "LOAD CSV"
		}
		panic(bail{&Error{Pos: t.Pos, Src: p.src, ReadOnly: true,
			Msg: fmt.Sprintf("%s is not supported: the store is read-only, and kg query only reads it (MATCH ... RETURN); the graph changes only through kg ingest", name)}})
	case kw == "CALL":
		p.fail("CALL is not supported: kg query has no procedures; see kg path, kg rank and kg communities for graph algorithms")
	case kw == "WHERE":
		p.fail("WHERE must follow MATCH, OPTIONAL MATCH or WITH")
	}
	p.expected("a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN)")
	return nil
}

func (p *parser) match(pos Pos, optional bool) *Match {
	m := &Match{Pos: pos, Optional: optional}
	for {
		m.Patterns = append(m.Patterns, p.pattern())
		if !p.accept(",") {
			break
		}
	}
	if p.accept("WHERE") {
		m.Where = p.expr()
	}
	return m
}

func (p *parser) projection(clause string) *Projection {
	pr := &Projection{}
	if p.accept("DISTINCT") {
		pr.Distinct = true
	}
	if p.accept("*") {
		pr.Star = true
		if !p.accept(",") {
			goto tail
		}
	}
	for {
		start := p.tok()
		if start.Kind == TokEOF {
			p.expected("an expression to " + strings.ToLower(clause))
		}
		e := p.expr()
		end := p.toks[p.i-1].End
		it := &ProjItem{Expr: e, Text: strings.TrimSpace(p.src[start.Pos.Offset:end])}
		if p.accept("AS") {
			it.Alias = p.variable()
		}
		pr.Items = append(pr.Items, it)
		if !p.accept(",") {
			break
		}
	}
tail:
	if p.tok().is("ORDER") {
		p.next()
		p.expect("BY")
		for {
			s := &SortItem{Expr: p.expr()}
			switch {
			case p.accept("DESC"), p.accept("DESCENDING"):
				s.Desc = true
			case p.accept("ASC"), p.accept("ASCENDING"):
			}
			pr.Order = append(pr.Order, s)
			if !p.accept(",") {
				break
			}
		}
	}
	if p.accept("SKIP") {
		pr.Skip = p.expr()
	}
	if p.accept("LIMIT") {
		pr.Limit = p.expr()
	}
	return pr
}

// variable reads a variable name.
func (p *parser) variable() string {
	t := p.tok()
	switch {
	case t.Kind == TokQuotedIdent:
		p.next()
		return t.Text
	case t.Kind == TokIdent && !isReserved(t.Text):
		p.next()
		return t.Text
	case t.Kind == TokIdent:
		p.fail("%s is a reserved word: write `%s` to use it as a name", strings.ToUpper(t.Text), t.Text)
	}
	p.expected("a variable name")
	return ""
}

// symbolic reads a label, type, property or map key: any identifier.
func (p *parser) symbolic(what string) string {
	t := p.tok()
	if t.Kind == TokIdent || t.Kind == TokQuotedIdent {
		p.next()
		return t.Text
	}
	p.expected(what)
	return ""
}

// ---- patterns

func (p *parser) pattern() *Pattern {
	p.enter()
	defer p.leave()
	start := p.tok().Pos
	name := ""
	if (p.tok().Kind == TokIdent || p.tok().Kind == TokQuotedIdent) && p.peek(1).is("=") {
		name = p.variable()
		p.next()
	}
	t := p.tok()
	if t.Kind == TokIdent && (strings.EqualFold(t.Text, "shortestPath") || strings.EqualFold(t.Text, "allShortestPaths")) && p.peek(1).is("(") {
		p.next()
		p.next()
		pat := p.patternElement()
		p.expect(")")
		pat.Pos, pat.Var = start, name
		pat.Shortest = "shortestPath"
		if strings.EqualFold(t.Text, "allShortestPaths") {
			pat.Shortest = "allShortestPaths"
		}
		if len(pat.Rels) != 1 {
			p.failAt(t.Pos, "%s needs a pattern with one relationship, as in %s((a)-[*..6]-(b))", t.Text, t.Text)
		}
		return pat
	}
	pat := p.patternElement()
	pat.Pos, pat.Var = start, name
	return pat
}

func (p *parser) patternElement() *Pattern {
	if p.tok().is("(") && p.peek(1).is("(") {
		p.enter()
		defer p.leave()
		p.next()
		pat := p.patternElement()
		p.expect(")")
		return pat
	}
	pat := &Pattern{Pos: p.tok().Pos}
	pat.Nodes = append(pat.Nodes, p.nodePattern())
	for p.atRel() {
		pat.Rels = append(pat.Rels, p.relPattern())
		pat.Nodes = append(pat.Nodes, p.nodePattern())
	}
	return pat
}

func (p *parser) atRel() bool {
	t := p.tok()
	return t.is("-") || t.is("<-") || t.is("->") || (t.is("<") && p.peek(1).is("-"))
}

func (p *parser) nodePattern() *NodePattern {
	t := p.tok()
	if !t.is("(") {
		p.expected("'(' to start a node pattern")
	}
	p.next()
	n := &NodePattern{Pos: t.Pos}
	if k := p.tok().Kind; k == TokIdent || k == TokQuotedIdent {
		n.Var = p.variable()
	}
	for p.accept(":") {
		n.Labels = append(n.Labels, p.symbolic("a label after ':'"))
	}
	if p.tok().is("{") || p.tok().Kind == TokParam {
		n.Props = p.properties()
	}
	if !p.tok().is(")") {
		p.expected("')' to close the node pattern")
	}
	p.next()
	return n
}

func (p *parser) properties() Expr {
	if t := p.tok(); t.Kind == TokParam {
		p.next()
		return &Param{Pos: t.Pos, Name: t.Text}
	}
	return p.mapLit()
}

func (p *parser) relPattern() *RelPattern {
	t := p.tok()
	r := &RelPattern{Pos: t.Pos}
	left := false
	switch {
	case t.is("<-"):
		left = true
		p.next()
	case t.is("<"):
		left = true
		p.next()
		p.next()
	case t.is("->"):
		p.fail("a relationship pattern starts with - or <-, as in (a)-[:RELATED_TO]->(b)")
	default:
		p.next() // '-'
	}
	if p.accept("[") {
		if k := p.tok().Kind; k == TokIdent || k == TokQuotedIdent {
			r.Var = p.variable()
		}
		if p.accept(":") {
			r.Types = append(r.Types, p.symbolic("a relationship type after ':'"))
			for p.accept("|") {
				p.accept(":")
				r.Types = append(r.Types, p.symbolic("a relationship type after '|'"))
			}
		}
		if p.accept("*") {
			r.VarLength = true
			if t := p.tok(); t.Kind == TokInt {
				v := p.smallInt()
				r.Min, r.Max = &v, &v
			}
			if p.accept("..") {
				r.Max = nil
				if t := p.tok(); t.Kind == TokInt {
					v := p.smallInt()
					r.Max = &v
				}
			}
		}
		if p.tok().is("{") || p.tok().Kind == TokParam {
			r.Props = p.properties()
		}
		if !p.tok().is("]") {
			p.expected("']' to close the relationship pattern")
		}
		p.next()
	}
	right := false
	switch {
	case p.tok().is("->"):
		right = true
		p.next()
	case p.tok().is("-"):
		p.next()
		if p.tok().is(">") {
			right = true
			p.next()
		}
	default:
		p.expected("'-' or '->' to end the relationship pattern")
	}
	switch {
	case left && !right:
		r.Dir = Left
	case right && !left:
		r.Dir = Right
	default:
		r.Dir = Both
	}
	return r
}

func (p *parser) smallInt() int {
	t := p.next()
	v, err := strconv.ParseInt(t.Text, 0, 64)
	if err != nil || v > math.MaxInt32 {
		p.failAt(t.Pos, "bad bound %s in a variable-length relationship", t.Text)
	}
	return int(v)
}

// ---- expressions

func (p *parser) expr() Expr {
	p.enter()
	defer p.leave()
	return p.orExpr()
}

func (p *parser) orExpr() Expr {
	l := p.xorExpr()
	for p.tok().is("OR") {
		t := p.next()
		l = &Binary{Pos: t.Pos, Op: "OR", L: l, R: p.xorExpr()}
	}
	return l
}

func (p *parser) xorExpr() Expr {
	l := p.andExpr()
	for p.tok().is("XOR") {
		t := p.next()
		l = &Binary{Pos: t.Pos, Op: "XOR", L: l, R: p.andExpr()}
	}
	return l
}

func (p *parser) andExpr() Expr {
	l := p.notExpr()
	for p.tok().is("AND") {
		t := p.next()
		l = &Binary{Pos: t.Pos, Op: "AND", L: l, R: p.notExpr()}
	}
	return l
}

func (p *parser) notExpr() Expr {
	if p.tok().is("NOT") {
		p.enter()
		defer p.leave()
		t := p.next()
		return &Unary{Pos: t.Pos, Op: "NOT", X: p.notExpr()}
	}
	return p.comparison()
}

var compOps = map[string]bool{"=": true, "<>": true, "<": true, ">": true, "<=": true, ">=": true, "=~": true}

func (p *parser) comparison() Expr {
	l := p.predicates()
	var out Expr
	for {
		t := p.tok()
		if t.is("<-") { // a<-1 is a < -1
			p.split("<", "-")
			t = p.tok()
		}
		if t.is("!") && p.peek(1).is("=") {
			p.fail("use <> for 'not equal'")
		}
		if t.Kind != TokPunct || !compOps[t.Text] {
			break
		}
		p.next()
		r := p.predicates()
		c := &Binary{Pos: t.Pos, Op: t.Text, L: l, R: r}
		if out == nil {
			out = c
		} else { // a < b < c is a < b AND b < c
			out = &Binary{Pos: t.Pos, Op: "AND", L: out, R: c}
		}
		l = r
	}
	if out == nil {
		return l
	}
	return out
}

// split replaces the current two-character token with two tokens.
func (p *parser) split(a, b string) {
	t := p.toks[p.i]
	first := Token{Kind: TokPunct, Text: a, Pos: t.Pos, End: t.Pos.Offset + len(a)}
	second := Token{Kind: TokPunct, Text: b, Pos: Pos{Offset: t.Pos.Offset + len(a), Line: t.Pos.Line, Col: t.Pos.Col + 1}, End: t.End}
	p.toks = append(p.toks[:p.i], append([]Token{first, second}, p.toks[p.i+1:]...)...)
}

func (p *parser) predicates() Expr {
	l := p.additive()
	for {
		t := p.tok()
		switch {
		case t.is("STARTS"):
			p.next()
			p.expect("WITH")
			l = &Binary{Pos: t.Pos, Op: "STARTS WITH", L: l, R: p.additive()}
		case t.is("ENDS"):
			p.next()
			p.expect("WITH")
			l = &Binary{Pos: t.Pos, Op: "ENDS WITH", L: l, R: p.additive()}
		case t.is("CONTAINS"):
			p.next()
			l = &Binary{Pos: t.Pos, Op: "CONTAINS", L: l, R: p.additive()}
		case t.is("IN"):
			p.next()
			l = &Binary{Pos: t.Pos, Op: "IN", L: l, R: p.additive()}
		case t.is("IS"):
			p.next()
			not := p.accept("NOT")
			p.expect("NULL")
			l = &IsNull{Pos: t.Pos, X: l, Not: not}
		default:
			return l
		}
	}
}

func (p *parser) additive() Expr {
	l := p.multiplicative()
	for p.tok().is("+") || p.tok().is("-") {
		t := p.next()
		l = &Binary{Pos: t.Pos, Op: t.Text, L: l, R: p.multiplicative()}
	}
	return l
}

func (p *parser) multiplicative() Expr {
	l := p.power()
	for p.tok().is("*") || p.tok().is("/") || p.tok().is("%") {
		t := p.next()
		l = &Binary{Pos: t.Pos, Op: t.Text, L: l, R: p.power()}
	}
	return l
}

func (p *parser) power() Expr {
	l := p.unary()
	for p.tok().is("^") {
		t := p.next()
		l = &Binary{Pos: t.Pos, Op: "^", L: l, R: p.unary()}
	}
	return l
}

func (p *parser) unary() Expr {
	t := p.tok()
	if t.is("-") || t.is("+") {
		p.enter()
		defer p.leave()
		p.next()
		if n := p.tok(); t.Text == "-" && (n.Kind == TokInt || n.Kind == TokFloat) {
			// Fold the sign into the literal, so that the smallest
			// integer can be written.
			p.next()
			return p.postfix(p.number(n, "-"))
		}
		return &Unary{Pos: t.Pos, Op: t.Text, X: p.unary()}
	}
	return p.postfix(p.atom())
}

func (p *parser) postfix(x Expr) Expr {
	for {
		t := p.tok()
		switch {
		case t.is("."):
			p.next()
			x = &Property{Pos: t.Pos, X: x, Key: p.symbolic("a property name after '.'")}
		case t.is("["):
			p.enter()
			p.next()
			var from, to Expr
			if !p.tok().is("..") {
				from = p.expr()
			}
			if p.accept("..") {
				if !p.tok().is("]") {
					to = p.expr()
				}
				x = &Slice{Pos: t.Pos, X: x, From: from, To: to}
			} else {
				if from == nil {
					p.expected("an index")
				}
				x = &Index{Pos: t.Pos, X: x, Index: from}
			}
			p.expect("]")
			p.leave()
		case t.is(":") && (p.peek(1).Kind == TokIdent || p.peek(1).Kind == TokQuotedIdent):
			hl := &HasLabels{Pos: t.Pos, X: x}
			for p.accept(":") {
				hl.Labels = append(hl.Labels, p.symbolic("a label after ':'"))
			}
			x = hl
		default:
			return x
		}
	}
}

func (p *parser) number(t Token, sign string) Expr {
	if t.Kind == TokFloat {
		v, err := strconv.ParseFloat(sign+t.Text, 64)
		if err != nil || math.IsInf(v, 0) {
			p.failAt(t.Pos, "float %s%s is out of range", sign, t.Text)
		}
		return &Literal{Pos: t.Pos, Value: v}
	}
	text := t.Text
	base := 10
	switch {
	case strings.HasPrefix(text, "0x"):
		base, text = 16, text[2:]
	case strings.HasPrefix(text, "0o"):
		base, text = 8, text[2:]
	case len(text) > 1 && text[0] == '0':
		base, text = 8, text[1:] // legacy octal: 0777
		for _, c := range text {
			if c > '7' {
				p.failAt(t.Pos, "invalid octal number %s", t.Text)
			}
		}
	}
	v, err := strconv.ParseInt(sign+text, base, 64)
	if err != nil {
		p.failAt(t.Pos, "integer %s%s is too large (at most 9223372036854775807)", sign, t.Text)
	}
	return &Literal{Pos: t.Pos, Value: v}
}

var quantifiers = map[string]bool{"all": true, "any": true, "none": true, "single": true}

func (p *parser) atom() Expr {
	p.enter()
	defer p.leave()
	t := p.tok()
	switch t.Kind {
	case TokInt, TokFloat:
		p.next()
		return p.number(t, "")
	case TokString:
		p.next()
		return &Literal{Pos: t.Pos, Value: t.Text}
	case TokParam:
		p.next()
		return &Param{Pos: t.Pos, Name: t.Text}
	case TokQuotedIdent:
		p.next()
		return &Var{Pos: t.Pos, Name: t.Text}
	case TokEOF:
		p.expected("an expression")
	case TokPunct:
		switch t.Text {
		case "(":
			if pe := p.tryPatternExpr(); pe != nil {
				return pe
			}
			p.next()
			e := p.expr()
			p.expect(")")
			return e
		case "[":
			return p.listOrComprehension()
		case "{":
			return p.mapLit()
		}
		p.expected("an expression")
	case TokIdent:
		up := strings.ToUpper(t.Text)
		switch up {
		case "NULL":
			p.next()
			return &Literal{Pos: t.Pos}
		case "TRUE", "FALSE":
			p.next()
			return &Literal{Pos: t.Pos, Value: up == "TRUE"}
		case "CASE":
			return p.caseExpr()
		case "COUNT":
			if p.peek(1).is("(") && p.peek(2).is("*") && p.peek(3).is(")") {
				p.next()
				p.next()
				p.next()
				p.next()
				return &Call{Pos: t.Pos, Name: t.Text, Star: true}
			}
		case "EXISTS":
			if p.peek(1).is("{") {
				p.fail("EXISTS { ... } subqueries are not supported; use a pattern predicate, as in WHERE (a)-[:RELATED_TO]->(b)")
			}
		}
		if quantifiers[strings.ToLower(t.Text)] && p.peek(1).is("(") && (p.peek(2).Kind == TokIdent || p.peek(2).Kind == TokQuotedIdent) && p.peek(3).is("IN") {
			p.next()
			p.next()
			q := &Quantifier{Pos: t.Pos, Kind: strings.ToLower(t.Text), Var: p.variable()}
			p.expect("IN")
			q.List = p.expr()
			if p.accept("WHERE") {
				q.Where = p.expr()
			} else {
				p.expected("WHERE in " + q.Kind + "(x IN list WHERE predicate)")
			}
			p.expect(")")
			return q
		}
		// Function call, possibly namespaced: name(...) or ns.name(...).
		n := 1
		for p.peek(n).is(".") && p.peek(n+1).Kind == TokIdent {
			n += 2
		}
		if p.peek(n).is("(") {
			var name strings.Builder
			for i := 0; i < n; i++ {
				name.WriteString(p.next().Text)
			}
			p.next() // (
			c := &Call{Pos: t.Pos, Name: name.String()}
			if p.accept("DISTINCT") {
				c.Distinct = true
			}
			if !p.tok().is(")") {
				for {
					c.Args = append(c.Args, p.expr())
					if !p.accept(",") {
						break
					}
				}
			}
			p.expect(")")
			return c
		}
		if isReserved(t.Text) {
			p.expected("an expression")
		}
		p.next()
		return &Var{Pos: t.Pos, Name: t.Text}
	}
	p.expected("an expression")
	return nil
}

// tryPatternExpr parses a pattern predicate such as (a)-[:X]->(), or
// returns nil and leaves the position unchanged when the text at '(' is not
// a pattern with at least one relationship.
func (p *parser) tryPatternExpr() (out Expr) {
	save, saveDepth := p.i, p.depth
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bail); !ok {
				panic(r)
			}
			p.i, p.depth = save, saveDepth
			out = nil
		}
	}()
	start := p.tok().Pos
	pat := p.patternElement()
	if len(pat.Rels) == 0 {
		p.i, p.depth = save, saveDepth
		return nil
	}
	pat.Pos = start
	return &PatternExpr{Pos: start, Pattern: pat}
}

func (p *parser) listOrComprehension() Expr {
	t := p.next() // [
	if (p.tok().Kind == TokIdent || p.tok().Kind == TokQuotedIdent) && p.peek(1).is("IN") && !isReserved(p.tok().Text) {
		lc := &ListComp{Pos: t.Pos, Var: p.variable()}
		p.next() // IN
		lc.List = p.expr()
		if p.accept("WHERE") {
			lc.Where = p.expr()
		}
		if p.accept("|") {
			lc.Map = p.expr()
		}
		p.expect("]")
		return lc
	}
	named := (p.tok().Kind == TokIdent || p.tok().Kind == TokQuotedIdent) && p.peek(1).is("=") && p.peek(2).is("(")
	if p.tok().is("(") || named {
		save := p.i
		pathVar := ""
		if named {
			pathVar = p.variable()
			p.next()
		}
		if pe := p.tryPatternExpr(); pe != nil && (p.tok().is("|") || p.tok().is("WHERE")) {
			pc := &PatternComp{Pos: t.Pos, Pattern: pe.(*PatternExpr).Pattern}
			pc.Pattern.Var = pathVar
			if p.accept("WHERE") {
				pc.Where = p.expr()
			}
			p.expect("|")
			pc.Map = p.expr()
			p.expect("]")
			return pc
		}
		p.i = save
	}
	l := &ListLit{Pos: t.Pos}
	if p.accept("]") {
		return l
	}
	for {
		l.Elems = append(l.Elems, p.expr())
		if !p.accept(",") {
			break
		}
	}
	p.expect("]")
	return l
}

func (p *parser) mapLit() *MapLit {
	t := p.tok()
	if !t.is("{") {
		p.expected("'{' to start a map")
	}
	p.next()
	m := &MapLit{Pos: t.Pos}
	if p.accept("}") {
		return m
	}
	for {
		key := p.symbolic("a property name")
		p.expect(":")
		m.Keys = append(m.Keys, key)
		m.Values = append(m.Values, p.expr())
		if !p.accept(",") {
			break
		}
	}
	if !p.tok().is("}") {
		p.expected("'}' or ',' in the map")
	}
	p.next()
	return m
}

func (p *parser) caseExpr() Expr {
	t := p.next() // CASE
	c := &Case{Pos: t.Pos}
	if !p.tok().is("WHEN") {
		c.Test = p.expr()
	}
	for p.accept("WHEN") {
		c.Whens = append(c.Whens, p.expr())
		p.expect("THEN")
		c.Thens = append(c.Thens, p.expr())
	}
	if len(c.Whens) == 0 {
		p.expected("WHEN")
	}
	if p.accept("ELSE") {
		c.Else = p.expr()
	}
	p.expect("END")
	return c
}
