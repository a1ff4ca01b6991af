package timex_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"kg/eval"
	"kg/ingest/timex"
)

// The accepted TempEval-3 figures of the tagger on the TempEval-3 training
// data (TimeBank and AQUAINT), measured with `kg eval timex
// ../shared/data/tempeval3/train`. TestAccuracy fails when the value F1
// falls more than tolerance below; raise them when the tagger improves.
const (
	acceptedValueF1 = 81.12
	tolerance       = 0.3
)

// tempeval3 is the training data, beside the project's root.
var tempeval3 = filepath.Join("..", "..", "..", "shared", "data", "tempeval3", "train")

func TestAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("accuracy evaluation skipped in -short mode")
	}
	if _, err := os.Stat(tempeval3); err != nil {
		t.Skipf("TempEval-3 data not available: %v", err)
	}
	docs, err := eval.ReadTimeMLPaths([]string{tempeval3})
	if err != nil {
		t.Fatal(err)
	}
	tagger := timex.New()
	s := eval.EvalTimex(docs, func(text string, dct time.Time) []eval.TimeMLTimex {
		var out []eval.TimeMLTimex
		for _, x := range tagger.Tag(text, dct) {
			out = append(out, eval.TimeMLTimex{Start: x.Start, End: x.End, Text: x.Text, Type: x.Type, Value: x.Value})
		}
		return out
	}, false)
	t.Logf("%d documents: strict F1 %.2f, relaxed F1 %.2f, type F1 %.2f, value F1 %.2f",
		s.Docs, s.StrictF1(), s.RelaxedF1(), s.TypeF1(), s.ValueF1())
	if v := s.ValueF1(); v < acceptedValueF1-tolerance {
		t.Errorf("value F1 %.2f is below the accepted %.2f (tolerance %.1f)", v, acceptedValueF1, tolerance)
	}
}
