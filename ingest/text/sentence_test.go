package text

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sentenceTexts returns each sentence's text, text[Start:End], joined by " || ".
func sentenceTexts(text string, sents []Sentence) string {
	parts := make([]string, len(sents))
	for i, s := range sents {
		parts[i] = text[s.Start:s.End]
	}
	return strings.Join(parts, " || ")
}

func TestSplit(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"simple", "Putin spoke. He left.", "Putin spoke. || He left."},
		{"question and exclamation", "Why? Because! 3 men came.", "Why? || Because! || 3 men came."},
		{"lower case after period", "It cost 5 mln dlrs. and more", "It cost 5 mln dlrs. and more"},
		{"closing quote", `He said it would happen "very soon." Then he left.`, `He said it would happen "very soon." || Then he left.`},
		{"closing quote and bracket", `(He said: "Go.") The end.`, `(He said: "Go.") || The end.`},
		{"opening quote", `He agreed. "We will," he said.`, `He agreed. || "We will," he said.`},
		{"question inside quote", `"Why?" he asked.`, `"Why?" he asked.`},
		{"date abbreviation", "Russia began launching airstrikes in Syria on Sept. 30, Reuters said.", "Russia began launching airstrikes in Syria on Sept. 30, Reuters said."},
		{"title", "Mr. Putin and Dr. Smith met Gen. Gerasimov.", "Mr. Putin and Dr. Smith met Gen. Gerasimov."},
		{"initials", "J. K. Rowling wrote it. George W. Bush read it.", "J. K. Rowling wrote it. || George W. Bush read it."},
		{"U.S. inside", "the U.S. military said. Then", "the U.S. military said. || Then"},
		{"U.S. before a name", "He met U.S. Sen. John McCain.", "He met U.S. Sen. John McCain."},
		{"U.S. ends", "He flew to the U.S. The trip was long.", "He flew to the U.S. || The trip was long."},
		{"Inc. ends", "He works for Acme Inc. He is happy.", "He works for Acme Inc. || He is happy."},
		{"Inc. inside", "Acme Inc. said profits rose.", "Acme Inc. said profits rose."},
		{"p.m. ends", "They met at 5 p.m. But nothing came of it.", "They met at 5 p.m. || But nothing came of it."},
		{"p.m. inside", "They met at 5 p.m. Tuesday.", "They met at 5 p.m. Tuesday."},
		{"etc. ends", "Oil, gas, etc. It all matters.", "Oil, gas, etc. || It all matters."},
		{"No. before a number", "He is No. 2 in the party.", "He is No. 2 in the party."},
		{"ellipsis", "We waited... Nothing happened… Then it did.", "We waited... || Nothing happened… || Then it did."},
		{"ellipsis inside", "We waited ... and waited.", "We waited ... and waited."},
		{"digit starts", "It fell. 2015 was worse.", "It fell. || 2015 was worse."},
		{"missing space", "He left.The end.", "He left. || The end."},
		{"decimal", "It rose 3.5 percent. Shares fell.", "It rose 3.5 percent. || Shares fell."},
		{"blank line", "Putin Tells Western Leaders: Let’s Bury Our Differences\n\n\nIn a telegram, Putin said so.",
			"Putin Tells Western Leaders: Let’s Bury Our Differences || In a telegram, Putin said so."},
		{"blank line without capital", "first part\n\nsecond part", "first part || second part"},
		{"headline then body", "Russia Vows Response To Sanctions\nMoscow said on Monday it would respond.",
			"Russia Vows Response To Sanctions || Moscow said on Monday it would respond."},
		{"wrapped paragraph", "Putin vented his frustration at the\nUnited States for rebuffing Russia.\nThe talks failed.",
			"Putin vented his frustration at the\nUnited States for rebuffing Russia. || The talks failed."},
		{"wrapped with capital line", "The meeting in Paris was attended by\nForeign Minister Sergei Lavrov.",
			"The meeting in Paris was attended by\nForeign Minister Sergei Lavrov."},
		{"title-case wrapped line", "Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the\nmoney market.",
			"Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the\nmoney market."},
		{"initials at a line break", "Arvin Industries Inc said L.K.\nEvans has been elected president.",
			"Arvin Industries Inc said L.K.\nEvans has been elected president."},
		{"number at a line break", "the balance totaled 28.5 billion dlrs on Feb\n24.", "the balance totaled 28.5 billion dlrs on Feb\n24."},
		{"abbreviation at a line break", "He sold it to Acme Inc.\nShares rose.", "He sold it to Acme Inc. || Shares rose."},
		{"indented paragraph", "prices rose by 5 pct in\nJanuary and February\n    Analysts said the rise was small.",
			"prices rose by 5 pct in\nJanuary and February || Analysts said the rise was small."},
		{"list", "Key points:\n- Russia approved the budget\n- The rouble fell",
			"Key points: || - Russia approved the budget || - The rouble fell"},
		{"list numbers", "1. The first item\n2. The second item", "1. The first item || 2. The second item"},
		{"CRLF paragraphs", "One.\r\n\r\nTwo", "One. || Two"},
		{"paragraph separator", "One\u2029Two", "One || Two"},
		{"surrounding space", "  \n Hello there.  \n\n ", "Hello there."},
		{"only space", " \n\t\u00a0", ""},
		{"empty", "", ""},
		{"terminators only", "?!. ...", "?!. ..."},
	} {
		t.Run(c.name, func(t *testing.T) {
			sents := Split(c.in)
			if got := sentenceTexts(c.in, sents); got != c.want {
				t.Errorf("Split(%q)\n got %q\nwant %q", c.in, got, c.want)
			}
			checkSentences(t, c.in, sents)
		})
	}
}

