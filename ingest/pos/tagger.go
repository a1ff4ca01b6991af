// Package pos tags words with their parts of speech: the Universal
// Dependencies tag (UPOS: NOUN, VERB, ADP, ...) and the English Penn
// Treebank tag (XPOS: NN, VBD, IN, ...), with a greedy averaged perceptron
// (package perceptron) trained on UD English EWT.
//
// The tagger reads a sentence left to right and gives each word the best
// of at most 64 joint UPOS/XPOS labels ("NOUN/NN", "AUX/VBZ", ...), from
// features of the word (its form, affixes, shape, the tags the training
// data gave it), of the two words on each side, and of the two tags it gave
// before. Tagger.Tag is safe for concurrent use and does not allocate once
// warm.
package pos

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"kg/ingest/perceptron"
	"kg/ingest/text"
)

// modelKind is the Kind of POS model files.
const modelKind = "pos"

// settingsVersion is the version of the feature extraction; a model made
// by another version is refused.
const settingsVersion = 2

// Tagger is a trained part-of-speech tagger.
type Tagger struct {
	// first tags the words; second, if set, tags them again knowing what
	// first said of the words to the right (a stacked second pass).
	first, second *perceptron.SparseModel
	reverse       bool // the second pass goes from right to left
	// sure, when positive, is the first pass's margin (best score less
	// the second best) from which the second pass keeps the first pass's
	// tag instead of tagging the word again: most words are tagged with a
	// wide margin, and the second pass changes almost only the close
	// calls. Training chooses it on the dev data (chooseSure).
	sure       int32
	upos, xpos []string // per label
	lex        lexicon
	pool       sync.Pool // *state
}

// state is the work space of tagging one sentence. It keeps, for each
// pass, the scores of the features of the words alone (localKeys) of the
// words it saw last: most tokens are frequent words.
type state struct {
	ws     []word
	keys   []uint64
	static []uint64 // the context keys of every word
	off    []int    // word i's are static[off[i]:off[i+1]]
	first  []uint8
	margin []int32 // the first pass's margin of each word's tag
	scores []int32
	cache  [2]wordCache
}

// cacheSize is the number of words whose local scores a state keeps per
// pass (a power of two).
const cacheSize = 2048

// wordCache is a direct-mapped cache of the local scores of words.
type wordCache struct {
	keys   []uint64 // per slot: the word's localKey | 1, 0 for none
	scores []int32  // per slot: L scores
}

// local returns the scores of the local features of w under m.
func (c *wordCache) local(m *perceptron.SparseModel, w *word, lex *lexicon, tmp *[]uint64) []int32 {
	L := m.NumLabels()
	if c.keys == nil {
		c.keys = make([]uint64, cacheSize)
		c.scores = make([]int32, cacheSize*L)
	}
	k := w.localKey() | 1
	slot := int(k>>32) & (cacheSize - 1)
	row := c.scores[slot*L : slot*L+L]
	if c.keys[slot] != k {
		clear(row)
		*tmp = localKeys((*tmp)[:0], w, lex.clus != nil, lex.prof != nil)
		m.Score(*tmp, row)
		c.keys[slot] = k
	}
	return row
}

