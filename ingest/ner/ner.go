// Package ner finds named entities in tokenized sentences. A Tagger assigns
// BIO tags (O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC) to
// every token of a document, sentence by sentence; Spans turns tags into
// token ranges.
package ner

import "strings"

// Tagger tags the tokens of a document. doc[i] are the tokens of sentence i;
// the result has one tag per token. Implementations are safe for concurrent use.
type Tagger interface {
	Tag(doc [][]string) [][]string
}

// Span is an entity found in a sentence: tokens [Start, End) with a type
// (PER, ORG, LOC or MISC).
type Span struct {
	Start, End int
	Type       string
}

// Spans reads the entity spans of one sentence's tags. It accepts IOB1 and
// IOB2 (an I- tag after O or after another type starts a span) and BILOU.
func Spans(tags []string) []Span {
	var out []Span
	cur := -1
	typ := ""
	closeSpan := func(end int) {
		if cur >= 0 {
			out = append(out, Span{Start: cur, End: end, Type: typ})
		}
		cur, typ = -1, ""
	}
	for i, t := range tags {
		prefix, ty, _ := strings.Cut(t, "-")
		switch {
		case t == "O" || t == "" || ty == "":
			closeSpan(i)
		case prefix == "B" || prefix == "U" || prefix == "S" || ty != typ || cur < 0:
			closeSpan(i)
			cur, typ = i, ty
		}
		if prefix == "L" || prefix == "E" || prefix == "U" || prefix == "S" {
			closeSpan(i + 1)
		}
	}
	closeSpan(len(tags))
	return out
}
