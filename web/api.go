package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"kg/graph"
	"kg/graph/algo"
	"kg/graph/export"
	"kg/query"
	"kg/query/kgstore"
	"kg/store"
)

// GET /api/stats: what the store holds (counted once per opening of the
// store: it reads every record).
func (s *Server) handleStats(q *request) (any, error) {
	return s.store.cachedStats(q.st, q.r.Stats)
}

// Suggestion is one search result.
type Suggestion struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Mentions  int      `json:"mentions"`
	Documents int      `json:"documents"`
	Aliases   []string `json:"aliases"`
}

// GET /api/search?q=TEXT[&type=person,...][&limit=N]: entities whose name
// or an alias starts with the text (or has a word that does), most
// mentioned first; an id finds its entity or event.
func (s *Server) handleSearch(q *request) (any, error) {
	text, err := q.str("q", 200)
	if err != nil {
		return nil, err
	}
	kinds, err := q.kinds("type", false)
	if err != nil {
		return nil, err
	}
	limit, err := q.integer("limit", 10, 1, 50)
	if err != nil {
		return nil, err
	}
	out := struct {
		Query   string       `json:"query"`
		Results []Suggestion `json:"results"`
	}{Query: text, Results: []Suggestion{}}
	if text == "" {
		return out, nil
	}
	var ks []graph.Kind
	for _, k := range graph.EntityKinds {
		if kinds[k] {
			ks = append(ks, k)
		}
	}
	if graph.IsID(text) {
		id := text
		if to := q.r.Redirect(id); to != "" {
			id = to
		}
		if n, ok, err := loadNode(q.r, id, false, 0); err != nil {
			return nil, err
		} else if ok {
			out.Results = append(out.Results, Suggestion{ID: n.ID, Name: n.Name, Type: n.Type, Mentions: n.Weight, Aliases: []string{}})
			return out, nil
		}
	}
	es, err := q.r.SuggestEntities(text, ks, limit, 0)
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		sg := Suggestion{ID: e.ID, Name: e.Name, Type: string(e.Kind), Mentions: e.Mentions, Documents: e.Documents, Aliases: []string{}}
		for _, a := range e.Aliases {
			if a.Name != e.Name && len(sg.Aliases) < 4 {
				sg.Aliases = append(sg.Aliases, a.Name)
			}
		}
		out.Results = append(out.Results, sg)
	}
	return out, nil
}

// entityID reads the {id} of the path, following a merge.
func (q *request) entityID() (id, from string, err error) {
	id, err = q.pathID("entity")
	if err != nil {
		return "", "", err
	}
	if to := q.r.Redirect(id); to != "" {
		return to, id, nil
	}
	return id, "", nil
}

// GET /api/entity/{id}: an entity with its aliases, attributes, roles,
// strongest relations, events and evidence.
func (s *Server) handleEntity(q *request) (any, error) {
	id, from, err := q.entityID()
	if err != nil {
		return nil, err
	}
	e, err := q.r.Entity(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no entity with id %s", id)
	}
	if err != nil {
		return nil, err
	}
	v, err := entityView(q.r, e)
	if err != nil {
		return nil, err
	}
	v.RedirectedFrom = from
	return v, nil
}

// GET /api/event/{id}: an event with its participants and evidence.
func (s *Server) handleEvent(q *request) (any, error) {
	id, err := q.pathID("event")
	if err != nil {
		return nil, err
	}
	ev, err := q.r.Event(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no event with id %s", id)
	}
	if err != nil {
		return nil, err
	}
	return eventView(q.r, ev)
}

