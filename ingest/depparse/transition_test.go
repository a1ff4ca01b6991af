package depparse

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"kg/ingest/conllu"
)

const (
	trainFile = "../../../shared/data/ud-english-ewt/en_ewt-ud-train.conllu"
	devFile   = "../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
	testFile  = "../../../shared/data/ud-english-ewt/en_ewt-ud-test.conllu"
)

// readTreebank reads a CoNLL-U file of ../shared/data, or skips the test
// when it is not there.
func readTreebank(tb testing.TB, path string) []*conllu.Sentence {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("%s not available: %v", path, err)
	}
	defer f.Close()
	s, err := conllu.ReadAll(f)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// heads returns a tree's heads indexed by word (head[0] unused).
func heads(s *conllu.Sentence) []int32 {
	h := make([]int32, len(s.Words)+1)
	for i, w := range s.Words {
		h[i+1] = int32(w.Head)
	}
	return h
}

// runStatic parses with the static oracle and returns the heads it built;
// it fails the test if a static move has a dynamic cost.
func runStatic(t *testing.T, g *gold, n int) []int32 {
	t.Helper()
	var c config
	c.reset(n)
	for steps := 0; !c.terminal(); steps++ {
		if steps > 2*n {
			t.Fatalf("more than %d transitions", 2*n)
		}
		g.sync(&c)
		move, r := g.staticMove(&c)
		if cost := g.costs(&c); cost[move] != 0 {
			t.Fatalf("static move %d has cost %v in stack %v, buffer %d", move, cost, c.stack, c.b)
		}
		c.apply(move, r)
	}
	return slices.Clone(c.head)
}

// TestStaticOracleReachesEveryTree parses every training tree, lifted to
// its projective form, with the static oracle, and checks that the oracle
// rebuilds it with moves of dynamic cost 0.
func TestStaticOracleReachesEveryTree(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the training treebank")
	}
	sents := readTreebank(t, trainFile)
	nonProj, projective := 0, 0
	for _, s := range sents {
		if err := s.Validate(); err != nil {
			t.Fatalf("line %d: %v", s.Line, err)
		}
		h := heads(s)
		if Projectivize(h) > 0 {
			nonProj++
		} else {
			projective++
		}
		if !IsProjective(h) {
			t.Fatalf("line %d: not projective after lifting", s.Line)
		}
		rel := make([]uint8, len(h))
		got := runStatic(t, newGold(h, rel), len(s.Words))
		got[0] = h[0]
		if !slices.Equal(got, h) {
			t.Fatalf("line %d: the static oracle built %v, want %v", s.Line, got[1:], h[1:])
		}
	}
	t.Logf("%d trees: %d projective, %d lifted", len(sents), projective, nonProj)
}

func TestProjectivize(t *testing.T) {
	for _, tc := range []struct {
		head, want []int32 // index 0 unused
		lifts      int
	}{
		// A projective tree stays as it is.
		{[]int32{0, 2, 0, 2}, []int32{0, 2, 0, 2}, 0},
		// 1 <- 3 spans 2, which hangs from 4: 1 is lifted to 3's head.
		{[]int32{0, 3, 4, 4, 0}, []int32{0, 4, 4, 4, 0}, 1},
		// "A hearing is scheduled on the issue today": the arc from
		// hearing (2) to issue (7) spans "is scheduled"; issue is lifted
		// to scheduled.
		{[]int32{0, 2, 4, 4, 0, 7, 7, 2, 4}, []int32{0, 2, 4, 4, 0, 7, 7, 4, 4}, 1},
	} {
		h := slices.Clone(tc.head)
		lifts := Projectivize(h)
		if lifts != tc.lifts || !slices.Equal(h, tc.want) {
			t.Errorf("Projectivize(%v) = %v (%d lifts), want %v (%d)", tc.head[1:], h[1:], lifts, tc.want[1:], tc.lifts)
		}
		if !IsProjective(h) {
			t.Errorf("%v is not projective", h[1:])
		}
	}
}

// TestDynamicOracleCosts checks the costs on hand-made configurations.
func TestDynamicOracleCosts(t *testing.T) {
	// "She ate the fish": ate is the root; She <- ate -> fish -> the.
	//   1 She, 2 ate, 3 the, 4 fish
	head := []int32{0, 2, 0, 4, 2}
	for _, tc := range []struct {
		name  string
		moves []int // from the start
		want  [3]int
	}{
		// Start: only SH is allowed.
		{"start", nil, [3]int{0, -1, -1}},
		// [root She] [ate ...]: LA (She <- ate) is right; SH would lose
		// ate's head (the root, below She) and its dependent She; RA is
		// allowed only at the end.
		{"she", []int{shift}, [3]int{2, 0, -1}},
		// [root She ate] [the fish] (two arcs lost already): LA and RA
		// both lose fish, ate's dependent still in the buffer.
		{"she ate", []int{shift, shift}, [3]int{0, 1, 1}},
		// [root ate] [the fish]: SH is right; LA would lose ate's head
		// (the root) and its dependent fish.
		{"ate", []int{shift, left, shift}, [3]int{0, 2, -1}},
		// [root ate the] [fish]: LA (the <- fish) is right; RA loses the's
		// head; SH loses fish's head (ate, below the) and its dependent.
		{"ate the", []int{shift, left, shift, shift}, [3]int{2, 0, 1}},
		// [root ate fish] []: RA (ate -> fish), the only move.
		{"ate fish", []int{shift, left, shift, shift, left, shift}, [3]int{-1, -1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGold(head, make([]uint8, len(head)))
			var c config
			c.reset(4)
			for _, m := range tc.moves {
				c.apply(m, 0)
			}
			g.sync(&c)
			if got := g.costs(&c); got != tc.want {
				t.Errorf("stack %v buffer %d: costs %v, want %v", c.stack, c.b, got, tc.want)
			}
		})
	}
}

