package extract

import (
	"slices"
	"strings"

	"kg/graph"
	"kg/ingest/events"
)

// Within-document event coreference: one event per happening. The
// mentions of a document are read in text order; each joins the nearest
// earlier happening it is compatible with and linked to, or starts one of
// its own.
//
// A mention and a happening are compatible when they have the same type
// and nothing in them conflicts: no two different dates (a date that
// refines the other, "1996" and "1996-03-26", is no conflict), places (a
// city within a country, Nairobi and Kenya, is none),
// targets or names, and no two different agents unless a target is
// shared.
//
// They are linked, that is told to be the same, when they
//   - carry the same name ("the G20 summit");
//   - share a participant in the same role ("Howes was kidnapped" ... "the
//     abduction of Howes"), for meetings a target or the same word;
//   - share a place, for happenings that take place somewhere (attacks,
//     protests, disasters, elections);
//   - share a date given to the day;
//   - use the same word, the mention after a possessive pronoun ("NATO was
//     founded" ... "its founding in 1949");
//   - or when either says nothing of its own: a bare mention ("the talks",
//     "the abduction") is the nearest compatible happening of its type.
//
// Speech acts (appeals, accusations, rejections, threats) are each their own
// event: one of them joins another only with the same trigger word and a
// shared participant, or as a bare mention.
//
// A bare noun that joins no happening is dropped: "the talks" alone says
// too little. A bare verb is kept: "two men were arrested" asserts a
// happening, whether or not its participants are named.

// lookBack bounds the happenings of a type a mention is compared with,
// nearest first, so that the work stays linear in the number of mentions.
const lookBack = 32

// happening is an event of the document being built from its mentions.
type happening struct {
	ev       graph.DeltaEvent
	named    string // lower-case name of a named event
	words    map[string]bool
	bare     bool // no mention gave a participant, place, name or date
	noun     bool // every mention is a noun
	mentions int
}

// within reports whether place a lies within place b (Nairobi within
// Kenya); nil knows no place within another.
type within func(a, b string) bool

// samePlace reports whether two places may be the place of one happening:
// either is unknown, they are equal, or one lies within the other.
func (in within) samePlace(a, b string) bool {
	return a == "" || b == "" || a == b || in != nil && (in(a, b) || in(b, a))
}

func corefer(found []events.Event, evidence func(int) graph.Evidence, in within) []graph.DeltaEvent {
	var hs []*happening
	byType := map[string][]int{} // type -> indexes in hs, in creation order
	for i := range found {
		e := &found[i]
		best := -1
		// A mention that may tell a happening of another type (the
		// "capture" of a hostage) joins one it shares a participant or
		// place with.
		if e.Alt != "" && !e.Bare {
			list := byType[e.Alt]
			for k := len(list) - 1; k >= 0 && k >= len(list)-lookBack; k-- {
				if h := hs[list[k]]; !h.bare && compatibleAs(h, e, e.Alt, in) && involves(h, e, in) {
					best = list[k]
					break
				}
			}
		}
		list := byType[e.Type]
		for k := len(list) - 1; k >= 0 && k >= len(list)-lookBack && best < 0; k-- {
			h := hs[list[k]]
			if compatibleAs(h, e, e.Type, in) && linked(h, e, in) {
				best = list[k]
				break
			}
		}
		// A bare mention that may tell a happening of another type ("the
		// blast" after a bombing) and finds none of its own type tells the
		// nearest one of the other.
		if best < 0 && e.Alt != "" && e.Bare {
			list := byType[e.Alt]
			for k := len(list) - 1; k >= 0 && k >= len(list)-lookBack; k-- {
				if h := hs[list[k]]; !h.bare && compatibleAs(h, e, e.Alt, in) {
					best = list[k]
					break
				}
			}
		}
		if best < 0 {
			h := &happening{bare: e.Bare, noun: true, words: map[string]bool{}}
			h.ev = graph.DeltaEvent{Type: e.Type, CAMEO: e.CAMEO, Label: e.Label, Date: e.Date, Place: e.Place}
			if e.Named {
				h.named = strings.ToLower(e.Label)
			}
			hs = append(hs, h)
			best = len(hs) - 1
			byType[e.Type] = append(byType[e.Type], best)
		}
		hs[best].add(e, evidence(e.Sentence), in)
	}
	var out []graph.DeltaEvent
	for _, h := range hs {
		if h.bare && h.mentions < 2 && h.noun {
			continue
		}
		o := h.ev
		// A place is not also the target of its own event ("the killings
		// in Paris" and "those who blew up Paris").
		if o.Place != "" {
			o.Participants = slices.DeleteFunc(o.Participants, func(p graph.DeltaParticipant) bool {
				return p.Role == graph.RoleTarget && p.Entity == o.Place
			})
		}
		out = append(out, o)
	}
	return out
}

// add records a mention of the happening.
func (h *happening) add(e *events.Event, ev graph.Evidence, in within) {
	o := &h.ev
	if h.mentions > 0 {
		if refines(o.Date, e.Date) {
			o.Date = e.Date
		}
		// The most specific place: Nairobi rather than Kenya.
		if o.Place == "" || e.Place != "" && in != nil && in(e.Place, o.Place) {
			o.Place = e.Place
		}
		if e.Named && h.named == "" {
			h.named = strings.ToLower(e.Label)
			o.Label = e.Label
		} else if h.named == "" && len(e.Label) > len(o.Label) {
			o.Label = e.Label
		}
	}
	for _, p := range e.Participants {
		if !hasParticipant(o.Participants, p) {
			o.Participants = append(o.Participants, p)
		}
	}
	h.words[triggerWord(e.Trigger)] = true
	h.bare = h.bare && e.Bare
	h.noun = h.noun && e.Noun
	h.mentions++
	o.Evidence = appendEvidence(o.Evidence, ev)
}

