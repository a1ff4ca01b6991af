package pos

import (
	"unicode"
	"unicode/utf8"

	"kg/ingest/perceptron"
)

// word is what the features know of a word, computed once per sentence.
type word struct {
	norm   uint64    // the normalized form: lower case, digits as 0
	form   uint64    // the form as it is, digits as 0
	suf    [5]uint64 // the last 1..5 characters of norm (0 when shorter)
	pre    [3]uint64 // the first 1..3 characters
	shape  uint64    // character classes, runs collapsed: "Xx", "d,d", "X.X."
	last   uint64    // the part after the last hyphen of a hyphenated word, else 0
	amb    uint64    // the word's ambiguity class in the tag dictionary (0: none)
	flags  uint64    // wordTitle, wordUpper, wordDigit, wordHyphen, wordFirst
	clus   uint64    // the word's cluster path with a leading 1 (0: none)
	kind   uint64    // the sentence's kind (sentNormal, ...)
	prof   uint64    // the word's capitalization profile (0: none)
	caps   uint8     // capNone, capLower, capInit, capAll
	length uint64
}

const (
	wordTitle = 1 << iota
	wordUpper
	wordDigit
	wordHyphen
	wordFirst
)

// Capitalization of a word, for sentenceKind.
const (
	capNone  = iota // no letters
	capLower        // no capital
	capInit         // a capital first
	capAll          // capitals only (two letters or more)
)

// Kinds of sentences: capitalization means little in a headline in title
// case or in a sentence all in lower case or capitals.
const (
	sentNormal = iota + 1
	sentTitle
	sentLower
	sentCaps
)

// sentenceKind returns the kind of a sentence of analyzed words.
func sentenceKind(ws []word) uint64 {
	lettered, all, initOrAll, lower, lowerLong := 0, 0, 0, 0, 0
	for i := range ws {
		w := &ws[i]
		switch w.caps {
		case capNone:
			continue
		case capAll:
			all++
			initOrAll++
		case capInit:
			initOrAll++
		case capLower:
			lower++
			if w.length > 3 {
				lowerLong++
			}
		}
		lettered++
	}
	switch {
	case lettered == 0:
		return sentNormal
	case all == lettered && lettered > 1:
		return sentCaps
	case initOrAll >= 3 && lowerLong == 0:
		return sentTitle
	case lower == lettered && lettered >= 3:
		return sentLower
	}
	return sentNormal
}

// padding words stand before the first word and after the last.
var (
	padBefore = word{clus: 2, norm: perceptron.Hash("<s>"), form: perceptron.Hash("<s>"), shape: perceptron.Hash("<s>"), amb: 1}
	padAfter  = word{clus: 3, norm: perceptron.Hash("</s>"), form: perceptron.Hash("</s>"), shape: perceptron.Hash("</s>"), amb: 2}
)

// analyze fills w for the form s (already normalized with text.Norm).
func analyze(s string, w *word) {
	*w = word{}
	norm := perceptron.NewHasher()
	form := perceptron.NewHasher()
	shape := perceptron.NewHasher()
	var lastClass rune = -1
	// Runes of the normalized form, for suffixes and prefixes: keep the
	// last four and the first three.
	var tail [5]rune
	var head [3]rune
	n := 0
	lastHyphen := -1
	letters, uppers := 0, 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var class rune
		switch {
		case r >= '0' && r <= '9':
			class = 'd'
			w.flags |= wordDigit
			r = '0'
		case r >= 'a' && r <= 'z':
			class = 'x'
			letters++
		case r >= 'A' && r <= 'Z':
			class = 'X'
			letters++
			uppers++
			r += 'a' - 'A'
		case r < utf8.RuneSelf:
			class = r
			if r == '-' && i > 0 && i+1 < len(s) {
				w.flags |= wordHyphen
				lastHyphen = i
			}
		case unicode.IsUpper(r):
			class = 'X'
			letters++
			uppers++
			r = unicode.ToLower(r)
		case unicode.IsLetter(r):
			class = 'x'
			letters++
		case unicode.IsDigit(r):
			class = 'd'
			w.flags |= wordDigit
		default:
			class = r
		}
		if class == 'X' {
			form = form.Rune(unicode.ToUpper(r))
		} else {
			form = form.Rune(r)
		}
		if class != lastClass {
			shape = shape.Rune(class)
			lastClass = class
		}
		norm = norm.Rune(r)
		if n < 3 {
			head[n] = r
		}
		copy(tail[:], tail[1:])
		tail[4] = r
		n++
		i += size
	}
	w.norm = norm.Sum()
	w.form = form.Sum()
	w.shape = shape.Sum()
	w.length = uint64(min(n, 12))
	if letters > 0 && uppers == letters && letters > 1 {
		w.flags |= wordUpper
	} else if uppers > 0 && s[0] >= 'A' && s[0] <= 'Z' || uppers == 1 && letters == 1 {
		w.flags |= wordTitle
	}
	switch {
	case letters == 0:
		w.caps = capNone
	case w.flags&wordUpper != 0:
		w.caps = capAll
	case w.flags&wordTitle != 0:
		w.caps = capInit
	default:
		w.caps = capLower
	}
	for k := 1; k <= 5 && k <= n; k++ {
		h := perceptron.NewHasher()
		for _, r := range tail[5-k:] {
			h = h.Rune(r)
		}
		w.suf[k-1] = h.Sum()
	}
	for k := 1; k <= 3 && k <= n; k++ {
		h := perceptron.NewHasher()
		for _, r := range head[:k] {
			h = h.Rune(r)
		}
		w.pre[k-1] = h.Sum()
	}
	if lastHyphen >= 0 {
		w.last = perceptron.NewHasher().Lower(s[lastHyphen+1:]).Sum()
	}
}

