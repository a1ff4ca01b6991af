package store

import (
	"encoding/binary"
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
	Err         error // the document could not be stored; nothing of it was
}

// Apply writes the deltas of a batch of documents in one transaction, in
// order, so a crash leaves each document wholly stored or absent. Entities
// are resolved against the store (and the analyst's curation rules) here,
// so the outcome depends only on the order of the deltas. A batch too large
// for one badger transaction is split in halves, each committed whole.
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
			// Only this document fails; the run goes on.
			d := deltas[0]
			return []Result{{Document: d.Document.ID, Err: fmt.Errorf("%s: document too large to store in one transaction (%d entities, %d mentions)",
				d.Document.Source, len(d.Entities), len(d.Mentions))}}, nil
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
	snap := s.db.NewTransaction(false)
	defer snap.Discard()
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	w := &writer{txn: txn, snap: snap, noResolution: s.noResolution, shared: s.records}
	committed := false
	defer func() {
		if !committed {
			// The batch's records may have been changed in place.
			s.records.clear()
		}
	}()
	results := make([]Result, 0, len(deltas))
	for _, d := range deltas {
		r, err := w.add(d)
		if err != nil {
			if errors.Is(err, badger.ErrTxnTooBig) {
				return nil, err
			}
			return nil, fmt.Errorf("store document %s (%s): %w", d.Document.ID, d.Document.Source, err)
		}
		results = append(results, r)
	}
	if err := w.flush(); err != nil {
		if errors.Is(err, badger.ErrTxnTooBig) {
			return nil, err
		}
		return nil, fmt.Errorf("store batch of %d documents: %w", len(deltas), err)
	}
	if err := txn.Commit(); err != nil {
		return nil, fmt.Errorf("commit batch of %d documents: %w", len(deltas), err)
	}
	committed = true
	for k, b := range w.written {
		s.records.put(k, b)
	}
	return results, nil
}

// writer applies and takes back documents inside one transaction.
//
// Index lookups (names, surnames) are prefix scans, and a badger iterator
// over a read-write transaction sorts every write pending in it, each time
// one is opened. So the writer scans a read-only snapshot taken when the
// batch began, and keeps what the batch itself adds to or removes from
// those indexes in an overlay.
//
// Entity, event and edge records are read and rewritten for nearly every
// document (a country is in most of them); the writer keeps them decoded
// in a cache for the whole transaction and encodes each once, in flush.
type writer struct {
	txn     *badger.Txn
	snap    *badger.Txn             // nil: scan txn itself (curation, checks)
	overlay map[string]map[id8]bool // index prefix -> id -> present
	cache   map[string]*cachedRecord
	rules   map[string]string // every curation rule (r: keys), read once
	shared  *recordCache      // records of the committed batches (nil: none)
	written map[string][]byte // with shared: the encoded records read or written, for it

	noResolution bool // see Options
}

// rule returns the curation rule under key. The rules are few; they are
// read once per writer, so that resolving a mention costs no lookups.
func (w *writer) rule(key []byte) (string, bool, error) {
	if w.rules == nil {
		w.rules = map[string]string{}
		err := scanValues(w.txn, []byte(prefixRule), func(k, v []byte) error {
			w.rules[string(k)] = string(v)
			return nil
		})
		if err != nil {
			w.rules = nil
			return "", false, err
		}
	}
	v, ok := w.rules[string(key)]
	return v, ok, nil
}

// setRule records (present) or removes a curation rule.
func (w *writer) setRule(key []byte, value string, present bool) error {
	if _, _, err := w.rule(key); err != nil {
		return err
	}
	if !present {
		delete(w.rules, string(key))
		return w.txn.Delete(key)
	}
	w.rules[string(key)] = value
	return w.txn.Set(key, []byte(value))
}

func (w *writer) hasRule(key []byte) (bool, error) {
	_, ok, err := w.rule(key)
	return ok, err
}

type cachedRecord struct {
	rec   any // *graph.Entity, *eventRecord or *edgeRecord; nil when absent
	dirty bool
}

// record returns the cached record under key, reading it with fresh's
// value on first use; ok is false when there is none.
func (w *writer) record(key []byte, fresh func() any) (any, bool, error) {
	if c, ok := w.cache[string(key)]; ok {
		return c.rec, c.rec != nil, nil
	}
	if w.cache == nil {
		w.cache = map[string]*cachedRecord{}
	}
	v := fresh()
	var found bool
	if b, ok := w.shared.get(string(key)); ok {
		if found = b != nil; found {
			if err := decode(key, b, v); err != nil {
				return nil, false, err
			}
		}
	} else {
		b, err := w.getEncoded(key, v)
		if err != nil {
			return nil, false, err
		}
		found = b != nil
		w.remember(key, b)
	}
	c := &cachedRecord{}
	if found {
		c.rec = v
	}
	w.cache[string(key)] = c
	return c.rec, found, nil
}

