// Package extract turns one document into a graph.Delta: sentences and
// tokens, named entities resolved within the document and linked to the
// gazetteer, time expressions, events with their arguments, and
// co-occurrence relations, each with its evidence. It never touches the
// store.
package extract

import (
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"kg/graph"
	"kg/ingest/depparse"
	"kg/ingest/events"
	"kg/ingest/gazetteer"
	"kg/ingest/ner"
	"kg/ingest/relations"
	"kg/ingest/text"
	"kg/ingest/timex"
)

// Extractor runs the extraction components. It is safe for concurrent use.
type Extractor struct {
	NER   ner.Tagger
	Dates timex.Tagger
	Gaz   *gazetteer.Gazetteer
	// Parser tags and parses the sentences that may hold an event or a
	// relation; nil reads arguments from the words around a trigger only.
	// New gives the shipped greedy parser: on kg eval events it reads
	// events as well as the beam parser (F1 74.90 against 74.60, dated
	// recall 82 with both) at twice its speed.
	Parser *depparse.Parser
	// EntitiesOnly leaves out dates, parsing, events and relations: a
	// graph of entities and their co-occurrence, extracted about 4.2
	// times as fast (the whole ingest of Reuters-21578, store included,
	// 1.7 to 1.85 times as fast).
	EntitiesOnly bool

	// parseAll parses every sentence of up to maxParse tokens, not only
	// those events.NeedsTree or the relations ask for: the test that the
	// gate loses nothing compares against it.
	parseAll bool
	// parsed and parsedLate count the sentences parsed up front and on
	// demand (events.Sentence.Parse), for the gate's test.
	parsed, parsedLate atomic.Int64

	// noResolution makes each distinct name its own entity, without
	// surnames, acronyms, demonyms or the gazetteer: the benchmarks measure
	// what resolution costs against it.
	noResolution bool
}

// New returns an Extractor with the default components.
func New() *Extractor {
	g := gazetteer.Default()
	// The trained model, or the rule-based baseline should it fail to load.
	var tagger ner.Tagger = ner.Baseline{Lex: Lexicon{g}}
	if m, err := ner.Default(); err == nil {
		tagger = m
	}
	x := &Extractor{NER: tagger, Dates: timex.New(), Gaz: g}
	if p, err := depparse.Greedy(); err == nil {
		x.Parser = p
	}
	return x
}

// mention is an entity mention before resolution.
type mention struct {
	sent       int
	tok0, tok1 int // token range in the sentence
	start, end int // byte offsets in the document
	text       string
	typ        string // PER, ORG, LOC, MISC
	entity     *local
	demonym    bool
}

// local is an entity of this document.
type local struct {
	graph.DeltaEntity
	votes map[string]int // NER types seen for it
}

// Extract implements ingest.Extractor.
func (x *Extractor) Extract(doc graph.Document) (*graph.Delta, error) {
	d := &graph.Delta{Document: doc}
	sents := text.Split(doc.Text)
	toks := make([][]string, len(sents))
	for i, s := range sents {
		d.Sentences = append(d.Sentences, graph.Span{Start: s.Start, End: s.End})
		words := make([]string, len(s.Tokens))
		for k, t := range s.Tokens {
			words[k] = t.Text
		}
		toks[i] = words
	}
	tags := x.NER.Tag(toks)

	// Mentions from the tagger.
	var ms []*mention
	for i, s := range sents {
		for _, sp := range ner.Spans(tags[i]) {
			start, end := s.Tokens[sp.Start].Start, s.Tokens[sp.End-1].End
			ms = append(ms, &mention{sent: i, tok0: sp.Start, tok1: sp.End, start: start, end: end, text: doc.Text[start:end], typ: sp.Type})
		}
	}
	var ents []*local
	if x.noResolution {
		ents = x.nameOnly(ms, doc.Text)
	} else {
		ents = x.resolve(ms, doc.Text)
	}

	// Mentions and entities of the delta, in first-mention order.
	evidence := func(sent int) graph.Evidence {
		s := sents[sent]
		return graph.Evidence{Document: doc.ID, Sentence: sent, Start: s.Start, End: s.End, Text: doc.Text[s.Start:s.End]}
	}
	for _, e := range ents {
		d.Entities = append(d.Entities, e.DeltaEntity)
	}
	bySent := make([][]*mention, len(sents))
	for _, m := range ms {
		if m.entity == nil {
			continue
		}
		d.Mentions = append(d.Mentions, graph.Mention{Entity: m.entity.ID, Sentence: m.sent, Start: m.start, End: m.end, Text: m.text})
		bySent[m.sent] = append(bySent[m.sent], m)
	}

	// Time expressions, then events and relations.
	if !x.EntitiesOnly {
		txs := eventTimexes(x.Dates.Tag(doc.Text, doc.Published))
		esents := make([]events.Sentence, len(sents))
		ti := 0
		var tree depparse.Tree
		for i, s := range sents {
			es := events.Sentence{Index: i, Start: s.Start, End: s.End, Text: doc.Text[s.Start:s.End]}
			for _, t := range s.Tokens {
				es.Tokens = append(es.Tokens, events.Token{Text: t.Text, Start: t.Start, End: t.End})
			}
			for _, m := range bySent[i] {
				es.Entities = append(es.Entities, events.Entity{ID: m.entity.ID, Kind: m.entity.Kind, Name: m.entity.Name, Start: m.tok0, End: m.tok1, Demonym: m.demonym})
			}
			// Names of events ("G20") are not entities but name events.
			for _, m := range ms {
				if m.sent == i && m.entity == nil && m.typ == "MISC" {
					es.Entities = append(es.Entities, events.Entity{Name: m.text, Start: m.tok0, End: m.tok1})
				}
			}
			sort.Slice(es.Entities, func(a, b int) bool { return es.Entities[a].Start < es.Entities[b].Start })
			for ti < len(txs) && txs[ti].Start < s.Start {
				ti++
			}
			for k := ti; k < len(txs) && txs[k].Start < s.End; k++ {
				es.Timexes = append(es.Timexes, txs[k])
			}
			if x.Parser != nil && len(toks[i]) <= maxParse {
				if x.parseAll || events.NeedsTree(&es) || hasPerson(bySent[i]) && relations.HasCandidate(es.Tokens) {
					es.Syntax = parse(x.Parser, toks[i], &tree)
					x.parsed.Add(1)
				} else {
					es.Parse = func() *events.Syntax {
						x.parsedLate.Add(1)
						return parse(x.Parser, toks[i], &tree)
					}
				}
			}
			esents[i] = es
		}
		// A place lies within a country when the gazetteer gives it that
		// country's code.
		places := map[string]map[string]string{}
		for _, e := range ents {
			if e.Kind == graph.Place {
				places[e.ID] = e.Attrs
			}
		}
		in := func(a, b string) bool {
			pa, pb := places[a], places[b]
			return pa != nil && pb != nil && placeWithin(pa, pb)
		}
		d.Events = corefer(unplanned(events.FindMentions(esents), doc.Published), evidence, in)
		x.addRelations(d, esents, evidence)
	}

	// Co-occurrence: every pair of distinct entities in a sentence, once.
	for i, sm := range bySent {
		ids := map[string]bool{}
		var list []string
		for _, m := range sm {
			if !ids[m.entity.ID] {
				ids[m.entity.ID] = true
				list = append(list, m.entity.ID)
			}
		}
		sort.Strings(list)
		for a := 0; a < len(list); a++ {
			for b := a + 1; b < len(list); b++ {
				d.Relations = append(d.Relations, graph.DeltaRelation{From: list[a], To: list[b], Type: graph.CoOccursWith, Weight: 1, Evidence: []graph.Evidence{evidence(i)}})
			}
		}
	}
	return d, nil
}

