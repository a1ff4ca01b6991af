// Package clusters learns hierarchical word clusters from unlabeled text,
// for features of sequence taggers: words that occur in similar contexts
// ("Paris", "Moscow"; "said", "told") share a cluster, and a cluster's path
// in a binary tree gives coarser and finer groupings by its prefixes, as
// Brown clusters do (Brown et al. 1992; Liang 2005).
//
// The objective is Brown's: the likelihood of a class bigram model,
// P(w_i | w_i-1) = P(c(w_i) | c(w_i-1)) P(w_i | c(w_i)), which amounts to
// maximizing
//
//	F = sum_{c,d} N(c,d) log N(c,d) - sum_c N(c,.) log N(c,.) - sum_d N(.,d) log N(.,d)
//
// over class bigram counts N. Instead of Brown's bottom-up merging, the tree
// is grown top down: every class is split in two and words are moved
// between the two halves by the exchange algorithm (Kneser & Ney 1993;
// Martin, Liermann & Ney 1998) until few moves help, level after level;
// then a few exchange passes over all the leaves let words move across the
// tree. A word's path is the sequence of halves down to its leaf. The
// result depends only on the text and the options.
package clusters

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// Options set up Cluster.
type Options struct {
	// Depth is the depth of the tree: at most 2^Depth leaf clusters
	// (default 10, 1,024 clusters).
	Depth int
	// MinCount leaves out words seen fewer times (default 3); they share
	// one context class.
	MinCount int
	// Iterations bounds the exchange passes at each level (default 8).
	Iterations int
	// Refine is the number of exchange passes over all leaves (default 2).
	Refine int
	// Log receives progress; nil discards it.
	Log io.Writer
}

// Corpus collects the sentences to cluster.
type Corpus struct {
	ids    map[string]int32
	words  []string
	counts []int64
	seq    []int32 // word ids; -1 between sentences
}

// NewCorpus returns an empty corpus.
func NewCorpus() *Corpus { return &Corpus{ids: map[string]int32{}} }

// Add adds a sentence of tokens.
func (c *Corpus) Add(sentence []string) {
	if len(sentence) == 0 {
		return
	}
	for _, w := range sentence {
		id, ok := c.ids[w]
		if !ok {
			id = int32(len(c.words))
			c.ids[w] = id
			c.words = append(c.words, strings.Clone(w))
			c.counts = append(c.counts, 0)
		}
		c.counts[id]++
		c.seq = append(c.seq, id)
	}
	c.seq = append(c.seq, -1)
}

// Tokens is the number of tokens added.
func (c *Corpus) Tokens() int { return len(c.seq) - c.Sentences() }

// Sentences is the number of sentences added.
func (c *Corpus) Sentences() int {
	n := 0
	for _, id := range c.seq {
		if id < 0 {
			n++
		}
	}
	return n
}

// Word is a clustered word.
type Word struct {
	Word  string
	Path  string // 0s and 1s
	Count int64
}

// edge is a bigram count with a neighbour.
type edge struct {
	w int32
	n float64
}

// state is the clustering in progress. Words are 0..V-1 (by falling
// frequency), then the sentence boundary and the rare-word class.
type state struct {
	succ, pred [][]edge
	self       []float64 // count of the bigram (w, w)
	nl, nr     []float64 // counts of w as left and as right element
	class      []int32
	k          int       // number of classes
	n, nt      []float64 // class bigram counts, N[c*k+d] and its transpose
	cl, cr     []float64 // class marginals
	// scratch
	r, l       []float64
	rz, lz     []int32
	xlogxTable []float64
}

const xlogxSize = 1 << 20

func (s *state) xlogx(x float64) float64 {
	if x < xlogxSize {
		i := int(x)
		if float64(i) == x {
			return s.xlogxTable[i]
		}
	}
	if x <= 0 {
		return 0
	}
	return x * math.Log(x)
}

