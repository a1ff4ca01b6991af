package depparse

// The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez & Satta
// 2011), with the dynamic oracle of Goldberg & Nivre (2013).
//
// A configuration is a stack, a buffer (the words b, b+1, ..., n) and the
// arcs built so far. Word 0 is the artificial root, at the bottom of the
// stack from the start; the words are 1..n. The transitions:
//
//	SH      push b
//	LA(r)   pop s0 and make it a dependent of b with relation r
//	RA(r)   pop s0 and make it a dependent of s1 with relation r
//
// A word gets its head when it is popped, so each word is attached once and
// a parse of n words takes exactly 2n transitions. RA from the root (s1 =
// 0) is allowed only as the last transition, so every tree has exactly one
// word attached to the root, as UD requires.

// Moves of the transition system.
const (
	shift = iota
	left
	right
)

// none marks a missing word (an empty stack position, no child).
const none = -1

// config is a parser configuration. Index 0 of the per-word slices is the
// root.
type config struct {
	n     int
	stack []int32
	b     int32 // the first word of the buffer; n+1 when it is empty
	head  []int32
	rel   []uint8 // relation of each word to its head
	// For features: the two leftmost and the two rightmost dependents of
	// each word (arcs are added from the inside out, so the newest is the
	// outermost), the number of left and right dependents, and the sets of
	// their relations.
	lc1, lc2, rc1, rc2 []int32
	nl, nr             []uint8
	lset, rset         []uint64
}

// reset starts the configuration of a sentence of n words.
func (c *config) reset(n int) {
	c.n = n
	c.stack = append(c.stack[:0], 0)
	c.b = 1
	m := n + 1
	c.head = resize(c.head, m)
	c.lc1, c.lc2 = resize(c.lc1, m), resize(c.lc2, m)
	c.rc1, c.rc2 = resize(c.rc1, m), resize(c.rc2, m)
	for i := range m {
		c.head[i], c.lc1[i], c.lc2[i], c.rc1[i], c.rc2[i] = none, none, none, none, none
	}
	c.rel = clearResize(c.rel, m)
	c.nl, c.nr = clearResize(c.nl, m), clearResize(c.nr, m)
	c.lset, c.rset = clearResize(c.lset, m), clearResize(c.rset, m)
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func clearResize[T uint8 | uint64](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// terminal reports whether the parse is complete.
func (c *config) terminal() bool { return int(c.b) > c.n && len(c.stack) == 1 }

// s returns the stack word i from the top (0 is the top), or none.
func (c *config) s(i int) int32 {
	if i >= len(c.stack) {
		return none
	}
	return c.stack[len(c.stack)-1-i]
}

// buf returns the buffer word i from the front, or none.
func (c *config) buf(i int) int32 {
	if j := int(c.b) + i; j <= c.n {
		return int32(j)
	}
	return none
}

// legal reports which moves are allowed: bit m for move m; rootOnly says
// that RA must attach to the root (and LA is not allowed).
func (c *config) legal() (moves uint8) {
	bufferEmpty := int(c.b) > c.n
	if !bufferEmpty {
		moves |= 1 << shift
		if len(c.stack) > 1 {
			moves |= 1 << left
		}
	}
	if len(c.stack) > 2 || len(c.stack) == 2 && bufferEmpty {
		moves |= 1 << right
	}
	return moves
}

// apply makes a move with relation r.
func (c *config) apply(move int, r uint8) {
	switch move {
	case shift:
		c.stack = append(c.stack, c.b)
		c.b++
	case left:
		s0 := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		c.attach(c.b, s0, r)
	case right:
		s0 := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		c.attach(c.stack[len(c.stack)-1], s0, r)
	}
}

func (c *config) attach(h, d int32, r uint8) {
	c.head[d] = h
	c.rel[d] = r
	if d < h {
		c.lc2[h], c.lc1[h] = c.lc1[h], d
		c.nl[h]++
		c.lset[h] |= 1 << (r & 63)
	} else {
		c.rc2[h], c.rc1[h] = c.rc1[h], d
		c.nr[h]++
		c.rset[h] |= 1 << (r & 63)
	}
}

// gold is the gold tree of a training sentence, for the oracles: heads and
// relations of words 1..n (index 0 unused), the dependents of each word,
// and which words are on the stack of the configuration being scored.
type gold struct {
	head    []int32
	rel     []uint8
	deps    [][]int32
	onStack []bool
}

func newGold(head []int32, rel []uint8) *gold {
	g := &gold{head: head, rel: rel, deps: make([][]int32, len(head)), onStack: make([]bool, len(head))}
	for d := 1; d < len(head); d++ {
		if h := head[d]; h >= 0 {
			g.deps[h] = append(g.deps[h], int32(d))
		}
	}
	return g
}

// sync marks the words on c's stack.
func (g *gold) sync(c *config) {
	clear(g.onStack)
	for _, w := range c.stack {
		g.onStack[w] = true
	}
}

// depsFrom counts the dependents of w at position from or after.
func (g *gold) depsFrom(w, from int32) int {
	n := 0
	for _, d := range g.deps[w] {
		if d >= from {
			n++
		}
	}
	return n
}

// costs returns the number of gold arcs each move makes unreachable
// (unlabeled; -1 for a move that is not allowed), given g.sync(c). The
// system is arc-decomposable, so these are the exact losses.
func (g *gold) costs(c *config) (cost [3]int) {
	moves := c.legal()
	cost = [3]int{-1, -1, -1}
	b := c.b
	s0 := c.s(0)
	if moves&(1<<shift) != 0 {
		// b can no longer take a head from the stack below s0, nor
		// dependents from the stack.
		n := 0
		if h := g.head[b]; h != s0 && h >= 0 && g.onStack[h] {
			n++
		}
		for _, d := range g.deps[b] {
			if g.onStack[d] {
				n++
			}
		}
		cost[shift] = n
	}
	if moves&(1<<left) != 0 {
		// s0 gets head b: it loses a head s1 or further in the buffer,
		// and its dependents in the buffer.
		n := g.depsFrom(s0, b)
		if h := g.head[s0]; h != b && (h == c.s(1) || h > b) {
			n++
		}
		cost[left] = n
	}
	if moves&(1<<right) != 0 {
		// s0 gets head s1: it loses a head in the buffer, and its
		// dependents there.
		n := g.depsFrom(s0, b)
		if h := g.head[s0]; h != c.s(1) && h >= b {
			n++
		}
		cost[right] = n
	}
	return cost
}

// labelCost is the extra cost of relation r for a move: 1 if the move
// builds a gold arc with another relation.
func (g *gold) labelCost(c *config, move int, r uint8) int {
	s0 := c.s(0)
	switch move {
	case left:
		if g.head[s0] == c.b && g.rel[s0] != r {
			return 1
		}
	case right:
		if g.head[s0] == c.s(1) && g.rel[s0] != r {
			return 1
		}
	}
	return 0
}

// staticMove is the static oracle's move: LA or RA when they build a gold
// arc that leaves no dependent behind, else SH.
func (g *gold) staticMove(c *config) (int, uint8) {
	moves := c.legal()
	s0 := c.s(0)
	if moves&(1<<left) != 0 && g.head[s0] == c.b {
		return left, g.rel[s0]
	}
	if moves&(1<<right) != 0 && g.head[s0] == c.s(1) && g.depsFrom(s0, c.b) == 0 {
		return right, g.rel[s0]
	}
	return shift, 0
}
