// Package events finds events in sentences whose tokens, entities and time
// expressions are known: a trigger word ("airstrikes", "summit", "met",
// "sanctions") gives the event's type, and the entities and dates around it
// its participants, place and date. Reporting verbs ("said", "reported") and
// mental states ("hoped") are never triggers.
package events

import (
	"slices"
	"strings"
	"unicode"

	"kg/graph"
	"kg/ingest/timex"
)

// Token is a word of a sentence with its byte offsets in the document.
type Token struct {
	Text       string
	Start, End int
}

// Entity is an entity mention in a sentence: tokens [Start, End).
type Entity struct {
	ID         string
	Kind       graph.Kind
	Name       string
	Start, End int
	// Demonym is set for nationality words standing for their country
	// ("Russian airstrikes").
	Demonym bool
}

// Sentence is what the finder reads.
type Sentence struct {
	Index      int // in the document
	Start, End int // byte offsets
	Text       string
	Tokens     []Token
	Entities   []Entity // in token order
	Timexes    []timex.Timex
	// Syntax is the sentence's dependency tree, when it was parsed: the
	// arguments and dates it gives take precedence over those read from
	// the words around the trigger.
	Syntax *Syntax
	// Parse, when set, gives the sentence's tree on demand: FindMentions
	// calls it for a sentence without one whose tree turns out to matter
	// after all, the statement before an occasion ("officials said
	// Thursday ... | He said in an interview ..."), whose date the tree
	// attaches. NeedsTree leaves such sentences to it.
	Parse func() *Syntax
}

// Event is an event found in a sentence.
type Event struct {
	Type         string
	CAMEO        string
	Label        string
	Date         string
	Named        bool // a named event such as "the G20 summit"
	Place        string
	Participants []graph.DeltaParticipant
	Sentence     int
	Trigger      string
	Start, End   int // byte offsets of the trigger
	// Alt is a type whose happening this mention may tell again, ""
	// for none (the "capture" of a kidnapped man is his kidnapping).
	Alt string
	// Noun is set for a nominal mention ("the talks", "the abduction").
	Noun bool
	// Occasion is set for a meeting that is the occasion of an undated
	// statement ("he said in an interview"): news tells such a statement
	// right after the dated one it goes on ("X said Thursday ..."), so it
	// takes that statement's date.
	Occasion bool
	// Anaphor is set for a noun after a possessive pronoun ("its
	// founding", "their talks"): it speaks of a happening of someone told
	// before.
	Anaphor bool
	// Bare is set for a mention with no participant, place, name or date
	// ("the talks went on"): on its own it says too little to be an event,
	// but it may tell again a happening the document told before.
	Bare bool
}

// Find returns the events of a document's sentences, in text order,
// without the bare mentions.
func Find(sents []Sentence) []Event {
	var out []Event
	for _, ev := range FindMentions(sents) {
		if !ev.Bare {
			out = append(out, ev)
		}
	}
	return out
}

// FindMentions returns every event mention of a document's sentences, in
// text order, bare ones included: the extractor decides by coreference
// which of them tell a happening already told. It may parse a sentence
// through its Parse hook, and then sets that sentence's Syntax (and
// clears Parse) in sents.
func FindMentions(sents []Sentence) []Event {
	var out []Event
	var last *Entity // the last person named, for "he" and "she"
	for i := range sents {
		for _, s := range windows(&sents[i]) {
			evs := findIn(s, last)
			for k := range evs {
				if ev := &evs[k]; ev.Occasion && i > 0 {
					if d := statementDate(&sents[i-1]); d != "" {
						ev.Date, ev.Bare = d, false
					}
				}
			}
			out = append(out, evs...)
		}
		for k := range sents[i].Entities {
			if e := &sents[i].Entities[k]; e.Kind == graph.Person {
				last = e
			}
		}
	}
	return out
}

// Sentences longer than maxTokens (a list, a table, text without
// punctuation) are read in windows of window tokens, so that the work
// stays linear in their length.
const (
	maxTokens = 150
	window    = 100
)

func windows(s *Sentence) []*Sentence {
	if len(s.Tokens) <= maxTokens {
		return []*Sentence{s}
	}
	var out []*Sentence
	ei, ti := 0, 0
	for k := 0; k < len(s.Tokens); k += window {
		end := min(k+window, len(s.Tokens))
		w := &Sentence{Index: s.Index, Start: s.Tokens[k].Start, End: s.Tokens[end-1].End, Text: s.Text, Tokens: s.Tokens[k:end]}
		for ei < len(s.Entities) && s.Entities[ei].Start < k {
			ei++
		}
		for j := ei; j < len(s.Entities) && s.Entities[j].Start < end; j++ {
			e := s.Entities[j]
			if e.End > end {
				continue
			}
			e.Start, e.End = e.Start-k, e.End-k
			w.Entities = append(w.Entities, e)
		}
		for ti < len(s.Timexes) && s.Timexes[ti].Start < w.Start {
			ti++
		}
		for j := ti; j < len(s.Timexes) && s.Timexes[j].Start < w.End; j++ {
			w.Timexes = append(w.Timexes, s.Timexes[j])
		}
		out = append(out, w)
	}
	return out
}

type trigger struct {
	tok, n int // first token and length
	info   triggerInfo
}

