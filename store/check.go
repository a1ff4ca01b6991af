package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

// Checking a store: every derived record (entities, events, edges,
// mentions and every index) must be exactly what replaying the stored
// documents' contributions, in ingest order, produces. Check replays them
// into a scratch store and compares; Repair replaces the derived records
// with the replay.

// derivedPrefixes are the key prefixes that replaying documents rebuilds.
var derivedPrefixes = []string{prefixEntity, prefixEvent, prefixName, prefixDate, prefixOut, prefixAdj, prefixIn, prefixMention, prefixDocNodes, prefixSurname}

// Problem is one disagreement between the store and its documents.
type Problem struct {
	What   string `json:"what"` // missing, unexpected, differs, dangling, ...
	Key    string `json:"key"`
	Detail string `json:"detail,omitempty"`
}

// CheckReport is what Check found.
type CheckReport struct {
	SchemaVersion int       `json:"schema_version"`
	Documents     int       `json:"documents"`
	Entities      int       `json:"entities"`
	Events        int       `json:"events"`
	Edges         int       `json:"edges"`
	Problems      int       `json:"problems"`
	Examples      []Problem `json:"examples"` // the first problems found
	Repaired      bool      `json:"repaired"`
}

// OK reports a store without problems.
func (r *CheckReport) OK() bool { return r.Problems == 0 }

const maxExamples = 50

func (r *CheckReport) add(p Problem) {
	r.Problems++
	if len(r.Examples) < maxExamples {
		r.Examples = append(r.Examples, p)
	}
}

// Check verifies the store: the records of every document are there, every
// edge's ends exist, and entities, events, edges, mentions and indexes are
// exactly what the documents contributed. With repair, the derived records
// are rebuilt from the documents when they are not.
func (s *Store) Check(repair bool) (*CheckReport, error) {
	if repair && s.readOnly {
		return nil, errors.New("store is open read-only: repair needs it writable")
	}
	rep := &CheckReport{SchemaVersion: SchemaVersion, Examples: []Problem{}}
	scratchDir, err := os.MkdirTemp("", "kg-check-")
	if err != nil {
		return nil, fmt.Errorf("check: scratch store: %w", err)
	}
	defer os.RemoveAll(scratchDir)
	scratch, err := badger.Open(badger.DefaultOptions(scratchDir).WithLogger(nil).
		WithMemTableSize(16 << 20).WithNumMemtables(2).WithBlockCacheSize(16 << 20))
	if err != nil {
		return nil, fmt.Errorf("check: scratch store: %w", err)
	}
	defer scratch.Close()

	if err := s.replay(scratch, rep); err != nil {
		return nil, err
	}
	if err := s.compare(scratch, rep); err != nil {
		return nil, err
	}
	if err := s.checkEdges(rep); err != nil {
		return nil, err
	}
	if repair && !rep.OK() {
		if err := s.rebuild(scratch); err != nil {
			return nil, err
		}
		rep.Repaired = true
	}
	return rep, nil
}

type docSeq struct {
	id  id8
	seq uint64
}

// replay applies every document's contribution, in ingest order, to the
// scratch store, with the store's curation rules.
func (s *Store) replay(scratch *badger.DB, rep *CheckReport) error {
	var docs []docSeq
	err := s.db.View(func(txn *badger.Txn) error {
		if err := scanValues(txn, []byte(prefixDoc), func(k, v []byte) error {
			var rec docRecord
			if err := decode(k, v, &rec); err != nil {
				return err
			}
			var id id8
			copy(id[:], k[len(prefixDoc):])
			docs = append(docs, docSeq{id, rec.Seq})
			return nil
		}); err != nil {
			return err
		}
		// The rules, for the writer to follow as it did.
		wb := scratch.NewWriteBatch()
		defer wb.Cancel()
		if err := scanValues(txn, []byte(prefixRule), func(k, v []byte) error {
			return wb.Set(bytes.Clone(k), bytes.Clone(v))
		}); err != nil {
			return err
		}
		return wb.Flush()
	})
	if err != nil {
		return fmt.Errorf("check: read documents: %w", err)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].seq < docs[j].seq })
	rep.Documents = len(docs)

	// Replay in transactions of up to 64 documents, fewer when a
	// transaction would be too big for badger.
	chunk := 64
	for i := 0; i < len(docs); {
		n := min(chunk, len(docs)-i)
		err := s.replayChunk(scratch, docs[i:i+n], rep)
		if errors.Is(err, badger.ErrTxnTooBig) && n > 1 {
			chunk = max(1, n/2)
			continue
		}
		if err != nil {
			return fmt.Errorf("check: replay documents: %w", err)
		}
		i += n
	}
	return nil
}

