// Package kgstore shows kg's badger store to the query engine as a
// property graph: entities are (:Person), (:Organization) and (:Place)
// nodes, events (:Event) nodes and documents (:Document) nodes, with the
// properties of their --json output; edges are PARTICIPANT_IN (role),
// OCCURRED_IN, RELATED_TO (predicate), CO_OCCURS_WITH and MENTIONED_IN
// relationships with a weight. Lookups by id, name, alias and event date
// use the store's indexes.
package kgstore

import (
	"context"
	"errors"
	"strconv"

	"kg/graph"
	"kg/query"
	"kg/store"
)

// Labels of the graph's nodes, by kind.
var labels = map[graph.Kind]string{
	graph.Person:       "Person",
	graph.Organization: "Organization",
	graph.Place:        "Place",
	graph.EventKind:    "Event",
	graph.DocumentKind: "Document",
}

var kinds = map[string]graph.Kind{
	"Person":       graph.Person,
	"Organization": graph.Organization,
	"Place":        graph.Place,
	"Event":        graph.EventKind,
	"Document":     graph.DocumentKind,
}

// Graph is a query.Graph over one store snapshot. It caches the nodes it
// has read; use one Graph per query.
type Graph struct {
	r     *store.Reader
	cache map[string]*query.Node
}

// New returns the graph of a reader's snapshot.
func New(r *store.Reader) *Graph { return &Graph{r: r, cache: map[string]*query.Node{}} }

const maxCache = 200_000

func (g *Graph) remember(n *query.Node) *query.Node {
	if len(g.cache) >= maxCache {
		clear(g.cache)
	}
	g.cache[n.ID] = n
	return n
}

// Node implements query.Graph.
func (g *Graph) Node(ctx context.Context, id string) (*query.Node, error) {
	if n, ok := g.cache[id]; ok {
		if _, err := n.LabelList(); err != nil { // a lazy node is read now
			return nil, err
		}
		if n.Props == nil {
			return nil, nil // a lazy node for a dangling edge
		}
		return n, nil
	}
	n, err := g.read(id)
	if err != nil || n == nil {
		return nil, err
	}
	return g.remember(n), nil
}

