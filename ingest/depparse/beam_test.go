package depparse

import (
	"slices"
	"testing"

	"kg/ingest/conllu"
	"kg/ingest/perceptron"
)

// TestBeamOfOneIsGreedy checks that the beam search keeping one partial
// parse makes exactly the greedy parser's trees, and that wider beams make
// well-formed trees.
func TestBeamOfOneIsGreedy(t *testing.T) {
	p := shipped(t)
	if p.Beam() != 1 {
		t.Skip("the shipped model is not greedy")
	}
	sents := WithTags(p.Tagger(), readTreebank(t, devFile)[:300])
	for _, k := range []int{1, 3, 8} {
		q, err := Load(embeddedModel, p.Tagger())
		if err != nil {
			t.Fatal(err)
		}
		if err := q.SetBeam(k, 0); err != nil {
			t.Fatal(err)
		}
		st := &state{scores: make([]int32, p.m.NumLabels())}
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
			p.ParseTagged(words, upos, xpos, &tree)
			st.a.fill(&p.lex, words, st.tags, st.upos)
			q.parseBeam(st, len(words))
			got := Tree{UPOS: upos, XPOS: xpos}
			for i := range words {
				got.Head = append(got.Head, int(st.c.head[i+1])-1)
				got.Deprel = append(got.Deprel, p.rels[st.c.rel[i+1]])
			}
			checkTree(t, &got)
			if k == 1 && (!slices.Equal(got.Head, tree.Head) || !slices.Equal(got.Deprel, tree.Deprel)) {
				t.Fatalf("%q: a beam of 1 gives %v %v, greedy %v %v", words, got.Head, got.Deprel, tree.Head, tree.Deprel)
			}
		}
	}
}

// TestBeamTrainingLearns trains a beam model on a few sentences until it
// parses them exactly (the max-violation updates must separate them), and
// checks that the model file gives the parser its beam and margin.
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
	if p.Beam() != 4 {
		t.Errorf("the model's beam is %d, want 4", p.Beam())
	}
	q, err := Load(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if q.Beam() != 4 || q.margin != p.margin {
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
}
