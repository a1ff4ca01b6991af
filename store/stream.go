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

// Streaming reads for exports. Subgraph loads a selection into memory; an
// export of a whole store cannot afford that, so it first chooses its nodes
// with Select (a set of ids, or "everything"), then reads them back through
// a Stream one record at a time, in key order, handing each to a callback.
// Memory stays bounded by the selection's ids and a small cache of the
// documents whose sentences are put back into evidence.

// Selection is the set of nodes an export writes. The zero Selection and
// a nil *Selection select the whole graph.
type Selection struct {
	some     bool // false: every node
	entities map[id8]struct{}
	events   map[id8]struct{}
}

// All reports whether the selection is the whole graph.
func (s *Selection) All() bool { return s == nil || !s.some }

// Has reports whether the node with the given id is selected.
func (s *Selection) Has(id string) bool {
	if s.All() {
		return true
	}
	b, err := graph.ParseID(id)
	if err != nil {
		return false
	}
	return s.has(b)
}

func (s *Selection) has(b id8) bool {
	if s.All() {
		return true
	}
	if _, ok := s.entities[b]; ok {
		return true
	}
	_, ok := s.events[b]
	return ok
}

// Len is the number of selected entities and events; -1, -1 for the whole graph.
func (s *Selection) Len() (entities, events int) {
	if s.All() {
		return -1, -1
	}
	return len(s.entities), len(s.events)
}

func sortedIDs(m map[id8]struct{}) []id8 {
	ids := make([]id8, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return bytes.Compare(ids[i][:], ids[j][:]) < 0 })
	return ids
}

