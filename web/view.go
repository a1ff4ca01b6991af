package web

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"kg/graph"
	"kg/store"
)

// Node is a node of a graph sent to the UI.
type Node struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Type is person, organization, place or event.
	Type string `json:"type"`
	// Weight is an entity's mentions or an event's documents: its size.
	Weight    int    `json:"weight"`
	Date      string `json:"date,omitempty"`       // an event's date
	EventType string `json:"event_type,omitempty"` // an event's type
	Depth     int    `json:"depth"`                // hops from the center
}

// Edge is an edge of a graph sent to the UI.
type Edge struct {
	ID        string  `json:"id"`
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Type      string  `json:"type"`
	Qualifier string  `json:"qualifier,omitempty"`
	Weight    float64 `json:"weight"`
}

// Graph is a set of nodes and the edges among them.
type Graph struct {
	Center string `json:"center,omitempty"`
	Nodes  []Node `json:"nodes"`
	Edges  []Edge `json:"edges"`
	// Truncated is set when the walk stopped at its limit of nodes, and
	// EdgesTruncated when only the strongest edges among them are given.
	Truncated      bool `json:"truncated"`
	EdgesTruncated bool `json:"edges_truncated"`
}

func edgeID(from string, t graph.EdgeType, q, to string) string {
	return from + "|" + string(t) + "|" + q + "|" + to
}

func entityNode(e *graph.Entity, depth int) Node {
	return Node{ID: e.ID, Name: e.Name, Type: string(e.Kind), Weight: e.Mentions, Depth: depth}
}

func eventNode(ev *graph.Event, depth int) Node {
	return Node{ID: ev.ID, Name: ev.Label, Type: string(graph.EventKind), Weight: ev.Documents, Date: ev.Date, EventType: ev.Type, Depth: depth}
}

// otherIsEvent tells whether the end of e that is not near is an event.
func otherIsEvent(e store.Edge, other string) bool {
	return e.Type == graph.ParticipantIn && other == e.To || e.Type == graph.OccurredIn && other == e.From
}

// loadNode reads a node as the UI shows it; ok is false when there is none.
func loadNode(r *store.Reader, id string, isEvent bool, depth int) (Node, bool, error) {
	if !isEvent {
		e, err := r.Entity(id)
		if err == nil {
			return entityNode(e, depth), true, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return Node{}, false, err
		}
	}
	ev, err := r.EventSummary(id)
	if errors.Is(err, store.ErrNotFound) {
		return Node{}, false, nil
	}
	if err != nil {
		return Node{}, false, err
	}
	return eventNode(ev, depth), true, nil
}

// inWindow reports whether a TIMEX3 date (a day, week, month, quarter or
// year) overlaps the window [from, to]; with no window, every date does.
func inWindow(date, from, to string) bool { return graph.InRange(date, from, to) }

type walkOptions struct {
	depth, limit int
	maxEdges     int // 0: 5 per node, 2 past 150 nodes
	cooc         bool
	kinds        map[graph.Kind]bool // nil: every kind
	from, to     string
}

func (o walkOptions) types() []graph.EdgeType {
	ts := []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn, graph.RelatedTo}
	if o.cooc {
		ts = append(ts, graph.CoOccursWith)
	}
	return ts
}

