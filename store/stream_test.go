package store

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"kg/graph"
)

// streamStore holds three documents: an airstrike (Russia, Islamic State,
// Syria, Putin), a meeting in Moscow (Sobyanin, Putin), and an undated
// meeting in Paris (Hollande) in a document without a date.
func streamStore(t testing.TB) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type ent struct {
		kind graph.Kind
		name string
	}
	mk := func(text, date string, ents []ent, events []graph.DeltaEvent, rels []graph.DeltaRelation) *graph.Delta {
		doc := graph.Document{ID: graph.DocumentID(text), Text: text, Source: "test"}
		if date != "" {
			doc.Published, _ = time.Parse(time.DateOnly, date)
		}
		d := &graph.Delta{Document: doc, Sentences: []graph.Span{{Start: 0, End: len(text)}}}
		ev := graph.Evidence{Document: doc.ID, Sentence: 0, Start: 0, End: len(text), Text: text}
		for _, e := range ents {
			key := graph.NameKey(e.name)
			id := graph.EntityID(e.kind, key)
			d.Entities = append(d.Entities, graph.DeltaEntity{ID: id, Kind: e.kind, Key: key, Name: e.name})
			if i := strings.Index(text, e.name); i >= 0 {
				d.Mentions = append(d.Mentions, graph.Mention{Entity: id, Start: i, End: i + len(e.name), Text: e.name})
			}
		}
		for i := range events {
			events[i].Evidence = []graph.Evidence{ev}
		}
		for i := range rels {
			rels[i].Evidence = []graph.Evidence{ev}
		}
		d.Events, d.Relations = events, rels
		return d
	}
	id := func(kind graph.Kind, name string) string { return graph.EntityID(kind, graph.NameKey(name)) }
	putin, russia, syria, isis := id(graph.Person, "Vladimir Putin"), id(graph.Place, "Russia"), id(graph.Place, "Syria"), id(graph.Organization, "Islamic State")
	sobyanin, moscow := id(graph.Person, "Sergei Sobyanin"), id(graph.Place, "Moscow")
	hollande, paris := id(graph.Person, "Francois Hollande"), id(graph.Place, "Paris")
	deltas := []*graph.Delta{
		mk("Vladimir Putin said Russia struck the Islamic State in Syria.", "2015-09-30",
			[]ent{{graph.Person, "Vladimir Putin"}, {graph.Place, "Russia"}, {graph.Place, "Syria"}, {graph.Organization, "Islamic State"}},
			[]graph.DeltaEvent{{Type: "attack", CAMEO: "19", Label: "Russia strikes", Date: "2015-09-30", Place: syria,
				Participants: []graph.DeltaParticipant{{Entity: russia, Role: graph.RoleAgent}, {Entity: isis, Role: graph.RoleTarget}}}},
			[]graph.DeltaRelation{{From: putin, To: russia, Type: graph.RelatedTo, Qualifier: "president_of", Weight: 1},
				{From: putin, To: russia, Type: graph.CoOccursWith, Weight: 1}}),
		mk("Sergei Sobyanin, the mayor of Moscow, met Vladimir Putin.", "2015-11-20",
			[]ent{{graph.Person, "Sergei Sobyanin"}, {graph.Place, "Moscow"}, {graph.Person, "Vladimir Putin"}},
			[]graph.DeltaEvent{{Type: "meeting", CAMEO: "04", Label: "Sobyanin met Putin", Date: "2015-11-20", Place: moscow,
				Participants: []graph.DeltaParticipant{{Entity: sobyanin, Role: graph.RoleAgent}, {Entity: putin, Role: graph.RoleTarget}}}},
			[]graph.DeltaRelation{{From: sobyanin, To: moscow, Type: graph.RelatedTo, Qualifier: "mayor_of", Weight: 1},
				{From: sobyanin, To: putin, Type: graph.CoOccursWith, Weight: 1}}),
		mk("Francois Hollande met ministers in Paris.", "",
			[]ent{{graph.Person, "Francois Hollande"}, {graph.Place, "Paris"}},
			[]graph.DeltaEvent{{Type: "meeting", CAMEO: "04", Label: "Hollande met ministers", Place: paris,
				Participants: []graph.DeltaParticipant{{Entity: hollande, Role: graph.RoleAgent}}}},
			[]graph.DeltaRelation{{From: hollande, To: paris, Type: graph.CoOccursWith, Weight: 1}}),
	}
	if _, err := s.Apply(deltas); err != nil {
		t.Fatal(err)
	}
	return s
}

