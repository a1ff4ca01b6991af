package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lexicon is what the Baseline tagger knows about names.
type Lexicon interface {
	// Type returns PER, ORG or LOC for a known name ("Reuters", "Paris").
	Type(phrase string) (string, bool)
	// IsDemonym reports nationality words ("Russian", "French").
	IsDemonym(word string) bool
	// IsGivenName reports common given names ("Vladimir", "Sergei").
	IsGivenName(word string) bool
	// IsSurname reports surnames of well-known people ("Putin").
	IsSurname(word string) bool
	// MaxWords is the length of the longest known name, in tokens.
	MaxWords() int
}

// Baseline is a rule-based tagger: runs of capitalized tokens, typed by a
// lexicon and by cues in context (titles, given names, organization words,
// prepositions of place). It needs no training and is the fallback when no
// trained model is available.
type Baseline struct {
	Lex Lexicon
}

var (
	personTitles = wordSet("Mr. Mrs. Ms. Dr. Mr Mrs Ms Dr President Premier Chancellor Minister Secretary Senator Sen. Gen. General " +
		"Governor Gov. Mayor King Queen Prince Princess Pope Sheikh Lt. Col. Colonel Sgt. Capt. Captain Rep. Judge Justice Prof. " +
		"Professor Rev. Ambassador Commissioner Chairman Spokesman spokesman spokeswoman president minister chancellor " +
		"lawmaker leader loyalist ally mayor premier envoy")
	orgWords = wordSet("Agency Ministry Council Party Committee Inc Inc. Corp Corp. Corporation Bank University Army Navy Forces Force " +
		"Group Service Services Organization Organisation Union Association Commission Court Parliament Assembly Times News Post " +
		"Company Co. Ltd Ltd. Institute Department Office Front Brigade Brigades Federation League Fund Airlines Airways Network " +
		"Reuters Press Club Senate Congress Cabinet Government Kremlin Pentagon")
	titleCaseLower = wordSet("and but for from into onto with over under about after than that this the nor per via")
	saidVerbs      = wordSet("said says added told wrote argued insisted stressed noted")
	placePreps     = wordSet("in at near from to into across outside inside throughout toward towards")
	// Capitalized words that start sentences or headlines but are not names.
	commonCaps = wordSet("The A An In On At For From To By With Without After Before During Since Until As If When While Where " +
		"But And Or Yet So However Meanwhile Moreover Also Still Then Now Today Yesterday Tomorrow This That These Those It Its " +
		"He She They We I You His Her Their Our My Your Some Many Most Sources Officials Police Reports Report According Clearly " +
		"There Here What Who Why How Which Although Though Because Despite Under Over About Against Between Among Last Next " +
		"Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September " +
		"October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Let Lets Let’s Please News " +
		"Mr. Mrs. Ms. Dr. President Minister Prime Deputy Foreign Defence Defense Interior Secretary Chairman Senior Former Top " +
		"No Not Yes Every All Both Each Several Few Such Other Another New Western Eastern Northern Southern Jointly Bury " +
		"Our Differences Strike Tells Says Said Calls Warns Meets Vows Urges Backs")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func capitalized(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r)
}

func isNameToken(tok string) bool {
	if !capitalized(tok) {
		return false
	}
	for _, r := range tok {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '\'' || r == '’' || r == '&') {
			return false
		}
	}
	return true
}

// Tag implements Tagger.
func (b Baseline) Tag(doc [][]string) [][]string {
	out := make([][]string, len(doc))
	surnames := map[string]string{} // last token of a person name -> PER
	seen := map[string]string{}     // phrase -> type already given in this document
	// Headlines are tagged last, with what the body taught: in title case,
	// capitals say little ("Let’s Bury Our Differences").
	order := make([]int, 0, len(doc))
	for si, toks := range doc {
		if !isHeadline(toks) {
			order = append(order, si)
		}
	}
	for si, toks := range doc {
		if isHeadline(toks) {
			order = append(order, si)
		}
	}
	for _, si := range order {
		toks := doc[si]
		tags := make([]string, len(toks))
		for i := range tags {
			tags[i] = "O"
		}
		headline := isHeadline(toks)
		for i := 0; i < len(toks); {
			if !isNameToken(toks[i]) {
				i++
				continue
			}
			// A run of name tokens, allowing "of"/"al"/"de"/"bin" between them.
			j := i + 1
			for j < len(toks) {
				if isNameToken(toks[j]) {
					j++
					continue
				}
				if j+1 < len(toks) && connector(toks[j]) && isNameToken(toks[j+1]) {
					j += 2
					continue
				}
				break
			}
			spans := b.classify(toks, i, j, headline, surnames, seen)
			for _, s := range spans {
				tags[s.Start] = "B-" + s.Type
				for k := s.Start + 1; k < s.End; k++ {
					tags[k] = "I-" + s.Type
				}
				if s.Type == "PER" {
					surnames[toks[s.End-1]] = "PER"
				}
				seen[strings.Join(toks[s.Start:s.End], " ")] = s.Type
			}
			i = j
		}
		out[si] = tags
	}
	return out
}

