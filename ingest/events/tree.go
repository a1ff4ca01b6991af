package events

import (
	"strings"

	"kg/graph"
	"kg/ingest/timex"
)

// Syntax is a sentence's dependency tree over its tokens, as the parser
// gives it (Universal Dependencies relations).
type Syntax struct {
	UPOS   []string
	Head   []int // the head token of each token; -1 for the root
	Deprel []string
}

func (t *Syntax) ok(n int) bool {
	return t != nil && len(t.Head) == n && len(t.Deprel) == n && len(t.UPOS) == n
}

// NeedsTree reports whether the sentence's tree can change what is read
// from it, which decides the sentences the pipeline parses. A sentence
// needs none when
//   - the triggers its words leave (triggersIn: outside time expressions,
//     "March 2" is no march; not hypothetical, not part of a name, not a
//     habit) are none (its tree still dates a statement when the next
//     sentence is that statement's occasion, "said in an interview":
//     FindMentions asks Sentence.Parse for it then), or
//   - it leaves one trigger, no meeting noun (which the tree may make the
//     occasion of a statement, "said in an interview"), and nothing the
//     tree would make an argument or a date of it: no name, no time
//     expression, no pronoun standing for the last person named ("he met",
//     "his visit"), no number counting those a verb acts on ("police
//     arrested six men").
//
// Such a trigger gives the same bare mention with or without the tree;
// TestNeedsTreeChangesNothing checks it over whole articles.
func NeedsTree(s *Sentence) bool {
	_, trigs := triggersIn(s)
	switch {
	case len(trigs) == 0:
		return false
	case len(s.Timexes) > 0 || len(s.Entities) > 0 || len(trigs) > 1:
		return true
	case trigs[0].info.typ == "meeting" && trigs[0].info.noun:
		return true
	}
	for i := range s.Tokens {
		switch w := lower(s.Tokens, i); {
		case w == "he", w == "she", w == "his", w == "her", numberWord(w):
			return true
		}
	}
	return false
}

// numberWord reports a numeral: digits ("258"), a number's name ("six",
// "twenty", "dozens"), or a compound of them ("twenty-five").
func numberWord(w string) bool {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return true
	}
	if first, _, ok := strings.Cut(w, "-"); ok {
		w = first
	}
	w = strings.TrimSuffix(w, "s")
	switch w {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
		"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
		"dozen", "score", "hundred", "thousand", "million", "billion":
		return true
	}
	return false
}

// treeArgs are the arguments the dependency tree gives a trigger; nil where
// it gives none.
type treeArgs struct {
	agent, target, place *Entity
	named                string
	others               []*Entity
	// subject is set when the trigger is a passive verb with a subject
	// ("Howes was kidnapped"): then agent is all the tree says (the "by"
	// phrase, or none).
	subject bool
	// common is set when a verb trigger's subject is a common noun that
	// names no entity ("the bombings killed 258 people"): then the tree
	// says there is no agent, whatever name comes before.
	common  bool
	head    int // the trigger's head token
	support int // the support verb of a noun trigger, or -1
}

// entityAt returns the entity whose tokens hold token k, nil if none.
func (s *Sentence) EntityAt(k int) *Entity {
	for i := range s.Entities {
		if e := &s.Entities[i]; k >= e.Start && k < e.End {
			return e
		}
	}
	return nil
}

// spanHead returns the token of [first, last] whose head lies outside it.
func spanHead(t *Syntax, first, last int) int {
	for k := first; k <= last; k++ {
		if h := t.Head[k]; h < first || h > last {
			return k
		}
	}
	return last
}

// caseWord is the lower-case preposition marking token d ("in", "against"),
// "" if none.
func caseWord(s *Sentence, d int) string {
	t := s.Syntax
	for k := range t.Head {
		if t.Head[k] == d && (t.Deprel[k] == "case" || t.Deprel[k] == "mark") {
			return lower(s.Tokens, k)
		}
	}
	return ""
}