// triggersIn returns the sentence the triggers are read in (without the
// bounds of ranges) and its triggers: the words of the lexicon that tell a
// happening here, as their neighbours show (not hypothetical, not part of
// a name or a time expression, not a habit). It reads the words only, so
// it also tells the pipeline which sentences need a tree.
func triggersIn(s *Sentence) (*Sentence, []trigger) {
	// A range's bound dates nothing, but its words are still a time
	// expression ("since March" is no march).
	whole := s
	s = withoutBounds(s)
	var trigs []trigger
	for i := 0; i < len(s.Tokens); i++ {
		if t, n, ok := lookupTrigger(s.Tokens, i); ok {
			t.noun = nounUse(s.Tokens, i, t)
			if hypothetical(s.Tokens, i) || inEntity(s, i) || inTimex(whole, i) || t.noun && bareGerund(s.Tokens, i) || !t.noun && unrealized(s.Tokens, i) ||
				t.passiveOnly && !passive(s.Tokens, i) || !t.noun && nounOnly(s, i) {
				i += n - 1
				continue
			}
			// "terrorist blasts", "a bomb explosion": a blast with an
			// attacker's modifier is an attack.
			if t.alt == "attack" && t.typ == "disaster" && attackModifier(lower(s.Tokens, i-1)) {
				t.typ, t.cameo = "attack", "18"
			}
			trigs = append(trigs, trigger{tok: i, n: n, info: t})
			i += n - 1
		}
	}
	return s, notHabitual(s, trigs)
}

func findIn(s *Sentence, lastPerson *Entity) []Event {
	s, trigs := triggersIn(s)
	if len(trigs) == 0 {
		return nil
	}
	// The tree's arguments and dates; then each time expression left
	// dates the trigger nearest to it.
	var args []treeArgs
	dates := make([]string, len(trigs))
	used := make([]bool, len(s.Timexes))
	if s.Syntax.ok(len(s.Tokens)) {
		args = make([]treeArgs, len(trigs))
		for k, tr := range trigs {
			args[k] = fromTree(s, tr)
		}
		dates, used = treeDates(s, trigs, args)
	}
	participleDates(s, trigs, dates, used)
	for ti, tx := range s.Timexes {
		if !pointInTime(tx) || used[ti] {
			continue
		}
		// "officials said Thursday that ... his abduction": an expression
		// the tree attaches to a reporting verb dates the statement, not the
		// nearest event.
		if args != nil && datesOtherVerb(s, tx, args) {
			continue
		}
		// "trade fell to $14 billion last year": an expression the tree
		// attaches to a verb that is no trigger dates that verb's clause,
		// so only a trigger within it may take it.
		clause := -1
		if args != nil {
			clause = timeClause(s.Syntax, s.Tokens, verbOf(s, tx, args))
		}
		best, bestDist := -1, 1<<30
		for k, tr := range trigs {
			if clause >= 0 && !inClause(s.Syntax, s.Tokens, args[k].head, clause) {
				continue
			}
			d := distance(s.Tokens[tr.tok].Start, s.Tokens[tr.tok+tr.n-1].End, tx.Start, tx.End)
			if d < bestDist {
				best, bestDist = k, d
			}
		}
		if best >= 0 && dates[best] == "" {
			dates[best] = tx.Value
		}
	}
	var out []Event
	built := make([]Event, len(trigs))
	for k, tr := range trigs {
		var ta *treeArgs
		if args != nil {
			ta = &args[k]
		}
		built[k] = build(s, tr, dates[k], lastPerson, ta)
	}
	// "The Aug. 7 blasts killed 257 people in Nairobi": a noun trigger that
	// is the subject of a verb trigger of the same type tells the same
	// happening; the verb's event takes its date and place.
	same := make([]bool, len(trigs))
	if args != nil {
		t := s.Syntax
		for k := range trigs {
			h := args[k].head
			if t.Deprel[h] != "nsubj" {
				continue
			}
			for j := range trigs {
				if j != k && args[j].head == t.Head[h] && (built[j].Type == built[k].Type || built[j].Type == built[k].Alt) {
					if built[j].Date == "" {
						built[j].Date = built[k].Date
					}
					if built[j].Place == "" {
						built[j].Place = built[k].Place
					}
					same[k] = true
					break
				}
			}
		}
	}
	// "the Feb. 23 accord signed by Annan and Aziz": a participle of the
	// same type that modifies a noun trigger tells the noun's happening;
	// the noun's event takes what the participle adds.
	if args != nil {
		t := s.Syntax
		for j := range trigs {
			h := args[j].head
			if t.Deprel[h] != "acl" || !strings.HasSuffix(lower(s.Tokens, h), "ed") && !strings.HasSuffix(lower(s.Tokens, h), "en") {
				continue
			}
			for k := range trigs {
				if k == j || same[k] || !trigs[k].info.noun || args[k].head != t.Head[h] || built[k].Type != built[j].Type && built[k].Alt != built[j].Type {
					continue
				}
				absorb(&built[k], built[j])
				if !built[k].Named {
					built[k].Label = relabel(s, built[k])
				}
				same[j] = true
				break
			}
		}
	}
	// "four Atlanta attacks, including the 1996 Centennial bombing": the
	// one named after "including" is told as one of the plural's series,
	// and its mention tells the happening; it takes the plural's place.
	for k := range trigs {
		j := includedIn(s, trigs, k)
		if j < 0 || same[j] || built[j].Type != built[k].Type && built[j].Type != built[k].Alt {
			continue
		}
		if built[k].Place == "" {
			built[k].Place = built[j].Place
		}
		if built[k].Date == "" {
			built[k].Date = built[j].Date
		}
		same[j] = true
	}
	if args != nil {
		for k := range trigs {
			statementOccasion(s, &built[k], args[k].head)
		}
	}
	for k, ev := range built {
		if same[k] {
			continue
		}
		// An event with no participant, place, name or date ("talks") says too
		// little on its own.
		ev.Bare = len(ev.Participants) == 0 && ev.Place == "" && !ev.Named && ev.Date == "" && !(args != nil && actsOnSomeone(s, trigs[k], args[k].head))
		out = append(out, distribute(s, trigs, k, ev)...)
	}
	return out
}

// absorb gives event ev what another mention of its happening, m, tells
// and it does not: a date, a place, participants in roles it has none in.
func absorb(ev *Event, m Event) {
	if ev.Date == "" {
		ev.Date = m.Date
	}
	if ev.Place == "" {
		ev.Place = m.Place
	}
	for _, p := range m.Participants {
		if !hasRole(ev, p.Role) && !hasParticipant(ev, p.Entity) {
			ev.Participants = append(ev.Participants, p)
		}
	}
}

