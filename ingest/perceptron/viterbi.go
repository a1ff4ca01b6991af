package perceptron

import (
	"fmt"
	"slices"
)

// Number is the type of scores: int32 for a quantized Model, float64 while
// training.
type Number interface{ ~int32 | ~float64 }

// Constraints say which label sequences are allowed (at most 64 labels):
// bit y of Start allows a sequence to start with label y, bit y of End to end
// with it, and bit y of Next[p] allows label y after label p. The BIO and
// BILOU encodings forbid, for example, I-PER after O.
type Constraints struct {
	Start, End uint64
	Next       []uint64
}

// Unconstrained allows every sequence of n labels.
func Unconstrained(n int) Constraints {
	all := uint64(1)<<n - 1
	if n == 64 {
		all = ^uint64(0)
	}
	c := Constraints{Start: all, End: all, Next: make([]uint64, n)}
	for i := range c.Next {
		c.Next[i] = all
	}
	return c
}

// Transitions are the scores of a first-order model's label bigrams:
// Start[y] for a sequence starting with y, Step[p*L+y] for y after p, and
// End[y] for a sequence ending with y.
type Transitions[T Number] struct {
	Start, Step, End []T
}

// Decoder finds the best label sequence with the Viterbi algorithm. It keeps
// its work space between calls, so that decoding does not allocate once it
// has seen a long enough sequence. A Decoder is not safe for concurrent use.
type Decoder[T Number] struct {
	best []T
	back []int8
	// The allowed predecessors of each label, for the constraints last
	// seen: preds[predOff[y]:predOff[y+1]].
	cons    *Constraints
	next    []uint64 // a copy of cons.Next, to notice changes
	preds   []int8
	predOff []int
}

// predecessors makes the lists of allowed predecessors of the labels.
func (d *Decoder[T]) predecessors(c *Constraints, L int) {
	if d.cons == c && len(d.predOff) == L+1 && slices.Equal(d.next, c.Next[:L]) {
		return
	}
	d.cons, d.next = c, append(d.next[:0], c.Next[:L]...)
	d.preds, d.predOff = d.preds[:0], append(d.predOff[:0], 0)
	for y := range L {
		for p := range L {
			if c.Next[p]&(1<<y) != 0 {
				d.preds = append(d.preds, int8(p))
			}
		}
		d.predOff = append(d.predOff, len(d.preds))
	}
}

// Decode writes to out (len(out) >= n) the allowed label sequence with the
// highest score: the sum of emit[i*L+y_i] over positions and of the
// transition scores. L is the number of labels. It returns an error only if
// the constraints allow no sequence of length n.
func (d *Decoder[T]) Decode(emit []T, n, L int, tr *Transitions[T], c *Constraints, out []int) error {
	if n == 0 {
		return nil
	}
	if L > 64 || len(emit) < n*L || len(c.Next) < L || len(tr.Step) < L*L || len(tr.Start) < L || len(tr.End) < L {
		return fmt.Errorf("perceptron: decode: inconsistent sizes (%d labels)", L)
	}
	if cap(d.best) < n*L {
		d.best = make([]T, n*L)
		d.back = make([]int8, n*L)
	}
	best, back := d.best[:n*L], d.back[:n*L]
	d.predecessors(c, L)
	reach := c.Start // labels reachable at position i
	for y := range L {
		if reach&(1<<y) != 0 {
			best[y] = tr.Start[y] + emit[y]
		}
	}
	for i := 1; i < n; i++ {
		prev, cur := best[(i-1)*L:i*L], best[i*L:(i+1)*L]
		e := emit[i*L : (i+1)*L]
		var next uint64
		var top T
		first := true
		for y := range L {
			found := false
			var m T
			var arg int
			for _, p := range d.preds[d.predOff[y]:d.predOff[y+1]] {
				if reach&(1<<p) == 0 {
					continue
				}
				s := prev[p] + tr.Step[int(p)*L+y]
				if !found || s > m {
					m, arg, found = s, int(p), true
				}
			}
			if !found {
				continue
			}
			next |= 1 << y
			cur[y] = m + e[y]
			back[i*L+y] = int8(arg)
			if first || cur[y] > top {
				top, first = cur[y], false
			}
		}
		reach = next
		if reach == 0 {
			return fmt.Errorf("perceptron: decode: no allowed sequence of %d labels", n)
		}
		// Keep integer scores small: only differences matter.
		for y := range L {
			cur[y] -= top
		}
	}
	last := best[(n-1)*L : n*L]
	found := false
	var m T
	arg := 0
	for y := range L {
		if reach&(1<<y) == 0 || c.End&(1<<y) == 0 {
			continue
		}
		if s := last[y] + tr.End[y]; !found || s > m {
			m, arg, found = s, y, true
		}
	}
	if !found {
		return fmt.Errorf("perceptron: decode: no allowed sequence of %d labels", n)
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		if i > 0 {
			arg = int(back[i*L+arg])
		}
	}
	return nil
}
