package depparse

import (
	"slices"
	"testing"

	"kg/ingest/conllu"
	"kg/ingest/perceptron"
)

// TestBeamSearch checks the beam search against plain implementations: a
// beam of one partial parse makes exactly the greedy parser's trees, and a
// wider one, with or without a margin, exactly the trees of a search that
// scores every partial parse on its own (no sharing between them).
func TestBeamSearch(t *testing.T) {
	tagger := shipped(t).Tagger()
	load := func(k int, margin float64) *Parser {
		p, err := Load(embeddedModel, tagger)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.SetBeam(k, margin); err != nil {
			t.Fatal(err)
		}
		return p
	}
	greedy := load(1, 0)
	sents := WithTags(tagger, readTreebank(t, devFile)[:300])
	for _, tc := range []struct {
		k      int
		margin float64
	}{{1, 0}, {3, 0}, {5, 38968}, {8, 0}, {8, 20000}} {
		q := load(tc.k, tc.margin)
		st := &state{scores: make([]int32, q.m.NumLabels())}
		var tree Tree
		for _, s := range sents {
			words := s.Forms()
			var upos, xpos []string
			st.tags, st.upos = st.tags[:0], st.upos[:0]
			for _, w := range s.Words {
				upos, xpos = append(upos, w.UPOS), append(xpos, w.XPOS)
				st.tags = append(st.tags, tagKey(w.UPOS, w.XPOS))
				st.upos = append(st.upos, perceptron.Hash(w.UPOS))
			}
			st.a.fill(&q.lex, words, st.tags, st.upos)
			q.parseBeam(st, len(words))
			got := Tree{UPOS: upos, XPOS: xpos}
			for i := range words {
				got.Head = append(got.Head, int(st.c.head[i+1])-1)
				got.Deprel = append(got.Deprel, q.rels[st.c.rel[i+1]])
			}
			checkTree(t, &got)
			if tc.k == 1 {
				greedy.ParseTagged(words, upos, xpos, &tree)
			} else {
				tree = plainBeam(q, &st.a, len(words))
			}
			if !slices.Equal(got.Head, tree.Head) || !slices.Equal(got.Deprel, tree.Deprel) {
				t.Fatalf("beam %d margin %v, %q: %v %v, plain search %v %v", tc.k, tc.margin, words, got.Head, got.Deprel, tree.Head, tree.Deprel)
			}
		}
	}
}

// plainBeam is the beam search without shared scores: every partial parse
// scored on its own, with all its keys.
func plainBeam(p *Parser, a *atoms, n int) Tree {
	var b beam
	b.start(n)
	scores := make([]int32, p.m.NumLabels())
	for !b.cur[0].c.terminal() {
		for i, it := range b.cur {
			keys := appendKeys(nil, &it.c, a, p.lex.clus != nil)
			clear(scores)
			p.m.Score(keys, scores)
			moves, toRoot := it.c.legal(), it.c.s(1) == 0
			for y, tr := range p.trans {
				if allowed(tr, moves, toRoot) {
					b.offer(candidate{from: i, y: y, score: it.score + float64(scores[y])}, p.beam)
				}
			}
		}
		b.cut(p.margin)
		b.advance(p.trans, false)
	}
	var t Tree
	for i := range n {
		t.Head = append(t.Head, int(b.cur[0].c.head[i+1])-1)
		t.Deprel = append(t.Deprel, p.rels[b.cur[0].c.rel[i+1]])
	}
	return t
}

// TestBeamTrainingLearns trains a beam model on a few sentences until it
// parses them exactly (the max-violation updates must separate them) with
// the search ChooseSearch gives it, and checks that the model file gives the
// parser that search.
func TestBeamTrainingLearns(t *testing.T) {
	sents := readTreebank(t, trainFile)[:40]
	var train []*conllu.Sentence
	for _, s := range sents {
		if len(s.Words) >= 4 && len(s.Words) <= 20 && IsProjective(heads(s)) {
			train = append(train, s)
		}
	}
	p, data, err := Train(train, train, TrainOptions{Beam: 4, Epochs: 30, Patience: 30, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	if p.Beam() < 2 || p.Beam() > 4 {
		t.Errorf("the model searches with a beam of %d, want 2 to 4 (ChooseSearch)", p.Beam())
	}
	q, err := Load(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if q.Beam() != p.Beam() || q.margin != p.margin {
		t.Errorf("loaded beam %d margin %v, trained %d %v", q.Beam(), q.margin, p.Beam(), p.margin)
	}
	s := Evaluate(q, train, 1, true)
	if s.LASScore() != 100 {
		t.Errorf("%d training sentences parsed with LAS %.2f, want 100", len(train), s.LASScore())
	}
}

// TestSettings checks the settings section of greedy and beam models.
func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		beam   int
		margin int32
	}{{1, 0}, {8, 0}, {8, 46341}, {64, 1 << 20}} {
		b := Settings(tc.beam, tc.margin)
		if tc.beam == 1 && len(b) != 1 {
			t.Errorf("greedy settings %v, want the version only", b)
		}
		data := modelWithSettings(t, b)
		p, err := Load(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		if p.Beam() != tc.beam || p.margin != float64(tc.margin) {
			t.Errorf("settings %v: beam %d margin %v, want %d %d", b, p.Beam(), p.margin, tc.beam, tc.margin)
		}
	}
	if _, err := Load(modelWithSettings(t, []byte{settingsVersion, 65, 0}), nil); err == nil {
		t.Error("a beam of 65 loaded")
	}
}

// modelWithSettings returns the shipped model with another settings
// section.
func modelWithSettings(t *testing.T, settings []byte) []byte {
	t.Helper()
	f, err := perceptron.Decode(embeddedModel)
	if err != nil {
		t.Fatal(err)
	}
	for i := range f.Sections {
		if f.Sections[i].Name == "settings" {
			f.Sections[i].Data = settings
		}
	}
	data, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestTrainFromFirst checks that a training with Prune takes its features
// from a given first model, and refuses one made for other transitions.
func TestTrainFromFirst(t *testing.T) {
	train := readTreebank(t, trainFile)[:60]
	first, data, err := Train(train, nil, TrainOptions{Epochs: 3, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := Train(train, nil, TrainOptions{Epochs: 3, MinCount: 1, Prune: 2000, First: data})
	if err != nil {
		t.Fatal(err)
	}
	if p.Features() == 0 || p.Features() >= first.Features() {
		t.Errorf("pruned to %d features of the first model's %d", p.Features(), first.Features())
	}
	if _, _, err := Train(readTreebank(t, trainFile)[1000:1010], nil, TrainOptions{Epochs: 1, Prune: 2000, First: data}); err == nil {
		t.Error("a first model with other transitions was taken")
	}
	if _, _, err := Train(train, nil, TrainOptions{Epochs: 1, First: data}); err == nil {
		t.Error("a first model without Prune was taken (and ignored)")
	}
}
