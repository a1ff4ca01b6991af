package pos

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"kg/ingest/perceptron"
)

// acceptedDevUPOS is the UPOS accuracy of the shipped model on the EWT
// development split, as measured when it was accepted (kg eval pos); the
// guard below fails if a change loses more than 0.3 of it.
const acceptedDevUPOS = 95.51

func shipped(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestDevAccuracy guards the accuracy of the shipped model on EWT dev.
func TestDevAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("tags the development treebank")
	}
	sents := readTreebank(t, devFile)
	s := Evaluate(shipped(t), sents, runtime.GOMAXPROCS(0))
	t.Logf("EWT dev: UPOS %.2f, XPOS %.2f (%d words)", s.UPOSAccuracy(), s.XPOSAccuracy(), s.Words)
	if got := s.UPOSAccuracy(); got < acceptedDevUPOS-0.3 {
		t.Errorf("UPOS %.2f, accepted %.2f", got, acceptedDevUPOS)
	}
}

func TestTagSentence(t *testing.T) {
	tg := shipped(t)
	words := strings.Fields("Russia began launching airstrikes in Syria on Sept. 30 , saying this was meant to protect itself .")
	upos, xpos := tg.TagStrings(words)
	want := map[string]string{"Russia": "PROPN", "began": "VERB", "airstrikes": "NOUN", "in": "ADP", "30": "NUM", ",": "PUNCT", "itself": "PRON"}
	for i, w := range words {
		if u, ok := want[w]; ok && upos[i] != u {
			t.Errorf("%s: %s/%s, want %s", w, upos[i], xpos[i], u)
		}
	}
	if xpos[1] != "VBD" {
		t.Errorf("began: XPOS %s, want VBD", xpos[1])
	}
	// EWT splits hyphenated words, the tokenizer does not: an unknown
	// hyphenated word is tagged as its last part would be.
	upos, _ = tg.TagStrings(strings.Fields("The anti-terror law was passed ."))
	if upos[1] != "NOUN" && upos[1] != "ADJ" {
		t.Errorf("anti-terror: %s, want NOUN or ADJ", upos[1])
	}
	if u, x := tg.TagStrings(nil); len(u) != 0 || len(x) != 0 {
		t.Error("tags for no words")
	}
}

// TestTagConcurrent tags from several goroutines at once (run with -race).
func TestTagConcurrent(t *testing.T) {
	tg := shipped(t)
	sents := [][]string{
		strings.Fields("Putin said the tragedy was another proof of the barbarian nature of terrorism ."),
		strings.Fields("Washington has rejected all of Russia 's proposals , the sources said ."),
		strings.Fields("I hope the initiators and executors will receive deserved punishments ."),
	}
	want := make([][]uint8, len(sents))
	for i, s := range sents {
		want[i] = make([]uint8, len(s))
		tg.TagWords(s, want[i])
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				i := (g + k) % len(sents)
				got := make([]uint8, len(sents[i]))
				tg.TagWords(sents[i], got)
				if !slices.Equal(got, want[i]) {
					t.Errorf("sentence %d: %v, want %v", i, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestTagDoesNotAllocate(t *testing.T) {
	tg := shipped(t)
	words := strings.Fields("The mayor of Moscow said the killings in Paris were another reason to consolidate .")
	ids := make([]uint8, len(words))
	tg.TagWords(words, ids)
	if n := testing.AllocsPerRun(100, func() { tg.TagWords(words, ids) }); n > 0 {
		t.Errorf("%v allocations per sentence", n)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(nil); err == nil {
		t.Error("no error for no data")
	}
	if _, err := Load(embeddedModel[:len(embeddedModel)/2]); err == nil {
		t.Error("no error for half a model")
	}
	f := &perceptron.File{Kind: "ner", Model: perceptron.NewSparseLabels([]string{"O"}).Header()}
	data, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(data); err == nil || !strings.Contains(err.Error(), "not a POS model") {
		t.Errorf("another kind of model: %v", err)
	}
}

// referenceTag tags words the plain way training does: every feature of
// every word scored afresh (staticKeys, dynamicKeys, stackKeys), without
// the cache of TagWords; the second pass keeps the first pass's tag of a
// word whose margin (best score less the best other) is tg.sure or more.
func referenceTag(tg *Tagger, words []string) []uint8 {
	st := &state{}
	st.prepare(&tg.lex, words)
	clusters, profile := tg.lex.clus != nil, tg.lex.prof != nil
	n := len(words)
	margin := make([]int32, n)
	run := func(m *perceptron.SparseModel, first []uint8) []uint8 {
		out := make([]uint8, n)
		p1, p2 := -1, -2
		for i := range n {
			if first != nil && tg.sure > 0 && margin[i] >= tg.sure {
				out[i] = first[i]
				p1, p2 = int(first[i]), p1
				continue
			}
			keys := staticKeys(nil, st.ws, i, clusters, profile)
			keys = dynamicKeys(keys, st.ws, i, p1, p2)
			if first != nil {
				keys = stackKeys(keys, st.ws, i, first, p1)
			}
			sc := make([]int32, m.NumLabels())
			m.Score(keys, sc)
			best := 0
			for y := range sc {
				if sc[y] > sc[best] {
					best = y
				}
			}
			other := int32(math.MinInt32)
			for y := range sc {
				if y != best && sc[y] > other {
					other = sc[y]
				}
			}
			if first == nil && len(sc) > 1 {
				margin[i] = sc[best] - other
			}
			out[i] = uint8(best)
			p1, p2 = best, p1
		}
		return out
	}
	out := run(tg.first, nil)
	if tg.second == nil {
		return out
	}
	if tg.reverse {
		slices.Reverse(out)
		slices.Reverse(margin)
		slices.Reverse(st.ws)
	}
	out = run(tg.second, out)
	if tg.reverse {
		slices.Reverse(out)
	}
	return out
}

// TestTagMatchesReference checks that TagWords, with its cache of the
// scores of words, gives exactly the tags of referenceTag on the
// development split. (perceptron's tests check Score itself against a
// plain sum of the entries of the shipped models' rows.)
func TestTagMatchesReference(t *testing.T) {
	if testing.Short() {
		t.Skip("tags the development treebank twice")
	}
	tg := shipped(t)
	sents := readTreebank(t, devFile)
	ids := make([]uint8, 1024)
	for si, s := range sents {
		words := s.Forms()
		tg.TagWords(words, ids)
		if want := referenceTag(tg, words); !slices.Equal(ids[:len(words)], want) {
			t.Fatalf("sentence %d: tags %v, reference %v", si, ids[:len(words)], want)
		}
	}
}

// TestShippedSure checks that the shipped model's sure margin is the one
// training's rule (chooseSure) picks on the development split, and that
// its settings section says so.
func TestShippedSure(t *testing.T) {
	if testing.Short() {
		t.Skip("tags the development treebank a dozen times")
	}
	tg := shipped(t)
	if tg.sure <= 0 {
		t.Fatal("the shipped model tags every word twice: no sure margin in its settings")
	}
	if got := chooseSure(tg, readTreebank(t, devFile)); got != tg.sure {
		t.Errorf("shipped sure margin %d, the rule picks %d on dev", tg.sure, got)
	}
}