// checkSentences checks the invariants of a split: the sentences hold the
// tokens of Tokenize(text) in order, each exactly once, none is empty, and
// their offsets cover their tokens.
func checkSentences(t *testing.T, text string, sents []Sentence) {
	t.Helper()
	toks := Tokenize(text)
	k := 0
	prevEnd := 0
	for i, s := range sents {
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d is empty", i)
		}
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
			t.Fatalf("sentence %d [%d:%d] does not cover its tokens [%d:%d]", i, s.Start, s.End, s.Tokens[0].Start, s.Tokens[len(s.Tokens)-1].End)
		}
		if s.Start < prevEnd {
			t.Fatalf("sentence %d starts at %d before the previous end %d", i, s.Start, prevEnd)
		}
		prevEnd = s.End
		for _, tk := range s.Tokens {
			if k >= len(toks) || tk != toks[k] {
				t.Fatalf("sentence %d: token %+v is not token %d of Tokenize", i, tk, k)
			}
			k++
		}
	}
	if k != len(toks) {
		t.Fatalf("sentences hold %d tokens, Tokenize returns %d", k, len(toks))
	}
	checkTokens(t, text, toks)
}

func TestSegmenter(t *testing.T) {
	var seg Segmenter
	in := readTestdata(t, "news.txt")
	want := Split(in)
	for range 3 {
		got := seg.Split(in)
		if sentenceTexts(in, got) != sentenceTexts(in, want) {
			t.Fatal("Segmenter.Split differs from Split")
		}
		checkSentences(t, in, got)
	}
	if got := texts(seg.Tokenize("Mr. Putin's")); got != "Mr.|Putin|'s" {
		t.Errorf("Segmenter.Tokenize: got %s", got)
	}
	if n := testing.AllocsPerRun(20, func() { seg.Split(in) }); n != 0 {
		t.Errorf("Segmenter.Split allocates %v times per text once warm", n)
	}
}

// TestGolden splits testdata/news.txt and compares the result with
// testdata/news.golden: one line per sentence, "start-end" and the tokens
// separated by spaces. Run with -update to rewrite the golden file.
func TestGolden(t *testing.T) {
	in := readTestdata(t, "news.txt")
	var b strings.Builder
	for _, s := range Split(in) {
		fmt.Fprintf(&b, "%d-%d\t%s\n", s.Start, s.End, strings.ReplaceAll(texts(s.Tokens), "|", " "))
	}
	got := b.String()
	path := filepath.Join("testdata", "news.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := readTestdata(t, "news.golden")
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("golden mismatch at line %d (rerun with -update if intended)\n got %q\nwant %q", i+1, g, w)
			}
		}
	}
}