func hasParticipant(ev *Event, id string) bool {
	for _, p := range ev.Participants {
		if p.Entity == id {
			return true
		}
	}
	return false
}

// distribute splits an event told of several participants each with a
// date of its own ("meetings with Blair 10 days ago and Clinton last week",
// "to include Greece and Turkey in 1952, Germany in 1955 and Spain in
// 1982"): after the trigger's dated names, each further list of names
// with a date is a happening of its own, in the role the first names have.
// An event without such a list is returned alone.
func distribute(s *Sentence, trigs []trigger, k int, ev Event) []Event {
	if ev.Date == "" {
		return []Event{ev}
	}
	tr := trigs[k]
	// The time expression that dates the event: the first after the
	// trigger with its value.
	ti := -1
	for i, tx := range s.Timexes {
		if first, _ := timexTokens(s, tx); first > tr.tok && tx.Value == ev.Date {
			ti = i
			break
		}
	}
	if ti < 0 {
		return []Event{ev}
	}
	first, last := timexTokens(s, s.Timexes[ti])
	ents := entitiesIn(s, tr.tok+tr.n, first)
	role := ""
	for _, p := range ev.Participants {
		for _, e := range ents {
			if p.Entity == e.ID {
				role = p.Role
			}
		}
	}
	if role == "" {
		return []Event{ev}
	}
	out := []Event{ev}
	for j := ti + 1; j < len(s.Timexes); j++ {
		tx := s.Timexes[j]
		if !pointInTime(tx) {
			break
		}
		f, l := timexTokens(s, tx)
		names := entitiesIn(s, last+1, f)
		if len(names) == 0 || !nameList(s, last+1, f) {
			break
		}
		c := ev
		c.Date, c.Participants = tx.Value, nil
		for _, p := range ev.Participants {
			if p.Role != role {
				c.Participants = append(c.Participants, p)
			}
		}
		for _, e := range names {
			c.Participants = append(c.Participants, graph.DeltaParticipant{Entity: e.ID, Role: role})
		}
		if !c.Named {
			c.Label = relabel(s, c)
		}
		out = append(out, c)
		last = l
	}
	// The first event keeps only the names before its own date.
	if len(out) > 1 {
		var ps []graph.DeltaParticipant
		for _, p := range ev.Participants {
			if p.Role != role || hasEntity(ents, p.Entity) {
				ps = append(ps, p)
			}
		}
		out[0].Participants = ps
	}
	return out
}

// relabel writes the label of an event from its first agent and target:
// "Adams meetings Bill Clinton".
func relabel(s *Sentence, ev Event) string {
	name := func(id string) string {
		for _, e := range s.Entities {
			if e.ID == id {
				return e.Name
			}
		}
		return ""
	}
	var agent, target string
	for _, p := range ev.Participants {
		switch {
		case p.Role == graph.RoleAgent && agent == "":
			agent = name(p.Entity)
		case p.Role == graph.RoleTarget && target == "":
			target = name(p.Entity)
		}
	}
	l := strings.TrimSpace(agent + " " + ev.Trigger + " " + target)
	if ev.Place != "" {
		l += " in " + name(ev.Place)
	}
	return l
}

// entitiesIn returns the named entities of tokens [from, to).
func entitiesIn(s *Sentence, from, to int) []*Entity {
	var out []*Entity
	for i := range s.Entities {
		if e := &s.Entities[i]; e.Start >= from && e.End <= to && e.Kind != "" {
			out = append(out, e)
		}
	}
	return out
}

func hasEntity(es []*Entity, id string) bool {
	for _, e := range es {
		if e.ID == id {
			return true
		}
	}
	return false
}

// nameList reports tokens [from, to) that hold only names, titles and the
// words that join them: ", Germany in", "and President Clinton".
func nameList(s *Sentence, from, to int) bool {
	if to-from > 8 {
		return false
	}
	for i := from; i < to; i++ {
		if s.EntityAt(i) != nil {
			continue
		}
		switch lower(s.Tokens, i) {
		case ",", "and", "in", "on", "at":
			continue
		}
		if !nounModifier(s.Tokens[i].Text) {
			return false
		}
	}
	return true
}

// participleDates dates a noun trigger by the time expression right after
// the past participle that follows it ("the injunction issued Thursday",
// "the accord signed on Feb. 23"), which the parser may hang elsewhere.
func participleDates(s *Sentence, trigs []trigger, dates []string, used []bool) {
	for k, tr := range trigs {
		p := tr.tok + tr.n
		if !tr.info.noun || dates[k] != "" || !pastParticiple(lower(s.Tokens, p)) {
			continue
		}
		if _, _, ok := lookupTrigger(s.Tokens, p); ok {
			continue
		}
		next := p + 1
		if w := lower(s.Tokens, next); w == "on" || w == "in" {
			next++
		}
		for ti, tx := range s.Timexes {
			if first, _ := timexTokens(s, tx); first == next && !used[ti] && pointInTime(tx) {
				dates[k], used[ti] = tx.Value, true
				break
			}
		}
	}
}

func pastParticiple(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) || w == "held" || w == "made" || w == "set"
}

// withoutBounds returns the sentence without the time expressions that
// bound a range ("since 1990", "until March"): they date no happening.
func withoutBounds(s *Sentence) *Sentence {
	var keep []timex.Timex
	for _, tx := range s.Timexes {
		first, _ := timexTokens(s, tx)
		switch lower(s.Tokens, first-1) {
		case "since", "until", "till":
			if first >= 0 {
				continue
			}
		}
		keep = append(keep, tx)
	}
	if len(keep) == len(s.Timexes) {
		return s
	}
	c := *s
	c.Timexes = keep
	return &c
}

