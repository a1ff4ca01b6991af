package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

// Result says what applying one document did.
type Result struct {
	Document    string
	Duplicate   bool // the document was already stored; nothing changed
	NewEntities int
	NewEvents   int
}

// Apply writes the deltas of a batch of documents in one transaction, in
// order, so a crash leaves each document wholly stored or absent. Entities
// are resolved against the store here, so the outcome depends only on the
// order of the deltas. A batch too large for one badger transaction is split
// in halves, each committed whole.
func (s *Store) Apply(deltas []*graph.Delta) ([]Result, error) {
	if s.readOnly {
		return nil, errors.New("store is open read-only")
	}
	if len(deltas) == 0 {
		return nil, nil
	}
	res, err := s.applyTxn(deltas)
	if errors.Is(err, badger.ErrTxnTooBig) {
		if len(deltas) == 1 {
			return nil, fmt.Errorf("document %s (%s) is too large to store in one transaction", deltas[0].Document.ID, deltas[0].Document.Source)
		}
		half := len(deltas) / 2
		first, err := s.Apply(deltas[:half])
		if err != nil {
			return first, err
		}
		second, err := s.Apply(deltas[half:])
		return append(first, second...), err
	}
	return res, err
}

func (s *Store) applyTxn(deltas []*graph.Delta) ([]Result, error) {
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	results := make([]Result, 0, len(deltas))
	for _, d := range deltas {
		w := deltaWriter{txn: txn, d: d}
		r, err := w.apply()
		if err != nil {
			if errors.Is(err, badger.ErrTxnTooBig) {
				return nil, err
			}
			return nil, fmt.Errorf("store document %s (%s): %w", d.Document.ID, d.Document.Source, err)
		}
		results = append(results, r)
	}
	if err := txn.Commit(); err != nil {
		return nil, fmt.Errorf("commit batch of %d documents: %w", len(deltas), err)
	}
	return results, nil
}

// deltaWriter applies one delta inside a transaction.
type deltaWriter struct {
	txn   *badger.Txn
	d     *graph.Delta
	doc   id8
	date  string
	remap map[string]string // delta entity id -> stored entity id
	res   Result
}

func (w *deltaWriter) get(key []byte, v any) (bool, error) {
	item, err := w.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, item.Value(func(val []byte) error { return decode(key, val, v) })
}

