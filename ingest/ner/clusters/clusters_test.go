package clusters

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// synthetic makes sentences "DET NOUN VERB DET NOUN" from two word sets
// per slot, so that words of the same slot share contexts.
func synthetic(n int) *Corpus {
	r := rand.New(rand.NewPCG(1, 1))
	dets := []string{"the", "a", "this", "that"}
	nouns := []string{"cat", "dog", "bird", "fish", "horse", "cow"}
	verbs := []string{"sees", "likes", "eats", "hears", "finds"}
	c := NewCorpus()
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	for range n {
		c.Add([]string{pick(dets), pick(nouns), pick(verbs), pick(dets), pick(nouns)})
	}
	return c
}

func TestClusterSeparatesWordClasses(t *testing.T) {
	c := synthetic(3000)
	if c.Tokens() != 15000 || c.Sentences() != 3000 {
		t.Fatalf("%d tokens, %d sentences", c.Tokens(), c.Sentences())
	}
	words, err := c.Cluster(Options{Depth: 3, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	class := map[string]string{}
	for _, s := range []string{"the a this that", "cat dog bird fish horse cow", "sees likes eats hears finds"} {
		for _, w := range strings.Fields(s) {
			class[w] = s
		}
	}
	// Every cluster holds words of one class only.
	leaf := map[string]string{}
	for _, w := range words {
		if len(w.Path) != 3 || strings.Trim(w.Path, "01") != "" {
			t.Fatalf("path %q", w.Path)
		}
		if c, ok := leaf[w.Path]; ok && c != class[w.Word] {
			t.Errorf("cluster %s mixes %q and %q", w.Path, c, class[w.Word])
		}
		leaf[w.Path] = class[w.Word]
	}
	// Most frequent first, and deterministic.
	for i := 1; i < len(words); i++ {
		if words[i].Count > words[i-1].Count {
			t.Fatal("not sorted by count")
		}
	}
	again, _ := synthetic(3000).Cluster(Options{Depth: 3, MinCount: 1})
	if !reflect.DeepEqual(words, again) {
		t.Error("two runs differ")
	}
}

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, []Word{{"Paris", "0101", 926}, {"said", "1000", 70620}}); err != nil {
		t.Fatal(err)
	}
	if want := "0101\tParis\t926\n1000\tsaid\t70620\n"; b.String() != want {
		t.Errorf("%q", b.String())
	}
}

func TestClusterErrors(t *testing.T) {
	c := NewCorpus()
	c.Add([]string{"only"})
	if _, err := c.Cluster(Options{}); err == nil {
		t.Error("clustered a one-word corpus")
	}
	if _, err := synthetic(10).Cluster(Options{Depth: 40}); err == nil {
		t.Error("depth 40 accepted")
	}
}

func BenchmarkCluster(b *testing.B) {
	for b.Loop() {
		if _, err := synthetic(20000).Cluster(Options{Depth: 4, MinCount: 1, Refine: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleCorpus_Cluster() {
	c := NewCorpus()
	for range 50 {
		c.Add([]string{"we", "saw", "Paris"})
		c.Add([]string{"they", "saw", "Rome"})
		c.Add([]string{"we", "left", "Rome"})
		c.Add([]string{"they", "left", "Paris"})
	}
	words, _ := c.Cluster(Options{Depth: 2, MinCount: 1})
	path := map[string]string{}
	for _, w := range words {
		path[w.Word] = w.Path
	}
	fmt.Println(path["Paris"] == path["Rome"], path["we"] == path["they"], path["saw"] == path["left"], path["Paris"] == path["we"])
	// Output: true true true false
}
