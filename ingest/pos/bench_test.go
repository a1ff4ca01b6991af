package pos

import (
	"os"
	"testing"

	"kg/ingest/conllu"
	"kg/internal/benchspeed"
)

const (
	trainFile = "../../../shared/data/ud-english-ewt/en_ewt-ud-train.conllu"
	devFile   = "../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"
	testFile  = "../../../shared/data/ud-english-ewt/en_ewt-ud-test.conllu"
)

// readTreebank reads a CoNLL-U file of ../shared/data, or skips the test
// when it is not there.
func readTreebank(tb testing.TB, path string) []*conllu.Sentence {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("%s not available: %v", path, err)
	}
	defer f.Close()
	s, err := conllu.ReadAll(f)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func benchTagger(b *testing.B) *Tagger {
	if p := os.Getenv("KG_POS_MODEL"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		t, err := Load(data)
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	t, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// BenchmarkTag tags the EWT development split on one goroutine and reports
// words per second.
func BenchmarkTag(b *testing.B) {
	sents := readTreebank(b, devFile)
	t := benchTagger(b)
	words := make([][]string, len(sents))
	n := 0
	for i, s := range sents {
		words[i] = s.Forms()
		n += len(words[i])
	}
	ids := make([]uint8, 1024)
	b.ResetTimer()
	start := benchspeed.Start()
	for b.Loop() {
		for _, w := range words {
			t.TagWords(w, ids)
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
