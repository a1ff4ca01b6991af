package pos

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"kg/eval"
	"kg/ingest/conllu"
	"kg/ingest/perceptron"
	"kg/ingest/text"
)

// TrainOptions set up Train. The zero value trains for up to 20 epochs,
// seed 1.
type TrainOptions struct {
	// Epochs is the largest number of passes over the training data
	// (default 20); Patience stops earlier after so many epochs without a
	// better dev UPOS accuracy (default 4).
	Epochs, Patience int
	// Seed fixes the order of the training sentences (default 1); Seeds
	// models are trained with seeds Seed, Seed+1, ... and averaged
	// (default 1).
	Seed  uint64
	Seeds int
	// MinCount drops features seen fewer times in the training data
	// (default 1: keep all).
	MinCount int
	// MinWeight drops from the model the weights smaller (in absolute
	// value) than MinWeight units of the quantized weights (1/32767 of the
	// largest); default 1: keep all.
	MinWeight int
	// Prune, if above 1, makes the model small (and fast): after training
	// a pass, the features left with no weight of Prune units or more are
	// dropped and the pass is trained again with the others.
	Prune int
	// Stack trains a second pass that tags the words again knowing the
	// first pass's tags of the words to their right; Folds is the number
	// of parts of the training data tagged for it by first passes trained
	// on the other parts (default 5).
	Stack bool
	Folds int
	// Reverse makes the second pass tag from right to left.
	Reverse bool
	// Clusters is a word cluster table (ReadClusters); "" trains without
	// cluster features.
	Clusters string
	// CaseProfile is a capitalization profile (ReadCaseProfile); ""
	// trains without profile features.
	CaseProfile string
	// Log receives progress; nil discards it.
	Log io.Writer
}

// maxLabels is the most joint UPOS/XPOS labels a model has (the limit of
// perceptron.Model); rarer pairs of the training data are learned as the
// most frequent kept pair with the same UPOS.
const maxLabels = 64

// Ambiguity classes: a word seen at least ambMinCount times in the training
// data belongs to the class of the labels that make up at least ambMinShare
// of its occurrences.
const (
	ambMinCount = 3
	ambMinShare = 0.05
)

// trainSentence is a training sentence, analyzed.
type trainSentence struct {
	forms  []string
	ws     []word
	static []uint64 // the static features' keys, word i's at off[i]:off[i+1]
	off    []int
	gold   []int
}

// pass is what trainPass needs to know.
type pass struct {
	sents []*trainSentence
	stack [][]uint8 // the first pass's tags of each sentence, for a second pass
	L     int
	cfg   perceptron.Config
	eval  func(*perceptron.Model) (float64, error)
	opt   *TrainOptions
	only  []uint64 // if set, the features to learn (else those seen MinCount times)
}

