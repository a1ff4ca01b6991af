package conllu

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// sample is CoNLL-U written for this test: comments, a multiword token, an
// empty node, and a sentence without a trailing blank line.
const sample = `# newdoc id = test-doc
# sent_id = test-1
# text = We don't know.
1	We	we	PRON	PRP	Case=Nom|Number=Plur	4	nsubj	4:nsubj	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	Mood=Ind	4	aux	4:aux	_
3	n't	not	PART	RB	_	4	advmod	4:advmod	_
4	know	know	VERB	VB	VerbForm=Inf	0	root	0:root	SpaceAfter=No
4.1	knew	know	VERB	VBD	_	_	_	4:conj	_
5	.	.	PUNCT	.	_	4	punct	4:punct	_

# sent_id = test-2
1	Yes	yes	INTJ	UH	_	0	root	0:root	_
`

func TestReadWrite(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	s := sents[0]
	if s.ID() != "test-1" || s.Text() != "We don't know." || len(s.Comments) != 3 || s.Line != 1 {
		t.Errorf("sentence 1: id %q text %q, %d comments, line %d", s.ID(), s.Text(), len(s.Comments), s.Line)
	}
	if got := strings.Join(s.Forms(), " "); got != "We do n't know ." {
		t.Errorf("forms %q", got)
	}
	want := Word{ID: 4, Form: "know", Lemma: "know", UPOS: "VERB", XPOS: "VB", Feats: "VerbForm=Inf",
		Head: 0, Deprel: "root", Deps: "0:root", Misc: "SpaceAfter=No"}
	if s.Words[3] != want {
		t.Errorf("word 4 = %+v, want %+v", s.Words[3], want)
	}
	if len(s.Extras) != 2 || s.Extras[0].Before != 1 || s.Extras[1].Before != 4 {
		t.Errorf("extras %+v", s.Extras)
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
	if sents[1].Line != 12 || sents[1].Words[0].Form != "Yes" {
		t.Errorf("sentence 2: %+v", sents[1])
	}
	var b bytes.Buffer
	for _, s := range sents {
		if err := Write(&b, s); err != nil {
			t.Fatal(err)
		}
	}
	if b.String() != sample+"\n" {
		t.Errorf("written back:\n%s\nwant:\n%s", b.String(), sample)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ in, err string }{
		{"1\tWe\twe\tPRON\n", "line 1: 4 columns"},
		{"1\ta\t_\t_\t_\t_\t0\t_\t_\t_\t_\n", "line 1: more than 10 columns"},
		{"2\ta\t_\t_\t_\t_\t0\t_\t_\t_\n", `line 1: word ID "2", want 1`},
		{"1\ta\t_\t_\t_\t_\tx\t_\t_\t_\n", `line 1: HEAD "x"`},
		{"1\t\t_\t_\t_\t_\t0\t_\t_\t_\n", "line 1: empty FORM"},
		{"# c\n1\ta\t_\t_\t_\t_\t0\t_\t_\t_\n3-4\tab\t_\t_\t_\t_\t_\t_\t_\t_\n", "line 3: multiword token ID"},
		{"1\ta\t_\t_\t_\t_\t0\t_\t_\t_\n# late\n", "line 2: comment line inside a sentence"},
		{"1\ta\t_\t_\t_\t_\t0\t_\t_\t_\n0.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n", "line 2: empty node ID"},
	} {
		_, err := ReadAll(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		heads []int
		ok    bool
	}{
		{[]int{2, 0, 2}, true},
		{[]int{0, 0}, false},    // two roots
		{[]int{2, 1}, false},    // no root, a cycle
		{[]int{0, 3, 2}, false}, // a cycle
		{[]int{0, 5}, false},    // out of range
		{[]int{-1}, false},      // no head
	} {
		s := &Sentence{}
		for i, h := range tc.heads {
			s.Words = append(s.Words, Word{ID: i + 1, Form: "w", Head: h})
		}
		if err := s.Validate(); (err == nil) != tc.ok {
			t.Errorf("heads %v: error %v", tc.heads, err)
		}
	}
}

func TestReaderStopsAtError(t *testing.T) {
	r := NewReader(strings.NewReader("1\ta\t_\t_\t_\t_\t0\t_\t_\t_\n\nbad\n\n1\tb\t_\t_\t_\t_\t0\t_\t_\t_\n"))
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	_, err := r.Next()
	if err == nil {
		t.Fatal("no error for a bad line")
	}
	if _, err2 := r.Next(); err2 != err {
		t.Errorf("after an error: %v, want %v", err2, err)
	}
}

// FuzzRead reads arbitrary input: it must not panic, and what it reads
// must be written and read back the same.
func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("1\ta\t_\t_\t_\t_\t0\t_\t_\t_\r\n\r\n")
	f.Add("\ufeff# c\n1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n1.1\tb\t_\t_\t_\t_\t_\t_\t_\t_\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadAll(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range sents {
			s.Validate()
		}
		var b bytes.Buffer
		for _, s := range sents {
			if err := Write(&b, s); err != nil {
				t.Fatal(err)
			}
		}
		again, err := ReadAll(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("reading back %q: %v", b.String(), err)
		}
		if len(again) != len(sents) {
			t.Fatalf("%d sentences, %d read back", len(sents), len(again))
		}
		for i := range sents {
			a, b := *sents[i], *again[i]
			a.Line, b.Line = 0, 0
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("sentence %d read back as\n%+v\nwant\n%+v", i, b, a)
			}
		}
	})
}
