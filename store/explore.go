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

// Read methods for the web explorer (kg serve): name suggestions as an
// analyst types, and the mentions a document holds. They read the layout of
// keys.go and change nothing.

// SuggestEntities returns up to limit entities of the kinds (all entity kinds
// when none) with a name or alias whose graph.NameKey starts with the key of
// prefix, most mentioned first. When fewer than three are found and the key
// has at least three characters, names with a later word starting with it
// ("smirno" finds "Oleg Smirnovich") are added, scanning at most maxScan
// index keys (0: 200,000).
func (r *Reader) SuggestEntities(prefix string, kinds []graph.Kind, limit, maxScan int) ([]*graph.Entity, error) {
	key := graph.NameKey(prefix)
	if key == "" || limit <= 0 {
		return nil, nil
	}
	if len(kinds) == 0 {
		kinds = graph.EntityKinds
	}
	if maxScan <= 0 {
		maxScan = 200_000
	}
	seen := map[string]bool{}
	var ids []string
	// Each name key is followed by \x00 and the node id; stop collecting
	// ids after a generous number so a one-letter prefix stays cheap.
	const maxIDs = 400
	for _, k := range kinds {
		p := cat([]byte(prefixName+string(kindCodes[k])), []byte(key))
		err := scanKeys(r.txn, p, func(ik []byte) error {
			id := graph.FormatID(ik[len(ik)-8:])
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
			if len(ids) >= maxIDs {
				return errStopScan
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStopScan) {
			return nil, err
		}
	}
	if len(ids) < min(limit, 3) && len(key) >= 3 {
		scanned := 0
		for _, k := range kinds {
			p := []byte(prefixName + string(kindCodes[k]))
			err := scanKeys(r.txn, p, func(ik []byte) error {
				scanned++
				if scanned > maxScan || len(ids) >= maxIDs {
					return errStopScan
				}
				nk := string(ik[len(p) : len(ik)-9])
				if strings.Contains(nk, " "+key) {
					id := graph.FormatID(ik[len(ik)-8:])
					if !seen[id] {
						seen[id] = true
						ids = append(ids, id)
					}
				}
				return nil
			})
			if err != nil && !errors.Is(err, errStopScan) {
				return nil, err
			}
		}
	}
	out := make([]*graph.Entity, 0, len(ids))
	for _, id := range ids {
		e, err := r.Entity(id)
		if errors.Is(err, ErrNotFound) {
			continue // an index key left behind by a merge
		}
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// MentionsIn returns the mentions of a node in one document (nil when it
// has none there), and the document's date as the mention record keeps it.
func (r *Reader) MentionsIn(node, doc string) ([]graph.Mention, error) {
	nb, err := graph.ParseID(node)
	if err != nil {
		return nil, err
	}
	db, err := graph.ParseID(doc)
	if err != nil {
		return nil, err
	}
	var rec mentionsRecord
	if err := r.get(mentionKey(nb, db), &rec); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, nil
		}
		return nil, err
	}
	out := make([]graph.Mention, 0, len(rec.Mentions))
	for _, m := range rec.Mentions {
		out = append(out, graph.Mention{Entity: node, Sentence: m.Sentence, Start: m.Start, End: m.End, Text: m.Text})
	}
	return out, nil
}

// DocumentMentions returns every mention of an entity or event in a
// document, in text order.
func (r *Reader) DocumentMentions(doc string) ([]graph.Mention, error) {
	nodes, err := r.DocumentNodes(doc)
	if err != nil {
		return nil, err
	}
	var out []graph.Mention
	for _, n := range nodes {
		ms, err := r.MentionsIn(n, doc)
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	return out, nil
}

// EdgesAmong calls fn for every edge, of the types (every type but
// MENTIONED_IN when none), between two of the nodes ids, once each. It
// scans the nodes' out-adjacency keys (x:, no values) with one iterator
// and reads only the records of the edges between them, so a node
// with thousands of edges costs little when few of them are wanted.
// Evidence comes without its text (see FillEvidence).
func (r *Reader) EdgesAmong(ids []string, types []graph.EdgeType, fn func(graph.Edge) error) error {
	set := make(map[id8]bool, len(ids))
	for _, id := range ids {
		b, err := graph.ParseID(id)
		if err != nil {
			return err
		}
		set[b] = true
	}
	if len(types) == 0 {
		types = graph.EdgeTypes
	}
	var codes [256]bool
	for _, t := range types {
		if code, ok := edgeCodes[t]; ok && t != graph.MentionedIn {
			codes[code] = true
		}
	}
	it := r.txn.NewIterator(badger.IteratorOptions{PrefetchValues: false, Prefix: []byte(prefixAdj)})
	defer it.Close()
	type found struct {
		key []byte // the o: key
		rec edgeRecord
	}
	var edges []found
	for b := range set {
		prefix := cat([]byte(prefixAdj), b[:])
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			k := it.Item().Key()
			if len(k) < len(prefix)+1+1+8 || !codes[k[len(prefix)]] {
				continue
			}
			var to id8
			copy(to[:], k[len(k)-8:])
			if !set[to] || to == b {
				continue
			}
			f := found{key: cat([]byte(prefixOut), k[len(prefixAdj):])}
			if err := r.get(f.key, &f.rec); err != nil {
				return err
			}
			edges = append(edges, f)
		}
	}
	sort.Slice(edges, func(i, j int) bool { return bytes.Compare(edges[i].key, edges[j].key) < 0 })
	for _, f := range edges {
		from, et, q, to, ok := parseAdjacency(f.key)
		if !ok {
			return fmt.Errorf("bad edge key %q", printableKey(f.key))
		}
		if err := fn(graph.Edge{From: graph.FormatID(from[:]), To: graph.FormatID(to[:]), Type: et, Qualifier: q, Weight: f.rec.Weight, Evidence: f.rec.Evidence}); err != nil {
			return err
		}
	}
	return nil
}
