package query

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"kg/query/syntax"
)

// errFound stops a search once one match is enough.
var errFound = errors.New("found")

type propCheck struct {
	key string
	val evalFn
}

type nodeInfo struct {
	pat    *syntax.NodePattern
	name   string // variable or "" when anonymous
	slot   int
	labels []string
	props  []propCheck
	// propsParam is a $param used as the property map.
	propsParam evalFn
}

type relInfo struct {
	pat        *syntax.RelPattern
	name       string
	slot       int
	nodesSlot  int // hidden slot with the inner nodes of a variable-length match
	types      []string
	props      []propCheck
	propsParam evalFn
	varLen     bool
	min, max   int
}

type patInfo struct {
	pat      *syntax.Pattern
	nodes    []*nodeInfo
	rels     []*relInfo
	pathSlot int // -1 when the path is not named
}

// accessKind says how an anchor node is found.
type accessKind int

const (
	accessBound  accessKind = iota // already in the row
	accessID                       // id(n) = x
	accessLookup                   // an index of the graph
	accessScan                     // every node with a label, or every node
)

type access struct {
	kind   accessKind
	cost   int
	label  string
	lookup Lookup
	value  evalFn // the id, or the looked-up value
	list   bool   // value is a list of values to look up one by one (IN)
	lo, hi evalFn // range bounds
	desc   string
}

type stepKind int

const (
	stepFilter stepKind = iota
	stepAnchor
	stepExpand
	stepShortest
	stepPath
)

type step struct {
	kind    stepKind
	node    *nodeInfo // anchor, or the node reached
	from    *nodeInfo // expand: the node expanded from
	rel     *relInfo
	dir     Direction
	reverse bool // expanding from the pattern's right towards its left
	acc     access
	bound   bool // expand: the node reached is already bound
	relSeen bool // expand: the relationship variable is already bound
	pat     *patInfo
	all     bool // allShortestPaths
	filters []evalFn
}

// matchPlan finds the matches of a MATCH clause's patterns for one row.
type matchPlan struct {
	steps  []*step
	desc   []string
	opts   *Options
	newVar []int // slots the clause binds (set to null by OPTIONAL MATCH)
}