func (w *deltaWriter) exists(key []byte) (bool, error) {
	_, err := w.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

func (w *deltaWriter) put(key []byte, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	return w.txn.Set(key, b)
}

func (w *deltaWriter) mark(key []byte) error { return w.txn.Set(key, nil) }

func (w *deltaWriter) apply() (Result, error) {
	d := w.d
	id, err := graph.ParseID(d.Document.ID)
	if err != nil {
		return Result{}, err
	}
	w.doc, w.date = id, d.Document.DateString()
	w.res.Document = d.Document.ID
	dup, err := w.exists(docKey(id))
	if err != nil || dup {
		w.res.Duplicate = dup
		return w.res, err
	}
	if err := w.put(docKey(id), docRecord{Document: d.Document, Sentences: d.Sentences}); err != nil {
		return w.res, err
	}
	if err := w.entities(); err != nil {
		return w.res, err
	}
	if err := w.events(); err != nil {
		return w.res, err
	}
	if err := w.relations(); err != nil {
		return w.res, err
	}
	return w.res, nil
}

// resolve finds the stored entity a delta entity is: the one with its id, or
// the only one of its kind whose name or alias has its key.
func (w *deltaWriter) resolve(e *graph.DeltaEntity) (string, error) {
	id, err := graph.ParseID(e.ID)
	if err != nil {
		return "", fmt.Errorf("entity %q: %w", e.Name, err)
	}
	if ok, err := w.exists(entityKey(id)); err != nil || ok {
		return e.ID, err
	}
	for _, key := range []string{graph.NameKey(e.Name), e.Key} {
		ids, err := lookupName(w.txn, e.Kind, key)
		if err != nil {
			return "", err
		}
		if len(ids) == 1 {
			return ids[0], nil
		}
	}
	return e.ID, nil
}

func (w *deltaWriter) entities() error {
	d := w.d
	w.remap = make(map[string]string, len(d.Entities))
	byEntity := make(map[string][]graph.Mention, len(d.Entities))
	for _, m := range d.Mentions {
		byEntity[m.Entity] = append(byEntity[m.Entity], m)
	}
	for i := range d.Entities {
		de := &d.Entities[i]
		stored, err := w.resolve(de)
		if err != nil {
			return err
		}
		w.remap[de.ID] = stored
		sid := graph.IDBytes(stored)
		var e graph.Entity
		found, err := w.get(entityKey(sid), &e)
		if err != nil {
			return err
		}
		if !found {
			e = graph.Entity{ID: stored, Kind: de.Kind, Name: de.Name}
			w.res.NewEntities++
		}
		mentions := byEntity[de.ID]
		if len(mentions) == 0 {
			mentions = nil
		}
		firstTime, err := w.addMentions(sid, mentions)
		if err != nil {
			return err
		}
		if firstTime {
			e.Documents++
			if w.date != "" {
				if e.FirstSeen == "" || w.date < e.FirstSeen {
					e.FirstSeen = w.date
				}
				if w.date > e.LastSeen {
					e.LastSeen = w.date
				}
			}
		}
		e.Mentions += len(mentions)
		forms := []string{de.Name}
		for _, m := range mentions {
			forms = append(forms, m.Text)
		}
		for i, f := range forms {
			f = strings.Join(strings.Fields(f), " ")
			if f == "" {
				continue
			}
			if e.AliasCount(f) == 0 {
				if err := w.mark(nameIndexKey(e.Kind, graph.NameKey(f), sid)); err != nil {
					return err
				}
			}
			if i > 0 { // the canonical name counts only through its mentions
				addAlias(&e, f)
			} else if e.AliasCount(f) == 0 {
				e.Aliases = append(e.Aliases, graph.Alias{Name: f})
			}
		}
		if moreComplete(de.Name, e.Name) {
			e.Name = de.Name
		}
		for k, v := range de.Attrs {
			if e.Attrs == nil {
				e.Attrs = map[string]string{}
			}
			if _, ok := e.Attrs[k]; !ok {
				e.Attrs[k] = v
			}
		}
		sortAliases(e.Aliases)
		if err := w.put(entityKey(sid), &e); err != nil {
			return err
		}
	}
	return nil
}

// addMentions records the mentions of a node in this document and reports
// whether the node was not yet linked to the document.
func (w *deltaWriter) addMentions(node id8, ms []graph.Mention) (bool, error) {
	key := mentionKey(node, w.doc)
	var recs []mentionRecord
	found, err := w.get(key, &recs)
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		recs = append(recs, mentionRecord{Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
	}
	if err := w.put(key, recs); err != nil {
		return false, err
	}
	if !found {
		if err := w.mark(docNodeKey(w.doc, node)); err != nil {
			return false, err
		}
	}
	return !found, nil
}

func addAlias(e *graph.Entity, name string) {
	for i := range e.Aliases {
		if e.Aliases[i].Name == name {
			e.Aliases[i].Count++
			return
		}
	}
	e.Aliases = append(e.Aliases, graph.Alias{Name: name, Count: 1})
}

func sortAliases(as []graph.Alias) {
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].Count != as[j].Count {
			return as[i].Count > as[j].Count
		}
		return as[i].Name < as[j].Name
	})
}

// moreComplete reports whether name is a more complete form than current:
// more words, or as many words and longer.
func moreComplete(name, current string) bool {
	nw, cw := len(strings.Fields(name)), len(strings.Fields(current))
	if nw != cw {
		return nw > cw
	}
	return len(name) > len(current)
}

func (w *deltaWriter) mapped(deltaID string) (string, bool) {
	id, ok := w.remap[deltaID]
	return id, ok
}

