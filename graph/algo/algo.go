package algo

import (
	"math"
	"math/rand/v2"
	"sort"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

func sortNodes(ns []gg.Node) {
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID() < ns[j].ID() })
}

// hops hides a graph's weights, so that paths count hops.
type hops struct{ gg.Graph }

// ShortestPaths returns up to k shortest paths (by number of hops, fewest
// first) from one node to another, as kg ids; nil when there is none.
func ShortestPaths(g gg.Graph, from, to string, k int) [][]string {
	f, ok1 := Num(from)
	t, ok2 := Num(to)
	if !ok1 || !ok2 || k < 1 {
		return nil
	}
	var found [][]gg.Node
	if k == 1 {
		p, _ := path.DijkstraFromTo(simple.Node(f), simple.Node(t), hops{g})
		if len(p) > 0 {
			found = [][]gg.Node{p}
		}
	} else {
		found = path.YenKShortestPaths(hops{g}, k, math.Inf(1), simple.Node(f), simple.Node(t))
	}
	var out [][]string
	for _, p := range found {
		ids := make([]string, len(p))
		for i, n := range p {
			ids[i] = Key(n.ID())
		}
		out = append(out, ids)
	}
	return out
}

// Score is a node's score from a ranking.
type Score struct {
	ID    string
	Score float64
}

func scores(m map[int64]float64) []Score {
	out := make([]Score, 0, len(m))
	for id, s := range m {
		out = append(out, Score{ID: Key(id), Score: s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// directed is a weighted view seen as directed both ways, for PageRank.
type directed struct{ *View }

func (d directed) HasEdgeFromTo(u, v int64) bool { return d.HasEdgeBetween(u, v) }
func (d directed) To(id int64) gg.Nodes          { return d.From(id) }

// PageRank ranks the nodes of a view with gonum's sparse, edge-weighted
// PageRank (damping 0.85), best first.
func PageRank(v *View, tol float64) []Score {
	if v.Nodes().Len() == 0 {
		return nil
	}
	if tol <= 0 {
		tol = 1e-6
	}
	return scores(network.PageRankSparse(directed{v}, 0.85, tol))
}

// Degree ranks nodes by their number of neighbours (weighted when
// weighted is set: co-occurrence counts add up), best first.
func Degree(v *View, weighted bool) []Score {
	m := map[int64]float64{}
	nodes := v.Nodes()
	for nodes.Next() {
		id := nodes.Node().ID()
		to := v.From(id)
		if !weighted {
			m[id] = float64(to.Len())
			continue
		}
		s := 0.0
		for to.Next() {
			w, _ := v.Weight(id, to.Node().ID())
			s += w
		}
		m[id] = s
	}
	return scores(m)
}

// Betweenness ranks nodes by unweighted betweenness centrality: exact
// (gonum's network.Betweenness) for graphs of at most samples nodes,
// otherwise estimated from samples random sources (Brandes' accumulation,
// scaled by n/samples), with a fixed seed so that runs agree.
func Betweenness(v *View, samples int, seed uint64) []Score {
	n := v.Nodes().Len()
	if n == 0 {
		return nil
	}
	if samples <= 0 || n <= samples {
		m := network.Betweenness(hops{v})
		for id := range v.nodes {
			if _, ok := m[id]; !ok {
				m[id] = 0
			}
		}
		return scores(m)
	}
	return sampledBetweenness(v, samples, seed)
}

func sampledBetweenness(v *View, samples int, seed uint64) []Score {
	n := v.Nodes().Len()
	ids := make([]int64, 0, n)
	nodes := v.Nodes()
	for nodes.Next() {
		ids = append(ids, nodes.Node().ID())
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	index := make(map[int64]int, n)
	for i, id := range ids {
		index[id] = i
	}
	adj := make([][]int32, n)
	for i, id := range ids {
		to := v.From(id)
		for to.Next() {
			adj[i] = append(adj[i], int32(index[to.Node().ID()]))
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	perm := rng.Perm(n)[:samples]
	cb := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int32, n)
	delta := make([]float64, n)
	preds := make([][]int32, n)
	stack := make([]int32, 0, n)
	queue := make([]int32, 0, n)
	for _, s := range perm {
		for i := range n {
			sigma[i], dist[i], delta[i] = 0, -1, 0
			preds[i] = preds[i][:0]
		}
		stack, queue = stack[:0], append(queue[:0], int32(s))
		sigma[s], dist[s] = 1, 0
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			stack = append(stack, u)
			for _, w := range adj[u] {
				if dist[w] < 0 {
					dist[w] = dist[u] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[u]+1 {
					sigma[w] += sigma[u]
					preds[w] = append(preds[w], u)
				}
			}
		}
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, u := range preds[w] {
				delta[u] += sigma[u] / sigma[w] * (1 + delta[w])
			}
			if int(w) != s {
				cb[w] += delta[w]
			}
		}
	}
	// Like gonum's, the sum runs over ordered pairs; scale the sample.
	scale := float64(n) / float64(samples)
	m := make(map[int64]float64, n)
	for i, id := range ids {
		m[id] = cb[i] * scale
	}
	return scores(m)
}

// Community is a set of nodes, best connected first.
type Community struct {
	Members []string
}

// Communities finds communities with gonum's Louvain modularization
// (community.Modularize) at a resolution (1 is standard; higher gives
// smaller communities), largest first; members are ordered by weighted
// degree. The seed makes runs repeatable. Q is the modularity.
func Communities(v *View, resolution float64, seed uint64) ([]Community, float64) {
	if v.Nodes().Len() == 0 {
		return nil, 0
	}
	if resolution <= 0 {
		resolution = 1
	}
	reduced := community.Modularize(v, resolution, rand.NewPCG(seed, seed+1))
	comms := reduced.Communities()
	q := community.Q(v, comms, resolution)
	deg := map[string]float64{}
	for _, s := range Degree(v, true) {
		deg[s.ID] = s.Score
	}
	out := make([]Community, 0, len(comms))
	for _, c := range comms {
		var ms []string
		for _, n := range c {
			ms = append(ms, Key(n.ID()))
		}
		sort.Slice(ms, func(i, j int) bool {
			if deg[ms[i]] != deg[ms[j]] {
				return deg[ms[i]] > deg[ms[j]]
			}
			return ms[i] < ms[j]
		})
		out = append(out, Community{Members: ms})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Members) != len(out[j].Members) {
			return len(out[i].Members) > len(out[j].Members)
		}
		return out[i].Members[0] < out[j].Members[0]
	})
	return out, q
}
