package kgstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"kg/graph"
	"kg/graph/algo"
	"kg/query"
	"kg/query/kgstore"
	"kg/store"
)

// The query latency benchmarks run on the store named by KG_BENCH_DB (for
// the figures, a store built from all of Reuters-21578:
//
//	go run ./bench/reuters2jsonl -o /tmp/reuters.jsonl
//	kg ingest --db /tmp/reuters.db --format jsonl /tmp/reuters.jsonl
//	KG_BENCH_DB=/tmp/reuters.db go test ./query/kgstore -run '^$' -bench . -benchtime 200x
//
// ) or, without it, on a synthetic store of 2,000 documents built once in
// a temporary folder. Each reports the median and 99th percentile of its
// iterations, which cycle through many names and pairs.

var bench struct {
	once  sync.Once
	dir   string
	tmp   string // the synthetic store's folder, removed by TestMain
	err   error
	names []string // entity names, busiest first
	ids   []string
}

const syntheticDocs = 2000

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.tmp != "" {
		os.RemoveAll(bench.tmp)
	}
	os.Exit(code)
}

func benchStore(b *testing.B) (*store.Store, *store.Reader) {
	b.Helper()
	bench.once.Do(func() {
		bench.dir = os.Getenv("KG_BENCH_DB")
		if bench.dir == "" {
			tmp, err := os.MkdirTemp("", "kg-bench")
			if err != nil {
				bench.err = err
				return
			}
			bench.tmp = tmp
			bench.dir = filepath.Join(tmp, "kg.db")
			bench.err = buildSynthetic(bench.dir, syntheticDocs)
			if bench.err != nil {
				return
			}
		}
		s, err := store.Open(bench.dir, store.Options{ReadOnly: true})
		if err != nil {
			bench.err = err
			return
		}
		defer s.Close()
		r := s.Reader()
		defer r.Close()
		var es []*graph.Entity
		bench.err = r.Entities(nil, func(e *graph.Entity) error { es = append(es, e); return nil })
		sort.Slice(es, func(i, j int) bool {
			return es[i].Mentions > es[j].Mentions || es[i].Mentions == es[j].Mentions && es[i].ID < es[j].ID
		})
		for _, e := range es {
			bench.names = append(bench.names, e.Name)
			bench.ids = append(bench.ids, e.ID)
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	if len(bench.names) < 20 {
		b.Skipf("the store at %s has too few entities", bench.dir)
	}
	s, err := store.Open(bench.dir, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	return s, s.Reader()
}

// buildSynthetic writes n documents: entities drawn with a skewed
// popularity (so that some are busy), co-occurrence among them, and two
// dated events per document.
func buildSynthetic(dir string, n int) error {
	s, err := store.Open(dir, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []graph.Kind{graph.Person, graph.Organization, graph.Place}
	pool := make([]graph.DeltaEntity, 3000)
	for i := range pool {
		k := kinds[i%3]
		name := fmt.Sprintf("%s %d", strings.ToUpper(string(k[:1]))+string(k[1:]), i)
		key := graph.NameKey(name)
		pool[i] = graph.DeltaEntity{ID: graph.EntityID(k, key), Kind: k, Key: key, Name: name}
	}
	zipf := rand.NewZipf(rng, 1.2, 3, uint64(len(pool)-1))
	types := []string{"attack", "meeting", "agreement", "appeal", "sanction"}
	var batch []*graph.Delta
	for d := range n {
		text := fmt.Sprintf("Synthetic article %d for the query benchmarks.", d)
		date := time.Date(1987, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d*365/n)
		doc := graph.Document{ID: graph.DocumentID(text), Text: text, Published: date, Source: "bench"}
		ev := graph.Evidence{Document: doc.ID, Start: 0, End: len(text), Text: text}
		delta := &graph.Delta{Document: doc, Sentences: []graph.Span{{Start: 0, End: len(text)}}}
		seen := map[int]bool{}
		var picked []graph.DeltaEntity
		for len(picked) < 8 {
			i := int(zipf.Uint64())
			if seen[i] {
				continue
			}
			seen[i] = true
			picked = append(picked, pool[i])
		}
		delta.Entities = picked
		for _, e := range picked {
			delta.Mentions = append(delta.Mentions, graph.Mention{Entity: e.ID, Start: 0, End: 1, Text: e.Name})
		}
		for i := range picked {
			for j := i + 1; j < len(picked); j++ {
				delta.Relations = append(delta.Relations, graph.DeltaRelation{From: picked[i].ID, To: picked[j].ID, Type: graph.CoOccursWith, Weight: 1, Evidence: []graph.Evidence{ev}})
			}
		}
		for k := range 2 {
			delta.Events = append(delta.Events, graph.DeltaEvent{
				Type: types[(d+k)%len(types)], Label: fmt.Sprintf("event %d.%d", d, k), Date: date.AddDate(0, 0, -k).Format(time.DateOnly),
				Participants: []graph.DeltaParticipant{{Entity: picked[2*k].ID, Role: graph.RoleAgent}, {Entity: picked[2*k+1].ID, Role: graph.RoleTarget}},
				Evidence:     []graph.Evidence{ev},
			})
		}
		batch = append(batch, delta)
		if len(batch) == 100 || d == n-1 {
			if _, err := s.Apply(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return nil
}

// latencies records each iteration's time and reports the median and the
// 99th percentile.
type latencies struct {
	b  *testing.B
	ds []time.Duration
}

func (l *latencies) time(fn func()) {
	t := time.Now()
	fn()
	l.ds = append(l.ds, time.Since(t))
}

func (l *latencies) report() {
	if len(l.ds) == 0 {
		return
	}
	sort.Slice(l.ds, func(i, j int) bool { return l.ds[i] < l.ds[j] })
	q := func(p float64) float64 {
		return float64(l.ds[min(len(l.ds)-1, int(p*float64(len(l.ds))))].Microseconds()) / 1000
	}
	l.b.ReportMetric(q(0.5), "p50-ms")
	l.b.ReportMetric(q(0.99), "p99-ms")
}

func runQuery(b *testing.B, g query.Graph, src string, params map[string]query.Value) *query.Result {
	res, err := query.Run(context.Background(), g, src, query.Options{Params: params, Timeout: time.Minute})
	if err != nil {
		b.Fatalf("%s: %v", src, err)
	}
	return res
}

// BenchmarkLookupByName: an entity found through the name index.
func BenchmarkLookupByName(b *testing.B) {
	s, r := benchStore(b)
	defer s.Close()
	defer r.Close()
	names := bench.names[:min(len(bench.names), 2000)]
	l := &latencies{b: b}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		name := names[(i*7919)%len(names)]
		l.time(func() {
			res := runQuery(b, kgstore.New(r), "MATCH (e {name: $name}) RETURN e.id, e.mentions", map[string]query.Value{"name": name})
			if len(res.Rows) == 0 {
				b.Fatalf("no entity named %q", name)
			}
		})
	}
	l.report()
}

// BenchmarkTwoHopNeighbors: the distinct nodes within two hops of one of
// the ten busiest entities, breadth-first over the adjacency index.
func BenchmarkTwoHopNeighbors(b *testing.B) {
	s, r := benchStore(b)
	defer s.Close()
	defer r.Close()
	busy := bench.ids[:10]
	l := &latencies{b: b}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := busy[i%len(busy)]
		l.time(func() {
			seen := map[string]bool{id: true}
			frontier := []string{id}
			for range 2 {
				var next []string
				for _, n := range frontier {
					err := r.Links(n, store.Both, []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn, graph.RelatedTo, graph.CoOccursWith}, func(l store.Link) error {
						o := l.Other
						if !seen[o] {
							seen[o] = true
							next = append(next, o)
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				frontier = next
			}
		})
	}
	l.report()
}

// BenchmarkTwoHopQuery: the same through kg query, counting distinct
// entities two co-occurrence hops away.
func BenchmarkTwoHopQuery(b *testing.B) {
	s, r := benchStore(b)
	defer s.Close()
	defer r.Close()
	busy := bench.names[:10]
	l := &latencies{b: b}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		name := busy[i%len(busy)]
		l.time(func() {
			runQuery(b, kgstore.New(r), "MATCH (a {name: $name})-[:CO_OCCURS_WITH]-(b) WITH DISTINCT b MATCH (b)-[:CO_OCCURS_WITH]-(c) RETURN count(DISTINCT c)", map[string]query.Value{"name": name})
		})
	}
	l.report()
}

// BenchmarkShortestPath: kg path between two well-known entities, Dijkstra
// over a lazy gonum view of the adjacency index.
func BenchmarkShortestPath(b *testing.B) {
	s, r := benchStore(b)
	defer s.Close()
	defer r.Close()
	top := bench.ids[:min(len(bench.ids), 200)]
	types := []graph.EdgeType{graph.ParticipantIn, graph.OccurredIn, graph.RelatedTo, graph.CoOccursWith}
	l := &latencies{b: b}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		from, to := top[(i*31)%len(top)], top[(i*17+5)%len(top)]
		l.time(func() {
			lazy := algo.NewLazy(func(id string) ([]algo.Link, error) {
				var links []algo.Link
				err := r.Links(id, store.Both, types, func(l store.Link) error {
					links = append(links, algo.Link{To: l.Other})
					return nil
				})
				return links, err
			}, 200000)
			algo.ShortestPaths(lazy, from, to, 1)
			if err := lazy.Err(); err != nil {
				b.Fatal(err)
			}
		})
	}
	l.report()
}

// BenchmarkPatternDateRange: people and the events of one month they take
// part in, from the event date index.
func BenchmarkPatternDateRange(b *testing.B) {
	s, r := benchStore(b)
	defer s.Close()
	defer r.Close()
	l := &latencies{b: b}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		month := fmt.Sprintf("1987-%02d", 1+i%12)
		l.time(func() {
			runQuery(b, kgstore.New(r), `MATCH (p:Person)-[:PARTICIPANT_IN]->(e:Event)
WHERE e.date >= date($month) AND e.date <= date($month)
RETURN p.name AS name, count(e) AS events ORDER BY events DESC, name LIMIT 10`, map[string]query.Value{"month": month})
		})
	}
	l.report()
}

// BenchmarkPageRank: the whole graph read into a gonum view and ranked.
func BenchmarkPageRank(b *testing.B) {
	s, r := benchStore(b)
	defer s.Close()
	defer r.Close()
	l := &latencies{b: b}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.time(func() {
			v, err := algo.Build(readerSource{r}, algo.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if len(algo.PageRank(v, 1e-6)) == 0 {
				b.Fatal("no ranks")
			}
		})
	}
	l.report()
}

type readerSource struct{ r *store.Reader }

func (s readerSource) GraphNodes(fn func(algo.Node) error) error {
	return s.r.GraphNodes(func(n store.GraphNode) error {
		return fn(algo.Node{ID: n.ID, Kind: n.Kind, Name: n.Name, Date: n.Date, Mentions: n.Mentions})
	})
}

func (s readerSource) GraphEdges(fn func(graph.Edge) error) error { return s.r.GraphEdges(fn) }
