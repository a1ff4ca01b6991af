package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

// Curation: an analyst's corrections are stored as rules (keys.go, r:) that
// the writer applies to every later document, and the documents already
// stored that a rule concerns are re-resolved under it: each is taken back
// out exactly and applied again. Re-ingesting keeps the corrections.

// curateBatch is how many documents are re-resolved per transaction.
const curateBatch = 32

// Curated says what a curation did.
type Curated struct {
	Entity      string `json:"entity"`          // the entity the rule is about (the merge target; the new entity of a split)
	Rule        string `json:"rule"`            // what was recorded
	Reresolved  int    `json:"reresolved"`      // documents re-resolved under the rule
	Unmentioned bool   `json:"gone,omitempty"`  // the other entity has no mention left
	Other       string `json:"other,omitempty"` // the merged-away or split-from entity
}

// curate writes a rule and re-resolves the documents returned by affected
// (computed after the rule is written, in the same transaction).
func (s *Store) curate(rule func(w *writer) error, affected func(w *writer) ([]id8, error)) (int, error) {
	if s.readOnly {
		return 0, errors.New("store is open read-only")
	}
	s.records.clear() // the ingest writer's records are about to change
	var docs []id8
	err := s.db.Update(func(txn *badger.Txn) error {
		w := &writer{txn: txn}
		if err := rule(w); err != nil {
			return err
		}
		var err error
		docs, err = affected(w)
		if err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		return w.sortBySeq(docs)
	})
	if err != nil {
		return 0, err
	}
	for i := 0; i < len(docs); i += curateBatch {
		batch := docs[i:min(i+curateBatch, len(docs))]
		err := s.db.Update(func(txn *badger.Txn) error {
			w := &writer{txn: txn}
			for _, doc := range batch {
				if err := w.reresolve(doc); err != nil {
					return fmt.Errorf("re-resolve document %s: %w", graph.FormatID(doc[:]), err)
				}
			}
			return w.flush()
		})
		if err != nil {
			return i, err
		}
	}
	return len(docs), nil
}

// reresolve takes a document out and applies it again under today's rules.
func (w *writer) reresolve(doc id8) error {
	d, remap, splitFrom, err := w.applied(doc)
	if err != nil {
		return err
	}
	if err := w.apply(contributions(d, remap), doc, d.Document.DateString(), -1, &Result{}); err != nil {
		return err
	}
	_, _, err = w.resolveAndApply(unsplit(d, splitFrom), doc, &Result{})
	return err
}

func (w *writer) sortBySeq(docs []id8) error {
	seq := make(map[id8]uint64, len(docs))
	for _, d := range docs {
		var rec docRecord
		if _, err := w.get(docKey(d), &rec); err != nil {
			return err
		}
		seq[d] = rec.Seq
	}
	sort.Slice(docs, func(i, j int) bool { return seq[docs[i]] < seq[docs[j]] })
	return nil
}

// docsMentioning lists the documents that mention a node, optionally only
// those where a mention's name key is key.
func (w *writer) docsMentioning(node id8, key string) ([]id8, error) {
	var out []id8
	err := scanValues(w.txn, cat([]byte(prefixMention), node[:]), func(k, v []byte) error {
		if key != "" {
			var rec mentionsRecord
			if err := decode(k, v, &rec); err != nil {
				return err
			}
			found := false
			for _, m := range rec.Mentions {
				found = found || graph.NameKey(m.Text) == key
			}
			if !found {
				return nil
			}
		}
		var d id8
		copy(d[:], k[len(k)-8:])
		out = append(out, d)
		return nil
	})
	return out, err
}

func (w *writer) entity(id string) (*graph.Entity, error) {
	b, err := graph.ParseID(id)
	if err != nil {
		return nil, err
	}
	e, ok, err := w.entityRec(b)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("entity %s: %w", id, ErrNotFound)
	}
	c := *e
	return &c, nil
}

