package export

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/graph/export/exporttest"
)

// richSample is a graph with every kind of node and edge, documents and
// mentions, and the awkward texts exports must survive: quotes, back
// slashes, line breaks, tabs, markup characters, non-ASCII, ";" in an alias.
func richSample() *Memory {
	s := sample()
	var russia, syria, putin, isis *graph.Entity = s.Entities[0], s.Entities[1], s.Entities[2], s.Entities[3]
	russia.Attrs = map[string]string{"class": "country", "country": "RU", "geonames_id": "2017370", "lat": "55.75222", "lon": "37.61556"}
	syria.Attrs = map[string]string{"class": "country", "country": "SY", "geonames_id": "163843", "lat": "33.5102", "lon": "36.29128"}
	moscow := &graph.Entity{ID: graph.EntityID(graph.Place, "geonames:524901"), Kind: graph.Place, Name: "Moscow",
		Attrs: map[string]string{"class": "city", "country": "RU", "admin1": "48", "geonames_id": "524901", "lat": "55.75222", "lon": "37.61556"}}
	sobyanin := &graph.Entity{ID: graph.EntityID(graph.Person, "sergei sobyanin"), Kind: graph.Person, Name: "Sergei Sobyanin",
		Aliases: []graph.Alias{{Name: "Sobyanin", Count: 2}, {Name: "S.; Sobyanin", Count: 1}}, Mentions: 3, Documents: 1,
		FirstSeen: "2015-11-20", LastSeen: "2015-11-20", Attrs: map[string]string{"class": "person", "country": "RU"}}
	putin.Aliases = []graph.Alias{{Name: "Putin", Count: 5}, {Name: "Путин", Count: 1}}
	putin.Mentions, putin.Documents, putin.FirstSeen, putin.LastSeen = 6, 2, "2015-09-30", "2015-11-20"
	isis.Attrs = map[string]string{"class": "armed_group", "country": "IQ"}

	d1 := &graph.Document{ID: graph.DocumentID("one"), URL: "https://example.org/news/1?a=1&b=2", Title: "Russia <strikes> \"Syria\"",
		Published: time.Date(2015, 9, 30, 14, 5, 0, 0, time.UTC), Source: "https://example.org/rss", Text: "Russia began airstrikes in Syria.\tPutin spoke."}
	d2 := &graph.Document{ID: graph.DocumentID("two"), Title: "Moscow's mayor", Published: time.Date(2015, 11, 20, 0, 0, 0, 0, time.UTC),
		Source: "feed.jsonl:12", ExternalID: "r-2", Text: "Sergei Sobyanin, the mayor of Moscow,\nmet Putin."}
	ev1 := graph.Evidence{Document: d1.ID, Sentence: 0, Start: 0, End: 33, Text: "Russia began airstrikes in Syria."}
	ev2 := graph.Evidence{Document: d2.ID, Sentence: 1, Start: 0, End: 48, Text: "Sergei Sobyanin, the mayor of Moscow,\nmet \\ Putin \"today\"."}
	attack := s.Events[0]
	attack.CAMEO, attack.Documents, attack.Evidence = "19", 1, []graph.Evidence{ev1}
	attack.Participants = []graph.Participant{{ID: russia.ID, Name: "Russia", Kind: graph.Place, Role: graph.RoleAgent},
		{ID: isis.ID, Name: "Islamic State", Kind: graph.Organization, Role: graph.RoleTarget}}
	meeting := &graph.Event{ID: graph.EventID("meeting", "2015-11", sobyanin.ID), Type: "meeting", CAMEO: "04", Label: "Sobyanin met Putin",
		Date: "2015-11", Place: &graph.Ref{ID: moscow.ID, Name: "Moscow", Kind: graph.Place}, Documents: 1, Evidence: []graph.Evidence{ev2},
		Participants: []graph.Participant{{ID: sobyanin.ID, Name: "Sergei Sobyanin", Kind: graph.Person, Role: graph.RoleAgent},
			{ID: putin.ID, Name: `Vladimir "V." Putin`, Kind: graph.Person, Role: graph.RoleTarget}}}
	election := &graph.Event{ID: graph.EventID("election", "", "x"), Type: "election", Label: "an election", Participants: []graph.Participant{}}
	s.Entities = append(s.Entities, moscow, sobyanin)
	s.Events = append(s.Events, meeting, election)
	for i := range s.Edges {
		s.Edges[i].Evidence = []graph.Evidence{ev1}
	}
	s.Edges = append(s.Edges,
		graph.Edge{From: sobyanin.ID, To: moscow.ID, Type: graph.RelatedTo, Qualifier: "mayor_of", Weight: 1, Evidence: []graph.Evidence{ev2}},
		graph.Edge{From: sobyanin.ID, To: meeting.ID, Type: graph.ParticipantIn, Qualifier: "agent", Weight: 1, Evidence: []graph.Evidence{ev2}},
		graph.Edge{From: putin.ID, To: meeting.ID, Type: graph.ParticipantIn, Qualifier: "target", Weight: 1, Evidence: []graph.Evidence{ev2}},
		graph.Edge{From: meeting.ID, To: moscow.ID, Type: graph.OccurredIn, Weight: 1, Evidence: []graph.Evidence{ev2}},
		graph.Edge{From: putin.ID, To: sobyanin.ID, Type: graph.CoOccursWith, Weight: 1, Evidence: []graph.Evidence{ev2, ev1}})
	mention := func(node *graph.Entity, d *graph.Document, text string, sent, start int) Mentions {
		return Mentions{Node: node.ID, Document: d.ID, Date: d.DateString(),
			Mentions: []graph.Mention{{Entity: node.ID, Sentence: sent, Start: start, End: start + len(text), Text: text}}}
	}
	ms := []Mentions{
		mention(russia, d1, "Russia", 0, 0), mention(syria, d1, "Syria", 0, 27), mention(putin, d1, "Putin", 1, 34),
		mention(sobyanin, d2, "Sergei Sobyanin", 0, 0), mention(moscow, d2, "Moscow", 0, 30), mention(putin, d2, "Putin", 0, 42),
		{Node: attack.ID, Document: d1.ID, Date: "2015-09-30", Mentions: []graph.Mention{{Entity: attack.ID, Sentence: 0, Start: 0, End: 33}}},
		{Node: meeting.ID, Document: d2.ID, Date: "2015-11-20", Mentions: []graph.Mention{{Entity: meeting.ID, Sentence: 0, Start: 0, End: 48}}},
	}
	return NewMemory(s, []*graph.Document{d1, d2}, ms)
}

