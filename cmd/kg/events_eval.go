package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"kg/eval"
	"kg/ingest/extract"
)

// kg eval events: kg's extraction scored on hand-annotated news articles.

func init() {
	evalCmds = append(evalCmds, newEvalEventsCmd)
}

func newEvalEventsCmd(g *globals) *cobra.Command {
	var data string
	var showErrors bool
	var parser string
	cmd := &cobra.Command{
		Use:   "events [DIR]",
		Short: "Score events and entities on hand-annotated news articles",
		Long: `Reads the gold annotations of DIR (default testdata/events: one JSON file per
article, see its README), runs kg's extraction on each article's text, read
from the TempEval-3 training data of --data with its creation time as
publication date, one article at a time, and prints per article and in
total: event precision, recall and F1 (a predicted event matches a gold
event of the same type that shares a sentence), the figures by event type,
agent, place and date accuracy of the matched events, dated-event recall,
and typed entity precision, recall and F1 after resolution within the
article. The last line is the event F1.`,
		Example: "  kg eval events\n  kg eval events --parser beam\n  kg eval events --data ../shared/data/tempeval3/train testdata/events\n  kg eval events --errors | grep ^missed",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "testdata/events"
			if len(args) == 1 {
				dir = args[0]
			}
			return runEvalEvents(cmd.OutOrStdout(), dir, data, parser, showErrors)
		},
	}
	cmd.Flags().StringVar(&data, "data", "../shared/data/tempeval3/train", "the TempEval-3 training folder the gold files' articles are read from")
	cmd.Flags().StringVar(&parser, "parser", parserGreedy, parserUsage+"; kg ingest's default is greedy")
	cmd.Flags().BoolVar(&showErrors, "errors", false, "list missed and spurious events and entities, and wrong arguments, first")
	return cmd
}

func runEvalEvents(out io.Writer, dir, data, parser string, showErrors bool) error {
	p, err := loadParser("", parser, "", false)
	if err != nil {
		return err
	}
	golds, err := eval.ReadEventGoldDir(dir)
	if err != nil {
		return fmt.Errorf("read gold annotations: %w", err)
	}
	x := extract.New()
	x.Parser = p
	s, err := eval.EvalEvents(golds, data, x)
	if err != nil {
		return err
	}
	if showErrors {
		if err := s.ReportErrors(out); err != nil {
			return err
		}
	}
	return s.Report(out)
}