// GET /api/neighbors/{id}?depth=1&limit=150&cooc=true&type=...&from=&to=:
// the neighbourhood of a node as nodes and edges.
func (s *Server) handleNeighbors(q *request) (any, error) {
	id, _, err := q.entityID()
	if err != nil {
		return nil, err
	}
	o := walkOptions{}
	if o.depth, err = q.integer("depth", 1, 1, 3); err != nil {
		return nil, err
	}
	if o.limit, err = q.integer("limit", 150, 1, 2000); err != nil {
		return nil, err
	}
	if o.cooc, err = q.boolean("cooc", true); err != nil {
		return nil, err
	}
	if o.kinds, err = q.kinds("type", true); err != nil {
		return nil, err
	}
	if o.from, o.to, err = q.window(); err != nil {
		return nil, err
	}
	return neighborhood(q.ctx, q.r, id, o)
}

// GET /api/edge?from=ID&to=ID&type=TYPE[&qualifier=Q]: one edge with its
// evidence, both ends' mentions set apart.
func (s *Server) handleEdge(q *request) (any, error) {
	from, err := q.id("from", true)
	if err != nil {
		return nil, err
	}
	to, err := q.id("to", true)
	if err != nil {
		return nil, err
	}
	ts, err := q.str("type", 40)
	if err != nil {
		return nil, err
	}
	t := graph.EdgeType(ts)
	valid := false
	for _, x := range graph.EdgeTypes {
		valid = valid || (x == t && x != graph.MentionedIn)
	}
	if !valid {
		return nil, badRequest("parameter \"type\" is %q: want PARTICIPANT_IN, OCCURRED_IN, RELATED_TO or CO_OCCURS_WITH", ts)
	}
	qual, err := q.str("qualifier", 200)
	if err != nil {
		return nil, err
	}
	var found *graph.Edge
	err = q.r.Adjacent(from, store.Out, []graph.EdgeType{t}, func(e store.Edge) error {
		if e.To == to && e.Qualifier == qual && found == nil {
			ed := e.Edge
			found = &ed
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, notFound("no %s edge from %s to %s", t, from, to)
	}
	v := &EdgeView{Edge: Edge{ID: edgeID(from, t, qual, to), Source: from, Target: to, Type: string(t), Qualifier: qual, Weight: found.Weight}, Evidence: []Evidence{}}
	for i, id := range []string{from, to} {
		n, ok, err := loadNode(q.r, id, false, 0)
		if err != nil {
			return nil, err
		}
		ref := graph.Ref{ID: id}
		if ok {
			ref.Name, ref.Kind = n.Name, graph.Kind(n.Type)
		}
		if i == 0 {
			v.From = ref
		} else {
			v.To = ref
		}
	}
	dc := &docCache{r: q.r}
	for _, e := range found.Evidence {
		x, err := evidenceOf(q.r, dc, e.Document, e.Sentence, []string{from, to}, nil)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		if x != nil {
			v.Evidence = append(v.Evidence, *x)
		}
	}
	return v, nil
}

// GET /api/events?from=&to=&type=a,b&involving=ID&place=ID&limit=N: events
// in date order (undated last).
func (s *Server) handleEvents(q *request) (any, error) {
	f := store.EventFilter{}
	var err error
	if f.From, f.To, err = q.window(); err != nil {
		return nil, err
	}
	types, err := q.str("type", 400)
	if err != nil {
		return nil, err
	}
	for _, t := range strings.Split(types, ",") {
		if t = strings.TrimSpace(t); t != "" {
			f.Types = append(f.Types, t)
		}
	}
	inv, err := q.id("involving", false)
	if err != nil {
		return nil, err
	}
	if inv != "" {
		f.Involving = []string{inv}
	}
	if f.Place, err = q.id("place", false); err != nil {
		return nil, err
	}
	limit, err := q.integer("limit", 100, 1, 1000)
	if err != nil {
		return nil, err
	}
	out := struct {
		Events    []*graph.Event `json:"events"`
		Truncated bool           `json:"truncated"`
	}{Events: []*graph.Event{}}
	if inv != "" || f.Place != "" {
		// The events of an entity are its edges: read them, not the
		// whole date index.
		evs, truncated, err := eventsOf(q, f, limit)
		if err != nil {
			return nil, err
		}
		out.Events, out.Truncated = evs, truncated
		return out, nil
	}
	errFull := errors.New("full")
	err = q.r.Events(f, func(ev *graph.Event) error {
		if err := q.ctx.Err(); err != nil {
			return err
		}
		if len(out.Events) >= limit {
			out.Truncated = true
			return errFull
		}
		out.Events = append(out.Events, ev)
		return nil
	})
	if err != nil && !errors.Is(err, errFull) {
		return nil, err
	}
	return out, nil
}

// eventsOf lists the events of f.Involving[0] (or of f.Place) through
// its PARTICIPANT_IN and OCCURRED_IN edges, filtered and in date order.
func eventsOf(q *request, f store.EventFilter, limit int) ([]*graph.Event, bool, error) {
	id := f.Place
	if len(f.Involving) > 0 {
		id = f.Involving[0]
	}
	seen := map[string]bool{}
	var list []*graph.Event
	err := q.r.Adjacent(id, store.Both, []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn}, func(e store.Edge) error {
		ev := e.To
		if e.Type == graph.OccurredIn {
			if e.Out {
				return nil // an event's place, not an entity's event
			}
			ev = e.From
		} else if !e.Out {
			return nil
		}
		if seen[ev] {
			return nil
		}
		seen[ev] = true
		s, err := q.r.EventSummary(ev)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if !inWindow(s.Date, f.From, f.To) && (f.From != "" || f.To != "") {
			return nil
		}
		if len(f.Types) > 0 && !slices.Contains(f.Types, s.Type) {
			return nil
		}
		if f.Place != "" && (s.Place == nil || s.Place.ID != f.Place) {
			return nil
		}
		if len(f.Involving) > 0 && f.Place == "" {
			// Involving: as a participant or as the place.
			ok := s.Place != nil && s.Place.ID == id
			for _, p := range s.Participants {
				ok = ok || p.ID == id
			}
			if !ok {
				return nil
			}
		}
		list = append(list, s)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Date != list[j].Date {
			return dateOrder(list[i].Date, list[j].Date)
		}
		return list[i].ID < list[j].ID
	})
	truncated := len(list) > limit
	if truncated {
		list = list[:limit]
	}
	out := make([]*graph.Event, 0, len(list))
	for _, s := range list {
		ev, err := q.r.Event(s.ID)
		if err != nil {
			return nil, false, err
		}
		out = append(out, ev)
	}
	return out, truncated, nil
}

// PathNode is a node on a path.
type PathNode struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	Date string `json:"date,omitempty"`
}

