package depparse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"kg/eval"
	"kg/ingest/conllu"
	"kg/ingest/perceptron"
	"kg/ingest/pos"
)

// TrainOptions set up Train.
type TrainOptions struct {
	// Epochs is the largest number of passes over the training data
	// (default 20); Patience stops earlier after so many epochs without a
	// better dev LAS (default 4).
	Epochs, Patience int
	// Seed fixes the order of the training sentences and the exploration
	// (default 1).
	Seed uint64
	// Explore is the probability with which training follows the model's
	// own transition rather than the oracle's from epoch ExploreFrom on, so
	// that it learns to recover from its mistakes (Goldberg & Nivre 2012;
	// defaults 0.9 and 2; a negative Explore never explores).
	Explore     float64
	ExploreFrom int
	// MinCount drops features seen fewer times in the oracle's parses of
	// the training data (default 2).
	MinCount int
	// MinWeight drops the weights smaller than so many units of the
	// quantized weights (1/32767 of the largest; default 1: keep all).
	MinWeight int
	// Seeds is the number of models trained again after pruning, with
	// seeds Seed, Seed+1, ...; the parser's model is their average
	// (default 1).
	Seeds int
	// Prune, if above 1, makes the model small (and fast): after
	// training, the features left with no weight of Prune units or more
	// are dropped and the parser is trained again with the others.
	Prune int
	// Beam, if above 1, trains the parser for a beam search of so many
	// partial parses, globally (max-violation structured perceptron over
	// the static oracle's sequences; Explore is then not used).
	Beam int
	// First, with Prune, is a model file trained on the same data: the
	// features are chosen from its weights instead of a first training.
	First []byte
	// Clusters is a word cluster table (pos.ReadClusters); "" trains
	// without cluster features.
	Clusters string
	// Log receives progress; nil discards it.
	Log io.Writer
}

// trainSentence is a training sentence: its atoms and its gold tree
// (projectivized).
type trainSentence struct {
	a atoms
	g *gold
	n int
}