// Load reads a model file made by Train. The tagger may keep references
// to data.
func Load(data []byte) (*Tagger, error) {
	f, err := perceptron.Decode(data)
	if err != nil {
		return nil, err
	}
	if f.Kind != modelKind {
		return nil, fmt.Errorf("pos: a %q model, not a POS model", f.Kind)
	}
	settings, ok := f.Section("settings")
	if !ok {
		return nil, errors.New("pos: model has no settings")
	}
	v, n := binary.Uvarint(settings)
	if n <= 0 || v != settingsVersion {
		return nil, fmt.Errorf("pos: model features version %d, this kg extracts version %d: retrain the model (make model)", v, settingsVersion)
	}
	// After the version: the flags, then the second pass's sure margin
	// (both optional).
	var opt [2]uint64
	rest := settings[n:]
	for k := range opt {
		if len(rest) == 0 {
			break
		}
		v, n := binary.Uvarint(rest)
		if n <= 0 || k == 1 && v > math.MaxInt32 {
			return nil, errors.New("pos: bad model settings")
		}
		opt[k], rest = v, rest[n:]
	}
	flags := opt[0]
	tab, ok := f.Section("ambiguity")
	if !ok {
		return nil, errors.New("pos: model has no ambiguity classes")
	}
	amb, err := perceptron.DecodeTable(tab)
	if err != nil {
		return nil, fmt.Errorf("pos: ambiguity classes: %w", err)
	}
	var clus *perceptron.Index
	if tab, ok := f.Section("clusters"); ok {
		if clus, err = perceptron.DecodeTable(tab); err != nil {
			return nil, fmt.Errorf("pos: clusters: %w", err)
		}
	}
	var prof *perceptron.Index
	if tab, ok := f.Section("case"); ok {
		if prof, err = perceptron.DecodeTable(tab); err != nil {
			return nil, fmt.Errorf("pos: capitalization profile: %w", err)
		}
	}
	var passes [2]*perceptron.SparseModel
	for k, name := range [2]string{"first", "second"} {
		data, ok := f.Section(name)
		if !ok {
			if k == 0 {
				return nil, errors.New("pos: model has no weights")
			}
			break
		}
		if passes[k], err = perceptron.DecodeSparse(data); err != nil {
			return nil, fmt.Errorf("pos: %s pass: %w", name, err)
		}
	}
	t, err := newTagger(passes[0], passes[1], lexicon{amb: amb, clus: clus, prof: prof})
	if err != nil {
		return nil, err
	}
	t.reverse = flags&flagReverse != 0
	t.sure = int32(opt[1])
	return t, nil
}

// Settings flags.
const (
	// flagReverse: the second pass tags from right to left.
	flagReverse = 1 << iota
)

// lexicon holds the tables of a model's lexical features.
type lexicon struct {
	amb  *perceptron.Index // normalized word -> ambiguity class + 3
	clus *perceptron.Index // cluster form -> path, or nil
	prof *perceptron.Index // normalized word -> capitalization profile, or nil
}

func newTagger(first, second *perceptron.SparseModel, lex lexicon) (*Tagger, error) {
	t := &Tagger{first: first, second: second, lex: lex}
	if second != nil && !slices.Equal(first.Labels(), second.Labels()) {
		return nil, errors.New("pos: the two passes have different labels")
	}
	for _, l := range first.Labels() {
		u, x, ok := strings.Cut(l, "/")
		if !ok || u == "" || x == "" {
			return nil, fmt.Errorf("pos: model label %q is not UPOS/XPOS", l)
		}
		t.upos = append(t.upos, u)
		t.xpos = append(t.xpos, x)
	}
	return t, nil
}

// NumTags is the number of joint UPOS/XPOS labels.
func (t *Tagger) NumTags() int { return len(t.upos) }

// Tag returns the UPOS and XPOS of label id (0 <= id < NumTags).
func (t *Tagger) Tag(id int) (upos, xpos string) { return t.upos[id], t.xpos[id] }

// Features is the number of features with weights.
func (t *Tagger) Features() int {
	n := t.first.Len()
	if t.second != nil {
		n += t.second.Len()
	}
	return n
}

// TagWords writes the label id of each word to ids (len(ids) >=
// len(words)); Tag gives its UPOS and XPOS. Words are tokens as the
// tokenizer gives them (package text) or the forms of a treebank.
func (t *Tagger) TagWords(words []string, ids []uint8) {
	st, _ := t.pool.Get().(*state)
	if st == nil {
		st = &state{scores: make([]int32, t.first.NumLabels())}
	}
	st.prepare(&t.lex, words)
	n := len(words)
	st.margin = slices.Grow(st.margin[:0], n)[:n]
	switch {
	case t.second == nil:
		st.pass(t.first, &st.cache[0], &t.lex, nil, ids[:n], 0)
	case !t.reverse:
		st.first = slices.Grow(st.first[:0], n)[:n]
		st.pass(t.first, &st.cache[0], &t.lex, nil, st.first, 0)
		st.pass(t.second, &st.cache[1], &t.lex, st.first, ids[:n], t.sure)
	default:
		st.first = slices.Grow(st.first[:0], n)[:n]
		st.pass(t.first, &st.cache[0], &t.lex, nil, st.first, 0)
		slices.Reverse(st.first)
		slices.Reverse(st.margin)
		st.reverseWords(t.lex.clus != nil, t.lex.prof != nil)
		st.pass(t.second, &st.cache[1], &t.lex, st.first, ids[:n], t.sure)
		slices.Reverse(ids[:n])
	}
	t.pool.Put(st)
}