// Path is one path between two entities.
type Path struct {
	Length int        `json:"length"`
	Nodes  []PathNode `json:"nodes"`
	Edges  []Edge     `json:"edges"`
}

// resolveEntity reads an entity given by id or by name.
func resolveEntity(r *store.Reader, s string) (*graph.Entity, error) {
	es, err := r.FindEntities(s)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, notFound("no entity named %q", s)
	}
	return es[0], nil
}

// GET /api/path?from=A&to=B[&k=1][&cooc=true]: the shortest paths between
// two entities (ids or names), through events too.
func (s *Server) handlePath(q *request) (any, error) {
	a, err := q.str("from", 200)
	if err != nil {
		return nil, err
	}
	b, err := q.str("to", 200)
	if err != nil {
		return nil, err
	}
	if a == "" || b == "" {
		return nil, badRequest("give both ends: from and to (ids or names)")
	}
	k, err := q.integer("k", 1, 1, 5)
	if err != nil {
		return nil, err
	}
	cooc, err := q.boolean("cooc", true)
	if err != nil {
		return nil, err
	}
	ea, err := resolveEntity(q.r, a)
	if err != nil {
		return nil, err
	}
	eb, err := resolveEntity(q.r, b)
	if err != nil {
		return nil, err
	}
	types := walkOptions{cooc: cooc}.types()
	ctx, cancel := context.WithTimeout(q.ctx, 10*time.Second)
	defer cancel()
	lazy := algo.NewLazy(func(id string) ([]algo.Link, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var links []algo.Link
		err := q.r.Adjacent(id, store.Both, types, func(e store.Edge) error {
			other := e.To
			if !e.Out {
				other = e.From
			}
			links = append(links, algo.Link{To: other, Edge: e.Edge})
			return nil
		})
		return links, err
	}, 50000)
	found := algo.ShortestPaths(lazy, ea.ID, eb.ID, k)
	if err := lazy.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, &apiError{status: http.StatusServiceUnavailable, code: "timeout", msg: "the path search ran out of time: try entities closer together, or leave co-occurrence out"}
		}
		return nil, err
	}
	out := struct {
		From      graph.Ref `json:"from"`
		To        graph.Ref `json:"to"`
		Paths     []Path    `json:"paths"`
		Graph     *Graph    `json:"graph"`
		Exhausted bool      `json:"exhausted"`
	}{From: graph.Ref{ID: ea.ID, Name: ea.Name, Kind: ea.Kind}, To: graph.Ref{ID: eb.ID, Name: eb.Name, Kind: eb.Kind},
		Paths: []Path{}, Graph: &Graph{Nodes: []Node{}, Edges: []Edge{}}, Exhausted: len(found) == 0 && lazy.Exhausted}
	inGraph := map[string]bool{}
	for _, ids := range found {
		p := Path{Length: len(ids) - 1}
		for i, id := range ids {
			n, ok, err := loadNode(q.r, id, false, i)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, fmt.Errorf("node %s on a path is missing", id)
			}
			p.Nodes = append(p.Nodes, PathNode{ID: n.ID, Name: n.Name, Type: n.Type, Date: n.Date})
			if !inGraph[id] {
				inGraph[id] = true
				out.Graph.Nodes = append(out.Graph.Nodes, n)
			}
			if i == 0 {
				continue
			}
			prev := ids[i-1]
			var best *Edge
			err = q.r.Adjacent(prev, store.Both, types, func(e store.Edge) error {
				other := e.To
				if !e.Out {
					other = e.From
				}
				if other == id && best == nil {
					best = &Edge{ID: edgeID(e.From, e.Type, e.Qualifier, e.To), Source: e.From, Target: e.To, Type: string(e.Type), Qualifier: e.Qualifier, Weight: e.Weight}
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			if best != nil {
				p.Edges = append(p.Edges, *best)
				if !inGraph[best.ID] {
					inGraph[best.ID] = true
					out.Graph.Edges = append(out.Graph.Edges, *best)
				}
			}
		}
		out.Paths = append(out.Paths, p)
	}
	return out, nil
}

// QueryRequest is the body of POST /api/query.
type QueryRequest struct {
	Query   string         `json:"query"`
	Params  map[string]any `json:"params,omitempty"`
	MaxRows int            `json:"max_rows,omitempty"`
}

// QueryResult is what POST /api/query returns: the rows as JSON values
// (nodes as objects of their properties), and the nodes and relationships
// found in them as a graph the UI can draw.
type QueryResult struct {
	Columns   []string `json:"columns"`
	Rows      [][]any  `json:"rows"`
	Truncated bool     `json:"truncated"`
	Warnings  []string `json:"warnings"`
	ElapsedMS float64  `json:"elapsed_ms"`
	Graph     *Graph   `json:"graph"`
}

const maxQueryRows = 5000

// POST /api/query {"query": "MATCH ...", "params": {...}, "max_rows": N}:
// runs a read-only Cypher query.
func (s *Server) handleQuery(q *request) (any, error) {
	var req QueryRequest
	if err := q.decodeBody(&req); err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Query) == "" {
		return nil, badRequest("the query is empty: send {\"query\": \"MATCH (p:Person) RETURN p.name LIMIT 10\"}")
	}
	if len(req.Query) > 16<<10 {
		return nil, badRequest("the query is %d bytes; the most is %d", len(req.Query), 16<<10)
	}
	if req.MaxRows <= 0 || req.MaxRows > maxQueryRows {
		req.MaxRows = 1000
	}
	params := map[string]query.Value{}
	for k, v := range req.Params {
		params[k] = queryValue(v)
	}
	start := time.Now()
	p, err := query.Prepare(req.Query, kgstore.New(q.r), query.Options{Params: params, Timeout: s.opts.QueryTimeout, MaxRows: req.MaxRows})
	if err != nil {
		return nil, &apiError{status: http.StatusBadRequest, code: "query_error", msg: query.Detail(err)}
	}
	res, err := p.Run(q.ctx)
	if errors.Is(err, query.ErrTimeout) {
		return nil, &apiError{status: http.StatusServiceUnavailable, code: "timeout",
			msg: fmt.Sprintf("the query ran out of time after %s: narrow the MATCH (labels, names, date ranges) or add a LIMIT", s.opts.QueryTimeout)}
	}
	if err != nil {
		if query.IsCompileError(err) {
			return nil, &apiError{status: http.StatusBadRequest, code: "query_error", msg: query.Detail(err)}
		}
		return nil, &apiError{status: http.StatusUnprocessableEntity, code: "query_error", msg: query.Detail(err)}
	}
	out := &QueryResult{Columns: res.Columns, Rows: make([][]any, 0, len(res.Rows)), Truncated: res.Truncated,
		Warnings: append(p.Warnings(), res.Warnings...), Graph: &Graph{Nodes: []Node{}, Edges: []Edge{}}}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	gb := &graphBuilder{g: out.Graph, seen: map[string]bool{}}
	for _, row := range res.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			j, err := query.JSON(v)
			if err != nil {
				return nil, err
			}
			cells[i] = j
			gb.add(v)
		}
		out.Rows = append(out.Rows, cells)
	}
	gb.finish()
	out.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// queryValue turns a JSON parameter into a query value.
