package ner

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"kg/ingest/perceptron"
	"kg/ingest/text"
)

// Features in the spirit of Ratinov & Roth (2009), "Design challenges and
// misconceptions in named entity recognition". Every feature is a 64-bit key,
// perceptron.Mix(template, value), where value is a hash computed once per
// token; nothing is allocated per token.

// Feature groups, recorded in a model's settings so that tagging extracts
// the features the model was trained with.
const (
	featClusters    = 1 << iota // word clusters of the token and its neighbours
	featGazetteer               // gazetteer matches
	featDocCase                 // how the word is capitalized elsewhere in the document
	featHistory                 // how the word was tagged earlier in the document
	featCaseProfile             // how the word is capitalized in unlabeled news text
	featNameModel               // whether the word sounds like a person's name (namemodel.go)
)

// Feature templates. The numbers are part of the model format: add new
// ones at the end.
const (
	tBias uint64 = iota + 1
	tWord
	tLowerM2
	tLowerM1
	tLower
	tLowerP1
	tLowerP2
	tLowerBigramM1
	tLowerBigramP1
	tShapeM1
	tShape
	tShapeP1
	tShapeBigramM1
	tShapeBigramP1
	tShapeTrigram
	tPrefix1
	tPrefix2
	tPrefix3
	tPrefix4
	tSuffix1
	tSuffix2
	tSuffix3
	tSuffix4
	tLength
	tCase      // capitalization of the token in its sentence's kind and position
	tFirstWord // the lower-cased word at the start of a sentence
	tWordShapeP1
	tClusterA
	tClusterB
	tClusterC
	tClusterD
	tClusterM1
	tClusterP1
	tGaz
	tGazM1
	tGazP1
	tGazCase
	tDocCase
	tHistory
	tHistoryM1P1
	tCaseProfile
	tCaseProfileM1
	tCaseProfileP1
	tTransition
	tEnd
	tLowerCase // the lower-cased word with the capitalization class
	tClusterCase
	tPrefix5
	tSuffix5
	tTrigram // letter trigrams of capitalized words
	tNameModel
)

// affixes is the number of prefixes and suffixes (lengths 1 to affixes).
const affixes = 5

var (
	prefixTemplates = [affixes]uint64{tPrefix1, tPrefix2, tPrefix3, tPrefix4, tPrefix5}
	suffixTemplates = [affixes]uint64{tSuffix1, tSuffix2, tSuffix3, tSuffix4, tSuffix5}
)

// Capitalization classes of a token.
const (
	capNone  = iota // no letters
	capLower        // starts with a lower-case letter
	capInit         // starts with an upper-case letter and has lower-case ones
	capAll          // letters, all upper case (including single capitals)
)

// Kinds of sentence.
const (
	sentNormal = iota
	sentAllCaps
	sentTitle // title case, as in headlines
)

// Values for positions outside the sentence.
var (
	hashBOS = perceptron.Hash("<S>")
	hashEOS = perceptron.Hash("</S>")
)

// token is what the features need to know about one token.
type token struct {
	text               string // the token, normalized (text.Norm)
	word, lower, shape uint64
	title              uint64 // an all-capitals word in title case ("JAPAN" -> "Japan")
	gazKey             uint64
	pre, suf           [affixes]uint64
	length             uint8
	caps               uint8
	first              bool  // first word of its sentence (after opening punctuation)
	cluster            int32 // -1 when unknown
	profile            uint8 // capitalization in unlabeled text: 0 unknown
	docCase            uint8 // capitalization elsewhere in the document
	gaz                [4]uint32
}

