package ner

import (
	"strings"

	"unicode"
	"unicode/utf8"

	"kg/ingest/perceptron"
	"kg/ingest/text"
)

// Training data augmentation. CoNLL-2003 writes headlines in capitals
// ("JAPAN GET LUCKY WIN"); news sites write them in title case ("Japan Get
// Lucky Win"), which the training data never shows. Train adds, after each
// headline in capitals, the same headline in title case, with the same
// tags, cased the way the document writes each word elsewhere.

// smallWords stay in lower case inside a title.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "by": true,
	"with": true, "from": true, "as": true, "vs": true, "vs.": true, "v": true,
}

// augment returns the sentences and tags of a document with title-case
// copies of its capitalized headlines.
func augment(toks, tags [][]string) ([][]string, [][]string) {
	// How the document writes each word inside its normal sentences.
	forms := map[string]map[string]int{}
	var ts []token
	kinds := make([]uint8, len(toks))
	for s, sent := range toks {
		ts = ts[:0]
		for _, w := range sent {
			var t token
			analyze(w, &t)
			ts = append(ts, t)
		}
		kinds[s] = sentenceKind(ts)
		if kinds[s] != sentNormal {
			continue
		}
		for i, w := range sent {
			if i == 0 || ts[i].caps == capNone {
				continue
			}
			lw := strings.ToLower(w)
			if forms[lw] == nil {
				forms[lw] = map[string]int{}
			}
			forms[lw][w]++
		}
	}
	var outT, outG [][]string
	for s, sent := range toks {
		outT = append(outT, sent)
		outG = append(outG, tags[s])
		if kinds[s] != sentAllCaps || letteredTokens(sent) < 3 {
			continue
		}
		title := make([]string, len(sent))
		for i, w := range sent {
			title[i] = titleWord(w, i == 0, forms[strings.ToLower(w)])
		}
		outT = append(outT, title)
		outG = append(outG, tags[s])
	}
	return outT, outG
}

func letteredTokens(sent []string) int {
	n := 0
	for _, w := range sent {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// titleWord writes a word of a capitalized headline in title case.
func titleWord(w string, first bool, forms map[string]int) string {
	if strings.IndexFunc(w, unicode.IsLetter) < 0 {
		return w
	}
	lw := strings.ToLower(w)
	best, bestN := "", 0
	for f, n := range forms {
		if n > bestN || n == bestN && f < best {
			best, bestN = f, n
		}
	}
	switch {
	case best != "" && best == strings.ToUpper(best) && utf8.RuneCountInString(best) > 1:
		return w // an acronym
	case !first && smallWords[lw]:
		return lw
	case best != "":
		return upperFirst(best)
	}
	return upperFirst(lw)
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// titleCopies returns, for a fraction of the normal sentences of a
// document, chosen by a hash of the seed and their place, a title-case copy
// ("The European Commission Said on Thursday It Disagreed With German
// Advice"), with its tags; Train puts them in a document of their own.
func titleCopies(toks, tags [][]string, frac float64, seed uint64, doc int) ([][]string, [][]string) {
	if frac <= 0 {
		return nil, nil
	}
	var outT, outG [][]string
	var ts []token
	for s, sent := range toks {
		if len(sent) < 4 {
			continue
		}
		h := perceptron.Mix(perceptron.Mix(seed, uint64(doc)), uint64(s))
		if float64(h>>11)/(1<<53) >= frac {
			continue
		}
		ts = ts[:0]
		for _, w := range sent {
			var t token
			analyze(w, &t)
			ts = append(ts, t)
		}
		if sentenceKind(ts) != sentNormal {
			continue
		}
		title := make([]string, len(sent))
		for i, w := range sent {
			switch {
			case strings.IndexFunc(w, unicode.IsLetter) < 0, i > 0 && smallWords[strings.ToLower(w)]:
				title[i] = w
			default:
				title[i] = upperFirst(w)
			}
		}
		outT = append(outT, title)
		outG = append(outG, tags[s])
	}
	return outT, outG
}

// substitutions returns, for a fraction of the sentences of a document with
// entities, a copy in which each PER, ORG and LOC entity is replaced by a
// random name of its type from the gazetteer ("the EU" may become "the
// Islamic State"): it teaches the model to trust gazetteer matches of names
// the training data never shows. Train puts them in a document of their
// own.
func substitutions(toks, tags [][]string, names *gazNames, frac float64, seed uint64, doc int) ([][]string, [][]string) {
	if frac <= 0 || names == nil {
		return nil, nil
	}
	var outT, outG [][]string
	for s, sent := range toks {
		spans := Spans(tags[s])
		if len(spans) == 0 {
			continue
		}
		h := perceptron.Mix(perceptron.Mix(seed^0x5bd1e995, uint64(doc)), uint64(s))
		if float64(h>>11)/(1<<53) >= frac {
			continue
		}
		var nt, ng []string
		at := 0
		for k, sp := range spans {
			nt = append(nt, sent[at:sp.Start]...)
			for range sp.Start - at {
				ng = append(ng, "O")
			}
			at = sp.End
			typ := -1
			for i, t := range entityTypes {
				if t == sp.Type {
					typ = i
				}
			}
			var repl []string
			if typ >= 0 && len(names[typ]) > 0 {
				pick := perceptron.Mix(h, uint64(k))
				for _, t := range text.Tokenize(names[typ][pick%uint64(len(names[typ]))]) {
					repl = append(repl, t.Text)
				}
			}
			if len(repl) == 0 {
				repl = sent[sp.Start:sp.End]
			}
			nt = append(nt, repl...)
			for i := range repl {
				p := "I-"
				if i == 0 {
					p = "B-"
				}
				ng = append(ng, p+sp.Type)
			}
		}
		nt = append(nt, sent[at:]...)
		for range len(sent) - at {
			ng = append(ng, "O")
		}
		outT = append(outT, nt)
		outG = append(outG, ng)
	}
	return outT, outG
}
