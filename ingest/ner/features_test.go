package ner

import (
	"slices"
	"strings"
	"testing"

	"kg/ingest/perceptron"
)

func TestAnalyze(t *testing.T) {
	for _, tc := range []struct {
		tok   string
		caps  uint8
		shape string
	}{
		{"Paris", capInit, "Xx"},
		{"U.S.", capAll, "X.X."},
		{"1996-08-22", capNone, "d-d-d"},
		{"McDonald", capInit, "XxXx"},
		{"eBay", capLower, "xXx"},
		{"ISIS", capAll, "X"},
		{"said", capLower, "x"},
		{"Éric", capInit, "Xx"},
		{"3M", capAll, "dX"},
		{",", capNone, ","},
	} {
		var tk token
		analyze(tc.tok, &tk)
		if tk.caps != tc.caps {
			t.Errorf("%s: caps %d, want %d", tc.tok, tk.caps, tc.caps)
		}
		if tk.shape != perceptron.Hash(tc.shape) {
			t.Errorf("%s: shape is not %q", tc.tok, tc.shape)
		}
		if tk.word != perceptron.Hash(tc.tok) || tk.lower != perceptron.HashLower(tc.tok) {
			t.Errorf("%s: word hashes", tc.tok)
		}
	}
	var tk token
	analyze("Reuters", &tk)
	for n, want := range []string{"r", "re", "reu", "reut", "reute"} {
		if tk.pre[n] != perceptron.Hash(want) {
			t.Errorf("prefix %d is not %q", n+1, want)
		}
	}
	for n, want := range []string{"s", "rs", "ers", "ters", "uters"} {
		if tk.suf[n] != perceptron.Hash(want) {
			t.Errorf("suffix %d is not %q", n+1, want)
		}
	}
	analyze("ab", &tk)
	if tk.pre[2] != 0 || tk.suf[2] != 0 || tk.pre[1] != perceptron.Hash("ab") {
		t.Error("affixes of a short word")
	}
	var want []uint64
	for _, g := range []string{"smi", "mir", "irn", "rno", "nov"} {
		want = append(want, perceptron.Mix(tTrigram, perceptron.Hash(g)))
	}
	if got := appendTrigrams(nil, "Smirnov"); !slices.Equal(got, want) {
		t.Error("trigrams of Smirnov")
	}
	if foldDiacritic('é') != 'e' || foldDiacritic('ł') != 'ł' && foldDiacritic('ñ') != 'n' || foldDiacritic('x') != 'x' {
		t.Error("foldDiacritic")
	}
	// Typographic quotes are read as CoNLL writes them; periods do not count
	// in gazetteer keys.
	var a, b token
	analyze("’s", &a)
	analyze("'s", &b)
	if a.word != b.word {
		t.Error("’s and 's differ")
	}
	analyze("U.S.", &a)
	analyze("US", &b)
	if a.gazKey != b.gazKey || a.word == b.word {
		t.Error("gazetteer keys of U.S. and US")
	}
	analyze("JAPAN", &a)
	analyze("Japan", &b)
	if a.title != b.word {
		t.Error("the title-case form of JAPAN is not Japan")
	}
}

func analyzed(words ...string) []token {
	out := make([]token, len(words))
	for i, w := range words {
		analyze(w, &out[i])
	}
	return out
}

