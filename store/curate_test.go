package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"kg/graph"
)

// doc builds a delta from a text where [Name|kind] marks a mention; the
// same name in one document is one entity. Every sentence (split on ". ")
// gets co-occurrence relations, and "attacked" makes an attack event with
// the entity before it as agent and the one after as target.
func doc(text, date string) *graph.Delta {
	var plain strings.Builder
	type mark struct {
		name       string
		kind       graph.Kind
		start, end int
	}
	var marks []mark
	for {
		i := strings.Index(text, "[")
		if i < 0 {
			plain.WriteString(text)
			break
		}
		j := strings.Index(text[i:], "]") + i
		plain.WriteString(text[:i])
		name, kind, _ := strings.Cut(text[i+1:j], "|")
		start := plain.Len()
		plain.WriteString(name)
		marks = append(marks, mark{name, graph.Kind(kind), start, plain.Len()})
		text = text[j+1:]
	}
	body := plain.String()
	d := &graph.Delta{Document: graph.Document{ID: graph.DocumentID(body), Text: body, Source: "test"}}
	if date != "" {
		d.Document.Published, _ = time.Parse(time.DateOnly, date)
	}
	// sentences
	start := 0
	for start < len(body) {
		end := strings.Index(body[start:], ". ")
		if end < 0 {
			end = len(body)
		} else {
			end += start + 1
		}
		d.Sentences = append(d.Sentences, graph.Span{Start: start, End: end})
		start = end + 1
	}
	sentOf := func(pos int) int {
		for i, s := range d.Sentences {
			if pos >= s.Start && pos < s.End {
				return i
			}
		}
		return len(d.Sentences) - 1
	}
	ids := map[string]string{}
	bySent := map[int][]string{}
	for _, m := range marks {
		key := graph.NameKey(m.name)
		id := ids[m.name]
		if id == "" {
			// A lone surname is the full name seen in the document.
			for other, oid := range ids {
				if strings.HasSuffix(other, " "+m.name) {
					id = oid
				}
			}
		}
		if id == "" {
			id = graph.EntityID(m.kind, key)
			ids[m.name] = id
			d.Entities = append(d.Entities, graph.DeltaEntity{ID: id, Kind: m.kind, Key: key, Name: m.name})
		}
		s := sentOf(m.start)
		d.Mentions = append(d.Mentions, graph.Mention{Entity: id, Sentence: s, Start: m.start, End: m.end, Text: m.name})
		bySent[s] = append(bySent[s], id)
	}
	for s := range d.Sentences { // in order: the deltas are the same every run
		list := bySent[s]
		sp := d.Sentences[s]
		ev := graph.Evidence{Document: d.Document.ID, Sentence: s, Start: sp.Start, End: sp.End, Text: body[sp.Start:sp.End]}
		for a := 0; a < len(list); a++ {
			for b := a + 1; b < len(list); b++ {
				if list[a] != list[b] {
					d.Relations = append(d.Relations, graph.DeltaRelation{From: list[a], To: list[b], Type: graph.CoOccursWith, Weight: 1, Evidence: []graph.Evidence{ev}})
				}
			}
		}
		if i := strings.Index(body[sp.Start:sp.End], "attacked"); i >= 0 && len(list) >= 2 {
			d.Events = append(d.Events, graph.DeltaEvent{Type: "attack", Label: "attack", Date: date,
				Participants: []graph.DeltaParticipant{{Entity: list[0], Role: graph.RoleAgent}, {Entity: list[1], Role: graph.RoleTarget}},
				Evidence:     []graph.Evidence{ev}})
		}
	}
	return d
}