// placeWithin reports whether a place (by its gazetteer attributes) lies
// within another: a city or province within its country; anything but a
// region within a region ("Africa", "the Middle East"), whose countries
// the gazetteer does not list: a document that tells a happening in a
// region and in a city of it speaks of one place.
func placeWithin(a, b map[string]string) bool {
	switch b["class"] {
	case "country":
		return a["class"] != "country" && a["class"] != "region" && a["country"] != "" && a["country"] == b["country"]
	case "region":
		return a["class"] != "region" && a["class"] != ""
	}
	return false
}

// eventTimexes keeps the time expressions events are read with: those that
// put something on the calendar (timex.Anchored) date them, and sets ("each
// July", "every year") tell habits that are no happenings.
func eventTimexes(all []timex.Timex) []timex.Timex {
	out := all[:0]
	for _, x := range all {
		anchored := (x.Type == "DATE" || x.Type == "TIME") && strings.ContainsAny(x.Value, "0123456789") && !strings.HasSuffix(x.Value, "_REF")
		if anchored || x.Type == "SET" {
			out = append(out, x)
		}
	}
	return out
}

func appendOnce(list []int, k int) []int {
	for _, x := range list {
		if x == k {
			return list
		}
	}
	return append(list, k)
}

func hasParticipant(ps []graph.DeltaParticipant, p graph.DeltaParticipant) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func appendEvidence(list []graph.Evidence, e graph.Evidence) []graph.Evidence {
	for _, x := range list {
		if x.Sentence == e.Sentence {
			return list
		}
	}
	return append(list, e)
}

// maxParse is the longest sentence parsed, in tokens: longer ones (lists,
// tables, text without punctuation) are read without a tree, so that the
// work stays linear.
const maxParse = 150

// parse tags and parses a sentence's words into a tree of its own.
func parse(p *depparse.Parser, words []string, t *depparse.Tree) *events.Syntax {
	p.Parse(words, t)
	return &events.Syntax{UPOS: append([]string(nil), t.UPOS...), Head: append([]int(nil), t.Head...), Deprel: append([]string(nil), t.Deprel...)}
}

func hasPerson(ms []*mention) bool {
	for _, m := range ms {
		if m.entity.Kind == graph.Person {
			return true
		}
	}
	return false
}

// addRelations adds the relations and titles the parsed sentences give:
// one RELATED_TO edge per pair and predicate with the evidence of every
// sentence that tells it, and the person's titles as its "title"
// attribute.
func (x *Extractor) addRelations(d *graph.Delta, sents []events.Sentence, evidence func(int) graph.Evidence) {
	byKey := map[[3]string]int{}
	titles := map[string][]string{}
	for i := range sents {
		rels, ts := relations.Find(&sents[i])
		for _, r := range rels {
			k := [3]string{r.From, r.To, r.Predicate}
			if j, ok := byKey[k]; ok {
				d.Relations[j].Evidence = appendEvidence(d.Relations[j].Evidence, evidence(r.Sentence))
				continue
			}
			byKey[k] = len(d.Relations)
			d.Relations = append(d.Relations, graph.DeltaRelation{From: r.From, To: r.To, Type: graph.RelatedTo,
				Qualifier: r.Predicate, Weight: 1, Evidence: []graph.Evidence{evidence(r.Sentence)}})
		}
		for _, t := range ts {
			if !slices.Contains(titles[t.Entity], t.Title) {
				titles[t.Entity] = append(titles[t.Entity], t.Title)
			}
		}
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		if ts := titles[e.ID]; len(ts) > 0 {
			if e.Attrs == nil {
				e.Attrs = map[string]string{}
			}
			e.Attrs["title"] = strings.Join(ts, "; ")
		}
	}
}