func queryValue(v any) query.Value {
	switch x := v.(type) {
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
		return x
	case []any:
		out := make([]query.Value, len(x))
		for i, e := range x {
			out[i] = queryValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]query.Value, len(x))
		for k, e := range x {
			out[k] = queryValue(e)
		}
		return out
	}
	return v
}

// graphBuilder collects the nodes and relationships of query results.
type graphBuilder struct {
	g    *Graph
	seen map[string]bool
	rels []*query.Rel
}

const maxQueryGraph = 2000

func (b *graphBuilder) node(n *query.Node) {
	if b.seen[n.ID] || len(b.g.Nodes) >= maxQueryGraph {
		b.g.Truncated = b.g.Truncated || !b.seen[n.ID]
		return
	}
	b.seen[n.ID] = true
	nd := Node{ID: n.ID}
	if len(n.Labels) > 0 {
		nd.Type = strings.ToLower(n.Labels[0])
	}
	str := func(k string) string {
		v, _ := n.Prop(k)
		s, _ := v.(string)
		return s
	}
	num := func(k string) int {
		v, _ := n.Prop(k)
		i, _ := v.(int64)
		return int(i)
	}
	switch nd.Type {
	case "event":
		nd.Name, nd.EventType, nd.Weight = str("label"), str("type"), num("documents")
		if v, _ := n.Prop("date"); v != nil {
			if d, ok := v.(query.Date); ok {
				nd.Date = d.Text
			}
		}
	case "document":
		nd.Name = str("title")
		if nd.Name == "" {
			nd.Name = n.ID
		}
		nd.Weight = 1
	default:
		nd.Name, nd.Weight = str("name"), num("mentions")
	}
	b.g.Nodes = append(b.g.Nodes, nd)
}