// includedIn returns the plural noun trigger that trigger k is named as one
// of ("attacks, including the bombing"), -1 if none: "including" comes
// before k's noun phrase, right after the plural and a comma.
func includedIn(s *Sentence, trigs []trigger, k int) int {
	tr := trigs[k]
	if !tr.info.noun || k == 0 {
		return -1
	}
	inc := -1
	for i := tr.tok - 1; i >= max(0, tr.tok-4); i-- {
		if lower(s.Tokens, i) == "including" {
			inc = i
			break
		}
	}
	if inc < 0 {
		return -1
	}
	p := trigs[k-1]
	end := p.tok + p.n
	if !p.info.noun || !strings.HasSuffix(lower(s.Tokens, end-1), "s") {
		return -1
	}
	if end == inc || end+1 == inc && lower(s.Tokens, end) == "," {
		return k - 1
	}
	return -1
}

// notHabitual drops the triggers that tell what happens again and again,
// not a happening: the one nearest a set expression ("Orangemen march each
// July", "they meet every year"), within a few words of it, and a noun after
// a word of frequency ("the annual parades").
func notHabitual(s *Sentence, trigs []trigger) []trigger {
	const near = 5
	habitual := make([]bool, len(trigs))
	for _, tx := range s.Timexes {
		if tx.Type != "SET" {
			continue
		}
		first, last := timexTokens(s, tx)
		if first < 0 {
			continue
		}
		best, bestDist := -1, near+1
		for k, tr := range trigs {
			d := distance(tr.tok, tr.tok+tr.n, first, last+1)
			if d < bestDist {
				best, bestDist = k, d
			}
		}
		if best >= 0 {
			habitual[best] = true
		}
	}
	out := trigs[:0]
	for k, tr := range trigs {
		if habitual[k] || frequencyWords[lower(s.Tokens, tr.tok-1)] {
			continue
		}
		out = append(out, tr)
	}
	return out
}

var frequencyWords = map[string]bool{"annual": true, "yearly": true, "monthly": true, "weekly": true, "daily": true, "nightly": true, "regular": true, "routine": true}

func distance(a0, a1, b0, b1 int) int {
	switch {
	case b1 <= a0:
		return a0 - b1
	case b0 >= a1:
		return b0 - a1
	}
	return 0
}

// passive reports a verb trigger in the passive voice: a past participle
// after a form of "be" ("was kidnapped", "had been arrested", "were
// reportedly killed").
func passive(toks []Token, i int) bool {
	w := lower(toks, i)
	if !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "en") && w != "shot" && w != "struck" && w != "held" && w != "met" {
		return false
	}
	for k := i - 1; k >= max(0, i-3); k-- {
		switch lower(toks, k) {
		case "was", "were", "is", "are", "be", "been", "being", "got", "get":
			return true
		case "reportedly", "allegedly", "also", "later", "not", "never", "recently", "apparently", "then":
			continue
		}
		return false
	}
	return false
}

// unrealized reports a verb trigger that speaks of what is yet to happen:
// an infinitive ("agreed to meet") or a future or a modal ("will meet",
// "may visit").
func unrealized(toks []Token, i int) bool {
	for k := i - 1; k >= max(0, i-3); k-- {
		switch lower(toks, k) {
		case "to":
			return k == i-1
		case "will", "'ll", "shall", "may", "must", "should", "can", "cannot":
			return true
		case ",", ";", "and", "but":
			return false
		}
	}
	return false
}

// nounUse decides whether a trigger that can be a noun or a verb
// ("attacks", "visit") is a noun here: after a determiner, a possessive or a
// name that modifies it ("the attacks", "Russia's overtures", "Paris
// attacks"), at the start of a sentence or after a preposition.
func nounUse(toks []Token, i int, t triggerInfo) bool {
	if !t.verb {
		return true
	}
	if !t.noun {
		return false
	}
	if i == 0 {
		return true
	}
	prev := toks[i-1].Text
	switch strings.ToLower(prev) {
	case "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
		"'s", "’s", "of", "in", "on", "after", "before", "during", "since", "following", "amid", "against", "for", "by",
		"new", "latest", "first", "last", "deadly", "recent", "further", "more", "such", "any", "no", "some",
		"terror", "terrorist", "suicide", "air", "military", "several", "two", "three", "many":
		return true
	}
	r := []rune(prev)
	return len(r) > 0 && unicode.IsUpper(r[0]) && i > 1
}

// bareGerund reports an -ing noun trigger used as a verb: "bombing rebels"
// (not "the bombing", "a suicide bombing").
func bareGerund(toks []Token, i int) bool {
	w := lower(toks, i)
	if !strings.HasSuffix(w, "ing") {
		return false
	}
	// "the 1996 Olympic bombing": past the two words before it, the
	// determiner may come before numbers and names.
	mods := true
	for k := i - 1; k >= max(0, i-4); k-- {
		if k < i-2 && !mods {
			break
		}
		switch lower(toks, k) {
		case "the", "a", "an", "this", "that", "its", "his", "her", "their", "'s", "’s", "suicide", "deadly", "latest":
			return false
		}
		mods = mods && nounModifier(toks[k].Text)
	}
	return true
}

// nounModifier reports a word that may stand between a determiner and its
// noun without making a verb of it: a number or a capitalized name.
func nounModifier(w string) bool {
	r := []rune(w)
	return len(r) > 0 && (unicode.IsUpper(r[0]) || unicode.IsDigit(r[0]))
}

// inTimex reports a token inside a time expression ("March 1996").
func inTimex(s *Sentence, tok int) bool {
	t := s.Tokens[tok]
	for _, tx := range s.Timexes {
		if t.Start >= tx.Start && t.End <= tx.End {
			return true
		}
	}
	return false
}

func inEntity(s *Sentence, tok int) bool {
	for _, e := range s.Entities {
		if tok >= e.Start && tok < e.End && !e.Demonym {
			return true
		}
	}
	return false
}

