package ner

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"kg/ingest/text"
)

// CaseProfile counts how words are capitalized inside the normal sentences
// of unlabeled text (not at the start of a sentence, nor in headlines in
// capitals or title case): "tells" is nearly always written in lower case,
// "Putin" never. A model uses the counts to read capitals where they say
// little, in title-case headlines.
type CaseProfile struct {
	counts map[string]*[3]int // lower-cased word -> lower, capitalized, all capitals
	toks   []token
}

// NewCaseProfile returns an empty profile.
func NewCaseProfile() *CaseProfile { return &CaseProfile{counts: map[string]*[3]int{}} }

// Add counts the words of a sentence.
func (p *CaseProfile) Add(sentence []string) {
	p.toks = p.toks[:0]
	first := true
	for _, w := range sentence {
		var t token
		analyze(w, &t)
		t.first = first
		first = first && isOpener(w)
		p.toks = append(p.toks, t)
	}
	if sentenceKind(p.toks) != sentNormal {
		return
	}
	for i, w := range sentence {
		t := &p.toks[i]
		if t.first || t.caps == capNone {
			continue
		}
		k := strings.ToLower(text.Norm(w))
		c := p.counts[k]
		if c == nil {
			c = &[3]int{}
			p.counts[k] = c
		}
		switch t.caps {
		case capLower:
			c[0]++
		case capInit:
			c[1]++
		case capAll:
			c[2]++
		}
	}
}

// Write writes the words seen at least min times, sorted:
// "word<TAB>lower<TAB>capitalized<TAB>capitals" lines.
func (p *CaseProfile) Write(w io.Writer, min int) error {
	words := make([]string, 0, len(p.counts))
	for k, c := range p.counts {
		if c[0]+c[1]+c[2] >= min && !strings.ContainsAny(k, "\t\n") {
			words = append(words, k)
		}
	}
	sort.Strings(words)
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# word\tlower\tcapitalized\tcapitals")
	for _, k := range words {
		c := p.counts[k]
		fmt.Fprintf(bw, "%s\t%d\t%d\t%d\n", k, c[0], c[1], c[2])
	}
	return bw.Flush()
}
