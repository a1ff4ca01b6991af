package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"kg/ingest/ner"
)

// kg tag ner, kg eval ner and kg train ner: the named-entity model.

func init() {
	tagCmds = append(tagCmds, newTagNERCmd)
	evalCmds = append(evalCmds, newEvalNERCmd)
	trainCmds = append(trainCmds, newTrainNERCmd)
}

// nerTagger returns the model of --model, or the shipped one.
func nerTagger(path string) (ner.Tagger, error) {
	if path == "" {
		return ner.Default()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := ner.Load(data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return m, nil
}

// openInput opens FILE, or standard input for none or "-".
func openInput(cmd *cobra.Command, args []string) (io.Reader, func(), error) {
	if len(args) == 0 || args[0] == "-" {
		return cmd.InOrStdin(), func() {}, nil
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

func newTagNERCmd(g *globals) *cobra.Command {
	var model string
	cmd := &cobra.Command{
		Use:   "ner [FILE]",
		Short: "Tag named entities in a CoNLL file (token first on each line)",
		Long: `Reads CoNLL-format text (FILE, or standard input): one token a line, the
token first, blank lines between sentences, -DOCSTART- lines between
documents. Prints every line with the predicted entity tag (IOB2: B-PER,
I-ORG, O ...) appended; blank and -DOCSTART- lines are kept as they are.`,
		Example: "  kg tag ner ../shared/data/conll2003/eng.testa\n  printf 'Putin\\nvisited\\nParis\\n' | kg tag ner",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, done, err := openInput(cmd, args)
			if err != nil {
				return err
			}
			defer done()
			return runTagNER(model, in, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&model, "model", "", "model file (default: the shipped model)")
	return cmd
}

func runTagNER(model string, in io.Reader, out io.Writer) error {
	t, err := nerTagger(model)
	if err != nil {
		return err
	}
	return ner.TagCoNLL(t, in, func(d *ner.Document, tags [][]string) error {
		return ner.WriteTagged(out, d, tags)
	})
}

func newEvalNERCmd(g *globals) *cobra.Command {
	var model string
	cmd := &cobra.Command{
		Use:   "ner FILE",
		Short: "Score the NER model on an annotated CoNLL file (conlleval figures)",
		Long: `Tags the tokens of an annotated CoNLL file (the gold tag in the last column,
IOB1 or IOB2) and prints precision, recall and F1 per type and overall, as
conlleval counts them (a phrase is right when its span and type are). The
last line is "F1 NN.NN".`,
		Example: "  kg eval ner ../shared/data/conll2003/eng.testa",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalNER(model, args[0], cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&model, "model", "", "model file (default: the shipped model)")
	return cmd
}

func runEvalNER(model, path string, out io.Writer) error {
	t, err := nerTagger(model)
	if err != nil {
		return err
	}
	docs, err := readCoNLLFile(path)
	if err != nil {
		return err
	}
	return ner.Evaluate(t, docs, runtime.GOMAXPROCS(0)).Report(out)
}

func readCoNLLFile(path string) ([]*ner.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

type trainNEROpts struct {
	train, dev, out    string
	clusters, profile  string
	gazetteer, without string
	epochs, patience   int
	minCount, seeds    int
	seed               uint64
	titleCase, subst   float64
	prune              float32
}

func newTrainNERCmd(g *globals) *cobra.Command {
	o := &trainNEROpts{}
	cmd := &cobra.Command{
		Use:   "ner --train FILE --dev FILE -o MODEL",
		Short: "Train the NER model from CoNLL data",
		Long: `Trains the named-entity model (an averaged structured perceptron) on a CoNLL
file (IOB1 or IOB2 tags in the last column) and keeps the epoch with the best
F1 on the development file; with --seeds N it does so N times, on differently
shuffled data, and averages the N models. Training is deterministic for a
given seed.
Word clusters, capitalization profiles and gazetteer names come from the
files given (make model passes the ones shipped in ingest/ner/data and
ingest/gazetteer/data).`,
		Example: `  kg train ner --train ../shared/data/conll2003/eng.train --dev ../shared/data/conll2003/eng.testa \
    --clusters ingest/ner/data/clusters.tsv.gz --profile ingest/ner/data/case.tsv.gz \
    --gazetteer ingest/gazetteer/data -o ingest/ner/data/ner.model`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrainNER(o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.train, "train", "", "training data, CoNLL format (required)")
	f.StringVar(&o.dev, "dev", "", "development data for choosing the epoch, CoNLL format")
	f.StringVarP(&o.out, "output", "o", "", "model file to write (required)")
	f.StringVar(&o.clusters, "clusters", "", "word cluster table (path, word, count per line; .gz allowed)")
	f.StringVar(&o.profile, "profile", "", "capitalization profile table (.gz allowed)")
	f.StringVar(&o.gazetteer, "gazetteer", "", "folder of gazetteer tables (ingest/gazetteer/data)")
	f.StringVar(&o.without, "without", "", "feature groups to leave out, comma-separated: clusters,gazetteer,profile,doccase,history")
	f.IntVar(&o.epochs, "epochs", 30, "largest number of epochs")
	f.IntVar(&o.patience, "patience", 5, "stop after this many epochs without a better dev F1")
	f.IntVar(&o.minCount, "min-count", 1, "drop features seen fewer times in the training data")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the order of training documents and of the augmentation")
	f.Float32Var(&o.prune, "prune", 1, "drop features whose weights all stay below this (in perceptron updates)")
	f.IntVar(&o.seeds, "seeds", 3, "train this many models (seeds seed, seed+1, ...) and average them")
	f.Float64Var(&o.titleCase, "title-case", 0.1, "fraction of training sentences also given in title case")
	f.Float64Var(&o.subst, "substitute", 0.2, "fraction of training sentences also given with gazetteer names for their names")
	cmd.MarkFlagRequired("train")
	cmd.MarkFlagRequired("output")
	return cmd
}

func runTrainNER(o *trainNEROpts, out, log io.Writer) error {
	train, err := readCoNLLFile(o.train)
	if err != nil {
		return err
	}
	var dev []*ner.Document
	if o.dev != "" {
		if dev, err = readCoNLLFile(o.dev); err != nil {
			return err
		}
	}
	opt := ner.TrainOptions{Epochs: o.epochs, Patience: o.patience, Seed: o.seed, MinCount: o.minCount, Log: log,
		TitleCase: o.titleCase, Substitute: o.subst, Seeds: o.seeds, Prune: o.prune,
		Lexicon: &ner.LexiconSource{Clusters: o.clusters, Profile: o.profile, Gazetteer: o.gazetteer}}
	if o.without != "" {
		opt.Without = strings.Split(o.without, ",")
	}
	m, data, err := ner.Train(train, dev, opt)
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s: %d bytes, %d features\n", o.out, len(data), m.Features())
	if len(dev) > 0 {
		return ner.Evaluate(m, dev, runtime.GOMAXPROCS(0)).Report(out)
	}
	return nil
}