func connector(w string) bool {
	switch w {
	case "of", "al", "al-", "de", "bin", "van", "von", "da", "del", "la", "le", "&":
		return true
	}
	return false
}

// isHeadline reports a sentence in title case, where capitals say little:
// at least three capitalized words and no lower-case word but the short
// function words title case leaves alone.
func isHeadline(toks []string) bool {
	caps := 0
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t)
		switch {
		case !unicode.IsLetter(r):
		case unicode.IsUpper(r):
			caps++
		case len(t) > 2 && !titleCaseLower[t]:
			return false
		}
	}
	return caps >= 3
}

// classify types the name tokens toks[i:j], possibly splitting them.
func (b Baseline) classify(toks []string, i, j int, headline bool, surnames, seen map[string]string) []Span {
	// Longest known names first, left to right.
	var out []Span
	k := i
	for k < j {
		matched := false
		for n := min(j-k, max(b.Lex.MaxWords(), 1)); n >= 1; n-- {
			phrase := strings.Join(toks[k:k+n], " ")
			if typ, ok := seen[phrase]; ok {
				out = append(out, Span{k, k + n, typ})
				k, matched = k+n, true
				break
			}
			if typ, ok := b.Lex.Type(phrase); ok && (!headline || n > 1 && !commonCaps[toks[k]]) {
				out = append(out, Span{k, k + n, typ})
				k, matched = k+n, true
				break
			}
			if n == 1 && b.Lex.IsDemonym(phrase) && !headline {
				out = append(out, Span{k, k + 1, "MISC"})
				k, matched = k+1, true
				break
			}
			if n == 1 && surnames[phrase] != "" {
				out = append(out, Span{k, k + 1, "PER"})
				k, matched = k+1, true
				break
			}
		}
		if matched {
			continue
		}
		// Unknown tokens up to the next known name.
		e := k + 1
		for e < j && !b.known(toks, e, j, seen, surnames) {
			e++
		}
		if s, ok := b.guess(toks, k, e, headline); ok {
			out = append(out, s)
		}
		k = e
	}
	return out
}

func (b Baseline) known(toks []string, k, j int, seen, surnames map[string]string) bool {
	for n := min(j-k, max(b.Lex.MaxWords(), 1)); n >= 1; n-- {
		phrase := strings.Join(toks[k:k+n], " ")
		if _, ok := seen[phrase]; ok {
			return true
		}
		if _, ok := b.Lex.Type(phrase); ok {
			return true
		}
	}
	return b.Lex.IsDemonym(toks[k]) || surnames[toks[k]] != ""
}

// guess types an unknown run of name tokens from its context.
func (b Baseline) guess(toks []string, i, j int, headline bool) (Span, bool) {
	for i < j && commonCaps[toks[i]] {
		i++
	}
	for j > i && (toks[j-1] == "of" || connector(toks[j-1])) {
		j--
	}
	if i >= j || headline {
		return Span{}, false
	}
	prev := ""
	if i > 0 {
		prev = toks[i-1]
	}
	next := ""
	if j < len(toks) {
		next = toks[j]
	}
	n := j - i
	last := toks[j-1]
	switch {
	case orgWords[last] || (next == "news" || next == "agency" || next == "Agency"):
		return Span{i, j, "ORG"}, true
	case personTitles[prev] || b.Lex.IsGivenName(toks[i]) || n == 1 && b.Lex.IsSurname(toks[i]):
		return Span{i, j, "PER"}, true
	case placePreps[prev] && n <= 2:
		return Span{i, j, "LOC"}, true
	case n == 1 && saidVerbs[next]:
		return Span{i, j, "PER"}, true
	case allCaps(toks[i]) && n == 1 && len(toks[i]) >= 2:
		return Span{i, j, "ORG"}, true
	case n >= 2 && n <= 3:
		return Span{i, j, "PER"}, true
	}
	return Span{}, false
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}
