package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// SyntaxWord is what a tagger and a parser say about one word: its tags,
// its head (the number of the head word, from 1; 0 for the root) and its
// dependency relation.
type SyntaxWord struct {
	UPOS, XPOS string
	Head       int
	Deprel     string
}

// Syntax scores part-of-speech tags and dependency trees over words of a
// gold tokenization, the way the CoNLL 2018 shared task's script
// (conll18_ud_eval.py) counts them when the tokenization is the gold one:
// every word counts, punctuation included; UAS is the share of words with
// the right head, LAS of words with the right head and the right universal
// relation (the part of DEPREL before any ':' subtype, so "obl:tmod" is
// "obl"). LAS with full relations, subtypes included, is reported too.
//
// The zero value is ready to use.
type Syntax struct {
	Words, Sentences     int
	UPOS, XPOS, UPOSXPOS int // words with the right tags
	UAS, LAS, LASFull    int // words with the right head (and relation)
	ExactUAS, ExactLAS   int // sentences whose every word is right
	rels                 map[string]*relCount
}

type relCount struct{ gold, guessed, correct int }

// AddSentence adds a sentence's gold and guessed words (of equal length).
func (s *Syntax) AddSentence(gold, guess []SyntaxWord) {
	s.Sentences++
	allU, allL := true, true
	for i, g := range gold {
		var p SyntaxWord
		if i < len(guess) {
			p = guess[i]
		}
		s.Words++
		if g.UPOS == p.UPOS {
			s.UPOS++
		}
		if g.XPOS == p.XPOS {
			s.XPOS++
		}
		if g.UPOS == p.UPOS && g.XPOS == p.XPOS {
			s.UPOSXPOS++
		}
		gr, pr := UniversalRel(g.Deprel), UniversalRel(p.Deprel)
		s.rel(gr).gold++
		s.rel(pr).guessed++
		if g.Head == p.Head {
			s.UAS++
			if gr == pr {
				s.LAS++
				s.rel(gr).correct++
			} else {
				allL = false
			}
			if g.Deprel == p.Deprel {
				s.LASFull++
			}
		} else {
			allU, allL = false, false
		}
	}
	if allU {
		s.ExactUAS++
	}
	if allL {
		s.ExactLAS++
	}
}

func (s *Syntax) rel(r string) *relCount {
	if s.rels == nil {
		s.rels = map[string]*relCount{}
	}
	c := s.rels[r]
	if c == nil {
		c = &relCount{}
		s.rels[r] = c
	}
	return c
}

// Merge adds the counts of o.
func (s *Syntax) Merge(o *Syntax) {
	s.Words += o.Words
	s.Sentences += o.Sentences
	s.UPOS += o.UPOS
	s.XPOS += o.XPOS
	s.UPOSXPOS += o.UPOSXPOS
	s.UAS += o.UAS
	s.LAS += o.LAS
	s.LASFull += o.LASFull
	s.ExactUAS += o.ExactUAS
	s.ExactLAS += o.ExactLAS
	for r, c := range o.rels {
		d := s.rel(r)
		d.gold += c.gold
		d.guessed += c.guessed
		d.correct += c.correct
	}
}

// UniversalRel is the universal part of a dependency relation: "obl" for
// "obl:tmod".
func UniversalRel(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

func percent(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// UPOSAccuracy is the share of words with the right UPOS, in percent.
func (s *Syntax) UPOSAccuracy() float64 { return percent(s.UPOS, s.Words) }

// XPOSAccuracy is the share of words with the right XPOS, in percent.
func (s *Syntax) XPOSAccuracy() float64 { return percent(s.XPOS, s.Words) }

// UASScore is the unlabeled attachment score, in percent.
func (s *Syntax) UASScore() float64 { return percent(s.UAS, s.Words) }

// LASScore is the labeled attachment score (universal relations), in
// percent.
func (s *Syntax) LASScore() float64 { return percent(s.LAS, s.Words) }

// ReportPOS prints the tagging figures; the last line is "UPOS NN.NN".
func (s *Syntax) ReportPOS(w io.Writer) error {
	_, err := fmt.Fprintf(w, "sentences %d, words %d\nXPOS %.2f\nUPOS+XPOS %.2f\nUPOS %.2f\n",
		s.Sentences, s.Words, s.XPOSAccuracy(), percent(s.UPOSXPOS, s.Words), s.UPOSAccuracy())
	return err
}

// ReportParse prints the parsing figures with the tagging ones and the
// scores of each relation; the last line is "LAS NN.NN".
func (s *Syntax) ReportParse(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "relation\tgold\tguessed\tprecision\trecall\tF1\t\n")
	rels := make([]string, 0, len(s.rels))
	for r := range s.rels {
		rels = append(rels, r)
	}
	sort.Slice(rels, func(i, j int) bool {
		a, b := s.rels[rels[i]], s.rels[rels[j]]
		if a.gold != b.gold {
			return a.gold > b.gold
		}
		return rels[i] < rels[j]
	})
	for _, r := range rels {
		c := s.rels[r]
		if c.gold == 0 {
			continue
		}
		p, rc := percent(c.correct, c.guessed), percent(c.correct, c.gold)
		f := 0.0
		if p+rc > 0 {
			f = 2 * p * rc / (p + rc)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.2f\t%.2f\t\n", r, c.gold, c.guessed, p, rc, f)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "sentences %d, words %d (punctuation included)\nUPOS %.2f\nXPOS %.2f\n"+
		"exact trees %.2f (unlabeled %.2f)\nLAS with subtypes %.2f\nUAS %.2f\nLAS %.2f\n",
		s.Sentences, s.Words, s.UPOSAccuracy(), s.XPOSAccuracy(),
		percent(s.ExactLAS, s.Sentences), percent(s.ExactUAS, s.Sentences),
		percent(s.LASFull, s.Words), s.UASScore(), s.LASScore())
	return err
}
