// Package relations finds typed relations between the entities of a parsed
// sentence, and the titles of people: roles from appositions ("Sergei
// Sobyanin, a close Putin ally and the mayor of Moscow" gives mayor_of
// Moscow and ally_of Putin), from titles before names ("French President
// Francois Hollande" gives president_of France) and from possessives
// ("Russia's deputy prime minister ... Dmitry Rogozin" gives
// deputy_prime_minister_of Russia). A role without an entity for its object
// ("the chairman of the foreign affairs committee") is kept as the person's
// title. It reads the trees the parser gives and never touches the store.
package relations

import (
	"strings"

	"kg/graph"
	"kg/ingest/events"
)

// Relation is a typed relation between two entities of a sentence.
type Relation struct {
	From, To  string // entity ids
	Predicate string // "mayor_of", "ally_of", "deputy_prime_minister_of"
	Sentence  int
}

// Title is a role a person is given in a sentence, in the sentence's words
// ("mayor of Moscow", "chairman of the foreign affairs committee").
type Title struct {
	Entity   string
	Title    string
	Sentence int
}

// Find returns the relations and titles of a parsed sentence (none when it
// has no tree).
func Find(s *events.Sentence) ([]Relation, []Title) {
	t := s.Syntax
	if t == nil || len(t.Head) != len(s.Tokens) || len(t.Deprel) != len(s.Tokens) {
		return nil, nil
	}
	var rels []Relation
	var titles []Title
	for i := range s.Entities {
		p := &s.Entities[i]
		if p.Kind != graph.Person || p.ID == "" {
			continue
		}
		head := spanHead(t, p.Start, p.End-1)
		for _, r := range roleNouns(s, p, head) {
			pred, first, obj := role(s, p, r)
			if pred == "" {
				continue
			}
			if obj != nil {
				rels = append(rels, Relation{From: p.ID, To: obj.ID, Predicate: pred + "_of", Sentence: s.Index})
			}
			if title := phrase(s, first, r); title != "" {
				titles = append(titles, Title{Entity: p.ID, Title: title, Sentence: s.Index})
			}
		}
	}
	return rels, titles
}

// HasCandidate reports whether a sentence of these tokens may give a
// relation or a title: whether one of its words names a role (Find finds
// none in a sentence without one, so a sentence without one need not be
// parsed for relations).
func HasCandidate(toks []events.Token) bool {
	for _, t := range toks {
		if isRole(strings.ToLower(t.Text)) {
			return true
		}
	}
	return false
}

// roleNouns returns the tokens that may name a role of the person whose
// name has its head at token h: its appositions and what they conjoin ("a
// close Putin ally and the mayor of Moscow"), the noun it is in apposition
// to ("the minister, Dmitry Rogozin"), and the title words of its name
// ("President" in "French President Francois Hollande").
func roleNouns(s *events.Sentence, p *events.Entity, h int) []int {
	t := s.Syntax
	var out []int
	add := func(r int) {
		if r < 0 || r >= p.Start && r < p.End || !isRole(lower(s, r)) {
			return
		}
		for _, x := range out {
			if x == r {
				return
			}
		}
		out = append(out, r)
	}
	addWithConj := func(r int) {
		add(r)
		for k := range t.Head {
			if t.Head[k] == r && t.Deprel[k] == "conj" {
				add(k)
			}
		}
	}
	for k := range t.Head {
		if t.Head[k] != h {
			continue
		}
		switch t.Deprel[k] {
		case "appos":
			addWithConj(k)
		case "compound", "flat", "nmod", "amod", "nsubj":
			if k < p.Start {
				add(k)
			}
		}
	}
	if t.Deprel[h] == "appos" || (t.Deprel[h] == "flat" || t.Deprel[h] == "compound") && t.Head[h] >= 0 && t.Head[h] < p.Start {
		addWithConj(t.Head[h])
	}
	// A title before the name, whatever the parser made of it: "President
	// Putin", "Russia's deputy prime minister in charge of the defence
	// industry Dmitry Rogozin" (the nearest role noun, with no comma, verb
	// or other person in between).
	for k := p.Start - 1; k >= 0 && k >= p.Start-8; k-- {
		if w := lower(s, k); w == "," || w == ";" || w == "(" || t.UPOS[k] == "VERB" || t.UPOS[k] == "AUX" {
			break
		}
		if e := s.EntityAt(k); e != nil && e.Kind == graph.Person {
			break
		}
		if isRole(lower(s, k)) {
			add(k)
			break
		}
	}
	return out
}

