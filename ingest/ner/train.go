package ner

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"kg/eval"
	"kg/ingest/perceptron"
)

// TrainOptions set up Train. The zero value trains with every feature group
// that has its data, for up to 30 epochs, seed 1.
type TrainOptions struct {
	// Epochs is the largest number of passes over the training data
	// (default 30); Patience stops earlier after so many epochs without a
	// better dev F1 (default 5).
	Epochs, Patience int
	// Seed fixes the order of the training documents (default 1).
	Seed uint64
	// MinCount drops features seen fewer times in the training data
	// (default 1: keep all).
	MinCount int
	// Lexicon holds the word clusters, capitalization profiles and
	// gazetteer names to use; nil uses none.
	Lexicon *LexiconSource
	// Without names feature groups to leave out: "clusters", "gazetteer",
	// "names", "doccase", "history", "profile".
	Without []string
	// Log receives progress, one line per epoch; nil discards it.
	Log io.Writer
	// Workers tag the development data in parallel (default GOMAXPROCS).
	Workers int
	// Seeds is the number of models trained, on orders of the documents
	// given by seeds Seed, Seed+1, ...; the model is their average
	// (default 1).
	Seeds int
	// Prune drops the features whose weights are all smaller than this
	// in absolute value (in perceptron updates): a smaller, faster model.
	Prune float32
	// TitleCase is the fraction of training sentences that are also given
	// in title case, in documents of their own (see augment.go).
	TitleCase float64
	// Substitute is the fraction of training sentences that are also given
	// with their entities replaced by gazetteer names of the same type, in
	// documents of their own (see augment.go).
	Substitute float64
}

var featureNames = map[string]uint32{
	"clusters":  featClusters,
	"gazetteer": featGazetteer,
	"doccase":   featDocCase,
	"history":   featHistory,
	"profile":   featCaseProfile,
	"names":     featNameModel,
}

// trainDoc is a training document with its gold labels and the rows of its
// tokens' static features.
type trainDoc struct {
	toks [][]string
	gold [][]int
	rows [][]int32 // per token of the document, in order
}

