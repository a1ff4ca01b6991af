package ner

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"kg/ingest/perceptron"
)

// The name model: how much a word sounds like the name of a person rather
// than of a place or an organization, from the letter trigrams of the
// gazetteer's names ("Smirnovich", "Olezhek" sound like people; "Kazan"
// could be either). It is a naive Bayes classifier over trigrams with word
// boundaries; its score becomes one feature, so that names the training
// data never saw, at the start of a sentence where CoNLL's Reuters text has
// mostly companies, are still read as people.

// nameClasses are the classes of the name model: PER, LOC, ORG.
const nameClasses = 3

// nameWords counts the words of the gazetteer's names by class.
type nameWords [nameClasses]map[string]int

func (n *nameWords) add(name string, class int) {
	if n[class] == nil {
		n[class] = map[string]int{}
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		w = strings.ToLower(strings.Trim(w, ".,'’()"))
		if len(w) >= 2 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n[class][w]++
		}
	}
}

// boundaryTrigrams calls fn with the hashes of the letter trigrams of a
// word, lower-cased, with "^" and "$" at its ends ("^ka", "kaz", "aza",
// "zan", "an$").
func boundaryTrigrams(w string, fn func(h uint64)) {
	var a, b rune = -1, '^'
	for _, r := range w {
		r = unicode.ToLower(r)
		if a >= 0 {
			fn(perceptron.NewHasher().Rune(a).Rune(b).Rune(r).Sum())
		}
		a, b = b, r
	}
	if a >= 0 {
		fn(perceptron.NewHasher().Rune(a).Rune(b).Rune('$').Sum())
	}
}

// nameScale is the unit of the quantized log-odds of a trigram.
const nameScale = 0.125

// table returns the trigram table of the name model: for each trigram,
// the log-odds PER:LOC and PER:ORG, quantized to bytes and packed as
// (pl+128) | (po+128)<<8.
func (n *nameWords) table() ([]uint64, []int32) {
	var counts [nameClasses]map[uint64]float64
	var totals [nameClasses]float64
	all := map[uint64]bool{}
	for c := range nameClasses {
		counts[c] = map[uint64]float64{}
		// Sorted, so that float sums do not depend on map order.
		words := make([]string, 0, len(n[c]))
		for w := range n[c] {
			words = append(words, w)
		}
		sort.Strings(words)
		for _, w := range words {
			boundaryTrigrams(w, func(h uint64) {
				counts[c][h]++
				totals[c]++
				all[h] = true
			})
		}
	}
	v := float64(len(all))
	logp := func(c int, h uint64) float64 { return math.Log((counts[c][h] + 0.5) / (totals[c] + 0.5*v)) }
	q := func(x float64) int32 { return int32(max(-127, min(127, math.Round(x/nameScale)))) + 128 }
	m := map[uint64]int32{}
	for h := range all {
		n := counts[0][h] + counts[1][h] + counts[2][h]
		if n < 2 {
			continue
		}
		pl := logp(0, h) - logp(1, h)
		po := logp(0, h) - logp(2, h)
		m[h] = q(pl) | q(po)<<8
	}
	return sortedTable(m)
}

// nameValue is the feature value of the name model for a word: its
// log-odds PER:LOC and PER:ORG (the sums over its trigrams), in buckets.
func (lex *lexicon) nameValue(w string) uint64 {
	var pl, po, n int32
	boundaryTrigrams(w, func(h uint64) {
		if v := lex.names.Find(h); v >= 0 {
			pl += v&0xff - 128
			po += v>>8&0xff - 128
		}
		n++
	})
	if n == 0 {
		return 0
	}
	return uint64(nameBucket(float64(pl)*nameScale))<<4 | uint64(nameBucket(float64(po)*nameScale))
}

// nameBucket groups log-odds.
func nameBucket(x float64) int {
	switch {
	case x < -6:
		return 1
	case x < -3:
		return 2
	case x < -1:
		return 3
	case x < 1:
		return 4
	case x < 3:
		return 5
	case x < 6:
		return 6
	}
	return 7
}
