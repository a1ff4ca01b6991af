// Package depparse finds the syntactic structure of sentences: who did what
// to whom. It tags the words with package pos and parses them into a
// dependency tree of Universal Dependencies relations (nsubj, obj, obl,
// nmod, amod, appos, compound, conj, ...), with a transition-based parser:
// the arc-hybrid system, scored by a perceptron over rich non-local
// features (Zhang & Nivre 2011) and word clusters, trained on UD English
// EWT. A model is either greedy (one transition at a time, trained with the
// dynamic oracle of Goldberg & Nivre 2013) or searches with a beam of
// partial parses (trained globally, beam.go); the shipped model uses a beam.
//
// Parser.Parse is safe for concurrent use; with a reused Tree it does not
// allocate once warm.
package depparse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"kg/ingest/perceptron"
	"kg/ingest/pos"
)

// modelKind is the Kind of parser model files.
const modelKind = "depparse"

// settingsVersion is the version of the feature extraction; a model made
// by another version is refused.
const settingsVersion = 1

// maxBeam is the widest beam a model may ask for.
const maxBeam = 64

// Tree is a tagged and parsed sentence. Its slices are reused by the next
// Parse into the same Tree; its strings belong to the models (no copies).
type Tree struct {
	// UPOS and XPOS are the words' tags: "NOUN" and "NN", "VERB" and "VBD".
	UPOS, XPOS []string
	// Head is the index of each word's head word, or -1 for the root of the
	// sentence (exactly one word).
	Head []int
	// Deprel is each word's relation to its head: "nsubj", "obj",
	// "obl:tmod", ..., "root" for the root.
	Deprel []string
}

// Len is the number of words.
func (t *Tree) Len() int { return len(t.Head) }

// Root returns the index of the root word (-1 for an empty tree).
func (t *Tree) Root() int {
	for i, h := range t.Head {
		if h < 0 {
			return i
		}
	}
	return -1
}

// Dependents appends to dst the dependents of word h, left to right.
func (t *Tree) Dependents(dst []int, h int) []int {
	for i, x := range t.Head {
		if x == h {
			dst = append(dst, i)
		}
	}
	return dst
}

func (t *Tree) reset(n int) {
	t.UPOS = resizeStrings(t.UPOS, n)
	t.XPOS = resizeStrings(t.XPOS, n)
	t.Deprel = resizeStrings(t.Deprel, n)
	if cap(t.Head) < n {
		t.Head = make([]int, n)
	}
	t.Head = t.Head[:n]
}

func resizeStrings(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	return s[:n]
}

// transition is a label of the model: a move with a relation.
type transition struct {
	move int
	rel  uint8 // index in Parser.rels
	root bool  // the relation is "root"
}

// Parser is a trained dependency parser, with the tagger that gives it its
// tags.
type Parser struct {
	tagger  *pos.Tagger
	tagKey  []uint64 // per tagger label: the hash of "UPOS/XPOS"
	uposKey []uint64 // per tagger label: the hash of its UPOS
	m       *perceptron.SparseModel
	trans   []transition
	rels    []string
	lex     lexicon
	beam    int           // partial parses kept by the search; 1 is greedy
	margin  float64       // the search drops partial parses so far below the best
	work    *atomic.Int64 // if set, counts the partial parses scored (ChooseSearch)
	pool    sync.Pool     // *state
}

// state is the work space of parsing one sentence.
type state struct {
	c      config
	a      atoms
	keys   []uint64
	scores []int32
	tags   []uint64
	upos   []uint64
	ids    []uint8
	beam   beam
	shared sharedScores
}