// planMatch plans a MATCH clause (or a pattern predicate when pred):
// variables it introduces are added to sc.
func (c *compiler) planMatch(m *syntax.Match, sc *scope, pred bool) (*matchPlan, error) {
	outer := map[string]bool{}
	for _, n := range sc.visible() {
		outer[n] = true
	}
	mp := &matchPlan{opts: c.opts}
	var pats []*patInfo
	declared := map[string]string{} // name -> "node" | "rel" | "path" within this clause
	declare := func(name, kind string, pos syntax.Pos) (int, error) {
		if name == "" {
			s := sc.hidden()
			mp.newVar = append(mp.newVar, s)
			return s, nil
		}
		if k, ok := declared[name]; ok {
			if k != kind || kind == "path" || ((kind == "rel" || kind == "list") && !pred) {
				if (kind == "rel" || kind == "list") && k == kind {
					return 0, c.errAt(pos, "relationship variable `%s` is used twice in one MATCH: a relationship can only be matched once", name)
				}
				return 0, c.errAt(pos, "variable `%s` is already a %s", name, k)
			}
			i, _ := sc.lookup(name)
			return i, nil
		}
		declared[name] = kind
		if i, ok := sc.lookup(name); ok && outer[name] {
			if kind == "path" {
				return 0, c.errAt(pos, "variable `%s` is already defined", name)
			}
			if k := sc.kinds[name]; k != "" && k != kind {
				return 0, c.errAt(pos, "variable `%s` is a %s, not a %s", name, kindName(k), kindName(kind))
			}
			return i, nil
		}
		s := sc.addKind(name, kind)
		mp.newVar = append(mp.newVar, s)
		return s, nil
	}
	// Allocate slots for every element, in order.
	for _, p := range m.Patterns {
		pi := &patInfo{pat: p, pathSlot: -1}
		for i, np := range p.Nodes {
			slot, err := declare(np.Var, "node", np.Pos)
			if err != nil {
				return nil, err
			}
			pi.nodes = append(pi.nodes, &nodeInfo{pat: np, name: np.Var, slot: slot, labels: np.Labels})
			c.checkLabels(np.Pos, np.Labels)
			if i < len(p.Rels) {
				rp := p.Rels[i]
				kind := "rel"
				if rp.VarLength {
					kind = "list"
				}
				slot, err := declare(rp.Var, kind, rp.Pos)
				if err != nil {
					return nil, err
				}
				ri := &relInfo{pat: rp, name: rp.Var, slot: slot, types: rp.Types, varLen: rp.VarLength, min: 1, max: 1, nodesSlot: -1}
				c.checkTypes(rp.Pos, rp.Types)
				if rp.VarLength {
					ri.min, ri.max = 1, c.opts.MaxHops
					if rp.Min != nil {
						ri.min = *rp.Min
					}
					if rp.Max != nil {
						ri.max = *rp.Max
						if ri.max > c.opts.MaxHops {
							return nil, c.errAt(rp.Pos, "variable-length relationships may go at most %d hops (--max-hops), not %d", c.opts.MaxHops, ri.max)
						}
					} else if c.warn != nil && p.Shortest == "" {
						c.warn(fmt.Sprintf("line %d, column %d: a variable-length relationship without an upper bound stops at %d hops (--max-hops)", rp.Pos.Line, rp.Pos.Col, c.opts.MaxHops))
					}
					ri.nodesSlot = sc.hidden()
					mp.newVar = append(mp.newVar, ri.nodesSlot)
				}
				pi.rels = append(pi.rels, ri)
			}
		}
		if p.Var != "" {
			slot, err := declare(p.Var, "path", p.Pos)
			if err != nil {
				return nil, err
			}
			pi.pathSlot = slot
		}
		pats = append(pats, pi)
	}
	// Property maps are compiled once every slot exists (they may refer to
	// variables of the same clause, bound earlier in the plan).
	for _, pi := range pats {
		for _, n := range pi.nodes {
			var err error
			if n.props, n.propsParam, err = c.propMap(n.pat.Props, sc); err != nil {
				return nil, err
			}
		}
		for _, r := range pi.rels {
			var err error
			if r.props, r.propsParam, err = c.propMap(r.pat.Props, sc); err != nil {
				return nil, err
			}
		}
	}
	// WHERE conjuncts, compiled against the full scope, placed later.
	type cond struct {
		x    syntax.Expr
		fn   evalFn
		deps map[string]bool
		used bool
	}
	var conds []*cond
	for _, x := range conjuncts(m.Where) {
		if hasAggregate(x) {
			return nil, c.errAt(x.Position(), "aggregate functions are not allowed in WHERE; aggregate in WITH, then filter with WHERE")
		}
		fn, err := c.topExpr(x, sc)
		if err != nil {
			return nil, err
		}
		conds = append(conds, &cond{x: x, fn: fn, deps: deps(x)})
	}
	bound := map[string]bool{}
	for n := range outer {
		bound[n] = true
	}
	ready := func() []evalFn {
		var out []evalFn
		for _, cd := range conds {
			if cd.used {
				continue
			}
			ok := true
			for d := range cd.deps {
				if !bound[d] {
					ok = false
					break
				}
			}
			if ok {
				cd.used = true
				out = append(out, cd.fn)
			}
		}
		return out
	}
	addStep := func(s *step) {
		s.filters = append(s.filters, ready()...)
		mp.steps = append(mp.steps, s)
	}
	if f := ready(); len(f) > 0 {
		mp.steps = append(mp.steps, &step{kind: stepFilter, filters: f})
		mp.desc = append(mp.desc, "check the conditions that need no new variable")
	}
	condExprs := func() []syntax.Expr {
		var out []syntax.Expr
		for _, cd := range conds {
			if !cd.used {
				out = append(out, cd.x)
			}
		}
		return out
	}
	isBound := func(n *nodeInfo) bool { return n.name != "" && bound[n.name] }
	markNode := func(n *nodeInfo) {
		if n.name != "" {
			bound[n.name] = true
		}
	}
	remaining := pats
	for len(remaining) > 0 {
		// Pick the pattern with the cheapest start.
		best, bestIdx, bestNode := -1, 0, 0
		var bestAcc access
		for i, pi := range remaining {
			for j, n := range pi.nodes {
				if pi.pat.Shortest != "" && j != 0 && j != len(pi.nodes)-1 {
					continue
				}
				acc, err := c.chooseAccess(n, isBound(n), bound, condExprs(), sc)
				if err != nil {
					return nil, err
				}
				cost := acc.cost
				if pi.pat.Shortest != "" && !isBound(pi.nodes[len(pi.nodes)-1-j]) {
					// A search towards an unbound end visits everything
					// within reach: let other patterns bind the ends first.
					cost += 100000
				}
				if best < 0 || cost < best {
					best, bestIdx, bestNode, bestAcc = cost, i, j, acc
				}
			}
		}
		pi := remaining[bestIdx]
		remaining = append(remaining[:bestIdx:bestIdx], remaining[bestIdx+1:]...)
		anchor := pi.nodes[bestNode]
		mp.desc = append(mp.desc, fmt.Sprintf("start at %s: %s", describeNode(anchor), bestAcc.desc))
		markNode(anchor)
		addStep(&step{kind: stepAnchor, node: anchor, acc: bestAcc})
		if pi.pat.Shortest != "" {
			other := pi.nodes[1-bestNode]
			reverse := bestNode == 1
			wasBound := isBound(other)
			markNode(other)
			if pi.rels[0].name != "" {
				bound[pi.rels[0].name] = true
			}
			if pi.pat.Var != "" {
				bound[pi.pat.Var] = true
			}
			dir := dirOf(pi.rels[0].pat.Dir, reverse)
			mp.desc = append(mp.desc, fmt.Sprintf("%s to %s (breadth-first, at most %d hops)", pi.pat.Shortest, describeNode(other), pi.rels[0].max))
			addStep(&step{kind: stepShortest, from: anchor, node: other, rel: pi.rels[0], dir: dir, reverse: reverse, bound: wasBound, pat: pi, all: pi.pat.Shortest == "allShortestPaths"})
			continue
		}
		// Expand to the right, then to the left.
		for j := bestNode; j < len(pi.rels); j++ {
			c.planExpand(mp, pi, j, false, isBound, markNode, bound, addStep)
		}
		for j := bestNode - 1; j >= 0; j-- {
			c.planExpand(mp, pi, j, true, isBound, markNode, bound, addStep)
		}
		if pi.pathSlot >= 0 {
			bound[pi.pat.Var] = true
			addStep(&step{kind: stepPath, pat: pi})
		}
	}
	if f := ready(); len(f) > 0 {
		mp.steps = append(mp.steps, &step{kind: stepFilter, filters: f})
	}
	for _, cd := range conds {
		if !cd.used {
			// Only possible with variables of no pattern; the compile
			// above would have failed for an undefined one.
			mp.steps = append(mp.steps, &step{kind: stepFilter, filters: []evalFn{cd.fn}})
		}
	}
	return mp, nil
}