// analyze fills t from the token's text.
func analyze(tok string, t *token) {
	w := text.Norm(tok)
	t.text = w
	t.word = perceptron.Hash(w)
	lower := perceptron.NewHasher()
	gaz := perceptron.NewHasher()
	shape := perceptron.NewHasher()
	var lastClass rune = -1
	n := 0
	upper, letters := 0, 0
	firstUpper, firstLetter := false, false
	for i, r := range w {
		lr := r
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
			lr = unicode.ToLower(r)
			if i == 0 {
				firstUpper = true
			}
		case unicode.IsLetter(r):
			letters++
		}
		if i == 0 && unicode.IsLetter(r) {
			firstLetter = true
		}
		lower = lower.Rune(lr)
		switch {
		case r == '.':
		case r == '-' || r == '‐':
			gaz = gaz.Byte(' ')
		default:
			gaz = gaz.Rune(foldDiacritic(lr))
		}
		if n < affixes {
			t.pre[n] = lower.Sum()
		}
		n++
		c := shapeClass(r)
		if c != lastClass {
			shape = shape.Rune(c)
			lastClass = c
		}
	}
	for k := n; k < affixes; k++ {
		t.pre[k] = 0
	}
	t.lower = lower.Sum()
	t.gazKey = gaz.Sum()
	t.shape = shape.Sum()
	t.length = uint8(min(n, 255))
	// Suffixes: the last k runes, lower-cased.
	end := len(w)
	start := end
	for k := range affixes {
		if start == 0 {
			t.suf[k] = 0
			continue
		}
		_, size := utf8.DecodeLastRuneInString(w[:start])
		start -= size
		t.suf[k] = perceptron.NewHasher().Lower(w[start:end]).Sum()
	}
	switch {
	case letters == 0:
		t.caps = capNone
	case upper == letters:
		t.caps = capAll
	case firstUpper:
		t.caps = capInit
	case firstLetter:
		t.caps = capLower
	default:
		// Starts with a digit or a symbol: classify by its letters.
		if upper > 0 {
			t.caps = capInit
		} else {
			t.caps = capLower
		}
	}
	t.title = 0
	if t.caps == capAll {
		r, size := utf8.DecodeRuneInString(w)
		t.title = perceptron.NewHasher().Rune(r).Lower(w[size:]).Sum()
	}
	t.cluster = -1
	t.profile = 0
	t.docCase = 0
	t.gaz = [4]uint32{}
}