// hypothetical reports a trigger that speaks of what may happen, not of what
// happened ("possible future terror attacks", "wary of an attack").
func hypothetical(toks []Token, i int) bool {
	for k := max(0, i-5); k < i; k++ {
		switch strings.ToLower(toks[k].Text) {
		case "possible", "future", "potential", "threatening", "threatened", "wary", "fear", "fears", "risk", "prevent", "avoid", "could", "might", "would":
			return true
		}
	}
	return false
}

func lower(toks []Token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return strings.ToLower(toks[i].Text)
}

var placePreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "outside": true, "over": true, "across": true}
var nonSubjectPreps = map[string]bool{"in": true, "at": true, "near": true, "of": true, "to": true, "from": true, "with": true, "by": true,
	"for": true, "on": true, "against": true, "about": true, "over": true, "into": true, "across": true, "between": true, "among": true}

// build fills an event's arguments from the entities around its trigger.
// Without a parse, it reads the words around the trigger: a subject before a
// verb, modifiers before a noun ("Russian airstrikes", "the Paris attacks",
// "the G20 summit", "Russia's overtures"), the subject of a support verb
// ("Russia began launching airstrikes"), "by X", "against X", "in X".
func build(s *Sentence, tr trigger, date string, lastPerson *Entity, ta *treeArgs) Event {
	first, last := tr.tok, tr.tok+tr.n-1
	ev := Event{
		Type: tr.info.typ, CAMEO: tr.info.cameo, Date: date, Sentence: s.Index,
		Trigger: strings.ToLower(joinTokens(s.Tokens[first : last+1])),
		Start:   s.Tokens[first].Start, End: s.Tokens[last].End, Noun: tr.info.noun, Alt: tr.info.alt,
	}
	switch lower(s.Tokens, first-1) {
	case "its", "their", "his", "her":
		ev.Anaphor = tr.info.noun
	}
	var agent, target, place *Entity
	var others []*Entity
	prevWord := func(e *Entity) string { return lower(s.Tokens, e.Start-1) }
	// attributive: a demonym right before another name ("French President Hollande").
	attributive := func(e *Entity) bool {
		if !e.Demonym {
			return false
		}
		for k := range s.Entities {
			o := &s.Entities[k]
			if o.Start >= e.End && o.Start-e.End <= 2 && o != e {
				return true
			}
		}
		return false
	}
	clause := clauseStart(s.Tokens, first)
	relative := first > 0 && isRelative(lower(s.Tokens, first-1))
	placeTypes := map[string]bool{"attack": true, "protest": true, "disaster": true, "election": true}

	named := ""
	if tr.info.noun {
		for k := len(s.Entities) - 1; k >= 0; k-- {
			e := &s.Entities[k]
			gap := first - e.End
			if e.End > first || gap > 1 {
				continue
			}
			possessive := false
			if gap == 1 {
				w := lower(s.Tokens, e.End)
				possessive = w == "'s" || w == "’s"
				if !possessive && !modifierGap(w) {
					break
				}
			}
			switch {
			case possessive && patientNoun(ev.Trigger):
				target = e
			case e.Demonym || possessive:
				agent = e
			case e.Kind == "" && tr.info.people:
				// "Catholic protesters" are no named event.
			case e.Kind == "" || tr.info.typ == "meeting" && e.Kind == graph.Organization:
				named = e.Name
				if e.Kind != "" {
					others = append(others, e)
				}
			case e.Kind == graph.Place && placeTypes[tr.info.typ]:
				place = e
			default:
				agent = e
			}
			break
		}
		// "Russia began launching airstrikes": the subject of a support verb.
		if agent == nil {
			if v := supportVerb(s.Tokens, first); v >= 0 {
				agent = subjectBefore(s, v, clause)
			}
		}
		// "attacks by militants"
		if agent == nil && lower(s.Tokens, last+1) == "by" {
			for k := range s.Entities {
				if e := &s.Entities[k]; e.Start == last+2 || e.Start == last+3 {
					agent = e
					break
				}
			}
		}
	} else if !relative {
		agent = subjectBefore(s, first, clause)
		// "Howes was kidnapped by the Khmer Rouge": the subject of a
		// passive verb is its target, and "by" names the agent.
		if passive(s.Tokens, first) {
			target, agent = agent, nil
			if lower(s.Tokens, last+1) == "by" {
				for k := range s.Entities {
					if e := &s.Entities[k]; e.Start == last+2 || e.Start == last+3 {
						agent = e
						break
					}
				}
			}
		}
	}
	for k := range s.Entities {
		e := &s.Entities[k]
		if e == agent || e == place || e.Kind == "" || attributive(e) {
			continue
		}
		pw := prevWord(e)
		switch {
		case e.End <= first:
			if placePreps[pw] && e.Kind == graph.Place && place == nil && e.Start >= clause && first-e.End <= 8 {
				place = e
			}
		case e.Start > last:
			dist := e.Start - last
			switch {
			case placePreps[pw] && e.Kind == graph.Place && place == nil && dist <= 8:
				place = e
			case (pw == "against" || pw == "on" && tr.info.typ == "sanction") && target == nil && dist <= 6:
				target = e
			case (pw == "to" || pw == "with") && tr.info.typ == "meeting" && target == nil && dist <= 6:
				target = e
			case !tr.info.noun && target == nil && dist <= 3 && !nonSubjectPreps[pw] && e != agent:
				target = e
			}
		}
	}
	if ta != nil {
		if ta.agent != nil || ta.subject || ta.common {
			agent = ta.agent
		}
		if ta.target != nil {
			target = ta.target
		}
		if ta.place != nil {
			place = ta.place
		}
		if ta.named != "" && named == "" {
			named = ta.named
			others = append(others, ta.others...)
		}
	}
	// "he met", "his visit": the last person named before the pronoun.
	// The pronoun is the one acted upon when the verb is passive ("he was
	// abducted") or the noun's possessor undergoes it ("his capture").
	undergoer := !tr.info.noun && passive(s.Tokens, first) || tr.info.noun && patientNoun(ev.Trigger)
	if undergoer && target == nil || !undergoer && agent == nil {
		if p := pronounBefore(s.Tokens, first, clause, tr.info.noun); p >= 0 {
			who := lastPerson
			for k := range s.Entities {
				if e := &s.Entities[k]; e.Kind == graph.Person && e.End <= p {
					who = e
				}
			}
			if undergoer {
				target = who
			} else {
				agent = who
			}
		}
	}
	// "a telegram sent to French President Francois Hollande": the one met
	// or written to, past titles.
	if target == nil && tr.info.typ == "meeting" {
		for k := last + 1; k <= last+3 && k < len(s.Tokens); k++ {
			if w := lower(s.Tokens, k); w != "to" && w != "with" {
				continue
			}
			for j := range s.Entities {
				e := &s.Entities[j]
				if e.Start > k && e.Start-k <= 4 && e != agent && e.Kind != "" && !attributive(e) {
					target = e
					break
				}
			}
			break
		}
	}
	// A noun trigger opening the sentence ("In a telegram sent to Hollande,
	// Putin said") takes the main clause's subject as its agent.
	if agent == nil && tr.info.noun && tr.info.typ == "meeting" && first < 4 {
		for k := range s.Entities {
			e := &s.Entities[k]
			if e.Start > last && e != target && e != place && e.Kind == graph.Person && !nonSubjectPreps[prevWord(e)] && !e.Demonym {
				agent = e
				break
			}
		}
	}
	// "those who blew up Paris": an attack on a place happened there.
	if tr.info.typ == "attack" && target != nil && target.Kind == graph.Place && !target.Demonym && place == nil {
		place, target = target, nil
	}
	// "NATO was expanded to include Spain": Spain joins, NATO is joined.
	if tr.info.joiners {
		joined := agent
		if joined == nil {
			joined = target
		}
		agent, target = s.EntityAt(last+1), nil
		if agent != nil && agent.Kind == "" {
			agent = nil
		}
		if joined != nil && joined != agent {
			others = append(others, joined)
		}
	}
	if agent != nil && agent == target || place != nil && place == target {
		target = nil
	}
	// "asked the appeals court to suspend a ruling": an appeal to a court
	// is a court motion.
	if ev.Type == "appeal" && target != nil && isCourt(target.Name) {
		ev.Type, ev.CAMEO = "legal", ""
	}
	if agent != nil {
		ev.Participants = append(ev.Participants, graph.DeltaParticipant{Entity: agent.ID, Role: graph.RoleAgent})
	}
	if target != nil {
		ev.Participants = append(ev.Participants, graph.DeltaParticipant{Entity: target.ID, Role: graph.RoleTarget})
	}
	for _, e := range others {
		if e != agent && e != target {
			ev.Participants = append(ev.Participants, graph.DeltaParticipant{Entity: e.ID, Role: graph.RoleOther})
		}
	}
	if place != nil {
		ev.Place = place.ID
	}
	// The label: "G20 summit", "Russia airstrikes in Syria".
	if named != "" {
		ev.Named = true
		ev.Label = named + " " + ev.Trigger
		return ev
	}
	var b strings.Builder
	if agent != nil {
		b.WriteString(agent.Name + " ")
	}
	b.WriteString(ev.Trigger)
	if target != nil {
		b.WriteString(" " + target.Name)
	}
	if place != nil {
		b.WriteString(" in " + place.Name)
	}
	ev.Label = b.String()
	return ev
}