// setRecord replaces the record under key (nil deletes it), written at flush.
func (w *writer) setRecord(key []byte, rec any) {
	if w.cache == nil {
		w.cache = map[string]*cachedRecord{}
	}
	w.cache[string(key)] = &cachedRecord{rec: rec, dirty: true}
}

// flush writes the changed records of the cache to the transaction.
func (w *writer) flush() error {
	for k, c := range w.cache {
		if !c.dirty {
			continue
		}
		var b []byte
		var err error
		if c.rec == nil {
			err = w.txn.Delete([]byte(k))
		} else if b, err = encode(c.rec); err == nil {
			err = w.txn.Set([]byte(k), b)
		}
		if err != nil {
			return err
		}
		w.remember([]byte(k), b)
		c.dirty = false
	}
	return nil
}

func (w *writer) entityRec(id id8) (*graph.Entity, bool, error) {
	r, ok, err := w.record(entityKey(id), func() any { return new(graph.Entity) })
	if !ok || err != nil {
		return nil, false, err
	}
	return r.(*graph.Entity), true, nil
}

func (w *writer) eventRec(id id8) (*eventRecord, bool, error) {
	r, ok, err := w.record(eventKey(id), func() any { return new(eventRecord) })
	if !ok || err != nil {
		return nil, false, err
	}
	return r.(*eventRecord), true, nil
}

func (w *writer) edgeRec(key []byte) (*edgeRecord, bool, error) {
	r, ok, err := w.record(key, func() any { return new(edgeRecord) })
	if !ok || err != nil {
		return nil, false, err
	}
	return r.(*edgeRecord), true, nil
}

// indexIDs lists the ids under an index prefix (a name or a surname).
func (w *writer) indexIDs(prefix []byte) ([]string, error) {
	src := w.txn
	if w.snap != nil {
		src = w.snap
	}
	var ids []string
	changes := w.overlay[string(prefix)]
	err := scanKeys(src, prefix, func(k []byte) error {
		var id id8
		copy(id[:], k[len(k)-8:])
		if present, ok := changes[id]; ok && !present {
			return nil
		}
		ids = append(ids, graph.FormatID(id[:]))
		return nil
	})
	if err != nil || w.snap == nil {
		return ids, err
	}
	for id, present := range changes {
		if present && !containsID(ids, id) {
			ids = append(ids, graph.FormatID(id[:]))
		}
	}
	sort.Strings(ids)
	return ids, nil
}

func containsID(ids []string, id id8) bool {
	s := graph.FormatID(id[:])
	for _, x := range ids {
		if x == s {
			return true
		}
	}
	return false
}

// indexSet adds (present) or removes an id under an index prefix.
func (w *writer) indexSet(prefix []byte, id id8, present bool) error {
	key := cat(prefix, id[:])
	var err error
	if present {
		err = w.txn.Set(key, nil)
	} else {
		err = w.txn.Delete(key)
	}
	if err != nil || w.snap == nil {
		return err
	}
	if w.overlay == nil {
		w.overlay = map[string]map[id8]bool{}
	}
	m := w.overlay[string(prefix)]
	if m == nil {
		m = map[id8]bool{}
		w.overlay[string(prefix)] = m
	}
	m[id] = present
	return nil
}

func (w *writer) nameSet(kind graph.Kind, key string, id id8, present bool) error {
	return w.indexSet(nameIndexPrefix(kind, key), id, present)
}

func (w *writer) surnameSet(surname string, id id8, present bool) error {
	return w.indexSet(surnamePrefix(surname), id, present)
}

func (w *writer) lookupName(kind graph.Kind, key string) ([]string, error) {
	if key == "" {
		return nil, nil
	}
	return w.indexIDs(nameIndexPrefix(kind, key))
}

func (w *writer) get(key []byte, v any) (bool, error) {
	item, err := w.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, item.Value(func(val []byte) error { return decode(key, val, v) })
}

// getEncoded reads the record under key into v and returns its encoding
// (a copy), or nil when there is none.
func (w *writer) getEncoded(key []byte, v any) ([]byte, error) {
	item, err := w.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b, err := item.ValueCopy(nil)
	if err != nil {
		return nil, err
	}
	if b == nil {
		b = []byte{}
	}
	return b, decode(key, b, v)
}

// remember notes the encoding of the record under key (nil: none) for the
// shared record cache, which takes it when the batch commits. The cache
// holds encodings, not the decoded records the writer changes in place, so
// what it gives back is what the store holds.
func (w *writer) remember(key []byte, b []byte) {
	if w.shared == nil {
		return
	}
	if w.written == nil {
		w.written = map[string][]byte{}
	}
	w.written[string(key)] = b
}