func (c *compiler) planExpand(mp *matchPlan, pi *patInfo, j int, reverse bool, isBound func(*nodeInfo) bool, markNode func(*nodeInfo), bound map[string]bool, addStep func(*step)) {
	from, to := pi.nodes[j], pi.nodes[j+1]
	if reverse {
		from, to = pi.nodes[j+1], pi.nodes[j]
	}
	r := pi.rels[j]
	wasBound := isBound(to)
	relSeen := r.name != "" && bound[r.name]
	markNode(to)
	if r.name != "" {
		bound[r.name] = true
	}
	dir := dirOf(r.pat.Dir, reverse)
	what := "expand"
	if r.varLen {
		what = fmt.Sprintf("expand %d to %d hops", r.min, r.max)
	}
	types := "any type"
	if len(r.types) > 0 {
		types = strings.Join(r.types, "|")
	}
	mp.desc = append(mp.desc, fmt.Sprintf("%s %s from %s over %s to %s", what, dirText(dir), describeNode(from), types, describeNode(to)))
	addStep(&step{kind: stepExpand, from: from, node: to, rel: r, dir: dir, reverse: reverse, bound: wasBound, relSeen: relSeen})
}

func kindName(k string) string {
	switch k {
	case "rel":
		return "relationship"
	case "scalar":
		return "value"
	}
	return k
}

func dirOf(d syntax.Direction, reverse bool) Direction {
	switch d {
	case syntax.Right:
		if reverse {
			return Incoming
		}
		return Outgoing
	case syntax.Left:
		if reverse {
			return Outgoing
		}
		return Incoming
	}
	return Either
}

func dirText(d Direction) string {
	switch d {
	case Outgoing:
		return "out"
	case Incoming:
		return "in"
	}
	return "both ways"
}

func describeNode(n *nodeInfo) string {
	s := "("
	if n.name != "" {
		s += n.name
	}
	for _, l := range n.labels {
		s += ":" + l
	}
	return s + ")"
}

