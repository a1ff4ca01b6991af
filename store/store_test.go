package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

// testDelta builds a small document: Putin (person) in Moscow (place), an
// attack event with Russia as agent in Syria.
func testDelta(text string, date string) *graph.Delta {
	doc := graph.Document{ID: graph.DocumentID(text), Text: text, Source: "test"}
	if date != "" {
		doc.Published, _ = time.Parse(time.DateOnly, date)
	}
	ent := func(kind graph.Kind, name string) graph.DeltaEntity {
		key := graph.NameKey(name)
		return graph.DeltaEntity{ID: graph.EntityID(kind, key), Kind: kind, Key: key, Name: name}
	}
	putin, russia, syria := ent(graph.Person, "Vladimir Putin"), ent(graph.Place, "Russia"), ent(graph.Place, "Syria")
	ev := graph.Evidence{Document: doc.ID, Sentence: 0, Start: 0, End: len(text), Text: text}
	return &graph.Delta{
		Document:  doc,
		Sentences: []graph.Span{{Start: 0, End: len(text)}},
		Entities:  []graph.DeltaEntity{putin, russia, syria},
		Mentions: []graph.Mention{
			{Entity: putin.ID, Start: 0, End: 5, Text: "Putin"},
			{Entity: russia.ID, Start: 10, End: 16, Text: "Russia"},
			{Entity: syria.ID, Start: 20, End: 25, Text: "Syria"},
			{Entity: putin.ID, Start: 30, End: 44, Text: "Vladimir Putin"},
		},
		Events: []graph.DeltaEvent{{
			Type: "attack", CAMEO: "19", Label: "Russia airstrikes in Syria", Date: "2015-09-30", Place: syria.ID,
			Participants: []graph.DeltaParticipant{{Entity: russia.ID, Role: graph.RoleAgent}},
			Evidence:     []graph.Evidence{ev},
		}},
		Relations: []graph.DeltaRelation{{From: putin.ID, To: russia.ID, Type: graph.CoOccursWith, Weight: 1, Evidence: []graph.Evidence{ev}}},
	}
}

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestApplyAndRead(t *testing.T) {
	s, dir := openTemp(t)
	d1 := testDelta("Putin said Russia will strike Syria. Vladimir Putin spoke.", "2015-10-01")
	d2 := testDelta("Putin again: Russia and Syria, said Vladimir Putin today.", "2015-10-02")
	res, err := s.Apply([]*graph.Delta{d1, d2, d1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 || res[0].Duplicate || res[1].Duplicate || !res[2].Duplicate {
		t.Fatalf("results = %+v, want the third a duplicate", res)
	}
	if res[0].NewEntities != 3 || res[1].NewEntities != 0 || res[0].NewEvents != 1 || res[1].NewEvents != 0 {
		t.Errorf("new counts = %+v", res)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := s.Reader()
	defer r.Close()

	st, err := r.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Entities != 3 || st.Events != 1 || st.EntitiesByKind["place"] != 2 {
		t.Errorf("stats = %+v", st)
	}
	for _, name := range []string{"Putin", "putin", "Vladimir Putin", "VLADIMIR PUTIN"} {
		es, err := r.FindEntities(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0].Name != "Vladimir Putin" {
			t.Fatalf("FindEntities(%q) = %v", name, es)
		}
		e := es[0]
		if e.Mentions != 4 || e.Documents != 2 || e.AliasCount("Putin") != 2 || e.FirstSeen != "2015-10-01" || e.LastSeen != "2015-10-02" {
			t.Errorf("Putin = %+v", e)
		}
	}
	var evs []*graph.Event
	if err := r.Events(EventFilter{From: "2015-09", To: "2015-09-30"}, func(e *graph.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Documents != 2 || evs[0].Place == nil || evs[0].Place.Name != "Syria" ||
		len(evs[0].Participants) != 1 || evs[0].Participants[0].Name != "Russia" || len(evs[0].Evidence) != 2 {
		t.Fatalf("events = %+v", evs)
	}
	evs = nil
	if err := r.Events(EventFilter{From: "2015-10-01"}, func(e *graph.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(evs) != 0 {
		t.Errorf("events from 2015-10-01 = %d, want 0", len(evs))
	}
	russia, _ := r.FindEntities("Russia")
	edges, err := r.Edges(russia[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range edges {
		types = append(types, string(e.Type))
		if e.Type == graph.CoOccursWith && e.Weight != 2 {
			t.Errorf("co-occurrence weight = %v, want 2", e.Weight)
		}
	}
	if got := strings.Join(types, ","); !strings.Contains(got, "PARTICIPANT_IN") || !strings.Contains(got, "CO_OCCURS_WITH") {
		t.Errorf("edge types of Russia = %s", got)
	}
	sub, reached, err := r.Subgraph(SubgraphOptions{Center: []string{russia[0].ID}, Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Entities) != 3 || len(sub.Events) != 1 || len(reached) != 4 {
		t.Errorf("subgraph: %d entities, %d events, %d reached", len(sub.Entities), len(sub.Events), len(reached))
	}
	// MaxNodes stops the walk: the nodes reached are the first ones of the
	// whole walk, and the edges those among them.
	small, first, err := r.Subgraph(SubgraphOptions{Center: []string{russia[0].ID}, Depth: 2, MaxNodes: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 3 || !reflect.DeepEqual(first, reached[:3]) {
		t.Errorf("with MaxNodes 3: reached %v, want %v", first, reached[:3])
	}
	kept := map[string]bool{}
	for _, n := range first {
		kept[n.ID] = true
	}
	want := 0
	for _, e := range sub.Edges {
		if kept[e.From] && kept[e.To] {
			want++
		}
	}
	if len(small.Edges) != want || want == 0 {
		t.Errorf("with MaxNodes 3: %d edges, want the %d among the nodes reached", len(small.Edges), want)
	}
	for _, e := range small.Edges {
		if !kept[e.From] || !kept[e.To] {
			t.Errorf("with MaxNodes 3: edge %s %s %s leaves the nodes reached", e.From, e.Type, e.To)
		}
	}
}

func TestSecondWriterIsRefused(t *testing.T) {
	s, dir := openTemp(t)
	defer s.Close()
	_, err := Open(dir, Options{})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
	if !strings.Contains(err.Error(), "pid") {
		t.Errorf("error does not name the process: %v", err)
	}
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrInUse) {
		t.Errorf("read-only open while writing: %v, want ErrInUse", err)
	}
}

func TestOpenErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none")
	if _, err := Open(missing, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "kg ingest") {
		t.Errorf("read-only open of a missing store: %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("read-only open created %s", missing)
	}

	// A store of another schema version is refused with a clear message.
	dir := filepath.Join(t.TempDir(), "old")
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keySchema), []byte("0")) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, ro := range []bool{false, true} {
		if _, err := Open(dir, Options{ReadOnly: ro}); err == nil || !strings.Contains(err.Error(), "schema version 0") {
			t.Errorf("open (read-only %v) of a version-0 store: %v", ro, err)
		}
	}
}

func TestAdjacencyKeyRoundTrip(t *testing.T) {
	a, b := graph.IDBytes("0123456789abcdef"), graph.IDBytes("fedcba9876543210")
	for _, tc := range []struct {
		t graph.EdgeType
		q string
	}{{graph.ParticipantIn, "agent"}, {graph.RelatedTo, "mayor_of"}, {graph.CoOccursWith, ""}, {graph.OccurredIn, "a\x00b"}} {
		near, typ, q, far, ok := parseAdjacency(outKey(a, tc.t, tc.q, b))
		if !ok || near != a || far != b || typ != tc.t || q != cleanQualifier(tc.q) {
			t.Errorf("round trip of %v %q: %v %v %q %v", tc.t, tc.q, ok, typ, q, far)
		}
	}
}

// TestOpenAfterKilledMemtable opens, read-only and for writing, a store
// whose writer was killed while it created a memtable file (the file
// exists, empty): badger cannot open such a store, so Open removes the
// empty file first (under badger's lock) and recovers the store.
func TestOpenAfterKilledMemtable(t *testing.T) {
	for _, readOnly := range []bool{true, false} {
		s, dir := openTemp(t)
		if _, err := s.Apply([]*graph.Delta{testDelta("Putin said Russia will strike Syria.", "2015-10-01")}); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "00009.mem"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(dir, Options{ReadOnly: readOnly})
		if err != nil {
			t.Fatalf("open (read-only %v) after a killed memtable creation: %v", readOnly, err)
		}
		if e := entityNamed(t, s, "Vladimir Putin"); e.Mentions == 0 {
			t.Errorf("the store lost its data: %+v", e)
		}
		s.Close()
	}
}

// TestEmptyMemtableOfAWriterIsKept checks that removeEmptyMemtables leaves
// alone a store another writer holds.
func TestEmptyMemtableOfAWriterIsKept(t *testing.T) {
	s, dir := openTemp(t)
	defer s.Close()
	empty := filepath.Join(dir, "00009.mem")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := removeEmptyMemtables(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(empty); err != nil {
		t.Errorf("removed a memtable file of a store in use: %v", err)
	}
	os.Remove(empty)
}
