package depparse

import (
	"fmt"
	"slices"

	"kg/ingest/perceptron"
)

// Beam search over the transitions (Zhang & Clark 2008; Zhang & Nivre
// 2011): instead of the single best transition, the parser keeps the k
// best partial parses by the sum of their transitions' scores. In the
// arc-hybrid system every parse of n words takes 2n transitions, so the
// partial parses of the beam are always of the same length and their
// scores compare. A model for the beam is trained globally (train.go):
// on whole transition sequences, updated where the gold sequence falls
// furthest behind the beam's best (max-violation, Huang et al. 2012).

// beamItem is a partial parse: its configuration, the sum of its
// transitions' scores and, in training, its transitions.
type beamItem struct {
	c     config
	score float64
	hist  []uint8 // transition ids, for training
	gold  bool    // the prefix of the gold sequence, for training
}

// candidate is a transition from a beam item, with the score of the
// partial parse it makes.
type candidate struct {
	from, y int
	score   float64
	gold    bool
}

// beam is the work space of a beam search.
type beam struct {
	cur, next []*beamItem
	cands     []candidate
}

// start makes the beam one empty configuration of a sentence of n words.
func (b *beam) start(n int) {
	if len(b.cur) == 0 {
		b.cur = append(b.cur, &beamItem{})
	}
	it := b.cur[0]
	it.c.reset(n)
	it.score, it.hist, it.gold = 0, it.hist[:0], true
	b.cur = b.cur[:1]
	b.cands = b.cands[:0]
}

// offer adds a candidate, keeping the k best in b.cands, best first (ties
// keep the earlier candidate ahead, so the search is deterministic).
func (b *beam) offer(cd candidate, k int) {
	cs := b.cands
	if len(cs) == k {
		if cd.score <= cs[k-1].score {
			return
		}
		cs = cs[:k-1]
	}
	i := len(cs)
	cs = append(cs, cd)
	for i > 0 && cs[i-1].score < cd.score {
		cs[i] = cs[i-1]
		i--
	}
	cs[i] = cd
	b.cands = cs
}

// cut drops the candidates that score more than margin below the best (a
// margin of 0 keeps them all): where the model is sure, the beam narrows
// and the search costs little more than the greedy one.
func (b *beam) cut(margin float64) {
	if margin <= 0 || len(b.cands) < 2 {
		return
	}
	min := b.cands[0].score - margin
	for i := 1; i < len(b.cands); i++ {
		if b.cands[i].score < min {
			b.cands = b.cands[:i]
			return
		}
	}
}

// advance makes the next beam of the candidates, applying their
// transitions; with keepHist the items keep their transition histories.
func (b *beam) advance(trans []transition, keepHist bool) {
	for len(b.next) < len(b.cands) {
		b.next = append(b.next, &beamItem{})
	}
	next := b.next[:len(b.cands)]
	for j, cd := range b.cands {
		if next[j] == nil { // a slot of the array not used yet
			next[j] = &beamItem{}
		}
		from, to := b.cur[cd.from], next[j]
		to.c.copyFrom(&from.c)
		tr := trans[cd.y]
		to.c.apply(tr.move, tr.rel)
		to.score, to.gold = cd.score, cd.gold
		if keepHist {
			to.hist = append(append(to.hist[:0], from.hist...), uint8(cd.y))
		}
	}
	b.cur, b.next = next, b.cur[:cap(b.cur)]
	b.cands = b.cands[:0]
}

// copyFrom makes c a copy of o.
func (c *config) copyFrom(o *config) {
	c.n = o.n
	c.stack = append(c.stack[:0], o.stack...)
	c.b = o.b
	c.head = append(c.head[:0], o.head...)
	c.rel = append(c.rel[:0], o.rel...)
	c.lc1 = append(c.lc1[:0], o.lc1...)
	c.lc2 = append(c.lc2[:0], o.lc2...)
	c.rc1 = append(c.rc1[:0], o.rc1...)
	c.rc2 = append(c.rc2[:0], o.rc2...)
	c.nl = append(c.nl[:0], o.nl...)
	c.nr = append(c.nr[:0], o.nr...)
	c.lset = append(c.lset[:0], o.lset...)
	c.rset = append(c.rset[:0], o.rset...)
}

