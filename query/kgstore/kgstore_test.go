package kgstore_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/query"
	"kg/query/kgstore"
	"kg/store"
)

// ent is a delta entity of a kind and name.
func ent(kind graph.Kind, name string, attrs ...string) graph.DeltaEntity {
	key := graph.NameKey(name)
	e := graph.DeltaEntity{ID: graph.EntityID(kind, key), Kind: kind, Key: key, Name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		if e.Attrs == nil {
			e.Attrs = map[string]string{}
		}
		e.Attrs[attrs[i]] = attrs[i+1]
	}
	return e
}

// buildStore writes a small hand-made graph: two documents about Russia,
// France and Syria with events dated at several precisions.
func buildStore(t testing.TB, dir string) {
	t.Helper()
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	putin, hollande, sobyanin := ent(graph.Person, "Vladimir Putin"), ent(graph.Person, "Francois Hollande"), ent(graph.Person, "Sergei Sobyanin")
	russia, syria, france := ent(graph.Place, "Russia", "country", "RU"), ent(graph.Place, "Syria", "country", "SY"), ent(graph.Place, "France", "country", "FR")
	moscow := ent(graph.Place, "Moscow", "country", "RU", "lat", "55.75", "lon", "37.62")
	isis, nato := ent(graph.Organization, "Islamic State"), ent(graph.Organization, "NATO")
	doc := func(text, date string, ents []graph.DeltaEntity, events []graph.DeltaEvent, rels []graph.DeltaRelation, aliases map[string]string) *graph.Delta {
		d := graph.Document{ID: graph.DocumentID(text), Text: text, Title: text[:20], Source: "test"}
		d.Published, _ = time.Parse(time.DateOnly, date)
		ev := graph.Evidence{Document: d.ID, Sentence: 0, Start: 0, End: len(text), Text: text}
		delta := &graph.Delta{Document: d, Sentences: []graph.Span{{Start: 0, End: len(text)}}, Entities: ents}
		for _, e := range ents {
			delta.Mentions = append(delta.Mentions, graph.Mention{Entity: e.ID, Start: 0, End: 1, Text: e.Name})
			if a, ok := aliases[e.Name]; ok {
				delta.Mentions = append(delta.Mentions, graph.Mention{Entity: e.ID, Start: 2, End: 3, Text: a})
			}
		}
		for i := range events {
			events[i].Evidence = []graph.Evidence{ev}
		}
		for i := range rels {
			rels[i].Evidence = []graph.Evidence{ev}
		}
		delta.Events, delta.Relations = events, rels
		return delta
	}
	p := func(e graph.DeltaEntity, role string) graph.DeltaParticipant {
		return graph.DeltaParticipant{Entity: e.ID, Role: role}
	}
	d1 := doc("Russia began airstrikes in Syria on Sept. 30, Putin said in Moscow, where Sobyanin is mayor.", "2015-11-14",
		[]graph.DeltaEntity{putin, russia, syria, moscow, sobyanin, isis},
		[]graph.DeltaEvent{
			{Type: "attack", CAMEO: "19", Label: "Russia airstrikes in Syria", Date: "2015-09-30", Place: syria.ID, Participants: []graph.DeltaParticipant{p(russia, graph.RoleAgent), p(isis, graph.RoleTarget)}},
			{Type: "meeting", CAMEO: "04", Label: "Putin meets Hollande", Date: "2015-11", Place: moscow.ID, Participants: []graph.DeltaParticipant{p(putin, graph.RoleAgent)}},
		},
		[]graph.DeltaRelation{
			{From: sobyanin.ID, To: moscow.ID, Type: graph.RelatedTo, Qualifier: "mayor_of", Weight: 1},
			{From: putin.ID, To: russia.ID, Type: graph.CoOccursWith, Weight: 2},
		}, map[string]string{"Vladimir Putin": "Putin"})
	d2 := doc("Hollande and Putin agreed in 2015 to fight Islamic State; NATO met in week 47; an attack in France.", "2015-11-28",
		[]graph.DeltaEntity{putin, hollande, isis, nato, france},
		[]graph.DeltaEvent{
			{Type: "meeting", CAMEO: "04", Label: "Putin meets Hollande", Date: "2015-11", Place: moscow.ID, Participants: []graph.DeltaParticipant{p(putin, graph.RoleAgent), p(hollande, graph.RoleOther)}},
			{Type: "agreement", CAMEO: "05", Label: "Hollande and Putin agreed", Date: "2015", Participants: []graph.DeltaParticipant{p(hollande, graph.RoleAgent), p(putin, graph.RoleAgent)}},
			{Type: "meeting", CAMEO: "04", Label: "NATO met", Date: "2015-W47", Participants: []graph.DeltaParticipant{p(nato, graph.RoleAgent)}},
			{Type: "attack", CAMEO: "18", Label: "attack in France", Place: france.ID, Participants: []graph.DeltaParticipant{p(isis, graph.RoleAgent)}},
		},
		[]graph.DeltaRelation{
			{From: putin.ID, To: hollande.ID, Type: graph.CoOccursWith, Weight: 3},
			{From: hollande.ID, To: isis.ID, Type: graph.CoOccursWith, Weight: 1},
		}, map[string]string{"Francois Hollande": "Hollande", "Islamic State": "ISIS"})
	if _, err := s.Apply([]*graph.Delta{d1, d2}); err != nil {
		t.Fatal(err)
	}
}