func (s *Store) replayChunk(scratch *badger.DB, docs []docSeq, rep *CheckReport) error {
	stxn := scratch.NewTransaction(true)
	defer stxn.Discard()
	var problems []Problem
	err := s.db.View(func(txn *badger.Txn) error {
		src := &writer{txn: txn}
		dst := &writer{txn: stxn}
		for _, ds := range docs {
			d, remap, _, err := src.applied(ds.id)
			if err != nil {
				problems = append(problems, Problem{What: "missing", Key: printableKey(appliedKey(ds.id)), Detail: err.Error()})
				continue
			}
			if err := dst.apply(contributions(d, remap), ds.id, d.Document.DateString(), +1, &Result{}); err != nil {
				return err
			}
		}
		return dst.flush()
	})
	if err == nil {
		err = stxn.Commit()
	}
	if err == nil {
		for _, p := range problems {
			rep.add(p)
		}
	}
	return err
}

// compare walks the derived records of the store and of the replay side by
// side.
func (s *Store) compare(scratch *badger.DB, rep *CheckReport) error {
	return s.db.View(func(txn *badger.Txn) error {
		return scratch.View(func(stxn *badger.Txn) error {
			for _, p := range derivedPrefixes {
				if err := compareRange(txn, stxn, []byte(p), rep); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

func compareRange(have, want *badger.Txn, prefix []byte, rep *CheckReport) error {
	opts := badger.IteratorOptions{PrefetchValues: false, Prefix: prefix}
	hi, wi := have.NewIterator(opts), want.NewIterator(opts)
	defer hi.Close()
	defer wi.Close()
	hi.Seek(prefix)
	wi.Seek(prefix)
	for hi.ValidForPrefix(prefix) || wi.ValidForPrefix(prefix) {
		var hk, wk []byte
		if hi.ValidForPrefix(prefix) {
			hk = hi.Item().Key()
		}
		if wi.ValidForPrefix(prefix) {
			wk = wi.Item().Key()
		}
		switch c := compareKeys(hk, wk); {
		case c < 0:
			rep.add(Problem{What: "unexpected", Key: printableKey(hk), Detail: "no document contributed it"})
			hi.Next()
		case c > 0:
			rep.add(Problem{What: "missing", Key: printableKey(wk), Detail: "a document contributed it"})
			wi.Next()
		default:
			hv, err := hi.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			wv, err := wi.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			switch prefix[0] {
			case prefixEntity[0]:
				countRecord(rep, &rep.Entities)
			case prefixEvent[0]:
				countRecord(rep, &rep.Events)
			case prefixOut[0]:
				countRecord(rep, &rep.Edges)
			}
			if d := differs(prefix, hk, hv, wv); d != "" {
				rep.add(Problem{What: "differs", Key: printableKey(hk), Detail: d})
			}
			hi.Next()
			wi.Next()
		}
	}
	return nil
}

func countRecord(_ *CheckReport, n *int) { *n++ }

// compareKeys orders keys with nil (an exhausted iterator) last.
func compareKeys(a, b []byte) int {
	switch {
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return bytes.Compare(a, b)
}

// differs compares what counts in a record: counts, aliases, participants
// and weights. Names, labels and the choice of evidence may depend on the
// order documents came in and were curated, so they are not compared.
func differs(prefix, key, have, want []byte) string {
	switch prefix[0] {
	case prefixEntity[0]:
		var h, w graph.Entity
		if err := decodeBoth(key, have, want, &h, &w); err != "" {
			return err
		}
		if h.Kind != w.Kind || h.Mentions != w.Mentions || h.Documents != w.Documents || h.FirstSeen != w.FirstSeen || h.LastSeen != w.LastSeen {
			return fmt.Sprintf("%s %q: %s, %d mentions in %d documents, seen %s..%s; the documents give %s, %d in %d, %s..%s",
				h.Kind, h.Name, h.Kind, h.Mentions, h.Documents, h.FirstSeen, h.LastSeen, w.Kind, w.Mentions, w.Documents, w.FirstSeen, w.LastSeen)
		}
		if aliasCounts(h.Aliases) != aliasCounts(w.Aliases) {
			return fmt.Sprintf("aliases %s; the documents give %s", aliasCounts(h.Aliases), aliasCounts(w.Aliases))
		}
	case prefixEvent[0]:
		var h, w eventRecord
		if err := decodeBoth(key, have, want, &h, &w); err != "" {
			return err
		}
		if h.Documents != w.Documents || h.Place != w.Place || participantCounts(h.Participants) != participantCounts(w.Participants) || h.Type != w.Type || h.Date != w.Date {
			return fmt.Sprintf("event %q: %d documents, participants %s; the documents give %d, %s",
				h.Label, h.Documents, participantCounts(h.Participants), w.Documents, participantCounts(w.Participants))
		}
	case prefixOut[0]:
		var h, w edgeRecord
		if err := decodeBoth(key, have, want, &h, &w); err != "" {
			return err
		}
		if h.Weight != w.Weight {
			return fmt.Sprintf("weight %g; the documents give %g", h.Weight, w.Weight)
		}
	case prefixDocNodes[0]:
		if !bytes.Equal(have, want) {
			return fmt.Sprintf("%d nodes; the documents give %d", len(have)/8, len(want)/8)
		}
	case prefixMention[0]:
		var h, w mentionsRecord
		if err := decodeBoth(key, have, want, &h, &w); err != "" {
			return err
		}
		if len(h.Mentions) != len(w.Mentions) || h.Date != w.Date {
			return fmt.Sprintf("%d mentions; the documents give %d", len(h.Mentions), len(w.Mentions))
		}
	}
	return ""
}

func decodeBoth(key, have, want []byte, h, w any) string {
	if err := decode(key, have, h); err != nil {
		return err.Error()
	}
	if err := decode(key, want, w); err != nil {
		return err.Error()
	}
	return ""
}

func aliasCounts(as []graph.Alias) string {
	s := make([]string, 0, len(as))
	for _, a := range as {
		s = append(s, fmt.Sprintf("%s=%d", a.Name, a.Count))
	}
	sort.Strings(s)
	return fmt.Sprint(s)
}

func participantCounts(ps []participant) string {
	s := make([]string, 0, len(ps))
	for _, p := range ps {
		s = append(s, fmt.Sprintf("%s/%s=%d", p.ID, p.Role, p.Count))
	}
	sort.Strings(s)
	return fmt.Sprint(s)
}

// checkEdges verifies that every edge's ends exist.
func (s *Store) checkEdges(rep *CheckReport) error {
	return s.db.View(func(txn *badger.Txn) error {
		w := &writer{txn: txn}
		node := func(id id8) (bool, error) {
			if ok, err := w.exists(entityKey(id)); err != nil || ok {
				return ok, err
			}
			return w.exists(eventKey(id))
		}
		return scanKeys(txn, []byte(prefixOut), func(k []byte) error {
			from, t, _, to, ok := parseAdjacency(k)
			if !ok {
				rep.add(Problem{What: "malformed", Key: printableKey(k)})
				return nil
			}
			for _, end := range []id8{from, to} {
				ok, err := node(end)
				if err != nil {
					return err
				}
				if !ok {
					rep.add(Problem{What: "dangling", Key: printableKey(k), Detail: fmt.Sprintf("%s edge to a node that does not exist: %s", t, graph.FormatID(end[:]))})
				}
			}
			return nil
		})
	})
}

// rebuild replaces the store's derived records with the replay's.
func (s *Store) rebuild(scratch *badger.DB) error {
	s.records.clear() // the ingest writer's records are about to change
	for _, p := range derivedPrefixes {
		if err := s.db.DropPrefix([]byte(p)); err != nil {
			return fmt.Errorf("repair: drop %s: %w", p, err)
		}
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	err := scratch.View(func(stxn *badger.Txn) error {
		for _, p := range derivedPrefixes {
			if err := scanValues(stxn, []byte(p), func(k, v []byte) error {
				return wb.Set(bytes.Clone(k), bytes.Clone(v))
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("repair: %w", err)
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("repair: write: %w", err)
	}
	return nil
}