func (w *deltaWriter) events() error {
	for _, de := range w.d.Events {
		var parts []participant
		seen := map[string]bool{}
		for _, p := range de.Participants {
			id, ok := w.mapped(p.Entity)
			if !ok || seen[id+p.Role] {
				continue
			}
			seen[id+p.Role] = true
			parts = append(parts, participant{ID: id, Role: p.Role})
		}
		place, _ := w.mapped(de.Place)
		anchor := ""
		for _, p := range parts {
			if p.Role == graph.RoleAgent {
				anchor = p.ID
				break
			}
		}
		if anchor == "" && len(parts) > 0 {
			anchor = parts[0].ID
		}
		if anchor == "" {
			anchor = place
		}
		if anchor == "" {
			anchor = graph.NameKey(de.Label)
		}
		id := graph.EventID(de.Type, de.Date, anchor)
		eid := graph.IDBytes(id)
		var ev eventRecord
		found, err := w.get(eventKey(eid), &ev)
		if err != nil {
			return err
		}
		if !found {
			ev = eventRecord{ID: id, Type: de.Type, CAMEO: de.CAMEO, Label: de.Label, Date: de.Date, Place: place}
			w.res.NewEvents++
		}
		if ev.Place == "" {
			ev.Place = place
		}
		for _, p := range parts {
			if !hasParticipant(ev.Participants, p) {
				ev.Participants = append(ev.Participants, p)
			}
		}
		ms := make([]graph.Mention, 0, len(de.Evidence))
		for _, e := range de.Evidence {
			ms = append(ms, graph.Mention{Sentence: e.Sentence, Start: e.Start, End: e.End, Text: e.Text})
			ev.Evidence = appendEvidence(ev.Evidence, e)
		}
		first, err := w.addMentions(eid, ms)
		if err != nil {
			return err
		}
		if first {
			ev.Documents++
		}
		if err := w.put(eventKey(eid), &ev); err != nil {
			return err
		}
		if err := w.mark(dateKey(ev.Date, eid)); err != nil {
			return err
		}
		for _, p := range parts {
			if err := w.addEdge(p.ID, graph.ParticipantIn, p.Role, id, 1, de.Evidence); err != nil {
				return err
			}
		}
		if place != "" {
			if err := w.addEdge(id, graph.OccurredIn, "", place, 1, de.Evidence); err != nil {
				return err
			}
		}
	}
	return nil
}

func hasParticipant(ps []participant, p participant) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func appendEvidence(list []graph.Evidence, e graph.Evidence) []graph.Evidence {
	for _, x := range list {
		if x.Document == e.Document && x.Sentence == e.Sentence {
			return list
		}
	}
	if len(list) >= graph.MaxEvidence {
		return list
	}
	return append(list, e)
}

func (w *deltaWriter) relations() error {
	for _, r := range w.d.Relations {
		from, ok1 := w.mapped(r.From)
		to, ok2 := w.mapped(r.To)
		if !ok1 || !ok2 || from == to {
			continue
		}
		if r.Type == graph.CoOccursWith && to < from {
			from, to = to, from
		}
		if err := w.addEdge(from, r.Type, r.Qualifier, to, r.Weight, r.Evidence); err != nil {
			return err
		}
	}
	return nil
}

func (w *deltaWriter) addEdge(from string, t graph.EdgeType, q, to string, weight float64, ev []graph.Evidence) error {
	f, tt := graph.IDBytes(from), graph.IDBytes(to)
	key := outKey(f, t, q, tt)
	var rec edgeRecord
	found, err := w.get(key, &rec)
	if err != nil {
		return err
	}
	rec.Weight += weight
	for _, e := range ev {
		rec.Evidence = appendEvidence(rec.Evidence, e)
	}
	if err := w.put(key, &rec); err != nil {
		return err
	}
	if !found {
		return w.mark(inKey(tt, t, q, f))
	}
	return nil
}