func (b *graphBuilder) add(v query.Value) {
	switch x := v.(type) {
	case *query.Node:
		b.node(x)
	case *query.Rel:
		b.rels = append(b.rels, x)
	case *query.Path:
		for _, n := range x.Nodes {
			b.node(n)
		}
		b.rels = append(b.rels, x.Rels...)
	case []query.Value:
		for _, e := range x {
			b.add(e)
		}
	case map[string]query.Value:
		for _, e := range x {
			b.add(e)
		}
	}
}

// finish adds the relationships whose ends are both drawn.
func (b *graphBuilder) finish() {
	for _, r := range b.rels {
		if !b.seen[r.Start] || !b.seen[r.End] {
			continue
		}
		q := ""
		for _, k := range []string{"role", "predicate"} {
			if s, ok := r.Props[k].(string); ok {
				q = s
			}
		}
		id := edgeID(r.Start, graph.EdgeType(r.Type), q, r.End)
		if b.seen[id] {
			continue
		}
		b.seen[id] = true
		w := 1.0
		switch x := r.Props["weight"].(type) {
		case float64:
			w = x
		case int64:
			w = float64(x)
		}
		b.g.Edges = append(b.g.Edges, Edge{ID: id, Source: r.Start, Target: r.End, Type: r.Type, Qualifier: q, Weight: w})
	}
}