// streamed reads a selection through a Stream.
func streamed(t *testing.T, r *Reader, opts SubgraphOptions) (ids []string, edges []string) {
	t.Helper()
	sel, err := r.Select(opts)
	if err != nil {
		t.Fatal(err)
	}
	st := r.Stream(sel, opts.NoCooccurrence)
	var ents, evs []string
	if err := st.Entities(func(e *graph.Entity) error { ents = append(ents, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := st.Events(func(e *graph.Event) error { evs = append(evs, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, list := range [][]string{ents, evs} {
		if !sort.StringsAreSorted(list) {
			t.Errorf("not in id order: %v", list)
		}
	}
	err = st.Edges(func(e *graph.Edge) error {
		for _, ev := range e.Evidence {
			if ev.Text == "" {
				t.Errorf("edge %s %s %s: evidence without its sentence", e.From, e.Type, e.To)
			}
		}
		edges = append(edges, edgeString(*e))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return append(ents, evs...), edges
}

func edgeString(e graph.Edge) string {
	return fmt.Sprintf("%s %s %s %s %g", e.From, e.Type, e.Qualifier, e.To, e.Weight)
}

// loaded reads the same selection through Subgraph.
func loaded(t *testing.T, r *Reader, opts SubgraphOptions) (ids []string, edges []string) {
	t.Helper()
	sub, _, err := r.Subgraph(opts)
	if err != nil {
		t.Fatal(err)
	}
	var ents, evs []string
	for _, e := range sub.Entities {
		ents = append(ents, e.ID)
	}
	for _, e := range sub.Events {
		evs = append(evs, e.ID)
	}
	sort.Strings(ents)
	sort.Strings(evs)
	for _, e := range sub.Edges {
		edges = append(edges, edgeString(e))
	}
	sort.Strings(edges)
	return append(ents, evs...), edges
}

func TestStreamAgreesWithSubgraph(t *testing.T) {
	s := streamStore(t)
	defer s.Close()
	r := s.Reader()
	defer r.Close()
	find := func(name string) string {
		es, err := r.FindEntities(name)
		if err != nil || len(es) == 0 {
			t.Fatalf("FindEntities(%q) = %v, %v", name, es, err)
		}
		return es[0].ID
	}
	putin, moscow, paris := find("Vladimir Putin"), find("Moscow"), find("Paris")
	for _, tc := range []struct {
		name         string
		opts         SubgraphOptions
		nodes, edges int
	}{
		{"whole graph", SubgraphOptions{}, 11, 13},
		{"whole graph, no co-occurrence", SubgraphOptions{NoCooccurrence: true}, 11, 10},
		{"date range", SubgraphOptions{From: "2015-11", To: "2015-11-30"}, 4, 5},
		{"a year", SubgraphOptions{From: "2015"}, 8, 10},
		{"center", SubgraphOptions{Center: []string{moscow}, Depth: 1}, 3, 3},
		{"center depth 2", SubgraphOptions{Center: []string{moscow}, Depth: 2}, 4, 5},
		{"two centers, no co-occurrence", SubgraphOptions{Center: []string{putin, paris}, Depth: 2, NoCooccurrence: true}, 9, 8},
		{"center and dates", SubgraphOptions{Center: []string{putin}, Depth: 2, From: "2015-11"}, 5, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gotNodes, gotEdges := streamed(t, r, tc.opts)
			wantNodes, wantEdges := loaded(t, r, tc.opts)
			sortedEdges := append([]string(nil), gotEdges...)
			sort.Strings(sortedEdges)
			if !reflect.DeepEqual(gotNodes, wantNodes) || !reflect.DeepEqual(sortedEdges, wantEdges) {
				t.Errorf("stream:\n%v\n%v\nsubgraph:\n%v\n%v", gotNodes, sortedEdges, wantNodes, wantEdges)
			}
			if len(gotNodes) != tc.nodes || len(gotEdges) != tc.edges {
				t.Errorf("%d nodes, %d edges, want %d and %d", len(gotNodes), len(gotEdges), tc.nodes, tc.edges)
			}
		})
	}
}

func TestStreamDocumentsAndMentions(t *testing.T) {
	s := streamStore(t)
	defer s.Close()
	r := s.Reader()
	defer r.Close()
	es, _ := r.FindEntities("Moscow")
	moscow := es[0].ID

	count := func(sel *Selection) (docs, mentions int) {
		st := r.Stream(sel, false)
		if err := st.Documents(func(d *graph.Document) error {
			if d.Text == "" {
				t.Errorf("document %s without text", d.ID)
			}
			docs++
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		prev := ""
		err := st.Mentions(func(node, doc, date string, ms []graph.Mention) error {
			if node+doc < prev {
				t.Errorf("mentions out of order")
			}
			prev = node + doc
			for _, m := range ms {
				if m.Text == "" || m.Entity != node {
					t.Errorf("mention %+v of %s in %s", m, node, doc)
				}
			}
			mentions++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return docs, mentions
	}
	if d, m := count(nil); d != 3 || m < 9 {
		t.Errorf("whole graph: %d documents, %d mention records, want 3 and at least 9", d, m)
	}
	sel, err := r.Select(SubgraphOptions{Center: []string{moscow}, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Has(moscow) || sel.All() {
		t.Errorf("selection %+v lacks its center", sel)
	}
	if d, _ := count(sel); d != 1 {
		t.Errorf("around Moscow: %d documents, want the one that names it", d)
	}

	st := r.Stream(nil, false)
	var evID string
	if err := st.Events(func(e *graph.Event) error {
		if e.Type == "meeting" && e.Date != "" {
			evID = e.ID
		}
		if len(e.Evidence) == 0 || e.Evidence[0].Text == "" {
			t.Errorf("event %s without evidence text", e.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := st.NodeMentions(evID, func(doc, date string, ms []graph.Mention) error {
		n++
		if date != "2015-11-20" {
			t.Errorf("mention date %q", date)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("the meeting is mentioned in %d documents, want 1", n)
	}
	if _, err := r.Select(SubgraphOptions{Center: []string{"0000000000000000"}}); err == nil {
		t.Error("a center that is no node: no error")
	}
}

func BenchmarkStreamEdges(b *testing.B) {
	s := streamStore(b)
	defer s.Close()
	r := s.Reader()
	defer r.Close()
	for b.Loop() {
		if err := r.Stream(nil, false).Edges(func(*graph.Edge) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