func (c *compiler) propMap(x syntax.Expr, sc *scope) ([]propCheck, evalFn, error) {
	switch x := x.(type) {
	case nil:
		return nil, nil, nil
	case *syntax.MapLit:
		var out []propCheck
		for i, k := range x.Keys {
			if hasAggregate(x.Values[i]) {
				return nil, nil, c.errAt(x.Values[i].Position(), "aggregate functions are not allowed in patterns")
			}
			f, err := c.expr(x.Values[i], sc)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, propCheck{key: k, val: f})
		}
		return out, nil, nil
	case *syntax.Param:
		return nil, nil, c.errAt(x.Pos, "a parameter cannot stand for the properties of a pattern: write {key: $%s}", x.Name)
	}
	return nil, nil, c.errAt(x.Position(), "a property map must be {key: value, ...}")
}

// chooseAccess picks how to find candidates for a node: the row, an id, an
// index lookup, or a scan. conds are the WHERE conjuncts not yet placed.
func (c *compiler) chooseAccess(n *nodeInfo, isBound bool, bound map[string]bool, conds []syntax.Expr, sc *scope) (access, error) {
	if isBound {
		return access{kind: accessBound, cost: 0, desc: "already bound"}, nil
	}
	label := ""
	if len(n.labels) > 0 {
		label = n.labels[0]
	}
	best := access{kind: accessScan, cost: scanCost(c.g, label), label: label}
	if len(n.labels) > 1 {
		for _, l := range n.labels[1:] {
			if sc := scanCost(c.g, l); sc < best.cost {
				best.cost, best.label = sc, l
			}
		}
	}
	if best.label == "" {
		best.desc = "scan every node"
	} else {
		best.desc = "scan label " + best.label
	}
	if n.name == "" && len(n.props) == 0 {
		return best, nil
	}
	constant := func(x syntax.Expr) bool {
		for d := range deps(x) {
			if !bound[d] || d == n.name {
				return false
			}
		}
		return !hasAggregate(x)
	}
	idx, _ := c.g.(Indexed)
	consider := func(a access) {
		if a.cost < best.cost {
			best = a
		}
	}
	tryEq := func(key string, x syntax.Expr, list bool) error {
		if !constant(x) {
			return nil
		}
		if idx == nil {
			return nil
		}
		l := Lookup{Label: label, Key: key}
		cost, ok := idx.CanLookup(l)
		if !ok {
			return nil
		}
		f, err := c.expr(x, sc)
		if err != nil {
			return err
		}
		how := "="
		if list {
			how, cost = "IN", cost+1
		}
		consider(access{kind: accessLookup, cost: cost, lookup: l, value: f, list: list, label: label, desc: fmt.Sprintf("index on %s %s", key, how)})
		return nil
	}
	for _, p := range n.props {
		// Map values are compiled already; find the syntax again for
		// the constant check.
		for i, k := range n.pat.Props.(*syntax.MapLit).Keys {
			if k == p.key {
				if err := tryEq(k, n.pat.Props.(*syntax.MapLit).Values[i], false); err != nil {
					return best, err
				}
			}
		}
	}
	if n.name == "" {
		return best, nil
	}
	isProp := func(x syntax.Expr) (string, bool) {
		p, ok := x.(*syntax.Property)
		if !ok {
			return "", false
		}
		v, ok := p.X.(*syntax.Var)
		if !ok || v.Name != n.name {
			return "", false
		}
		return p.Key, true
	}
	isID := func(x syntax.Expr) bool {
		call, ok := x.(*syntax.Call)
		if !ok || lower(call.Name) != "id" || len(call.Args) != 1 {
			return false
		}
		v, ok := call.Args[0].(*syntax.Var)
		return ok && v.Name == n.name
	}
	var lo, hi evalFn
	var loOpen, hiOpen bool
	rangeKey := ""
	var loX, hiX syntax.Expr
	for _, x := range conds {
		b, ok := x.(*syntax.Binary)
		if !ok {
			continue
		}
		switch b.Op {
		case "=":
			for _, side := range [][2]syntax.Expr{{b.L, b.R}, {b.R, b.L}} {
				if isID(side[0]) && constant(side[1]) {
					f, err := c.expr(side[1], sc)
					if err != nil {
						return best, err
					}
					consider(access{kind: accessID, cost: 1, value: f, desc: "node by id"})
				}
				if key, ok := isProp(side[0]); ok {
					if err := tryEq(key, side[1], false); err != nil {
						return best, err
					}
				}
			}
		case "IN":
			if key, ok := isProp(b.L); ok {
				if err := tryEq(key, b.R, true); err != nil {
					return best, err
				}
			}
			if key, ok := isProp(b.R); ok && constant(b.L) && idx != nil {
				l := Lookup{Label: label, Key: key, Contains: true}
				if cost, ok := idx.CanLookup(l); ok {
					f, err := c.expr(b.L, sc)
					if err != nil {
						return best, err
					}
					consider(access{kind: accessLookup, cost: cost, lookup: l, value: f, label: label, desc: fmt.Sprintf("index on %s (list contains)", key)})
				}
			}
		case "<", "<=", ">", ">=":
			for _, side := range [][2]syntax.Expr{{b.L, b.R}, {b.R, b.L}} {
				key, ok := isProp(side[0])
				if !ok || !constant(side[1]) || (rangeKey != "" && rangeKey != key) {
					continue
				}
				op := b.Op
				if side[0] == b.R { // x < n.key is n.key > x
					op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
				}
				rangeKey = key
				if op == ">" || op == ">=" {
					loX, loOpen = side[1], op == ">"
				} else {
					hiX, hiOpen = side[1], op == "<"
				}
			}
		}
	}
	if rangeKey != "" && idx != nil {
		l := Lookup{Label: label, Key: rangeKey, Range: true, LoOpen: loOpen, HiOpen: hiOpen}
		if cost, ok := idx.CanLookup(l); ok {
			var err error
			if loX != nil {
				if lo, err = c.expr(loX, sc); err != nil {
					return best, err
				}
			}
			if hiX != nil {
				if hi, err = c.expr(hiX, sc); err != nil {
					return best, err
				}
			}
			if loX != nil && hiX != nil {
				cost /= 2
			}
			consider(access{kind: accessLookup, cost: cost, lookup: l, lo: lo, hi: hi, label: label, desc: fmt.Sprintf("index range on %s", rangeKey)})
		}
	}
	return best, nil
}

