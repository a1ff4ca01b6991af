package depparse

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"kg/ingest/perceptron"
	"kg/ingest/text"
)

// atoms are what the features know of a word: hashes of its form and tag,
// and its word cluster. Index 0 is the root, 1..n the words, n+1 stands for
// a missing word.
type atoms struct {
	w, t, wt, c, c4 []uint64
	u               []uint64 // the UPOS alone
	suf             []uint64 // the last three characters of the normalized form
	shp             []uint64 // the capitalization: none, lower, initial, all
	rest            []uint64 // the number of words after the word, bucketed
}

func (a *atoms) resize(n int) {
	a.u = resize64(a.u, n)
	a.suf = resize64(a.suf, n)
	a.shp = resize64(a.shp, n)
	a.rest = resize64(a.rest, n)
	a.w = resize64(a.w, n)
	a.t = resize64(a.t, n)
	a.wt = resize64(a.wt, n)
	a.c = resize64(a.c, n)
	a.c4 = resize64(a.c4, n)
}

func resize64(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

var (
	rootWord = perceptron.Hash("<root>")
	noWord   = perceptron.Hash("<none>")
)

// lexicon holds the tables of a model's lexical features.
type lexicon struct {
	vocab *perceptron.Index // normalized forms seen in training (value 0)
	clus  *perceptron.Index // cluster form -> path with a leading 1, or nil
}

// normForm returns the hash of a word in lower case with the digits 0-9 as
// 0 (typographic punctuation in ASCII), its hash with case and the hash of
// the part after its last hyphen (0 if none).
func normForm(s string) (norm, form, last uint64) {
	norm, form, last, _, _ = analyzeForm(s)
	return norm, form, last
}

// analyzeForm returns what normForm does, and the hash of the last three
// characters of the normalized form and the word's capitalization (1 no
// letter, 2 lower case, 3 a capital first, 4 capitals only).
func analyzeForm(s string) (norm, form, last, suf, caps uint64) {
	s = text.Norm(s)
	h, f := perceptron.NewHasher(), perceptron.NewHasher()
	var lh perceptron.Hasher
	hyphen := false
	var tail [3]rune
	letters, uppers, firstUpper := 0, 0, false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r >= '0' && r <= '9':
			r = '0'
		case r == '-' && i > 0 && i+size < len(s):
			hyphen = true
			lh = perceptron.NewHasher()
			h, f = h.Rune(r), f.Rune(r)
			i += size
			continue
		}
		f = f.Rune(r)
		upper := false
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
				upper = true
			}
			if r >= 'a' && r <= 'z' {
				letters++
			}
		} else if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper = true
				r = unicode.ToLower(r)
			}
		}
		if upper {
			uppers++
			firstUpper = firstUpper || i == 0
		}
		tail[0], tail[1], tail[2] = tail[1], tail[2], r
		h = h.Rune(r)
		if hyphen {
			lh = lh.Rune(r)
		}
		i += size
	}
	if hyphen {
		last = lh.Sum()
	}
	sh := perceptron.NewHasher()
	for _, r := range tail {
		if r != 0 {
			sh = sh.Rune(r)
		}
	}
	switch {
	case letters == 0:
		caps = 1
	case uppers == 0:
		caps = 2
	case uppers == letters && letters > 1:
		caps = 4
	case firstUpper:
		caps = 3
	default:
		caps = 2
	}
	return h.Sum(), f.Sum(), last, sh.Sum(), caps
}

// fill computes the atoms of a sentence from its words and tags (joint
// "UPOS/XPOS" hashes).
func (a *atoms) fill(lex *lexicon, words []string, tags, upos []uint64) {
	n := len(words)
	a.resize(n + 2)
	a.w[0], a.t[0], a.c[0], a.c4[0] = rootWord, rootWord, 1, 1
	a.w[n+1], a.t[n+1], a.c[n+1], a.c4[n+1] = noWord, noWord, 2, 2
	a.u[0], a.suf[0], a.shp[0], a.rest[0] = rootWord, rootWord, 5, 9
	a.u[n+1], a.suf[n+1], a.shp[n+1], a.rest[n+1] = noWord, noWord, 6, 10
	for i, s := range words {
		norm, form, last, suf, caps := analyzeForm(s)
		a.u[i+1], a.suf[i+1], a.shp[i+1] = upos[i], suf, caps
		a.rest[i+1] = min(uint64(n-1-i), 8)
		if last != 0 && lex.vocab.Find(norm) < 0 && lex.vocab.Find(last) >= 0 {
			// An unknown hyphenated word ("anti-terror": EWT splits
			// hyphens) is taken for its last part.
			norm = last
		}
		k := i + 1
		a.w[k] = norm
		a.t[k] = tags[i]
		var c uint64
		if lex.clus != nil {
			for _, key := range [...]uint64{form, norm, last} {
				if key == 0 {
					continue
				}
				if r := lex.clus.Find(key); r >= 0 {
					c = uint64(r)
					break
				}
			}
		}
		a.c[k] = c + 3
		a.c4[k] = prefix(c, 4) + 3
	}
	for k := range a.w {
		a.wt[k] = perceptron.Mix(a.w[k], a.t[k])
	}
}