// isCourt reports the name of a court or a tribunal.
func isCourt(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if w == "court" || w == "tribunal" {
			return true
		}
	}
	return false
}

// pronounBefore finds "he"/"she" as the subject just before a verb trigger
// ("he met", "he later met"), or "his"/"her" right before a noun trigger
// ("his visit"); -1 when there is none.
func pronounBefore(toks []Token, i, clause int, noun bool) int {
	if noun {
		if w := lower(toks, i-1); w == "his" || w == "her" {
			return i - 1
		}
		return -1
	}
	for k := i - 1; k >= max(clause, i-4); k-- {
		switch lower(toks, k) {
		case "he", "she":
			return k
		case ",", "and", "but", "who", "which", "that":
			return -1
		}
	}
	return -1
}

// clauseStart is the first token of the clause holding token i: after the
// last relative pronoun or semicolon before it.
func clauseStart(toks []Token, i int) int {
	for k := i - 1; k >= 0; k-- {
		w := lower(toks, k)
		if w == ";" || isRelative(w) {
			return k + 1
		}
	}
	return 0
}

func isRelative(w string) bool { return w == "who" || w == "which" || w == "that" || w == "whom" }

// subjectBefore is the nearest entity before token i, within the clause,
// that is not the object of a preposition.
func subjectBefore(s *Sentence, i, clause int) *Entity {
	var best *Entity
	for k := range s.Entities {
		e := &s.Entities[k]
		if e.End > i || e.Start < clause || i-e.End > 10 || e.Kind == "" {
			continue
		}
		if nonSubjectPreps[lower(s.Tokens, e.Start-1)] {
			continue
		}
		if lower(s.Tokens, e.End) == "'s" || lower(s.Tokens, e.End) == "’s" {
			continue
		}
		best = e
	}
	return best
}

var supportVerbs = map[string]bool{"launch": true, "launched": true, "launching": true, "launches": true, "began": true,
	"carried": true, "carrying": true, "conducted": true, "conducting": true, "staged": true, "held": true, "holding": true,
	"gave": true, "giving": true, "imposed": true, "imposing": true, "made": true, "signed": true, "mounted": true, "sent": true, "stepped": true}

// supportVerb finds a support verb in the three tokens before a noun trigger.
func supportVerb(toks []Token, i int) int {
	for k := i - 1; k >= max(0, i-3); k-- {
		if supportVerbs[lower(toks, k)] {
			return k
		}
	}
	return -1
}

