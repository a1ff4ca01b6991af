package store

import (
	"fmt"
	"testing"

	"kg/graph"
)

func TestRecordCacheGenerations(t *testing.T) {
	one := []byte("v")
	cost := 1 + len(one) + entryCost // a one-letter key with one
	c := newRecordCache(4 * cost)    // four such records a generation
	for _, k := range []string{"a", "b", "c", "d"} {
		c.put(k, one)
	}
	c.put("n", nil) // a record known to be absent
	if v, ok := c.get("n"); !ok || v != nil {
		t.Fatalf("get(n) = %v, %v; want a cached absence", v, ok)
	}
	// The first generation {a, b, c, d} is the old one now; a comes back.
	if v, ok := c.get("a"); !ok || string(v) != "v" {
		t.Fatalf("get(a) from the old generation = %q, %v", v, ok)
	}
	for _, k := range []string{"f", "g", "h"} {
		c.put(k, one)
	}
	// {n, a, f, g} filled up and is old; b, c, d went with their generation.
	for _, k := range []string{"b", "c", "d"} {
		if _, ok := c.get(k); ok {
			t.Errorf("%s outlived two generations", k)
		}
	}
	for _, k := range []string{"a", "f", "g", "h"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s forgotten", k)
		}
	}
	// A new value replaces the old one, and a record too large for the
	// cache is not kept, nor its old value.
	c.put("a", []byte("w"))
	if v, _ := c.get("a"); string(v) != "w" {
		t.Errorf("get(a) = %q after put(a, w)", v)
	}
	c.put("a", make([]byte, 2*cost))
	if _, ok := c.get("a"); ok {
		t.Error("a record larger than a quarter of the cache was kept")
	}
	if c.size > c.max {
		t.Errorf("generation of %d bytes, at most %d", c.size, c.max)
	}
	c.clear()
	if _, ok := c.get("h"); ok {
		t.Fatal("h survived clear")
	}
	var none *recordCache
	none.put("x", one)
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
			s.records = newRecordCache(2 << 10)
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
