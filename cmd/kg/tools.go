package main

import "github.com/spf13/cobra"

// The model tools: `kg tag`, `kg eval` and `kg train` group one subcommand
// per model (ner, timex, pos, parse, ...). Each subcommand lives in its own
// file and registers itself here from an init function, so the files of
// different models never touch each other.
var (
	tagCmds   []func(*globals) *cobra.Command
	evalCmds  []func(*globals) *cobra.Command
	trainCmds []func(*globals) *cobra.Command
)

func newToolCmd(g *globals, use, short, example string, subs []func(*globals) *cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Example: example}
	for _, f := range subs {
		cmd.AddCommand(f(g))
	}
	return cmd
}

func newTagCmd(g *globals) *cobra.Command {
	return newToolCmd(g, "tag", "Run one model on text and print its annotations",
		"  kg tag ner eng.testa\n  kg tag timex --dct 2015-11-14 article.txt", tagCmds)
}

func newEvalCmd(g *globals) *cobra.Command {
	return newToolCmd(g, "eval", "Score a model on annotated data; the last line is the headline figure",
		"  kg eval ner ../shared/data/conll2003/eng.testa", evalCmds)
}

func newTrainCmd(g *globals) *cobra.Command {
	return newToolCmd(g, "train", "Rebuild a shipped model from training data",
		"  kg train ner --train eng.train --dev eng.testa -o model.bin", trainCmds)
}
