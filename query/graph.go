// Package query plans and runs kg's read-only Cypher subset over a property
// graph. The graph is anything that implements Graph: kg's badger store
// through package query/kgstore, or the in-memory graph of query/memgraph
// that tests and the openCypher TCK harness build.
//
// A query is parsed by query/syntax, planned (each pattern starts from the
// cheapest index the Graph offers: an id, a name, an event date range, a
// label; WHERE conditions are checked as soon as their variables are bound)
// and executed as a push pipeline that stops as soon as LIMIT is reached,
// under a deadline and a row limit.
package query

import (
	"context"
	"sort"
)

// Value is a Cypher value: nil (null), bool, int64, float64, string,
// []Value, map[string]Value, *Node, *Rel, *Path or Date.
type Value = any

// Node is a node of the graph.
type Node struct {
	ID     string
	Labels []string // read them with LabelList when Load may be set
	// Props are the node's properties.
	Props map[string]Value
	// More, if set, computes the properties that are costly to load
	// (they are merged into Props on first use).
	More func() (map[string]Value, error)
	// Load, if set, fills Labels and Props the first time they are
	// needed, so that a search can pass through nodes it never reads.
	Load    func(*Node) error
	loadErr error
}

// ensure runs Load once.
func (n *Node) ensure() error {
	if n.Load != nil {
		load := n.Load
		n.Load = nil
		n.loadErr = load(n)
	}
	return n.loadErr
}

// LabelList returns the node's labels.
func (n *Node) LabelList() ([]string, error) {
	err := n.ensure()
	return n.Labels, err
}

// Prop returns a property, or nil.
func (n *Node) Prop(key string) (Value, error) {
	if err := n.ensure(); err != nil {
		return nil, err
	}
	if v, ok := n.Props[key]; ok {
		return v, nil
	}
	if n.More == nil {
		return nil, nil
	}
	if err := n.loadMore(); err != nil {
		return nil, err
	}
	return n.Props[key], nil
}

func (n *Node) loadMore() error {
	if n.More == nil {
		return nil
	}
	more, err := n.More()
	if err != nil {
		return err
	}
	n.More = nil
	if n.Props == nil {
		n.Props = map[string]Value{}
	}
	for k, v := range more {
		if _, ok := n.Props[k]; !ok {
			n.Props[k] = v
		}
	}
	return nil
}

// AllProps returns every property of the node.
func (n *Node) AllProps() (map[string]Value, error) {
	if err := n.ensure(); err != nil {
		return nil, err
	}
	if err := n.loadMore(); err != nil {
		return nil, err
	}
	return n.Props, nil
}

// HasLabel reports whether the node carries the label.
func (n *Node) HasLabel(l string) bool {
	if len(n.Labels) == 0 && n.ensure() != nil {
		return false
	}
	for _, x := range n.Labels {
		if x == l {
			return true
		}
	}
	return false
}

// Rel is a relationship of the graph.
type Rel struct {
	ID         string
	Type       string
	Start, End string // node ids
	Props      map[string]Value
	// More, if set, computes costly properties on first use.
	More func() (map[string]Value, error)
}

// Prop returns a property, or nil.
func (r *Rel) Prop(key string) (Value, error) {
	if v, ok := r.Props[key]; ok || r.More == nil {
		return v, nil
	}
	if err := r.loadMore(); err != nil {
		return nil, err
	}
	return r.Props[key], nil
}

// AllProps returns every property of the relationship.
func (r *Rel) AllProps() (map[string]Value, error) {
	if err := r.loadMore(); err != nil {
		return nil, err
	}
	return r.Props, nil
}

func (r *Rel) loadMore() error {
	if r.More == nil {
		return nil
	}
	more, err := r.More()
	if err != nil {
		return err
	}
	r.More = nil
	if r.Props == nil {
		r.Props = map[string]Value{}
	}
	for k, v := range more {
		r.Props[k] = v
	}
	return nil
}

// Path is an alternating sequence of nodes and relationships.
type Path struct {
	Nodes []*Node
	Rels  []*Rel
}

// Direction of an expansion from a node.
type Direction int

// Directions.
const (
	Outgoing Direction = iota
	Incoming
	Either
)

// Graph is what the executor needs from a graph. Implementations must check
// ctx in long loops and return ctx.Err() when it is done.
type Graph interface {
	// Node returns the node with the id, or nil when there is none.
	Node(ctx context.Context, id string) (*Node, error)
	// ScanNodes calls fn for every node with the label, or every node when
	// label is "".
	ScanNodes(ctx context.Context, label string, fn func(*Node) error) error
	// Expand calls fn for each relationship of n in the direction whose
	// type is one of types (any type when empty), with the node at its
	// other end. A relationship from n to itself is reported once.
	Expand(ctx context.Context, n *Node, dir Direction, types []string, fn func(r *Rel, other *Node) error) error
}

// Lookup is an index lookup the planner asks a graph for: nodes with a
// label (any label when "") whose property Key equals Value, or, for a
// range, lies between Lo and Hi (nil bounds are open; bounds are inclusive
// unless LoOpen/HiOpen).
type Lookup struct {
	Label string
	Key   string
	Value Value
	// Contains asks for nodes whose list property Key holds Value
	// ('Putin' IN p.aliases).
	Contains       bool
	Range          bool
	Lo, Hi         Value
	LoOpen, HiOpen bool
}

// Indexed is implemented by graphs with indexes. The planner asks
// CanLookup while planning and calls LookupNodes while running; the nodes
// returned may be a superset of the matches (the executor checks the
// condition again) but must include every match.
type Indexed interface {
	// CanLookup reports whether the graph has an index for the lookup's
	// label and key (Value and bounds are not set yet), with a rough cost:
	// lower is cheaper.
	CanLookup(l Lookup) (cost int, ok bool)
	LookupNodes(ctx context.Context, l Lookup, fn func(*Node) error) error
}

// Labeled is implemented by graphs that know their labels and property
// keys, so that the planner can reject a misspelt label or type.
type Labeled interface {
	// Labels lists the node labels, and RelTypes the relationship types.
	Labels() []string
	RelTypes() []string
}

// ScanCost is the planner's cost of scanning every node with a label;
// graphs may refine it by implementing LabelCost(label) int.
func scanCost(g Graph, label string) int {
	if lc, ok := g.(interface{ LabelCost(string) int }); ok {
		return lc.LabelCost(label)
	}
	if label == "" {
		return 1000
	}
	return 500
}

func sortedKeys(m map[string]Value) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
