// Package memgraph is an in-memory property graph behind query.Graph, with
// CREATE: the openCypher TCK harness and the executor's tests build their
// graphs in it. kg's own store stays read-only to queries.
package memgraph

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"kg/query"
	"kg/query/syntax"
)

// Graph is an in-memory property graph. It is not safe for concurrent
// writes.
type Graph struct {
	nodes []*query.Node
	byID  map[string]*query.Node
	out   map[string][]*query.Rel
	in    map[string][]*query.Rel
	rels  int
	next  int
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{byID: map[string]*query.Node{}, out: map[string][]*query.Rel{}, in: map[string][]*query.Rel{}}
}

// CreateNode adds a node.
func (g *Graph) CreateNode(labels []string, props map[string]query.Value) (*query.Node, error) {
	g.next++
	seen := map[string]bool{}
	var ls []string
	for _, l := range labels {
		if !seen[l] {
			seen[l] = true
			ls = append(ls, l)
		}
	}
	if props == nil {
		props = map[string]query.Value{}
	}
	n := &query.Node{ID: "n" + strconv.Itoa(g.next), Labels: ls, Props: props}
	g.nodes = append(g.nodes, n)
	g.byID[n.ID] = n
	return n, nil
}

// CreateRel adds a relationship.
func (g *Graph) CreateRel(typ string, start, end *query.Node, props map[string]query.Value) (*query.Rel, error) {
	if g.byID[start.ID] == nil || g.byID[end.ID] == nil {
		return nil, fmt.Errorf("create relationship: unknown node")
	}
	g.next++
	g.rels++
	if props == nil {
		props = map[string]query.Value{}
	}
	r := &query.Rel{ID: "r" + strconv.Itoa(g.next), Type: typ, Start: start.ID, End: end.ID, Props: props}
	g.out[start.ID] = append(g.out[start.ID], r)
	g.in[end.ID] = append(g.in[end.ID], r)
	return r, nil
}

// Exec runs a query that may CREATE, with parameters; it returns the
// query's result.
func (g *Graph) Exec(ctx context.Context, src string, params map[string]query.Value) (*query.Result, error) {
	q, err := syntax.ParseWith(src, syntax.ParseOptions{AllowCreate: true})
	if err != nil {
		return nil, err
	}
	p, err := query.PrepareAST(src, q, g, query.Options{MaxHops: 50})
	if err != nil {
		return nil, err
	}
	return p.RunParams(ctx, params)
}

// Counts returns the numbers of nodes and relationships.
func (g *Graph) Counts() (nodes, rels int) { return len(g.nodes), g.rels }

// Node implements query.Graph.
func (g *Graph) Node(_ context.Context, id string) (*query.Node, error) { return g.byID[id], nil }

// ScanNodes implements query.Graph.
func (g *Graph) ScanNodes(ctx context.Context, label string, fn func(*query.Node) error) error {
	for _, n := range g.nodes {
		if label != "" && !n.HasLabel(label) {
			continue
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Expand implements query.Graph.
func (g *Graph) Expand(ctx context.Context, n *query.Node, dir query.Direction, types []string, fn func(*query.Rel, *query.Node) error) error {
	ok := func(r *query.Rel) bool {
		if len(types) == 0 {
			return true
		}
		for _, t := range types {
			if t == r.Type {
				return true
			}
		}
		return false
	}
	if dir == query.Outgoing || dir == query.Either {
		for _, r := range g.out[n.ID] {
			if ok(r) {
				if err := fn(r, g.byID[r.End]); err != nil {
					return err
				}
			}
		}
	}
	if dir == query.Incoming || dir == query.Either {
		for _, r := range g.in[n.ID] {
			if dir == query.Either && r.Start == r.End {
				continue // a loop was reported as outgoing
			}
			if ok(r) {
				if err := fn(r, g.byID[r.Start]); err != nil {
					return err
				}
			}
		}
	}
	return ctx.Err()
}

// Labels implements query.Labeled.
func (g *Graph) Labels() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range g.nodes {
		for _, l := range n.Labels {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	sort.Strings(out)
	return out
}

// RelTypes implements query.Labeled.
func (g *Graph) RelTypes() []string {
	seen := map[string]bool{}
	var out []string
	for _, rs := range g.out {
		for _, r := range rs {
			if !seen[r.Type] {
				seen[r.Type] = true
				out = append(out, r.Type)
			}
		}
	}
	sort.Strings(out)
	return out
}