// minLoss is the fewest wrong heads of any complete tree reachable from c.
func minLoss(c *config, head []int32, memo map[string]int) int {
	if c.terminal() {
		n := 0
		for d := 1; d < len(head); d++ {
			if c.head[d] != head[d] {
				n++
			}
		}
		return n
	}
	key := fmt.Sprint(c.stack, c.b, c.head)
	if v, ok := memo[key]; ok {
		return v
	}
	best := 1 << 30
	moves := c.legal()
	for m := range 3 {
		if moves&(1<<m) == 0 {
			continue
		}
		next := c.clone()
		next.apply(m, 0)
		best = min(best, minLoss(next, head, memo))
	}
	memo[key] = best
	return best
}

func (c *config) clone() *config {
	d := &config{n: c.n, b: c.b}
	d.stack = slices.Clone(c.stack)
	d.head, d.rel = slices.Clone(c.head), slices.Clone(c.rel)
	d.lc1, d.lc2, d.rc1, d.rc2 = slices.Clone(c.lc1), slices.Clone(c.lc2), slices.Clone(c.rc1), slices.Clone(c.rc2)
	d.nl, d.nr, d.lset, d.rset = slices.Clone(c.nl), slices.Clone(c.nr), slices.Clone(c.lset), slices.Clone(c.rset)
	return d
}

// randomProjectiveTree returns the heads of a random projective tree of n
// words with one root.
func randomProjectiveTree(r *rand.Rand, n int) []int32 {
	for {
		h := make([]int32, n+1)
		root := int32(1 + r.IntN(n))
		for d := int32(1); d <= int32(n); d++ {
			if d == root {
				continue
			}
			for {
				h[d] = int32(1 + r.IntN(n))
				if h[d] != d {
					break
				}
			}
		}
		if !isTree(h) || !IsProjective(h) {
			continue
		}
		return h
	}
}

func isTree(h []int32) bool {
	for d := 1; d < len(h); d++ {
		k := int32(d)
		for steps := 0; k != 0; steps++ {
			if steps >= len(h) {
				return false
			}
			k = h[k]
		}
	}
	return true
}

// TestDynamicOracleIsExact compares the costs with exhaustive search on
// random small trees from random configurations: the cost of a move is the
// loss it adds to the best tree reachable.
func TestDynamicOracleIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for range 300 {
		n := 1 + r.IntN(7)
		head := randomProjectiveTree(r, n)
		g := newGold(head, make([]uint8, n+1))
		var c config
		c.reset(n)
		memo := map[string]int{}
		for !c.terminal() {
			g.sync(&c)
			cost := g.costs(&c)
			base := minLoss(&c, head, memo)
			moves := c.legal()
			for m := range 3 {
				if moves&(1<<m) == 0 {
					if cost[m] != -1 {
						t.Fatalf("tree %v stack %v buffer %d: move %d not allowed, cost %d", head[1:], c.stack, c.b, m, cost[m])
					}
					continue
				}
				next := c.clone()
				next.apply(m, 0)
				if want := minLoss(next, head, memo) - base; cost[m] != want {
					t.Fatalf("tree %v stack %v buffer %d: move %d costs %d, want %d", head[1:], c.stack, c.b, m, cost[m], want)
				}
				checked++
			}
			// Wander: take a random allowed move.
			for {
				m := r.IntN(3)
				if moves&(1<<m) != 0 {
					c.apply(m, 0)
					break
				}
			}
		}
	}
	t.Logf("%d costs checked", checked)
}

// TestOnlyTransition: a configuration for which onlyTransition names a
// transition (the greedy parser takes it unscored) is one where scoring
// picks that transition whatever the scores. Random scores walk the
// configurations of sentences of every length up to 40.
func TestOnlyTransition(t *testing.T) {
	p, err := Greedy()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	scores := make([]int32, len(p.trans))
	forced, total := 0, 0
	var c config
	for n := 1; n <= 40; n++ {
		for range 20 {
			c.reset(n)
			for !c.terminal() {
				for i := range scores {
					scores[i] = rng.Int32N(2001) - 1000
				}
				y := bestTransition(p.trans, &c, scores, nil)
				if y < 0 {
					t.Fatalf("n=%d: no transition allowed before the end", n)
				}
				only := onlyTransition(p.trans, &c)
				if only >= 0 && only != y {
					t.Fatalf("n=%d: onlyTransition %d, scoring chose %d", n, only, y)
				}
				if only >= 0 {
					forced++
				}
				total++
				tr := p.trans[y]
				c.apply(tr.move, tr.rel)
			}
		}
	}
	if forced == 0 || forced == total {
		t.Fatalf("%d forced of %d transitions: the walk missed a case", forced, total)
	}
	t.Logf("%d forced of %d transitions", forced, total)
}
