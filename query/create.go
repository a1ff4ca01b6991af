package query

import (
	"fmt"

	"kg/query/syntax"
)

// Creator is implemented by graphs that can be written by CREATE: only
// in-memory graphs built by tests and the openCypher TCK harness. kg's
// store is read-only to queries.
type Creator interface {
	CreateNode(labels []string, props map[string]Value) (*Node, error)
	CreateRel(typ string, start, end *Node, props map[string]Value) (*Rel, error)
}

type createNode struct {
	slot   int
	exists bool // bound before the CREATE
	labels []string
	props  evalFn
}

type createRel struct {
	slot     int
	typ      string
	from, to int // node slots
	props    evalFn
}

// compileCreate compiles CREATE for a graph that implements Creator.
func (c *compiler) compileCreate(cl *syntax.Create, sc *scope) (func(sink) sink, error) {
	cr, ok := c.g.(Creator)
	if !ok {
		return nil, &Error{Kind: "SemanticError", Pos: cl.Pos, Src: c.src, Msg: "CREATE is not supported: the store is read-only"}
	}
	var nodes []*createNode
	var rels []*createRel
	var paths []*patInfo
	for _, p := range cl.Patterns {
		pi := &patInfo{pat: p, pathSlot: -1}
		var slots []int
		for i, np := range p.Nodes {
			n := &createNode{labels: np.Labels}
			if np.Var != "" {
				if s, ok := sc.lookup(np.Var); ok {
					n.slot, n.exists = s, true
					if len(np.Labels) > 0 || np.Props != nil {
						return nil, c.errAt(np.Pos, "variable `%s` is already defined", np.Var)
					}
				} else {
					n.slot = sc.add(np.Var)
				}
			} else {
				n.slot = sc.hidden()
			}
			if np.Props != nil {
				f, err := c.expr(np.Props, sc)
				if err != nil {
					return nil, err
				}
				n.props = f
			}
			if !n.exists {
				nodes = append(nodes, n)
			}
			slots = append(slots, n.slot)
			pi.nodes = append(pi.nodes, &nodeInfo{slot: n.slot})
			if i > 0 {
				rp := p.Rels[i-1]
				if len(rp.Types) != 1 {
					return nil, c.errAt(rp.Pos, "CREATE needs exactly one relationship type")
				}
				if rp.Dir == syntax.Both {
					return nil, c.errAt(rp.Pos, "CREATE needs a relationship direction")
				}
				if rp.VarLength {
					return nil, c.errAt(rp.Pos, "CREATE cannot make variable-length relationships")
				}
				r := &createRel{typ: rp.Types[0], from: slots[i-1], to: slots[i]}
				if rp.Dir == syntax.Left {
					r.from, r.to = r.to, r.from
				}
				if rp.Var != "" {
					if _, ok := sc.lookup(rp.Var); ok {
						return nil, c.errAt(rp.Pos, "variable `%s` is already defined", rp.Var)
					}
					r.slot = sc.add(rp.Var)
				} else {
					r.slot = sc.hidden()
				}
				if rp.Props != nil {
					f, err := c.expr(rp.Props, sc)
					if err != nil {
						return nil, err
					}
					r.props = f
				}
				rels = append(rels, r)
				pi.rels = append(pi.rels, &relInfo{slot: r.slot, nodesSlot: -1})
			}
		}
		if p.Var != "" {
			pi.pathSlot = sc.add(p.Var)
			paths = append(paths, pi)
		}
	}
	width := len(sc.names)
	return func(next sink) sink {
		return &createSink{g: cr, nodes: nodes, rels: rels, paths: paths, width: width, next: next}
	}, nil
}

type createSink struct {
	g     Creator
	nodes []*createNode
	rels  []*createRel
	paths []*patInfo
	width int
	next  sink
}

func propsOf(e *env, f evalFn, row []Value) (map[string]Value, error) {
	if f == nil {
		return nil, nil
	}
	v, err := f(e, row)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]Value)
	if !ok && v != nil {
		return nil, typeErrorf("properties must be a map, got %s", typeName(v))
	}
	out := map[string]Value{}
	for k, x := range m {
		if x != nil {
			out[k] = x
		}
	}
	return out, nil
}

func (s *createSink) push(e *env, in []Value) error {
	row := make([]Value, s.width)
	copy(row, in)
	for _, n := range s.nodes {
		props, err := propsOf(e, n.props, row)
		if err != nil {
			return err
		}
		node, err := s.g.CreateNode(n.labels, props)
		if err != nil {
			return err
		}
		row[n.slot] = node
	}
	for _, r := range s.rels {
		from, ok1 := row[r.from].(*Node)
		to, ok2 := row[r.to].(*Node)
		if !ok1 || !ok2 {
			return fmt.Errorf("CREATE: a relationship needs nodes at both ends")
		}
		props, err := propsOf(e, r.props, row)
		if err != nil {
			return err
		}
		rel, err := s.g.CreateRel(r.typ, from, to, props)
		if err != nil {
			return err
		}
		row[r.slot] = rel
	}
	for _, p := range s.paths {
		row[p.pathSlot] = buildPath(p, row)
	}
	return s.next.push(e, row)
}
func (s *createSink) done(e *env) error { return s.next.done(e) }
