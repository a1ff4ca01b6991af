package algo

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"kg/graph"
)

// testSub is two triangles of people joined through one event:
// a-b-c-a and d-e-f-d, with c and d taking part in event x (2015-11-20),
// and g, who only takes part in event y (2014).
func testSub() *graph.Subgraph {
	id := func(s string) string { return graph.EntityID(graph.Person, s) }
	sub := &graph.Subgraph{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		sub.Entities = append(sub.Entities, &graph.Entity{ID: id(n), Kind: graph.Person, Name: n, Mentions: 1})
	}
	x, y := graph.EventID("meeting", "2015-11-20", "x"), graph.EventID("meeting", "2014", "y")
	sub.Events = []*graph.Event{{ID: x, Type: "meeting", Label: "x", Date: "2015-11-20"}, {ID: y, Type: "meeting", Label: "y", Date: "2014"}}
	co := func(a, b string, w float64) graph.Edge {
		return graph.Edge{From: id(a), To: id(b), Type: graph.CoOccursWith, Weight: w}
	}
	sub.Edges = []graph.Edge{
		co("a", "b", 3), co("b", "c", 1), co("a", "c", 1),
		co("d", "e", 2), co("e", "f", 2), co("d", "f", 1),
		{From: id("c"), To: x, Type: graph.ParticipantIn, Qualifier: "agent", Weight: 1},
		{From: id("d"), To: x, Type: graph.ParticipantIn, Qualifier: "other", Weight: 1},
		{From: id("g"), To: y, Type: graph.ParticipantIn, Qualifier: "agent", Weight: 1},
	}
	return sub
}

func names(v *View, ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += " "
		}
		n, _ := v.Lookup(id)
		s += n.Name
	}
	return s
}

func TestBuildAndPaths(t *testing.T) {
	v, err := Build(FromSubgraph(testSub()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := v.Nodes().Len(); n != 9 {
		t.Errorf("%d nodes, want 9", n)
	}
	a, f := graph.EntityID(graph.Person, "a"), graph.EntityID(graph.Person, "f")
	ps := ShortestPaths(v, a, f, 1)
	if len(ps) != 1 || names(v, ps[0]) != "a c x d f" {
		t.Errorf("shortest a-f = %v", ps)
	}
	ps = ShortestPaths(v, a, f, 3)
	if len(ps) != 3 || len(ps[0]) != 5 || len(ps[1]) != 6 {
		var got []string
		for _, p := range ps {
			got = append(got, names(v, p))
		}
		t.Errorf("3 shortest a-f = %q", got)
	}
	if ps := ShortestPaths(v, a, graph.EntityID(graph.Person, "g"), 1); ps != nil {
		t.Errorf("a-g = %v, want no path", ps)
	}
	// A window keeps event x and its participants only.
	w, err := Build(FromSubgraph(testSub()), Options{From: "2015-11", To: "2015-11-30"})
	if err != nil {
		t.Fatal(err)
	}
	if n := w.Nodes().Len(); n != 3 {
		t.Errorf("window: %d nodes, want 3 (c, d, x)", n)
	}
	// Without events, c and d are joined directly.
	ne, err := Build(FromSubgraph(testSub()), Options{NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	if ps := ShortestPaths(ne, a, f, 1); len(ps) != 1 || names(ne, ps[0]) != "a c d f" {
		t.Errorf("no events: a-f = %v", ps)
	}
}

func TestLazyPaths(t *testing.T) {
	sub := testSub()
	adj := map[string][]Link{}
	for _, e := range sub.Edges {
		adj[e.From] = append(adj[e.From], Link{To: e.To, Edge: e})
		adj[e.To] = append(adj[e.To], Link{To: e.From, Edge: e})
	}
	calls := 0
	lazy := NewLazy(func(id string) ([]Link, error) { calls++; return adj[id], nil }, 0)
	a, b, f := graph.EntityID(graph.Person, "a"), graph.EntityID(graph.Person, "b"), graph.EntityID(graph.Person, "f")
	ps := ShortestPaths(lazy, a, f, 2)
	if len(ps) != 2 || len(ps[0]) != 5 {
		t.Fatalf("lazy a-f = %v", ps)
	}
	if _, ok := lazy.EdgeOf(mustNum(a), mustNum(graph.EntityID(graph.Person, "c"))); !ok {
		t.Error("EdgeOf a-c: none")
	}
	small := NewLazy(func(id string) ([]Link, error) { return adj[id], nil }, 2)
	if ps := ShortestPaths(small, a, f, 1); ps != nil || !small.Exhausted {
		t.Errorf("bounded search: %v, exhausted %v", ps, small.Exhausted)
	}
	if ps := ShortestPaths(NewLazy(func(string) ([]Link, error) { return adj[a], nil }, 0), a, b, 1); len(ps) != 1 {
		t.Errorf("a-b = %v", ps)
	}
}

func mustNum(id string) int64 {
	n, ok := Num(id)
	if !ok {
		panic(id)
	}
	return n
}

func TestRankings(t *testing.T) {
	v, err := Build(FromSubgraph(testSub()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	name := func(s Score) string { n, _ := v.Lookup(s.ID); return n.Name }
	pr := PageRank(v, 1e-8)
	sum := 0.0
	for _, s := range pr {
		sum += s.Score
	}
	if math.Abs(sum-1) > 1e-6 || len(pr) != 9 {
		t.Errorf("PageRank sums to %v over %d nodes", sum, len(pr))
	}
	if top := name(pr[0]); top != "a" && top != "e" && top != "d" && top != "c" {
		t.Errorf("PageRank top = %s", top)
	}
	deg := Degree(v, false)
	if name(deg[0]) != "c" && name(deg[0]) != "d" || deg[0].Score != 3 {
		t.Errorf("degree top = %s %v, want c or d with 3", name(deg[0]), deg[0].Score)
	}
	wdeg := Degree(v, true)
	if wdeg[0].Score != 4 {
		t.Errorf("weighted degree top = %s %v", name(wdeg[0]), wdeg[0].Score)
	}
	exact := Betweenness(v, 0, 1)
	if name(exact[0]) != "x" {
		t.Errorf("betweenness top = %s, want the bridging event x", name(exact[0]))
	}
	// Sampling every source gives the exact figures.
	n := v.Nodes().Len()
	full := map[string]float64{}
	for _, s := range sampledBetweenness(v, n, 7) {
		full[s.ID] = s.Score
	}
	for _, s := range exact {
		if math.Abs(full[s.ID]-s.Score) > 1e-9 {
			t.Errorf("sampled betweenness of %s = %v, exact %v", name(s), full[s.ID], s.Score)
		}
	}
}

func TestCommunities(t *testing.T) {
	v, err := Build(FromSubgraph(testSub()), Options{NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	comms, q := Communities(v, 1, 1)
	var got []string
	for _, c := range comms {
		ns := strings.Fields(names(v, c.Members))
		sort.Strings(ns)
		got = append(got, strings.Join(ns, " "))
	}
	if len(comms) < 2 || q <= 0 {
		t.Fatalf("communities %q, Q %v", got, q)
	}
	if fmt.Sprint(got[:2]) != "[a b c d e f]" && fmt.Sprint(got[:2]) != "[d e f a b c]" {
		t.Errorf("communities = %q", got)
	}
}
