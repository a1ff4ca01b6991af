package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

// Read methods for the query engine and the graph algorithms: index
// lookups that return ids, events without their participants' names, and
// adjacency of one direction and a few types. They read the layout of
// keys.go and change nothing.

// EntityIDsByName returns the ids of entities of the kinds (all entity
// kinds when none) with a name or alias whose graph.NameKey is name's.
func (r *Reader) EntityIDsByName(name string, kinds ...graph.Kind) ([]string, error) {
	if len(kinds) == 0 {
		kinds = graph.EntityKinds
	}
	key := graph.NameKey(name)
	var out []string
	for _, k := range kinds {
		ids, err := lookupName(r.txn, k, key)
		if err != nil {
			return nil, err
		}
		out = append(out, ids...)
	}
	return out, nil
}

// EventSummary returns an event as stored: participants and place carry
// ids and roles but no names (Reader.Event looks the names up).
func (r *Reader) EventSummary(id string) (*graph.Event, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	var rec eventRecord
	if err := r.get(eventKey(b), &rec); err != nil {
		return nil, fmt.Errorf("event %s: %w", id, err)
	}
	return summary(&rec), nil
}

func summary(rec *eventRecord) *graph.Event {
	ev := &graph.Event{ID: rec.ID, Type: rec.Type, CAMEO: rec.CAMEO, Label: rec.Label, Date: rec.Date,
		Documents: rec.Documents, Evidence: rec.Evidence, Participants: make([]graph.Participant, 0, len(rec.Participants))}
	if rec.Place != "" {
		ev.Place = &graph.Ref{ID: rec.Place, Kind: graph.Place}
	}
	for _, p := range rec.Participants {
		ev.Participants = append(ev.Participants, graph.Participant{ID: p.ID, Role: p.Role})
	}
	return ev
}

// EventSummaries calls fn for every event (as EventSummary), in id order.
func (r *Reader) EventSummaries(fn func(*graph.Event) error) error {
	return scanValues(r.txn, []byte(prefixEvent), func(k, v []byte) error {
		var rec eventRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		return fn(summary(&rec))
	})
}

// EventIDsByDate calls fn with the id and date of every dated event from
// from to to, in date order. Dates compare as in EventFilter: at the
// precision given, so an event dated "2015-11" is within from "2015-11-20",
// and to "2015" includes every date of 2015. Empty bounds are open;
// undated events are never included.
func (r *Reader) EventIDsByDate(from, to string, fn func(id, date string) error) error {
	prefix := []byte(prefixDate)
	start := cat(prefix, []byte{1})
	if from != "" {
		start = cat(prefix, []byte(from))
		// A coarser date that contains from sorts before it: start at
		// its year.
		if len(from) >= 4 {
			start = cat(prefix, []byte(from[:4]))
		}
	}
	it := r.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefix})
	defer it.Close()
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		k := it.Item().Key()
		date := string(k[len(prefix) : len(k)-9])
		if date == "" {
			continue
		}
		if to != "" && date > to && !strings.HasPrefix(date, to) {
			break
		}
		if from != "" && date < from && !strings.HasPrefix(from, date) {
			continue
		}
		if err := fn(graph.FormatID(k[len(k)-8:]), date); err != nil {
			return err
		}
	}
	return nil
}

// Direction selects edges by the end a node is at.
type Direction int

// Directions for Adjacent.
const (
	Out Direction = iota
	In
	Both
)

