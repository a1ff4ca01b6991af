// Package algo runs graph algorithms over kg's graph with gonum: shortest
// paths (graph/path), PageRank (graph/network), betweenness, degree and
// Louvain communities (graph/community). It builds gonum views of the
// graph from a source of nodes and edges (the store's reader is one), or
// lazily from a function that lists a node's links. Like package graph, it
// imports nothing of the project's but graph.
package algo

import (
	"encoding/binary"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"

	"kg/graph"
)

// Node describes a node of a view.
type Node struct {
	ID       string
	Kind     graph.Kind
	Name     string // entity name or event label
	Date     string // event date
	Mentions int
}

// Source lists the nodes and edges of a graph. *store.Reader is one, and
// so is FromSubgraph's result.
type Source interface {
	GraphNodes(fn func(Node) error) error
	GraphEdges(fn func(graph.Edge) error) error
}

// Options select what a view holds.
type Options struct {
	// From and To keep only events dated in the window (compared at the
	// precision given, as kg events does), the entities that take part in
	// them, and the edges among those.
	From, To string
	// NoCooccurrence leaves CO_OCCURS_WITH edges out.
	NoCooccurrence bool
	// NoEvents leaves events out; entities that share an event are then
	// joined directly, with a weight of 1 per shared event.
	NoEvents bool
}

// View is an undirected, weighted gonum graph of kg's nodes. Parallel
// edges are merged and their weights added. Node ids are the 64 bits of
// kg's ids.
type View struct {
	*simple.WeightedUndirectedGraph
	nodes map[int64]*Node
}

// Num is the gonum id of a kg id (its 8 bytes as an integer).
func Num(id string) (int64, bool) {
	b, err := graph.ParseID(id)
	if err != nil {
		return 0, false
	}
	return int64(binary.BigEndian.Uint64(b[:])), true
}

// Key is the kg id of a gonum id.
func Key(n int64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	return graph.FormatID(b[:])
}

// Info describes a node of the view, or nil.
func (v *View) Info(id int64) *Node { return v.nodes[id] }

// Lookup returns the node with a kg id.
func (v *View) Lookup(id string) (*Node, bool) {
	n, ok := Num(id)
	if !ok {
		return nil, false
	}
	info, ok := v.nodes[n]
	return info, ok
}

// InWindow reports whether a date lies between from and to, compared at
// the precision of each ("2015-11" is within from 2015-11-20); an empty
// date is outside every window, and empty bounds are open.
func InWindow(date, from, to string) bool { return graph.InRange(date, from, to) }

