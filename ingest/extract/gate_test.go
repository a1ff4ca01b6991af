package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kg/bench/reuters"
	"kg/graph"
	"kg/ingest/depparse"
)

// TestNeedsTreeChangesNothing checks the claim the parse gate rests on:
// parsing only the sentences events.NeedsTree asks for (and those
// relations.HasCandidate asks for, when they name a person) gives the same
// events, relations and titles as parsing every sentence, with each
// shipped parser, over the example articles, the seed article and the
// first Reuters-21578 file.
func TestNeedsTreeChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a thousand articles four times")
	}
	var docs []graph.Document
	paths, _ := filepath.Glob("../../examples/text/*.txt")
	paths = append(paths, "../../../shared/seeds/000_077868484105991a.txt")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		docs = append(docs, graph.Document{ID: graph.DocumentID(p), Text: string(b), Published: time.Date(2015, 11, 14, 0, 0, 0, 0, time.UTC)})
	}
	// A statement whose only trigger is hypothetical, then its occasion:
	// the gate leaves the first sentence's tree to Sentence.Parse.
	occasion := "Officials said on Thursday that possible attacks were discussed. He said in an interview that the work went on."
	docs = append(docs, graph.Document{ID: graph.DocumentID(occasion), Text: occasion, Published: time.Date(1987, 3, 5, 0, 0, 0, 0, time.UTC)})
	if sgml, err := os.ReadFile(filepath.FromSlash(reutersFile)); err == nil {
		for _, a := range reuters.Parse(sgml) {
			docs = append(docs, graph.Document{ID: graph.DocumentID(a.ID), Text: a.Title + "\n\n" + a.Text, Published: a.Date})
		}
	}
	if len(docs) < 4 {
		t.Fatalf("only %d articles to read", len(docs))
	}
	for _, m := range []struct {
		name string
		load func() (*depparse.Parser, error)
	}{{"greedy", depparse.Greedy}, {"beam", depparse.Default}} {
		t.Run(m.name, func(t *testing.T) {
			p, err := m.load()
			if err != nil {
				t.Fatal(err)
			}
			gated, all := New(), New()
			gated.Parser, all.Parser = p, p
			all.parseAll = true
			events := 0
			for _, d := range docs {
				g, err := gated.Extract(d)
				if err != nil {
					t.Fatal(err)
				}
				a, err := all.Extract(d)
				if err != nil {
					t.Fatal(err)
				}
				gj, _ := json.Marshal(g.Events)
				aj, _ := json.Marshal(a.Events)
				if string(gj) != string(aj) {
					t.Errorf("%s: the gate changes the events:\ngated %s\nall   %s", d.ID, gj, aj)
				}
				gj, _ = json.Marshal([]any{g.Relations, g.Entities})
				aj, _ = json.Marshal([]any{a.Relations, a.Entities})
				if string(gj) != string(aj) {
					t.Errorf("%s: the gate changes the relations or titles:\ngated %s\nall   %s", d.ID, gj, aj)
				}
				events += len(a.Events)
			}
			t.Logf("%d articles, %d events; %d sentences parsed up front and %d on demand, against %d parsing all",
				len(docs), events, gated.parsed.Load(), gated.parsedLate.Load(), all.parsed.Load())
			if events == 0 {
				t.Error("no events at all")
			}
			// The gate must spare sentences, and the statements before an
			// occasion must be parsed on demand: else this test compares
			// nothing.
			if gated.parsed.Load() >= all.parsed.Load() || gated.parsedLate.Load() == 0 {
				t.Errorf("the gate parsed %d sentences up front and %d on demand, parsing all %d",
					gated.parsed.Load(), gated.parsedLate.Load(), all.parsed.Load())
			}
		})
	}
}
