package eval

import (
	"bytes"
	"strings"
	"testing"
)

func TestSyntaxScores(t *testing.T) {
	var s Syntax
	gold := []SyntaxWord{
		{UPOS: "PRON", XPOS: "PRP", Head: 2, Deprel: "nsubj"},
		{UPOS: "VERB", XPOS: "VBD", Head: 0, Deprel: "root"},
		{UPOS: "NOUN", XPOS: "NN", Head: 2, Deprel: "obl:tmod"},
		{UPOS: "PUNCT", XPOS: ".", Head: 2, Deprel: "punct"},
	}
	guess := []SyntaxWord{
		{UPOS: "PRON", XPOS: "PRP", Head: 2, Deprel: "nsubj"},
		{UPOS: "VERB", XPOS: "VBN", Head: 0, Deprel: "root"},
		{UPOS: "NOUN", XPOS: "NN", Head: 2, Deprel: "obl"},   // right universal relation
		{UPOS: "PUNCT", XPOS: ".", Head: 3, Deprel: "punct"}, // punctuation counts
	}
	s.AddSentence(gold, guess)
	s.AddSentence(gold[:1], gold[:1])
	if s.Words != 5 || s.Sentences != 2 || s.UPOS != 5 || s.XPOS != 4 || s.UAS != 4 || s.LAS != 4 || s.LASFull != 3 {
		t.Errorf("counts %+v", s)
	}
	if s.ExactUAS != 1 || s.ExactLAS != 1 {
		t.Errorf("exact trees %d, %d", s.ExactUAS, s.ExactLAS)
	}
	if got := s.LASScore(); got != 80 {
		t.Errorf("LAS %v", got)
	}
	var m Syntax
	m.Merge(&s)
	m.Merge(&Syntax{})
	var b bytes.Buffer
	if err := m.ReportParse(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[len(lines)-1] != "LAS 80.00" || !strings.Contains(out, "UAS 80.00") || !strings.Contains(out, "UPOS 100.00") {
		t.Errorf("report:\n%s", out)
	}
	b.Reset()
	m.ReportPOS(&b)
	if !strings.HasSuffix(b.String(), "UPOS 100.00\n") || !strings.Contains(b.String(), "XPOS 80.00") {
		t.Errorf("POS report:\n%s", b.String())
	}
	if UniversalRel("nmod:poss") != "nmod" || UniversalRel("root") != "root" {
		t.Error("UniversalRel")
	}
}