func modifierGap(w string) bool {
	switch w {
	case "'s", "’s", "-", "terror", "terrorist", "military", "air", "bomb", "suicide", "deadly", "official":
		return true
	}
	return false
}

func joinTokens(ts []Token) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Text
	}
	return strings.Join(parts, " ")
}

// patientNouns are nominal triggers whose possessor undergoes the event:
// "his capture", "Howes' abduction", "her appointment" (but "Russia's
// airstrikes", "his visit").
var patientNouns = map[string]bool{"capture": true, "abduction": true, "kidnapping": true, "arrest": true, "detention": true,
	"killing": true, "assassination": true, "murder": true, "slaying": true, "death": true, "funeral": true,
	"appointment": true, "nomination": true, "dismissal": true, "ouster": true, "promotion": true, "extradition": true,
	"expulsion": true, "deportation": true, "trial": true, "conviction": true, "indictment": true, "rescue": true,
	"evacuation": true, "custody": true}

func patientNoun(trigger string) bool {
	return patientNouns[trigger] || patientNouns[strings.TrimSuffix(trigger, "s")]
}

// nounOnly reports a verb-only trigger used as a noun, which names a thing
// and not a happening ("a bomb"): right after a determiner.
func nounOnly(s *Sentence, i int) bool {
	switch lower(s.Tokens, i-1) {
	case "a", "an", "the", "this", "that", "these", "those":
		return true
	}
	return false
}

// datesOtherVerb reports a time expression whose head the tree attaches to
// a reporting verb ("said Thursday") that is no trigger's support verb.
func datesOtherVerb(s *Sentence, tx timex.Timex, args []treeArgs) bool {
	h := nonTriggerHead(s, tx, args)
	// "said privately Thursday": the parser may hang the date on the
	// verb's adverb.
	if h >= 0 && s.Syntax.Deprel[h] == "advmod" && s.Syntax.Head[h] >= 0 {
		h = s.Syntax.Head[h]
	}
	return h >= 0 && reportingVerbs[lower(s.Tokens, h)] || afterReporting(s, tx) >= 0
}

// afterReporting returns the reporting verb that a time expression comes
// right after ("said Thursday", "said here Friday"), -1 if none. News
// dates a statement so, whatever clause comes next ("said Thursday he
// has sent a team"), and a parser may hang such a date anywhere in that
// clause; only a possessive makes it a modifier of the next noun ("said
// Thursday's attack").
func afterReporting(s *Sentence, tx timex.Timex) int {
	first, last := timexTokens(s, tx)
	if first < 0 {
		return -1
	}
	if w := lower(s.Tokens, last+1); w == "'s" || w == "’s" {
		return -1
	}
	k := first - 1
	if lower(s.Tokens, k) == "here" {
		k--
	}
	if k >= 0 && reportingVerbs[lower(s.Tokens, k)] {
		return k
	}
	return -1
}

// verbOf returns the verb the tree attaches a time expression to when it
// is no trigger's head or support verb, -1 otherwise.
func verbOf(s *Sentence, tx timex.Timex, args []treeArgs) int {
	h := nonTriggerHead(s, tx, args)
	if h < 0 || s.Syntax.UPOS[h] != "VERB" {
		return -1
	}
	return h
}

// timeClause returns the clause whose time that of clause v is: a
// participle modifying a word has no tense of its own ("he was in Kansas
// City working with the underground in 1968 when troops swept through
// Prague": 1968 is the time of his stay, and of the sweep), nor has a
// "when" or "while" clause one apart from the clause it modifies ("the
// policies that led to the deaths ... when the group held power in the
// 1970s"). A relative clause keeps its own ("trade, which fell last
// year").
func timeClause(t *Syntax, toks []Token, v int) int {
	for step := 0; step < 3 && v >= 0 && t.Head[v] >= 0; step++ {
		switch t.Deprel[v] {
		case "acl":
			if w := lower(toks, v); !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") {
				return v
			}
			v = t.Head[v]
		case "advcl", "acl:relcl":
			// The parser may hang a "when" clause on a noun ("the deaths
			// of many people when ..."): it still dates the predicate.
			if !simultaneous(t, toks, v) {
				return v
			}
			v = t.Head[v]
			for k := 0; k < 4 && t.UPOS[v] != "VERB" && t.Head[v] >= 0; k++ {
				v = t.Head[v]
			}
		default:
			return v
		}
	}
	return v
}

// simultaneous reports a clause introduced by "when", "while" or "as".
func simultaneous(t *Syntax, toks []Token, v int) bool {
	for k := range t.Head {
		if t.Head[k] == v && k < v && (t.Deprel[k] == "mark" || t.Deprel[k] == "advmod") {
			switch lower(toks, k) {
			case "when", "while", "as":
				return true
			}
		}
	}
	return false
}

// nonTriggerHead returns the token the tree attaches a time expression to,
// unless it is a trigger's head or support verb (or there is none): -1.
func nonTriggerHead(s *Sentence, tx timex.Timex, args []treeArgs) int {
	t := s.Syntax
	first, last := timexTokens(s, tx)
	if first < 0 {
		return -1
	}
	h := t.Head[spanHead(t, first, last)]
	if h < 0 {
		return -1
	}
	for _, a := range args {
		if h == a.head || h == a.support {
			return -1
		}
	}
	return h
}

// inClause reports whether token k lies in clause v and not in a
// relative clause within it, which keeps its own time ("the man who
// hurled a grenade before the bomb exploded was identified Thursday").
// A clause whose subject is a relative pronoun ("who had been arrested")
// is one, whatever relation the parser gives it.
func inClause(t *Syntax, toks []Token, k, v int) bool {
	for step := 0; k >= 0 && step < len(t.Head); step++ {
		if k == v {
			return true
		}
		if t.Deprel[k] == "acl:relcl" || relativeSubject(t, toks, k) {
			return false
		}
		k = t.Head[k]
	}
	return false
}

