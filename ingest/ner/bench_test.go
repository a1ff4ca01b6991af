package ner

import (
	"os"
	"testing"

	"kg/internal/benchspeed"
)

const devFile = "../../../shared/data/conll2003/eng.testa"

func readDocs(tb testing.TB, path string) []*Document {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("%s not available: %v", path, err)
	}
	defer f.Close()
	docs, err := ReadCoNLL(f)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkTag tags the CoNLL-2003 development split on one goroutine,
// features included, and reports tokens per second (make bench runs it with
// GOMAXPROCS=1 for the one-core figure).
func BenchmarkTag(b *testing.B) {
	docs := readDocs(b, devFile)
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	toks := make([][][]string, len(docs))
	n := 0
	for i, d := range docs {
		toks[i] = d.Tokens()
		for _, s := range toks[i] {
			n += len(s)
		}
	}
	start := benchspeed.Start()
	for b.Loop() {
		for _, t := range toks {
			m.Tag(t)
		}
	}
	benchspeed.Report(b, n, "tokens", start)
}

// BenchmarkLoad decodes the shipped model.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(embeddedModel); err != nil {
			b.Fatal(err)
		}
	}
}