func encodeFormat(t *testing.T, format string, src Source, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, src, opts); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
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
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept):\n%s", golden, got)
	}
}

func TestRichDOT(t *testing.T) {
	src := richSample()
	out := encodeFormat(t, "dot", src, Options{Documents: true})
	checkGolden(t, "rich.dot", out)
	g := exporttest.DOT(t, out)
	// 6 entities, 3 events, 2 documents; 10 edges and 8 MENTIONED_IN.
	if len(g.ByID) != 11 || len(g.AllLines) != 18 {
		t.Errorf("DOT parsed back with %d nodes and %d lines, want 11 and 18", len(g.ByID), len(g.AllLines))
	}
	// Labels come back as written, quotes, line breaks and all.
	for id, want := range map[string]string{
		"n" + graph.EntityID(graph.Person, "vladimir putin"):                                         `Vladimir "V." Putin`,
		"n" + graph.EventID("attack", "2015-09-30", graph.EntityID(graph.Place, "geonames:2017370")): "Russia airstrikes in Syria\n2015-09-30",
		"n" + graph.DocumentID("one"):                                                                "Russia <strikes> \"Syria\"\n2015-09-30",
	} {
		n := g.ByID[id]
		if n == nil || n.Attrs["label"] != want {
			t.Errorf("node %s: label %q, want %q", id, n.Attrs["label"], want)
		}
	}
}

