package store

import (
	"errors"
	"fmt"
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
			var recs []mentionRecord
			if err := decode(k, v, &recs); err != nil {
				return err
			}
			return fn(Edge{Out: true, Edge: graph.Edge{From: id, To: graph.FormatID(k[len(k)-8:]), Type: graph.MentionedIn, Weight: float64(len(recs))}})
		})
		if err != nil {
			return err
		}
	}
	if dir == In || dir == Both {
		var nodes []id8
		err := scanKeys(r.txn, cat([]byte(prefixDocNodes), b[:]), func(k []byte) error {
			var n id8
			copy(n[:], k[len(k)-8:])
			nodes = append(nodes, n)
			return nil
		})
		if err != nil {
			return err
		}
		for _, n := range nodes {
			var recs []mentionRecord
			if err := r.get(mentionKey(n, b), &recs); err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			if err := fn(Edge{Edge: graph.Edge{From: graph.FormatID(n[:]), To: id, Type: graph.MentionedIn, Weight: float64(len(recs))}}); err != nil {
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
