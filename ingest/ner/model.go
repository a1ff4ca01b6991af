package ner

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"

	"kg/ingest/perceptron"
)

// entityTypes are the CoNLL-2003 entity types.
var entityTypes = [...]string{"PER", "ORG", "LOC", "MISC"}

// bilouLabels are the labels of the sequence model: O, then B-, I-, L- and
// U- (begin, inside, last, unit) of each type.
func bilouLabels() []string {
	out := []string{"O"}
	for _, t := range entityTypes {
		for _, p := range []string{"B", "I", "L", "U"} {
			out = append(out, p+"-"+t)
		}
	}
	return out
}

// label is a label of the model, taken apart.
type label struct {
	prefix byte // 'O', 'B', 'I', 'L' or 'U'
	typ    int  // index in entityTypes, -1 for O
	tag    string
}

func parseLabels(names []string) ([]label, error) {
	out := make([]label, len(names))
	for i, n := range names {
		if n == "O" {
			out[i] = label{prefix: 'O', typ: -1, tag: "O"}
			continue
		}
		p, ty, ok := strings.Cut(n, "-")
		typ := -1
		for k, t := range entityTypes {
			if t == ty {
				typ = k
			}
		}
		if !ok || len(p) != 1 || !strings.Contains("BILU", p) || typ < 0 {
			return nil, fmt.Errorf("ner: model label %q", n)
		}
		// Tags come out as IOB2.
		tag := "I-" + ty
		if p == "B" || p == "U" {
			tag = "B-" + ty
		}
		out[i] = label{prefix: p[0], typ: typ, tag: tag}
	}
	return out, nil
}

// constraints are the BILOU rules: a span opens with B and closes with L,
// or is a single U; I and L continue a span of their type.
func constraints(ls []label) perceptron.Constraints {
	c := perceptron.Constraints{Next: make([]uint64, len(ls))}
	opens := func(l label) bool { return l.prefix == 'O' || l.prefix == 'B' || l.prefix == 'U' }
	closes := func(l label) bool { return l.prefix == 'O' || l.prefix == 'L' || l.prefix == 'U' }
	for y, l := range ls {
		if opens(l) {
			c.Start |= 1 << y
		}
		if closes(l) {
			c.End |= 1 << y
		}
	}
	for p, lp := range ls {
		for y, ly := range ls {
			ok := false
			if closes(lp) {
				ok = opens(ly)
			} else { // inside a span of lp's type
				ok = (ly.prefix == 'I' || ly.prefix == 'L') && ly.typ == lp.typ
			}
			if ok {
				c.Next[p] |= 1 << y
			}
		}
	}
	return c
}

// spansToBILOU returns the model's labels for a sentence's gold tags (IOB1,
// IOB2 or BILOU).
func spansToBILOU(tags []string, index map[string]int) []int {
	out := make([]int, len(tags))
	for _, s := range Spans(tags) {
		if s.End-s.Start == 1 {
			out[s.Start] = index["U-"+s.Type]
			continue
		}
		out[s.Start] = index["B-"+s.Type]
		for k := s.Start + 1; k < s.End-1; k++ {
			out[k] = index["I-"+s.Type]
		}
		out[s.End-1] = index["L-"+s.Type]
	}
	return out
}

// Model is a trained named-entity tagger: an averaged perceptron over the
// features of features.go, decoded with Viterbi under BILOU constraints. It
// implements Tagger and is safe for concurrent use.
type Model struct {
	pm     *perceptron.Model
	k      keyer
	labels []label
	cons   perceptron.Constraints
	trans  perceptron.Transitions[int32]
	pool   sync.Pool // *docState
}

// modelKind is the Kind of NER model files.
const modelKind = "ner"

// settingsVersion is the version of the feature extraction; a model made
// by another version is refused.
const settingsVersion = 3

// Load reads a model file made by Train. The model may keep references to
// data.
func Load(data []byte) (*Model, error) {
	f, err := perceptron.Decode(data)
	if err != nil {
		return nil, err
	}
	if f.Kind != modelKind {
		return nil, fmt.Errorf("ner: a %q model, not an NER model", f.Kind)
	}
	settings, ok := f.Section("settings")
	if !ok {
		return nil, errors.New("ner: model has no settings")
	}
	v, n := binary.Uvarint(settings)
	if n <= 0 || v != settingsVersion {
		return nil, fmt.Errorf("ner: model features version %d, this kg extracts version %d: retrain the model (make model)", v, settingsVersion)
	}
	flags, n2 := binary.Uvarint(settings[n:])
	if n2 <= 0 {
		return nil, errors.New("ner: bad model settings")
	}
	lex, err := decodeLexicon(f)
	if err != nil {
		return nil, err
	}
	return newModel(f.Model, keyer{flags: uint32(flags), lex: lex})
}

