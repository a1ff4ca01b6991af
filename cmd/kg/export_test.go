package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/graph/export"
	"kg/graph/export/exporttest"
	"kg/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exportStore writes a small store from hand-made deltas, so that the
// golden exports do not move with the extractors: an airstrike reported by
// a wire story, a meeting in Moscow, and an undated meeting in Paris from a
// document with neither date nor URL.
func exportStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "kg.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type ent struct {
		kind  graph.Kind
		name  string
		attrs map[string]string
	}
	id := func(kind graph.Kind, name string) string { return graph.EntityID(kind, graph.NameKey(name)) }
	mk := func(text, date, url string, ents []ent, events []graph.DeltaEvent, rels []graph.DeltaRelation) *graph.Delta {
		doc := graph.Document{ID: graph.DocumentID(text), Text: text, URL: url, Title: strings.SplitN(text, ".", 2)[0], Source: "wire.jsonl:1"}
		if date != "" {
			doc.Published, _ = time.Parse(time.DateOnly, date)
		}
		d := &graph.Delta{Document: doc, Sentences: []graph.Span{{Start: 0, End: len(text)}}}
		ev := graph.Evidence{Document: doc.ID, Sentence: 0, Start: 0, End: len(text), Text: text}
		for _, e := range ents {
			key := graph.NameKey(e.name)
			d.Entities = append(d.Entities, graph.DeltaEntity{ID: graph.EntityID(e.kind, key), Kind: e.kind, Key: key, Name: e.name, Attrs: e.attrs})
			for i := strings.Index(text, e.name); i >= 0; {
				d.Mentions = append(d.Mentions, graph.Mention{Entity: graph.EntityID(e.kind, key), Start: i, End: i + len(e.name), Text: e.name})
				j := strings.Index(text[i+1:], e.name)
				if j < 0 {
					break
				}
				i += 1 + j
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
	russiaAttrs := map[string]string{"class": "country", "country": "RU", "geonames_id": "2017370", "lat": "55.75222", "lon": "37.61556"}
	syriaAttrs := map[string]string{"class": "country", "country": "SY", "geonames_id": "163843", "lat": "33.5102", "lon": "36.29128"}
	moscowAttrs := map[string]string{"class": "city", "country": "RU", "admin1": "48", "geonames_id": "524901", "lat": "55.75222", "lon": "37.61556"}
	parisAttrs := map[string]string{"class": "city", "country": "FR", "admin1": "11", "geonames_id": "2988507", "lat": "48.85341", "lon": "2.3488"}
	putin, russia, syria, isis := id(graph.Person, "Vladimir Putin"), id(graph.Place, "Russia"), id(graph.Place, "Syria"), id(graph.Organization, "Islamic State")
	sobyanin, moscow := id(graph.Person, "Sergei Sobyanin"), id(graph.Place, "Moscow")
	hollande, paris := id(graph.Person, "Francois Hollande"), id(graph.Place, "Paris")
	deltas := []*graph.Delta{
		mk(`Russia strikes Syria. Vladimir Putin said Russia struck the "Islamic State" in Syria.`, "2015-09-30", "https://example.org/wire/1",
			[]ent{{graph.Person, "Vladimir Putin", map[string]string{"class": "person", "country": "RU"}}, {graph.Place, "Russia", russiaAttrs},
				{graph.Place, "Syria", syriaAttrs}, {graph.Organization, "Islamic State", map[string]string{"class": "armed_group"}}},
			[]graph.DeltaEvent{{Type: "attack", CAMEO: "19", Label: "Russia struck Islamic State", Date: "2015-09-30", Place: syria,
				Participants: []graph.DeltaParticipant{{Entity: russia, Role: graph.RoleAgent}, {Entity: isis, Role: graph.RoleTarget}}}},
			[]graph.DeltaRelation{{From: putin, To: russia, Type: graph.RelatedTo, Qualifier: "president_of", Weight: 1},
				{From: putin, To: russia, Type: graph.CoOccursWith, Weight: 1}}),
		mk("Sergei Sobyanin, the mayor of Moscow, met Vladimir Putin.", "2015-11-20", "https://example.org/wire/2",
			[]ent{{graph.Person, "Sergei Sobyanin", nil}, {graph.Place, "Moscow", moscowAttrs}, {graph.Person, "Vladimir Putin", nil}},
			[]graph.DeltaEvent{{Type: "meeting", CAMEO: "04", Label: "Sobyanin met Putin", Date: "2015-11-20", Place: moscow,
				Participants: []graph.DeltaParticipant{{Entity: sobyanin, Role: graph.RoleAgent}, {Entity: putin, Role: graph.RoleTarget}}}},
			[]graph.DeltaRelation{{From: sobyanin, To: moscow, Type: graph.RelatedTo, Qualifier: "mayor_of", Weight: 1},
				{From: sobyanin, To: putin, Type: graph.CoOccursWith, Weight: 1}}),
		mk("Francois Hollande met ministers in Paris.", "", "",
			[]ent{{graph.Person, "Francois Hollande", map[string]string{"class": "person", "country": "FR"}}, {graph.Place, "Paris", parisAttrs}},
			[]graph.DeltaEvent{{Type: "meeting", CAMEO: "04", Label: "Hollande met ministers", Place: paris,
				Participants: []graph.DeltaParticipant{{Entity: hollande, Role: graph.RoleAgent}}}},
			[]graph.DeltaRelation{{From: hollande, To: paris, Type: graph.CoOccursWith, Weight: 1}}),
	}
	if _, err := s.Apply(deltas); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

func checkExportGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", "export", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/kg -run TestExport -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("export differs from %s (go test ./cmd/kg -run TestExport -update accepts it):\n%s", golden, got)
	}
}

// validate checks an export the way the tools that load it would.
func validate(t *testing.T, format string, out []byte) {
	t.Helper()
	switch format {
	case "dot":
		exporttest.DOT(t, out)
	case "graphml":
		exporttest.GraphML(t, out)
	case "json":
		exporttest.JSON(t, out)
	case "nquads":
		exporttest.NQuads(t, out)
	case "gdelt":
		exporttest.GDELT(t, out)
	default:
		t.Fatalf("no check for %s", format)
	}
}

func TestExportGolden(t *testing.T) {
	db := exportStore(t)
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"store.dot", []string{"--format", "dot", "--documents"}},
		{"store.graphml", []string{"--format", "graphml", "--documents"}},
		{"store.json", []string{"--format", "json", "--documents"}},
		{"store.nq", []string{"--format", "nquads"}},
		{"store.gdelt.tsv", []string{"--format", "gdelt"}},
		{"moscow.json", []string{"--format", "json", "--center", "Moscow", "--depth", "2", "--documents"}},
		{"november.nq", []string{"--format", "nquads", "--from", "2015-11", "--to", "2015-11-30"}},
		{"no-cooccurrence.dot", []string{"--format", "dot", "--center", "Putin", "--center", "Paris", "--depth", "2", "--no-cooccurrence"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			out := mustKG(t, db, append([]string{"export"}, tc.args...)...)
			checkExportGolden(t, tc.golden, []byte(out))
			validate(t, tc.args[1], []byte(out))
		})
	}

	// CSV: a folder of files, each checked against its golden and all
	// against neo4j-admin's header conventions.
	dir := filepath.Join(t.TempDir(), "neo4j")
	_, errs, code := kg(t, db, "", "export", "--format", "csv", "--documents", "-o", dir)
	if code != 0 {
		t.Fatalf("export csv: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "neo4j-admin database import full") || !strings.Contains(errs, "--nodes="+filepath.Join(dir, "person.csv")) {
		t.Errorf("export csv does not say how to import it:\n%s", errs)
	}
	files := map[string][]byte{}
	for _, name := range append(append([]string(nil), export.CSVNodeFiles...), export.CSVRelationshipFiles...) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
		checkExportGolden(t, filepath.Join("csv", name), b)
	}
	tabs := exporttest.CSV(t, files)
	if n := len(tabs["person.csv"].Rows); n != 3 {
		t.Errorf("%d people in person.csv, want 3", n)
	}
}