// Adjacent calls fn for the edges of a node in a direction whose type is
// one of types (every type when none), MENTIONED_IN included (from an
// entity or event to a document, with the number of mentions as weight).
// Out-edges come first. An edge from the node to itself is reported once.
// Evidence comes without its sentence text: FillEvidence adds it.
func (r *Reader) Adjacent(id string, dir Direction, types []graph.EdgeType, fn func(Edge) error) error {
	b, err := graph.ParseID(id)
	if err != nil {
		return err
	}
	if len(types) == 0 {
		types = graph.EdgeTypes
	}
	for _, t := range types {
		if t == graph.MentionedIn {
			continue
		}
		code, ok := edgeCodes[t]
		if !ok {
			continue
		}
		if dir == Out || dir == Both {
			err := scanValues(r.txn, cat([]byte(prefixOut), b[:], []byte{code}), func(k, v []byte) error {
				from, t, q, to, ok := parseAdjacency(k)
				if !ok {
					return fmt.Errorf("bad edge key %q", printableKey(k))
				}
				var rec edgeRecord
				if err := decode(k, v, &rec); err != nil {
					return err
				}
				return fn(Edge{Out: true, Edge: graph.Edge{From: graph.FormatID(from[:]), To: graph.FormatID(to[:]), Type: t, Qualifier: q, Weight: rec.Weight, Evidence: rec.Evidence}})
			})
			if err != nil {
				return err
			}
		}
		if dir == In || dir == Both {
			var keys [][]byte
			err := scanKeys(r.txn, cat([]byte(prefixIn), b[:], []byte{code}), func(k []byte) error {
				keys = append(keys, append([]byte(nil), k...))
				return nil
			})
			if err != nil {
				return err
			}
			for _, k := range keys {
				to, t, q, from, ok := parseAdjacency(k)
				if !ok {
					return fmt.Errorf("bad edge key %q", printableKey(k))
				}
				if dir == Both && from == to {
					continue
				}
				var rec edgeRecord
				if err := r.get(outKey(from, t, q, to), &rec); err != nil {
					return fmt.Errorf("edge %s -%s-> %s: %w", graph.FormatID(from[:]), t, graph.FormatID(to[:]), err)
				}
				if err := fn(Edge{Edge: graph.Edge{From: graph.FormatID(from[:]), To: graph.FormatID(to[:]), Type: t, Qualifier: q, Weight: rec.Weight, Evidence: rec.Evidence}}); err != nil {
					return err
				}
			}
		}
	}
	if !hasType(types, graph.MentionedIn) {
		return nil
	}
	if dir == Out || dir == Both {
		err := scanValues(r.txn, cat([]byte(prefixMention), b[:]), func(k, v []byte) error {
			var rec mentionsRecord
			if err := decode(k, v, &rec); err != nil {
				return err
			}
			return fn(Edge{Out: true, Edge: graph.Edge{From: id, To: graph.FormatID(k[len(k)-8:]), Type: graph.MentionedIn, Weight: float64(len(rec.Mentions))}})
		})
		if err != nil {
			return err
		}
	}
	if dir == In || dir == Both {
		nodes, err := r.docNodes(b)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			var rec mentionsRecord
			if err := r.get(mentionKey(n, b), &rec); err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			if err := fn(Edge{Edge: graph.Edge{From: graph.FormatID(n[:]), To: id, Type: graph.MentionedIn, Weight: float64(len(rec.Mentions))}}); err != nil {
				return err
			}
		}
	}
	return nil
}

func hasType(ts []graph.EdgeType, t graph.EdgeType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// NodeKind tells whether an id is an entity (with its kind), an event or
// a document, reading at most three keys; ok is false when it is none.
func (r *Reader) NodeKind(id string) (graph.Kind, bool, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return "", false, nil
	}
	for _, c := range []struct {
		key  []byte
		kind graph.Kind
	}{{entityKey(b), ""}, {eventKey(b), graph.EventKind}, {docKey(b), graph.DocumentKind}} {
		if c.kind == "" {
			var e graph.Entity
			if err := r.get(c.key, &e); err == nil {
				return e.Kind, true, nil
			} else if !errors.Is(err, ErrNotFound) {
				return "", false, err
			}
			continue
		}
		if _, err := r.txn.Get(c.key); err == nil {
			return c.kind, true, nil
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return "", false, err
		}
	}
	return "", false, nil
}

// GraphNode is a node as the graph algorithms see it.
type GraphNode struct {
	ID       string
	Kind     graph.Kind
	Name     string // an entity's name, an event's label
	Date     string // an event's date
	Mentions int    // an entity's mentions, an event's documents
}

// GraphNodes calls fn for every entity and event, reading each record once
// in key order (entities first).
func (r *Reader) GraphNodes(fn func(GraphNode) error) error {
	err := scanValues(r.txn, []byte(prefixEntity), func(k, v []byte) error {
		// Only the fields needed: aliases and attributes are skipped.
		var e struct {
			ID       string     `json:"id"`
			Kind     graph.Kind `json:"type"`
			Name     string     `json:"name"`
			Mentions int        `json:"mentions"`
		}
		if err := decode(k, v, &e); err != nil {
			return err
		}
		return fn(GraphNode{ID: e.ID, Kind: e.Kind, Name: e.Name, Mentions: e.Mentions})
	})
	if err != nil {
		return err
	}
	return scanValues(r.txn, []byte(prefixEvent), func(k, v []byte) error {
		var rec eventRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		return fn(GraphNode{ID: rec.ID, Kind: graph.EventKind, Name: rec.Label, Date: rec.Date, Mentions: rec.Documents})
	})
}