// ---- execution

func (mp *matchPlan) run(e *env, row []Value, emit func([]Value) error) error {
	return mp.exec(e, 0, row, nil, emit)
}

// exec runs steps[i:] for the row; used holds the relationships matched so
// far (a relationship is matched at most once per clause).
func (mp *matchPlan) exec(e *env, i int, row []Value, used []string, emit func([]Value) error) error {
	if err := e.tick(); err != nil {
		return err
	}
	if i == len(mp.steps) {
		out := make([]Value, len(row))
		copy(out, row)
		return emit(out)
	}
	s := mp.steps[i]
	next := func(used []string) error {
		ok, err := passes(e, s.filters, row)
		if err != nil || !ok {
			return err
		}
		return mp.exec(e, i+1, row, used, emit)
	}
	switch s.kind {
	case stepFilter:
		return next(used)
	case stepAnchor:
		return mp.anchor(e, s, row, func(n *Node) error {
			old := row[s.node.slot]
			row[s.node.slot] = n
			err := next(used)
			row[s.node.slot] = old
			return err
		})
	case stepExpand:
		return mp.expand(e, s, row, used, next)
	case stepShortest:
		return mp.shortest(e, s, row, used, next)
	case stepPath:
		row[s.pat.pathSlot] = buildPath(s.pat, row)
		err := next(used)
		row[s.pat.pathSlot] = nil
		return err
	}
	return fmt.Errorf("bad plan step %d", s.kind)
}

func passes(e *env, filters []evalFn, row []Value) (bool, error) {
	for _, f := range filters {
		v, err := f(e, row)
		if err != nil {
			return false, err
		}
		if v, err = truth(v); err != nil {
			return false, err
		}
		if v != true {
			return false, nil
		}
	}
	return true, nil
}

