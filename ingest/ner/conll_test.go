package ner

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
)

const conllSample = `-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- O O

BRUSSELS	NNP	I-NP	I-LOC
`

func TestReadCoNLL(t *testing.T) {
	docs, err := ReadCoNLL(strings.NewReader(conllSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents", len(docs))
	}
	if got := docs[0].Tokens(); !reflect.DeepEqual(got, [][]string{{"EU", "rejects"}, {"Peter", "Blackburn"}}) {
		t.Errorf("tokens %q", got)
	}
	if got := docs[0].Tags(); !reflect.DeepEqual(got, [][]string{{"I-ORG", "O"}, {"I-PER", "I-PER"}}) {
		t.Errorf("tags %q", got)
	}
	if got := docs[1].Tokens(); !reflect.DeepEqual(got, [][]string{{"BRUSSELS"}}) || docs[1].First != 9 {
		t.Errorf("second document %q, first line %d", got, docs[1].First)
	}
	// Untagged input: one field a line, CRLF, no final newline, no DOCSTART.
	docs, err = ReadCoNLL(strings.NewReader("Putin\r\nsaid\r\n\r\n\r\nHi"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || !reflect.DeepEqual(docs[0].Tokens(), [][]string{{"Putin", "said"}, {"Hi"}}) ||
		!reflect.DeepEqual(docs[0].Tags(), [][]string{{"O", "O"}, {"O"}}) {
		t.Errorf("untagged: %+v", docs[0])
	}
	if docs, _ := ReadCoNLL(strings.NewReader("")); len(docs) != 0 {
		t.Error("documents in empty input")
	}
}

func TestReaderCutsLongInput(t *testing.T) {
	r := NewCoNLLReader(strings.NewReader("a\n\nb\n\nc\n"))
	r.MaxSentences = 2
	var n []int
	for {
		d, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n = append(n, len(d.Sentences))
	}
	if !reflect.DeepEqual(n, []int{2, 1}) {
		t.Errorf("sentences per document %v", n)
	}
}

// fixedTagger tags every token X.
type fixedTagger struct{}

func (fixedTagger) Tag(doc [][]string) [][]string {
	out := make([][]string, len(doc))
	for i, s := range doc {
		out[i] = make([]string, len(s))
		for k := range s {
			out[i][k] = "X"
		}
	}
	return out
}

func tagAll(t *testing.T, tg Tagger, in string) string {
	t.Helper()
	var b bytes.Buffer
	err := TagCoNLL(tg, strings.NewReader(in), func(d *Document, tags [][]string) error {
		return WriteTagged(&b, d, tags)
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteTagged(t *testing.T) {
	got := tagAll(t, fixedTagger{}, conllSample)
	want := strings.ReplaceAll(conllSample, "I-ORG\n", "I-ORG X\n")
	want = strings.ReplaceAll(want, "VBZ I-VP O\n", "VBZ I-VP O X\n")
	want = strings.ReplaceAll(want, "I-PER\n", "I-PER X\n")
	want = strings.ReplaceAll(want, "I-LOC\n", "I-LOC X\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// FuzzCoNLL checks the input side of kg tag ner: whatever the input, every
// line comes out once, in order, token lines with one more field.
func FuzzCoNLL(f *testing.F) {
	f.Add(conllSample)
	f.Add("a\n\n\n-DOCSTART-\nb c\r\n \t\nd")
	f.Add("-DOCSTART-\n-DOCSTART-\n")
	f.Fuzz(func(t *testing.T, in string) {
		var b bytes.Buffer
		err := TagCoNLL(fixedTagger{}, strings.NewReader(in), func(d *Document, tags [][]string) error {
			return WriteTagged(&b, d, tags)
		})
		if err != nil {
			return // lines over 1 MB
		}
		inLines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(in, "\r\n", "\n"), "\n"), "\n")
		if in == "" {
			inLines = nil
		}
		outLines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if b.Len() == 0 {
			outLines = nil
		}
		if len(inLines) != len(outLines) {
			t.Fatalf("%d lines in, %d out", len(inLines), len(outLines))
		}
		for i, l := range inLines {
			l = strings.TrimRight(l, "\r")
			o := outLines[i]
			if o != l && o != l+" X" {
				t.Errorf("line %d: %q became %q", i+1, l, o)
			}
			if (o == l+" X") != (!isBlank(l) && !isDocStart(l)) {
				t.Errorf("line %d: %q tagged wrongly: %q", i+1, l, o)
			}
		}
	})
}