// snapshot is every key and value of the store but the sequence counter
// and the records of what documents contributed.
func snapshot(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			if string(k) == keySeq || strings.HasPrefix(string(k), prefixApplied) || strings.HasPrefix(string(k), prefixDoc) {
				continue
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s = %s\n", printableKey(k), v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var corpus = []struct{ text, date string }{
	{"[Vladimir Putin|person] met [Francois Hollande|person] in [Moscow|place]. [Putin|person] spoke of [Syria|place]. ", "2015-11-26"},
	{"[Russia|place] attacked [Islamic State|organization] in [Syria|place]. [Putin|person] said so. ", "2015-09-30"},
	{"[Hollande|person] met [Barack Obama|person]. [Obama|person] spoke with [Hollande|person] in [Washington|place]. ", "2015-11-24"},
	{"[Turkey|place] attacked [Russia|place] near [Syria|place]. [Recep Tayyip Erdogan|person] spoke. ", "2015-11-24"},
}

func TestRemoveIsExact(t *testing.T) {
	s, _ := openTemp(t)
	defer s.Close()
	var ds []*graph.Delta
	for _, c := range corpus {
		ds = append(ds, doc(c.text, c.date))
	}
	if _, err := s.Apply(ds[:2]); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	if _, err := s.Apply(ds[2:]); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		w := &writer{txn: txn}
		for _, d := range ds[2:] {
			if err := w.remove(graph.IDBytes(d.Document.ID)); err != nil {
				return err
			}
		}
		return w.flush()
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("taking documents out does not restore the store:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func entityNamed(t *testing.T, s *Store, name string) *graph.Entity {
	t.Helper()
	r := s.Reader()
	defer r.Close()
	es, err := r.FindEntities(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		return nil
	}
	return es[0]
}

func TestCuration(t *testing.T) {
	s, dir := openTemp(t)
	var ds []*graph.Delta
	for _, c := range corpus {
		ds = append(ds, doc(c.text, c.date))
	}
	if _, err := s.Apply(ds); err != nil {
		t.Fatal(err)
	}
	// Cross-document: "Hollande" alone joined "Francois Hollande" by surname.
	hollande := entityNamed(t, s, "Hollande")
	if hollande == nil || hollande.Name != "Francois Hollande" || hollande.Documents != 2 || hollande.Mentions != 3 {
		t.Fatalf("Hollande = %+v, want Francois Hollande in 2 documents", hollande)
	}

	// Merge: Turkey and Recep Tayyip Erdogan are two places... retype first.
	erdogan := entityNamed(t, s, "Erdogan")
	turkey := entityNamed(t, s, "Turkey")
	if _, err := s.Merge(turkey.ID, erdogan.ID); err == nil || !strings.Contains(err.Error(), "retype") {
		t.Errorf("merging a person into a place: %v", err)
	}

	// Retype Moscow to an organization and back.
	moscow := entityNamed(t, s, "Moscow")
	if _, err := s.Retype(moscow.ID, graph.Organization); err != nil {
		t.Fatal(err)
	}
	if e := entityNamed(t, s, "Moscow"); e == nil || e.Kind != graph.Organization || e.ID != moscow.ID {
		t.Errorf("after retype: %+v", e)
	}

	// Rename.
	if _, err := s.Rename(hollande.ID, "François Hollande"); err != nil {
		t.Fatal(err)
	}
	if e := entityNamed(t, s, "François Hollande"); e == nil || e.ID != hollande.ID {
		t.Errorf("after rename: %+v", e)
	}

	// Merge Russia into Islamic State? No: merge Syria into Russia (same kind).
	russia, syria := entityNamed(t, s, "Russia"), entityNamed(t, s, "Syria")
	res, err := s.Merge(russia.ID, syria.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reresolved != 3 || !res.Unmentioned {
		t.Errorf("merge: %+v", res)
	}
	merged := entityNamed(t, s, "Syria")
	if merged == nil || merged.ID != russia.ID || merged.AliasCount("Syria") != 3 || merged.Documents != 3 {
		t.Errorf("Syria after merge = %+v", merged)
	}
	r := s.Reader()
	if e, err := r.FindEntities(syria.ID); err != nil || len(e) != 1 || e[0].ID != russia.ID {
		t.Errorf("old id after merge: %v %v", e, err)
	}
	edges, err := r.Edges(russia.ID)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edges {
		if e.From == e.To {
			t.Errorf("self loop after merge: %+v", e)
		}
	}

	// Split the alias back out.
	sp, err := s.Split(russia.ID, "Syria")
	if err != nil {
		t.Fatal(err)
	}
	if e := entityNamed(t, s, "Russia"); e.AliasCount("Syria") != 0 {
		t.Errorf("Russia still has alias Syria: %+v", e)
	}
	if e := entityNamed(t, s, "Syria"); e == nil || e.ID == russia.ID || e.ID != sp.Entity || e.Mentions != 3 {
		t.Errorf("Syria after split = %+v (split %+v)", e, sp)
	}

	// Alias add: make "Hollande" Obama's (wrongly, on purpose): the mentions
	// of "Hollande" move from Francois Hollande to Barack Obama.
	obama := entityNamed(t, s, "Barack Obama")
	if res, err := s.AddAlias(obama.ID, "Hollande"); err != nil || res.Reresolved != 1 {
		t.Fatalf("alias add: %+v %v", res, err)
	}
	if e := entityNamed(t, s, "Francois Hollande"); e == nil || e.AliasCount("Hollande") != 0 {
		t.Errorf("Hollande still an alias of Francois Hollande: %+v", e)
	}

	// Rules survive re-ingest into the same store, and apply to new documents.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := snapshot(t, s)
	if res, err := s.Apply(ds); err != nil || !res[0].Duplicate {
		t.Fatalf("re-ingest: %v %+v", err, res)
	}
	if after := snapshot(t, s); after != before {
		t.Error("re-ingest changed the store")
	}
	if _, err := s.Apply([]*graph.Delta{doc("[Hollande|person] and [Moscow|place] again. ", "2015-12-01")}); err != nil {
		t.Fatal(err)
	}
	if e := entityNamed(t, s, "Barack Obama"); e.AliasCount("Hollande") != 3 {
		t.Errorf("a new mention of Hollande did not follow the alias rule: %+v", e)
	}
	if e := entityNamed(t, s, "Moscow"); e.Kind != graph.Organization || e.Mentions != 2 {
		t.Errorf("Moscow after a new document = %+v", e)
	}
	b, _ := json.Marshal(entityNamed(t, s, "Russia"))
	if strings.Contains(string(b), `"Syria"`) {
		t.Errorf("Russia took Syria again: %s", b)
	}
}

func TestCurationErrors(t *testing.T) {
	s, _ := openTemp(t)
	defer s.Close()
	if _, err := s.Apply([]*graph.Delta{doc(corpus[0].text, corpus[0].date)}); err != nil {
		t.Fatal(err)
	}
	putin := entityNamed(t, s, "Putin")
	for name, f := range map[string]func() error{
		"merge with itself":    func() error { _, err := s.Merge(putin.ID, putin.ID); return err },
		"merge unknown":        func() error { _, err := s.Merge(putin.ID, "0000000000000000"); return err },
		"split unknown alias":  func() error { _, err := s.Split(putin.ID, "Vova"); return err },
		"split canonical name": func() error { _, err := s.Split(putin.ID, "Vladimir Putin"); return err },
		"retype to event":      func() error { _, err := s.Retype(putin.ID, graph.EventKind); return err },
		"rename to nothing":    func() error { _, err := s.Rename(putin.ID, "  "); return err },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// A surname seen alone before the full name appears joins the full name.
func TestSurnameJoinsLaterFullName(t *testing.T) {
	s, _ := openTemp(t)
	defer s.Close()
	for _, c := range []struct{ text, date string }{
		{"[Smirnovich|person] spoke in [Kazan|place]. ", "2015-11-01"},
		{"[Smirnovich|person] spoke again. ", "2015-11-02"},
		{"[Oleg Smirnovich|person] met [Sergei Lavrov|person] in [Kazan|place]. ", "2015-11-03"},
		{"[Smirnovich|person] left. ", "2015-11-04"},
		// Another lone surname with nothing in common with the full name's
		// document stays apart: it may be someone else.
		{"[Ivanovsky|person] spoke in [Omsk|place]. ", "2015-11-05"},
		{"[Pavel Ivanovsky|person] met [Sergei Lavrov|person]. ", "2015-11-06"},
	} {
		if _, err := s.Apply([]*graph.Delta{doc(c.text, c.date)}); err != nil {
			t.Fatal(err)
		}
	}
	e := entityNamed(t, s, "Smirnovich")
	if e == nil || e.Name != "Oleg Smirnovich" || e.Documents != 4 || e.FirstSeen != "2015-11-01" {
		t.Errorf("Smirnovich = %+v, want Oleg Smirnovich in 4 documents", e)
	}
	r := s.Reader()
	defer r.Close()
	n := 0
	if err := r.Entities([]graph.Kind{graph.Person}, func(*graph.Entity) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("%d people, want 4 (Oleg Smirnovich, Sergei Lavrov, Ivanovsky, Pavel Ivanovsky)", n)
	}
}

func TestQuality(t *testing.T) {
	s, _ := openTemp(t)
	defer s.Close()
	// Two people share the surname, so "Putin" alone cannot be resolved:
	// a surname duplicate beside its full names in one document.
	d := doc("[Vladimir Putin|person] spoke in [Atlantis|place]. [Lyudmila Putin|person] left [Moscow|place]. [Putin|person] waved. ", "2015-11-01")
	for i := range d.Entities {
		if d.Entities[i].Name == "Moscow" {
			d.Entities[i].Attrs = map[string]string{"geonames_id": "524901"}
		}
	}
	lone := graph.EntityID(graph.Person, "putin")
	d.Entities = append(d.Entities, graph.DeltaEntity{ID: lone, Kind: graph.Person, Key: "putin", Name: "Putin"})
	for i := range d.Mentions {
		if d.Mentions[i].Text == "Putin" {
			d.Mentions[i].Entity = lone
		}
	}
	if _, err := s.Apply([]*graph.Delta{d}); err != nil {
		t.Fatal(err)
	}
	r := s.Reader()
	defer r.Close()
	q, err := r.Quality()
	if err != nil {
		t.Fatal(err)
	}
	if q.SurnameDuplicates != 1 || q.Places != 2 || q.UnlinkedPlaces != 1 || q.UnlinkedSamples[0] != "Atlantis" || len(q.LargestAliasSets) != 5 || q.SurnameExamples[0] != "Putin / Lyudmila Putin" && q.SurnameExamples[0] != "Putin / Vladimir Putin" {
		t.Errorf("quality = %+v", q)
	}
}