func newModel(pm *perceptron.Model, k keyer) (*Model, error) {
	ls, err := parseLabels(pm.Labels())
	if err != nil {
		return nil, err
	}
	m := &Model{pm: pm, k: k, labels: ls, cons: constraints(ls)}
	L := len(ls)
	m.trans = perceptron.Transitions[int32]{Start: make([]int32, L), Step: make([]int32, L*L), End: make([]int32, L)}
	pm.AddRow(pm.Row(perceptron.Mix(tTransition, uint64(L))), m.trans.Start)
	for p := range L {
		pm.AddRow(pm.Row(perceptron.Mix(tTransition, uint64(p))), m.trans.Step[p*L:(p+1)*L])
	}
	pm.AddRow(pm.Row(perceptron.Mix(tEnd, 0)), m.trans.End)
	return m, nil
}

// encodeSettings is the settings section.
func encodeSettings(flags uint32) []byte {
	b := binary.AppendUvarint(nil, settingsVersion)
	return binary.AppendUvarint(b, uint64(flags))
}

// Features is the number of features with weights.
func (m *Model) Features() int { return m.pm.Len() }

// Tag implements Tagger: IOB2 tags for every token of the document.
func (m *Model) Tag(doc [][]string) [][]string {
	st, _ := m.pool.Get().(*docState)
	if st == nil {
		st = &docState{}
	}
	defer m.pool.Put(st)
	st.prepare(&m.k, doc)
	L := len(m.labels)
	out := make([][]string, len(doc))
	for _, s := range st.order {
		toks := st.sentence(s)
		n := len(toks)
		tags := make([]string, n)
		out[s] = tags
		if n == 0 {
			continue
		}
		emit := st.emitBuffer(n * L)
		kind := st.kinds[s]
		for i := range toks {
			st.keys = m.k.appendKeys(st.keys[:0], toks, i, kind)
			st.keys = m.k.appendDynamicKeys(st.keys, st, toks, i)
			m.pm.Score(st.keys, emit[i*L:(i+1)*L])
		}
		path := st.pathBuffer(n)
		if err := st.dec.Decode(emit, n, L, &m.trans, &m.cons, path); err != nil {
			for i := range tags { // cannot happen with BILOU constraints
				tags[i] = "O"
			}
			continue
		}
		for i, y := range path {
			tags[i] = m.labels[y].tag
		}
		if m.k.flags&featHistory != 0 {
			st.remember(m.labels, toks, path)
		}
	}
	return out
}

// docState is the work space of tagging one document; it is reused.
type docState struct {
	toks  []token
	off   []int // sentence s is toks[off[s]:off[s+1]]
	kinds []uint8
	order []int // the order in which sentences are tagged
	keys  []uint64
	emit  []int32
	path  []int
	dec   perceptron.Decoder[int32]
	doc   docMemory
}

func (st *docState) sentence(s int) []token { return st.toks[st.off[s]:st.off[s+1]] }

func (st *docState) emitBuffer(n int) []int32 {
	if cap(st.emit) < n {
		st.emit = make([]int32, n)
	}
	e := st.emit[:n]
	clear(e)
	return e
}

func (st *docState) pathBuffer(n int) []int {
	if cap(st.path) < n {
		st.path = make([]int, n)
	}
	return st.path[:n]
}

// prepare analyzes the tokens of a document.
func (st *docState) prepare(k *keyer, doc [][]string) {
	total := 0
	for _, s := range doc {
		total += len(s)
	}
	if cap(st.toks) < total {
		st.toks = make([]token, total)
	}
	st.toks = st.toks[:total]
	st.off = append(st.off[:0], 0)
	st.kinds = st.kinds[:0]
	at := 0
	for _, s := range doc {
		toks := st.toks[at : at+len(s)]
		first := true
		for i, w := range s {
			t := &toks[i]
			analyze(w, t)
			t.first = first
			first = first && isOpener(w)
		}
		k.lookup(toks)
		st.kinds = append(st.kinds, sentenceKind(toks))
		at += len(s)
		st.off = append(st.off, at)
	}
	// Sentences in all capitals or title case (headlines, datelines) are
	// tagged after the others, so that what the body showed helps them.
	st.order = st.order[:0]
	for s, kind := range st.kinds {
		if kind == sentNormal {
			st.order = append(st.order, s)
		}
	}
	for s, kind := range st.kinds {
		if kind != sentNormal {
			st.order = append(st.order, s)
		}
	}
	st.doc.reset()
	k.documentFeatures(st)
}