// nodeOK checks a candidate against the node pattern's labels and properties.
func nodeOK(e *env, n *nodeInfo, cand *Node, row []Value) (bool, error) {
	for _, l := range n.labels {
		if !cand.HasLabel(l) {
			return false, nil
		}
	}
	for _, p := range n.props {
		want, err := p.val(e, row)
		if err != nil {
			return false, err
		}
		have, err := cand.Prop(p.key)
		if err != nil {
			return false, err
		}
		if equal(have, want) != true {
			return false, nil
		}
	}
	if n.propsParam != nil {
		m, err := n.propsParam(e, row)
		if err != nil {
			return false, err
		}
		mm, ok := m.(map[string]Value)
		if !ok && m != nil {
			return false, typeErrorf("a property map parameter must be a map, got %s", typeName(m))
		}
		for k, want := range mm {
			have, err := cand.Prop(k)
			if err != nil {
				return false, err
			}
			if equal(have, want) != true {
				return false, nil
			}
		}
	}
	return true, nil
}

func relOK(e *env, r *relInfo, cand *Rel, row []Value) (bool, error) {
	if len(r.types) > 0 && !contains(r.types, cand.Type) {
		return false, nil
	}
	for _, p := range r.props {
		want, err := p.val(e, row)
		if err != nil {
			return false, err
		}
		have, err := cand.Prop(p.key)
		if err != nil {
			return false, err
		}
		if equal(have, want) != true {
			return false, nil
		}
	}
	if r.propsParam != nil {
		m, err := r.propsParam(e, row)
		if err != nil {
			return false, err
		}
		mm, _ := m.(map[string]Value)
		for k, want := range mm {
			if equal(cand.Props[k], want) != true {
				return false, nil
			}
		}
	}
	return true, nil
}