// prefix returns the first n bits of a cluster path value (with its leading
// 1), or the whole path when it is shorter.
func prefix(v uint64, n int) uint64 {
	if l := bits.Len64(v) - 1; l > n {
		return v >> (l - n)
	}
	return v
}

// distance buckets the distance between two words.
func distance(a, b int32) uint64 {
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 9:
		return 6
	}
	return 7
}

// Feature templates: their numbers are part of the model; change them and
// bump settingsVersion.
const (
	fS0w uint64 = iota + 1
	fS0t
	fS0wt
	fS1w
	fS1t
	fS1wt
	fS2t
	fS2wt
	fB0w
	fB0t
	fB0wt
	fB1w
	fB1t
	fB1wt
	fB2t
	fB2w
	fS0wtB0wt
	fS0wtB0w
	fS0wB0wt
	fS0wtB0t
	fS0tB0wt
	fS0wB0w
	fS0tB0t
	fB0tB1t
	fS1wtS0wt
	fS1wS0w
	fS1tS0t
	fS1tS0w
	fS1wS0t
	fS1tB0t
	fS1tS0tB0t
	fB0tB1tB2t
	fS0tB0tB1t
	fS2tS1tS0t
	fS1tS0tB1t
	fS0L1w
	fS0L1t
	fS0L1l
	fS0L2t
	fS0L2l
	fS0R1w
	fS0R1t
	fS0R1l
	fS0R2t
	fS0R2l
	fS1L1t
	fS1L1l
	fS1R1w
	fS1R1t
	fS1R1l
	fS1R2t
	fB0L1w
	fB0L1t
	fB0L1l
	fB0L2t
	fS0tS0L1tS0L2t
	fS0tS0R1tS0R2t
	fS1tS1R1tS1R2t
	fB0tB0L1tB0L2t
	fS0tS0L1tB0t
	fS0tS0R1tB0t
	fS1tS0tS0R1t
	fS1tS1R1tS0t
	fS0tB0tB0L1t
	fS1tS0tS0L1t
	fS1tS1L1tS0t
	fDistS0w
	fDistS0t
	fDistB0w
	fDistB0t
	fDistS0tB0t
	fDistS0wB0w
	fDistS1tS0t
	fDistS1wS0w
	fS0wNl
	fS0tNl
	fS0wNr
	fS0tNr
	fS1wNr
	fS1tNr
	fB0wNl
	fB0tNl
	fS0wLset
	fS0tLset
	fS0wRset
	fS0tRset
	fS1wRset
	fS1tRset
	fB0wLset
	fB0tLset
	fS0c
	fS0c4
	fB0c
	fB0c4
	fS1c
	fB1c4
	fS0cB0c
	fS0c4B0c4
	fS0cB0t
	fS0tB0c
	fS1c4S0c4
	fS1cS0t
	fS1tS0c
	fS0c4B0tB1t
	fB0c4B1c4
	fS0L1c4
	fS0R1c4
	fB0L1c4
	fS0tB0tDistS1
	fBias
	fS0u
	fB0u
	fS1u
	fB1u
	fS0uB0u
	fS1uS0u
	fS1uS0uB0u
	fS0uB0uB1u
	fS0suf
	fB0suf
	fS0sufB0t
	fS0tB0suf
	fS0shpB0shp
	fS0wS0R1l
	fB0wB0L1l
	fS0wS0L1l
	fB3t
	fB0rest
	fS0tB0rest
	fB0tB0rest
	fS1tS0tB0tB1t
	fS0tS0R1tS0R1lB0t
	fS2uS1uS0u
	fS0L1u
	fS0R1u
	fB0L1u
	fS1R1u
	fS0uS0L1l
	fB0uB0L1l
	fS0uS0R1l
	fS0uDist
	fB0uNl
	fS0uNr
	fS1uS0uS0R1l
	fS0uB0uB0L1l
	fS1uB0u
	fB0uB1uB2u
)