// allowed reports whether transition tr may follow in a configuration
// whose legal moves are moves, toRoot saying that s1 is the root.
func allowed(tr transition, moves uint8, toRoot bool) bool {
	return moves&(1<<tr.move) != 0 && !(tr.move == left && tr.root) && !(tr.move == right && tr.root != toRoot)
}

// parseBeam parses st.a's sentence of n words with a beam of p.beam
// partial parses and leaves the best parse in st.c.
func (p *Parser) parseBeam(st *state, n int) {
	b := &st.beam
	b.start(n)
	clusters := p.lex.clus != nil
	k := p.beam
	sh := &st.shared
	sh.grow(k, p.m.NumLabels())
	for !b.cur[0].c.terminal() {
		for i, it := range b.cur {
			pos, str := sh.score(p.m, i, &it.c, &st.a, clusters)
			moves, toRoot := it.c.legal(), it.c.s(1) == 0
			for y, tr := range p.trans {
				if allowed(tr, moves, toRoot) {
					b.offer(candidate{from: i, y: y, score: it.score + float64(pos[y]+str[y])}, k)
				}
			}
		}
		if p.work != nil {
			p.work.Add(int64(len(b.cur)))
		}
		b.cut(p.margin)
		b.advance(p.trans, false)
	}
	st.c.copyFrom(&b.cur[0].c)
}

// sharedScores scores the partial parses of one step of the beam, sharing
// work between them: parses with the same words at s0, s1, s2 and b0 have
// the same keys for those words (appendSplitKeys), scored once, and often
// the same structure keys too (they differ in arcs no feature sees).
type sharedScores struct {
	keys     [][]uint64
	npos     []int
	sig      [][4]int32
	pos, str [][]int32 // the scores of the item's own keys
	posOf    []int     // the item whose position scores item i shares
	strOf    []int
}

// grow makes room for k items of l labels.
func (sh *sharedScores) grow(k, l int) {
	for len(sh.keys) < k {
		sh.keys = append(sh.keys, nil)
		sh.npos = append(sh.npos, 0)
		sh.sig = append(sh.sig, [4]int32{})
		sh.pos = append(sh.pos, make([]int32, l))
		sh.str = append(sh.str, make([]int32, l))
		sh.posOf = append(sh.posOf, 0)
		sh.strOf = append(sh.strOf, 0)
	}
}

// score returns the scores of item i of the step (configuration c) as two
// parts to add: those of its position keys and those of its structure keys,
// from an earlier item of the step where they are the same.
func (sh *sharedScores) score(m *perceptron.SparseModel, i int, c *config, a *atoms, clusters bool) (pos, str []int32) {
	sig := [4]int32{c.s(0), c.s(1), c.s(2), c.b}
	sh.sig[i] = sig
	sh.posOf[i], sh.strOf[i] = i, i
	for j := range i {
		if sh.sig[j] == sig {
			sh.posOf[i] = sh.posOf[j]
			break
		}
	}
	keys := sh.keys[i][:0]
	if sh.posOf[i] == i { // the position keys of another item are not needed
		keys = appendPositionKeys(keys, c, a, clusters)
	}
	np := len(keys)
	keys = appendStructureKeys(keys, c, a, clusters)
	sh.keys[i], sh.npos[i] = keys, np
	if p := sh.posOf[i]; p != i {
		for j := range i {
			if sh.posOf[j] == p && slices.Equal(sh.keys[j][sh.npos[j]:], keys[np:]) {
				sh.strOf[i] = sh.strOf[j]
				break
			}
		}
	}
	if sh.posOf[i] == i {
		clear(sh.pos[i])
		m.Score(keys[:np], sh.pos[i])
	}
	if sh.strOf[i] == i {
		clear(sh.str[i])
		m.Score(keys[np:], sh.str[i])
	}
	return sh.pos[sh.posOf[i]], sh.str[sh.strOf[i]]
}

// beamTrainer learns a model for the beam: a structured perceptron over
// whole transition sequences with max-violation updates.
type beamTrainer struct {
	tr       *perceptron.Trainer
	trans    []transition
	k        int
	clusters bool

	b      beam
	gc     config  // the gold sequence's configuration
	worst  []uint8 // the beam's best sequence where the violation is largest
	keys   []uint64
	rows   []int32
	scores []float64
}

