package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/spf13/cobra"

	"kg/ingest/conllu"
	"kg/ingest/depparse"
	"kg/ingest/pos"
)

// kg tag pos, kg parse, kg eval pos|parse and kg train pos|parser: the
// part-of-speech tagger and the dependency parser, on CoNLL-U.

func init() {
	tagCmds = append(tagCmds, newTagPOSCmd)
	evalCmds = append(evalCmds, newEvalPOSCmd, newEvalParseCmd)
	trainCmds = append(trainCmds, newTrainPOSCmd, newTrainParserCmd)
}

// posTagger returns the tagger of --pos-model, or the shipped one.
func posTagger(path string) (*pos.Tagger, error) {
	if path == "" {
		return pos.Default()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := pos.Load(data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return t, nil
}

// readCoNLLU reads every sentence of a CoNLL-U file.
func readCoNLLU(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := conllu.ReadAll(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// eachCoNLLU calls fn for each sentence of in and writes the sentence to
// out after it.
func eachCoNLLU(in io.Reader, out io.Writer, fn func(s *conllu.Sentence) error) error {
	bw := bufio.NewWriterSize(out, 1<<16)
	r := conllu.NewReader(in)
	for {
		s, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			bw.Flush()
			return err
		}
		if err := fn(s); err != nil {
			bw.Flush()
			return err
		}
		if err := conllu.Write(bw, s); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func newTagPOSCmd(g *globals) *cobra.Command {
	var model string
	cmd := &cobra.Command{
		Use:   "pos [FILE]",
		Short: "Tag the words of a CoNLL-U file with UPOS and XPOS",
		Long: `Reads CoNLL-U (FILE, or standard input) and writes it back with the
predicted UPOS and XPOS columns; the words (the gold tokenization),
comments, multiword token lines and empty nodes are kept as they are.`,
		Example: "  kg tag pos ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, done, err := openInput(cmd, args)
			if err != nil {
				return err
			}
			defer done()
			return runTagPOS(model, in, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&model, "model", "", "POS model file (default: the shipped model)")
	return cmd
}

func runTagPOS(model string, in io.Reader, out io.Writer) error {
	t, err := posTagger(model)
	if err != nil {
		return err
	}
	var ids []uint8
	return eachCoNLLU(in, out, func(s *conllu.Sentence) error {
		ids = append(ids[:0], make([]uint8, len(s.Words))...)
		t.TagWords(s.Forms(), ids)
		for i := range s.Words {
			s.Words[i].UPOS, s.Words[i].XPOS = t.Tag(int(ids[i]))
		}
		return nil
	})
}

func newEvalPOSCmd(g *globals) *cobra.Command {
	var model string
	cmd := &cobra.Command{
		Use:   "pos FILE",
		Short: "Score the POS tagger on a CoNLL-U file (UPOS and XPOS accuracy)",
		Long: `Tags the words of a CoNLL-U file (its gold tokenization) and prints the
share of words given the gold XPOS, both tags, and the gold UPOS. The last
line is "UPOS NN.NN".`,
		Example: "  kg eval pos ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := posTagger(model)
			if err != nil {
				return err
			}
			sents, err := readCoNLLU(args[0])
			if err != nil {
				return err
			}
			return pos.Evaluate(t, sents, runtime.GOMAXPROCS(0)).ReportPOS(cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&model, "model", "", "POS model file (default: the shipped model)")
	return cmd
}

type trainPOSOpts struct {
	train, dev, out         string
	clusters, caseProfile   string
	stack, reverse          bool
	folds                   int
	epochs, patience, seeds int
	minCount, minWeight     int
	prune                   int
	seed                    uint64
}

func newTrainPOSCmd(g *globals) *cobra.Command {
	o := &trainPOSOpts{}
	cmd := &cobra.Command{
		Use:   "pos --train FILE --dev FILE -o MODEL",
		Short: "Train the POS tagger from CoNLL-U data",
		Long: `Trains the part-of-speech tagger (a greedy averaged perceptron over joint
UPOS/XPOS labels) on the words of a CoNLL-U file and keeps the epoch with
the best UPOS accuracy on the development file; with --seeds N it does so N
times on differently shuffled data and averages the models. Training is
deterministic.`,
		Example: `  kg train pos --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
    --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu -o ingest/pos/data/pos.model`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrainPOS(o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.train, "train", "", "training data, CoNLL-U (required)")
	f.StringVar(&o.dev, "dev", "", "development data for choosing the epoch, CoNLL-U")
	f.StringVarP(&o.out, "output", "o", "", "model file to write (required)")
	f.StringVar(&o.clusters, "clusters", "", "word cluster table (path, word, count per line; .gz allowed)")
	f.StringVar(&o.caseProfile, "case-profile", "", "capitalization profile (word, lower-case count, capitalized count per line; .gz allowed)")
	f.BoolVar(&o.stack, "stack", true, "train a second pass that knows the first pass's tags of the words to the right")
	f.BoolVar(&o.reverse, "reverse", false, "the second pass tags from right to left")
	f.IntVar(&o.folds, "folds", 5, "parts of the training data tagged by first passes trained on the others, for --stack")
	f.IntVar(&o.epochs, "epochs", 20, "largest number of epochs")
	f.IntVar(&o.patience, "patience", 4, "stop after this many epochs without a better dev UPOS accuracy")
	f.IntVar(&o.seeds, "seeds", 1, "train this many models (seeds seed, seed+1, ...) and average them")
	f.IntVar(&o.minCount, "min-count", 1, "drop features seen fewer times in the training data")
	f.IntVar(&o.minWeight, "min-weight", 1, "drop weights smaller than this many units (1/32767 of the largest weight)")
	f.IntVar(&o.prune, "prune", 0, "train each pass again with the features that have a weight of this many units or more (a smaller, faster model)")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the order of the training sentences")
	cmd.MarkFlagRequired("train")
	cmd.MarkFlagRequired("output")
	return cmd
}

func runTrainPOS(o *trainPOSOpts, out, log io.Writer) error {
	train, err := readCoNLLU(o.train)
	if err != nil {
		return err
	}
	var dev []*conllu.Sentence
	if o.dev != "" {
		if dev, err = readCoNLLU(o.dev); err != nil {
			return err
		}
	}
	t, data, err := pos.Train(train, dev, pos.TrainOptions{Epochs: o.epochs, Patience: o.patience,
		Seed: o.seed, Seeds: o.seeds, MinCount: o.minCount, MinWeight: o.minWeight, Prune: o.prune, Clusters: o.clusters, CaseProfile: o.caseProfile, Stack: o.stack, Reverse: o.reverse, Folds: o.folds, Log: log})
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s: %d bytes, %d features\n", o.out, len(data), t.Features())
	if len(dev) > 0 {
		return pos.Evaluate(t, dev, runtime.GOMAXPROCS(0)).ReportPOS(out)
	}
	return nil
}

// parser returns the parser of --model, or the shipped one --parser names,
// with the tagger of --pos-model or the shipped one; a beam above 0
// replaces the model's own width.
func parser(o *parseOpts) (*depparse.Parser, error) {
	p, err := loadParser(o.model, o.parser, o.posModel, o.beam > 0)
	if err != nil || o.beam == 0 {
		return p, err
	}
	return p, p.SetBeam(o.beam, o.margin)
}

// The shipped parsers --parser chooses between.
const (
	parserBeam   = "beam"
	parserGreedy = "greedy"
)

// parserUsage describes --parser; the default is the command's own.
const parserUsage = "the shipped parser: beam (the more accurate) or greedy (parses twice as fast, reads events as well)"

// checkParser refuses a --parser that names no shipped parser.
func checkParser(name string) error {
	if name != parserBeam && name != parserGreedy {
		return fmt.Errorf("--parser %q: want %s or %s", name, parserBeam, parserGreedy)
	}
	return nil
}

// loadParser loads a parser: the model file, else the shipped one named;
// with fresh it never returns a shared one.
func loadParser(model, shipped, posModel string, fresh bool) (*depparse.Parser, error) {
	if err := checkParser(shipped); err != nil {
		return nil, err
	}
	def, load := depparse.Default, depparse.LoadDefault
	if shipped == parserGreedy {
		def, load = depparse.Greedy, depparse.LoadGreedy
	}
	if model == "" && posModel == "" && !fresh {
		return def()
	}
	t, err := posTagger(posModel)
	if err != nil {
		return nil, err
	}
	if model == "" {
		return load(t)
	}
	data, err := os.ReadFile(model)
	if err != nil {
		return nil, err
	}
	p, err := depparse.Load(data, t)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", model, err)
	}
	return p, nil
}

type parseOpts struct {
	model, posModel string
	parser          string
	goldPOS         bool
	beam            int
	margin          float64
}

func (o *parseOpts) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.model, "model", "", "parser model file (default: the shipped parser of --parser)")
	f.StringVar(&o.parser, "parser", parserBeam, parserUsage)
	f.StringVar(&o.posModel, "pos-model", "", "POS model file (default: the shipped model)")
	f.BoolVar(&o.goldPOS, "gold-pos", false, "parse with the UPOS and XPOS of the input instead of tagging the words")
	f.IntVar(&o.beam, "beam", 0, "keep this many partial parses instead of the model's own number (for measuring)")
	f.Float64Var(&o.margin, "beam-margin", 0, "with --beam, drop partial parses that score this much below the best (0: none)")
}

func newParseCmd(g *globals) *cobra.Command {
	o := &parseOpts{}
	cmd := &cobra.Command{
		Use:   "parse [FILE]",
		Short: "Tag and parse the sentences of a CoNLL-U file (UPOS, XPOS, HEAD, DEPREL)",
		Long: `Reads CoNLL-U (FILE, or standard input), tags and parses each sentence over its
words (the gold tokenization), and writes it back with the predicted UPOS,
XPOS, HEAD and DEPREL columns (Universal Dependencies relations); comments,
multiword token lines and empty nodes are kept as they are. With --gold-pos
the input's tags are kept and used.`,
		Example: "  kg parse ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, done, err := openInput(cmd, args)
			if err != nil {
				return err
			}
			defer done()
			return runParse(o, in, cmd.OutOrStdout())
		},
	}
	o.flags(cmd)
	return cmd
}

func runParse(o *parseOpts, in io.Reader, out io.Writer) error {
	p, err := parser(o)
	if err != nil {
		return err
	}
	var t depparse.Tree
	var upos, xpos []string
	return eachCoNLLU(in, out, func(s *conllu.Sentence) error {
		words := s.Forms()
		if o.goldPOS {
			upos, xpos = upos[:0], xpos[:0]
			for _, w := range s.Words {
				upos, xpos = append(upos, w.UPOS), append(xpos, w.XPOS)
			}
			p.ParseTagged(words, upos, xpos, &t)
		} else {
			p.Parse(words, &t)
		}
		for i := range s.Words {
			w := &s.Words[i]
			w.UPOS, w.XPOS, w.Head, w.Deprel = t.UPOS[i], t.XPOS[i], t.Head[i]+1, t.Deprel[i]
		}
		return nil
	})
}

func newEvalParseCmd(g *globals) *cobra.Command {
	o := &parseOpts{}
	cmd := &cobra.Command{
		Use:   "parse FILE",
		Short: "Score the parser on a CoNLL-U file (UAS and LAS, punctuation included)",
		Long: `Tags and parses the words of a CoNLL-U file (its gold tokenization) and prints
the scores of each relation, the UPOS and XPOS accuracy, and the attachment
scores as the CoNLL 2018 shared task counts them: every word, punctuation
included; LAS compares the universal relation (the part before ':'). The
last line is "LAS NN.NN". With --gold-pos the parser is given the file's
tags.`,
		Example: "  kg eval parse ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := parser(o)
			if err != nil {
				return err
			}
			sents, err := readCoNLLU(args[0])
			if err != nil {
				return err
			}
			return depparse.Evaluate(p, sents, runtime.GOMAXPROCS(0), o.goldPOS).ReportParse(cmd.OutOrStdout())
		},
	}
	o.flags(cmd)
	return cmd
}

type trainParserOpts struct {
	train, dev, out, posModel     string
	clusters, caseProfile, tagged string
	first                         string
	posFolds                      int
	epochs, patience, minCount    int
	minWeight, exploreFrom, prune int
	seeds, beam                   int
	explore                       float64
	seed                          uint64
}

func newTrainParserCmd(g *globals) *cobra.Command {
	o := &trainParserOpts{}
	cmd := &cobra.Command{
		Use:   "parser --train FILE --dev FILE -o MODEL",
		Short: "Train the dependency parser from CoNLL-U data",
		Long: `Trains the dependency parser (arc-hybrid transitions, dynamic oracle, averaged
perceptron) on the trees of a CoNLL-U file and keeps the epoch with the best
LAS on the development file. The parser learns from predicted tags: the
training sentences are tagged by POS taggers trained on the other parts of
the training data (--pos-folds; 0 keeps the file's tags), and the
development sentences by --pos-model (default: the shipped tagger). Trees
that are not projective are lifted to projective ones. With --beam K the
parser is trained for a beam search of K partial parses, on whole transition
sequences (a structured perceptron with max-violation updates), and the
margin at which the search drops partial parses far below the best is chosen
on the development file; the model file keeps both. Training is
deterministic.`,
		Example: `  kg train parser --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
    --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu \
    --clusters ingest/pos/data/clusters.tsv.gz --case-profile ingest/pos/data/case.tsv.gz \
    -o ingest/depparse/data/depparse.model`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrainParser(o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.train, "train", "", "training data, CoNLL-U (required)")
	f.StringVar(&o.dev, "dev", "", "development data for choosing the epoch, CoNLL-U")
	f.StringVarP(&o.out, "output", "o", "", "model file to write (required)")
	f.StringVar(&o.posModel, "pos-model", "", "POS model that tags the development data (default: the shipped model)")
	f.IntVar(&o.posFolds, "pos-folds", 5, "tag the training data in this many parts, each by a tagger trained on the others (0: keep the file's tags)")
	f.StringVar(&o.clusters, "clusters", "", "word cluster table, for the parser and the taggers of --pos-folds")
	f.StringVar(&o.caseProfile, "case-profile", "", "capitalization profile, for the taggers of --pos-folds")
	f.StringVar(&o.tagged, "write-tagged", "", "also write the training data as tagged for the parser to this CoNLL-U file")
	f.IntVar(&o.epochs, "epochs", 20, "largest number of epochs")
	f.IntVar(&o.patience, "patience", 4, "stop after this many epochs without a better dev LAS")
	f.IntVar(&o.minCount, "min-count", 2, "drop features seen fewer times in the oracle's parses of the training data")
	f.IntVar(&o.minWeight, "min-weight", 1, "drop weights smaller than this many units (1/32767 of the largest weight)")
	f.IntVar(&o.prune, "prune", 0, "train again with the features that have a weight of this many units or more (a smaller, faster model)")
	f.StringVar(&o.first, "first", "", "with --prune, choose the features from this model (trained on the same data with the same options) instead of training a first model")
	f.IntVar(&o.seeds, "seeds", 1, "with --prune, train this many models again (seeds seed, seed+1, ...) and average them")
	f.IntVar(&o.beam, "beam", 1, "train for a beam search of this many partial parses (globally; 1: greedy, with the dynamic oracle)")
	f.Float64Var(&o.explore, "explore", 0.9, "probability of following the model's own transitions while training (negative: never)")
	f.IntVar(&o.exploreFrom, "explore-from", 2, "first epoch that explores")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the order of the training sentences and of the exploration")
	cmd.MarkFlagRequired("train")
	cmd.MarkFlagRequired("output")
	return cmd
}

func runTrainParser(o *trainParserOpts, out, log io.Writer) error {
	train, err := readCoNLLU(o.train)
	if err != nil {
		return err
	}
	var dev []*conllu.Sentence
	if o.dev != "" {
		if dev, err = readCoNLLU(o.dev); err != nil {
			return err
		}
		t, err := posTagger(o.posModel)
		if err != nil {
			return err
		}
		dev = depparse.WithTags(t, dev)
	}
	if o.posFolds > 0 {
		fmt.Fprintf(log, "depparse: tagging the training data in %d parts\n", o.posFolds)
		train, err = depparse.Jackknife(train, o.posFolds, pos.TrainOptions{Seed: o.seed,
			Clusters: o.clusters, CaseProfile: o.caseProfile})
		if err != nil {
			return err
		}
	}
	if o.tagged != "" {
		var b bytes.Buffer
		for _, s := range train {
			conllu.Write(&b, s)
		}
		if err := os.WriteFile(o.tagged, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	var first []byte
	if o.first != "" {
		if first, err = os.ReadFile(o.first); err != nil {
			return err
		}
	}
	p, data, err := depparse.Train(train, dev, depparse.TrainOptions{Epochs: o.epochs, Patience: o.patience,
		Seed: o.seed, Explore: o.explore, ExploreFrom: o.exploreFrom, MinCount: o.minCount,
		MinWeight: o.minWeight, Prune: o.prune, Seeds: o.seeds, Beam: o.beam, First: first, Clusters: o.clusters, Log: log})
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s: %d bytes, %d features\n", o.out, len(data), p.Features())
	if len(dev) > 0 {
		return depparse.Evaluate(p, dev, runtime.GOMAXPROCS(0), true).ReportParse(out)
	}
	return nil
}