// appendKeys appends the feature keys of configuration c over atoms a.
func appendKeys(keys []uint64, c *config, a *atoms, clusters bool) []uint64 {
	keys, _ = appendSplitKeys(keys, c, a, clusters)
	return keys
}

// appendSplitKeys appends the feature keys of configuration c over atoms a:
// first the npos keys that depend only on which words are s0, s1, s2 and b0
// (their forms, tags, clusters and the distances between them), then those
// of the structure built so far (dependents, relations, valencies). The
// partial parses of a beam often share the first part, so the beam scores
// it once for them.
func appendSplitKeys(keys []uint64, c *config, a *atoms, clusters bool) (_ []uint64, npos int) {
	start := len(keys)
	keys = appendPositionKeys(keys, c, a, clusters)
	npos = len(keys) - start
	return appendStructureKeys(keys, c, a, clusters), npos
}

// atom returns the atom index of word w: w itself, or n+1 for a missing
// word (none).
func (c *config) atom(w int32) int32 {
	if w < 0 {
		return int32(c.n + 1)
	}
	return w
}

// appendPositionKeys appends the keys of the words at s0, s1, s2 and b0 (the
// first part of appendSplitKeys).
func appendPositionKeys(keys []uint64, c *config, a *atoms, clusters bool) []uint64 {
	mix, at := perceptron.Mix, c.atom
	s0, s1, s2 := at(c.s(0)), at(c.s(1)), at(c.s(2))
	b0, b1, b2 := at(c.buf(0)), at(c.buf(1)), at(c.buf(2))
	rs0, rs1, rb0 := c.s(0), c.s(1), c.buf(0)
	w, t, wt := a.w, a.t, a.wt

	// The words' keys.
	keys = append(keys,
		fBias,
		mix(fS0w, w[s0]), mix(fS0t, t[s0]), mix(fS0wt, wt[s0]),
		mix(fS1w, w[s1]), mix(fS1t, t[s1]), mix(fS1wt, wt[s1]),
		mix(fS2t, t[s2]), mix(fS2wt, wt[s2]),
		mix(fB0w, w[b0]), mix(fB0t, t[b0]), mix(fB0wt, wt[b0]),
		mix(fB1w, w[b1]), mix(fB1t, t[b1]), mix(fB1wt, wt[b1]),
		mix(fB2t, t[b2]), mix(fB2w, w[b2]),

		mix(mix(fS0wtB0t, wt[s0]), t[b0]),
		mix(mix(fS0tB0wt, t[s0]), wt[b0]),
		mix(mix(fS0tB0t, t[s0]), t[b0]),
		mix(mix(fB0tB1t, t[b0]), t[b1]),
		mix(mix(fS1wtS0wt, wt[s1]), wt[s0]),
		mix(mix(fS1wS0w, w[s1]), w[s0]),
		mix(mix(fS1tS0t, t[s1]), t[s0]),
		mix(mix(fS1tS0w, t[s1]), w[s0]),
		mix(mix(fS1tB0t, t[s1]), t[b0]),

		mix(mix(mix(fS1tS0tB0t, t[s1]), t[s0]), t[b0]),
		mix(mix(mix(fB0tB1tB2t, t[b0]), t[b1]), t[b2]),
		mix(mix(mix(fS0tB0tB1t, t[s0]), t[b0]), t[b1]),
		mix(mix(mix(fS2tS1tS0t, t[s2]), t[s1]), t[s0]),
		mix(mix(mix(fS1tS0tB1t, t[s1]), t[s0]), t[b1]),
	)
	var d01, d10 uint64 // distances s0-b0 and s1-s0; 0 when a word is missing
	if rs0 >= 0 && rb0 >= 0 {
		d01 = distance(rs0, rb0) + 1
	}
	if rs0 >= 0 && rs1 >= 0 {
		d10 = distance(rs1, rs0) + 1
	}
	keys = append(keys,
		mix(mix(fDistS0w, w[s0]), d01),
		mix(mix(fDistS0t, t[s0]), d01),
		mix(mix(fDistB0w, w[b0]), d01),
		mix(mix(fDistB0t, t[b0]), d01),
		mix(mix(mix(fDistS0tB0t, t[s0]), t[b0]), d01),
		mix(mix(mix(fDistS1wS0w, w[s1]), w[s0]), d10),
		mix(mix(mix(mix(fS0tB0tDistS1, t[s0]), t[b0]), d01), d10),
	)

	u, suf := a.u, a.suf
	b3 := at(c.buf(3))
	keys = append(keys,
		mix(fS0u, u[s0]), mix(fB0u, u[b0]), mix(fS1u, u[s1]), mix(fB1u, u[b1]),
		mix(mix(fS0uB0u, u[s0]), u[b0]),
		mix(mix(fS1uS0u, u[s1]), u[s0]),
		mix(mix(mix(fS1uS0uB0u, u[s1]), u[s0]), u[b0]),
		mix(mix(mix(fS0uB0uB1u, u[s0]), u[b0]), u[b1]),
		mix(fS0suf, suf[s0]), mix(fB0suf, suf[b0]),
		mix(mix(fS0sufB0t, suf[s0]), t[b0]),
		mix(mix(fS0tB0suf, t[s0]), suf[b0]),
		mix(mix(fS0shpB0shp, a.shp[s0]), a.shp[b0]),
		mix(fB3t, t[b3]),
		mix(mix(fS0tB0rest, t[s0]), a.rest[b0]),
		mix(mix(fB0tB0rest, t[b0]), a.rest[b0]),
		mix(mix(mix(mix(fS1tS0tB0tB1t, t[s1]), t[s0]), t[b0]), t[b1]),
		mix(mix(mix(fS2uS1uS0u, u[s2]), u[s1]), u[s0]),
		mix(mix(mix(fS0uDist, u[s0]), u[b0]), d01),
		mix(mix(fS1uB0u, u[s1]), u[b0]),
		mix(mix(mix(fB0uB1uB2u, u[b0]), u[b1]), u[b2]),
	)
	if clusters {
		cl, c4 := a.c, a.c4
		keys = append(keys,
			mix(fS0c, cl[s0]), mix(fS0c4, c4[s0]),
			mix(fB0c, cl[b0]),
			mix(fS1c, cl[s1]), mix(fB1c4, c4[b1]),
			mix(mix(fS0cB0t, cl[s0]), t[b0]),
			mix(mix(fS1tS0c, t[s1]), cl[s0]),
			mix(mix(mix(fS0c4B0tB1t, c4[s0]), t[b0]), t[b1]),
			mix(mix(fB0c4B1c4, c4[b0]), c4[b1]),
		)
	}
	return keys
}