// role returns the predicate of a role noun ("mayor", "deputy_prime_minister")
// and the entity it is a role of, if any: the object of "of" or "for", a
// possessive, a name or a demonym modifying it ("Putin ally", "French
// President").
func role(s *events.Sentence, p *events.Entity, r int) (pred string, first int, obj *events.Entity) {
	t := s.Syntax
	words := []string{lower(s, r)}
	// Title words right before the noun: "deputy prime minister", "foreign
	// minister".
	for k := r - 1; k >= 0 && k >= r-3; k-- {
		if w := lower(s, k); titleWords[w] && s.EntityAt(k) == nil {
			words = append([]string{w}, words...)
			continue
		}
		break
	}
	first = r - len(words) + 1
	for k := range t.Head {
		if t.Head[k] != r {
			continue
		}
		e := s.EntityAt(k)
		if e == nil || e == p || e.Kind == "" {
			continue
		}
		switch base(t.Deprel[k]) {
		case "nmod":
			if t.Deprel[k] == "nmod:poss" || caseWord(s, k) == "of" || caseWord(s, k) == "for" || caseWord(s, k) == "at" {
				if obj == nil {
					obj = e
				}
			}
		case "compound", "amod", "flat":
			if obj == nil {
				obj = e
			}
		}
	}
	// "French President Francois Hollande": a demonym or a name just
	// before the title; "Russia's deputy prime minister": a possessive.
	if obj == nil {
		end := first
		if w := lower(s, first-1); w == "'s" || w == "’s" {
			end = first - 1
		}
		if e := s.EntityAt(end - 1); e != nil && e != p && e.Kind != "" && e.End == end {
			obj = e
		}
	}
	if obj == p {
		obj = nil
	}
	return strings.Join(words, "_"), first, obj
}

// phrase is the role in the sentence's words: its title words from first
// and the role noun's subtree
// without its determiners, the clauses and appositions that hang from it,
// and punctuation at its ends, at most 12 tokens ("mayor of Moscow",
// "chairman of the foreign affairs committee in the lower house of
// parliament" is cut to its first 12 tokens).
func phrase(s *events.Sentence, first, r int) string {
	t := s.Syntax
	in := make([]bool, len(t.Head))
	for k := first; k <= r; k++ {
		in[k] = true
	}
	changed := true
	for changed {
		changed = false
		for k := range t.Head {
			h := t.Head[k]
			if in[k] || h < 0 || !in[h] {
				continue
			}
			switch base(t.Deprel[k]) {
			case "conj", "cc", "appos", "acl", "punct", "parataxis", "nsubj", "cop":
				continue
			case "det", "nmod":
				if k < r && (h == r || k < first) {
					continue // "a close ally", "Russia's minister": not "a", "Russia's"
				}
			}
			if h == r && k < r && base(t.Deprel[k]) == "amod" && !titleWords[lower(s, k)] {
				continue // "a close ally": not "close"
			}
			in[k] = true
			changed = true
		}
	}
	last := r
	for k := range in {
		if in[k] {
			first, last = min(first, k), max(last, k)
		}
	}
	// The sentence's own text for each run of tokens, so that "Russia's"
	// stays one word.
	var b strings.Builder
	n := 0
	for k := first; k <= last && n < 12; k++ {
		if !in[k] {
			continue
		}
		switch {
		case n == 0:
		case in[k-1] && s.Tokens[k-1].End >= s.Start && s.Tokens[k].Start-s.Start <= len(s.Text):
			b.WriteString(s.Text[s.Tokens[k-1].End-s.Start : s.Tokens[k].Start-s.Start])
		default:
			b.WriteByte(' ')
		}
		b.WriteString(s.Tokens[k].Text)
		n++
	}
	return b.String()
}

func lower(s *events.Sentence, k int) string {
	if k < 0 || k >= len(s.Tokens) {
		return ""
	}
	return strings.ToLower(s.Tokens[k].Text)
}

func base(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

func spanHead(t *events.Syntax, first, last int) int {
	for k := first; k <= last; k++ {
		if h := t.Head[k]; h < first || h > last {
			return k
		}
	}
	return last
}

func caseWord(s *events.Sentence, d int) string {
	t := s.Syntax
	for k := range t.Head {
		if t.Head[k] == d && t.Deprel[k] == "case" {
			return lower(s, k)
		}
	}
	return ""
}

func isRole(w string) bool { return roles[w] }

// roles are the nouns that name a role, an office or a tie.
var roles = set(`mayor president minister premier chancellor chairman chairwoman chair
leader head chief director governor secretary ambassador envoy commander general
spokesman spokeswoman spokesperson ally adviser advisor aide deputy member lawmaker
senator congressman congresswoman representative founder ceo owner king queen prince
emir sultan monarch judge prosecutor attorney lawyer editor correspondent officer
coach captain manager executive president-elect candidate rival opponent loyalist
critic successor predecessor partner counterpart negotiator mediator commissioner
ombudsman speaker justice bishop pope cardinal imam rabbi diplomat official`)

// titleWords may precede a role noun in its title ("deputy prime minister",
// "foreign minister", "chief executive").
var titleWords = set(`deputy vice prime foreign interior defence defense finance
economy justice health education trade energy home first chief executive general
managing acting former interim assistant associate attorney state
secretary-general security intelligence military police party opposition supreme`)

func set(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}
