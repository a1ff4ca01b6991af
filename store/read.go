package store

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

// A Reader answers questions from one consistent snapshot of the store.
// Close it when done. It is not safe for concurrent use.
type Reader struct {
	txn  *badger.Txn
	docs map[string]*Document // documents read for evidence texts
}

// Reader starts a read-only snapshot.
func (s *Store) Reader() *Reader { return &Reader{txn: s.db.NewTransaction(false)} }

// FillEvidence puts the sentence text into evidence that records keep
// without it, reading each document once per Reader.
func (r *Reader) FillEvidence(evs []graph.Evidence) {
	for i := range evs {
		e := &evs[i]
		if e.Text != "" {
			continue
		}
		d := r.docs[e.Document]
		if d == nil {
			var err error
			if d, err = r.Document(e.Document); err != nil {
				continue
			}
			if r.docs == nil || len(r.docs) >= 1024 {
				r.docs = map[string]*Document{}
			}
			r.docs[e.Document] = d
		}
		if e.Start >= 0 && e.End <= len(d.Text) && e.Start <= e.End {
			e.Text = d.Text[e.Start:e.End]
		}
	}
}

// Close ends the snapshot.
func (r *Reader) Close() { r.txn.Discard() }

func (r *Reader) get(key []byte, v any) error {
	item, err := r.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	return item.Value(func(val []byte) error { return decode(key, val, v) })
}

// scanKeys calls fn with every key under prefix, without reading values.
func scanKeys(txn *badger.Txn, prefix []byte, fn func(key []byte) error) error {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefix})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := fn(it.Item().Key()); err != nil {
			return err
		}
	}
	return nil
}

// scanValues calls fn with every key and value under prefix.
func scanValues(txn *badger.Txn, prefix []byte, fn func(key, val []byte) error) error {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: prefix})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		if err := item.Value(func(val []byte) error { return fn(item.Key(), val) }); err != nil {
			return err
		}
	}
	return nil
}

// lookupName returns the ids of nodes of a kind with a name or alias whose key is key.
func lookupName(txn *badger.Txn, kind graph.Kind, key string) ([]string, error) {
	if key == "" {
		return nil, nil
	}
	var ids []string
	err := scanKeys(txn, nameIndexPrefix(kind, key), func(k []byte) error {
		ids = append(ids, graph.FormatID(k[len(k)-8:]))
		return nil
	})
	return ids, err
}

// Entity returns the entity with the given id.
func (r *Reader) Entity(id string) (*graph.Entity, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	var e graph.Entity
	if err := r.get(entityKey(b), &e); err != nil {
		return nil, fmt.Errorf("entity %s: %w", id, err)
	}
	return &e, nil
}

// Entities calls fn for every entity of the given kinds (all when none).
func (r *Reader) Entities(kinds []graph.Kind, fn func(*graph.Entity) error) error {
	return scanValues(r.txn, []byte(prefixEntity), func(k, v []byte) error {
		var e graph.Entity
		if err := decode(k, v, &e); err != nil {
			return err
		}
		if len(kinds) > 0 && !containsKind(kinds, e.Kind) {
			return nil
		}
		return fn(&e)
	})
}