func TestRichGraphML(t *testing.T) {
	out := encodeFormat(t, "graphml", richSample(), Options{Documents: true})
	checkGolden(t, "rich.graphml", out)
	doc := exporttest.GraphML(t, out)
	if len(doc.Graph.Nodes) != 11 || len(doc.Graph.Edges) != 18 {
		t.Errorf("%d nodes, %d edges, want 11 and 18", len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
	for _, n := range doc.Graph.Nodes {
		if n.ID == graph.EntityID(graph.Place, "geonames:524901") {
			if lat, _ := doc.Value(n, "node", "lat"); lat != "55.75222" {
				t.Errorf("Moscow lat = %q", lat)
			}
		}
	}
	cooc := 0
	for _, e := range doc.Graph.Edges {
		if e.Directed != "" {
			t.Errorf("edge %s has directed=%q: networkx refuses mixed graphs", e.ID, e.Directed)
		}
		if ty, _ := doc.Value(e, "edge", "type"); ty == string(graph.CoOccursWith) {
			cooc++
		}
	}
	if cooc != 2 {
		t.Errorf("%d CO_OCCURS_WITH edges, want 2", cooc)
	}
}

func TestRichJSON(t *testing.T) {
	out := encodeFormat(t, "json", richSample(), Options{Documents: true})
	checkGolden(t, "rich.json", out)
	nl := exporttest.JSON(t, out)
	if len(nl.Nodes) != 11 || len(nl.Links) != 18 || !nl.Directed || !nl.Multigraph {
		t.Errorf("%d nodes, %d links, want 11 and 18", len(nl.Nodes), len(nl.Links))
	}
	// Without documents: no document nodes nor MENTIONED_IN links.
	nl = exporttest.JSON(t, encodeFormat(t, "json", richSample(), Options{}))
	if len(nl.Nodes) != 9 || len(nl.Links) != 10 {
		t.Errorf("without documents: %d nodes, %d links, want 9 and 10", len(nl.Nodes), len(nl.Links))
	}
}

func TestRichNQuads(t *testing.T) {
	out := encodeFormat(t, "nquads", richSample(), Options{})
	checkGolden(t, "rich.nq", out)
	sts := exporttest.NQuads(t, out)
	graphs := map[string]int{}
	for _, st := range sts {
		graphs[st.Label.Value]++
	}
	for _, g := range []string{"", "<urn:kg:document:" + graph.DocumentID("one") + ">", "<urn:kg:document:" + graph.DocumentID("two") + ">"} {
		if graphs[g] == 0 {
			t.Errorf("no statement in graph %q", g)
		}
	}
	if len(graphs) != 3 {
		t.Errorf("graphs %v, want the default graph and one per document", graphs)
	}
	// The participation of Sobyanin in the meeting is said by document two.
	want := "<urn:kg:event:" + graph.EventID("meeting", "2015-11", graph.EntityID(graph.Person, "sergei sobyanin")) +
		"> <http://schema.org/participant> <urn:kg:entity:" + graph.EntityID(graph.Person, "sergei sobyanin") +
		"> <urn:kg:document:" + graph.DocumentID("two") + "> ."
	if !bytes.Contains(out, []byte(want+"\n")) {
		t.Errorf("missing %s", want)
	}
}

func TestRichCSV(t *testing.T) {
	files := map[string]*bytes.Buffer{}
	create := func(name string) (io.WriteCloser, error) {
		b := &bytes.Buffer{}
		files[name] = b
		return nopCloser{b}, nil
	}
	names, err := WriteCSV(create, richSample(), Options{Documents: true})
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]string(nil), CSVNodeFiles...), CSVRelationshipFiles...)
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", names, want)
	}
	data := map[string][]byte{}
	for _, n := range names {
		data[n] = files[n].Bytes()
		checkGolden(t, filepath.Join("rich-csv", n), files[n].Bytes())
	}
	tabs := exporttest.CSV(t, data)
	if got := tabs["place.csv"].Header; !strings.Contains(strings.Join(got, ","), "lat:double,lon:double,location:point{crs:WGS-84}") {
		t.Errorf("place header %v", got)
	}
	if n := len(tabs["co_occurs_with.csv"].Rows); n != 2 {
		t.Errorf("%d CO_OCCURS_WITH rows, want 2", n)
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func TestRichGDELT(t *testing.T) {
	out := encodeFormat(t, "gdelt", richSample(), Options{})
	checkGolden(t, "rich.gdelt.tsv", out)
	rows := exporttest.GDELT(t, out)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3 events", len(rows))
	}
	col := func(name string) int {
		for i, c := range GDELTColumns {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	if len(GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(GDELTColumns))
	}
	for _, r := range rows {
		if r[col("EventRootCode")] != "19" {
			continue
		}
		for name, want := range map[string]string{
			"Day": "20150930", "MonthYear": "201509", "Year": "2015", "FractionDate": "2015.7479",
			"Actor1Name": "Russia", "Actor1CountryCode": "RUS", "Actor1Code": "RUS", "Actor1Geo_Type": "1", "Actor1Geo_CountryCode": "RS",
			"Actor2Name": "Islamic State", "Actor2CountryCode": "IRQ", "Actor2Code": "IRQREB", "Actor2Type1Code": "REB",
			"IsRootEvent": "1", "EventCode": "190", "EventBaseCode": "190", "QuadClass": "4", "GoldsteinScale": "-10.0",
			"NumMentions": "1", "NumSources": "1", "NumArticles": "1",
			"ActionGeo_Type": "1", "ActionGeo_FullName": "Syria", "ActionGeo_CountryCode": "SY", "ActionGeo_Lat": "33.5102", "ActionGeo_FeatureID": "163843",
			"DATEADDED": "20150930140500", "SOURCEURL": "https://example.org/news/1?a=1&b=2",
		} {
			if got := r[col(name)]; got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	if err := Write(io.Discard, "svg", richSample(), Options{}); err == nil || !strings.Contains(err.Error(), "dot, graphml") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestEmpty(t *testing.T) {
	empty := NewMemory(&graph.Subgraph{}, nil, nil)
	exporttest.DOT(t, encodeFormat(t, "dot", empty, Options{Documents: true}))
	exporttest.GraphML(t, encodeFormat(t, "graphml", empty, Options{Documents: true}))
	exporttest.JSON(t, encodeFormat(t, "json", empty, Options{Documents: true}))
	exporttest.NQuads(t, encodeFormat(t, "nquads", empty, Options{}))
	exporttest.GDELT(t, encodeFormat(t, "gdelt", empty, Options{}))
}

func TestCountryTable(t *testing.T) {
	for iso, want := range map[string]country{"RU": {"RUS", "RS", "Russia"}, "DE": {"DEU", "GM", "Germany"}, "US": {"USA", "US", "United States"}} {
		if got := countries[iso]; got != want {
			t.Errorf("countries[%s] = %+v, want %+v", iso, got, want)
		}
	}
	// Where GeoNames is at hand, the table is its countryInfo.txt.
	b, err := os.ReadFile("../../../shared/data/geonames/countryInfo.txt")
	if err != nil {
		t.Skip("no ../shared/data/geonames/countryInfo.txt")
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) < 5 {
			continue
		}
		n++
		want := country{iso3: f[1], fips: f[3], name: strings.TrimRight(f[4], " ")}
		if got := countries[f[0]]; got != want {
			t.Errorf("countries[%s] = %+v, countryInfo.txt says %+v", f[0], got, want)
		}
	}
	if n != len(countries) {
		t.Errorf("%d countries in the table, %d in countryInfo.txt", len(countries), n)
	}
}

func TestCAMEO(t *testing.T) {
	for _, tc := range []struct{ in, code, base, root, quad string }{
		{"04", "040", "040", "04", "1"}, {"190", "190", "190", "19", "4"}, {"0231", "0231", "023", "02", "1"},
		{"07", "070", "070", "07", "2"}, {"12", "120", "120", "12", "3"}, {"", "", "", "", ""}, {"x1", "", "", "", ""},
	} {
		code, base, root := cameoCodes(tc.in)
		if code != tc.code || base != tc.base || root != tc.root || quadClass(root) != tc.quad {
			t.Errorf("cameoCodes(%q) = %s %s %s quad %s", tc.in, code, base, root, quadClass(root))
		}
	}
	for r := 1; r <= 20; r++ {
		root := []byte{byte('0' + r/10), byte('0' + r%10)}
		if _, ok := goldstein[string(root)]; !ok {
			t.Errorf("no Goldstein score for root %s", root)
		}
	}
}

func BenchmarkExport(b *testing.B) {
	src := richSample()
	for _, f := range []string{"dot", "graphml", "json", "nquads", "gdelt"} {
		b.Run(f, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, f, src, Options{Documents: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// An entity of a kind kg does not know (a damaged or future store) still
// exports: DOT and RDF give it a neutral look and class, CSV leaves it and
// its edges out so that the import does not stop at them.
func TestUnknownKind(t *testing.T) {
	odd := &graph.Entity{ID: graph.EntityID("", "ico"), Name: "International Coffee Organization", Aliases: []graph.Alias{{Name: "ICO", Count: 1}}}
	p := &graph.Entity{ID: graph.EntityID(graph.Person, "x"), Kind: graph.Person, Name: "X"}
	src := NewMemory(&graph.Subgraph{Entities: []*graph.Entity{odd, p},
		Edges: []graph.Edge{{From: p.ID, To: odd.ID, Type: graph.CoOccursWith, Weight: 1}}}, nil, nil)
	if g := exporttest.DOT(t, encodeFormat(t, "dot", src, Options{})); len(g.ByID) != 2 || len(g.AllLines) != 1 {
		t.Errorf("DOT: %d nodes, %d lines", len(g.ByID), len(g.AllLines))
	}
	exporttest.GraphML(t, encodeFormat(t, "graphml", src, Options{}))
	exporttest.NQuads(t, encodeFormat(t, "nquads", src, Options{}))
	files := map[string]*bytes.Buffer{}
	if _, err := WriteCSV(func(name string) (io.WriteCloser, error) {
		files[name] = &bytes.Buffer{}
		return nopCloser{files[name]}, nil
	}, src, Options{}); err != nil {
		t.Fatal(err)
	}
	data := map[string][]byte{}
	for n, b := range files {
		data[n] = b.Bytes()
	}
	tabs := exporttest.CSV(t, data)
	if len(tabs["person.csv"].Rows) != 1 || len(tabs["co_occurs_with.csv"].Rows) != 0 {
		t.Errorf("CSV: %d people, %d co-occurrences; want 1 and 0", len(tabs["person.csv"].Rows), len(tabs["co_occurs_with.csv"].Rows))
	}
}

func TestDgraphSchema(t *testing.T) {
	var b strings.Builder
	if err := DgraphSchema(&b, []string{"mayor_of", "not a name", "mayor_of"}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"<http://schema.org/name>: string @index(exact, term, trigram) .",
		"<http://schema.org/participant>: [uid] @reverse .",
		"<urn:kg:vocab#mayor_of>: [uid] @reverse .",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("schema lacks %q", want)
		}
	}
	if strings.Count(out, "mayor_of") != 1 || strings.Contains(out, "not a name") {
		t.Errorf("schema:\n%s", out)
	}
	// Every line is a comment or "<iri>: type ... ."
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "#") && !(strings.HasPrefix(line, "<") && strings.Contains(line, ">: ") && strings.HasSuffix(line, " .")) {
			t.Errorf("bad schema line %q", line)
		}
	}
}