// Merge makes from the same entity as into: from's documents are
// re-resolved so that its mentions, aliases, events and relations become
// into's, and every later mention that would have been from is into.
func (s *Store) Merge(into, from string) (*Curated, error) {
	if into == from {
		return nil, errors.New("cannot merge an entity with itself")
	}
	res := &Curated{Entity: into, Other: from, Rule: fmt.Sprintf("%s is merged into %s", from, into)}
	n, err := s.curate(func(w *writer) error {
		a, err := w.entity(into)
		if err != nil {
			return err
		}
		b, err := w.entity(from)
		if err != nil {
			return err
		}
		if a.Kind != b.Kind {
			return fmt.Errorf("cannot merge %s %q into %s %q: retype one first (kg retype)", b.Kind, b.Name, a.Kind, a.Name)
		}
		// Merging into an entity that was itself merged away would loop.
		if to, err := w.follow(into, nil); err != nil || to != into {
			return fmt.Errorf("%s was merged into %s: merge into that instead", into, to)
		}
		return w.setRule(redirectKey(graph.IDBytes(from)), into, true)
	}, func(w *writer) ([]id8, error) {
		return w.docsMentioning(graph.IDBytes(from), "")
	})
	res.Reresolved = n
	if err != nil {
		return res, err
	}
	res.Unmentioned = !s.exists(entityKey(graph.IDBytes(from)))
	return res, nil
}

// Split takes the mentions of one alias away from an entity into an entity
// of their own; later mentions of the alias are never the entity again. It
// is also what removing an alias does.
func (s *Store) Split(id, alias string) (*Curated, error) {
	key := graph.NameKey(alias)
	if key == "" {
		return nil, errors.New("no alias given")
	}
	res := &Curated{Other: id, Rule: fmt.Sprintf("%q is never %s", alias, id)}
	var kind graph.Kind
	n, err := s.curate(func(w *writer) error {
		e, err := w.entity(id)
		if err != nil {
			return err
		}
		kind = e.Kind
		if graph.NameKey(e.Name) == key {
			return fmt.Errorf("%q is the canonical name of %s: rename it first (kg rename), then split", alias, id)
		}
		if e.AliasCount(alias) == 0 && !hasKey(e.Aliases, key) {
			return fmt.Errorf("%s has no alias %q (see kg show %s)", id, alias, id)
		}
		// A name forced to this entity by an earlier rule is forced no more.
		if err := w.setRule(aliasRuleKey(kind, key), "", false); err != nil {
			return err
		}
		return w.setRule(blockKey(graph.IDBytes(id), key), "", true)
	}, func(w *writer) ([]id8, error) {
		return w.docsMentioning(graph.IDBytes(id), key)
	})
	res.Reresolved = n
	if err != nil {
		return res, err
	}
	r := s.Reader()
	defer r.Close()
	for _, e := range mustFind(r, alias, kind) {
		if e.ID != id {
			res.Entity = e.ID
			break
		}
	}
	return res, nil
}

func hasKey(as []graph.Alias, key string) bool {
	for _, a := range as {
		if graph.NameKey(a.Name) == key {
			return true
		}
	}
	return false
}

func mustFind(r *Reader, name string, kind graph.Kind) []*graph.Entity {
	ids, _ := lookupName(r.txn, kind, graph.NameKey(name))
	var out []*graph.Entity
	for _, id := range ids {
		if e, err := r.Entity(id); err == nil {
			out = append(out, e)
		}
	}
	return out
}

// AddAlias makes a name the entity's: documents where the name stood for
// another entity are re-resolved, and later mentions of it are the entity.
func (s *Store) AddAlias(id, name string) (*Curated, error) {
	key := graph.NameKey(name)
	if key == "" {
		return nil, errors.New("no alias given")
	}
	res := &Curated{Entity: id, Rule: fmt.Sprintf("%q is %s", name, id)}
	var kind graph.Kind
	n, err := s.curate(func(w *writer) error {
		e, err := w.entity(id)
		if err != nil {
			return err
		}
		kind = e.Kind
		if err := w.setRule(blockKey(graph.IDBytes(id), key), "", false); err != nil {
			return err
		}
		if err := w.setRule(aliasRuleKey(kind, key), id, true); err != nil {
			return err
		}
		return w.nameSet(kind, key, graph.IDBytes(id), true)
	}, func(w *writer) ([]id8, error) {
		ids, err := w.lookupName(kind, key)
		if err != nil {
			return nil, err
		}
		seen := map[id8]bool{}
		var docs []id8
		for _, other := range ids {
			if other == id {
				continue
			}
			ds, err := w.docsMentioning(graph.IDBytes(other), key)
			if err != nil {
				return nil, err
			}
			for _, d := range ds {
				if !seen[d] {
					seen[d] = true
					docs = append(docs, d)
				}
			}
		}
		return docs, nil
	})
	res.Reresolved = n
	return res, err
}