// GraphEdges calls fn for every edge but MENTIONED_IN, in key order,
// without evidence.
func (r *Reader) GraphEdges(fn func(graph.Edge) error) error {
	return scanValues(r.txn, []byte(prefixOut), func(k, v []byte) error {
		from, t, q, to, ok := parseAdjacency(k)
		if !ok {
			return fmt.Errorf("bad edge key %q", printableKey(k))
		}
		// The weight alone, from the head of the record.
		if len(v) < 9 || v[0] != edgeRecordVersion {
			return fmt.Errorf("decode record %q: %w (the store may be damaged; run kg check)", printableKey(k), errShortRecord)
		}
		w := math.Float64frombits(binary.BigEndian.Uint64(v[1:9]))
		return fn(graph.Edge{From: graph.FormatID(from[:]), To: graph.FormatID(to[:]), Type: t, Qualifier: q, Weight: w})
	})
}

// Link is an edge seen from one of its ends, read from the index keys
// alone: the node at the other end, the type and qualifier, and whether
// the edge leaves the node asked for.
type Link struct {
	Other     string
	Type      graph.EdgeType
	Qualifier string
	Out       bool
}

// Links calls fn for the edges of a node like Adjacent, but reads only
// keys: no weights, no evidence (EdgeWeight reads them). It is the fast
// way to walk the graph.
func (r *Reader) Links(id string, dir Direction, types []graph.EdgeType, fn func(Link) error) error {
	b, err := graph.ParseID(id)
	if err != nil {
		return err
	}
	if len(types) == 0 {
		types = graph.EdgeTypes
	}
	// One scan per side and type; several types share one scan of the
	// node's whole prefix (an iterator costs more than a few keys).
	var codes []byte
	for _, t := range types {
		if c, ok := edgeCodes[t]; ok {
			codes = append(codes, c)
		}
	}
	scans := [][]byte{nil}
	if len(codes) == 1 {
		scans = [][]byte{codes}
	}
	for _, side := range []struct {
		prefix string
		out    bool
	}{{prefixAdj, true}, {prefixIn, false}} {
		if len(codes) == 0 || (side.out && dir == In) || (!side.out && dir == Out) {
			continue
		}
		for _, sub := range scans {
			err := scanKeys(r.txn, cat([]byte(side.prefix), b[:], sub), func(k []byte) error {
				if len(k) > 10 && bytes.IndexByte(codes, k[10]) < 0 {
					return nil
				}
				near, t, q, far, ok := parseAdjacency(k)
				if !ok {
					return fmt.Errorf("bad edge key %q", printableKey(k))
				}
				if !side.out && dir == Both && near == far {
					return nil // a loop, reported as out-edge
				}
				return fn(Link{Other: graph.FormatID(far[:]), Type: t, Qualifier: q, Out: side.out})
			})
			if err != nil {
				return err
			}
		}
	}
	if !hasType(types, graph.MentionedIn) {
		return nil
	}
	if dir != In {
		err := scanKeys(r.txn, cat([]byte(prefixMention), b[:]), func(k []byte) error {
			return fn(Link{Other: graph.FormatID(k[len(k)-8:]), Type: graph.MentionedIn, Out: true})
		})
		if err != nil {
			return err
		}
	}
	if dir != Out {
		nodes, err := r.docNodes(b)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			if err := fn(Link{Other: graph.FormatID(n[:]), Type: graph.MentionedIn}); err != nil {
				return err
			}
		}
	}
	return nil
}

// EdgeWeight reads the weight and evidence (without sentence text) of the
// edge from one node to another; for MENTIONED_IN, the number of mentions.
func (r *Reader) EdgeWeight(from, to string, t graph.EdgeType, qualifier string) (float64, []graph.Evidence, error) {
	f, err := graph.ParseID(from)
	if err != nil {
		return 0, nil, err
	}
	tt, err := graph.ParseID(to)
	if err != nil {
		return 0, nil, err
	}
	if t == graph.MentionedIn {
		var rec mentionsRecord
		if err := r.get(mentionKey(f, tt), &rec); err != nil {
			return 0, nil, err
		}
		return float64(len(rec.Mentions)), nil, nil
	}
	if _, ok := edgeCodes[t]; !ok {
		return 0, nil, fmt.Errorf("unknown edge type %s", t)
	}
	var rec edgeRecord
	if err := r.get(outKey(f, t, qualifier, tt), &rec); err != nil {
		return 0, nil, err
	}
	return rec.Weight, rec.Evidence, nil
}
