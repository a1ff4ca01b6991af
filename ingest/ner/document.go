package ner

import "kg/ingest/perceptron"

// Document-level features. A name is usually written the same way, and
// means the same thing, all through an article: "Japan" in the body tells
// that "JAPAN" in the all-capitals headline is a name, and "lucky" that
// "LUCKY" is not; a word tagged PER in one sentence is likely PER in the
// next (Ratinov & Roth's "prediction history").

// docMemory is what a document has shown so far.
type docMemory struct {
	caseSeen map[uint64]uint8      // lower-cased word -> capitalizations seen inside normal sentences
	hist     map[uint64]*histCount // lower-cased word -> how it was tagged
	counts   []histCount           // storage for hist
}

// histCount counts the types a word was tagged with: O, PER, ORG, LOC, MISC.
type histCount [1 + len(entityTypes)]uint16

// Bits of docMemory.caseSeen and token.docCase.
const (
	seenLower = 1 << iota // seen starting with a lower-case letter
	seenInit              // seen capitalized, inside a sentence
	seenAll               // seen in capitals, inside a normal sentence
)

func (d *docMemory) reset() {
	if d.caseSeen == nil {
		d.caseSeen = map[uint64]uint8{}
		d.hist = map[uint64]*histCount{}
	}
	clear(d.caseSeen)
	clear(d.hist)
	d.counts = d.counts[:0]
}

// documentFeatures computes the features of each token that depend on the
// whole document's text.
func (k *keyer) documentFeatures(st *docState) {
	if k.flags&featDocCase == 0 {
		return
	}
	seen := st.doc.caseSeen
	for s := range st.kinds {
		if st.kinds[s] != sentNormal {
			continue
		}
		for _, t := range st.sentence(s) {
			if t.first {
				continue
			}
			switch t.caps {
			case capLower:
				seen[t.lower] |= seenLower
			case capInit:
				seen[t.lower] |= seenInit
			case capAll:
				if t.length > 1 {
					seen[t.lower] |= seenAll
				}
			}
		}
	}
	for i := range st.toks {
		t := &st.toks[i]
		if t.caps == capInit || t.caps == capAll {
			t.docCase = seen[t.lower] | 8
		}
	}
}

// remember records the tags given to a sentence, for the features of the
// sentences after it.
func (st *docState) remember(ls []label, toks []token, path []int) {
	for i, y := range path {
		t := &toks[i]
		if t.caps != capInit && t.caps != capAll {
			continue
		}
		h := st.doc.hist[t.lower]
		if h == nil {
			if len(st.doc.counts) == cap(st.doc.counts) {
				// A new block: pointers into the old one stay valid.
				st.doc.counts = make([]histCount, 0, max(64, 2*cap(st.doc.counts)))
			}
			st.doc.counts = st.doc.counts[:len(st.doc.counts)+1]
			h = &st.doc.counts[len(st.doc.counts)-1]
			*h = histCount{}
			st.doc.hist[t.lower] = h
		}
		if h[ls[y].typ+1] < 1<<15 {
			h[ls[y].typ+1]++
		}
	}
}

// histValue summarizes how a word was tagged before: 0 never seen; else the
// most frequent entity type (1 + index, or 0 for none) and whether it was
// also left untagged.
func histValue(h *histCount) uint64 {
	if h == nil {
		return 0
	}
	best, bestN := 0, uint16(0)
	for ty := 1; ty < len(h); ty++ {
		if h[ty] > bestN {
			best, bestN = ty, h[ty]
		}
	}
	v := uint64(best) << 1
	if h[0] > 0 {
		v |= 1
	}
	return v | 1<<8
}

// appendDynamicKeys appends the features that depend on the tags given to
// earlier sentences.
func (k *keyer) appendDynamicKeys(dst []uint64, st *docState, toks []token, i int) []uint64 {
	if k.flags&featHistory == 0 {
		return dst
	}
	t := &toks[i]
	if t.caps != capInit && t.caps != capAll {
		return dst
	}
	v := histValue(st.doc.hist[t.lower])
	if v == 0 {
		return dst
	}
	return append(dst, perceptron.Mix(tHistory, v|uint64(t.caps)<<12))
}