func (mp *matchPlan) anchor(e *env, s *step, row []Value, fn func(*Node) error) error {
	check := func(n *Node) error {
		if err := e.tick(); err != nil {
			return err
		}
		ok, err := nodeOK(e, s.node, n, row)
		if err != nil || !ok {
			return err
		}
		return fn(n)
	}
	switch s.acc.kind {
	case accessBound:
		v := row[s.node.slot]
		if v == nil {
			return nil
		}
		n, ok := v.(*Node)
		if !ok {
			return typeErrorf("variable `%s` is a %s, not a node", s.node.name, typeName(v))
		}
		return check(n)
	case accessID:
		v, err := s.acc.value(e, row)
		if err != nil {
			return err
		}
		id, ok := v.(string)
		if !ok {
			return nil
		}
		n, err := e.g.Node(e.ctx, id)
		if err != nil || n == nil {
			return err
		}
		return check(n)
	case accessLookup:
		l := s.acc.lookup
		if l.Range {
			if s.acc.lo != nil {
				v, err := s.acc.lo(e, row)
				if err != nil || v == nil {
					return err
				}
				l.Lo = v
			}
			if s.acc.hi != nil {
				v, err := s.acc.hi(e, row)
				if err != nil || v == nil {
					return err
				}
				l.Hi = v
			}
			return e.g.(Indexed).LookupNodes(e.ctx, l, check)
		}
		v, err := s.acc.value(e, row)
		if err != nil || v == nil {
			return err
		}
		if !s.acc.list {
			l.Value = v
			return e.g.(Indexed).LookupNodes(e.ctx, l, check)
		}
		list, ok := v.([]Value)
		if !ok {
			return nil // the IN condition will fail or raise the error
		}
		seen := map[string]bool{}
		for _, x := range list {
			if x == nil {
				continue
			}
			l.Value = x
			err := e.g.(Indexed).LookupNodes(e.ctx, l, func(n *Node) error {
				if seen[n.ID] {
					return nil
				}
				seen[n.ID] = true
				return check(n)
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	return e.g.ScanNodes(e.ctx, s.acc.label, check)
}

func usedHas(used []string, id string) bool {
	for _, u := range used {
		if u == id {
			return true
		}
	}
	return false
}

func (mp *matchPlan) expand(e *env, s *step, row []Value, used []string, next func([]string) error) error {
	fv := row[s.from.slot]
	if fv == nil {
		return nil
	}
	from, ok := fv.(*Node)
	if !ok {
		return typeErrorf("variable `%s` is a %s, not a node", s.from.name, typeName(fv))
	}
	// The node reached may be bound already: check it is the one.
	target := func(other *Node) (bool, error) {
		if s.bound {
			tv := row[s.node.slot]
			tn, ok := tv.(*Node)
			if !ok || tn.ID != other.ID {
				return false, nil
			}
			return nodeOK(e, s.node, other, row)
		}
		return nodeOK(e, s.node, other, row)
	}
	bindNode := func(other *Node, fn func() error) error {
		if s.bound {
			return fn()
		}
		old := row[s.node.slot]
		row[s.node.slot] = other
		err := fn()
		row[s.node.slot] = old
		return err
	}
	r := s.rel
	if !r.varLen {
		var boundRel *Rel
		if s.relSeen {
			br, ok := row[r.slot].(*Rel)
			if !ok {
				return nil
			}
			boundRel = br
		}
		return e.g.Expand(e.ctx, from, s.dir, r.types, func(rel *Rel, other *Node) error {
			if err := e.tick(); err != nil {
				return err
			}
			if boundRel != nil && boundRel.ID != rel.ID {
				return nil
			}
			if usedHas(used, rel.ID) {
				return nil
			}
			if ok, err := relOK(e, r, rel, row); err != nil || !ok {
				return err
			}
			if ok, err := target(other); err != nil || !ok {
				return err
			}
			return bindNode(other, func() error {
				old := row[r.slot]
				row[r.slot] = rel
				err := next(append(used, rel.ID))
				row[r.slot] = old
				return err
			})
		})
	}
	// Variable length: depth-first, each relationship once per path.
	var rels []*Rel
	var inner []*Node
	var walk func(at *Node, depth int) error
	emitPath := func(end *Node) error {
		if ok, err := target(end); err != nil || !ok {
			return err
		}
		list := make([]Value, len(rels))
		nodes := make([]Value, len(inner))
		for i := range rels {
			j := i
			if s.reverse {
				j = len(rels) - 1 - i
			}
			list[j] = rels[i]
		}
		for i := range inner {
			j := i
			if s.reverse {
				j = len(inner) - 1 - i
			}
			nodes[j] = inner[i]
		}
		if s.relSeen {
			if equal(row[r.slot], list) != true {
				return nil
			}
		}
		return bindNode(end, func() error {
			oldR, oldN := row[r.slot], row[r.nodesSlot]
			row[r.slot], row[r.nodesSlot] = list, nodes
			u := used
			for _, x := range rels {
				u = append(u, x.ID)
			}
			err := next(u)
			row[r.slot], row[r.nodesSlot] = oldR, oldN
			return err
		})
	}
	walk = func(at *Node, depth int) error {
		if depth >= r.min {
			if err := emitPath(at); err != nil {
				return err
			}
		}
		if depth == r.max {
			return nil
		}
		return e.g.Expand(e.ctx, at, s.dir, r.types, func(rel *Rel, other *Node) error {
			if err := e.tick(); err != nil {
				return err
			}
			if usedHas(used, rel.ID) {
				return nil
			}
			for _, x := range rels {
				if x.ID == rel.ID {
					return nil
				}
			}
			if ok, err := relOK(e, r, rel, row); err != nil || !ok {
				return err
			}
			if depth > 0 {
				inner = append(inner, at)
			}
			rels = append(rels, rel)
			err := walk(other, depth+1)
			rels = rels[:len(rels)-1]
			if depth > 0 {
				inner = inner[:len(inner)-1]
			}
			return err
		})
	}
	return walk(from, 0)
}

// buildPath assembles a named path from the row, in pattern order.
func buildPath(pi *patInfo, row []Value) Value {
	p := &Path{}
	for i, n := range pi.nodes {
		nv, ok := row[n.slot].(*Node)
		if !ok {
			return nil
		}
		if i > 0 {
			r := pi.rels[i-1]
			if r.varLen {
				rl, _ := row[r.slot].([]Value)
				inner, _ := row[r.nodesSlot].([]Value)
				for k, x := range rl {
					p.Rels = append(p.Rels, x.(*Rel))
					if k < len(inner) {
						p.Nodes = append(p.Nodes, inner[k].(*Node))
					}
				}
				if len(rl) == 0 {
					continue // zero hops: the end is the node before
				}
			} else {
				rel, ok := row[r.slot].(*Rel)
				if !ok {
					return nil
				}
				p.Rels = append(p.Rels, rel)
			}
		}
		p.Nodes = append(p.Nodes, nv)
	}
	return p
}

// shortest finds the shortest paths from the anchor to the other end of a
// shortestPath pattern, breadth-first.
func (mp *matchPlan) shortest(e *env, s *step, row []Value, used []string, next func([]string) error) error {
	fv := row[s.from.slot]
	from, ok := fv.(*Node)
	if !ok {
		return nil
	}
	r := s.rel
	type parent struct {
		node string
		rel  *Rel
	}
	depth := map[string]int{from.ID: 0}
	nodes := map[string]*Node{from.ID: from}
	parents := map[string][]parent{}
	frontier := []*Node{from}
	var targetID string
	if s.bound {
		tn, ok := row[s.node.slot].(*Node)
		if !ok {
			return nil
		}
		targetID = tn.ID
	}
	for d := 1; d <= r.max && len(frontier) > 0; d++ {
		var nextF []*Node
		for _, at := range frontier {
			err := e.g.Expand(e.ctx, at, s.dir, r.types, func(rel *Rel, other *Node) error {
				if err := e.tick(); err != nil {
					return err
				}
				if ok, err := relOK(e, r, rel, row); err != nil || !ok {
					return err
				}
				od, seen := depth[other.ID]
				if seen && od < d {
					return nil
				}
				if !seen {
					depth[other.ID] = d
					nodes[other.ID] = other
					nextF = append(nextF, other)
				}
				if s.all || len(parents[other.ID]) == 0 {
					parents[other.ID] = append(parents[other.ID], parent{at.ID, rel})
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		frontier = nextF
		if targetID != "" {
			if _, ok := depth[targetID]; ok {
				break
			}
		}
	}
	// Ends in order of distance, then id, for stable output.
	var ends []string
	if targetID != "" {
		if _, ok := depth[targetID]; ok {
			ends = []string{targetID}
		}
		if targetID == from.ID && r.min == 0 {
			ends = []string{targetID}
		}
	} else {
		for id := range depth {
			ends = append(ends, id)
		}
		sort.Slice(ends, func(i, j int) bool {
			if depth[ends[i]] != depth[ends[j]] {
				return depth[ends[i]] < depth[ends[j]]
			}
			return ends[i] < ends[j]
		})
	}
	for _, end := range ends {
		if depth[end] < r.min {
			continue
		}
		endNode := nodes[end]
		if ok, err := nodeOK(e, s.node, endNode, row); err != nil || !ok {
			if err != nil {
				return err
			}
			continue
		}
		// Every shortest path to end (one unless allShortestPaths).
		var paths [][]*Rel
		var back func(id string, acc []*Rel) error
		back = func(id string, acc []*Rel) error {
			if err := e.tick(); err != nil {
				return err
			}
			if id == from.ID {
				p := make([]*Rel, len(acc))
				for i := range acc {
					p[i] = acc[len(acc)-1-i]
				}
				paths = append(paths, p)
				return nil
			}
			for _, pa := range parents[id] {
				if err := back(pa.node, append(acc, pa.rel)); err != nil {
					return err
				}
				if !s.all {
					break
				}
			}
			return nil
		}
		if err := back(end, nil); err != nil {
			return err
		}
		for _, rels := range paths {
			// Node sequence from the anchor.
			seq := []*Node{from}
			at := from.ID
			for _, rel := range rels {
				nid := rel.Start
				if rel.Start == at {
					nid = rel.End
				}
				seq = append(seq, nodes[nid])
				at = nid
			}
			list := make([]Value, len(rels))
			inner := make([]Value, 0, len(seq))
			path := &Path{}
			for i := range rels {
				j := i
				if s.reverse {
					j = len(rels) - 1 - i
				}
				list[j] = rels[i]
			}
			for i := 1; i < len(seq)-1; i++ {
				inner = append(inner, seq[i])
			}
			if s.reverse {
				for i, j := 0, len(inner)-1; i < j; i, j = i+1, j-1 {
					inner[i], inner[j] = inner[j], inner[i]
				}
				for i := len(seq) - 1; i >= 0; i-- {
					path.Nodes = append(path.Nodes, seq[i])
				}
				for i := len(rels) - 1; i >= 0; i-- {
					path.Rels = append(path.Rels, rels[i])
				}
			} else {
				path.Nodes, path.Rels = seq, rels
			}
			var relVal Value = list
			if !r.varLen {
				if len(rels) != 1 {
					continue
				}
				relVal = rels[0]
			}
			olds := []Value{row[s.node.slot], row[r.slot]}
			row[s.node.slot], row[r.slot] = endNode, relVal
			if r.nodesSlot >= 0 {
				row[r.nodesSlot] = inner
			}
			if s.pat.pathSlot >= 0 {
				row[s.pat.pathSlot] = path
			}
			err := next(used)
			row[s.node.slot], row[r.slot] = olds[0], olds[1]
			if s.pat.pathSlot >= 0 {
				row[s.pat.pathSlot] = nil
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}
