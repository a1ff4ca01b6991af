package extract

import (
	"os"
	"path/filepath"
	"testing"

	"kg/bench/reuters"
	"kg/graph"
)

// reutersFile is the first file of Reuters-21578 in ../shared/data (about
// a thousand articles).
const reutersFile = "../../../shared/data/reuters21578/reut2-000.sgm"

// BenchmarkExtractReuters runs the extraction over the articles of one file
// of Reuters-21578, with everything and without dates, parsing, events and
// relations, so that what events cost on ordinary news shows (the events
// issue holds the whole pipeline within twice the speed without them).
func BenchmarkExtractReuters(b *testing.B) {
	sgml, err := os.ReadFile(filepath.FromSlash(reutersFile))
	if err != nil {
		b.Skipf("no Reuters-21578 beside the repository: %v", err)
	}
	var docs []graph.Document
	size := 0
	for _, a := range reuters.Parse(sgml) {
		docs = append(docs, graph.Document{ID: graph.DocumentID(a.ID), Text: a.Title + "\n\n" + a.Text, Published: a.Date})
		size += len(docs[len(docs)-1].Text)
	}
	for _, bc := range []struct {
		name     string
		noEvents bool
	}{{"events", false}, {"no-events", true}} {
		b.Run(bc.name, func(b *testing.B) {
			x := New()
			x.EntitiesOnly = bc.noEvents
			if _, err := x.Extract(docs[0]); err != nil { // loads the models
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			for range b.N {
				for _, d := range docs {
					if _, err := x.Extract(d); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