// Feature templates. Their numbers are part of the model: change them and
// bump settingsVersion.
const (
	tBias uint64 = iota + 1
	tWord
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre2
	tPre3
	tShape
	tFlags
	tFirstShape
	tLength
	tHyphenLast
	tPrevWord
	tPrev2Word
	tNextWord
	tNext2Word
	tPrevSuf3
	tNextSuf3
	tPrevShape
	tNextShape
	tPrevWordWord
	tWordNextWord
	tAmb
	tNextAmb
	tNext2Amb
	tAmbNextAmb
	tPrevTag
	tPrev2Tag
	tPrevTags
	tPrevTagWord
	tPrevTagAmb
	tPrevTagNextAmb
	tPrevTagSuf3
	tPrevTagNextWord
	tPrevTagsWord
	tForm
	tPrevTagShape
	tShapeNextShape
	tPrevShapeShape
	tNextSuf2
	tAmbFlags
	tNextForm
	tPrevForm
	tClus4
	tClus6
	tClus10
	tClus
	tPrevClus4
	tPrevClus
	tNextClus4
	tNextClus
	tNext2Clus
	tSuf5
	tKindShape
	tKindFlags
	tKindWord
	tProf
	tProfShape
	tProfKind
	tProfFirst
	tNextProf
	tPrevProf
	tSuf3Caps
	tClus6Caps
	tPre1Suf3
)

// staticKeys appends the keys of the features of word i that do not depend
// on the tags before it. ws holds two padding words on each side: word i of
// the sentence is ws[i+2].
func staticKeys(keys []uint64, ws []word, i int, clusters, profile bool) []uint64 {
	keys = localKeys(keys, &ws[i+2], clusters, profile)
	return contextKeys(keys, ws, i, clusters, profile)
}

// localKey identifies what localKeys depends on: the form (which gives the
// normalized form, shape, affixes and the lexicon entries), the flags and
// the sentence's kind.
func (w *word) localKey() uint64 {
	return perceptron.Mix(perceptron.Mix(w.form, w.flags), w.kind)
}

// localKeys appends the keys of the features of a word alone (see
// localKey), which a tagger may cache.
func localKeys(keys []uint64, w *word, clusters, profile bool) []uint64 {
	mix := perceptron.Mix
	keys = append(keys,
		tBias,
		mix(tWord, w.norm),
		mix(tShape, w.shape),
		mix(tFlags, w.flags),
		mix(tFirstShape, w.shape^w.flags&wordFirst),
		mix(tLength, w.length),
		mix(tAmb, w.amb),
		mix(tForm, w.form),
		mix(mix(tAmbFlags, w.amb), w.flags),
		mix(mix(tKindShape, w.kind), w.shape),
		mix(mix(tKindFlags, w.kind), w.flags),
		mix(mix(tKindWord, w.kind), w.norm),
		// Capitalization with the suffix, and the first letter with the
		// suffix: "Partners" and "partners", "Scholars" and "scholars"
		// (PROPN or NOUN) are told apart better by the two together.
		mix(mix(tSuf3Caps, w.suf[2]), w.flags&(wordTitle|wordUpper|wordFirst)),
		mix(mix(tPre1Suf3, w.pre[0]), w.suf[2]),
	)
	for k, t := range [5]uint64{tSuf1, tSuf2, tSuf3, tSuf4, tSuf5} {
		if w.suf[k] != 0 {
			keys = append(keys, mix(t, w.suf[k]))
		}
	}
	for k, t := range [3]uint64{tPre1, tPre2, tPre3} {
		if w.pre[k] != 0 {
			keys = append(keys, mix(t, w.pre[k]))
		}
	}
	if w.last != 0 {
		keys = append(keys, mix(tHyphenLast, w.last))
	}
	if profile {
		keys = append(keys,
			mix(tProf, w.prof),
			mix(mix(tProfShape, w.prof), w.shape),
			mix(mix(mix(tProfKind, w.prof), w.kind), w.flags&(wordTitle|wordUpper)),
			mix(mix(tProfFirst, w.prof), w.flags&(wordTitle|wordUpper|wordFirst)),
		)
	}
	if clusters {
		keys = append(keys,
			mix(tClus4, clusterPrefix(w.clus, 4)),
			mix(tClus6, clusterPrefix(w.clus, 6)),
			mix(tClus10, clusterPrefix(w.clus, 10)),
			mix(tClus, w.clus),
			mix(mix(tClus6Caps, clusterPrefix(w.clus, 6)), w.flags&(wordTitle|wordUpper|wordFirst)),
		)
	}
	return keys
}