// Rename fixes an entity's canonical name; later documents do not change it.
func (s *Store) Rename(id, name string) (*Curated, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return nil, errors.New("no name given")
	}
	res := &Curated{Entity: id, Rule: fmt.Sprintf("%s is named %q", id, name)}
	_, err := s.curate(func(w *writer) error {
		e, err := w.entity(id)
		if err != nil {
			return err
		}
		sid := graph.IDBytes(id)
		if err := w.setRule(nameRuleKey(sid), name, true); err != nil {
			return err
		}
		if e.Kind == graph.Person {
			if f := strings.Fields(graph.NameKey(e.Name)); len(f) >= 2 {
				if err := w.surnameSet(f[len(f)-1], sid, false); err != nil {
					return err
				}
			}
			if f := strings.Fields(graph.NameKey(name)); len(f) >= 2 {
				if err := w.surnameSet(f[len(f)-1], sid, true); err != nil {
					return err
				}
			}
		}
		if !hasKey(e.Aliases, graph.NameKey(e.Name)) {
			if err := w.nameSet(e.Kind, graph.NameKey(e.Name), sid, false); err != nil {
				return err
			}
		}
		e.Name = name
		if err := w.nameSet(e.Kind, graph.NameKey(name), sid, true); err != nil {
			return err
		}
		w.setRecord(entityKey(sid), e)
		return nil
	}, func(*writer) ([]id8, error) { return nil, nil })
	return res, err
}

// Retype changes an entity's kind; its id stays, and later mentions of it
// keep the new kind.
func (s *Store) Retype(id string, kind graph.Kind) (*Curated, error) {
	if _, ok := kindCodes[kind]; !ok || kind == graph.EventKind || kind == graph.DocumentKind {
		return nil, fmt.Errorf("kind %q: want person, organization or place", kind)
	}
	res := &Curated{Entity: id, Rule: fmt.Sprintf("%s is a %s", id, kind)}
	_, err := s.curate(func(w *writer) error {
		e, err := w.entity(id)
		if err != nil {
			return err
		}
		if e.Kind == kind {
			return nil
		}
		sid := graph.IDBytes(id)
		keys := map[string]bool{graph.NameKey(e.Name): true}
		for _, a := range e.Aliases {
			keys[graph.NameKey(a.Name)] = true
		}
		for k := range keys {
			if err := w.nameSet(e.Kind, k, sid, false); err != nil {
				return err
			}
			if err := w.nameSet(kind, k, sid, true); err != nil {
				return err
			}
		}
		if f := strings.Fields(graph.NameKey(e.Name)); len(f) >= 2 {
			if kind == graph.Person {
				err = w.surnameSet(f[len(f)-1], sid, true)
			} else if e.Kind == graph.Person {
				err = w.surnameSet(f[len(f)-1], sid, false)
			}
			if err != nil {
				return err
			}
		}
		if err := w.setRule(typeRuleKey(sid), string(kind), true); err != nil {
			return err
		}
		e.Kind = kind
		w.setRecord(entityKey(sid), e)
		return nil
	}, func(*writer) ([]id8, error) { return nil, nil })
	return res, err
}

func (s *Store) exists(key []byte) bool {
	found := false
	_ = s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(key)
		found = err == nil
		return nil
	})
	return found
}

// Redirect returns the entity an id was merged into, or "" when it was not.
func (r *Reader) Redirect(id string) string {
	b, err := graph.ParseID(id)
	if err != nil {
		return ""
	}
	item, err := r.txn.Get(redirectKey(b))
	if err != nil {
		return ""
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return ""
	}
	return string(v)
}