// neighborhood walks from a node: at each hop the neighbours joined by the
// heaviest edges come first (typed relations before co-occurrence), until
// limit nodes are reached. The edges among the nodes reached follow: those
// of the center and the typed ones first, then co-occurrence by weight, at
// most maxEdges (0: 5 per node, 2 per node past 150 nodes).
func neighborhood(ctx context.Context, r *store.Reader, center string, o walkOptions) (*Graph, error) {
	c, ok, err := loadNode(r, center, false, 0)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound("no entity or event with id %s", center)
	}
	g := &Graph{Center: center, Nodes: []Node{c}, Edges: []Edge{}}
	nodes := map[string]bool{center: true}
	types := o.types()
	type cand struct {
		id      string
		weight  float64
		isEvent bool
	}
	frontier := []string{center}
	for d := 1; d <= o.depth && len(frontier) > 0; d++ {
		if len(g.Nodes) >= o.limit {
			g.Truncated = true
			break
		}
		cands := map[string]*cand{}
		for _, id := range frontier {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			err := r.Adjacent(id, store.Both, types, func(e store.Edge) error {
				other := e.To
				if !e.Out {
					other = e.From
				}
				if nodes[other] {
					return nil
				}
				w := e.Weight
				if e.Type != graph.CoOccursWith {
					w += 1e6 // typed relations and events first
				}
				if c := cands[other]; c != nil {
					c.weight = max(c.weight, w)
				} else {
					cands[other] = &cand{id: other, weight: w, isEvent: otherIsEvent(e, other)}
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		list := make([]*cand, 0, len(cands))
		for _, c := range cands {
			list = append(list, c)
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].weight != list[j].weight {
				return list[i].weight > list[j].weight
			}
			return list[i].id < list[j].id
		})
		var next []string
		for _, c := range list {
			if len(g.Nodes) >= o.limit {
				g.Truncated = true
				break
			}
			if c.isEvent && o.kinds != nil && !o.kinds[graph.EventKind] {
				continue
			}
			n, ok, err := loadNode(r, c.id, c.isEvent, d)
			if err != nil {
				return nil, err
			}
			if !ok || (o.kinds != nil && !o.kinds[graph.Kind(n.Type)]) {
				continue
			}
			if n.Type == string(graph.EventKind) && !inWindow(n.Date, o.from, o.to) {
				continue
			}
			nodes[c.id] = true
			g.Nodes = append(g.Nodes, n)
			next = append(next, c.id)
		}
		frontier = next
	}
	// The edges among the nodes.
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	var edges []graph.Edge
	err = r.EdgesAmong(ids, types, func(e graph.Edge) error {
		e.Evidence = nil
		edges = append(edges, e)
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	maxEdges := o.maxEdges
	if maxEdges <= 0 {
		// Enough to see who is tied to whom; a big view with every
		// co-occurrence is a hairball, and slow to draw.
		maxEdges = 5 * len(g.Nodes)
		if len(g.Nodes) > 150 {
			maxEdges = 2 * len(g.Nodes)
		}
	}
	if len(edges) > maxEdges {
		rank := func(e graph.Edge) float64 {
			switch {
			case e.From == center || e.To == center:
				return 2e9 + e.Weight
			case e.Type != graph.CoOccursWith:
				return 1e9 + e.Weight
			}
			return e.Weight
		}
		sort.SliceStable(edges, func(i, j int) bool { return rank(edges[i]) > rank(edges[j]) })
		edges = edges[:maxEdges]
		g.EdgesTruncated = true
	}
	for _, e := range edges {
		g.Edges = append(g.Edges, Edge{ID: edgeID(e.From, e.Type, e.Qualifier, e.To), Source: e.From, Target: e.To, Type: string(e.Type), Qualifier: e.Qualifier, Weight: e.Weight})
	}
	return g, nil
}

// Segment is a piece of text: plain, or a mention. The UI puts each piece
// on the page as text, so nothing in an article is ever read as markup.
type Segment struct {
	Text string `json:"text"`
	// Mark is set on the mentions of the node asked about.
	Mark bool `json:"mark,omitempty"`
	// Entity and Type are set on the mentions of other nodes.
	Entity string `json:"entity,omitempty"`
	Type   string `json:"type,omitempty"`
	// Focus is set on the text of the sentence asked for.
	Focus bool `json:"focus,omitempty"`
}

// span is a range of byte offsets of a document to set apart.
type span struct {
	start, end int
	mark       bool
	entity     string
	kind       string
}

// segments cuts text, which starts at byte offset base of its document,
// at the spans (in document offsets). Overlapping spans keep the first
// (the longest when two start together); spans that do not fall on
// character boundaries are ignored. focus, when its end is past its
// start, is a span of the document whose text is marked Focus.
func segments(text string, base int, spans []span, focus graph.Span) []Segment {
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	ok := func(off int) bool {
		i := off - base
		return i >= 0 && i <= len(text) && (i == len(text) || utf8.RuneStart(text[i]))
	}
	// Cut points: span ends and the focus span's ends.
	var kept []span
	pos := base
	for _, s := range spans {
		if s.start < pos || s.end <= s.start || !ok(s.start) || !ok(s.end) {
			continue
		}
		kept = append(kept, s)
		pos = s.end
	}
	cuts := []int{base, base + len(text)}
	for _, s := range kept {
		cuts = append(cuts, s.start, s.end)
	}
	hasFocus := focus.End > focus.Start
	if hasFocus {
		for _, c := range []int{focus.Start, focus.End} {
			if c > base && c < base+len(text) && ok(c) {
				cuts = append(cuts, c)
			}
		}
	}
	sort.Ints(cuts)
	out := []Segment{}
	k := 0
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		seg := Segment{Text: text[a-base : b-base]}
		for k < len(kept) && kept[k].end <= a {
			k++
		}
		if k < len(kept) && kept[k].start <= a && b <= kept[k].end {
			s := kept[k]
			seg.Mark, seg.Entity, seg.Type = s.mark, s.entity, s.kind
		}
		if hasFocus && a >= focus.Start && b <= focus.End {
			seg.Focus = true
		}
		// Merge with the previous piece when they look the same.
		if n := len(out); n > 0 && seg.Mark == out[n-1].Mark && seg.Entity == "" && out[n-1].Entity == "" && seg.Focus == out[n-1].Focus && !seg.Mark {
			out[n-1].Text += seg.Text
			continue
		}
		out = append(out, seg)
	}
	return out
}

// Evidence is a source sentence with its document and the mentions set apart.
type Evidence struct {
	Document string    `json:"document"`
	Title    string    `json:"title"`
	Date     string    `json:"date,omitempty"`
	Sentence int       `json:"sentence"`
	Text     string    `json:"text"`
	Segments []Segment `json:"segments"`
}

// docCache reads each document once per request.
type docCache struct {
	r    *store.Reader
	docs map[string]*store.Document
}

func (c *docCache) get(id string) (*store.Document, error) {
	if d, ok := c.docs[id]; ok {
		return d, nil
	}
	d, err := c.r.Document(id)
	if err != nil {
		return nil, err
	}
	if c.docs == nil {
		c.docs = map[string]*store.Document{}
	}
	c.docs[id] = d
	return d, nil
}

// evidenceOf builds the evidence for sentence sent of doc, marking the
// mentions of the nodes in marked and showing those of the nodes in other.
func evidenceOf(r *store.Reader, dc *docCache, doc string, sent int, marked []string, other map[string]graph.Kind) (*Evidence, error) {
	d, err := dc.get(doc)
	if err != nil {
		return nil, err
	}
	if sent < 0 || sent >= len(d.Sentences) {
		return nil, nil
	}
	sp := d.Sentences[sent]
	if sp.Start < 0 || sp.End > len(d.Text) || sp.Start > sp.End {
		return nil, nil
	}
	var spans []span
	add := func(node string, mark bool, kind graph.Kind) error {
		ms, err := r.MentionsIn(node, doc)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if mark && m.Start <= sp.Start && m.End >= sp.End {
				continue // an event's mention is its whole sentence: nothing to set apart
			}
			if m.Sentence == sent {
				s := span{start: m.Start, end: m.End, mark: mark}
				if !mark {
					s.entity, s.kind = node, string(kind)
				}
				spans = append(spans, s)
			}
		}
		return nil
	}
	for _, n := range marked {
		if err := add(n, true, ""); err != nil {
			return nil, err
		}
	}
	for n, k := range other {
		if err := add(n, false, k); err != nil {
			return nil, err
		}
	}
	text := d.Text[sp.Start:sp.End]
	return &Evidence{Document: d.ID, Title: d.Title, Date: d.DateString(), Sentence: sent, Text: text,
		Segments: segments(text, sp.Start, spans, graph.Span{})}, nil
}

// Relation is an edge seen from the entity shown.
type Relation struct {
	Type      string    `json:"type"`
	Qualifier string    `json:"qualifier,omitempty"`
	Direction string    `json:"direction"` // out or in
	Other     graph.Ref `json:"other"`
	Weight    float64   `json:"weight"`
}

// EventRow is an event in an entity's list.
type EventRow struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Label string `json:"label"`
	Date  string `json:"date"`
	Role  string `json:"role"`
}