// goldSequence returns the static oracle's transitions for ts.
func (bt *beamTrainer) goldSequence(ts *trainSentence, index map[transition]int) ([]uint8, error) {
	var c config
	c.reset(ts.n)
	var seq []uint8
	for !c.terminal() {
		move, r := ts.g.staticMove(&c)
		t := transition{move: move, root: move == right && c.s(1) == 0}
		if move != shift {
			t.rel = r
		}
		y, ok := index[t]
		if !ok || len(seq) == 2*ts.n {
			return nil, fmt.Errorf("depparse: the static oracle cannot parse a training sentence of %d words", ts.n)
		}
		seq = append(seq, uint8(y))
		c.apply(move, r)
	}
	return seq, nil
}

// score sets bt.scores to the current weights' scores of configuration c.
func (bt *beamTrainer) score(c *config, a *atoms) {
	bt.keys = appendKeys(bt.keys[:0], c, a, bt.clusters)
	bt.rows = bt.rows[:0]
	for _, k := range bt.keys {
		bt.rows = append(bt.rows, bt.tr.Find(k))
	}
	clear(bt.scores)
	bt.tr.Score(bt.rows, bt.scores)
}

// learn decodes ts with the beam and, if the gold sequence gold is not the
// best, updates the weights at the step of the largest violation.
func (bt *beamTrainer) learn(ts *trainSentence, gold []uint8) {
	if len(bt.scores) == 0 {
		bt.scores = make([]float64, bt.tr.NumLabels())
	}
	b := &bt.b
	b.start(ts.n)
	bt.gc.reset(ts.n)
	goldScore, maxViolation, at := 0.0, 0.0, -1
	for t := 0; !b.cur[0].c.terminal(); t++ {
		for i, it := range b.cur {
			bt.score(&it.c, &ts.a)
			moves, toRoot := it.c.legal(), it.c.s(1) == 0
			for y, tr := range bt.trans {
				if allowed(tr, moves, toRoot) {
					b.offer(candidate{from: i, y: y, score: it.score + bt.scores[y], gold: it.gold && y == int(gold[t])}, bt.k)
				}
			}
		}
		// The gold prefix's score, in the beam or not.
		bt.score(&bt.gc, &ts.a)
		gy := gold[t]
		goldScore += bt.scores[gy]
		g := bt.trans[gy]
		bt.gc.apply(g.move, g.rel)
		b.advance(bt.trans, true)
		if best := b.cur[0]; !best.gold {
			if v := best.score - goldScore; v >= maxViolation {
				maxViolation, at = v, t
				bt.worst = append(bt.worst[:0], best.hist...)
			}
		}
	}
	if at >= 0 {
		bt.update(ts, gold[:at+1], 1)
		bt.update(ts, bt.worst, -1)
	}
	bt.tr.Tick()
}

// update adds delta to the weights of the transitions of seq from the
// start of ts.
func (bt *beamTrainer) update(ts *trainSentence, seq []uint8, delta float64) {
	c := &bt.gc
	c.reset(ts.n)
	for _, y := range seq {
		bt.keys = appendKeys(bt.keys[:0], c, &ts.a, bt.clusters)
		bt.rows = bt.rows[:0]
		for _, k := range bt.keys {
			bt.rows = append(bt.rows, bt.tr.Find(k))
		}
		bt.tr.Update(bt.rows, int(y), delta)
		t := bt.trans[y]
		c.apply(t.move, t.rel)
	}
}

// Beam is the number of partial parses the parser keeps (1: greedy).
func (p *Parser) Beam() int { return p.beam }

// SetBeam makes the parser keep k partial parses (1 to 64) instead of the
// width its model was trained for, and drop those that score more than
// margin below the best (0: none; in units of the model's weights). A model
// is most accurate with its own settings; this is for measuring others.
func (p *Parser) SetBeam(k int, margin float64) error {
	if k < 1 || k > maxBeam {
		return fmt.Errorf("depparse: a beam of %d partial parses, want 1 to %d", k, maxBeam)
	}
	if margin < 0 {
		return fmt.Errorf("depparse: a beam margin of %v, want 0 or more", margin)
	}
	p.beam, p.margin = k, margin
	return nil
}