// Train learns a model from CoNLL training documents, choosing the epoch by
// the F1 on the development documents. It returns the model and its file.
func Train(train, dev []*Document, opt TrainOptions) (*Model, []byte, error) {
	if len(train) == 0 {
		return nil, nil, errors.New("ner: train: no training documents")
	}
	if opt.Epochs == 0 {
		opt.Epochs = 30
	}
	if opt.Patience == 0 {
		opt.Patience = 5
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	flags := uint32(featDocCase | featHistory)
	lex := &lexicon{}
	var sections []perceptron.Section
	if opt.Lexicon != nil {
		var err error
		var lflags uint32
		lex, lflags, sections, err = opt.Lexicon.build()
		if err != nil {
			return nil, nil, err
		}
		flags |= lflags
	}
	for _, w := range opt.Without {
		f, ok := featureNames[w]
		if !ok {
			return nil, nil, fmt.Errorf("ner: train: unknown feature group %q", w)
		}
		flags &^= f
	}
	k := keyer{flags: flags, lex: lex}
	labels := bilouLabels()
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	ls, err := parseLabels(labels)
	if err != nil {
		return nil, nil, err
	}
	cons := constraints(ls)
	L := len(labels)

	// The training documents, with title-case copies of their headlines,
	// and documents of title-case copies of sentences.
	type source struct{ toks, tags [][]string }
	var src []source
	for di, d := range train {
		toks, tags := augment(d.Tokens(), d.Tags())
		src = append(src, source{toks, tags})
		if tt, tg := titleCopies(toks, tags, opt.TitleCase, opt.Seed, di); len(tt) > 0 {
			src = append(src, source{tt, tg})
		}
		if opt.Lexicon != nil {
			if st, sg := substitutions(toks, tags, &opt.Lexicon.names, opt.Substitute, opt.Seed, di); len(st) > 0 {
				src = append(src, source{st, sg})
			}
		}
	}

	// Static features: count them, then give rows to those seen often enough.
	start := time.Now()
	st := &docState{}
	var counts map[uint64]int32
	if opt.MinCount > 1 {
		counts = map[uint64]int32{}
		for _, d := range src {
			toks := d.toks
			st.prepare(&k, toks)
			for s := range toks {
				sent := st.sentence(s)
				for i := range sent {
					st.keys = k.appendKeys(st.keys[:0], sent, i, st.kinds[s])
					for _, key := range st.keys {
						counts[key]++
					}
				}
			}
		}
	}
	tr := perceptron.NewTrainer(labels)
	var docs []trainDoc
	tokens := 0
	for _, d := range src {
		toks, tags := d.toks, d.tags
		td := trainDoc{toks: toks, gold: make([][]int, len(toks))}
		st.prepare(&k, toks)
		for s := range toks {
			td.gold[s] = spansToBILOU(tags[s], index)
			sent := st.sentence(s)
			for i := range sent {
				st.keys = k.appendKeys(st.keys[:0], sent, i, st.kinds[s])
				rows := make([]int32, 0, len(st.keys))
				for _, key := range st.keys {
					if counts == nil || counts[key] >= int32(opt.MinCount) {
						rows = append(rows, tr.Add(key))
					}
				}
				td.rows = append(td.rows, rows)
				tokens++
			}
		}
		docs = append(docs, td)
	}
	counts = nil
	transRows := make([]int32, L+1)
	for p := range transRows {
		transRows[p] = tr.Add(perceptron.Mix(tTransition, uint64(p)))
	}
	endRow := tr.Add(perceptron.Mix(tEnd, 0))
	logf("ner: train: %d documents (%d with augmentation), %d tokens, %d features (%s); feature groups %s",
		len(train), len(docs), tokens, tr.Len(), time.Since(start).Round(time.Millisecond), flagNames(flags))

	// The structured perceptron.
	var (
		dec   perceptron.Decoder[float64]
		trans = perceptron.Transitions[float64]{Start: make([]float64, L), Step: make([]float64, L*L), End: make([]float64, L)}
		emit  []float64
		pred  []int
		dyn   [][]int32
	)
	learn := func(di int) error {
		d := &docs[di]
		st.prepare(&k, d.toks)
		for _, s := range st.order {
			sent := st.sentence(s)
			tok := st.off[s]
			n := len(sent)
			if n == 0 {
				continue
			}
			clear(trans.Start)
			clear(trans.Step)
			clear(trans.End)
			tr.Score(transRows[L:], trans.Start)
			for p := range L {
				tr.Score(transRows[p:p+1], trans.Step[p*L:(p+1)*L])
			}
			tr.Score([]int32{endRow}, trans.End)
			if cap(emit) < n*L {
				emit = make([]float64, n*L)
				pred = make([]int, n)
			}
			emit, pred = emit[:n*L], pred[:n]
			clear(emit)
			for len(dyn) < n {
				dyn = append(dyn, nil)
			}
			for i := range sent {
				sc := emit[i*L : (i+1)*L]
				tr.Score(d.rows[tok+i], sc)
				st.keys = k.appendDynamicKeys(st.keys[:0], st, sent, i)
				dyn[i] = dyn[i][:0]
				for _, key := range st.keys {
					dyn[i] = append(dyn[i], tr.Add(key))
				}
				tr.Score(dyn[i], sc)
			}
			if err := dec.Decode(emit, n, L, &trans, &cons, pred); err != nil {
				return err
			}
			gold := d.gold[s]
			for i := range n {
				gp, pp := L, L
				if i > 0 {
					gp, pp = gold[i-1], pred[i-1]
				}
				if gold[i] != pred[i] {
					tr.Update(d.rows[tok+i], gold[i], 1)
					tr.Update(d.rows[tok+i], pred[i], -1)
					tr.Update(dyn[i], gold[i], 1)
					tr.Update(dyn[i], pred[i], -1)
				}
				if gold[i] != pred[i] || gp != pp {
					tr.Update(transRows[gp:gp+1], gold[i], 1)
					tr.Update(transRows[pp:pp+1], pred[i], -1)
				}
			}
			if gold[n-1] != pred[n-1] {
				tr.Update([]int32{endRow}, gold[n-1], 1)
				tr.Update([]int32{endRow}, pred[n-1], -1)
			}
			tr.Tick()
			if flags&featHistory != 0 {
				st.remember(ls, sent, pred)
			}
		}
		return nil
	}
	evaluate := func(pm *perceptron.Model) (float64, error) {
		m, err := newModel(pm, k)
		if err != nil {
			return 0, err
		}
		return Evaluate(m, dev, opt.Workers).F1(), nil
	}
	if len(dev) == 0 {
		evaluate = nil
	}
	var models []*perceptron.Model
	for i := range max(opt.Seeds, 1) {
		seed := opt.Seed + uint64(i)
		tr.Reset()
		epochStart := time.Now()
		cfg := perceptron.Config{Epochs: opt.Epochs, Seed: seed, Patience: opt.Patience,
			Progress: func(epoch int, f1 float64, improved bool) {
				mark := ""
				if improved {
					mark = " *"
				}
				logf("ner: seed %d, epoch %2d: dev F1 %.2f%s (%s)", seed, epoch, f1, mark, time.Since(epochStart).Round(time.Millisecond))
				epochStart = time.Now()
			}}
		pm, epoch, err := tr.Train(cfg, len(docs), learn, evaluate)
		if err != nil {
			return nil, nil, err
		}
		logf("ner: seed %d: best epoch %d", seed, epoch)
		models = append(models, pm)
	}
	pm := models[0]
	if len(models) > 1 {
		var err error
		if pm, err = perceptron.Average(models...); err != nil {
			return nil, nil, err
		}
	}
	if opt.Prune > 0 {
		n := pm.Len()
		var err error
		if pm, err = pm.Prune(opt.Prune); err != nil {
			return nil, nil, err
		}
		logf("ner: pruned %d of %d features, weights below %g", n-pm.Len(), n, opt.Prune)
	}
	best, err := newModel(pm, k)
	if err != nil {
		return nil, nil, err
	}
	f := &perceptron.File{Kind: modelKind, Model: pm,
		Sections: append([]perceptron.Section{{Name: "settings", Data: encodeSettings(flags)}}, sections...)}
	data, err := f.MarshalBinary()
	if err != nil {
		return nil, nil, err
	}
	logf("ner: %d features with weights; model file %d bytes", pm.Len(), len(data))
	return best, data, nil
}

func flagNames(flags uint32) string {
	s := ""
	for _, n := range []string{"clusters", "gazetteer", "names", "profile", "doccase", "history"} {
		if flags&featureNames[n] != 0 {
			if s != "" {
				s += ","
			}
			s += n
		}
	}
	if s == "" {
		return "none"
	}
	return s
}

// Evaluate tags the documents with t, workers at a time, and scores the
// tags against the documents' own (the last column), as conlleval does.
func Evaluate(t Tagger, docs []*Document, workers int) *eval.CoNLL {
	workers = max(1, min(workers, len(docs)))
	tags := make([][][]string, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				tags[i] = t.Tag(docs[i].Tokens())
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	sc := &eval.CoNLL{}
	for i, d := range docs {
		for s, gold := range d.Tags() {
			sc.AddSentence(gold, tags[i][s])
		}
	}
	return sc
}