// Coordinates are a place's latitude and longitude.
type Coordinates struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// EntityView is what /api/entity returns.
type EntityView struct {
	*graph.Entity
	// RedirectedFrom is the id asked for, when it was merged into this one.
	RedirectedFrom string       `json:"redirected_from,omitempty"`
	Coordinates    *Coordinates `json:"coordinates"`
	// Roles are the typed relations (RELATED_TO: mayor_of, ...).
	Roles []Relation `json:"roles"`
	// Relations are the strongest co-occurrences.
	Relations      []Relation `json:"relations"`
	RelationsTotal int        `json:"relations_total"`
	Events         []EventRow `json:"events"`
	EventsTotal    int        `json:"events_total"`
	Evidence       []Evidence `json:"evidence"`
}

const (
	maxRelations = 30
	maxEvents    = 300
	maxEvidence  = 12
)

func entityView(r *store.Reader, e *graph.Entity) (*EntityView, error) {
	v := &EntityView{Entity: e, Roles: []Relation{}, Relations: []Relation{}, Events: []EventRow{}, Evidence: []Evidence{}}
	if lat, err1 := strconv.ParseFloat(e.Attrs["lat"], 64); err1 == nil {
		if lon, err2 := strconv.ParseFloat(e.Attrs["lon"], 64); err2 == nil {
			v.Coordinates = &Coordinates{Lat: lat, Lon: lon}
		}
	}
	var rels []Relation
	var events []EventRow
	err := r.Adjacent(e.ID, store.Both, []graph.EdgeType{graph.RelatedTo, graph.CoOccursWith, graph.ParticipantIn, graph.OccurredIn}, func(ed store.Edge) error {
		other, dir := ed.To, "out"
		if !ed.Out {
			other, dir = ed.From, "in"
		}
		switch ed.Type {
		case graph.ParticipantIn, graph.OccurredIn:
			role := ed.Qualifier
			if ed.Type == graph.OccurredIn {
				role = "place"
			}
			events = append(events, EventRow{ID: other, Role: role})
		default:
			if other != e.ID {
				rels = append(rels, Relation{Type: string(ed.Type), Qualifier: ed.Qualifier, Direction: dir, Other: graph.Ref{ID: other}, Weight: ed.Weight})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rels, func(i, j int) bool {
		a, b := rels[i], rels[j]
		if (a.Type == string(graph.RelatedTo)) != (b.Type == string(graph.RelatedTo)) {
			return a.Type == string(graph.RelatedTo)
		}
		return a.Weight > b.Weight
	})
	for _, rel := range rels {
		if rel.Type != string(graph.RelatedTo) {
			v.RelationsTotal++
		}
		if rel.Type != string(graph.RelatedTo) && len(v.Relations) >= maxRelations {
			continue
		}
		o, err := r.Entity(rel.Other.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		rel.Other = graph.Ref{ID: o.ID, Name: o.Name, Kind: o.Kind}
		if rel.Type == string(graph.RelatedTo) {
			v.Roles = append(v.Roles, rel)
		} else {
			v.Relations = append(v.Relations, rel)
		}
	}
	// Events: one row per event (an entity can take part in several roles).
	seen := map[string]int{}
	for _, row := range events {
		if i, ok := seen[row.ID]; ok {
			if !strings.Contains(v.Events[i].Role, row.Role) {
				v.Events[i].Role += ", " + row.Role
			}
			continue
		}
		v.EventsTotal++
		if len(v.Events) >= maxEvents {
			continue
		}
		ev, err := r.EventSummary(row.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		row.Type, row.Label, row.Date = ev.Type, ev.Label, ev.Date
		seen[row.ID] = len(v.Events)
		v.Events = append(v.Events, row)
	}
	sort.SliceStable(v.Events, func(i, j int) bool { return dateOrder(v.Events[i].Date, v.Events[j].Date) })
	// Evidence: sentences that mention the entity, a few documents' worth.
	docs, err := r.Mentions(e.ID, maxEvidence)
	if err != nil {
		return nil, err
	}
	dc := &docCache{r: r}
	for _, dm := range docs {
		sents := map[int]bool{}
		for _, m := range dm.Mentions {
			if sents[m.Sentence] || len(v.Evidence) >= maxEvidence {
				continue
			}
			sents[m.Sentence] = true
			ev, err := evidenceOf(r, dc, dm.Document, m.Sentence, []string{e.ID}, nil)
			if err != nil {
				return nil, err
			}
			if ev != nil {
				v.Evidence = append(v.Evidence, *ev)
			}
		}
	}
	return v, nil
}

// dateOrder sorts events by the first day of their date, undated last.
func dateOrder(a, b string) bool { return graph.DateOrder(a, b) < 0 }

// EventView is what /api/event returns.
type EventView struct {
	*graph.Event
	Evidence []Evidence `json:"evidence"`
}

func eventView(r *store.Reader, ev *graph.Event) (*EventView, error) {
	v := &EventView{Event: ev, Evidence: []Evidence{}}
	others := map[string]graph.Kind{}
	for _, p := range ev.Participants {
		others[p.ID] = p.Kind
	}
	if ev.Place != nil {
		others[ev.Place.ID] = graph.Place
	}
	dc := &docCache{r: r}
	for _, e := range ev.Evidence {
		x, err := evidenceOf(r, dc, e.Document, e.Sentence, []string{ev.ID}, others)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		if x != nil {
			v.Evidence = append(v.Evidence, *x)
		}
	}
	return v, nil
}

// EdgeView is what /api/edge returns.
type EdgeView struct {
	Edge
	From     graph.Ref  `json:"from"`
	To       graph.Ref  `json:"to"`
	Evidence []Evidence `json:"evidence"`
}

// DocumentView is what /api/document returns.
type DocumentView struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	URL       string    `json:"url,omitempty"`
	Published string    `json:"published,omitempty"`
	Source    string    `json:"source,omitempty"`
	Sentences int       `json:"sentences"`
	Segments  []Segment `json:"segments"`
	// Mentions are the entities' mentions in the text, with byte offsets.
	Mentions []DocMention `json:"mentions"`
	// Nodes are the entities and events the document mentions.
	Nodes []Node `json:"nodes"`
}

// DocMention is a mention in a document, with byte offsets into its text.
type DocMention struct {
	Node     string `json:"node"`
	Type     string `json:"type"`
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}

func documentView(r *store.Reader, id, focusNode string, focusSentence int) (*DocumentView, error) {
	d, err := r.Document(id)
	if err != nil {
		return nil, err
	}
	v := &DocumentView{ID: d.ID, Title: d.Title, URL: d.URL, Published: d.DateString(), Source: d.Source,
		Sentences: len(d.Sentences), Mentions: []DocMention{}, Nodes: []Node{}}
	ms, err := r.DocumentMentions(id)
	if err != nil {
		return nil, err
	}
	kinds := map[string]string{}
	counts := map[string]int{}
	var order []string
	var spans []span
	for _, m := range ms {
		kind, ok := kinds[m.Entity]
		if !ok {
			n, found, err := loadNode(r, m.Entity, false, 0)
			if err != nil {
				return nil, err
			}
			if !found {
				continue
			}
			kind = n.Type
			kinds[m.Entity] = kind
			order = append(order, m.Entity)
			v.Nodes = append(v.Nodes, n)
		}
		counts[m.Entity]++
		if kind == string(graph.EventKind) {
			continue // an event's mention is its whole sentence: listed in Nodes, not set apart in the text
		}
		v.Mentions = append(v.Mentions, DocMention{Node: m.Entity, Type: kind, Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
		spans = append(spans, span{start: m.Start, end: m.End, mark: m.Entity == focusNode, entity: m.Entity, kind: kind})
	}
	for i := range spans {
		if spans[i].mark {
			spans[i].entity, spans[i].kind = "", ""
		}
	}
	for i := range v.Nodes {
		v.Nodes[i].Depth = 0
	}
	sort.SliceStable(v.Nodes, func(i, j int) bool { return counts[v.Nodes[i].ID] > counts[v.Nodes[j].ID] })
	var focus graph.Span
	if focusSentence >= 0 && focusSentence < len(d.Sentences) {
		focus = d.Sentences[focusSentence]
	}
	v.Segments = segments(d.Text, 0, spans, focus)
	return v, nil
}