// pass tags the words greedily from left to right with m, given the first
// pass's tags if m is the second pass. The first pass notes each tag's
// margin in st.margin; the second keeps the first pass's tag of a word
// whose margin is sure or more (sure > 0).
func (st *state) pass(m *perceptron.SparseModel, cache *wordCache, lex *lexicon, first []uint8, out []uint8, sure int32) {
	L := m.NumLabels()
	sc := st.scores[:L]
	p1, p2 := -1, -2
	for i := range out {
		if sure > 0 && st.margin[i] >= sure {
			out[i] = first[i]
			p1, p2 = int(first[i]), p1
			continue
		}
		copy(sc, cache.local(m, &st.ws[i+2], lex, &st.keys))
		st.keys = append(st.keys[:0], st.static[st.off[i]:st.off[i+1]]...)
		st.keys = dynamicKeys(st.keys, st.ws, i, p1, p2)
		if first != nil {
			st.keys = stackKeys(st.keys, st.ws, i, first, p1)
		}
		m.Score(st.keys, sc)
		best, second := 0, -1
		for y := 1; y < L; y++ {
			switch {
			case sc[y] > sc[best]:
				best, second = y, best
			case second < 0 || sc[y] > sc[second]:
				second = y
			}
		}
		out[i] = uint8(best)
		if first == nil && second >= 0 {
			st.margin[i] = sc[best] - sc[second]
		}
		p1, p2 = best, p1
	}
}

// TagStrings returns the UPOS and XPOS of each word (in new slices whose
// strings belong to the model).
func (t *Tagger) TagStrings(words []string) (upos, xpos []string) {
	ids := make([]uint8, len(words))
	t.TagWords(words, ids)
	upos, xpos = make([]string, len(words)), make([]string, len(words))
	for i, id := range ids {
		upos[i], xpos[i] = t.upos[id], t.xpos[id]
	}
	return upos, xpos
}

// prepare analyzes the words of a sentence into st.ws, with two padding
// words on each side, and computes their static features.
func (st *state) prepare(lex *lexicon, words []string) {
	n := len(words) + 4
	if cap(st.ws) < n {
		st.ws = make([]word, n)
	}
	st.ws = st.ws[:n]
	st.ws[0], st.ws[1] = padBefore, padBefore
	st.ws[n-2], st.ws[n-1] = padAfter, padAfter
	for i, s := range words {
		w := &st.ws[i+2]
		analyze(text.Norm(s), w)
		if i == 0 {
			w.flags |= wordFirst
		}
		w.amb = ambiguity(lex.amb, w.norm)
		if w.amb == 0 && w.last != 0 {
			// An unknown hyphenated word ("anti-terror") is what its last
			// part is.
			w.amb = ambiguity(lex.amb, w.last)
		}
		if lex.clus != nil {
			w.clus = cluster(lex.clus, w)
		}
		if lex.prof != nil {
			if r := lex.prof.Find(w.norm); r >= 0 {
				w.prof = uint64(r)
			}
		}
	}
	kind := sentenceKind(st.ws[2 : n-2])
	for i := range words {
		st.ws[i+2].kind = kind
	}
	st.static = st.static[:0]
	st.off = append(st.off[:0], 0)
	for i := range words {
		st.static = contextKeys(st.static, st.ws, i, lex.clus != nil, lex.prof != nil)
		st.off = append(st.off, len(st.static))
	}
}

// reverseWords reverses the analyzed words of the sentence (padding
// included) and computes their static features again, for a pass from
// right to left.
func (st *state) reverseWords(clusters, profile bool) {
	slices.Reverse(st.ws)
	st.static = st.static[:0]
	st.off = append(st.off[:0], 0)
	for i := range len(st.ws) - 4 {
		st.static = contextKeys(st.static, st.ws, i, clusters, profile)
		st.off = append(st.off, len(st.static))
	}
}

// ambiguity returns the ambiguity class of a normalized word: 0 for an
// unknown word, 1 and 2 are the padding.
func ambiguity(amb *perceptron.Index, norm uint64) uint64 {
	if r := amb.Find(norm); r >= 0 {
		return uint64(r) + 3
	}
	return 0
}

// cluster returns the cluster of a word, looked up by its form, then in
// lower case, then (for a hyphenated word) by its last part; 0 if none.
func cluster(clus *perceptron.Index, w *word) uint64 {
	for _, k := range [...]uint64{w.form, w.norm, w.last} {
		if k == 0 {
			continue
		}
		if r := clus.Find(k); r >= 0 {
			return uint64(r)
		}
	}
	return 0
}