// Build makes a view of the source.
func Build(src Source, o Options) (*View, error) {
	v := &View{WeightedUndirectedGraph: simple.NewWeightedUndirectedGraph(0, 0), nodes: map[int64]*Node{}}
	window := o.From != "" || o.To != ""
	err := src.GraphNodes(func(n Node) error {
		if n.Kind == graph.EventKind && !InWindow(n.Date, o.From, o.To) {
			return nil
		}
		num, ok := Num(n.ID)
		if !ok {
			return nil
		}
		nn := n
		v.nodes[num] = &nn
		return nil
	})
	if err != nil {
		return nil, err
	}
	type edge struct {
		f, t int64
		w    float64
	}
	var edges []edge
	err = src.GraphEdges(func(e graph.Edge) error {
		if e.Type == graph.MentionedIn || (o.NoCooccurrence && e.Type == graph.CoOccursWith) {
			return nil
		}
		f, ok1 := Num(e.From)
		t, ok2 := Num(e.To)
		if ok1 && ok2 {
			edges = append(edges, edge{f, t, e.Weight})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if window {
		// Entities stay when an event of the window involves them.
		linked := map[int64]bool{}
		for _, e := range edges {
			f, t := e.f, e.t
			fi, ti := v.nodes[f], v.nodes[t]
			if fi == nil || ti == nil {
				continue
			}
			if fi.Kind == graph.EventKind {
				linked[t] = true
			}
			if ti.Kind == graph.EventKind {
				linked[f] = true
			}
		}
		for id, n := range v.nodes {
			if n.Kind != graph.EventKind && !linked[id] {
				delete(v.nodes, id)
			}
		}
	}
	if o.NoEvents {
		// Join the participants of each event, then drop the events.
		parts := map[int64][]int64{}
		for _, e := range edges {
			f, t := e.f, e.t
			if fi, ti := v.nodes[f], v.nodes[t]; fi != nil && ti != nil {
				if ti.Kind == graph.EventKind && fi.Kind != graph.EventKind {
					parts[t] = append(parts[t], f)
				}
				if fi.Kind == graph.EventKind && ti.Kind != graph.EventKind {
					parts[f] = append(parts[f], t)
				}
			}
		}
		for ev, ps := range parts {
			for i := range ps {
				for j := i + 1; j < len(ps); j++ {
					v.addEdge(ps[i], ps[j], 1)
				}
			}
			delete(v.nodes, ev)
		}
		for id, n := range v.nodes {
			if n.Kind == graph.EventKind {
				delete(v.nodes, id)
			}
		}
	}
	for id := range v.nodes {
		if v.Node(id) == nil {
			v.AddNode(simple.Node(id))
		}
	}
	for _, e := range edges {
		f, t := e.f, e.t
		if v.nodes[f] == nil || v.nodes[t] == nil || f == t {
			continue
		}
		w := e.w
		if w <= 0 {
			w = 1
		}
		v.addEdge(f, t, w)
	}
	return v, nil
}

func (v *View) addEdge(f, t int64, w float64) {
	if f == t {
		return
	}
	if v.Node(f) == nil {
		v.AddNode(simple.Node(f))
	}
	if v.Node(t) == nil {
		v.AddNode(simple.Node(t))
	}
	if e := v.WeightedEdge(f, t); e != nil {
		w += e.Weight()
	}
	v.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(f), T: simple.Node(t), W: w})
}

// subgraphSource lists a graph.Subgraph's nodes and edges.
type subgraphSource struct{ sub *graph.Subgraph }

// FromSubgraph is a Source over a subgraph.
func FromSubgraph(sub *graph.Subgraph) Source { return subgraphSource{sub} }

func (s subgraphSource) GraphNodes(fn func(Node) error) error {
	for _, e := range s.sub.Entities {
		if err := fn(Node{ID: e.ID, Kind: e.Kind, Name: e.Name, Mentions: e.Mentions}); err != nil {
			return err
		}
	}
	for _, e := range s.sub.Events {
		if err := fn(Node{ID: e.ID, Kind: graph.EventKind, Name: e.Label, Date: e.Date, Mentions: e.Documents}); err != nil {
			return err
		}
	}
	return nil
}

func (s subgraphSource) GraphEdges(fn func(graph.Edge) error) error {
	for _, e := range s.sub.Edges {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// Link is one edge of a node in a lazy view.
type Link struct {
	To   string
	Edge graph.Edge
}

// LinksFunc lists the links of a node (in both directions).
type LinksFunc func(id string) ([]Link, error)

// Lazy is a gonum graph that reads each node's links when a search reaches
// it, for searches that visit a small part of a large graph. It stops
// growing after MaxVisit nodes (Exhausted then reports true).
type Lazy struct {
	links    LinksFunc
	adj      map[int64]map[int64]graph.Edge
	MaxVisit int
	visited  int
	err      error
	// Exhausted is set when the search stopped at MaxVisit nodes.
	Exhausted bool
}

// NewLazy returns a lazy view over links.
func NewLazy(links LinksFunc, maxVisit int) *Lazy {
	return &Lazy{links: links, adj: map[int64]map[int64]graph.Edge{}, MaxVisit: maxVisit}
}

// Err is the first error the links function returned.
func (l *Lazy) Err() error { return l.err }

func (l *Lazy) load(id int64) map[int64]graph.Edge {
	if m, ok := l.adj[id]; ok {
		return m
	}
	m := map[int64]graph.Edge{}
	if l.err != nil || (l.MaxVisit > 0 && l.visited >= l.MaxVisit) {
		l.Exhausted = l.err == nil
		return m // not cached: the search is over
	}
	l.visited++
	links, err := l.links(Key(id))
	if err != nil {
		l.err = err
		return m
	}
	for _, k := range links {
		n, ok := Num(k.To)
		if !ok || n == id {
			continue
		}
		if _, dup := m[n]; !dup {
			m[n] = k.Edge
		}
	}
	l.adj[id] = m
	return m
}

// Edge returns the kg edge between two nodes the search has reached.
func (l *Lazy) EdgeOf(u, v int64) (graph.Edge, bool) {
	e, ok := l.adj[u][v]
	if !ok {
		e, ok = l.adj[v][u]
	}
	return e, ok
}

// Node implements gonum's graph.Graph.
func (l *Lazy) Node(id int64) gg.Node { return simple.Node(id) }

// Nodes implements graph.Graph; a lazy view cannot list its nodes, and the
// searches used on it (Dijkstra to a target, Yen) do not ask.
func (l *Lazy) Nodes() gg.Nodes { return gg.Empty }

// From implements graph.Graph.
func (l *Lazy) From(id int64) gg.Nodes {
	m := l.load(id)
	if len(m) == 0 {
		return gg.Empty
	}
	ns := make([]gg.Node, 0, len(m))
	for n := range m {
		ns = append(ns, simple.Node(n))
	}
	sortNodes(ns)
	return iterator.NewOrderedNodes(ns)
}

// HasEdgeBetween implements graph.Graph.
func (l *Lazy) HasEdgeBetween(x, y int64) bool {
	_, ok := l.load(x)[y]
	return ok
}

// Edge implements graph.Graph.
func (l *Lazy) Edge(u, v int64) gg.Edge {
	if _, ok := l.load(u)[v]; ok {
		return simple.Edge{F: simple.Node(u), T: simple.Node(v)}
	}
	return nil
}
