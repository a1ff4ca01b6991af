package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/ingest/extract"
)

// exampleDeltas extracts n distinct documents made from the example
// articles (each copy marked), dated over three months.
func exampleDeltas(b *testing.B, n int) []*graph.Delta {
	b.Helper()
	var texts []string
	files, _ := filepath.Glob(filepath.Join("..", "examples", "text", "*.txt"))
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	wire, err := os.ReadFile(filepath.Join("..", "examples", "jsonl", "wire.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(wire)), "\n") {
		var rec struct{ Text string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, rec.Text)
	}
	x := extract.New()
	out := make([]*graph.Delta, n)
	for i := range out {
		text := texts[i%len(texts)] + fmt.Sprintf("\n\n(Copy %d.)", i)
		doc := graph.Document{ID: graph.DocumentID(text), Text: text, Source: "bench",
			Published: time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%90)}
		d, err := x.Extract(doc)
		if err != nil {
			b.Fatal(err)
		}
		out[i] = d
	}
	return out
}

// BenchmarkApply measures the writer on extracted documents, with the
// resolution of entities against the store and without it (every delta
// entity its own stored entity), to show what resolution costs.
func BenchmarkApply(b *testing.B) {
	deltas := exampleDeltas(b, 256)
	for _, bc := range []struct {
		name string
		off  bool
	}{{"resolution", false}, {"no-resolution", true}} {
		b.Run(bc.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s, err := Open(filepath.Join(b.TempDir(), "kg.db"), Options{noResolution: bc.off})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for i := 0; i < len(deltas); i += 64 {
					if _, err := s.Apply(deltas[i:min(i+64, len(deltas))]); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(deltas))/1e3, "µs/doc")
		})
	}
}