func (w *writer) exists(key []byte) (bool, error) {
	if c, ok := w.cache[string(key)]; ok {
		return c.rec != nil, nil
	}
	// resolve asks whether an entity exists for nearly every name of every
	// document; the busy ones are in the shared cache. Without it, these
	// reads were 60 of the 1,011 CPU-s of loading Reuters ×16.
	if b, ok := w.shared.get(string(key)); ok {
		return b != nil, nil
	}
	_, err := w.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

func (w *writer) put(key []byte, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	return w.txn.Set(key, b)
}

func (w *writer) mark(key []byte) error { return w.txn.Set(key, nil) }
func (w *writer) del(key []byte) error  { return w.txn.Delete(key) }

func (w *writer) nextSeq() (uint64, error) {
	var n uint64
	item, err := w.txn.Get([]byte(keySeq))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
	case err != nil:
		return 0, err
	default:
		if err := item.Value(func(v []byte) error {
			if len(v) == 8 {
				n = binary.BigEndian.Uint64(v)
			}
			return nil
		}); err != nil {
			return 0, err
		}
	}
	n++
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return n, w.txn.Set([]byte(keySeq), b[:])
}

// add stores a new document: its record, how its entities resolve, and
// what it contributes to entities, events and edges.
func (w *writer) add(d *graph.Delta) (Result, error) {
	res := Result{Document: d.Document.ID}
	doc, err := graph.ParseID(d.Document.ID)
	if err != nil {
		return res, err
	}
	dup, err := w.exists(docKey(doc))
	if err != nil || dup {
		res.Duplicate = dup
		return res, err
	}
	seq, err := w.nextSeq()
	if err != nil {
		return res, err
	}
	if err := w.put(docKey(doc), &docRecord{Document: d.Document, Sentences: d.Sentences, Seq: seq}); err != nil {
		return res, err
	}
	d, remap, err := w.resolveAndApply(d, doc, &res)
	if err != nil {
		return res, err
	}
	if w.noResolution {
		return res, nil
	}
	return res, w.joinSurnames(d, remap)
}