func containsKind(ks []graph.Kind, k graph.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// FindEntities returns the entities named name: an id, or a name or alias
// (compared by graph.NameKey), best known first. When nothing matches
// exactly, entities whose name key starts with or contains the key are
// returned.
func (r *Reader) FindEntities(name string, kinds ...graph.Kind) ([]*graph.Entity, error) {
	if graph.IsID(name) {
		if to := r.Redirect(name); to != "" {
			name = to // merged into another entity
		}
		if e, err := r.Entity(name); err == nil {
			return []*graph.Entity{e}, nil
		}
	}
	if len(kinds) == 0 {
		kinds = graph.EntityKinds
	}
	key := graph.NameKey(name)
	if key == "" {
		return nil, nil
	}
	seen := map[string]bool{}
	var out []*graph.Entity
	add := func(id string) error {
		if seen[id] {
			return nil
		}
		seen[id] = true
		e, err := r.Entity(id)
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	}
	for _, k := range kinds {
		ids, err := lookupName(r.txn, k, key)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if err := add(id); err != nil {
				return nil, err
			}
		}
	}
	if len(out) == 0 {
		// No exact name: try names that contain the key as whole words.
		for _, k := range kinds {
			p := []byte(prefixName + string(kindCodes[k]))
			err := scanKeys(r.txn, p, func(ik []byte) error {
				nk := string(ik[len(p) : len(ik)-9])
				if nk == key || strings.HasPrefix(nk, key+" ") || strings.HasSuffix(nk, " "+key) || strings.Contains(nk, " "+key+" ") {
					return add(graph.FormatID(ik[len(ik)-8:]))
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Event returns the event with the given id, participants and place named.
func (r *Reader) Event(id string) (*graph.Event, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	var rec eventRecord
	if err := r.get(eventKey(b), &rec); err != nil {
		return nil, fmt.Errorf("event %s: %w", id, err)
	}
	return r.hydrate(&rec)
}

func (r *Reader) hydrate(rec *eventRecord) (*graph.Event, error) {
	ev := &graph.Event{
		ID: rec.ID, Type: rec.Type, CAMEO: rec.CAMEO, Label: rec.Label, Date: rec.Date,
		Documents: rec.Documents, Evidence: rec.Evidence,
		Participants: []graph.Participant{},
	}
	if ev.Evidence == nil {
		ev.Evidence = []graph.Evidence{}
	}
	r.FillEvidence(ev.Evidence)
	if rec.Place != "" {
		p, err := r.Entity(rec.Place)
		if err != nil {
			return nil, err
		}
		ev.Place = &graph.Ref{ID: p.ID, Name: p.Name, Kind: p.Kind}
	}
	for _, p := range rec.Participants {
		e, err := r.Entity(p.ID)
		if err != nil {
			return nil, err
		}
		ev.Participants = append(ev.Participants, graph.Participant{ID: e.ID, Name: e.Name, Kind: e.Kind, Role: p.Role})
	}
	return ev, nil
}

// EventFilter selects events. A date range keeps the events whose date
// overlaps it, at the precision of each: --from 2015-11-20 keeps an event
// dated only "2015-11", and --to 2015-11-30 keeps one dated "2015-W48".
// Events without a date, or without a known year, are outside every range.
type EventFilter struct {
	From, To  string
	Types     []string
	Involving []string // entity ids; an event must involve all of them
	Place     string   // place id
}

// Events calls fn for the events that pass the filter, in date order
// (undated events last).
func (r *Reader) Events(f EventFilter, fn func(*graph.Event) error) error {
	prefix := []byte(prefixDate)
	visit := func(id id8) error {
		var rec eventRecord
		if err := r.get(eventKey(id), &rec); err != nil {
			return err
		}
		if !f.match(&rec) {
			return nil
		}
		ev, err := r.hydrate(&rec)
		if err != nil {
			return err
		}
		return fn(ev)
	}
	ranged := f.From != "" || f.To != ""
	var undated []id8
	if !ranged {
		// Undated events sort first in the index; show them last.
		err := scanKeys(r.txn, cat(prefix, []byte{0}), func(k []byte) error {
			var id id8
			copy(id[:], k[len(k)-8:])
			undated = append(undated, id)
			return nil
		})
		if err != nil {
			return err
		}
	}
	// A range is scanned from the start of its first year, where coarser
	// dates that overlap it sort, to the end of its last year.
	start := cat(prefix, []byte{1})
	if len(f.From) >= 4 {
		start = cat(prefix, []byte(f.From[:4]))
	}
	end := ""
	if len(f.To) >= 4 {
		end = f.To[:4] + "\xff"
	}
	it := r.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefix})
	defer it.Close()
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		k := it.Item().Key()
		date := string(k[len(prefix) : len(k)-9])
		if date == "" {
			continue
		}
		if end != "" && date > end {
			break
		}
		if ranged && !graph.InRange(date, f.From, f.To) {
			continue
		}
		var id id8
		copy(id[:], k[len(k)-8:])
		if err := visit(id); err != nil {
			return err
		}
	}
	for _, id := range undated {
		if err := visit(id); err != nil {
			return err
		}
	}
	return nil
}

func (f *EventFilter) match(rec *eventRecord) bool {
	if len(f.Types) > 0 {
		ok := false
		for _, t := range f.Types {
			ok = ok || t == rec.Type
		}
		if !ok {
			return false
		}
	}
	if f.Place != "" && rec.Place != f.Place {
		return false
	}
	for _, want := range f.Involving {
		ok := rec.Place == want
		for _, p := range rec.Participants {
			ok = ok || p.ID == want
		}
		if !ok {
			return false
		}
	}
	return true
}

// Edge is an edge seen from one of its ends.
type Edge struct {
	graph.Edge
	Out bool // the edge leaves the node it was asked for
}

// Edges returns the edges of a node, out-edges first, each group in key order.
// MENTIONED_IN is not included; see Mentions. Evidence comes without its
// text: FillEvidence reads the documents for it.
func (r *Reader) Edges(id string) ([]Edge, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	var out []Edge
	err = scanValues(r.txn, cat([]byte(prefixOut), b[:]), func(k, v []byte) error {
		from, t, q, to, ok := parseAdjacency(k)
		if !ok {
			return fmt.Errorf("bad edge key %q", printableKey(k))
		}
		var rec edgeRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		out = append(out, Edge{Out: true, Edge: graph.Edge{From: graph.FormatID(from[:]), To: graph.FormatID(to[:]), Type: t, Qualifier: q, Weight: rec.Weight, Evidence: rec.Evidence}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	var ins [][]byte
	err = scanKeys(r.txn, cat([]byte(prefixIn), b[:]), func(k []byte) error {
		ins = append(ins, bytes.Clone(k))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, k := range ins {
		to, t, q, from, ok := parseAdjacency(k)
		if !ok {
			return nil, fmt.Errorf("bad edge key %q", printableKey(k))
		}
		var rec edgeRecord
		if err := r.get(outKey(from, t, q, to), &rec); err != nil {
			return nil, fmt.Errorf("edge %s -%s-> %s: %w (run kg check)", graph.FormatID(from[:]), t, graph.FormatID(to[:]), err)
		}
		out = append(out, Edge{Edge: graph.Edge{From: graph.FormatID(from[:]), To: graph.FormatID(to[:]), Type: t, Qualifier: q, Weight: rec.Weight, Evidence: rec.Evidence}})
	}
	return out, nil
}

// DocMentions are the mentions of a node in one document.
type DocMentions struct {
	Document string
	Date     string // the document's publication date, if known
	Mentions []graph.Mention
}

// Mentions returns where a node is mentioned, document by document
// (at most limit documents; 0 means all).
func (r *Reader) Mentions(id string, limit int) ([]DocMentions, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	var out []DocMentions
	errStop := errors.New("stop")
	err = scanValues(r.txn, cat([]byte(prefixMention), b[:]), func(k, v []byte) error {
		if limit > 0 && len(out) >= limit {
			return errStop
		}
		var rec mentionsRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		dm := DocMentions{Document: graph.FormatID(k[len(k)-8:]), Date: rec.Date}
		for _, m := range rec.Mentions {
			dm.Mentions = append(dm.Mentions, graph.Mention{Entity: id, Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
		}
		out = append(out, dm)
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return out, err
}

// Document is a stored document with its sentence spans.
type Document struct {
	graph.Document
	Sentences []graph.Span `json:"sentences"`
}

// Sentence returns the text of sentence i, or "".
func (d *Document) Sentence(i int) string {
	if i < 0 || i >= len(d.Sentences) {
		return ""
	}
	s := d.Sentences[i]
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// Document returns a stored document.
func (r *Reader) Document(id string) (*Document, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	var rec docRecord
	if err := r.get(docKey(b), &rec); err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	return &Document{Document: rec.Document, Sentences: rec.Sentences}, nil
}

// Documents calls fn for every document, in id order.
func (r *Reader) Documents(fn func(*Document) error) error {
	return scanValues(r.txn, []byte(prefixDoc), func(k, v []byte) error {
		var rec docRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		return fn(&Document{Document: rec.Document, Sentences: rec.Sentences})
	})
}

// DocumentNodes returns the ids of the entities and events mentioned in a document.
func (r *Reader) DocumentNodes(docID string) ([]string, error) {
	b, err := graph.ParseID(docID)
	if err != nil {
		return nil, err
	}
	nodes, err := r.docNodes(b)
	var ids []string
	for _, n := range nodes {
		ids = append(ids, graph.FormatID(n[:]))
	}
	return ids, err
}

// docNodes reads the nodes mentioned in a document (its E: record), in id
// order; none for a document that is not stored.
func (r *Reader) docNodes(doc id8) ([]id8, error) {
	key := docNodesKey(doc)
	item, err := r.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []id8
	err = item.Value(func(val []byte) error {
		ids, err = docNodes(key, val)
		return err
	})
	return ids, err
}

// Stats counts what the store holds.
type Stats struct {
	Documents      int            `json:"documents"`
	Entities       int            `json:"entities"`
	EntitiesByKind map[string]int `json:"entities_by_type"`
	Events         int            `json:"events"`
	EventsByType   map[string]int `json:"events_by_type"`
	Edges          int            `json:"edges"`
	EdgesByType    map[string]int `json:"edges_by_type"`
	Mentions       int            `json:"mentions"`
	SchemaVersion  int            `json:"schema_version"`
}

// Stats counts documents, entities, events and edges.
func (r *Reader) Stats() (*Stats, error) {
	st := &Stats{EntitiesByKind: map[string]int{}, EventsByType: map[string]int{}, EdgesByType: map[string]int{}, SchemaVersion: SchemaVersion}
	for _, k := range graph.EntityKinds {
		st.EntitiesByKind[string(k)] = 0
	}
	if err := scanKeys(r.txn, []byte(prefixDoc), func([]byte) error { st.Documents++; return nil }); err != nil {
		return nil, err
	}
	err := r.Entities(nil, func(e *graph.Entity) error {
		st.Entities++
		st.EntitiesByKind[string(e.Kind)]++
		st.Mentions += e.Mentions
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanValues(r.txn, []byte(prefixEvent), func(k, v []byte) error {
		var rec eventRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		st.Events++
		st.EventsByType[rec.Type]++
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanKeys(r.txn, []byte(prefixAdj), func(k []byte) error {
		_, t, _, _, ok := parseAdjacency(k)
		if ok {
			st.Edges++
			st.EdgesByType[string(t)]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = scanKeys(r.txn, []byte(prefixMention), func([]byte) error {
		st.Edges++
		st.EdgesByType[string(graph.MentionedIn)]++
		return nil
	})
	return st, err
}

// RelatedPredicates lists the predicates of the RELATED_TO edges in the
// store, sorted.
func (r *Reader) RelatedPredicates() ([]string, error) {
	set := map[string]bool{}
	err := scanKeys(r.txn, []byte(prefixAdj), func(k []byte) error {
		if _, t, q, _, ok := parseAdjacency(k); ok && t == graph.RelatedTo {
			set[q] = true
		}
		return nil
	})
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, err
}