func shapeClass(r rune) rune {
	switch {
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return r
}

// lengthBucket groups word lengths.
func lengthBucket(n uint8) uint64 {
	switch {
	case n <= 4:
		return uint64(n)
	case n <= 6:
		return 5
	case n <= 9:
		return 6
	}
	return 7
}

// openers are tokens after which a capital does not say much, like at the
// start of a sentence.
func isOpener(tok string) bool {
	switch tok {
	case "``", `"`, "'", "“", "‘", "(", "[", "-", "--", ":", "—", "–":
		return true
	}
	return false
}

// sentenceKind classifies a sentence: all capitals (CoNLL headlines and
// datelines), title case (headlines of news sites), or normal.
func sentenceKind(toks []token) uint8 {
	lettered, all, initOrAll, lowerLong := 0, 0, 0, 0
	for i := range toks {
		t := &toks[i]
		switch t.caps {
		case capNone:
			continue
		case capAll:
			all++
			initOrAll++
		case capInit:
			initOrAll++
		case capLower:
			if t.length > 3 {
				lowerLong++
			}
		}
		lettered++
	}
	switch {
	case lettered == 0:
		return sentNormal
	case all == lettered:
		return sentAllCaps
	case initOrAll >= 3 && lowerLong == 0:
		return sentTitle
	}
	return sentNormal
}

// keyer extracts the static features of the tokens of one sentence.
type keyer struct {
	flags uint32
	lex   *lexicon
}

func tokAt(toks []token, i int) *token {
	if i < 0 || i >= len(toks) {
		return nil
	}
	return &toks[i]
}

func lowerAt(toks []token, i int) uint64 {
	switch {
	case i < 0:
		return hashBOS
	case i >= len(toks):
		return hashEOS
	}
	return toks[i].lower
}

func shapeAt(toks []token, i int) uint64 {
	switch {
	case i < 0:
		return hashBOS
	case i >= len(toks):
		return hashEOS
	}
	return toks[i].shape
}

// appendKeys appends the static feature keys of token i of a sentence of
// the given kind.
func (k *keyer) appendKeys(dst []uint64, toks []token, i int, kind uint8) []uint64 {
	return k.appendContextKeys(k.appendWordKeys(dst, toks, i, kind), toks, i, kind)
}

// appendWordKeys appends the features that identify the word itself.
func (k *keyer) appendWordKeys(dst []uint64, toks []token, i int, kind uint8) []uint64 {
	mix := perceptron.Mix
	t := &toks[i]
	dst = append(dst,
		mix(tWord, t.word),
		mix(tLower, t.lower),
		mix(mix(tLowerBigramM1, lowerAt(toks, i-1)), t.lower),
		mix(mix(tLowerBigramP1, t.lower), lowerAt(toks, i+1)),
		mix(mix(tLowerCase, t.lower), uint64(t.caps)|uint64(kind)<<4),
		mix(mix(tWordShapeP1, t.lower), shapeAt(toks, i+1)),
	)
	for n := 3; n < affixes; n++ {
		if t.pre[n] != 0 {
			dst = append(dst, mix(prefixTemplates[n], t.pre[n]))
		}
		if t.suf[n] != 0 {
			dst = append(dst, mix(suffixTemplates[n], t.suf[n]))
		}
	}
	if t.first {
		dst = append(dst, mix(tFirstWord, t.lower))
	}
	return dst
}

// appendContextKeys appends the other static features: the context,
// shapes, short affixes, capitalization, document and lexicon features.
func (k *keyer) appendContextKeys(dst []uint64, toks []token, i int, kind uint8) []uint64 {
	mix := perceptron.Mix
	t := &toks[i]
	dst = append(dst,
		mix(tBias, 0),
		mix(tLowerM2, lowerAt(toks, i-2)),
		mix(tLowerM1, lowerAt(toks, i-1)),
		mix(tLowerP1, lowerAt(toks, i+1)),
		mix(tLowerP2, lowerAt(toks, i+2)),
		mix(tShapeM1, shapeAt(toks, i-1)),
		mix(tShape, t.shape),
		mix(tShapeP1, shapeAt(toks, i+1)),
		mix(mix(tShapeBigramM1, shapeAt(toks, i-1)), t.shape),
		mix(mix(tShapeBigramP1, t.shape), shapeAt(toks, i+1)),
		mix(mix(mix(tShapeTrigram, shapeAt(toks, i-1)), t.shape), shapeAt(toks, i+1)),
		mix(tLength, lengthBucket(t.length)),
		mix(tCase, uint64(t.caps)|uint64(kind)<<4|b2u(t.first)<<8),
	)
	for n := range 3 {
		if t.pre[n] != 0 {
			dst = append(dst, mix(prefixTemplates[n], t.pre[n]))
		}
		if t.suf[n] != 0 {
			dst = append(dst, mix(suffixTemplates[n], t.suf[n]))
		}
	}
	if t.docCase != 0 {
		dst = append(dst, mix(tDocCase, uint64(t.docCase)|uint64(kind)<<4|b2u(t.first)<<8))
	}
	if t.caps == capInit || t.caps == capAll {
		dst = appendTrigrams(dst, t.text)
	}
	return k.appendLexiconKeys(dst, toks, i, kind)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// appendTrigrams appends the letter trigrams of a word, lower-cased: "Smirnovich"
// has "smi", "mir", ..., "ich". They let the model tell names of people
// from those of places and organizations by their sound.
func appendTrigrams(dst []uint64, w string) []uint64 {
	var a, b rune = -1, -1
	for _, r := range w {
		r = unicode.ToLower(r)
		if a >= 0 {
			dst = append(dst, perceptron.Mix(tTrigram, perceptron.NewHasher().Rune(a).Rune(b).Rune(r).Sum()))
		}
		a, b = b, r
	}
	return dst
}

// foldDiacritic maps a lower-case Latin letter with a diacritic to the
// letter without it ('é' -> 'e'), for gazetteer keys.
func foldDiacritic(r rune) rune {
	if r >= 0xC0 && int(r-0xC0) < len(diacriticFold) {
		if f := diacriticFold[r-0xC0]; f != 0 {
			return f
		}
	}
	return r
}

// diacriticFold maps U+00C0 to U+024F to base letters, from their Unicode
// decompositions.
var diacriticFold = func() []rune {
	t := make([]rune, 0x250-0xC0)
	for r := rune(0xC0); r < 0x250; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) < 2 || d[0] >= 0x80 || !unicode.IsLetter(d[0]) {
			continue
		}
		ok := true
		for _, m := range d[1:] {
			ok = ok && unicode.Is(unicode.Mn, m)
		}
		if ok {
			t[r-0xC0] = d[0]
		}
	}
	return t
}()