// relativeSubject reports a verb whose subject is a relative pronoun.
func relativeSubject(t *Syntax, toks []Token, v int) bool {
	for k := range t.Head {
		if t.Head[k] == v && baseRel(t.Deprel[k]) == "nsubj" && t.UPOS[k] == "PRON" && isRelative(lower(toks, k)) {
			return true
		}
	}
	return false
}

// reportingVerbs tell a statement; they are never triggers.
var reportingVerbs = map[string]bool{"said": true, "says": true, "say": true, "told": true, "tells": true, "reported": true,
	"reports": true, "announced": true, "announces": true, "added": true, "stated": true, "declared": true, "concluded": true,
	"noted": true, "explained": true, "insisted": true, "acknowledged": true, "quoted": true}

func attackModifier(w string) bool {
	switch w {
	case "terrorist", "terror", "bomb", "suicide", "car-bomb":
		return true
	}
	return false
}

// statementOccasion fills a meeting noun that is the occasion of a
// statement ("X said Thursday in an interview", "said Freeh at a press
// conference"): the speaker holds it, on the day the statement is dated.
// Without a date in the sentence the event is marked Occasion, for the
// date of the statement before.
func statementOccasion(s *Sentence, ev *Event, h int) {
	t := s.Syntax
	if ev.Type != "meeting" || !ev.Noun || h < 0 || t.Head[h] < 0 {
		return
	}
	switch baseRel(t.Deprel[h]) {
	case "obl", "nmod", "advcl":
	default:
		return
	}
	switch caseWord(s, h) {
	case "in", "at", "during", "to", "on":
	default:
		return
	}
	v := t.Head[h]
	// "said Freeh at a news conference": the parser may hang the occasion
	// on the speaker.
	if t.Deprel[v] == "nsubj" && t.Head[v] >= 0 {
		v = t.Head[v]
	}
	if !reportingVerbs[lower(s.Tokens, v)] {
		return
	}
	if !hasRole(ev, graph.RoleAgent) {
		if e := speakerOf(s, v); e != nil && e.Kind != "" && !e.Demonym {
			ev.Participants = append([]graph.DeltaParticipant{{Entity: e.ID, Role: graph.RoleAgent}}, ev.Participants...)
		}
	}
	if ev.Date != "" {
		return
	}
	for _, tx := range s.Timexes {
		if pointInTime(tx) && attachedTo(s, tx, v) {
			ev.Date = tx.Value
			return
		}
	}
	ev.Occasion = true
}

// speakerOf returns the entity that makes the statement of reporting verb
// v: its subject or, when the quote comes first and the speaker after the
// verb ("'...,' said Freeh"), the name right after the verb, which a parser
// may take for an object. "told" and "quoted" have their object for
// hearer or source.
func speakerOf(s *Sentence, v int) *Entity {
	t := s.Syntax
	hasQuote := false
	for k := range t.Head {
		if t.Head[k] != v {
			continue
		}
		switch baseRel(t.Deprel[k]) {
		case "nsubj":
			return subjectOf(s, v)
		case "ccomp", "parataxis":
			hasQuote = hasQuote || k < v
		}
	}
	switch lower(s.Tokens, v) {
	case "told", "tells", "quoted":
		return nil
	}
	if !hasQuote {
		return subjectOf(s, v)
	}
	if e := s.EntityAt(v + 1); e != nil && e.Start == v+1 && t.Head[spanHead(t, e.Start, e.End-1)] == v {
		return e
	}
	return nil
}

func hasRole(ev *Event, role string) bool {
	for _, p := range ev.Participants {
		if p.Role == role {
			return true
		}
	}
	return false
}

// attachedTo reports a time expression whose head the tree attaches to
// token v.
func attachedTo(s *Sentence, tx timex.Timex, v int) bool {
	first, last := timexTokens(s, tx)
	return first >= 0 && (s.Syntax.Head[spanHead(s.Syntax, first, last)] == v || afterReporting(s, tx) == v)
}

// pointInTime reports a time expression that can date a happening: a date
// or a time, not a duration or a set.
func pointInTime(tx timex.Timex) bool { return tx.Type == "DATE" || tx.Type == "TIME" }

// statementDate is the date of a statement the sentence dates ("officials
// said Thursday", "Freeh said here Friday"), "" if none: the time
// expression the tree attaches to a reporting verb, or one right after it.
func statementDate(s *Sentence) string {
	if !slices.ContainsFunc(s.Timexes, pointInTime) {
		return ""
	}
	if s.Syntax == nil && s.Parse != nil {
		s.Syntax, s.Parse = s.Parse(), nil
	}
	tree := s.Syntax.ok(len(s.Tokens))
	for _, tx := range s.Timexes {
		if !pointInTime(tx) {
			continue
		}
		first, last := timexTokens(s, tx)
		if first < 0 {
			continue
		}
		if tree {
			v := s.Syntax.Head[spanHead(s.Syntax, first, last)]
			// "said here Friday": the parser may hang the date on "here".
			if v >= 0 && s.Syntax.Deprel[v] == "advmod" {
				v = s.Syntax.Head[v]
			}
			if v >= 0 && reportingVerbs[lower(s.Tokens, v)] {
				return tx.Value
			}
		}
		if afterReporting(s, tx) >= 0 {
			return tx.Value
		}
	}
	return ""
}

// actsOnSomeone reports a verb trigger in the active voice with an object
// that names people ("they arrested two men", "police arrested six
// Protestants"): a happening told in full though no name takes part.
func actsOnSomeone(s *Sentence, tr trigger, h int) bool {
	t := s.Syntax
	if tr.info.noun || t.UPOS[h] != "VERB" || passive(s.Tokens, tr.tok) {
		return false
	}
	for k := range t.Head {
		if t.Head[k] == h && t.Deprel[k] == "obj" && (t.UPOS[k] == "NOUN" || t.UPOS[k] == "PROPN") {
			for j := range t.Head {
				if t.Head[j] == k && t.Deprel[j] == "nummod" {
					return true
				}
			}
		}
	}
	return false
}
