package store

import (
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

func TestCheckAndRepair(t *testing.T) {
	s, _ := openTemp(t)
	defer s.Close()
	var ds []*graph.Delta
	for _, c := range corpus {
		ds = append(ds, doc(c.text, c.date))
	}
	if _, err := s.Apply(ds); err != nil {
		t.Fatal(err)
	}
	// Curation keeps the store consistent.
	russia, syria := entityNamed(t, s, "Russia"), entityNamed(t, s, "Syria")
	if _, err := s.Merge(russia.ID, syria.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Split(russia.ID, "Syria"); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check(false)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Documents != 4 || rep.Entities == 0 || rep.Edges == 0 {
		t.Fatalf("check of a good store: %+v", rep)
	}
	clean := snapshot(t, s)

	// Damage it: an entity gone, a weight changed, an index key too many.
	putin := entityNamed(t, s, "Putin")
	hollande := entityNamed(t, s, "Hollande")
	err = s.db.Update(func(txn *badger.Txn) error {
		if err := txn.Delete(entityKey(graph.IDBytes(putin.ID))); err != nil {
			return err
		}
		a, b := putin.ID, hollande.ID
		if b < a {
			a, b = b, a
		}
		k := outKey(graph.IDBytes(a), graph.CoOccursWith, "", graph.IDBytes(b))
		if err := txn.Set(k, []byte(`{"w":99}`)); err != nil {
			return err
		}
		// Traversals read the out-adjacency from x: keys: one gone.
		if err := txn.Delete(adjKey(graph.IDBytes(a), graph.CoOccursWith, "", graph.IDBytes(b))); err != nil {
			return err
		}
		return txn.Set(nameIndexKey(graph.Person, "nobody", graph.IDBytes(putin.ID)), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err = s.Check(false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Problems < 3 {
		t.Fatalf("check of a damaged store found %d problems: %+v", rep.Problems, rep.Examples)
	}
	kinds := map[string]bool{}
	for _, p := range rep.Examples {
		kinds[p.What] = true
		if strings.HasPrefix(p.Key, prefixAdj) {
			kinds["adjacency "+p.What] = true
		}
	}
	if !kinds["missing"] || !kinds["differs"] || !kinds["unexpected"] || !kinds["dangling"] || !kinds["adjacency missing"] {
		t.Errorf("problems found: %+v", rep.Examples)
	}
	rep, err = s.Check(true)
	if err != nil || !rep.Repaired {
		t.Fatalf("repair: %+v %v", rep, err)
	}
	rep, err = s.Check(false)
	if err != nil || !rep.OK() {
		t.Fatalf("after repair: %+v %v", rep, err)
	}
	if got := snapshot(t, s); got != clean {
		t.Errorf("repair did not restore the store:\nwant:\n%s\ngot:\n%s", clean, got)
	}
}