func TestSentenceKind(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want uint8
	}{
		{"SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", sentAllCaps},
		{"BRUSSELS 1996-08-22", sentAllCaps},
		{"Putin Tells Western Leaders : Let 's Bury Our Differences and ...", sentTitle},
		{"Putin said on Friday that he was ready .", sentNormal},
		{"Peter Blackburn", sentNormal},
		{"1-0 2-1", sentNormal},
	} {
		if got := sentenceKind(analyzed(strings.Fields(tc.s)...)); got != tc.want {
			t.Errorf("%q: kind %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestKeys(t *testing.T) {
	k := keyer{}
	toks := analyzed("Putin", "met", "Merkel")
	toks[0].first = true
	keys := k.appendKeys(nil, toks, 1, sentNormal)
	has := func(key uint64) bool { return slices.Contains(keys, key) }
	mix := perceptron.Mix
	for name, key := range map[string]uint64{
		"word":        mix(tWord, perceptron.Hash("met")),
		"previous":    mix(tLowerM1, perceptron.Hash("putin")),
		"next":        mix(tLowerP1, perceptron.Hash("merkel")),
		"two back":    mix(tLowerM2, hashBOS),
		"two ahead":   mix(tLowerP2, hashEOS),
		"shape":       mix(tShape, perceptron.Hash("x")),
		"next shape":  mix(tShapeP1, perceptron.Hash("Xx")),
		"suffix":      mix(tSuffix2, perceptron.Hash("et")),
		"bias":        mix(tBias, 0),
		"lower+shape": mix(mix(tWordShapeP1, perceptron.Hash("met")), perceptron.Hash("Xx")),
	} {
		if !has(key) {
			t.Errorf("no %s feature", name)
		}
	}
	if again := k.appendKeys(nil, toks, 1, sentNormal); !slices.Equal(keys, again) {
		t.Error("keys differ from one call to the next")
	}
	// The first word knows it is first.
	first := k.appendKeys(nil, toks, 0, sentNormal)
	if !slices.Contains(first, mix(tFirstWord, perceptron.Hash("putin"))) {
		t.Error("no first-word feature")
	}
}

func TestDocumentFeatures(t *testing.T) {
	k := keyer{flags: featDocCase}
	st := &docState{}
	st.prepare(&k, [][]string{
		strings.Fields("JAPAN GET LUCKY WIN"),
		strings.Fields("In Tokyo , Japan had a lucky win ."),
	})
	h := st.sentence(0)
	if h[0].docCase&seenInit == 0 {
		t.Error("JAPAN: Japan not seen")
	}
	if h[2].docCase&seenLower == 0 || h[2].docCase&seenInit != 0 {
		t.Errorf("LUCKY: docCase %b", h[2].docCase)
	}
	if st.order[0] != 1 || st.order[1] != 0 {
		t.Errorf("order %v: the headline goes last", st.order)
	}
	// Tags of earlier sentences.
	ls, _ := parseLabels(bilouLabels())
	index := map[string]int{}
	for i, l := range bilouLabels() {
		index[l] = i
	}
	body := st.sentence(1)
	st.remember(ls, body, spansToBILOU(strings.Fields("O B-LOC O B-LOC O O O O O"), index))
	k.flags |= featHistory
	keys := k.appendDynamicKeys(nil, st, h, 0)
	if len(keys) != 1 {
		t.Fatalf("history of JAPAN: %d keys", len(keys))
	}
	if histValue(st.doc.hist[perceptron.Hash("japan")])>>1&7 != 3 { // LOC
		t.Error("Japan's history is not LOC")
	}
	if keys := k.appendDynamicKeys(nil, st, h, 1); len(keys) != 0 {
		t.Error("GET has a history")
	}
}

func TestGazetteerMatches(t *testing.T) {
	m := map[uint64]int32{}
	lex := &lexicon{}
	addPhrase(m, "New York", gazCityBig, lex)
	addPhrase(m, "New York Times", gazMedia, lex)
	addPhrase(m, "Paris", gazCityBig, lex)
	addPhrase(m, "Ban Ki Moon", gazPerson, lex)
	addPhrase(m, "Al-Qaeda", gazArmedGroup, lex)
	addPhrase(m, "José", gazGivenName, lex)
	keys, vals := sortedTable(m)
	var err error
	if lex.gaz, err = tableIndex(keys, vals); err != nil {
		t.Fatal(err)
	}
	k := keyer{flags: featGazetteer, lex: lex}
	toks := analyzed("the", "NEW", "York", "Times", "in", "paris")
	k.lookup(toks)
	city, media := uint32(1<<gazCityBig), uint32(1<<gazMedia)
	want := [][4]uint32{{}, {city | media, 0, 0, 0}, {0, media, city, 0}, {0, 0, media, 0}, {}, {0, 0, 0, city}}
	for i := range toks {
		if toks[i].gaz != want[i] {
			t.Errorf("token %d: %v, want %v", i, toks[i].gaz, want[i])
		}
	}
	if lex.gazMax != 3 {
		t.Errorf("gazMax %d", lex.gazMax)
	}
	// Hyphens and diacritics.
	person, group, given := uint32(1<<gazPerson), uint32(1<<gazArmedGroup), uint32(1<<gazGivenName)
	for _, tc := range []struct {
		words string
		want  [][4]uint32
	}{
		{"Ban Ki-moon", [][4]uint32{{person, 0, 0, 0}, {0, 0, person, 0}}},
		{"Ban Ki Moon", [][4]uint32{{person, 0, 0, 0}, {0, person, 0, 0}, {0, 0, person, 0}}},
		{"al Qaeda", [][4]uint32{{group, 0, 0, 0}, {0, 0, group, 0}}},
		{"AL-QAEDA", [][4]uint32{{0, 0, 0, group}}},
		{"Jose", [][4]uint32{{0, 0, 0, given}}},
		{"JOSÉ", [][4]uint32{{0, 0, 0, given}}},
	} {
		toks := analyzed(strings.Fields(tc.words)...)
		k.lookup(toks)
		for i := range toks {
			if toks[i].gaz != tc.want[i] {
				t.Errorf("%s: token %d: %v, want %v", tc.words, i, toks[i].gaz, tc.want[i])
			}
		}
	}
}

func TestConstraintsAndLabels(t *testing.T) {
	names := bilouLabels()
	ls, err := parseLabels(names)
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, n := range names {
		index[n] = i
	}
	c := constraints(ls)
	allowed := func(a, b string) bool { return c.Next[index[a]]&(1<<index[b]) != 0 }
	for _, tc := range []struct {
		a, b string
		ok   bool
	}{
		{"O", "B-PER", true}, {"O", "I-PER", false}, {"O", "U-LOC", true}, {"O", "L-LOC", false},
		{"B-PER", "I-PER", true}, {"B-PER", "L-PER", true}, {"B-PER", "O", false}, {"B-PER", "I-ORG", false},
		{"I-ORG", "L-ORG", true}, {"L-ORG", "B-ORG", true}, {"L-ORG", "I-ORG", false}, {"U-MISC", "U-MISC", true},
	} {
		if got := allowed(tc.a, tc.b); got != tc.ok {
			t.Errorf("%s -> %s allowed %v, want %v", tc.a, tc.b, got, tc.ok)
		}
	}
	if c.Start&(1<<index["I-PER"]) != 0 || c.End&(1<<index["B-PER"]) != 0 || c.End&(1<<index["U-PER"]) == 0 {
		t.Error("start or end constraints")
	}
	got := spansToBILOU([]string{"I-PER", "I-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-ORG", "I-ORG"}, index)
	var gotNames []string
	for _, y := range got {
		gotNames = append(gotNames, names[y])
	}
	if want := "B-PER I-PER L-PER O U-LOC U-LOC B-ORG L-ORG"; strings.Join(gotNames, " ") != want {
		t.Errorf("BILOU %v, want %s", gotNames, want)
	}
	// Model tags come out as IOB2.
	if ls[index["U-LOC"]].tag != "B-LOC" || ls[index["L-LOC"]].tag != "I-LOC" {
		t.Error("output tags")
	}
	if _, err := parseLabels([]string{"O", "X-PER"}); err == nil {
		t.Error("bad label accepted")
	}
}

func TestAugment(t *testing.T) {
	toks := [][]string{
		strings.Fields("GERMANY BEAT NATO IN THE FINAL"),
		strings.Fields("Germany beat the NATO side in a final ."),
	}
	tags := [][]string{strings.Fields("I-LOC O I-ORG O O O"), strings.Fields("I-LOC O O I-ORG O O O O O")}
	gotT, gotG := augment(toks, tags)
	if len(gotT) != 3 || !slices.Equal(gotG[1], tags[0]) {
		t.Fatalf("augment: %q", gotT)
	}
	if got := strings.Join(gotT[1], " "); got != "Germany Beat NATO in the Final" {
		t.Errorf("title case %q", got)
	}
	tt, _ := titleCopies(toks, tags, 1, 1, 0)
	if len(tt) != 1 || strings.Join(tt[0], " ") != "Germany Beat the NATO Side in a Final ." {
		t.Errorf("title copies %q", tt)
	}
	if tt, _ := titleCopies(toks, tags, 0, 1, 0); tt != nil {
		t.Error("copies at fraction 0")
	}
}
