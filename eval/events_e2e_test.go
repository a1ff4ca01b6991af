package eval_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kg/eval"
	"kg/graph"
	"kg/ingest/depparse"
	"kg/ingest/events"
	"kg/ingest/extract"
	"kg/ingest/text"
)

// The gold annotations of testdata/events and the articles they annotate,
// in the TempEval-3 training data beside the project's root.
var (
	eventGoldDir = filepath.Join("..", "testdata", "events")
	tempeval3    = filepath.Join("..", "..", "shared", "data", "tempeval3", "train")
)

// TestEventGoldFiles guards the gold annotations: every file parses and
// names only gold entities and taxonomy types, and, when the articles are
// at hand, fits its article (creation time, aliases, sentence indexes of
// kg's splitter, triggers).
func TestEventGoldFiles(t *testing.T) {
	golds, err := eval.ReadEventGoldDir(eventGoldDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) < 12 {
		t.Errorf("%d gold files, want at least 12", len(golds))
	}
	corpora := map[string]int{}
	for _, g := range golds {
		if want := strings.TrimSuffix(filepath.Base(g.File), ".tml") + ".json"; filepath.Base(g.Path) != want {
			t.Errorf("%s annotates %s: name it %s", g.Path, g.File, want)
		}
		corpora[strings.Split(g.File, "/")[0]]++
	}
	if corpora["TimeBank"] == 0 || corpora["AQUAINT"] == 0 {
		t.Errorf("articles by corpus %v: want both TimeBank and AQUAINT", corpora)
	}

	if _, err := os.Stat(tempeval3); err != nil {
		t.Logf("TempEval-3 data not available (%v): the gold files are not checked against their texts", err)
		return
	}
	for _, g := range golds {
		path := filepath.Join(tempeval3, filepath.FromSlash(g.File))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", g.Path, err)
			continue
		}
		doc, err := eval.ReadTimeML(path, data)
		if err != nil {
			t.Errorf("%s: %v", g.Path, err)
			continue
		}
		if dct := doc.DCT.Format(time.DateOnly); dct != g.DCT {
			t.Errorf("%s: dct %s, but %s was created %s", g.Path, g.DCT, g.File, dct)
		}
		var spans []graph.Span
		for _, s := range text.Split(doc.Text) {
			spans = append(spans, graph.Span{Start: s.Start, End: s.End})
		}
		if err := g.CheckText(doc.Text, spans); err != nil {
			t.Errorf("%s does not fit %s:\n%v", g.Path, g.File, err)
		}
	}
}

// TestEventTaxonomy keeps the scorer's event types those of the extractor.
func TestEventTaxonomy(t *testing.T) {
	var types []string
	for _, x := range events.Types {
		types = append(types, x.Type)
	}
	if !slices.Equal(types, eval.EventTypes) {
		t.Errorf("eval.EventTypes %v, but the extractor's taxonomy is %v", eval.EventTypes, types)
	}
}

// The accepted figures of kg eval events on the annotated articles (the
// README's accuracy table), with each shipped parser: the greedy one kg
// ingest reads events with by default, and the beam one of --parser beam.
// The guard fails a change that loses more than 0.3 of any.
var acceptedEvents = []struct {
	parser                         string
	load                           func() (*depparse.Parser, error)
	eventF1, entityF1, datedRecall float64
}{
	{"greedy", depparse.Greedy, 74.90, 88.68, 82.00},
	{"beam", depparse.Default, 74.90, 88.68, 82.00},
}

// TestEventsEndToEnd runs kg's extraction over the annotated articles,
// prints the figures and guards them.
func TestEventsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("event evaluation skipped in -short mode")
	}
	if _, err := os.Stat(tempeval3); err != nil {
		t.Skipf("TempEval-3 data not available: %v", err)
	}
	golds, err := eval.ReadEventGoldDir(eventGoldDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, acc := range acceptedEvents {
		t.Run(acc.parser, func(t *testing.T) {
			x := extract.New()
			p, err := acc.load()
			if err != nil {
				t.Fatal(err)
			}
			x.Parser = p
			s, err := eval.EvalEvents(golds, tempeval3, x)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := s.Report(&b); err != nil {
				t.Fatal(err)
			}
			t.Logf("kg eval events --parser %s:\n%s", acc.parser, b.String())
			if ev := s.Events(); ev.Gold < 100 || ev.Pred == 0 {
				t.Errorf("%d gold and %d predicted events: the gold or the extraction is missing", ev.Gold, ev.Pred)
			}
			if en := s.Entities(); en.Pred == 0 || en.Match == 0 {
				t.Errorf("entities %+v: the extraction found none of the gold entities", en)
			}
			if f := s.Events().F1(); f < acc.eventF1-0.3 {
				t.Errorf("event F1 %.2f, accepted %.2f", f, acc.eventF1)
			}
			if f := s.Entities().F1(); f < acc.entityF1-0.3 {
				t.Errorf("entity F1 %.2f, accepted %.2f", f, acc.entityF1)
			}
			if r := s.DatedRecall(); r < acc.datedRecall-0.3 {
				t.Errorf("dated-event recall %.2f, accepted %.2f", r, acc.datedRecall)
			}
		})
	}
}