// Train learns a parser from the training sentences, whose UPOS and XPOS
// columns hold the tags the parser will be given (predicted ones, for a
// parser that will see predicted tags), choosing the epoch by the LAS on
// the development sentences (tagged the same way). It returns the parser
// (without a tagger) and its model file.
func Train(train, dev []*conllu.Sentence, opt TrainOptions) (*Parser, []byte, error) {
	if len(train) == 0 {
		return nil, nil, errors.New("depparse: train: no training sentences")
	}
	if opt.First != nil && opt.Prune <= 1 {
		return nil, nil, errors.New("depparse: train: a first model chooses the features to prune: give Prune (--prune) too")
	}
	if opt.Beam > maxBeam {
		return nil, nil, fmt.Errorf("depparse: train: a beam of %d, want %d at most", opt.Beam, maxBeam)
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 20
	}
	if opt.Patience <= 0 {
		opt.Patience = 4
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Explore == 0 {
		opt.Explore = 0.9
	}
	if opt.ExploreFrom == 0 {
		opt.ExploreFrom = 2
	}
	if opt.MinCount == 0 {
		opt.MinCount = 2
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	start := time.Now()

	// The transitions: SH, then L:rel and R:rel for the relations seen in
	// each direction, most frequent first.
	count := map[string]int{}
	for _, s := range train {
		if err := s.Validate(); err != nil {
			return nil, nil, fmt.Errorf("depparse: train: sentence at line %d: %w", s.Line, err)
		}
		for i, w := range s.Words {
			dir := "R:"
			if w.Head > i+1 {
				dir = "L:"
			}
			count[dir+relOf(w)]++
		}
	}
	for _, l := range []string{"R:root", "L:dep", "R:dep"} {
		if count[l] == 0 {
			count[l] = 1
		}
	}
	delete(count, "L:root")
	labels := make([]string, 0, len(count)+1)
	for l := range count {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool {
		a, b := count[labels[i]], count[labels[j]]
		if a != b {
			return a > b
		}
		return labels[i] < labels[j]
	})
	labels = append([]string{"SH"}, labels...)
	// The relations are numbered as newParser numbers them.
	probe, err := newParser(perceptron.NewSparseLabels(labels), lexicon{}, nil)
	if err != nil {
		return nil, nil, err
	}
	relID := map[string]uint8{}
	for i, r := range probe.rels {
		relID[r] = uint8(i)
	}

	// Lexicon: the vocabulary (normalized forms seen twice or more) and
	// the clusters.
	lex := lexicon{}
	forms := map[uint64]int{}
	for _, s := range train {
		for _, w := range s.Words {
			norm, _, _ := normForm(w.Form)
			forms[norm]++
		}
	}
	var vocab []uint64
	for k, c := range forms {
		if c >= 2 {
			vocab = append(vocab, k)
		}
	}
	slices.Sort(vocab)
	vocabTab, err := perceptron.EncodeTable(vocab, make([]int32, len(vocab)))
	if err != nil {
		return nil, nil, err
	}
	if lex.vocab, err = perceptron.DecodeTable(vocabTab); err != nil {
		return nil, nil, err
	}
	var clusTab []byte
	if opt.Clusters != "" {
		ck, cv, err := pos.ReadClusters(opt.Clusters)
		if err != nil {
			return nil, nil, err
		}
		if clusTab, err = perceptron.EncodeTable(ck, cv); err != nil {
			return nil, nil, err
		}
		if lex.clus, err = perceptron.DecodeTable(clusTab); err != nil {
			return nil, nil, err
		}
	}
	clusters := lex.clus != nil

	// The training sentences, projectivized.
	sents := make([]*trainSentence, len(train))
	lifted, nonProjective := 0, 0
	for s, cs := range train {
		n := len(cs.Words)
		head := make([]int32, n+1)
		rel := make([]uint8, n+1)
		words := cs.Forms()
		tags := make([]uint64, n)
		upos := make([]uint64, n)
		for i, w := range cs.Words {
			head[i+1] = int32(w.Head)
			rel[i+1] = relID[relOf(w)]
			tags[i] = tagKey(w.UPOS, w.XPOS)
			upos[i] = perceptron.Hash(w.UPOS)
		}
		if k := Projectivize(head); k > 0 {
			lifted += k
			nonProjective++
		}
		ts := &trainSentence{g: newGold(head, rel), n: n}
		ts.a.fill(&lex, words, tags, upos)
		sents[s] = ts
	}
	logf("depparse: %d sentences, %d transitions, %d relations; %d trees not projective, %d arcs lifted",
		len(sents), len(labels), len(probe.rels), nonProjective, lifted)

	// The features: those of the static oracle's parses, seen MinCount
	// times or more.
	trans := probe.trans
	transIndex := map[transition]int{}
	for y, t := range trans {
		transIndex[t] = y
	}
	counts := map[uint64]int32{}
	var c config
	var keys []uint64
	for _, ts := range sents {
		c.reset(ts.n)
		for !c.terminal() {
			keys = appendKeys(keys[:0], &c, &ts.a, clusters)
			for _, k := range keys {
				counts[k]++
			}
			move, r := ts.g.staticMove(&c)
			c.apply(move, r)
		}
	}
	kept := make([]uint64, 0, len(counts)/2)
	for k, n := range counts {
		if int(n) >= opt.MinCount {
			kept = append(kept, k)
		}
	}
	counts = nil
	logf("depparse: %d features (min count %d) in %v", len(kept), opt.MinCount, time.Since(start).Round(time.Second))
	epochs := opt.Epochs
	if opt.Prune > 1 {
		// The first training only chooses the features.
		epochs = min(epochs, 8)
	}
	var best *perceptron.SparseModel
	if opt.Prune > 1 && opt.First != nil {
		// The features are chosen from a model trained already.
		f, err := Load(opt.First, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("depparse: first model: %w", err)
		}
		if !slices.Equal(f.m.Labels(), labels) {
			return nil, nil, errors.New("depparse: the first model has other transitions: train it on the same data")
		}
		best = f.m
	} else if best, err = trainOn(kept, labels, trans, sents, dev, lex, clusters, &opt, opt.Seed, epochs, logf); err != nil {
		return nil, nil, err
	}
	if opt.Prune > 1 {
		kept = slices.Clone(best.Prune(opt.Prune).Keys())
		logf("depparse: training again with the %d features of weights of %d units or more", len(kept), opt.Prune)
		var models []*perceptron.SparseModel
		for k := range max(opt.Seeds, 1) {
			m, err := trainOn(kept, labels, trans, sents, dev, lex, clusters, &opt, opt.Seed+uint64(k), opt.Epochs, logf)
			if err != nil {
				return nil, nil, err
			}
			models = append(models, m)
		}
		if best, err = perceptron.AverageSparse(models...); err != nil {
			return nil, nil, err
		}
		if len(models) > 1 && len(dev) > 0 {
			p, err := newParser(best, lex, nil)
			if err != nil {
				return nil, nil, err
			}
			s := Evaluate(p, dev, runtime.GOMAXPROCS(0), true)
			logf("depparse: the average of %d models: dev UAS %.2f LAS %.2f", len(models), s.UASScore(), s.LASScore())
		}
	}
	if opt.MinWeight > 1 {
		// Prune the kept model: rebuild it from its weights.
		best = best.Prune(opt.MinWeight)
	}
	width, margin := opt.Beam, int32(0)
	if opt.Beam > 1 && len(dev) > 0 {
		p, err := newParser(best, lex, nil)
		if err != nil {
			return nil, nil, err
		}
		p.beam = opt.Beam
		width, margin = ChooseSearch(p, dev)
		logf("depparse: trained with a beam of %d, the parser searches with %d, dropping partial parses %d units below the best", opt.Beam, width, margin)
	}
	weights, err := best.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	f := &perceptron.File{Kind: modelKind, Model: best.Header(), Sections: []perceptron.Section{
		{Name: "settings", Data: Settings(width, margin)},
		{Name: "weights", Data: weights},
		{Name: "vocabulary", Data: vocabTab},
	}}
	if clusTab != nil {
		f.Sections = append(f.Sections, perceptron.Section{Name: "clusters", Data: clusTab})
	}
	data, err := f.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	p, err := Load(data, nil)
	if err != nil {
		return nil, nil, err
	}
	return p, data, nil
}

// Settings encodes the settings section of a parser model: the feature
// version, then for a beam of k above 1 the width and the margin below the
// best at which the search drops partial parses (0: none).
func Settings(k int, margin int32) []byte {
	b := binary.AppendUvarint(nil, settingsVersion)
	if k > 1 {
		b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(k)), uint64(max(margin, 0)))
	}
	return b
}

