package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"kg/eval"
	"kg/ingest/timex"
)

// The temporal tagger's tools: `kg tag timex` and `kg eval timex`.

func init() {
	tagCmds = append(tagCmds, newTagTimexCmd)
	evalCmds = append(evalCmds, newEvalTimexCmd)
}

func newTagTimexCmd(g *globals) *cobra.Command {
	var dct string
	cmd := &cobra.Command{
		Use:   "timex --dct YYYY-MM-DD [FILE]",
		Short: "Find and normalize the time expressions of plain text (TIMEX3)",
		Long: `Reads plain text (FILE, or standard input) and prints one JSON object per
time expression: {"start":B,"end":B,"text":"...","type":"DATE|TIME|DURATION|SET","value":"..."},
with byte offsets into the input and TimeML values normalized against the
document creation time given by --dct. Without --dct, what depends on it
stays unknown ("XXXX-09-30", "XXXX-WXX-5").`,
		Example: "  kg tag timex --dct 2015-11-14 article.txt\n  echo 'They met on Friday.' | kg tag timex --dct 2015-11-14",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTagTimex(cmd.InOrStdin(), cmd.OutOrStdout(), dct, args)
		},
	}
	cmd.Flags().StringVar(&dct, "dct", "", "document creation time, YYYY-MM-DD (or RFC 3339)")
	return cmd
}

func runTagTimex(stdin io.Reader, out io.Writer, dctFlag string, args []string) error {
	var dct time.Time
	if dctFlag != "" {
		var err error
		if dct, err = parseDCT(dctFlag); err != nil {
			return err
		}
	}
	var data []byte
	var err error
	if len(args) == 1 && args[0] != "-" {
		data, err = os.ReadFile(args[0])
	} else {
		data, err = io.ReadAll(stdin)
	}
	if err != nil {
		return fmt.Errorf("read text: %w", err)
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, t := range timex.New().Tag(string(data), dct) {
		if err := enc.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

func parseDCT(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--dct %q: give the document creation time as YYYY-MM-DD", s)
}

func newEvalTimexCmd(g *globals) *cobra.Command {
	var showErrors bool
	cmd := &cobra.Command{
		Use:   "timex PATH...",
		Short: "Score the temporal tagger on TimeML files (TempEval-3 figures)",
		Long: `Reads TimeML .tml files (or folders of them), runs the temporal tagger on the
content of <TEXT> against the creation time of each document, and prints the
TempEval-3 figures: strict and relaxed precision, recall and F1 of extents,
type and value accuracy and F1 (accuracy over relaxed matches times relaxed
F1). The last line is the value F1.`,
		Example: "  kg eval timex ../shared/data/tempeval3/train\n  kg eval timex --errors ../shared/data/tempeval3/train/AQUAINT | grep ^value",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalTimex(cmd.OutOrStdout(), args, showErrors)
		},
	}
	cmd.Flags().BoolVar(&showErrors, "errors", false, "list every missed, spurious, differently bounded or normalized expression first")
	return cmd
}

func runEvalTimex(out io.Writer, paths []string, showErrors bool) error {
	docs, err := eval.ReadTimeMLPaths(paths)
	if err != nil {
		return fmt.Errorf("read TimeML: %w", err)
	}
	tagger := timex.New()
	s := eval.EvalTimex(docs, func(text string, dct time.Time) []eval.TimeMLTimex {
		var out []eval.TimeMLTimex
		for _, t := range tagger.Tag(text, dct) {
			out = append(out, eval.TimeMLTimex{Start: t.Start, End: t.End, Text: t.Text, Type: t.Type, Value: t.Value})
		}
		return out
	}, showErrors)
	if showErrors {
		if err := s.ReportErrors(out); err != nil {
			return err
		}
	}
	return s.Report(out)
}
