// Package export encodes a graph.Subgraph for other tools: DOT (through
// gonum's encoding/dot) for graphviz, and later GraphML, JSON and N-Quads.
package export

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/multi"

	"kg/graph"
)

// Look of each node kind in DOT.
var dotStyle = map[graph.Kind]struct{ shape, color string }{
	graph.Person:       {"ellipse", "#a6cee3"},
	graph.Organization: {"box", "#b2df8a"},
	graph.Place:        {"house", "#fdbf6f"},
	graph.EventKind:    {"diamond", "#fb9a99"},
	graph.DocumentKind: {"note", "#dddddd"},
}

type dotNode struct {
	id    int64
	key   string // the kg id
	label string
	kind  graph.Kind
	extra []encoding.Attribute
}

func (n dotNode) ID() int64     { return n.id }
func (n dotNode) DOTID() string { return "n" + n.key }
func (n dotNode) Attributes() []encoding.Attribute {
	st := dotStyle[n.kind]
	attrs := []encoding.Attribute{
		{Key: "label", Value: strconv.Quote(n.label)},
		{Key: "shape", Value: st.shape},
		{Key: "style", Value: "filled"},
		{Key: "fillcolor", Value: strconv.Quote(st.color)},
		{Key: "kind", Value: string(n.kind)},
	}
	return append(attrs, n.extra...)
}

type dotLine struct {
	f, t gg.Node
	uid  int64
	e    graph.Edge
}

func (l dotLine) From() gg.Node         { return l.f }
func (l dotLine) To() gg.Node           { return l.t }
func (l dotLine) ReversedLine() gg.Line { return dotLine{f: l.t, t: l.f, uid: l.uid, e: l.e} }
func (l dotLine) ID() int64             { return l.uid }
func (l dotLine) Attributes() []encoding.Attribute {
	label := string(l.e.Type)
	if l.e.Qualifier != "" {
		label = l.e.Qualifier
	}
	attrs := []encoding.Attribute{
		{Key: "label", Value: strconv.Quote(label)},
		{Key: "type", Value: string(l.e.Type)},
		{Key: "weight", Value: strconv.FormatFloat(l.e.Weight, 'f', -1, 64)},
	}
	if l.e.Type == graph.CoOccursWith {
		w := 1 + math.Log2(math.Max(1, l.e.Weight))
		attrs = append(attrs,
			encoding.Attribute{Key: "dir", Value: "none"},
			encoding.Attribute{Key: "style", Value: "dashed"},
			encoding.Attribute{Key: "color", Value: strconv.Quote("#999999")},
			encoding.Attribute{Key: "penwidth", Value: strconv.FormatFloat(w, 'f', 2, 64)})
	}
	return attrs
}

// dotGraph carries the graph-wide DOT attributes.
type dotGraph struct{ *multi.DirectedGraph }

func (dotGraph) DOTID() string { return "kg" }
func (dotGraph) DOTAttributers() (g, n, e encoding.Attributer) {
	return attrs{{Key: "overlap", Value: "false"}, {Key: "fontname", Value: "Helvetica"}},
		attrs{{Key: "fontname", Value: "Helvetica"}},
		attrs{{Key: "fontname", Value: "Helvetica"}, {Key: "fontsize", Value: "10"}}
}

type attrs []encoding.Attribute

func (a attrs) Attributes() []encoding.Attribute { return a }

// DOT writes sub as a graphviz digraph. Node ids are "n" and the kg id;
// nodes carry a label, a shape and a colour by kind; edges carry their
// type, qualifier and weight. Edges whose ends are not in sub are left out.
func DOT(w io.Writer, sub *graph.Subgraph) error {
	g := dotGraph{multi.NewDirectedGraph()}
	nodes := map[string]dotNode{}
	var keys []string
	add := func(n dotNode) {
		if _, ok := nodes[n.key]; !ok {
			nodes[n.key] = n
			keys = append(keys, n.key)
		}
	}
	for _, e := range sub.Entities {
		var extra []encoding.Attribute
		if c := e.Attrs["country"]; c != "" {
			extra = append(extra, encoding.Attribute{Key: "country", Value: strconv.Quote(c)})
		}
		add(dotNode{key: e.ID, label: e.Name, kind: e.Kind, extra: extra})
	}
	for _, ev := range sub.Events {
		label := ev.Label
		if ev.Date != "" {
			label += "\n" + ev.Date
		}
		add(dotNode{key: ev.ID, label: label, kind: graph.EventKind,
			extra: []encoding.Attribute{{Key: "event_type", Value: strconv.Quote(ev.Type)}}})
	}
	sort.Strings(keys)
	for i, k := range keys {
		n := nodes[k]
		n.id = int64(i)
		nodes[k] = n
		g.AddNode(n)
	}
	edges := append([]graph.Edge(nil), sub.Edges...)
	sort.SliceStable(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.Qualifier < b.Qualifier
	})
	for i, e := range edges {
		f, ok1 := nodes[e.From]
		t, ok2 := nodes[e.To]
		if !ok1 || !ok2 {
			continue
		}
		g.SetLine(dotLine{f: f, t: t, uid: int64(i), e: e})
	}
	b, err := dot.MarshalMulti(g, "", "", "  ")
	if err != nil {
		return fmt.Errorf("encode DOT: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write DOT: %w", err)
	}
	return nil
}
