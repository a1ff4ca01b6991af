// Package export writes kg's graph for other tools: DOT for graphviz,
// GraphML for Gephi and yEd, node-link JSON for d3 and networkx, N-Quads
// for RDF stores, CSV files for neo4j-admin import, and GDELT 2.0 event
// rows.
//
// Every encoder streams: it reads a Source record by record and writes as
// it goes, so that a whole store exports in bounded memory. GraphML and CSV
// read the entities twice, first to learn which attributes they carry
// (their headers and key declarations come first). DOT is written by hand
// in the layout of gonum's encoding/dot, which needs the whole graph in
// memory; the tests check that gonum's decoder and graphviz read it.
package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"kg/graph"
)

// Source is a graph read one record at a time; store.Stream is one. Each
// method visits its records in id order. Edges and mentions are those
// between the nodes the source holds; Documents are the documents that
// mention them. Entity, Document and NodeMentions look up any record,
// for the encoders that need more than the record at hand.
type Source interface {
	Entities(fn func(*graph.Entity) error) error
	Events(fn func(*graph.Event) error) error
	Edges(fn func(*graph.Edge) error) error // every type but MENTIONED_IN
	Documents(fn func(*graph.Document) error) error
	// Mentions visits MENTIONED_IN: a node, a document that mentions it,
	// the document's publication date and the mentions.
	Mentions(fn func(node, doc, date string, ms []graph.Mention) error) error

	Entity(id string) (*graph.Entity, error)
	Document(id string) (*graph.Document, error)
	NodeMentions(id string, fn func(doc, date string, ms []graph.Mention) error) error
}

// Options tune an export.
type Options struct {
	// Documents adds the documents as nodes and MENTIONED_IN edges from
	// the nodes they mention. N-Quads always describe documents (each is
	// a named graph); GDELT rows have no room for them.
	Documents bool
}

// Formats are the names of the formats, as `kg export --format` takes them.
var Formats = []string{"dot", "graphml", "json", "nquads", "csv", "gdelt"}

// Write encodes src in a format that is one stream: every format but csv.
func Write(w io.Writer, format string, src Source, opts Options) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	var err error
	switch format {
	case "dot":
		err = WriteDOT(bw, src, opts)
	case "graphml":
		err = WriteGraphML(bw, src, opts)
	case "json":
		err = WriteJSON(bw, src, opts)
	case "nquads":
		err = WriteNQuads(bw, src, opts)
	case "gdelt":
		err = WriteGDELT(bw, src, opts)
	case "csv":
		return fmt.Errorf("csv is a set of files: use WriteCSV")
	default:
		return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", format, err)
	}
	return nil
}

// errWriter remembers the first write error, so that encoders can write
// line after line and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) str(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

func (e *errWriter) strs(ss ...string) {
	for _, s := range ss {
		e.str(s)
	}
}

// Mentions are the mentions of a node in one document, for a Memory source.
type Mentions struct {
	Node, Document, Date string
	Mentions             []graph.Mention
}

// Memory is a Source over records held in memory, sorted as a store would
// give them. Edges with an end that is not among its nodes are left out.
type Memory struct {
	entities  []*graph.Entity
	events    []*graph.Event
	edges     []graph.Edge
	documents []*graph.Document
	mentions  []Mentions
	byID      map[string]*graph.Entity
	docByID   map[string]*graph.Document
}