// Select chooses the nodes opts describe, with the semantics of Subgraph:
// no center and no dates is the whole graph; dates alone keep the events
// dated in the range and the entities that take part in them or are their
// place; a center keeps the nodes within Depth hops of it (through events
// in the date range only, when one is given, and not through
// CO_OCCURS_WITH edges with NoCooccurrence). It reads keys, and event
// records only to check their dates. MaxNodes is ignored.
func (r *Reader) Select(opts SubgraphOptions) (*Selection, error) {
	dated := opts.From != "" || opts.To != ""
	if len(opts.Center) == 0 && !dated {
		return &Selection{}, nil
	}
	sel := &Selection{some: true, entities: map[id8]struct{}{}, events: map[id8]struct{}{}}
	if len(opts.Center) == 0 {
		err := r.eventsInRange(opts.From, opts.To, func(rec *eventRecord) error {
			id, err := graph.ParseID(rec.ID)
			if err != nil {
				return err
			}
			sel.events[id] = struct{}{}
			for _, p := range rec.Participants {
				if b, err := graph.ParseID(p.ID); err == nil {
					sel.entities[b] = struct{}{}
				}
			}
			if b, err := graph.ParseID(rec.Place); err == nil {
				sel.entities[b] = struct{}{}
			}
			return nil
		})
		return sel, err
	}

	inRange := func(id id8) (bool, error) {
		if !dated {
			return true, nil
		}
		var rec eventRecord
		if err := r.get(eventKey(id), &rec); err != nil {
			return false, fmt.Errorf("event %s: %w", graph.FormatID(id[:]), err)
		}
		return dateInRange(rec.Date, opts.From, opts.To), nil
	}
	var frontier []id8
	for _, c := range opts.Center {
		id, err := graph.ParseID(c)
		if err != nil {
			return nil, err
		}
		if sel.has(id) {
			continue
		}
		isEvent := false
		if _, err := r.txn.Get(entityKey(id)); errors.Is(err, badger.ErrKeyNotFound) {
			if _, err := r.txn.Get(eventKey(id)); err != nil {
				return nil, fmt.Errorf("node %s: %w", c, ErrNotFound)
			}
			isEvent = true
		} else if err != nil {
			return nil, err
		}
		if isEvent {
			sel.events[id] = struct{}{}
		} else {
			sel.entities[id] = struct{}{}
		}
		frontier = append(frontier, id)
	}
	for d := 1; d <= max(opts.Depth, 1) && len(frontier) > 0; d++ {
		var next []id8
		for _, id := range frontier {
			err := r.neighbors(id, func(other id8, isEvent bool, t graph.EdgeType) error {
				if opts.NoCooccurrence && t == graph.CoOccursWith {
					return nil
				}
				if sel.has(other) {
					return nil
				}
				if isEvent {
					ok, err := inRange(other)
					if err != nil || !ok {
						return err
					}
					sel.events[other] = struct{}{}
				} else {
					sel.entities[other] = struct{}{}
				}
				next = append(next, other)
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		frontier = next
	}
	return sel, nil
}

// neighbors calls fn with the far end of every edge of a node but
// MENTIONED_IN, reading keys only. Whether the far end is an event follows
// from the edge's type and direction: PARTICIPANT_IN goes from an entity to
// an event, OCCURRED_IN from an event to a place, the others join entities.
func (r *Reader) neighbors(id id8, fn func(other id8, isEvent bool, t graph.EdgeType) error) error {
	for _, dir := range []struct {
		prefix string
		out    bool
	}{{prefixAdj, true}, {prefixIn, false}} {
		var ends []struct {
			far     id8
			t       graph.EdgeType
			isEvent bool
		}
		err := scanKeys(r.txn, cat([]byte(dir.prefix), id[:]), func(k []byte) error {
			_, t, _, far, ok := parseAdjacency(k)
			if !ok {
				return fmt.Errorf("bad edge key %q", printableKey(k))
			}
			isEvent := (dir.out && t == graph.ParticipantIn) || (!dir.out && t == graph.OccurredIn)
			ends = append(ends, struct {
				far     id8
				t       graph.EdgeType
				isEvent bool
			}{far, t, isEvent})
			return nil
		})
		if err != nil {
			return err
		}
		for _, e := range ends {
			if err := fn(e.far, e.isEvent, e.t); err != nil {
				return err
			}
		}
	}
	return nil
}

// dateInRange compares an event date with a range at the precision given,
// as EventFilter does; an undated event is in no range.
func dateInRange(date, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	if date == "" {
		return false
	}
	if from != "" && date < from && !strings.HasPrefix(from, date) {
		return false
	}
	if to != "" && date > to && !strings.HasPrefix(date, to) {
		return false
	}
	return true
}

// eventsInRange calls fn with the record of every event dated in the range,
// in date order, reading the date index.
func (r *Reader) eventsInRange(from, to string, fn func(*eventRecord) error) error {
	prefix := []byte(prefixDate)
	start := cat(prefix, []byte{1}) // past the undated events
	if from != "" {
		start = cat(prefix, []byte(from))
	}
	var ids []id8
	it := r.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: prefix})
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		k := it.Item().Key()
		date := string(k[len(prefix) : len(k)-9])
		if to != "" && date > to && !strings.HasPrefix(date, to) {
			break
		}
		if !dateInRange(date, from, to) {
			continue
		}
		var id id8
		copy(id[:], k[len(k)-8:])
		ids = append(ids, id)
	}
	it.Close()
	for _, id := range ids {
		var rec eventRecord
		if err := r.get(eventKey(id), &rec); err != nil {
			return fmt.Errorf("event %s: %w (run kg check)", graph.FormatID(id[:]), err)
		}
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return nil
}

// Stream reads a selection back one record at a time. Every method visits
// its records in key order (which is id order), so the output of an export
// does not depend on how the selection was made. Evidence and mentions
// come with their text, cut from the document. A Stream is not safe for
// concurrent use.
type Stream struct {
	r      *Reader
	sel    *Selection
	noCooc bool
	texts  textCache
}

// Stream starts reading the selection sel (nil: the whole graph);
// noCooccurrence leaves CO_OCCURS_WITH edges out.
func (r *Reader) Stream(sel *Selection, noCooccurrence bool) *Stream {
	return &Stream{r: r, sel: sel, noCooc: noCooccurrence, texts: textCache{r: r, max: 32 << 20}}
}

// Entities calls fn for every selected entity.
func (s *Stream) Entities(fn func(*graph.Entity) error) error {
	if s.sel.All() {
		return s.r.Entities(nil, fn)
	}
	for _, id := range sortedIDs(s.sel.entities) {
		var e graph.Entity
		if err := s.r.get(entityKey(id), &e); err != nil {
			return fmt.Errorf("entity %s: %w", graph.FormatID(id[:]), err)
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return nil
}

// Events calls fn for every selected event, its participants and place named.
func (s *Stream) Events(fn func(*graph.Event) error) error {
	visit := func(rec *eventRecord) error {
		ev, err := s.r.hydrate(rec)
		if err != nil {
			return err
		}
		s.texts.evidence(ev.Evidence)
		return fn(ev)
	}
	if s.sel.All() {
		return scanValues(s.r.txn, []byte(prefixEvent), func(k, v []byte) error {
			var rec eventRecord
			if err := decode(k, v, &rec); err != nil {
				return err
			}
			return visit(&rec)
		})
	}
	for _, id := range sortedIDs(s.sel.events) {
		var rec eventRecord
		if err := s.r.get(eventKey(id), &rec); err != nil {
			return fmt.Errorf("event %s: %w", graph.FormatID(id[:]), err)
		}
		if err := visit(&rec); err != nil {
			return err
		}
	}
	return nil
}

// Edges calls fn for every edge between selected nodes but MENTIONED_IN
// (see Mentions), ordered by its From end, type, qualifier and To end.
func (s *Stream) Edges(fn func(*graph.Edge) error) error {
	visit := func(k, v []byte) error {
		from, t, q, to, ok := parseAdjacency(k)
		if !ok {
			return fmt.Errorf("bad edge key %q", printableKey(k))
		}
		if (s.noCooc && t == graph.CoOccursWith) || !s.sel.has(to) {
			return nil
		}
		var rec edgeRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		s.texts.evidence(rec.Evidence)
		return fn(&graph.Edge{From: graph.FormatID(from[:]), To: graph.FormatID(to[:]), Type: t, Qualifier: q, Weight: rec.Weight, Evidence: rec.Evidence})
	}
	if s.sel.All() {
		return scanValues(s.r.txn, []byte(prefixOut), visit)
	}
	for _, id := range s.selected() {
		if err := scanValues(s.r.txn, cat([]byte(prefixOut), id[:]), visit); err != nil {
			return err
		}
	}
	return nil
}

// selected lists the selected entities and events together, in id order.
func (s *Stream) selected() []id8 {
	ids := append(sortedIDs(s.sel.entities), sortedIDs(s.sel.events)...)
	sort.Slice(ids, func(i, j int) bool { return bytes.Compare(ids[i][:], ids[j][:]) < 0 })
	return ids
}

// Mentions calls fn for every selected node and document that mentions
// it (MENTIONED_IN), with the document's date and the mentions, ordered by
// node then document.
func (s *Stream) Mentions(fn func(node, doc, date string, ms []graph.Mention) error) error {
	if s.sel.All() {
		return s.scanMentions([]byte(prefixMention), fn)
	}
	for _, id := range s.selected() {
		if err := s.scanMentions(cat([]byte(prefixMention), id[:]), fn); err != nil {
			return err
		}
	}
	return nil
}

// NodeMentions calls fn for every document that mentions the node, in
// document id order.
func (s *Stream) NodeMentions(id string, fn func(doc, date string, ms []graph.Mention) error) error {
	b, err := graph.ParseID(id)
	if err != nil {
		return err
	}
	return s.scanMentions(cat([]byte(prefixMention), b[:]), func(_, doc, date string, ms []graph.Mention) error {
		return fn(doc, date, ms)
	})
}

func (s *Stream) scanMentions(prefix []byte, fn func(node, doc, date string, ms []graph.Mention) error) error {
	return scanValues(s.r.txn, prefix, func(k, v []byte) error {
		if len(k) != len(prefixMention)+16 {
			return fmt.Errorf("bad mention key %q", printableKey(k))
		}
		var rec mentionsRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		node := graph.FormatID(k[len(prefixMention) : len(prefixMention)+8])
		doc := graph.FormatID(k[len(prefixMention)+8:])
		ms := make([]graph.Mention, len(rec.Mentions))
		for i, m := range rec.Mentions {
			ms[i] = graph.Mention{Entity: node, Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text}
			if m.Text == "" {
				ms[i].Text = s.texts.cut(doc, m.Start, m.End)
			}
		}
		return fn(node, doc, rec.Date, ms)
	})
}

// Documents calls fn for every document that mentions a selected node
// (every document, for the whole graph), in id order, with its text.
func (s *Stream) Documents(fn func(*graph.Document) error) error {
	visit := func(k, v []byte) error {
		var rec docRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		d := rec.Document
		return fn(&d)
	}
	if s.sel.All() {
		return scanValues(s.r.txn, []byte(prefixDoc), visit)
	}
	docs := map[id8]struct{}{}
	for _, id := range s.selected() {
		err := scanKeys(s.r.txn, cat([]byte(prefixMention), id[:]), func(k []byte) error {
			var d id8
			copy(d[:], k[len(k)-8:])
			docs[d] = struct{}{}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, id := range sortedIDs(docs) {
		item, err := s.r.txn.Get(docKey(id))
		if err != nil {
			return fmt.Errorf("document %s: %w", graph.FormatID(id[:]), err)
		}
		if err := item.Value(func(v []byte) error { return visit(item.Key(), v) }); err != nil {
			return err
		}
	}
	return nil
}

// Entity returns any stored entity, selected or not.
func (s *Stream) Entity(id string) (*graph.Entity, error) { return s.r.Entity(id) }

// Document returns any stored document, with its text.
func (s *Stream) Document(id string) (*graph.Document, error) {
	d, err := s.r.Document(id)
	if err != nil {
		return nil, err
	}
	return &d.Document, nil
}

// textCache keeps the texts of recently read documents, up to max bytes,
// to cut evidence sentences and mentions from.
type textCache struct {
	r     *Reader
	max   int
	size  int
	texts map[string]string
	order []string // oldest first
}

func (c *textCache) text(doc string) (string, bool) {
	if t, ok := c.texts[doc]; ok {
		return t, true
	}
	d, err := c.r.Document(doc)
	if err != nil {
		return "", false
	}
	if c.texts == nil {
		c.texts = map[string]string{}
	}
	for c.size+len(d.Text) > c.max && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.texts[old])
		delete(c.texts, old)
	}
	c.texts[doc] = d.Text
	c.order = append(c.order, doc)
	c.size += len(d.Text)
	return d.Text, true
}

// cut returns text[start:end] of a document, or "".
func (c *textCache) cut(doc string, start, end int) string {
	t, ok := c.text(doc)
	if !ok || start < 0 || end > len(t) || start > end {
		return ""
	}
	return t[start:end]
}

// evidence puts back the sentence text that records may keep without it.
func (c *textCache) evidence(evs []graph.Evidence) {
	for i := range evs {
		if evs[i].Text == "" {
			evs[i].Text = c.cut(evs[i].Document, evs[i].Start, evs[i].End)
		}
	}
}