// contextKeys appends the keys of the static features of word i that
// involve the words around it.
func contextKeys(keys []uint64, ws []word, i int, clusters, profile bool) []uint64 {
	mix := perceptron.Mix
	w := &ws[i+2]
	p1, p2, n1, n2 := &ws[i+1], &ws[i], &ws[i+3], &ws[i+4]
	keys = append(keys,
		mix(tPrevWord, p1.norm),
		mix(tPrev2Word, p2.norm),
		mix(tNextWord, n1.norm),
		mix(tNext2Word, n2.norm),
		mix(tPrevSuf3, p1.suf[2]),
		mix(tNextSuf3, n1.suf[2]),
		mix(tPrevShape, p1.shape),
		mix(tNextShape, n1.shape),
		mix(mix(tPrevWordWord, p1.norm), w.norm),
		mix(mix(tWordNextWord, w.norm), n1.norm),
		mix(tNextAmb, n1.amb),
		mix(tNext2Amb, n2.amb),
		mix(mix(tAmbNextAmb, w.amb), n1.amb),
		mix(mix(tShapeNextShape, w.shape), n1.shape),
		mix(mix(tPrevShapeShape, p1.shape), w.shape),
		mix(tNextSuf2, n1.suf[1]),
		mix(tNextForm, n1.form),
		mix(tPrevForm, p1.form),
	)
	if profile {
		keys = append(keys,
			mix(mix(tNextProf, n1.prof), n1.flags&(wordTitle|wordUpper)),
			mix(mix(tPrevProf, p1.prof), p1.flags&(wordTitle|wordUpper|wordFirst)),
		)
	}
	if clusters {
		keys = append(keys,
			mix(tPrevClus4, clusterPrefix(p1.clus, 4)),
			mix(tPrevClus, p1.clus),
			mix(tNextClus4, clusterPrefix(n1.clus, 4)),
			mix(tNextClus, n1.clus),
			mix(tNext2Clus, n2.clus),
		)
	}
	return keys
}

// dynamicKeys appends the keys of the features of word i that depend on
// the tags of the two words before it (label ids; -1 and -2 stand for the
// padding before the sentence).
func dynamicKeys(keys []uint64, ws []word, i int, t1, t2 int) []uint64 {
	mix := perceptron.Mix
	w, n1 := &ws[i+2], &ws[i+3]
	a, b := uint64(t1+2), uint64(t2+2)
	return append(keys,
		mix(tPrevTag, a),
		mix(tPrev2Tag, b),
		mix(mix(tPrevTags, a), b),
		mix(mix(tPrevTagWord, a), w.norm),
		mix(mix(tPrevTagAmb, a), w.amb),
		mix(mix(tPrevTagNextAmb, a), n1.amb),
		mix(mix(tPrevTagSuf3, a), w.suf[2]),
		mix(mix(tPrevTagNextWord, a), n1.norm),
		mix(mix(mix(tPrevTagsWord, a), b), w.norm),
		mix(mix(tPrevTagShape, a), w.shape),
	)
}

// Features of the second pass: the tags the first pass gave the word and
// the words after it (label ids; -3 stands for the padding after the
// sentence).
const (
	tStack0 uint64 = iota + 100
	tStack1
	tStack2
	tStack12
	tStack01
	tStack1Word
	tStack0Word
	tPrevStack1
	tPrevStack01
	tStackM1
	tStack1Suf3
)

// stackKeys appends the keys of the second pass's features of word i:
// first holds the first pass's tags.
func stackKeys(keys []uint64, ws []word, i int, first []uint8, t1 int) []uint64 {
	mix := perceptron.Mix
	tag := func(j int) uint64 {
		if j < 0 {
			return 0
		}
		if j >= len(first) {
			return 1
		}
		return uint64(first[j]) + 2
	}
	w := &ws[i+2]
	s0, s1, s2, sm := tag(i), tag(i+1), tag(i+2), tag(i-1)
	a := uint64(t1 + 2)
	return append(keys,
		mix(tStack0, s0),
		mix(tStack1, s1),
		mix(tStack2, s2),
		mix(mix(tStack12, s1), s2),
		mix(mix(tStack01, s0), s1),
		mix(mix(tStack1Word, s1), w.norm),
		mix(mix(tStack0Word, s0), w.norm),
		mix(mix(tPrevStack1, a), s1),
		mix(mix(mix(tPrevStack01, a), s0), s1),
		mix(tStackM1, sm),
		mix(mix(tStack1Suf3, s1), w.suf[2]),
	)
}