// ChooseSearch returns the search the parser p (with the beam it was
// trained for) is given: of the beam widths 2 up to p's and the margins
// 2^14, 2^14.25, ..., 2^17 and none, the pair whose UAS and LAS on the
// development sentences (tagged as the parser will be given them) are
// within 0.25 of those of p's whole beam and that scores the fewest partial
// parses there. A model trained with a wide beam keeps most of its accuracy
// with a narrower search that costs much less.
func ChooseSearch(p *Parser, dev []*conllu.Sentence) (width int, margin int32) {
	if p.beam <= 1 || len(dev) == 0 {
		return p.beam, 0
	}
	savedBeam, savedMargin := p.beam, p.margin
	defer func() { p.beam, p.margin, p.work = savedBeam, savedMargin, nil }()
	workers := runtime.GOMAXPROCS(0)
	var work atomic.Int64
	p.work = &work
	run := func(k int, m int32) (uas, las float64, cost int64) {
		p.beam, p.margin = k, float64(m)
		work.Store(0)
		s := Evaluate(p, dev, workers, true)
		return s.UASScore(), s.LASScore(), work.Load()
	}
	fullUAS, fullLAS, best := run(savedBeam, 0)
	width = savedBeam
	for k := 2; k <= savedBeam; k++ {
		for e := 56; e <= 69; e++ { // quarter powers of two, then none
			m := int32(math.Round(math.Pow(2, float64(e)/4)))
			if e == 69 {
				m = 0
			}
			uas, las, cost := run(k, m)
			if uas >= fullUAS-0.25 && las >= fullLAS-0.25 && cost < best {
				width, margin, best = k, m, cost
			}
		}
	}
	return width, margin
}