// Train learns a tagger from the words of the training sentences (their
// FORM, UPOS and XPOS), choosing the epoch by the UPOS accuracy on the
// development sentences. It returns the tagger and its model file.
func Train(train, dev []*conllu.Sentence, opt TrainOptions) (*Tagger, []byte, error) {
	if len(train) == 0 {
		return nil, nil, errors.New("pos: train: no training sentences")
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
	if opt.Folds == 0 {
		opt.Folds = 5
	}
	opt.Seeds = max(opt.Seeds, 1)
	opt.MinCount = max(opt.MinCount, 1)
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	labels, gold := chooseLabels(train)
	L := len(labels)
	ambKeys, ambVals := ambiguityClasses(train, gold, L)
	ambTab, err := perceptron.EncodeTable(ambKeys, ambVals)
	if err != nil {
		return nil, nil, err
	}
	amb, err := perceptron.DecodeTable(ambTab)
	if err != nil {
		return nil, nil, err
	}
	logf("pos: %d sentences, %d labels, %d words in the tag dictionary", len(train), L, len(ambKeys))
	var clus *perceptron.Index
	var clusTab []byte
	if opt.Clusters != "" {
		ck, cv, err := ReadClusters(opt.Clusters)
		if err != nil {
			return nil, nil, err
		}
		if clusTab, err = perceptron.EncodeTable(ck, cv); err != nil {
			return nil, nil, err
		}
		if clus, err = perceptron.DecodeTable(clusTab); err != nil {
			return nil, nil, err
		}
		logf("pos: %d words in clusters", len(ck))
	}
	sents := make([]*trainSentence, len(train))
	lex := lexicon{amb: amb, clus: clus}
	var profTab []byte
	if opt.CaseProfile != "" {
		pk, pv, err := ReadCaseProfile(opt.CaseProfile)
		if err != nil {
			return nil, nil, err
		}
		if profTab, err = perceptron.EncodeTable(pk, pv); err != nil {
			return nil, nil, err
		}
		if lex.prof, err = perceptron.DecodeTable(profTab); err != nil {
			return nil, nil, err
		}
		logf("pos: %d words in the capitalization profile", len(pk))
	}
	var st state
	for s, cs := range train {
		forms := cs.Forms()
		st.prepare(&lex, forms)
		ts := &trainSentence{forms: forms, ws: slices.Clone(st.ws), gold: gold[s]}
		ts.static, ts.off = allStatic(ts.ws, lex.clus != nil, lex.prof != nil)
		sents[s] = ts
	}
	sparse := func(m *perceptron.Model) *perceptron.SparseModel {
		sm, err := perceptron.NewSparse(m, 1)
		if err != nil {
			panic(err) // cannot happen: a Model has fewer rows than MaxRows
		}
		return sm
	}
	devScore := func(first *perceptron.SparseModel) func(*perceptron.Model) (float64, error) {
		if len(dev) == 0 {
			return nil
		}
		return func(m *perceptron.Model) (float64, error) {
			var t *Tagger
			var err error
			if first == nil {
				t, err = newTagger(sparse(m), nil, lex)
			} else {
				t, err = newTagger(first, sparse(m), lex)
				if t != nil {
					t.reverse = opt.Reverse
				}
			}
			if err != nil {
				return 0, err
			}
			return Evaluate(t, dev, runtime.GOMAXPROCS(0)).UPOSAccuracy(), nil
		}
	}
	config := func(name string, seed uint64, epochs int, dev bool) perceptron.Config {
		cfg := perceptron.Config{Epochs: epochs, Seed: seed, Patience: opt.Patience,
			Progress: func(epoch int, score float64, best bool) {
				mark := ""
				if best && dev {
					mark = " *"
				}
				logf("pos: %s, seed %d, epoch %d: dev UPOS %.2f%s", name, seed, epoch, score, mark)
			}}
		if !dev {
			cfg.Patience = 0
		}
		return cfg
	}
	// trainSeeds trains a pass with each seed and averages the models.
	trainSeeds := func(name string, stack [][]uint8, first *perceptron.SparseModel) (*perceptron.Model, int, error) {
		var models []*perceptron.Model
		bestEpoch := 0
		for k := range opt.Seeds {
			seed := opt.Seed + uint64(k)
			p := &pass{sents: sents, stack: stack, L: L, opt: &opt,
				cfg: config(name, seed, opt.Epochs, len(dev) > 0), eval: devScore(first)}
			m, epoch, err := trainPass(p, labels)
			if err != nil {
				return nil, 0, err
			}
			if opt.Prune > 1 {
				p.only = slices.Clone(sparse(m).Prune(opt.Prune).Keys())
				logf("pos: %s: training again with the %d features of weights of %d units or more", name, len(p.only), opt.Prune)
				if m, epoch, err = trainPass(p, labels); err != nil {
					return nil, 0, err
				}
			}
			logf("pos: %s, seed %d: epoch %d kept", name, seed, epoch)
			models = append(models, m)
			bestEpoch = max(bestEpoch, epoch)
		}
		if len(models) == 1 {
			return models[0], bestEpoch, nil
		}
		m, err := perceptron.Average(models...)
		return m, bestEpoch, err
	}

	m1, epoch1, err := trainSeeds("first pass", nil, nil)
	if err != nil {
		return nil, nil, err
	}
	first := sparse(m1)
	var second *perceptron.SparseModel
	if opt.Stack {
		// The second pass learns from first-pass tags as good as those of
		// unseen text: each fold of the training data is tagged by a
		// first pass trained on the other folds.
		stack := make([][]uint8, len(sents))
		for f := range opt.Folds {
			var part []*trainSentence
			for s, ts := range sents {
				if s%opt.Folds != f {
					part = append(part, ts)
				}
			}
			name := fmt.Sprintf("fold %d/%d", f+1, opt.Folds)
			m, _, err := trainPass(&pass{sents: part, L: L, opt: &opt, cfg: config(name, opt.Seed, epoch1, false)}, labels)
			if err != nil {
				return nil, nil, err
			}
			t, err := newTagger(sparse(m), nil, lex)
			if err != nil {
				return nil, nil, err
			}
			for s, ts := range sents {
				if s%opt.Folds == f {
					stack[s] = make([]uint8, len(ts.forms))
					t.TagWords(ts.forms, stack[s])
				}
			}
		}
		if opt.Reverse {
			for s, ts := range sents {
				sents[s] = reversed(ts, lex.clus != nil, lex.prof != nil)
				slices.Reverse(stack[s])
			}
		}
		m2, _, err := trainSeeds("second pass", stack, first)
		if err != nil {
			return nil, nil, err
		}
		second = sparse(m2)
		_ = second
		if second, err = perceptron.NewSparse(m2, opt.MinWeight); err != nil {
			return nil, nil, err
		}
	}
	if first, err = perceptron.NewSparse(m1, opt.MinWeight); err != nil {
		return nil, nil, err
	}
	var flags uint64
	if opt.Reverse && second != nil {
		flags |= flagReverse
	}
	var sure int32
	if second != nil && len(dev) > 0 {
		t, err := newTagger(first, second, lex)
		if err != nil {
			return nil, nil, err
		}
		t.reverse = opt.Reverse
		sure = chooseSure(t, dev)
		logf("pos: the second pass keeps first-pass tags with a margin of %d or more", sure)
	}
	f := &perceptron.File{Kind: modelKind, Model: first.Header(), Sections: []perceptron.Section{
		{Name: "settings", Data: Settings(flags, sure)},
		{Name: "ambiguity", Data: ambTab},
	}}
	if clus != nil {
		f.Sections = append(f.Sections, perceptron.Section{Name: "clusters", Data: clusTab})
	}
	if lex.prof != nil {
		f.Sections = append(f.Sections, perceptron.Section{Name: "case", Data: profTab})
	}
	for _, p := range []struct {
		name string
		m    *perceptron.SparseModel
	}{{"first", first}, {"second", second}} {
		if p.m == nil {
			continue
		}
		data, err := p.m.MarshalBinary()
		if err != nil {
			return nil, nil, err
		}
		f.Sections = append(f.Sections, perceptron.Section{Name: p.name, Data: data})
	}
	data, err := f.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	t, err := Load(data)
	if err != nil {
		return nil, nil, err
	}
	return t, data, nil
}

// Settings encodes the settings section of a model file: the feature
// version, the flags and the second pass's sure margin (Tagger.sure).
func Settings(flags uint64, sure int32) []byte {
	return binary.AppendUvarint(binary.AppendUvarint(binary.AppendUvarint(nil, settingsVersion), flags), uint64(max(sure, 0)))
}

// chooseSure returns the smallest power of two, from 2^10 to 2^24, at which
// skipping the second pass for words the first pass tagged with that margin
// or more leaves the dev UPOS accuracy as it is with both passes on every
// word; 0 (both passes everywhere) if none does.
func chooseSure(t *Tagger, dev []*conllu.Sentence) int32 {
	saved := t.sure
	defer func() { t.sure = saved }()
	workers := runtime.GOMAXPROCS(0)
	t.sure = 0
	full := Evaluate(t, dev, workers)
	for sure := int32(1 << 10); sure <= 1<<24; sure *= 2 {
		t.sure = sure
		if r := Evaluate(t, dev, workers); r.UPOS >= full.UPOS && r.XPOS >= full.XPOS {
			return sure
		}
	}
	return 0
}

// reversed returns a training sentence from right to left.
func reversed(ts *trainSentence, clusters, profile bool) *trainSentence {
	ws := slices.Clone(ts.ws)
	slices.Reverse(ws)
	gold := slices.Clone(ts.gold)
	slices.Reverse(gold)
	forms := slices.Clone(ts.forms)
	slices.Reverse(forms)
	static, off := allStatic(ws, clusters, profile)
	return &trainSentence{forms: forms, ws: ws, static: static, off: off, gold: gold}
}

// allStatic returns the static keys of the words of ws (with their
// padding), word i's at static[off[i]:off[i+1]].
func allStatic(ws []word, clusters, profile bool) (static []uint64, off []int) {
	off = []int{0}
	for i := range len(ws) - 4 {
		static = staticKeys(static, ws, i, clusters, profile)
		off = append(off, len(static))
	}
	return static, off
}

// trainPass trains one pass of the tagger.
func trainPass(p *pass, labels []string) (*perceptron.Model, int, error) {
	L := p.L
	// Count the features of the gold contexts.
	counts := map[uint64]int32{}
	var keys []uint64
	for s, ts := range p.sents {
		if p.only != nil {
			break
		}
		p1, p2 := -1, -2
		for i := range ts.gold {
			keys = append(keys[:0], ts.static[ts.off[i]:ts.off[i+1]]...)
			keys = dynamicKeys(keys, ts.ws, i, p1, p2)
			if p.stack != nil {
				keys = stackKeys(keys, ts.ws, i, p.stack[s], p1)
			}
			for _, k := range keys {
				counts[k]++
			}
			p1, p2 = ts.gold[i], p1
		}
	}
	kept := make([]uint64, 0, len(counts))
	for k, c := range counts {
		if int(c) >= p.opt.MinCount {
			kept = append(kept, k)
		}
	}
	counts = nil
	if p.only != nil {
		kept = slices.Clone(p.only)
	}
	slices.Sort(kept) // rows in a fixed order, for reproducible models
	tr := perceptron.NewTrainer(labels)
	for _, k := range kept {
		tr.Add(k)
	}
	// The rows of the static features, per sentence.
	static := make([][]int32, len(p.sents))
	for s, ts := range p.sents {
		rows := make([]int32, len(ts.static))
		for j, k := range ts.static {
			rows[j] = tr.Find(k)
		}
		static[s] = rows
	}
	scores := make([]float64, L)
	var dyn []uint64
	var rows []int32
	learn := func(s int) error {
		ts := p.sents[s]
		p1, p2 := -1, -2
		for i, g := range ts.gold {
			dyn = dynamicKeys(dyn[:0], ts.ws, i, p1, p2)
			if p.stack != nil {
				dyn = stackKeys(dyn, ts.ws, i, p.stack[s], p1)
			}
			rows = append(rows[:0], static[s][ts.off[i]:ts.off[i+1]]...)
			for _, k := range dyn {
				rows = append(rows, tr.Find(k))
			}
			clear(scores)
			tr.Score(rows, scores)
			best := 0
			for y := 1; y < L; y++ {
				if scores[y] > scores[best] {
					best = y
				}
			}
			if best != g {
				tr.Update(rows, g, 1)
				tr.Update(rows, best, -1)
			}
			tr.Tick()
			p1, p2 = best, p1
		}
		return nil
	}
	m, epoch, err := tr.Train(p.cfg, len(p.sents), learn, p.eval)
	if err != nil {
		return nil, 0, fmt.Errorf("pos: train: %w", err)
	}
	return m, epoch, nil
}

// chooseLabels returns the joint UPOS/XPOS labels of the training data (the
// maxLabels most frequent) and the gold label of each word.
func chooseLabels(train []*conllu.Sentence) ([]string, [][]int) {
	count := map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			count[joint(w.UPOS, w.XPOS)]++
		}
	}
	labels := make([]string, 0, len(count))
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
	labels = labels[:min(len(labels), maxLabels)]
	index := map[string]int{}
	byUPOS := map[string]int{} // the most frequent label of each UPOS
	for i, l := range labels {
		index[l] = i
		u, _, _ := strings.Cut(l, "/")
		if _, ok := byUPOS[u]; !ok {
			byUPOS[u] = i
		}
	}
	gold := make([][]int, len(train))
	for s, cs := range train {
		g := make([]int, len(cs.Words))
		for i, w := range cs.Words {
			id, ok := index[joint(w.UPOS, w.XPOS)]
			if !ok {
				if id, ok = byUPOS[orUnknown(w.UPOS)]; !ok {
					id = 0
				}
			}
			g[i] = id
		}
		gold[s] = g
	}
	return labels, gold
}

