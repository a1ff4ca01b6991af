package store

import (
	"fmt"
	"testing"

	"kg/graph"
)

func TestRecordCacheGenerations(t *testing.T) {
	c := newRecordCache(2)
	c.put("a", []byte("1"))
	c.put("b", nil)
	if v, ok := c.get("b"); !ok || v != nil {
		t.Fatalf("get(b) = %v, %v; want a cached absence", v, ok)
	}
	c.put("c", []byte("3")) // cur full: {a, b} becomes the old generation
	if v, ok := c.get("a"); !ok || string(v) != "1" {
		t.Fatalf("get(a) from the old generation = %v, %v", v, ok)
	}
	c.put("d", []byte("4")) // {c, a} becomes old, b is forgotten
	if _, ok := c.get("b"); ok {
		t.Fatal("b outlived two generations")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s forgotten", k)
		}
	}
	c.clear()
	if _, ok := c.get("d"); ok {
		t.Fatal("d survived clear")
	}
	var none *recordCache
	none.put("x", []byte("1"))
	if _, ok := none.get("x"); ok {
		t.Fatal("a nil cache knows a record")
	}
}

// TestRecordCacheAcrossBatches applies documents one batch at a time, with
// curation and a removal in between, and checks that the store is the one
// a writer without the cache makes, and that every record agrees with the
// documents.
func TestRecordCacheAcrossBatches(t *testing.T) {
	build := func(cache bool) (*Store, string) {
		s, _ := openTemp(t)
		if !cache {
			s.records = nil
		} else {
			// Small generations, so records also leave the cache.
			s.records = newRecordCache(4)
		}
		apply := func(ds ...*graph.Delta) {
			t.Helper()
			if _, err := s.Apply(ds); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range corpus {
			apply(doc(c.text, c.date))
			if i == 1 {
				russia, syria := entityNamed(t, s, "Russia"), entityNamed(t, s, "Syria")
				if _, err := s.Merge(russia.ID, syria.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		for i := range 6 {
			c := corpus[i%len(corpus)]
			apply(doc(c.text+fmt.Sprintf("Copy %d. ", i), c.date), doc(c.text+fmt.Sprintf("Other copy %d. ", i), c.date))
		}
		if _, err := s.Split(entityNamed(t, s, "Russia").ID, "Syria"); err != nil {
			t.Fatal(err)
		}
		c := corpus[0]
		apply(doc(c.text+"Last. ", c.date))
		rep, err := s.Check(false)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() {
			t.Fatalf("check with cache=%v: %+v", cache, rep)
		}
		return s, snapshot(t, s)
	}
	with, a := build(true)
	defer with.Close()
	without, b := build(false)
	defer without.Close()
	if a != b {
		t.Errorf("store written with the record cache differs from one written without:\nwith:\n%s\nwithout:\n%s", a, b)
	}
}