// relOf is the relation of a training word ("dep" when it has none).
func relOf(w conllu.Word) string {
	if w.Head == 0 {
		return "root"
	}
	if w.Deprel == "" || w.Deprel == "root" {
		return "dep"
	}
	return w.Deprel
}

// Evaluate parses the sentences (on workers goroutines) and scores the
// trees against theirs. With tagged, the parser is given the sentences'
// UPOS and XPOS; without, its tagger tags the words, and the tags are
// scored too.
func Evaluate(p *Parser, sents []*conllu.Sentence, workers int, tagged bool) *eval.Syntax {
	workers = max(workers, 1)
	parts := make([]eval.Syntax, workers)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var t Tree
			var gold, guess []eval.SyntaxWord
			var upos, xpos []string
			for s := k; s < len(sents); s += workers {
				cs := sents[s]
				words := cs.Forms()
				if tagged {
					upos, xpos = upos[:0], xpos[:0]
					for _, w := range cs.Words {
						upos, xpos = append(upos, w.UPOS), append(xpos, w.XPOS)
					}
					p.ParseTagged(words, upos, xpos, &t)
				} else {
					p.Parse(words, &t)
				}
				gold, guess = gold[:0], guess[:0]
				for i, w := range cs.Words {
					gold = append(gold, eval.SyntaxWord{UPOS: w.UPOS, XPOS: w.XPOS, Head: w.Head, Deprel: w.Deprel})
					guess = append(guess, eval.SyntaxWord{UPOS: t.UPOS[i], XPOS: t.XPOS[i], Head: t.Head[i] + 1, Deprel: t.Deprel[i]})
				}
				parts[k].AddSentence(gold, guess)
			}
		}()
	}
	wg.Wait()
	var total eval.Syntax
	for k := range parts {
		total.Merge(&parts[k])
	}
	return &total
}

// WithTags returns copies of the sentences whose UPOS and XPOS are those t
// gives their words.
func WithTags(t *pos.Tagger, sents []*conllu.Sentence) []*conllu.Sentence {
	out := make([]*conllu.Sentence, len(sents))
	var ids []uint8
	for i, s := range sents {
		c := *s
		c.Words = slices.Clone(s.Words)
		ids = append(ids[:0], make([]uint8, len(c.Words))...)
		t.TagWords(c.Forms(), ids)
		for k := range c.Words {
			c.Words[k].UPOS, c.Words[k].XPOS = t.Tag(int(ids[k]))
		}
		out[i] = &c
	}
	return out
}

// Jackknife returns copies of the training sentences tagged the way text
// the parser will see is tagged: each of folds parts by a tagger trained
// (with opt) on the other parts, so that the parser learns from tags with
// the tagger's errors.
func Jackknife(train []*conllu.Sentence, folds int, opt pos.TrainOptions) ([]*conllu.Sentence, error) {
	if folds < 2 {
		return nil, fmt.Errorf("depparse: jackknife: %d folds, want 2 or more", folds)
	}
	out := make([]*conllu.Sentence, len(train))
	for f := range folds {
		var part, held []*conllu.Sentence
		var at []int
		for i, s := range train {
			if i%folds == f {
				held = append(held, s)
				at = append(at, i)
			} else {
				part = append(part, s)
			}
		}
		t, _, err := pos.Train(part, nil, opt)
		if err != nil {
			return nil, fmt.Errorf("depparse: jackknife fold %d: %w", f+1, err)
		}
		for k, s := range WithTags(t, held) {
			out[at[k]] = s
		}
	}
	return out, nil
}