// Load reads a parser model file made by Train; tagger tags the words of
// Parse (it may be nil for a parser used only with ParseTagged).
func Load(data []byte, tagger *pos.Tagger) (*Parser, error) {
	f, err := perceptron.Decode(data)
	if err != nil {
		return nil, err
	}
	if f.Kind != modelKind {
		return nil, fmt.Errorf("depparse: a %q model, not a parser model", f.Kind)
	}
	settings, ok := f.Section("settings")
	if !ok {
		return nil, errors.New("depparse: model has no settings")
	}
	v, n := binary.Uvarint(settings)
	if n <= 0 || v != settingsVersion {
		return nil, fmt.Errorf("depparse: model features version %d, this kg extracts version %d: retrain the model (make model)", v, settingsVersion)
	}
	// Then the beam the model was trained for and its margin; models
	// without them are greedy.
	beam, margin := uint64(1), uint64(0)
	if rest := settings[n:]; len(rest) > 0 {
		if beam, n = binary.Uvarint(rest); n <= 0 || beam < 1 || beam > maxBeam {
			return nil, fmt.Errorf("depparse: model settings: beam of %d, want 1 to %d", beam, maxBeam)
		}
		if rest = rest[n:]; len(rest) > 0 {
			if margin, n = binary.Uvarint(rest); n <= 0 || margin > math.MaxInt32 {
				return nil, errors.New("depparse: model settings: bad beam margin")
			}
		}
	}
	weights, ok := f.Section("weights")
	if !ok {
		return nil, errors.New("depparse: model has no weights")
	}
	m, err := perceptron.DecodeSparse(weights)
	if err != nil {
		return nil, fmt.Errorf("depparse: %w", err)
	}
	var lex lexicon
	tab, ok := f.Section("vocabulary")
	if !ok {
		return nil, errors.New("depparse: model has no vocabulary")
	}
	if lex.vocab, err = perceptron.DecodeTable(tab); err != nil {
		return nil, fmt.Errorf("depparse: vocabulary: %w", err)
	}
	if tab, ok := f.Section("clusters"); ok {
		if lex.clus, err = perceptron.DecodeTable(tab); err != nil {
			return nil, fmt.Errorf("depparse: clusters: %w", err)
		}
	}
	p, err := newParser(m, lex, tagger)
	if err != nil {
		return nil, err
	}
	p.beam, p.margin = int(beam), float64(margin)
	return p, nil
}

func newParser(m *perceptron.SparseModel, lex lexicon, tagger *pos.Tagger) (*Parser, error) {
	p := &Parser{m: m, lex: lex, tagger: tagger, beam: 1}
	relIndex := map[string]uint8{}
	hasRoot := false
	for _, l := range m.Labels() {
		if l == "SH" {
			p.trans = append(p.trans, transition{move: shift})
			continue
		}
		dir, rel, ok := strings.Cut(l, ":")
		if !ok || (dir != "L" && dir != "R") || rel == "" {
			return nil, fmt.Errorf("depparse: model label %q", l)
		}
		id, ok := relIndex[rel]
		if !ok {
			if len(p.rels) >= 255 {
				return nil, errors.New("depparse: too many relations")
			}
			id = uint8(len(p.rels))
			relIndex[rel] = id
			p.rels = append(p.rels, rel)
		}
		t := transition{move: left, rel: id, root: rel == "root"}
		if dir == "R" {
			t.move = right
			hasRoot = hasRoot || t.root
		}
		p.trans = append(p.trans, t)
	}
	var moves [3]bool
	for _, t := range p.trans {
		if !t.root {
			moves[t.move] = true
		}
	}
	if !hasRoot || !moves[shift] || !moves[left] || !moves[right] {
		return nil, errors.New("depparse: model lacks the transitions it needs (SH, R:root, L:..., R:...)")
	}
	if tagger != nil {
		for id := range tagger.NumTags() {
			u, x := tagger.Tag(id)
			p.tagKey = append(p.tagKey, tagKey(u, x))
			p.uposKey = append(p.uposKey, perceptron.Hash(u))
		}
	}
	return p, nil
}

// tagKey is the hash of "upos/xpos", computed without building it.
func tagKey(upos, xpos string) uint64 {
	return perceptron.NewHasher().String(upos).Byte('/').String(xpos).Sum()
}

// Tagger returns the parser's tagger.
func (p *Parser) Tagger() *pos.Tagger { return p.tagger }

// Relations returns the relations the parser knows. Do not modify.
func (p *Parser) Relations() []string { return p.rels }

// Features is the number of features with weights.
func (p *Parser) Features() int { return p.m.Len() }