// NewMemory makes a Source of a subgraph and, optionally, documents and
// their mentions of the subgraph's nodes.
func NewMemory(sub *graph.Subgraph, docs []*graph.Document, mentions []Mentions) *Memory {
	m := &Memory{
		entities:  append([]*graph.Entity(nil), sub.Entities...),
		events:    append([]*graph.Event(nil), sub.Events...),
		documents: append([]*graph.Document(nil), docs...),
		byID:      map[string]*graph.Entity{},
		docByID:   map[string]*graph.Document{},
	}
	sort.Slice(m.entities, func(i, j int) bool { return m.entities[i].ID < m.entities[j].ID })
	sort.Slice(m.events, func(i, j int) bool { return m.events[i].ID < m.events[j].ID })
	sort.Slice(m.documents, func(i, j int) bool { return m.documents[i].ID < m.documents[j].ID })
	nodes := map[string]bool{}
	for _, e := range m.entities {
		m.byID[e.ID] = e
		nodes[e.ID] = true
	}
	for _, e := range m.events {
		nodes[e.ID] = true
	}
	for _, d := range m.documents {
		m.docByID[d.ID] = d
	}
	for _, e := range sub.Edges {
		if nodes[e.From] && nodes[e.To] {
			m.edges = append(m.edges, e)
		}
	}
	// The store's order: from, type, qualifier, to.
	sort.SliceStable(m.edges, func(i, j int) bool {
		a, b := m.edges[i], m.edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Qualifier != b.Qualifier {
			return a.Qualifier < b.Qualifier
		}
		return a.To < b.To
	})
	for _, ms := range mentions {
		if nodes[ms.Node] && m.docByID[ms.Document] != nil {
			m.mentions = append(m.mentions, ms)
		}
	}
	sort.SliceStable(m.mentions, func(i, j int) bool {
		a, b := m.mentions[i], m.mentions[j]
		if a.Node != b.Node {
			return a.Node < b.Node
		}
		return a.Document < b.Document
	})
	return m
}

func (m *Memory) Entities(fn func(*graph.Entity) error) error {
	for _, e := range m.entities {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (m *Memory) Events(fn func(*graph.Event) error) error {
	for _, e := range m.events {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (m *Memory) Edges(fn func(*graph.Edge) error) error {
	for i := range m.edges {
		e := m.edges[i]
		if err := fn(&e); err != nil {
			return err
		}
	}
	return nil
}

func (m *Memory) Documents(fn func(*graph.Document) error) error {
	for _, d := range m.documents {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

func (m *Memory) Mentions(fn func(node, doc, date string, ms []graph.Mention) error) error {
	for _, x := range m.mentions {
		if err := fn(x.Node, x.Document, x.Date, x.Mentions); err != nil {
			return err
		}
	}
	return nil
}

func (m *Memory) Entity(id string) (*graph.Entity, error) {
	if e, ok := m.byID[id]; ok {
		return e, nil
	}
	return nil, fmt.Errorf("entity %s: not found", id)
}

func (m *Memory) Document(id string) (*graph.Document, error) {
	if d, ok := m.docByID[id]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("document %s: not found", id)
}

func (m *Memory) NodeMentions(id string, fn func(doc, date string, ms []graph.Mention) error) error {
	for _, x := range m.mentions {
		if x.Node == id {
			if err := fn(x.Document, x.Date, x.Mentions); err != nil {
				return err
			}
		}
	}
	return nil
}

// qualifierName says what an edge's qualifier is: a participant's role or
// a relation's predicate.
func qualifierName(t graph.EdgeType) string {
	switch t {
	case graph.ParticipantIn:
		return "role"
	case graph.RelatedTo:
		return "predicate"
	}
	return ""
}

// evidenceDocuments lists the distinct documents of a piece of evidence,
// in the order they come.
func evidenceDocuments(evs []graph.Evidence) []string {
	var docs []string
	for _, e := range evs {
		seen := false
		for _, d := range docs {
			seen = seen || d == e.Document
		}
		if !seen && e.Document != "" {
			docs = append(docs, e.Document)
		}
	}
	return docs
}

// marshalJSON is json.Marshal without escaping <, > and &.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// sortedAttrNames collects the attribute names of the entities in src,
// by kind.
func sortedAttrNames(src Source) (all []string, byKind map[graph.Kind][]string, err error) {
	seen := map[string]bool{}
	kinds := map[graph.Kind]map[string]bool{}
	err = src.Entities(func(e *graph.Entity) error {
		if kinds[e.Kind] == nil {
			kinds[e.Kind] = map[string]bool{}
		}
		for k := range e.Attrs {
			seen[k] = true
			kinds[e.Kind][k] = true
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	all = sortedKeys(seen)
	byKind = map[graph.Kind][]string{}
	for k, names := range kinds {
		byKind[k] = sortedKeys(names)
	}
	return all, byKind, nil
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
