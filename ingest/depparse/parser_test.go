package depparse

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"kg/ingest/conllu"
	"kg/ingest/text"
	"kg/internal/benchspeed"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// shippedModels are the parsers shipped in the binary with their scores on
// the EWT development split with predicted tags (kg eval parse), as
// measured when they were accepted; the guard fails if a change loses more
// than 0.3 of either.
var shippedModels = []struct {
	name     string
	load     func() (*Parser, error)
	uas, las float64
}{
	{"beam", Default, 86.46, 83.33},
	{"greedy", Greedy, 85.25, 82.28},
}

func shipped(t testing.TB) *Parser {
	t.Helper()
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDevAccuracy guards the attachment scores of the shipped models on
// EWT dev (tagged by the shipped tagger).
func TestDevAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the development treebank")
	}
	sents := readTreebank(t, devFile)
	for _, m := range shippedModels {
		t.Run(m.name, func(t *testing.T) {
			p, err := m.load()
			if err != nil {
				t.Fatal(err)
			}
			s := Evaluate(p, sents, runtime.GOMAXPROCS(0), false)
			t.Logf("EWT dev: UAS %.2f, LAS %.2f, UPOS %.2f (%d words)", s.UASScore(), s.LASScore(), s.UPOSAccuracy(), s.Words)
			if got := s.LASScore(); got < m.las-0.3 {
				t.Errorf("LAS %.2f, accepted %.2f", got, m.las)
			}
			if got := s.UASScore(); got < m.uas-0.3 {
				t.Errorf("UAS %.2f, accepted %.2f", got, m.uas)
			}
		})
	}
}

// sentences tokenizes text as the pipeline does.
func sentences(s string) [][]string {
	var out [][]string
	for _, se := range text.Split(s) {
		var w []string
		for _, t := range se.Tokens {
			w = append(w, t.Text)
		}
		out = append(out, w)
	}
	return out
}

// TestGolden parses sentences of the seed article (testdata/seed.txt);
// run with -update to accept new parses after retraining.
func TestGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	p := shipped(t)
	var b bytes.Buffer
	var tree Tree
	for _, words := range sentences(string(in)) {
		p.Parse(words, &tree)
		checkTree(t, &tree)
		s := &conllu.Sentence{Comments: []string{"# text = " + strings.Join(words, " ")}}
		for i, w := range words {
			s.Words = append(s.Words, conllu.Word{ID: i + 1, Form: w, UPOS: tree.UPOS[i], XPOS: tree.XPOS[i],
				Head: tree.Head[i] + 1, Deprel: tree.Deprel[i]})
		}
		if err := conllu.Write(&b, s); err != nil {
			t.Fatal(err)
		}
	}
	golden := "testdata/seed.golden"
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("parses differ from %s (go test -update to accept):\n%s", golden, b.String())
	}
}

// checkTree fails the test unless t is a tree with one root.
func checkTree(t *testing.T, tree *Tree) {
	t.Helper()
	s := &conllu.Sentence{}
	for i, h := range tree.Head {
		s.Words = append(s.Words, conllu.Word{ID: i + 1, Form: "w", Head: h + 1})
	}
	if err := s.Validate(); err != nil && tree.Len() > 0 {
		t.Fatalf("not a tree: %v (heads %v)", err, tree.Head)
	}
	for i, r := range tree.Deprel {
		if (r == "root") != (tree.Head[i] < 0) {
			t.Fatalf("word %d: relation %q, head %d", i, r, tree.Head[i])
		}
	}
}

// TestWhoDidWhat checks the structure the event extractor relies on.
func TestWhoDidWhat(t *testing.T) {
	p := shipped(t)
	var tree Tree
	words := strings.Fields("Russia began launching airstrikes in Syria on Sept. 30 .")
	p.Parse(words, &tree)
	dep := func(w string) (string, string) {
		i := slices.Index(words, w)
		h := tree.Head[i]
		if h < 0 {
			return "ROOT", tree.Deprel[i]
		}
		return words[h], tree.Deprel[i]
	}
	for _, tc := range []struct{ word, head, rel string }{
		{"began", "ROOT", "root"},
		{"Russia", "began", "nsubj"},
		{"launching", "began", "xcomp"},
		{"airstrikes", "launching", "obj"},
		{"Syria", "launching", "obl"},
	} {
		if h, r := dep(tc.word); h != tc.head || r != tc.rel {
			t.Errorf("%s: %s of %s, want %s of %s", tc.word, r, h, tc.rel, tc.head)
		}
	}
	if tree.Root() != 1 {
		t.Errorf("root %d", tree.Root())
	}
	if got := tree.Dependents(nil, 1); !slices.Equal(got, []int{0, 2, 9}) {
		t.Errorf("dependents of began: %v", got)
	}
}