// trainOn trains the parser with the features of keys and returns the
// model of the epoch with the best dev LAS.
func trainOn(kept []uint64, labels []string, trans []transition, sents []*trainSentence, dev []*conllu.Sentence,
	lex lexicon, clusters bool, opt *TrainOptions, seed uint64, epochs int, logf func(string, ...any)) (*perceptron.SparseModel, error) {
	slices.Sort(kept) // rows in a fixed order, for reproducible models
	tr := perceptron.NewTrainer(labels)
	for _, k := range kept {
		tr.Add(k)
	}
	start := time.Now()
	var c config
	var keys []uint64

	L := len(labels)
	scores := make([]float64, L)
	cost := make([]int, L)
	var rows []int32
	learn := func(ts *trainSentence, explore bool, rng *rand.Rand) {
		g := ts.g
		c.reset(ts.n)
		clear(g.onStack)
		g.onStack[0] = true
		for !c.terminal() {
			keys = appendKeys(keys[:0], &c, &ts.a, clusters)
			rows = rows[:0]
			for _, k := range keys {
				rows = append(rows, tr.Find(k))
			}
			clear(scores)
			tr.Score(rows, scores)
			mc := g.costs(&c)
			for y, t := range trans {
				if cost[y] = mc[t.move]; cost[y] >= 0 {
					cost[y] += g.labelCost(&c, t.move, t.rel)
				}
			}
			p := bestTransition(trans, &c, scores, nil)
			o := bestTransition(trans, &c, scores, cost)
			if o < 0 { // cannot happen for a projective tree
				o = p
			}
			if cost[p] > 0 {
				tr.Update(rows, o, 1)
				tr.Update(rows, p, -1)
			}
			tr.Tick()
			next := o
			if explore && rng.Float64() < opt.Explore {
				next = p
			}
			t := trans[next]
			s0, b := c.s(0), c.b
			c.apply(t.move, t.rel)
			if t.move == shift {
				g.onStack[b] = true
			} else {
				g.onStack[s0] = false
			}
		}
	}

	var bt *beamTrainer
	var goldSeqs [][]uint8
	if opt.Beam > 1 {
		if len(trans) > 256 {
			return nil, fmt.Errorf("depparse: %d transitions; the beam's training keeps them in a byte each (256 at most)", len(trans))
		}
		bt = &beamTrainer{tr: tr, trans: trans, k: opt.Beam, clusters: clusters}
		index := map[transition]int{}
		for y, t := range trans {
			index[t] = y
		}
		skipped := 0
		for _, ts := range sents {
			seq, err := bt.goldSequence(ts, index)
			if err != nil {
				skipped++ // left out of the beam training
			}
			goldSeqs = append(goldSeqs, seq)
		}
		logf("depparse: beam of %d; %d sentences without a transition sequence (a lifted arc to the root)", opt.Beam, skipped)
	}
	var best *perceptron.SparseModel
	bestScore, bestEpoch := -1.0, 0
	for epoch := 1; epoch <= epochs; epoch++ {
		t0 := time.Now()
		rng := rand.New(rand.NewPCG(seed, uint64(epoch)<<32|0x5eed))
		explore := opt.Explore > 0 && epoch >= opt.ExploreFrom
		for _, i := range perceptron.Order(len(sents), seed, epoch) {
			if bt != nil {
				if goldSeqs[i] != nil {
					bt.learn(sents[i], goldSeqs[i])
				}
			} else {
				learn(sents[i], explore, rng)
			}
		}
		m, err := tr.Sparse(1)
		if err != nil {
			return nil, err
		}
		score := 0.0
		var scores *eval.Syntax
		if len(dev) > 0 {
			p, err := newParser(m, lex, nil)
			if err != nil {
				return nil, err
			}
			p.beam = max(opt.Beam, 1)
			scores = Evaluate(p, dev, runtime.GOMAXPROCS(0), true)
			score = scores.LASScore()
		}
		mark := ""
		if score > bestScore || len(dev) == 0 {
			best, bestScore, bestEpoch = m, score, epoch
			mark = " *"
		}
		if scores != nil {
			logf("depparse: epoch %d: dev UAS %.2f LAS %.2f%s (%v)", epoch, scores.UASScore(), score, mark, time.Since(t0).Round(time.Second))
		} else {
			logf("depparse: epoch %d (%v)", epoch, time.Since(t0).Round(time.Second))
		}
		if len(dev) > 0 && epoch-bestEpoch >= opt.Patience {
			break
		}
	}
	logf("depparse: epoch %d kept; trained in %v", bestEpoch, time.Since(start).Round(time.Second))
	return best, nil
}