// joinSurnames merges into each person this document introduced with a full
// name the person stored under that surname alone, when there is one and no
// other person has the surname: "Smirnovich" seen alone in earlier
// documents is "Oleg Smirnovich" once the full name appears.
func (w *writer) joinSurnames(d *graph.Delta, remap map[string]string) error {
	for _, de := range d.Entities {
		id := remap[de.ID]
		if de.Kind != graph.Person || id == "" {
			continue
		}
		e, err := w.entity(id)
		if err != nil || e.Documents != 1 {
			continue // not new, or not mentioned
		}
		context := map[string]bool{}
		for _, other := range remap {
			context[other] = true
		}
		f := strings.Fields(graph.NameKey(e.Name))
		if len(f) < 2 {
			continue
		}
		surname := f[len(f)-1]
		full, err := w.indexIDs(surnamePrefix(surname))
		if err != nil {
			return err
		}
		if len(full) != 1 || full[0] != id {
			continue
		}
		alone, err := w.lookupName(graph.Person, surname)
		if err != nil {
			return err
		}
		for _, other := range alone {
			o, err := w.entity(other)
			if err != nil || other == id || len(strings.Fields(o.Name)) != 1 || o.Documents > maxJoinDocuments {
				continue
			}
			// Unambiguous in context: the lone surname was named beside
			// something this document names too. (sharesNeighbor scans the
			// x: and i: keys, which applyEdge writes at once; the edge
			// records waiting in the cache are not read.)
			if shared, err := w.sharesNeighbor(other, context); err != nil || !shared {
				if err != nil {
					return err
				}
				continue
			}
			if b, err := w.hasRule(blockKey(graph.IDBytes(id), surname)); err != nil || b {
				return err
			}
			if err := w.setRule(redirectKey(graph.IDBytes(other)), id, true); err != nil {
				return err
			}
			docs, err := w.docsMentioning(graph.IDBytes(other), "")
			if err != nil {
				return err
			}
			if err := w.sortBySeq(docs); err != nil {
				return err
			}
			for _, od := range docs {
				if err := w.reresolve(od); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// resolveAndApply resolves a stored document's delta and applies it. It
// returns the delta as resolved (with entities split off by curation rules)
// and the stored id of each of its entities.
func (w *writer) resolveAndApply(d *graph.Delta, doc id8, res *Result) (*graph.Delta, map[string]string, error) {
	d, remap, splitFrom, err := w.resolveDelta(d)
	if err != nil {
		return nil, nil, err
	}
	if err := w.put(appliedKey(doc), &appliedRecord{Delta: *d, Remap: remap, SplitFrom: splitFrom}); err != nil {
		return nil, nil, err
	}
	if err := w.apply(contributions(d, remap), doc, d.Document.DateString(), +1, res); err != nil {
		return nil, nil, err
	}
	return d, remap, nil
}

// remove takes a stored document back out: everything it contributed, its
// record and its indexes.
func (w *writer) remove(doc id8) error {
	d, remap, _, err := w.applied(doc)
	if err != nil {
		return err
	}
	if err := w.apply(contributions(d, remap), doc, d.Document.DateString(), -1, &Result{}); err != nil {
		return err
	}
	for _, k := range [][]byte{appliedKey(doc), docKey(doc)} {
		if err := w.del(k); err != nil {
			return err
		}
	}
	return nil
}

// applied loads what a document contributed, its texts restored from the
// document record.
func (w *writer) applied(doc id8) (*graph.Delta, map[string]string, map[string]string, error) {
	var rec appliedRecord
	ok, err := w.get(appliedKey(doc), &rec)
	if err != nil {
		return nil, nil, nil, err
	}
	if !ok {
		return nil, nil, nil, fmt.Errorf("document %s: no record of what it contributed (run kg check)", graph.FormatID(doc[:]))
	}
	var dr docRecord
	if _, err := w.get(docKey(doc), &dr); err != nil {
		return nil, nil, nil, err
	}
	d := rec.Delta
	d.Document = dr.Document
	d.Sentences = dr.Sentences
	restoreTexts(&d)
	return &d, rec.Remap, rec.SplitFrom, nil
}

// unsplit undoes the splits of resolveDelta: the delta as extracted.
func unsplit(d *graph.Delta, splitFrom map[string]string) *graph.Delta {
	if len(splitFrom) == 0 {
		return d
	}
	out := *d
	out.Entities = nil
	for _, e := range d.Entities {
		if _, ok := splitFrom[e.ID]; !ok {
			out.Entities = append(out.Entities, e)
		}
	}
	out.Mentions = make([]graph.Mention, len(d.Mentions))
	for i, m := range d.Mentions {
		if orig, ok := splitFrom[m.Entity]; ok {
			m.Entity = orig
		}
		out.Mentions[i] = m
	}
	return &out
}

// restoreTexts puts back what the a: record leaves to the document: the
// texts of mentions and the document, offsets and texts of evidence.
func restoreTexts(d *graph.Delta) {
	text := d.Document.Text
	for i := range d.Mentions {
		if m := &d.Mentions[i]; m.Start >= 0 && m.End <= len(text) && m.Start <= m.End {
			m.Text = text[m.Start:m.End]
		}
	}
	fill := func(ev []graph.Evidence) {
		for i := range ev {
			e := &ev[i]
			e.Document = d.Document.ID
			if e.Sentence >= 0 && e.Sentence < len(d.Sentences) {
				sp := d.Sentences[e.Sentence]
				e.Start, e.End = sp.Start, sp.End
				if sp.Start >= 0 && sp.End <= len(text) && sp.Start <= sp.End {
					e.Text = text[sp.Start:sp.End]
				}
			}
		}
	}
	for i := range d.Events {
		fill(d.Events[i].Evidence)
	}
	for i := range d.Relations {
		fill(d.Relations[i].Evidence)
	}
}

// resolveDelta finds the stored entity each delta entity is. Mentions of a
// name an analyst blocked for the entity it resolves to are split off into
// an entity of their own first. It returns the (possibly split) delta and
// the map from delta entity ids to stored ids.
func (w *writer) resolveDelta(d *graph.Delta) (*graph.Delta, map[string]string, map[string]string, error) {
	remap := make(map[string]string, len(d.Entities))
	var splitFrom map[string]string
	out := *d
	out.Entities = nil
	out.Mentions = append([]graph.Mention(nil), d.Mentions...)
	for i := range d.Entities {
		de := d.Entities[i]
		stored, err := w.resolve(&de)
		if err != nil {
			return nil, nil, nil, err
		}
		remap[de.ID] = stored
		out.Entities = append(out.Entities, de)
		// Split off mentions whose name is blocked for the stored entity.
		split := map[string]*graph.DeltaEntity{}
		for k := range out.Mentions {
			m := &out.Mentions[k]
			if m.Entity != de.ID {
				continue
			}
			key := graph.NameKey(m.Text)
			blocked, err := w.hasRule(blockKey(graph.IDBytes(stored), key))
			if err != nil {
				return nil, nil, nil, err
			}
			if !blocked {
				continue
			}
			ne := split[key]
			if ne == nil {
				ne = &graph.DeltaEntity{ID: graph.EntityID(de.Kind, key), Kind: de.Kind, Key: key, Name: strings.Join(strings.Fields(m.Text), " ")}
				if ne.ID == de.ID {
					ne.ID = graph.EntityID(de.Kind, "split:"+key)
				}
				split[key] = ne
				sid, err := w.resolve(ne)
				if err != nil {
					return nil, nil, nil, err
				}
				if sid == stored {
					sid = ne.ID
				}
				remap[ne.ID] = sid
				if splitFrom == nil {
					splitFrom = map[string]string{}
				}
				splitFrom[ne.ID] = de.ID
				out.Entities = append(out.Entities, *ne)
			}
			m.Entity = ne.ID
		}
	}
	return &out, remap, splitFrom, nil
}

// resolve finds the stored entity a delta entity is: the one an analyst
// named for it, its own id (following merges), the only entity of its kind
// with its name or alias, or a person with a full name ending in its lone
// surname when that person is the only one; otherwise a new entity.
func (w *writer) resolve(e *graph.DeltaEntity) (string, error) {
	if _, err := graph.ParseID(e.ID); err != nil {
		return "", fmt.Errorf("entity %q: %w", e.Name, err)
	}
	if w.noResolution {
		return e.ID, nil
	}
	nameKey := graph.NameKey(e.Name)
	keys := []string{nameKey}
	if e.Key != nameKey {
		keys = append(keys, e.Key)
	}
	usable := func(id string) (bool, error) {
		for _, k := range keys {
			if b, err := w.hasRule(blockKey(graph.IDBytes(id), k)); err != nil || b {
				return false, err
			}
		}
		return true, nil
	}
	for _, k := range keys {
		if id, ok, err := w.rule(aliasRuleKey(e.Kind, k)); err != nil || ok {
			return w.follow(id, err)
		}
	}
	own, err := w.follow(e.ID, nil)
	if err != nil {
		return "", err
	}
	if ok, err := w.exists(entityKey(graph.IDBytes(own))); err != nil {
		return "", err
	} else if ok {
		if u, err := usable(own); err != nil || u {
			return own, err
		}
	}
	for _, k := range keys {
		ids, err := w.lookupName(e.Kind, k)
		if err != nil {
			return "", err
		}
		ids, err = w.filter(ids, usable)
		if err != nil {
			return "", err
		}
		if len(ids) == 1 {
			return ids[0], nil
		}
	}
	if e.Kind == graph.Person && !strings.Contains(nameKey, " ") {
		ids, err := w.indexIDs(surnamePrefix(nameKey))
		if err != nil {
			return "", err
		}
		ids, err = w.filter(ids, usable)
		if err != nil {
			return "", err
		}
		if len(ids) == 1 {
			return ids[0], nil
		}
	}
	return own, nil
}

func (w *writer) filter(ids []string, ok func(string) (bool, error)) ([]string, error) {
	out := ids[:0]
	for _, id := range ids {
		u, err := ok(id)
		if err != nil {
			return nil, err
		}
		if u {
			out = append(out, id)
		}
	}
	return out, nil
}

// follow resolves merge redirects from id.
func (w *writer) follow(id string, err error) (string, error) {
	if err != nil {
		return "", err
	}
	for range 16 {
		b, err := graph.ParseID(id)
		if err != nil {
			return "", err
		}
		to, ok, err := w.rule(redirectKey(b))
		if err != nil || !ok {
			return id, err
		}
		id = to
	}
	return "", fmt.Errorf("entity %s: merge redirects form a loop", id)
}

// maxJoinDocuments bounds the documents re-resolved when a lone surname
// joins a full name that appears later.
const maxJoinDocuments = 50

// sharesNeighbor reports whether an entity co-occurs with one of the
// entities in context.
func (w *writer) sharesNeighbor(id string, context map[string]bool) (bool, error) {
	b := graph.IDBytes(id)
	found := false
	check := func(k []byte) error {
		_, t, _, far, ok := parseAdjacency(k)
		if ok && t == graph.CoOccursWith && context[graph.FormatID(far[:])] {
			found = true
			return errStopScan
		}
		return nil
	}
	for _, p := range []string{prefixAdj, prefixIn} {
		if err := scanKeys(w.txn, cat([]byte(p), b[:]), check); err != nil && !errors.Is(err, errStopScan) {
			return false, err
		}
		if found {
			return true, nil
		}
	}
	return false, nil
}

// contribution is what one document adds to the store, derived from its
// delta and how its entities were resolved. Applying it with sign -1 takes
// it back exactly.
type contribution struct {
	entities []entityContrib
	events   []eventContrib
	edges    []edgeContrib
}

type entityContrib struct {
	id       string
	de       graph.DeltaEntity // the first delta entity resolved to id
	names    []string          // names of the delta entities, for the canonical name
	mentions []graph.Mention
}

type eventContrib struct {
	id    string
	de    graph.DeltaEvent
	parts []participant
	place string
}

type edgeContrib struct {
	from, to string
	t        graph.EdgeType
	q        string
	weight   float64
	evidence []graph.Evidence
}

func contributions(d *graph.Delta, remap map[string]string) *contribution {
	c := &contribution{}
	index := map[string]int{}
	for _, de := range d.Entities {
		id := remap[de.ID]
		if id == "" {
			continue
		}
		if i, ok := index[id]; ok {
			c.entities[i].names = append(c.entities[i].names, de.Name)
			continue
		}
		index[id] = len(c.entities)
		c.entities = append(c.entities, entityContrib{id: id, de: de, names: []string{de.Name}})
	}
	for _, m := range d.Mentions {
		if i, ok := index[remap[m.Entity]]; ok {
			m.Entity = c.entities[i].id
			c.entities[i].mentions = append(c.entities[i].mentions, m)
		}
	}
	// Only entities with mentions in the document exist through it; events
	// and relations name only those.
	mentioned := map[string]bool{}
	kept := c.entities[:0]
	for _, e := range c.entities {
		if len(e.mentions) > 0 {
			kept = append(kept, e)
			mentioned[e.id] = true
		}
	}
	c.entities = kept
	live := make(map[string]string, len(remap))
	for deltaID, id := range remap {
		if mentioned[id] {
			live[deltaID] = id
		}
	}
	remap = live
	for _, de := range d.Events {
		var parts []participant
		for _, p := range de.Participants {
			id, ok := remap[p.Entity]
			if !ok {
				continue
			}
			dup := false
			for _, q := range parts {
				dup = dup || q.ID == id && q.Role == p.Role
			}
			if !dup {
				parts = append(parts, participant{ID: id, Role: p.Role, Count: 1})
			}
		}
		place := remap[de.Place]
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
		c.events = append(c.events, eventContrib{id: id, de: de, parts: parts, place: place})
		for _, p := range parts {
			c.edges = append(c.edges, edgeContrib{from: p.ID, to: id, t: graph.ParticipantIn, q: p.Role, weight: 1, evidence: de.Evidence})
		}
		if place != "" {
			c.edges = append(c.edges, edgeContrib{from: id, to: place, t: graph.OccurredIn, weight: 1, evidence: de.Evidence})
		}
	}
	for _, r := range d.Relations {
		from, ok1 := remap[r.From]
		to, ok2 := remap[r.To]
		if !ok1 || !ok2 || from == to {
			continue
		}
		if r.Type == graph.CoOccursWith && to < from {
			from, to = to, from
		}
		c.edges = append(c.edges, edgeContrib{from: from, to: to, t: r.Type, q: r.Qualifier, weight: r.Weight, evidence: r.Evidence})
	}
	return c
}

// apply adds (sign +1) or takes back (sign -1) a document's contribution.
func (w *writer) apply(c *contribution, doc id8, date string, sign int, res *Result) error {
	docID := graph.FormatID(doc[:])
	for i := range c.entities {
		if err := w.applyEntity(&c.entities[i], doc, date, sign, res); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for i := range c.events {
		first := !seen[c.events[i].id]
		seen[c.events[i].id] = true
		if err := w.applyEvent(&c.events[i], doc, docID, date, sign, first, res); err != nil {
			return err
		}
	}
	for i := range c.edges {
		if err := w.applyEdge(&c.edges[i], docID, sign); err != nil {
			return err
		}
	}
	if sign < 0 {
		return w.del(docNodesKey(doc))
	}
	nodes := make([]string, 0, len(c.entities)+len(seen))
	for i := range c.entities {
		nodes = append(nodes, c.entities[i].id)
	}
	for id := range seen {
		nodes = append(nodes, id)
	}
	return w.txn.Set(docNodesKey(doc), docNodesValue(nodes))
}

func (w *writer) applyEntity(ec *entityContrib, doc id8, date string, sign int, res *Result) error {
	sid := graph.IDBytes(ec.id)
	ep, found, err := w.entityRec(sid)
	if err != nil {
		return err
	}
	var e graph.Entity
	if found {
		e = *ep
	}
	if !found {
		if sign < 0 {
			return nil // already gone
		}
		if _, ok := kindCodes[ec.de.Kind]; !ok || ec.de.Kind == graph.EventKind || ec.de.Kind == graph.DocumentKind {
			return fmt.Errorf("entity %q has no kind kg knows (%q)", ec.de.Name, ec.de.Kind)
		}
		e = graph.Entity{ID: ec.id, Kind: ec.de.Kind, Name: ec.de.Name}
		if k, ok, err := w.rule(typeRuleKey(sid)); err != nil {
			return err
		} else if ok {
			e.Kind = graph.Kind(k)
		}
		res.NewEntities++
	}
	fixedName, named, err := w.rule(nameRuleKey(sid))
	if err != nil {
		return err
	}
	if err := w.setMentions(sid, doc, date, ec.mentions, sign); err != nil {
		return err
	}
	e.Documents += sign
	e.Mentions += sign * len(ec.mentions)
	for _, m := range ec.mentions {
		f := strings.Join(strings.Fields(m.Text), " ")
		if f == "" {
			continue
		}
		if sign > 0 && e.AliasCount(f) == 0 && graph.NameKey(f) != graph.NameKey(e.Name) {
			if err := w.nameSet(e.Kind, graph.NameKey(f), sid, true); err != nil {
				return err
			}
		}
		addAlias(&e, f, sign)
	}
	if e.Mentions <= 0 || e.Documents <= 0 {
		return w.deleteEntity(&e)
	}
	if sign < 0 {
		// Aliases seen no more leave the name index.
		kept := e.Aliases[:0]
		for _, a := range e.Aliases {
			if a.Count > 0 {
				kept = append(kept, a)
				continue
			}
			if graph.NameKey(a.Name) != graph.NameKey(e.Name) && !hasAliasKey(e.Aliases, a.Name) {
				if err := w.nameSet(e.Kind, graph.NameKey(a.Name), sid, false); err != nil {
					return err
				}
			}
		}
		e.Aliases = kept
		if date != "" && (date == e.FirstSeen || date == e.LastSeen) {
			if err := w.recomputeSeen(&e, sid); err != nil {
				return err
			}
		}
	} else {
		oldName := e.Name
		for _, n := range ec.names {
			if moreComplete(n, e.Name) {
				e.Name = n
			}
		}
		if named {
			e.Name = fixedName
		}
		if !found || e.Name != oldName {
			if err := w.nameSet(e.Kind, graph.NameKey(e.Name), sid, true); err != nil {
				return err
			}
		}
		if e.Kind == graph.Person {
			if f := strings.Fields(graph.NameKey(e.Name)); len(f) >= 2 {
				if err := w.surnameSet(f[len(f)-1], sid, true); err != nil {
					return err
				}
			}
		}
		for k, v := range ec.de.Attrs {
			if e.Attrs == nil {
				e.Attrs = map[string]string{}
			}
			if _, ok := e.Attrs[k]; !ok {
				e.Attrs[k] = v
			}
		}
		if date != "" {
			if e.FirstSeen == "" || date < e.FirstSeen {
				e.FirstSeen = date
			}
			if date > e.LastSeen {
				e.LastSeen = date
			}
		}
	}
	sortAliases(e.Aliases)
	w.setRecord(entityKey(sid), &e)
	return nil
}

// hasAliasKey reports whether another alias with a positive count has the
// same name key as name (so the index key must stay).
func hasAliasKey(as []graph.Alias, name string) bool {
	k := graph.NameKey(name)
	for _, a := range as {
		if a.Count > 0 && a.Name != name && graph.NameKey(a.Name) == k {
			return true
		}
	}
	return false
}

// deleteEntity removes an entity no document mentions any more, with its
// name and surname index keys.
func (w *writer) deleteEntity(e *graph.Entity) error {
	sid := graph.IDBytes(e.ID)
	keys := map[string]bool{graph.NameKey(e.Name): true}
	for _, a := range e.Aliases {
		keys[graph.NameKey(a.Name)] = true
	}
	for k := range keys {
		if err := w.nameSet(e.Kind, k, sid, false); err != nil {
			return err
		}
	}
	if f := strings.Fields(graph.NameKey(e.Name)); e.Kind == graph.Person && len(f) >= 2 {
		if err := w.surnameSet(f[len(f)-1], sid, false); err != nil {
			return err
		}
	}
	w.setRecord(entityKey(sid), nil)
	return nil
}

// recomputeSeen sets first and last seen from the dates of the documents
// that still mention the entity.
func (w *writer) recomputeSeen(e *graph.Entity, id id8) error {
	e.FirstSeen, e.LastSeen = "", ""
	return scanValues(w.txn, cat([]byte(prefixMention), id[:]), func(k, v []byte) error {
		var rec mentionsRecord
		if err := decode(k, v, &rec); err != nil {
			return err
		}
		if rec.Date == "" {
			return nil
		}
		if e.FirstSeen == "" || rec.Date < e.FirstSeen {
			e.FirstSeen = rec.Date
		}
		if rec.Date > e.LastSeen {
			e.LastSeen = rec.Date
		}
		return nil
	})
}

// setMentions writes (sign +1) or deletes (sign -1) the mentions of a node
// in a document (apply writes the reverse index, the document's E: record).
func (w *writer) setMentions(node, doc id8, date string, ms []graph.Mention, sign int) error {
	key := mentionKey(node, doc)
	if sign < 0 {
		return w.del(key)
	}
	rec := mentionsRecord{Date: date, Mentions: make([]mentionRecord, 0, len(ms))}
	for _, m := range ms {
		rec.Mentions = append(rec.Mentions, mentionRecord{Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
	}
	return w.put(key, &rec)
}

func addAlias(e *graph.Entity, name string, n int) {
	for i := range e.Aliases {
		if e.Aliases[i].Name == name {
			e.Aliases[i].Count += n
			return
		}
	}
	if n > 0 {
		e.Aliases = append(e.Aliases, graph.Alias{Name: name, Count: n})
	}
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

func (w *writer) applyEvent(ec *eventContrib, doc id8, docID, date string, sign int, firstInDoc bool, res *Result) error {
	eid := graph.IDBytes(ec.id)
	evp, found, err := w.eventRec(eid)
	if err != nil {
		return err
	}
	var ev eventRecord
	if found {
		ev = *evp
	}
	if !found {
		if sign < 0 {
			return nil
		}
		de := ec.de
		ev = eventRecord{ID: ec.id, Type: de.Type, CAMEO: de.CAMEO, Label: de.Label, Date: de.Date}
		res.NewEvents++
	}
	if ec.place != "" {
		if ev.Place == "" && sign > 0 {
			ev.Place = ec.place
		}
		if ev.Place == ec.place {
			ev.PlaceCount += sign
			if ev.PlaceCount <= 0 {
				ev.Place, ev.PlaceCount = "", 0
			}
		}
	}
	for _, p := range ec.parts {
		i := -1
		for k, q := range ev.Participants {
			if q.ID == p.ID && q.Role == p.Role {
				i = k
			}
		}
		switch {
		case i < 0 && sign > 0:
			ev.Participants = append(ev.Participants, p)
		case i >= 0:
			ev.Participants[i].Count += sign * p.Count
			if ev.Participants[i].Count <= 0 {
				ev.Participants = append(ev.Participants[:i], ev.Participants[i+1:]...)
			}
		}
	}
	if sign > 0 {
		for _, e := range ec.de.Evidence {
			ev.Evidence = appendEvidence(ev.Evidence, e)
		}
	} else {
		ev.Evidence = dropEvidence(ev.Evidence, docID)
	}
	if firstInDoc {
		ev.Documents += sign
		var ms []graph.Mention
		for _, e := range ec.de.Evidence {
			ms = append(ms, graph.Mention{Sentence: e.Sentence, Start: e.Start, End: e.End})
		}
		if err := w.setMentions(eid, doc, date, ms, sign); err != nil {
			return err
		}
	} else if sign > 0 {
		// A second mention of the same event in this document.
		var rec mentionsRecord
		if _, err := w.get(mentionKey(eid, doc), &rec); err != nil {
			return err
		}
		for _, e := range ec.de.Evidence {
			rec.Mentions = append(rec.Mentions, mentionRecord{Sentence: e.Sentence, Start: e.Start, End: e.End})
		}
		if err := w.put(mentionKey(eid, doc), &rec); err != nil {
			return err
		}
	}
	if ev.Documents <= 0 {
		if err := w.del(dateKey(ev.Date, eid)); err != nil {
			return err
		}
		w.setRecord(eventKey(eid), nil)
		return nil
	}
	w.setRecord(eventKey(eid), &ev)
	if !found {
		return w.mark(dateKey(ev.Date, eid))
	}
	return nil
}

// appendEvidence adds a piece of evidence to a record's list, without its
// text (the document holds it; readers fill it in).
func appendEvidence(list []graph.Evidence, e graph.Evidence) []graph.Evidence {
	if len(list) >= graph.MaxEvidence {
		return list
	}
	for _, x := range list {
		if x.Document == e.Document && x.Sentence == e.Sentence {
			return list
		}
	}
	e.Text = ""
	return append(list, e)
}

func dropEvidence(list []graph.Evidence, doc string) []graph.Evidence {
	out := list[:0]
	for _, e := range list {
		if e.Document != doc {
			out = append(out, e)
		}
	}
	return out
}

func (w *writer) applyEdge(ec *edgeContrib, docID string, sign int) error {
	f, t := graph.IDBytes(ec.from), graph.IDBytes(ec.to)
	key := outKey(f, ec.t, ec.q, t)
	recp, found, err := w.edgeRec(key)
	if err != nil {
		return err
	}
	if !found && sign < 0 {
		return nil
	}
	var rec edgeRecord
	if found {
		rec = *recp
	}
	rec.Weight += float64(sign) * ec.weight
	if rec.Weight <= 1e-9 {
		w.setRecord(key, nil)
		if err := w.del(adjKey(f, ec.t, ec.q, t)); err != nil {
			return err
		}
		return w.del(inKey(t, ec.t, ec.q, f))
	}
	if sign > 0 {
		for _, e := range ec.evidence {
			rec.Evidence = appendEvidence(rec.Evidence, e)
		}
	} else {
		rec.Evidence = dropEvidence(rec.Evidence, docID)
	}
	w.setRecord(key, &rec)
	if !found {
		if err := w.mark(adjKey(f, ec.t, ec.q, t)); err != nil {
			return err
		}
		return w.mark(inKey(t, ec.t, ec.q, f))
	}
	return nil
}
