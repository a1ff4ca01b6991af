package depparse

// The transition system builds projective trees only: no arc crosses
// another, and the words between a head and its dependent all descend from
// the head. About 5% of the EWT training trees are not projective; the
// parser learns from their projective "lifted" form (Nivre & Nilsson 2005,
// without encoding the lifts in the relations): the shortest crossing arc
// is moved up to the head's head, again and again, until none is left. The
// relations stay as they were.

// isProjectiveArc reports whether the arc from head[d] to d is projective:
// every word strictly between them descends from the head. head is indexed
// by word (1..n; head[0] unused), 0 being the root.
func isProjectiveArc(head []int32, d int32) bool {
	h := head[d]
	lo, hi := min(h, d), max(h, d)
	for k := lo + 1; k < hi; k++ {
		if !descends(head, k, h) {
			return false
		}
	}
	return true
}

// descends reports whether word k descends from a (a == 0, the root, has
// every word below it).
func descends(head []int32, k, a int32) bool {
	for steps := 0; k > 0 && steps < len(head); steps++ {
		k = head[k]
		if k == a {
			return true
		}
	}
	return a == 0
}

// IsProjective reports whether a tree is projective. head[d] is the head of
// word d (1..n), 0 for the root; head[0] is unused.
func IsProjective(head []int32) bool {
	for d := 1; d < len(head); d++ {
		if !isProjectiveArc(head, int32(d)) {
			return false
		}
	}
	return true
}

// Projectivize lifts the crossing arcs of a tree (head as in IsProjective,
// changed in place) until it is projective, and returns the number of
// lifts.
func Projectivize(head []int32) int {
	lifts := 0
	for {
		best, bestLen := int32(-1), int32(0)
		for d := int32(1); d < int32(len(head)); d++ {
			h := head[d]
			if h <= 0 {
				continue
			}
			l := max(h, d) - min(h, d)
			if (best < 0 || l < bestLen) && !isProjectiveArc(head, d) {
				best, bestLen = d, l
			}
		}
		if best < 0 {
			return lifts
		}
		head[best] = head[head[best]]
		lifts++
	}
}