func openGraph(t testing.TB) (*kgstore.Graph, func()) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kg.db")
	buildStore(t, dir)
	s, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	r := s.Reader()
	return kgstore.New(r), func() { r.Close(); s.Close() }
}

func rows(res *query.Result) string {
	var out []string
	for _, r := range res.Rows {
		var cells []string
		for _, v := range r {
			cells = append(cells, query.Format(v))
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return strings.Join(out, "\n")
}

func TestQueries(t *testing.T) {
	g, done := openGraph(t)
	defer done()
	cases := []struct {
		name, query string
		params      map[string]query.Value
		want        string
	}{
		{"label scan", "MATCH (p:Person) RETURN p.name ORDER BY p.name", nil,
			"Francois Hollande\nSergei Sobyanin\nVladimir Putin"},
		{"name lookup", "MATCH (p:Person {name: 'Vladimir Putin'}) RETURN p.name, p.mentions, p.documents, p.first_seen, p.last_seen", nil,
			"Vladimir Putin | 3 | 2 | 2015-11-14 | 2015-11-28"},
		{"alias lookup", "MATCH (p) WHERE 'Hollande' IN p.aliases RETURN p.name, p.type", nil,
			"Francois Hollande | person"},
		{"name is exact", "MATCH (p:Person {name: 'Putin'}) RETURN p", nil, ""},
		{"id lookup", "MATCH (p:Person {name: 'Vladimir Putin'}) WITH p.id AS id MATCH (q {id: id}) RETURN q.name", nil,
			"Vladimir Putin"},
		{"attributes", "MATCH (c:Place) WHERE c.country = 'RU' RETURN c.name, c.lat, c.attributes.country ORDER BY c.name", nil,
			"Moscow | 55.75 | RU\nRussia | null | RU"},
		{"participants with role", "MATCH (x)-[r:PARTICIPANT_IN]->(e:Event {type: 'attack'}) RETURN e.label, x.name, r.role ORDER BY e.label, r.role", nil,
			"Russia airstrikes in Syria | Russia | agent\nRussia airstrikes in Syria | Islamic State | target\nattack in France | Islamic State | agent"},
		{"incoming direction", "MATCH (e:Event)<-[:PARTICIPANT_IN {role: 'agent'}]-(x:Organization) RETURN x.name, e.label ORDER BY e.label", nil,
			"NATO | NATO met\nIslamic State | attack in France"},
		{"occurred in", "MATCH (e:Event)-[:OCCURRED_IN]->(pl:Place) RETURN pl.name, count(e) AS n ORDER BY n DESC, pl.name", nil,
			"France | 1\nMoscow | 1\nSyria | 1"},
		{"related to with predicate", "MATCH (a)-[r:RELATED_TO]->(b) RETURN a.name, r.predicate, b.name, type(r)", nil,
			"Sergei Sobyanin | mayor_of | Moscow | RELATED_TO"},
		{"evidence sentences", "MATCH (a)-[r:RELATED_TO]->(b) RETURN r.evidence[0].sentence, left(r.evidence[0].text, 25)", nil,
			"0 | Russia began airstrikes i"},
		{"co-occurrence undirected", "MATCH (a:Person {name: 'Vladimir Putin'})-[r:CO_OCCURS_WITH]-(b) RETURN b.name, r.weight ORDER BY r.weight DESC", nil,
			"Francois Hollande | 3.0\nRussia | 2.0"},
		{"date range, day", "MATCH (e:Event) WHERE e.date >= date('2015-11-01') AND e.date <= date('2015-11-30') RETURN e.label, e.date ORDER BY e.date", nil,
			"Hollande and Putin agreed | 2015\nPutin meets Hollande | 2015-11\nNATO met | 2015-W47"},
		{"date equality at coarser precision", "MATCH (e:Event) WHERE e.date = date('2015-11-20') RETURN e.label ORDER BY e.label", nil,
			"Hollande and Putin agreed\nNATO met\nPutin meets Hollande"},
		{"date before", "MATCH (e:Event) WHERE e.date < date('2015-10') RETURN e.label", nil,
			"Russia airstrikes in Syria"},
		{"date string compare", "MATCH (e:Event) WHERE e.date > '2015-11-25' RETURN e.label", nil, ""},
		{"date parts", "MATCH (e:Event {type: 'attack'}) WHERE e.date IS NOT NULL RETURN e.date.year, e.date.month, e.date.day, toString(e.date)", nil,
			"2015 | 9 | 30 | 2015-09-30"},
		{"undated", "MATCH (e:Event) WHERE e.date IS NULL RETURN e.label, e.place.name", nil,
			"attack in France | France"},
		{"event participants property", "MATCH (e:Event {label: 'Putin meets Hollande'}) RETURN [p IN e.participants | p.name + '/' + p.role] AS who, e.documents", nil,
			`["Vladimir Putin/agent", "Francois Hollande/other"] | 2`},
		{"two hops", "MATCH (a:Person {name: 'Francois Hollande'})-[:PARTICIPANT_IN]->(e)<-[:PARTICIPANT_IN]-(b) RETURN DISTINCT b.name", nil,
			"Vladimir Putin"},
		{"comma patterns", "MATCH (a:Person {name: 'Vladimir Putin'}), (b:Person {name: 'Francois Hollande'}) MATCH (a)-[:PARTICIPANT_IN]->(e)<-[:PARTICIPANT_IN]-(b) RETURN e.type ORDER BY e.type", nil,
			"agreement\nmeeting"},
		{"variable length", "MATCH (a:Person {name: 'Sergei Sobyanin'})-[*1..2]-(x) RETURN DISTINCT x.name ORDER BY x.name", nil,
			"Islamic State\nMoscow\nRussia\nSyria\nVladimir Putin\nnull"},
		{"variable length labels", "MATCH (a:Person {name: 'Sergei Sobyanin'})-[:RELATED_TO|PARTICIPANT_IN|OCCURRED_IN*2..3]-(x:Person) RETURN DISTINCT x.name ORDER BY x.name", nil,
			"Francois Hollande\nVladimir Putin"},
		{"shortest path", "MATCH (a:Person {name: 'Sergei Sobyanin'}), (b:Organization {name: 'NATO'}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p), [n IN nodes(p) | coalesce(n.name, n.label, labels(n)[0])] AS via", nil,
			`4 | ["Sergei Sobyanin", "Moscow", "Putin meets Hollande", "Document", "NATO"]`},
		{"shortest path found", "MATCH (a:Person {name: 'Sergei Sobyanin'}), (b:Place {name: 'France'}) MATCH p = shortestPath((a)-[*..8]-(b)) RETURN length(p)", nil,
			"4"},
		{"optional match", "MATCH (p:Person) OPTIONAL MATCH (p)-[:RELATED_TO]->(x) RETURN p.name, x.name ORDER BY p.name", nil,
			"Francois Hollande | null\nSergei Sobyanin | Moscow\nVladimir Putin | null"},
		{"aggregates", "MATCH (e:Event) RETURN e.type AS type, count(*) AS n, min(e.label) AS first, min(e.documents), max(e.documents), sum(e.documents), avg(e.documents) ORDER BY n DESC, type", nil,
			"attack | 2 | Russia airstrikes in Syria | 1 | 1 | 2 | 1.0\nmeeting | 2 | NATO met | 1 | 2 | 3 | 1.5\nagreement | 1 | Hollande and Putin agreed | 1 | 1 | 1 | 1.0"},
		{"with where", "MATCH (x)-[:PARTICIPANT_IN]->(e) WITH x, count(e) AS n WHERE n > 1 RETURN x.name, n ORDER BY x.name", nil,
			"Francois Hollande | 2\nIslamic State | 2\nVladimir Putin | 2"},
		{"unwind", "UNWIND ['Russia', 'Syria', 'Nowhere'] AS name OPTIONAL MATCH (p:Place {name: name}) RETURN name, p.country", nil,
			"Russia | RU\nSyria | SY\nNowhere | null"},
		{"string predicates", "MATCH (n) WHERE n.name STARTS WITH 'S' OR n.name ENDS WITH 'State' OR n.name CONTAINS 'ATO' RETURN n.name ORDER BY n.name", nil,
			"Islamic State\nNATO\nSergei Sobyanin\nSyria"},
		{"regex", "MATCH (n:Place) WHERE n.name =~ '(?i)r.*' RETURN n.name", nil, "Russia"},
		{"in list param", "MATCH (n:Place) WHERE n.name IN $names RETURN n.name ORDER BY n.name", map[string]query.Value{"names": []query.Value{"Syria", "France"}},
			"France\nSyria"},
		{"param name", "MATCH (n {name: $who})-[:CO_OCCURS_WITH]-(m) RETURN count(m)", map[string]query.Value{"who": "Francois Hollande"},
			"2"},
		{"skip limit", "MATCH (n) WHERE n.name IS NOT NULL RETURN n.name ORDER BY n.name SKIP 2 LIMIT 3", nil,
			"Islamic State\nMoscow\nNATO"},
		{"documents", "MATCH (p:Person {name: 'Sergei Sobyanin'})-[m:MENTIONED_IN]->(d:Document) RETURN d.published, m.mentions, d.title", nil,
			"2015-11-14 | 1 | Russia began airstri"},
		{"document in", "MATCH (d:Document)<-[:MENTIONED_IN]-(x:Organization) RETURN d.published, collect(x.name) AS orgs ORDER BY d.published", nil,
			`2015-11-14 | ["Islamic State"]` + "\n" + `2015-11-28 | ["Islamic State", "NATO"]`},
		{"pattern predicate", "MATCH (p:Person) WHERE NOT (p)-[:PARTICIPANT_IN]->() RETURN p.name", nil,
			"Sergei Sobyanin"},
		{"union", "MATCH (p:Person {name: 'Vladimir Putin'}) RETURN p.name AS n UNION MATCH (o:Organization) RETURN o.name AS n", nil,
			"Vladimir Putin\nIslamic State\nNATO"},
		{"labels and keys", "MATCH (o:Organization {name: 'NATO'}) RETURN labels(o), keys(o)", nil,
			`["Organization"] | ["aliases", "documents", "first_seen", "id", "last_seen", "mentions", "name", "type"]`},
		{"no such label", "MATCH (x:Persn) RETURN x", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := query.Run(context.Background(), g, c.query, query.Options{Params: c.params, Timeout: 10 * time.Second})
			if err != nil {
				t.Fatalf("%s\n%s", c.query, query.Detail(err))
			}
			if got := rows(res); got != c.want {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", c.query, got, c.want)
			}
		})
	}
}

func TestPlanUsesIndexes(t *testing.T) {
	g, done := openGraph(t)
	defer done()
	cases := []struct{ query, want string }{
		{"MATCH (p:Person {name: 'Vladimir Putin'})-[:PARTICIPANT_IN]->(e) RETURN e", "start at (p:Person): index on name ="},
		{"MATCH (e)<-[:PARTICIPANT_IN]-(p:Person) WHERE p.name = $n RETURN e", "start at (p:Person): index on name ="},
		{"MATCH (p) WHERE 'Putin' IN p.aliases RETURN p", "start at (p): index on aliases (list contains)"},
		{"MATCH (x)-[:PARTICIPANT_IN]->(e:Event) WHERE e.date >= date('2015-11') RETURN x", "start at (e:Event): index range on date"},
		{"MATCH (n) WHERE id(n) = 'abc' RETURN n", "start at (n): node by id"},
		{"MATCH (n {id: 'abc'}) RETURN n", "start at (n): index on id ="},
		{"MATCH (o:Organization)-->(x:Event) RETURN o", "start at (o:Organization): scan label Organization"},
		{"MATCH (a:Person {name: 'x'}), (b:Person {name: 'y'}), p = shortestPath((a)-[*]-(b)) RETURN p", "shortestPath to (b)"},
	}
	for _, c := range cases {
		p, err := query.Prepare(c.query, g, query.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		plan := strings.Join(p.Plan(), "\n")
		if !strings.Contains(plan, c.want) {
			t.Errorf("%s\nplan:\n%s\nwant a line with %q", c.query, plan, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	g, done := openGraph(t)
	defer done()
	cases := []struct{ query, want string }{
		{"MATCH (n) RETURN m", "line 1, column 18: variable `m` is not defined (in scope: n)"},
		{"MATCH (n) WHERE count(n) > 1 RETURN n", "aggregate functions are not allowed in WHERE"},
		{"MATCH (n) WITH n.name RETURN n", "an expression in WITH needs a name"},
		{"RETURN nosuch(1)", "unknown function nosuch()"},
		{"RETURN size(1, 2)", "size() takes 1 argument(s), not 2"},
		{"MATCH (a)-[*1..50]-(b) RETURN a", "at most 10 hops"},
		{"MATCH (a)-[r]-(b), (b)-[r]-(c) RETURN a", "relationship variable `r` is used twice"},
		{"RETURN 1 AS x, 2 AS x", "column `x` appears twice"},
		{"RETURN $missing", "no value for $missing"},
		{"RETURN 1 / 0", "division by zero"},
		{"RETURN 'a' - 1", "cannot apply - to string and integer"},
		{"MATCH (n) RETURN n LIMIT -1", "LIMIT needs a number of 0 or more"},
		{"MATCH (n) RETURN n ORDER BY count(n)", "ORDER BY an aggregate needs one in RETURN too"},
		{"CREATE (n)", "the store is read-only"},
		{"MATCH (n) RETURN n UNION MATCH (m) RETURN m", "all parts of a UNION must return the same columns"},
		{"MATCH (n) WHERE n.name =~ '(' RETURN n", "bad regular expression"},
	}
	for _, c := range cases {
		_, err := query.Run(context.Background(), g, c.query, query.Options{})
		if err == nil {
			t.Errorf("%s: no error, want %q", c.query, c.want)
			continue
		}
		if d := query.Detail(err); !strings.Contains(d, c.want) {
			t.Errorf("%s: error\n%s\nwant it to contain %q", c.query, d, c.want)
		}
	}
}

func TestLimits(t *testing.T) {
	g, done := openGraph(t)
	defer done()
	ctx := context.Background()
	res, err := query.Run(ctx, g, "MATCH (a), (b) RETURN a, b", query.Options{MaxRows: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 5 || !res.Truncated {
		t.Errorf("max rows: %d rows, truncated %v; want 5, true", len(res.Rows), res.Truncated)
	}
	res, err = query.Run(ctx, g, "MATCH (a) RETURN a LIMIT 3", query.Options{MaxRows: 3})
	if err != nil || len(res.Rows) != 3 || res.Truncated {
		t.Errorf("LIMIT within max rows: %v rows, truncated %v, %v", len(res.Rows), res.Truncated, err)
	}
	// A cross product of every node with itself six times does not finish
	// in a millisecond.
	_, err = query.Run(ctx, g, "MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)", query.Options{Timeout: time.Millisecond})
	if !errors.Is(err, query.ErrTimeout) {
		t.Errorf("timeout: %v, want ErrTimeout", err)
	}
	_, err = query.Run(ctx, g, "MATCH (a), (b), (c) RETURN a, b, c ORDER BY a.name", query.Options{MaxIntermediate: 100})
	if !errors.Is(err, query.ErrTooManyRows) {
		t.Errorf("intermediate rows: %v, want ErrTooManyRows", err)
	}
	p, err := query.Prepare("MATCH (a)-[*]-(b) RETURN count(*)", g, query.Options{MaxHops: 3})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(p.Warnings(), ";"); !strings.Contains(w, "stops at 3 hops") {
		t.Errorf("warnings %q, want the hop limit", w)
	}
	p, err = query.Prepare("MATCH (x:Persn) RETURN x", g, query.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(p.Warnings(), ";"); !strings.Contains(w, "no node has the label Persn") {
		t.Errorf("warnings %q, want the unknown label", w)
	}
}