// Cluster clusters the words of the corpus seen at least opt.MinCount
// times, most frequent first.
func (c *Corpus) Cluster(opt Options) ([]Word, error) {
	if opt.Depth == 0 {
		opt.Depth = 10
	}
	if opt.MinCount == 0 {
		opt.MinCount = 3
	}
	if opt.Iterations == 0 {
		opt.Iterations = 8
	}
	if opt.Refine < 0 {
		opt.Refine = 0
	} else if opt.Refine == 0 {
		opt.Refine = 2
	}
	if opt.Depth < 1 || opt.Depth > 16 {
		return nil, fmt.Errorf("clusters: depth %d, want 1 to 16", opt.Depth)
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	start := time.Now()
	// Vocabulary by falling frequency.
	order := make([]int32, 0, len(c.words))
	for id, n := range c.counts {
		if n >= int64(opt.MinCount) {
			order = append(order, int32(id))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c.counts[a] != c.counts[b] {
			if c.counts[a] > c.counts[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(c.words[a], c.words[b])
	})
	V := len(order)
	if V < 2 {
		return nil, fmt.Errorf("clusters: only %d words seen %d times or more", V, opt.MinCount)
	}
	boundary, rare := int32(V), int32(V+1)
	remap := make([]int32, len(c.words))
	for i := range remap {
		remap[i] = rare
	}
	for i, id := range order {
		remap[id] = int32(i)
	}
	// Bigram counts.
	W := V + 2
	big := map[uint64]float64{}
	prev := boundary
	for _, id := range c.seq {
		cur := boundary
		if id >= 0 {
			cur = remap[id]
		}
		big[uint64(prev)<<32|uint64(cur)]++
		prev = cur
	}
	s := &state{succ: make([][]edge, W), pred: make([][]edge, W), self: make([]float64, W),
		nl: make([]float64, W), nr: make([]float64, W), class: make([]int32, W)}
	keys := make([]uint64, 0, len(big))
	for k := range big {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		u, v, n := int32(k>>32), int32(k&0xffffffff), big[k]
		s.nl[u] += n
		s.nr[v] += n
		if u == v {
			s.self[u] += n
			continue
		}
		s.succ[u] = append(s.succ[u], edge{v, n})
		s.pred[v] = append(s.pred[v], edge{u, n})
	}
	big = nil
	s.xlogxTable = make([]float64, xlogxSize)
	for i := 1; i < xlogxSize; i++ {
		s.xlogxTable[i] = float64(i) * math.Log(float64(i))
	}
	logf("clusters: %d tokens, %d words seen %d times or more, %d bigrams (%s)",
		c.Tokens(), V, opt.MinCount, len(keys), time.Since(start).Round(time.Millisecond))

	// Top down: split every class in two, then exchange words between the
	// halves.
	s.k = 1
	for level := 1; level <= opt.Depth; level++ {
		t := time.Now()
		rank := make([]int, s.k) // words seen so far per old class
		for w := range W {
			old := s.class[w]
			s.class[w] = 2*old + int32(rank[old]%2)
			rank[old]++
		}
		s.k *= 2
		s.recount()
		moves := 0
		for it := 0; it < opt.Iterations; it++ {
			m := s.pass(func(w int32, try func(b int32)) {
				half := s.class[w] &^ 1
				try(half)
				try(half + 1)
			})
			moves += m
			if m < W/1000+1 {
				break
			}
		}
		logf("clusters: level %2d: %4d classes, %6d moves, objective %.6g (%s)",
			level, s.k, moves, s.objective(), time.Since(t).Round(time.Millisecond))
	}
	for it := 0; it < opt.Refine; it++ {
		t := time.Now()
		m := s.pass(func(w int32, try func(b int32)) {
			for b := range int32(s.k) {
				try(b)
			}
		})
		logf("clusters: refine %d: %6d moves, objective %.6g (%s)", it+1, m, s.objective(), time.Since(t).Round(time.Millisecond))
		if m == 0 {
			break
		}
	}
	out := make([]Word, V)
	for i, id := range order {
		out[i] = Word{Word: c.words[id], Path: pathString(s.class[i], opt.Depth), Count: c.counts[id]}
	}
	return out, nil
}

func pathString(c int32, depth int) string {
	b := make([]byte, depth)
	for i := range depth {
		b[depth-1-i] = '0' + byte(c>>i&1)
	}
	return string(b)
}

// recount computes the class bigram counts from the word bigrams.
func (s *state) recount() {
	k := s.k
	s.n = make([]float64, k*k)
	s.nt = make([]float64, k*k)
	s.cl = make([]float64, k)
	s.cr = make([]float64, k)
	s.r = make([]float64, k)
	s.l = make([]float64, k)
	for u := range s.succ {
		cu := int(s.class[u])
		for _, e := range s.succ[u] {
			cv := int(s.class[e.w])
			s.n[cu*k+cv] += e.n
			s.nt[cv*k+cu] += e.n
		}
		s.n[cu*k+cu] += s.self[u]
		s.nt[cu*k+cu] += s.self[u]
		s.cl[cu] += s.nl[u]
		s.cr[cu] += s.nr[u]
	}
}

func (s *state) objective() float64 {
	f := 0.0
	for _, v := range s.n {
		f += s.xlogx(v)
	}
	for c := range s.k {
		f -= s.xlogx(s.cl[c]) + s.xlogx(s.cr[c])
	}
	return f
}

// pass offers every word the classes that candidates tries, moving it to
// the best one; it returns the number of words moved.
func (s *state) pass(candidates func(w int32, try func(b int32))) int {
	moves := 0
	for w := range int32(len(s.class)) {
		a := s.class[w]
		// Counts of w's neighbours by class.
		s.rz, s.lz = s.rz[:0], s.lz[:0]
		for _, e := range s.succ[w] {
			c := s.class[e.w]
			if s.r[c] == 0 {
				s.rz = append(s.rz, c)
			}
			s.r[c] += e.n
		}
		for _, e := range s.pred[w] {
			c := s.class[e.w]
			if s.l[c] == 0 {
				s.lz = append(s.lz, c)
			}
			s.l[c] += e.n
		}
		slices.Sort(s.rz) // a fixed order of float sums
		slices.Sort(s.lz)
		self, nl, nr := s.self[w], s.nl[w], s.nr[w]
		s.move(w, a, -1)
		best, bestGain := a, math.Inf(-1)
		candidates(w, func(b int32) {
			g := s.gain(b, self, nl, nr)
			if g > bestGain+1e-9 || g >= bestGain-1e-9 && b == a {
				best, bestGain = b, g
			}
		})
		s.move(w, best, 1)
		if best != a {
			moves++
		}
		for _, c := range s.rz {
			s.r[c] = 0
		}
		for _, c := range s.lz {
			s.l[c] = 0
		}
	}
	return moves
}

// move adds (sign 1) or removes (sign -1) word w, whose neighbour counts by
// class are in s.r and s.l, to or from class b.
func (s *state) move(w, b int32, sign float64) {
	k := int(s.k)
	bi := int(b)
	for _, c := range s.rz {
		v := sign * s.r[c]
		s.n[bi*k+int(c)] += v
		s.nt[int(c)*k+bi] += v
	}
	for _, c := range s.lz {
		v := sign * s.l[c]
		s.n[int(c)*k+bi] += v
		s.nt[bi*k+int(c)] += v
	}
	v := sign * s.self[w]
	s.n[bi*k+bi] += v
	s.nt[bi*k+bi] += v
	s.cl[bi] += sign * s.nl[w]
	s.cr[bi] += sign * s.nr[w]
	s.class[w] = b
}

// gain is the change of the objective if the word whose counts are in s.r,
// s.l (and self, nl, nr) joined class b.
func (s *state) gain(b int32, self, nl, nr float64) float64 {
	k := int(s.k)
	bi := int(b)
	row, col := s.n[bi*k:bi*k+k], s.nt[bi*k:bi*k+k]
	g := 0.0
	for _, c := range s.rz {
		if c == b {
			continue
		}
		x := row[c]
		g += s.xlogx(x+s.r[c]) - s.xlogx(x)
	}
	for _, c := range s.lz {
		if c == b {
			continue
		}
		x := col[c]
		g += s.xlogx(x+s.l[c]) - s.xlogx(x)
	}
	x := row[b]
	g += s.xlogx(x+s.r[b]+s.l[b]+self) - s.xlogx(x)
	g -= s.xlogx(s.cl[b]+nl) - s.xlogx(s.cl[b])
	g -= s.xlogx(s.cr[b]+nr) - s.xlogx(s.cr[b])
	return g
}

// Write writes clustered words as Liang's wcluster does:
// "path<TAB>word<TAB>count" lines.
func Write(w io.Writer, words []Word) error {
	bw := bufio.NewWriter(w)
	for _, x := range words {
		fmt.Fprintf(bw, "%s\t%s\t%d\n", x.Path, x.Word, x.Count)
	}
	return bw.Flush()
}