// ExportRequest is the body of POST /api/export.
type ExportRequest struct {
	Format string   `json:"format"`
	Nodes  []string `json:"nodes"`
}

const maxExportNodes = 5000

// POST /api/export {"format": "dot"|"json", "nodes": [ids]}: the subgraph
// of the nodes (the explorer's current view) as a file.
func (s *Server) handleExport(q *request) (any, error) {
	var req ExportRequest
	if err := q.decodeBody(&req); err != nil {
		return nil, err
	}
	if req.Format != "dot" && req.Format != "json" {
		return nil, badRequest("format %q: want dot or json", req.Format)
	}
	if len(req.Nodes) == 0 {
		return nil, badRequest("no nodes to export: send {\"format\": \"dot\", \"nodes\": [ids]}")
	}
	if len(req.Nodes) > maxExportNodes {
		return nil, badRequest("%d nodes; the most is %d", len(req.Nodes), maxExportNodes)
	}
	sub := &graph.Subgraph{Entities: []*graph.Entity{}, Events: []*graph.Event{}, Edges: []graph.Edge{}}
	set := map[string]bool{}
	for _, id := range req.Nodes {
		if !graph.IsID(id) {
			return nil, badRequest("%q is not an id: want 16 hexadecimal digits", id)
		}
		if set[id] {
			continue
		}
		set[id] = true
		if e, err := q.r.Entity(id); err == nil {
			sub.Entities = append(sub.Entities, e)
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		ev, err := q.r.Event(id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, notFound("no entity or event with id %s", id)
		}
		if err != nil {
			return nil, err
		}
		sub.Events = append(sub.Events, ev)
	}
	for _, id := range req.Nodes {
		if err := q.ctx.Err(); err != nil {
			return nil, err
		}
		err := q.r.Adjacent(id, store.Out, []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn, graph.RelatedTo, graph.CoOccursWith}, func(e store.Edge) error {
			if set[e.To] {
				ed := e.Edge
				q.r.FillEvidence(ed.Evidence)
				sub.Edges = append(sub.Edges, ed)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	name := "kg-view." + req.Format
	switch req.Format {
	case "dot":
		if err := export.DOT(&buf, sub); err != nil {
			return nil, err
		}
		return &download{name: name, contentType: "text/vnd.graphviz; charset=utf-8", body: buf.Bytes()}, nil
	default:
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sub); err != nil {
			return nil, err
		}
		return &download{name: name, contentType: "application/json; charset=utf-8", body: buf.Bytes()}, nil
	}
}

// GET /api/document/{id}[?focus=ID][&sentence=N]: a document's text cut
// into segments at its mentions (the focus node's marked, the sentence's
// set apart), with the mentions' byte offsets and the nodes it mentions.
func (s *Server) handleDocument(q *request) (any, error) {
	id, err := q.pathID("document")
	if err != nil {
		return nil, err
	}
	focus, err := q.id("focus", false)
	if err != nil {
		return nil, err
	}
	sent, err := q.integer("sentence", -1, -1, 1<<20)
	if err != nil {
		return nil, err
	}
	v, err := documentView(q.r, id, focus, sent)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("no document with id %s", id)
	}
	return v, err
}