// read reads a node from the store: an entity, an event or a document.
func (g *Graph) read(id string) (*query.Node, error) {
	if !graph.IsID(id) {
		return nil, nil
	}
	if e, err := g.r.Entity(id); err == nil {
		return EntityNode(e), nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if ev, err := g.r.EventSummary(id); err == nil {
		return g.eventNode(ev), nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if d, err := g.r.Document(id); err == nil {
		return DocumentNode(d), nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	return nil, nil
}

// EntityNode is the node of an entity.
func EntityNode(e *graph.Entity) *query.Node {
	aliases := make([]query.Value, 0, len(e.Aliases))
	for _, a := range e.Aliases {
		aliases = append(aliases, a.Name)
	}
	p := map[string]query.Value{
		"id":        e.ID,
		"name":      e.Name,
		"type":      string(e.Kind),
		"aliases":   aliases,
		"mentions":  int64(e.Mentions),
		"documents": int64(e.Documents),
	}
	if d, ok := query.ParseDate(e.FirstSeen); ok {
		p["first_seen"] = d
	}
	if d, ok := query.ParseDate(e.LastSeen); ok {
		p["last_seen"] = d
	}
	if len(e.Attrs) > 0 {
		attrs := make(map[string]query.Value, len(e.Attrs))
		for k, v := range e.Attrs {
			attrs[k] = attrValue(k, v)
			if _, taken := p[k]; !taken {
				p[k] = attrs[k]
			}
		}
		p["attributes"] = attrs
	}
	return &query.Node{ID: e.ID, Labels: []string{labels[e.Kind]}, Props: p}
}

// attrValue gives coordinates as numbers; other attributes stay text.
func attrValue(k, v string) query.Value {
	if k == "lat" || k == "lon" {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return f
		}
	}
	return v
}

func (g *Graph) eventNode(ev *graph.Event) *query.Node {
	p := map[string]query.Value{
		"id":        ev.ID,
		"type":      ev.Type,
		"label":     ev.Label,
		"documents": int64(ev.Documents),
		"date":      nil,
	}
	if ev.CAMEO != "" {
		p["cameo"] = ev.CAMEO
	}
	if ev.Date != "" {
		d, _ := query.ParseDate(ev.Date)
		p["date"] = d
	}
	n := &query.Node{ID: ev.ID, Labels: []string{"Event"}, Props: p}
	n.More = func() (map[string]query.Value, error) {
		// Names of the place and participants cost one read each.
		more := map[string]query.Value{"place": nil}
		if ev.Place != nil {
			if e, err := g.r.Entity(ev.Place.ID); err == nil {
				more["place"] = map[string]query.Value{"id": e.ID, "name": e.Name}
			}
		}
		parts := make([]query.Value, 0, len(ev.Participants))
		for _, pa := range ev.Participants {
			m := map[string]query.Value{"id": pa.ID, "role": pa.Role}
			if e, err := g.r.Entity(pa.ID); err == nil {
				m["name"], m["type"] = e.Name, string(e.Kind)
			}
			parts = append(parts, m)
		}
		more["participants"] = parts
		return more, nil
	}
	return n
}

// DocumentNode is the node of a document.
func DocumentNode(d *store.Document) *query.Node {
	p := map[string]query.Value{
		"id":        d.ID,
		"title":     d.Title,
		"url":       d.URL,
		"source":    d.Source,
		"text":      d.Text,
		"published": nil,
		"sentences": int64(len(d.Sentences)),
	}
	if d.ExternalID != "" {
		p["external_id"] = d.ExternalID
	}
	if s := d.DateString(); s != "" {
		p["published"], _ = query.ParseDate(s)
	}
	return &query.Node{ID: d.ID, Labels: []string{"Document"}, Props: p}
}

// ScanNodes implements query.Graph.
func (g *Graph) ScanNodes(ctx context.Context, label string, fn func(*query.Node) error) error {
	check := func() error { return ctx.Err() }
	n := 0
	tick := func() error {
		n++
		if n&255 == 0 {
			return check()
		}
		return nil
	}
	var ks []graph.Kind
	switch label {
	case "":
		ks = append(ks, graph.EntityKinds...)
	case "Person", "Organization", "Place":
		ks = []graph.Kind{kinds[label]}
	}
	if len(ks) > 0 {
		err := g.r.Entities(ks, func(e *graph.Entity) error {
			if err := tick(); err != nil {
				return err
			}
			node := EntityNode(e)
			if c, ok := g.cache[e.ID]; ok {
				node = c
			} else {
				g.remember(node)
			}
			return fn(node)
		})
		if err != nil {
			return err
		}
	}
	if label == "" || label == "Event" {
		err := g.r.EventSummaries(func(ev *graph.Event) error {
			if err := tick(); err != nil {
				return err
			}
			node, ok := g.cache[ev.ID]
			if !ok {
				node = g.remember(g.eventNode(ev))
			}
			return fn(node)
		})
		if err != nil {
			return err
		}
	}
	if label == "" || label == "Document" {
		err := g.r.Documents(func(d *store.Document) error {
			if err := tick(); err != nil {
				return err
			}
			return fn(DocumentNode(d))
		})
		if err != nil {
			return err
		}
	}
	return check()
}

// Expand implements query.Graph.
func (g *Graph) Expand(ctx context.Context, n *query.Node, dir query.Direction, types []string, fn func(*query.Rel, *query.Node) error) error {
	var ets []graph.EdgeType
	for _, t := range types {
		et := graph.EdgeType(t)
		if !knownType(et) {
			continue
		}
		ets = append(ets, et)
	}
	if len(types) > 0 && len(ets) == 0 {
		return nil
	}
	d := store.Out
	switch dir {
	case query.Incoming:
		d = store.In
	case query.Either:
		d = store.Both
	}
	i := 0
	return g.r.Links(n.ID, d, ets, func(l store.Link) error {
		i++
		if i&255 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		other := g.lazyNode(l.Other, farLabel(l))
		from, to := n.ID, l.Other
		if !l.Out {
			from, to = l.Other, n.ID
		}
		return fn(g.lazyRel(from, to, l.Type, l.Qualifier), other)
	})
}

// farLabel is the label of the far end of a link when its type tells.
func farLabel(l store.Link) string {
	switch {
	case l.Type == graph.ParticipantIn && l.Out, l.Type == graph.OccurredIn && !l.Out:
		return "Event"
	case l.Type == graph.OccurredIn && l.Out:
		return "Place"
	case l.Type == graph.MentionedIn && l.Out:
		return "Document"
	}
	return ""
}

// lazyNode is the node with an id, read only when a query needs its
// labels or properties; a search that only passes through it (or counts
// it) reads nothing. The label is given when the edge that led to it
// tells.
func (g *Graph) lazyNode(id, label string) *query.Node {
	if n, ok := g.cache[id]; ok {
		return n
	}
	n := &query.Node{ID: id}
	if label != "" {
		n.Labels = []string{label}
	}
	n.Load = func(n *query.Node) error {
		full, err := g.read(id)
		if err != nil || full == nil {
			return err // nil Props: a dangling edge, which kg check reports
		}
		n.Labels, n.Props, n.More = full.Labels, full.Props, full.More
		return nil
	}
	return g.remember(n)
}

// lazyRel is a relationship whose weight and evidence are read when a
// query asks for them.
func (g *Graph) lazyRel(from, to string, t graph.EdgeType, q string) *query.Rel {
	rel := Rel(graph.Edge{From: from, To: to, Type: t, Qualifier: q})
	delete(rel.Props, "weight")
	delete(rel.Props, "mentions")
	rel.More = func() (map[string]query.Value, error) {
		w, evs, err := g.r.EdgeWeight(from, to, t, q)
		if err != nil {
			return nil, err
		}
		more := map[string]query.Value{"weight": w}
		if t == graph.MentionedIn {
			more["mentions"] = int64(w)
		}
		if len(evs) > 0 {
			g.r.FillEvidence(evs) // the sentences, from their documents
			more["evidence"] = evidenceValue(evs)
		}
		return more, nil
	}
	return rel
}

func evidenceValue(evs []graph.Evidence) query.Value {
	out := make([]query.Value, len(evs))
	for i, x := range evs {
		out[i] = map[string]query.Value{"document": x.Document, "sentence": int64(x.Sentence), "text": x.Text}
	}
	return out
}

func knownType(t graph.EdgeType) bool {
	for _, x := range graph.EdgeTypes {
		if x == t {
			return true
		}
	}
	return false
}

// Rel is the relationship of an edge.
func Rel(e graph.Edge) *query.Rel {
	p := map[string]query.Value{"weight": e.Weight}
	switch e.Type {
	case graph.ParticipantIn:
		p["role"] = e.Qualifier
	case graph.RelatedTo:
		p["predicate"] = e.Qualifier
	case graph.MentionedIn:
		p["mentions"] = int64(e.Weight)
	}
	if len(e.Evidence) > 0 {
		p["evidence"] = evidenceValue(e.Evidence)
	}
	return &query.Rel{ID: e.From + "-" + string(e.Type) + ":" + e.Qualifier + "-" + e.To, Type: string(e.Type), Start: e.From, End: e.To, Props: p}
}

// Labels implements query.Labeled.
func (g *Graph) Labels() []string {
	return []string{"Document", "Event", "Organization", "Person", "Place"}
}

// RelTypes implements query.Labeled.
func (g *Graph) RelTypes() []string {
	out := make([]string, len(graph.EdgeTypes))
	for i, t := range graph.EdgeTypes {
		out[i] = string(t)
	}
	return out
}

// LabelCost implements the planner's cost of a label scan.
func (g *Graph) LabelCost(label string) int {
	switch label {
	case "Organization", "Place":
		return 300
	case "Person":
		return 400
	case "Event":
		return 500
	case "Document":
		return 800
	case "":
		return 2000
	}
	return 100 // no node has an unknown label: the scan is empty
}

// CanLookup implements query.Indexed: ids of every node, names and aliases
// of entities, and date ranges of events.
func (g *Graph) CanLookup(l query.Lookup) (int, bool) {
	entity := l.Label == "" || l.Label == "Person" || l.Label == "Organization" || l.Label == "Place"
	switch {
	case l.Key == "id" && !l.Range && !l.Contains:
		return 1, true
	case l.Key == "name" && entity && !l.Range && !l.Contains:
		return 2, true
	case l.Key == "aliases" && entity && l.Contains:
		return 3, true
	case l.Key == "date" && l.Label == "Event" && l.Range:
		return 100, true
	}
	return 0, false
}

// LookupNodes implements query.Indexed.
func (g *Graph) LookupNodes(ctx context.Context, l query.Lookup, fn func(*query.Node) error) error {
	switch {
	case l.Key == "id":
		id, ok := l.Value.(string)
		if !ok {
			return nil
		}
		n, err := g.Node(ctx, id)
		if err != nil || n == nil {
			return err
		}
		return fn(n)
	case l.Key == "name" || l.Key == "aliases":
		name, ok := l.Value.(string)
		if !ok {
			return nil
		}
		var ks []graph.Kind
		if l.Label != "" {
			ks = []graph.Kind{kinds[l.Label]}
		}
		ids, err := g.r.EntityIDsByName(name, ks...)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			n, err := g.Node(ctx, id)
			if err != nil {
				return err
			}
			if n != nil {
				if err := fn(n); err != nil {
					return err
				}
			}
		}
		return nil
	case l.Key == "date" && l.Range:
		from, to := "", ""
		if l.Lo != nil {
			d, ok := dateOf(l.Lo)
			if !ok {
				return nil
			}
			lo, _, ok := query.DateBounds(d)
			if !ok {
				return nil
			}
			from = lo
		}
		if l.Hi != nil {
			d, ok := dateOf(l.Hi)
			if !ok {
				return nil
			}
			_, hi, ok := query.DateBounds(d)
			if !ok {
				return nil
			}
			// Weeks and quarters sort after the months of their year:
			// read to the end of the year and let the condition decide.
			to = hi[:4]
		}
		var ids []string
		err := g.r.EventIDsByDate(from, to, func(id, _ string) error {
			ids = append(ids, id)
			return nil
		})
		if err != nil {
			return err
		}
		for i, id := range ids {
			if i&255 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			n, err := g.Node(ctx, id)
			if err != nil {
				return err
			}
			if n != nil {
				if err := fn(n); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return nil
}

func dateOf(v query.Value) (query.Date, bool) {
	switch x := v.(type) {
	case query.Date:
		return x, true
	case string:
		return query.ParseDate(x)
	}
	return query.Date{}, false
}