// TestParseConcurrent parses from several goroutines at once (run with
// -race).
func TestParseConcurrent(t *testing.T) {
	p := shipped(t)
	in, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	sents := sentences(string(in))
	want := make([]string, len(sents))
	for i, s := range sents {
		var tree Tree
		p.Parse(s, &tree)
		want[i] = fmt.Sprint(tree)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tree Tree
			for k := range 30 {
				i := (g + k) % len(sents)
				p.Parse(sents[i], &tree)
				if got := fmt.Sprint(tree); got != want[i] {
					t.Errorf("sentence %d: %s, want %s", i, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestParseDoesNotAllocate(t *testing.T) {
	p := shipped(t)
	words := sentences("Sergei Sobyanin, a close Putin ally and the mayor of Moscow, said the killings in Paris were another reason to consolidate.")[0]
	var tree Tree
	p.Parse(words, &tree)
	if n := testing.AllocsPerRun(50, func() { p.Parse(words, &tree) }); n > 0 {
		t.Errorf("%v allocations per sentence", n)
	}
	p.Parse(nil, &tree)
	if tree.Len() != 0 || tree.Root() != -1 {
		t.Error("a tree for no words")
	}
}

// FuzzParse parses arbitrary text: the result must be a tree.
func FuzzParse(f *testing.F) {
	p, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Washington has rejected all of Russia's proposals, the sources said.")
	f.Add("!!! ??? ... 7,000 @ - - -")
	f.Add("a")
	f.Fuzz(func(t *testing.T, s string) {
		var tree Tree
		for _, words := range sentences(s) {
			if len(words) > 300 {
				continue
			}
			p.Parse(words, &tree)
			checkTree(t, &tree)
		}
	})
}

// eachParser runs a sub-benchmark of parse, which handles n tokens, for
// each parser measured: the shipped ones, or the model file in
// $KG_PARSER_MODEL (with the shipped tagger).
func eachParser(b *testing.B, n int, parse func(p *Parser, t *Tree)) {
	ps := map[string]*Parser{}
	if path := os.Getenv("KG_PARSER_MODEL"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		p, err := Load(data, shipped(b).Tagger())
		if err != nil {
			b.Fatal(err)
		}
		ps["file"] = p
	} else {
		for _, m := range shippedModels {
			p, err := m.load()
			if err != nil {
				b.Fatal(err)
			}
			ps[m.name] = p
		}
	}
	for _, name := range slices.Sorted(maps.Keys(ps)) {
		b.Run(name, func(b *testing.B) {
			var tree Tree
			start := benchspeed.Start()
			for b.Loop() {
				parse(ps[name], &tree)
			}
			benchspeed.Report(b, n, "tokens", start)
		})
	}
}

// BenchmarkParse tags and parses the EWT development split on one
// goroutine: the cost per token of what the pipeline runs, with each
// shipped parser (kg ingest reads events with the greedy one).
func BenchmarkParse(b *testing.B) {
	sents := readTreebank(b, devFile)
	words := make([][]string, len(sents))
	n := 0
	for i, s := range sents {
		words[i] = s.Forms()
		n += len(words[i])
	}
	eachParser(b, n, func(p *Parser, tree *Tree) {
		for _, w := range words {
			p.Parse(w, tree)
		}
	})
}

// BenchmarkParseTagged parses the EWT development split with its gold tags
// (the parser alone), with each shipped parser.
func BenchmarkParseTagged(b *testing.B) {
	sents := readTreebank(b, devFile)
	type sent struct{ words, upos, xpos []string }
	in := make([]sent, len(sents))
	n := 0
	for i, s := range sents {
		in[i].words = s.Forms()
		for _, w := range s.Words {
			in[i].upos = append(in[i].upos, w.UPOS)
			in[i].xpos = append(in[i].xpos, w.XPOS)
		}
		n += len(s.Words)
	}
	eachParser(b, n, func(p *Parser, tree *Tree) {
		for _, s := range in {
			p.ParseTagged(s.words, s.upos, s.xpos, tree)
		}
	})
}

// BenchmarkLoad decodes the shipped parser models.
func BenchmarkLoad(b *testing.B) {
	t := shipped(b).Tagger()
	for _, m := range []struct {
		name string
		data []byte
	}{{"beam", embeddedModel}, {"greedy", embeddedGreedy}} {
		b.Run(m.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(m.data, t); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