func baseRel(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

// subjectOf returns the entity that is the subject of verb v, following
// controlling verbs up ("Russia began launching": launching has no subject
// of its own; began's is Russia) and conjoined verbs back to the first.
func subjectOf(s *Sentence, v int) *Entity {
	t := s.Syntax
	for step := 0; step < 4 && v >= 0; step++ {
		for k := range t.Head {
			if t.Head[k] == v && t.Deprel[k] == "nsubj" {
				if e := s.EntityAt(k); e != nil && e.Kind != "" {
					return e
				}
				return nil // a subject that is no entity ("he", "the group")
			}
		}
		switch t.Deprel[v] {
		case "xcomp", "conj":
			v = t.Head[v]
		default:
			return nil
		}
	}
	return nil
}

// modifierEntity returns the entity that modifies a common noun as a
// compound, a demonym or a possessor ("the Taliban government", "British
// officials", "Hun Sen's troops"), nil if none or if the noun is no common
// noun.
func modifierEntity(s *Sentence, d int) *Entity {
	t := s.Syntax
	if t.UPOS[d] != "NOUN" {
		return nil
	}
	for k := range t.Head {
		if t.Head[k] != d {
			continue
		}
		switch t.Deprel[k] {
		case "compound", "amod", "nmod:poss":
			if e := s.EntityAt(k); e != nil && e.Kind != "" {
				return e
			}
		}
	}
	return nil
}

// fromTree reads a trigger's arguments off the tree.
func fromTree(s *Sentence, tr trigger) treeArgs {
	t := s.Syntax
	first, last := tr.tok, tr.tok+tr.n-1
	h := spanHead(t, first, last)
	a := treeArgs{head: h, support: -1}
	noun := t.UPOS[h] == "NOUN" || t.UPOS[h] == "PROPN" || (t.UPOS[h] != "VERB" && tr.info.noun)
	isPassive := false
	for k := range t.Head {
		if t.Head[k] == h && (t.Deprel[k] == "nsubj:pass" || t.Deprel[k] == "aux:pass") {
			isPassive = true
		}
		if t.Head[k] == h && !noun && t.Deprel[k] == "nsubj:pass" {
			a.subject = true
		}
	}
	// "an expert kidnapped by guerrillas": a participle modifying a noun
	// is passive; the noun undergoes it and only "by" gives an agent.
	if !noun && t.Deprel[h] == "acl" && strings.HasSuffix(lower(s.Tokens, h), "ed") {
		isPassive, a.subject = true, true
		if e := s.EntityAt(t.Head[h]); e != nil && e.Kind != "" && !e.Demonym {
			a.target = e
		}
	}
	for d := range t.Head {
		if t.Head[d] != h || d >= first && d <= last {
			continue
		}
		rel := t.Deprel[d]
		e := s.EntityAt(d)
		// "the Taliban government", "Hun Sen's troops", "British
		// officials": a subject or a "by" phrase that is no name stands for
		// the name that modifies it.
		if e == nil && (rel == "nsubj" && !noun || (baseRel(rel) == "obl" || baseRel(rel) == "nmod") && caseWord(s, d) == "by") {
			e = modifierEntity(s, d)
		}
		if e == nil && rel == "nsubj" && !noun && t.UPOS[d] == "NOUN" {
			a.common = true
		}
		if e == nil || e.Start <= last && e.End > first {
			continue
		}
		switch {
		case rel == "nsubj" && !noun:
			if e.Kind != "" {
				a.agent = e
			}
		case rel == "nsubj:pass" || rel == "obj" || rel == "iobj":
			if e.Kind != "" && a.target == nil {
				a.target = e
			}
		case rel == "nmod:poss":
			switch {
			case e.Kind == "":
			case noun && patientNoun(lower(s.Tokens, h)):
				if a.target == nil {
					a.target = e
				}
			default:
				a.agent = e
			}
		case rel == "amod" && e.Demonym:
			a.agent = e
		case rel == "compound" || rel == "flat":
			switch {
			case e.Kind == "" && tr.info.people:
			case e.Kind == "" || tr.info.typ == "meeting" && e.Kind == graph.Organization:
				a.named = e.Name
				if e.Kind != "" {
					a.others = append(a.others, e)
				}
			case e.Kind == graph.Place && placeTypeOf(tr.info.typ):
				a.place = e
			case e.Demonym || e.Kind != "":
				a.agent = e
			}
		case baseRel(rel) == "obl" || baseRel(rel) == "nmod":
			if e.Kind == "" {
				continue
			}
			switch cw := caseWord(s, d); {
			case cw == "by" && (isPassive || noun):
				a.agent = e
			case cw == "against" || cw == "on" && tr.info.typ == "sanction":
				a.target = e
			case (cw == "with" || cw == "to") && tr.info.typ == "meeting":
				if a.target == nil {
					a.target = e
				}
			case placePreps[cw] && e.Kind == graph.Place:
				if a.place == nil {
					a.place = e
				}
			}
		}
	}
	// "Russia launched airstrikes", "Russia began launching airstrikes":
	// a noun trigger that is the object of a support verb takes the verb's
	// subject.
	if noun && a.agent == nil && t.Deprel[h] == "obj" {
		if v := t.Head[h]; v >= 0 && supportVerbs[lower(s.Tokens, v)] {
			a.support = v
			a.agent = subjectOf(s, v)
		}
	}
	if !noun && a.agent == nil && !isPassive {
		switch t.Deprel[h] {
		case "xcomp", "conj":
			a.agent = subjectOf(s, h)
		}
	}
	if a.agent != nil && a.agent == a.target {
		a.target = nil
	}
	return a
}

func placeTypeOf(typ string) bool {
	switch typ {
	case "attack", "protest", "disaster", "election":
		return true
	}
	return false
}

// timexTokens returns the first and last tokens of s inside the time
// expression tx; -1, -1 if none is.
func timexTokens(s *Sentence, tx timex.Timex) (first, last int) {
	first, last = -1, -1
	for k, tok := range s.Tokens {
		if tok.Start >= tx.Start && tok.End <= tx.End {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	return first, last
}

// treeDates gives each trigger the date of the time expression that the
// tree attaches to it (or to its support verb): the expression's head
// reaches the trigger going up at most three arcs without leaving its
// clause. Triggers without such an expression keep "".
func treeDates(s *Sentence, trigs []trigger, args []treeArgs) (dates []string, used []bool) {
	t := s.Syntax
	dates = make([]string, len(trigs))
	used = make([]bool, len(s.Timexes))
	for ti, tx := range s.Timexes {
		if !pointInTime(tx) {
			continue
		}
		first, last := timexTokens(s, tx)
		if first < 0 {
			continue
		}
		x := spanHead(t, first, last)
		// "expelled from the talks on May 3": a date the parser hangs
		// on a noun inside a verb's oblique dates the verb, when both are
		// triggers; dates go with verbs far more often than with nouns.
		if baseRel(t.Deprel[x]) == "nmod" {
			if n := t.Head[x]; n >= 0 && baseRel(t.Deprel[n]) == "obl" && triggerAt(args, t.Head[n]) && triggerAt(args, n) {
				x = t.Head[n]
			}
		}
		for step := 0; step < 3 && x >= 0; step++ {
			hit := -1
			for k := range trigs {
				if dates[k] == "" && (x == args[k].head || x == args[k].support) {
					hit = k
					break
				}
			}
			if hit >= 0 {
				dates[hit], used[ti] = tx.Value, true
				break
			}
			switch baseRel(t.Deprel[x]) {
			case "ccomp", "parataxis", "root", "acl", "advcl":
				x = -1 // the expression dates another clause
				continue
			}
			x = t.Head[x]
		}
	}
	return dates, used
}

// triggerAt reports a token that is the head or the support verb of a
// trigger.
func triggerAt(args []treeArgs, k int) bool {
	for _, a := range args {
		if k >= 0 && (k == a.head || k == a.support) {
			return true
		}
	}
	return false
}