// triggerWord is a trigger without its plural or verb ending, for comparing
// the words two mentions use.
func triggerWord(t string) string {
	t = strings.ToLower(t)
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if w, ok := strings.CutSuffix(t, suf); ok && len(w) > 3 {
			return w
		}
	}
	return t
}

// sameWord reports whether a mention uses a word of the happening's
// mentions or one of its derivations ("inspected", "inspection").
func (h *happening) sameWord(trigger string) bool {
	w := triggerWord(trigger)
	if h.words[w] {
		return true
	}
	for x := range h.words {
		if len(x) >= 4 && len(w) >= 4 && (strings.HasPrefix(x, w) || strings.HasPrefix(w, x)) {
			return true
		}
	}
	return false
}

// day strips a time of day from a date.
func day(d string) string {
	if k := strings.IndexByte(d, 'T'); k >= 0 {
		return d[:k]
	}
	return d
}

// datesAgree reports whether two dates may be the date of one happening:
// either is unknown, or one refines the other ("1996", "1996-03-26").
func datesAgree(a, b string) bool {
	a, b = day(a), day(b)
	return a == "" || b == "" || strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// refines reports whether date b says more than date a of one happening.
func refines(a, b string) bool {
	return b != "" && datesAgree(a, b) && len(day(b)) > len(day(a))
}

func roleSet(ps []graph.DeltaParticipant, role string) map[string]bool {
	m := map[string]bool{}
	for _, p := range ps {
		if p.Role == role {
			m[p.Entity] = true
		}
	}
	return m
}

func meets(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// compatibleAs is compatible for a mention read as of type typ.
func compatibleAs(h *happening, e *events.Event, typ string, in within) bool {
	o := &h.ev
	if o.Type != typ || !datesAgree(o.Date, e.Date) {
		return false
	}
	if !in.samePlace(o.Place, e.Place) {
		return false
	}
	if e.Named && h.named != "" && h.named != strings.ToLower(e.Label) {
		return false
	}
	ht, et := roleSet(o.Participants, graph.RoleTarget), roleSet(e.Participants, graph.RoleTarget)
	if len(ht) > 0 && len(et) > 0 && !meets(ht, et) {
		return false
	}
	ha, ea := roleSet(o.Participants, graph.RoleAgent), roleSet(e.Participants, graph.RoleAgent)
	if len(ha) > 0 && len(ea) > 0 && !meets(ha, ea) && !meets(ht, et) {
		return false
	}
	return true
}

// speechAct types are each their own event, even when one speaker makes
// several.
var speechAct = map[string]bool{"appeal": true, "accusation": true, "rejection": true, "threat": true}

// located types happen at a place that identifies them.
var located = map[string]bool{"attack": true, "protest": true, "disaster": true, "election": true}

// involves reports whether a mention names an entity of the happening,
// whatever its role, or puts it at the happening's place.
func involves(h *happening, e *events.Event, in within) bool {
	for _, p := range e.Participants {
		for _, q := range h.ev.Participants {
			if p.Entity == q.Entity {
				return true
			}
		}
	}
	return e.Place != "" && h.ev.Place != "" && in.samePlace(e.Place, h.ev.Place)
}

func linked(h *happening, e *events.Event, in within) bool {
	o := &h.ev
	sameWord := h.sameWord(e.Trigger)
	// "other" gathers unlike happenings (a breakup, an exercise, an
	// inspection): only the same word tells one again.
	if e.Type == "other" && !sameWord {
		return false
	}
	if h.bare || e.Bare {
		return true
	}
	// "NATO was founded ..." and "its founding in 1949": the same word
	// after a possessive pronoun tells again the happening told before.
	if e.Anaphor && sameWord {
		return true
	}
	if e.Named && h.named != "" {
		return h.named == strings.ToLower(e.Label)
	}
	// A shared target is the same happening, and so is a shared agent or
	// other participant, except for meetings told with another word: one
	// person gives an interview and sends a telegram, visits a country and
	// meets its president.
	shared, sharedTarget := false, false
	for _, p := range e.Participants {
		if hasParticipant(o.Participants, p) {
			shared = true
			sharedTarget = sharedTarget || p.Role == graph.RoleTarget
		}
	}
	if speechAct[e.Type] {
		return shared && sameWord
	}
	// Another word with only an agent shared tells the same happening
	// ("kidnapped" and "killed" by the Khmer Rouge), but not in the plural:
	// "attacks by Hun Sen's troops" are a series, not his coup.
	series := !sameWord && strings.HasSuffix(strings.ToLower(e.Trigger), "s") && !strings.HasSuffix(strings.ToLower(e.Trigger), "ss")
	if sharedTarget || shared && (sameWord || e.Type != "meeting" && !series) {
		return true
	}
	if located[e.Type] && e.Place != "" && o.Place != "" && in.samePlace(e.Place, o.Place) {
		return true
	}
	// The same word dated twice, one date within the other ("a coup last
	// year", "the coup in July last year").
	if sameWord && e.Date != "" && o.Date != "" {
		return true
	}
	return len(day(e.Date)) == len("2006-01-02") && day(e.Date) == day(o.Date)
}
