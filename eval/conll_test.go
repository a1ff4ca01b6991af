package eval

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestCoNLLCounts(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		gold, guess           []string
		nGold, found, correct int
	}{
		{"exact", []string{"B-PER", "I-PER", "O"}, []string{"B-PER", "I-PER", "O"}, 1, 1, 1},
		{"iob1 gold, iob2 guess", []string{"I-PER", "I-PER", "O", "I-LOC"}, []string{"B-PER", "I-PER", "O", "B-LOC"}, 2, 2, 2},
		{"adjacent iob1", []string{"I-LOC", "B-LOC", "O"}, []string{"B-LOC", "B-LOC", "O"}, 2, 2, 2},
		{"too long", []string{"B-ORG", "O"}, []string{"B-ORG", "I-ORG"}, 1, 1, 0},
		{"too short", []string{"B-ORG", "I-ORG"}, []string{"B-ORG", "O"}, 1, 1, 0},
		{"wrong type", []string{"B-ORG", "I-ORG"}, []string{"B-LOC", "I-LOC"}, 1, 1, 0},
		{"type changes inside", []string{"B-ORG", "I-ORG"}, []string{"B-ORG", "I-LOC"}, 1, 2, 0},
		{"missed", []string{"B-MISC"}, []string{"O"}, 1, 0, 0},
		{"spurious", []string{"O"}, []string{"B-MISC"}, 0, 1, 0},
		{"bilou guess", []string{"B-PER", "I-PER", "B-LOC"}, []string{"B-PER", "L-PER", "U-LOC"}, 2, 2, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c CoNLL
			c.AddSentence(tc.gold, tc.guess)
			o := c.Overall()
			if o.Gold != tc.nGold || o.Found != tc.found || o.Correct != tc.correct {
				t.Errorf("gold %d found %d correct %d, want %d %d %d", o.Gold, o.Found, o.Correct, tc.nGold, tc.found, tc.correct)
			}
		})
	}
}

func TestBoundaryEndsPhrases(t *testing.T) {
	var c CoNLL
	// Two one-token PER phrases in two sentences, not one phrase.
	c.AddSentence([]string{"I-PER"}, []string{"I-PER"})
	c.AddSentence([]string{"I-PER"}, []string{"I-PER"})
	if o := c.Overall(); o.Gold != 2 || o.Correct != 2 {
		t.Errorf("%+v", o)
	}
	// A phrase still open at the end counts.
	var d CoNLL
	d.Add("B-LOC", "B-LOC")
	if d.F1() != 100 {
		t.Errorf("open phrase: F1 %v", d.F1())
	}
	if d.F1() != 100 { // Overall does not change the counts
		t.Error("second call differs")
	}
}

const sample = `-DOCSTART- -X- O O O

EU NNP I-NP I-ORG B-ORG
rejects VBZ I-VP O O
German JJ I-NP I-MISC B-MISC
call NN I-NP O O
. . O O O

Peter NNP I-NP I-PER B-PER
Blackburn NNP I-NP I-PER B-LOC

BRUSSELS NNP I-NP I-LOC B-LOC
1996-08-22 CD I-NP O O
`

func TestScoreCoNLLAndReport(t *testing.T) {
	c, err := ScoreCoNLL(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	o := c.Overall()
	// Gold: EU, German, Peter Blackburn, BRUSSELS; guessed: EU, German,
	// Peter, Blackburn, BRUSSELS; right: EU, German, BRUSSELS.
	if o.Gold != 4 || o.Found != 5 || o.Correct != 3 || c.Tokens() != 9 {
		t.Fatalf("%+v, %d tokens", o, c.Tokens())
	}
	p, r := 60.0, 75.0
	if math.Abs(o.F1-2*p*r/(p+r)) > 1e-9 {
		t.Errorf("F1 = %v", o.F1)
	}
	var b bytes.Buffer
	if err := c.Report(&b); err != nil {
		t.Fatal(err)
	}
	want := `processed 9 tokens with 4 phrases; found: 5 phrases; correct: 3.
accuracy:  88.89%; precision:  60.00%; recall:  75.00%; FB1:  66.67
              LOC: precision:  50.00%; recall: 100.00%; FB1:  66.67  2
             MISC: precision: 100.00%; recall: 100.00%; FB1: 100.00  1
              ORG: precision: 100.00%; recall: 100.00%; FB1: 100.00  1
              PER: precision:   0.00%; recall:   0.00%; FB1:   0.00  1
F1 66.67
`
	if b.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", b.String(), want)
	}
	if _, err := ScoreCoNLL(strings.NewReader("token O\n")); err == nil {
		t.Error("a line without a guess scored")
	}
}

func FuzzScoreCoNLL(f *testing.F) {
	f.Add(sample)
	f.Add("a B-X I-Y\nb I-Y E-Y\n\nc S-Z [-Z\n")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ScoreCoNLL(strings.NewReader(s))
		if err != nil {
			return
		}
		o := c.Overall()
		if o.Correct > o.Found || o.Correct > o.Gold || o.F1 < 0 || o.F1 > 100 {
			t.Errorf("impossible scores %+v", o)
		}
		var b bytes.Buffer
		if err := c.Report(&b); err != nil || !strings.Contains(b.String(), "\nF1 ") {
			t.Errorf("report %q: %v", b.String(), err)
		}
	})
}