// TestExportExamples exports the store of the examples in every format and
// checks each with the tools that load it; the nodes and edges must be
// those the store counts.
func TestExportExamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	mustKG(t, db, "ingest", "--date", "2015-11-20", "../../examples")
	var st struct {
		Entities    int            `json:"entities"`
		Events      int            `json:"events"`
		Documents   int            `json:"documents"`
		EdgesByType map[string]int `json:"edges_by_type"`
	}
	if err := json.Unmarshal([]byte(mustKG(t, db, "stats", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	edges := 0
	for ty, n := range st.EdgesByType {
		if ty != string(graph.MentionedIn) {
			edges += n
		}
	}
	nodes := st.Entities + st.Events + st.Documents
	for _, format := range []string{"dot", "graphml", "json", "nquads", "gdelt"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "export")
			_, errs, code := kg(t, db, "", "export", "--format", format, "--documents", "-o", out)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, errs)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if format != "dot" {
				validate(t, format, data)
			}
			switch format {
			case "dot":
				// Parsed only: graphviz takes minutes to lay out this many
				// edges (the end-to-end test renders the examples).
				g := exporttest.ParseDOT(t, data)
				if len(g.ByID) != nodes || len(g.AllLines) != edges+st.EdgesByType[string(graph.MentionedIn)] {
					t.Errorf("DOT: %d nodes, %d lines; the store has %d nodes, %d edges", len(g.ByID), len(g.AllLines), nodes, edges)
				}
			case "graphml":
				doc := exporttest.GraphML(t, data)
				if len(doc.Graph.Nodes) != nodes {
					t.Errorf("GraphML: %d nodes, the store %d", len(doc.Graph.Nodes), nodes)
				}
			case "json":
				nl := exporttest.JSON(t, data)
				if len(nl.Nodes) != nodes || len(nl.Links) != edges+st.EdgesByType[string(graph.MentionedIn)] {
					t.Errorf("JSON: %d nodes, %d links; the store has %d nodes, %d edges", len(nl.Nodes), len(nl.Links), nodes, edges)
				}
			case "gdelt":
				if rows := exporttest.GDELT(t, data); len(rows) != st.Events {
					t.Errorf("GDELT: %d rows, the store %d events", len(rows), st.Events)
				}
			}
		})
	}
	// Standard output and -o give the same bytes.
	out := filepath.Join(t.TempDir(), "graph.json")
	stdout := mustKG(t, db, "export", "--format", "json", "--center", "Putin", "--depth", "2")
	mustKG(t, db, "export", "--format", "json", "--center", "Putin", "--depth", "2", "-o", out)
	if b, _ := os.ReadFile(out); string(b) != stdout {
		t.Error("-o and standard output differ")
	}
}

func TestExportErrors(t *testing.T) {
	db := exportStore(t)
	file := filepath.Join(t.TempDir(), "file.csv")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args    []string
		message string
	}{
		{[]string{"--format", "svg"}, "want one of dot, graphml, json, nquads, csv, gdelt"},
		{[]string{"--format", "csv"}, "name a folder with -o DIR"},
		{[]string{"--format", "csv", "-o", file}, "is a file"},
		{[]string{"--format", "json", "--from", "30.9.2015"}, "want YYYY"},
		{[]string{"--format", "json", "--center", "Nobody Atall"}, "no entity named"},
	} {
		_, errs, code := kg(t, db, "", append([]string{"export"}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.message) {
			t.Errorf("export %v: exit %d, %q; want an error saying %q", tc.args, code, errs, tc.message)
		}
	}
}