func joint(upos, xpos string) string { return orUnknown(upos) + "/" + orUnknown(xpos) }

func orUnknown(s string) string {
	if s == "" {
		return "X"
	}
	return s
}

// ambiguityClasses returns the tag dictionary: the normalized words seen at
// least ambMinCount times, each with its class (the set of labels that
// make up at least ambMinShare of its occurrences), numbered in order of
// first appearance.
func ambiguityClasses(train []*conllu.Sentence, gold [][]int, L int) ([]uint64, []int32) {
	type entry struct {
		n      int
		counts []int
	}
	words := map[uint64]*entry{}
	var order []uint64
	var w word
	for s, cs := range train {
		for i, wd := range cs.Words {
			analyze(text.Norm(wd.Form), &w)
			e := words[w.norm]
			if e == nil {
				e = &entry{counts: make([]int, L)}
				words[w.norm] = e
				order = append(order, w.norm)
			}
			e.n++
			e.counts[gold[s][i]]++
		}
	}
	classes := map[uint64]int32{}
	var keys []uint64
	var vals []int32
	for _, k := range order {
		e := words[k]
		if e.n < ambMinCount {
			continue
		}
		var mask uint64
		for y, c := range e.counts {
			if float64(c) >= ambMinShare*float64(e.n) {
				mask |= 1 << y
			}
		}
		id, ok := classes[mask]
		if !ok {
			id = int32(len(classes))
			classes[mask] = id
		}
		keys = append(keys, k)
		vals = append(vals, id)
	}
	return keys, vals
}

// Evaluate tags the words of the sentences (on workers goroutines) and
// scores the UPOS and XPOS against theirs.
func Evaluate(t *Tagger, sents []*conllu.Sentence, workers int) *eval.Syntax {
	workers = max(workers, 1)
	parts := make([]eval.Syntax, workers)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ids []uint8
			var gold, guess []eval.SyntaxWord
			for s := k; s < len(sents); s += workers {
				cs := sents[s]
				ids = slices.Grow(ids[:0], len(cs.Words))[:len(cs.Words)]
				t.TagWords(cs.Forms(), ids)
				gold, guess = gold[:0], guess[:0]
				for i, w := range cs.Words {
					gold = append(gold, eval.SyntaxWord{UPOS: w.UPOS, XPOS: w.XPOS})
					u, x := t.Tag(int(ids[i]))
					guess = append(guess, eval.SyntaxWord{UPOS: u, XPOS: x})
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