func (p *Parser) getState() *state {
	st, _ := p.pool.Get().(*state)
	if st == nil {
		st = &state{scores: make([]int32, p.m.NumLabels())}
	}
	return st
}

// Parse tags and parses a sentence of words (tokens as package text gives
// them, or the words of a treebank) into t.
func (p *Parser) Parse(words []string, t *Tree) {
	n := len(words)
	t.reset(n)
	if n == 0 {
		return
	}
	st := p.getState()
	st.ids = append(st.ids[:0], make([]uint8, n)...)
	p.tagger.TagWords(words, st.ids)
	st.tags, st.upos = st.tags[:0], st.upos[:0]
	for i, id := range st.ids {
		t.UPOS[i], t.XPOS[i] = p.tagger.Tag(int(id))
		st.tags = append(st.tags, p.tagKey[id])
		st.upos = append(st.upos, p.uposKey[id])
	}
	p.parse(st, words, t)
	p.pool.Put(st)
}

// ParseTagged parses a sentence whose words are tagged already (upos and
// xpos as long as words), into t.
func (p *Parser) ParseTagged(words, upos, xpos []string, t *Tree) {
	n := len(words)
	t.reset(n)
	if n == 0 {
		return
	}
	st := p.getState()
	st.tags, st.upos = st.tags[:0], st.upos[:0]
	for i := range words {
		t.UPOS[i], t.XPOS[i] = upos[i], xpos[i]
		st.tags = append(st.tags, tagKey(upos[i], xpos[i]))
		st.upos = append(st.upos, perceptron.Hash(upos[i]))
	}
	p.parse(st, words, t)
	p.pool.Put(st)
}

// parse runs the transition system over words tagged with st.tags.
func (p *Parser) parse(st *state, words []string, t *Tree) {
	st.a.fill(&p.lex, words, st.tags, st.upos)
	c := &st.c
	if p.beam > 1 {
		p.parseBeam(st, len(words))
	} else {
		p.greedy(st, len(words))
	}
	for i := range words {
		h := int(c.head[i+1]) - 1 // the root (0) becomes -1
		t.Head[i] = h
		t.Deprel[i] = p.rels[c.rel[i+1]]
	}
}

// greedy parses st.a's sentence of n words with the best transition at
// each step, into st.c.
func (p *Parser) greedy(st *state, n int) {
	c := &st.c
	c.reset(n)
	clusters := p.lex.clus != nil
	for !c.terminal() {
		// A configuration that allows one transition (only the root on
		// the stack: shift; the buffer empty with one word on the stack:
		// attach it to the root) takes it unscored: a greedy parser
		// makes one of these for about every fourth word.
		y := onlyTransition(p.trans, c)
		if y < 0 {
			st.keys = appendKeys(st.keys[:0], c, &st.a, clusters)
			sc := st.scores
			clear(sc)
			p.m.Score(st.keys, sc)
			y = bestTransition(p.trans, c, sc, nil)
		}
		tr := p.trans[y]
		c.apply(tr.move, tr.rel)
	}
}

// onlyTransition returns the transition c allows when it allows only one,
// -1 when it allows several.
func onlyTransition(trans []transition, c *config) int {
	moves := c.legal()
	if moves&(moves-1) != 0 {
		return -1 // two moves or more
	}
	toRoot := c.s(1) == 0
	only := -1
	for y, tr := range trans {
		if allowed(tr, moves, toRoot) {
			if only >= 0 {
				return -1
			}
			only = y
		}
	}
	return only
}

// bestTransition returns the allowed transition with the highest score;
// with cost set, only those of cost 0 (cost[y] == 0) are considered. It
// returns -1 if there is none.
func bestTransition[T perceptron.Number](trans []transition, c *config, scores []T, cost []int) int {
	moves := c.legal()
	toRoot := c.s(1) == 0
	best := -1
	for y, tr := range trans {
		if !allowed(tr, moves, toRoot) {
			continue
		}
		if cost != nil && cost[y] != 0 {
			continue
		}
		if best < 0 || scores[y] > scores[best] {
			best = y
		}
	}
	return best
}