// appendStructureKeys appends the keys of the structure built so far (the
// second part of appendSplitKeys).
func appendStructureKeys(keys []uint64, c *config, a *atoms, clusters bool) []uint64 {
	mix, at := perceptron.Mix, c.atom
	na := int32(c.n + 1) // the atom index of a missing word
	child := func(kids []int32, w int32) int32 {
		if w < 0 {
			return na
		}
		return at(kids[w])
	}
	rel := func(w int32) uint64 {
		if w == na {
			return 0
		}
		return uint64(c.rel[w]) + 1
	}
	s0, s1 := at(c.s(0)), at(c.s(1))
	b0 := at(c.buf(0))
	rs0, rs1, rb0 := c.s(0), c.s(1), c.buf(0)
	s0l1, s0l2 := child(c.lc1, rs0), child(c.lc2, rs0)
	s0r1, s0r2 := child(c.rc1, rs0), child(c.rc2, rs0)
	s1l1 := child(c.lc1, rs1)
	s1r1, s1r2 := child(c.rc1, rs1), child(c.rc2, rs1)
	b0l1, b0l2 := child(c.lc1, rb0), child(c.lc2, rb0)
	w, t := a.w, a.t

	u := a.u
	// The structure's keys.
	keys = append(keys,
		mix(fS0L1w, w[s0l1]), mix(fS0L1t, t[s0l1]), mix(fS0L1l, rel(s0l1)),
		mix(fS0L2t, t[s0l2]), mix(fS0L2l, rel(s0l2)),
		mix(fS0R1w, w[s0r1]), mix(fS0R1t, t[s0r1]), mix(fS0R1l, rel(s0r1)),
		mix(fS0R2t, t[s0r2]), mix(fS0R2l, rel(s0r2)),
		mix(fS1L1t, t[s1l1]), mix(fS1L1l, rel(s1l1)),
		mix(fS1R1w, w[s1r1]), mix(fS1R1t, t[s1r1]), mix(fS1R1l, rel(s1r1)),
		mix(fS1R2t, t[s1r2]),
		mix(fB0L1w, w[b0l1]), mix(fB0L1t, t[b0l1]), mix(fB0L1l, rel(b0l1)),
		mix(fB0L2t, t[b0l2]),

		mix(mix(mix(fS0tS0L1tS0L2t, t[s0]), t[s0l1]), t[s0l2]),
		mix(mix(mix(fS0tS0R1tS0R2t, t[s0]), t[s0r1]), t[s0r2]),
		mix(mix(mix(fS1tS1R1tS1R2t, t[s1]), t[s1r1]), t[s1r2]),
		mix(mix(mix(fB0tB0L1tB0L2t, t[b0]), t[b0l1]), t[b0l2]),
		mix(mix(mix(fS0tS0L1tB0t, t[s0]), t[s0l1]), t[b0]),
		mix(mix(mix(fS0tS0R1tB0t, t[s0]), t[s0r1]), t[b0]),
		mix(mix(mix(fS1tS0tS0R1t, t[s1]), t[s0]), t[s0r1]),
		mix(mix(mix(fS0tB0tB0L1t, t[s0]), t[b0]), t[b0l1]),
		mix(mix(mix(fS1tS0tS0L1t, t[s1]), t[s0]), t[s0l1]),
		mix(mix(mix(fS1tS1L1tS0t, t[s1]), t[s1l1]), t[s0]),
	)

	var nl0, nr0, nr1, nlb, ls0, rs0set, rs1set, lb0 uint64
	if rs0 >= 0 {
		nl0, nr0 = uint64(c.nl[rs0]), uint64(c.nr[rs0])
		ls0, rs0set = c.lset[rs0], c.rset[rs0]
	}
	if rs1 >= 0 {
		nr1, rs1set = uint64(c.nr[rs1]), c.rset[rs1]
	}
	if rb0 >= 0 {
		nlb, lb0 = uint64(c.nl[rb0]), c.lset[rb0]
	}
	keys = append(keys,
		mix(mix(fS0wNl, w[s0]), nl0), mix(mix(fS0tNl, t[s0]), nl0),
		mix(mix(fS0wNr, w[s0]), nr0), mix(mix(fS0tNr, t[s0]), nr0),
		mix(mix(fS1wNr, w[s1]), nr1), mix(mix(fS1tNr, t[s1]), nr1),
		mix(mix(fB0wNl, w[b0]), nlb), mix(mix(fB0tNl, t[b0]), nlb),
		mix(mix(fS0wLset, w[s0]), ls0), mix(mix(fS0tLset, t[s0]), ls0),
		mix(mix(fS0wRset, w[s0]), rs0set), mix(mix(fS0tRset, t[s0]), rs0set),
		mix(mix(fS1wRset, w[s1]), rs1set), mix(mix(fS1tRset, t[s1]), rs1set),
		mix(mix(fB0wLset, w[b0]), lb0), mix(mix(fB0tLset, t[b0]), lb0),
	)
	keys = append(keys,
		mix(mix(fS0wS0R1l, w[s0]), rel(s0r1)),
		mix(mix(fB0wB0L1l, w[b0]), rel(b0l1)),
		mix(mix(fS0wS0L1l, w[s0]), rel(s0l1)),
		mix(mix(mix(mix(fS0tS0R1tS0R1lB0t, t[s0]), t[s0r1]), rel(s0r1)), t[b0]),
		mix(fS0L1u, u[s0l1]), mix(fS0R1u, u[s0r1]), mix(fB0L1u, u[b0l1]), mix(fS1R1u, u[s1r1]),
		mix(mix(fS0uS0L1l, u[s0]), rel(s0l1)),
		mix(mix(fB0uB0L1l, u[b0]), rel(b0l1)),
		mix(mix(fS0uS0R1l, u[s0]), rel(s0r1)),
		mix(mix(fB0uNl, u[b0]), nlb),
		mix(mix(fS0uNr, u[s0]), nr0),
		mix(mix(mix(fS1uS0uS0R1l, u[s1]), u[s0]), rel(s0r1)),
		mix(mix(mix(fS0uB0uB0L1l, u[s0]), u[b0]), rel(b0l1)),
	)
	if clusters {
		keys = append(keys, mix(fS0L1c4, a.c4[s0l1]))
	}
	return keys
}
