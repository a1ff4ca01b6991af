package eval

// The event and entity evaluation: hand-made gold annotations of news
// articles (testdata/events, one JSON file per article; the articles
// themselves are TempEval-3 TimeML files read from ../shared/data) scored
// against kg's extraction of each article, one document at a time, with
// nothing resolved across documents.
//
// Events. A predicted event and a gold event match when their types are
// equal and the sentences of the predicted event's evidence share at least
// one index with the gold event's sentences. Each gold and each predicted
// event is matched at most once: the matching is a maximum bipartite
// matching (augmenting paths), trying for each gold event the predicted
// events that share the most sentences first, then those with the same
// date, then in document order. Precision is matched predicted events over
// predicted events, recall matched gold events over gold events; a second
// predicted event for a happening the gold has once counts against
// precision. Over the matched pairs, argument accuracy counts:
//
//   - agent: the gold event has no agent and the predicted one none, or some
//     predicted agent denotes one of the gold agents;
//   - place: both have none, or the predicted place denotes the gold place;
//   - date: the predicted date, cut before any time of day ("T..."), equals
//     the gold date ("" equals "").
//
// A predicted entity denotes a gold entity when one of its forms (its name
// or the text of one of its mentions) equals the gold name or one of the
// gold aliases after normalization (case folded, periods removed, white
// space collapsed, a leading "the" dropped), whatever their types.
// Dated-event recall is the share of the gold events with a date that are
// matched by a predicted event with that same date.
//
// Entities. A predicted entity matches a gold entity when their types are
// equal and one of its forms equals the gold name or a gold alias after
// normalization; the matching is again one-to-one and maximal. This is
// typed entity precision, recall and F1 after within-document resolution:
// a real thing split into two predicted entities costs precision, two real
// things merged into one cost recall.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"kg/graph"
)

// EventGold is the gold annotation of one article.
type EventGold struct {
	// File is the TimeML file, relative to the TempEval-3 training folder
	// ("TimeBank/APW19980219.0476.tml").
	File string `json:"file"`
	// DCT is the publication date, YYYY-MM-DD.
	DCT      string       `json:"dct"`
	Entities []GoldEntity `json:"entities"`
	Events   []GoldEvent  `json:"events"`
	// Path is the gold file it was read from.
	Path string `json:"-"`
}

// GoldEntity is one real person, organization or place of an article with
// every surface form the article uses for it.
type GoldEntity struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"` // person, organization, place
	Aliases []string `json:"aliases"`
}

// GoldEvent is one happening of an article.
type GoldEvent struct {
	Type string `json:"type"`
	// Date is a TIMEX3 value at the precision the text gives, "" when it
	// gives none.
	Date string `json:"date"`
	// Place is the name of a gold place, or "".
	Place        string            `json:"place"`
	Participants []GoldParticipant `json:"participants"`
	// Sentences are the indexes (kg's sentence splitter, from 0) of the
	// sentences that mention the event, in increasing order.
	Sentences []int `json:"sentences"`
	// Trigger is the trigger word of the first mention.
	Trigger string `json:"trigger"`
}

// GoldParticipant is a gold entity in a role.
type GoldParticipant struct {
	Name string `json:"name"`
	Role string `json:"role"` // agent, target, other
}

// EventTypes is the event taxonomy (README, ingest/events) in the order the
// figures are printed.
var EventTypes = []string{"attack", "meeting", "agreement", "appeal", "accusation", "rejection", "threat",
	"protest", "sanction", "arrest", "election", "personnel", "legal", "disaster", "economic", "death", "other"}

// entityTypes are the gold entity types, in the order the figures are printed.
var entityTypes = []string{string(graph.Person), string(graph.Organization), string(graph.Place)}

// goldDate is the form of a gold date: a day, month, year, week, season,
// quarter or half of a year, a decade ("197") or a century ("19").
var goldDate = regexp.MustCompile(`^(\d{4}(-(\d{2}(-\d{2})?|W\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]))?|\d{2,3})$`)

// ReadEventGold decodes and validates one gold file.
func ReadEventGold(path string, data []byte) (*EventGold, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	g := &EventGold{}
	if err := dec.Decode(g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: data after the JSON object", path)
	}
	g.Path = path
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}

// ReadEventGoldDir reads every .json file of a folder, in name order.
func ReadEventGoldDir(dir string) ([]*EventGold, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no gold files (*.json)", dir)
	}
	sort.Strings(files)
	var out []*EventGold
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		g, err := ReadEventGold(f, data)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// Validate checks a gold annotation on its own: known types and roles, dates
// in TIMEX3 form, and participants and places that name gold entities.
func (g *EventGold) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if g.File == "" || !strings.HasSuffix(g.File, ".tml") || filepath.IsAbs(g.File) || strings.Contains(g.File, "..") {
		bad("file %q: want a .tml path relative to the TempEval-3 training folder", g.File)
	}
	if _, err := time.Parse(time.DateOnly, g.DCT); err != nil {
		bad("dct %q: want YYYY-MM-DD", g.DCT)
	}
	types := map[string]string{}
	for i, e := range g.Entities {
		switch {
		case strings.TrimSpace(e.Name) == "":
			bad("entity %d: no name", i)
		case types[e.Name] != "":
			bad("entity %q: annotated twice", e.Name)
		}
		if !slices.Contains(entityTypes, e.Type) {
			bad("entity %q: type %q is not one of %v", e.Name, e.Type, entityTypes)
		}
		if len(e.Aliases) == 0 {
			bad("entity %q: no aliases (every surface form of the text)", e.Name)
		}
		for _, a := range e.Aliases {
			if normName(a) == "" {
				bad("entity %q: empty alias", e.Name)
			}
		}
		types[e.Name] = e.Type
	}
	for i, ev := range g.Events {
		where := fmt.Sprintf("event %d (%s %q)", i, ev.Type, ev.Trigger)
		if !slices.Contains(EventTypes, ev.Type) {
			bad("%s: type %q is not in the taxonomy", where, ev.Type)
		}
		if ev.Date != "" && !goldDate.MatchString(ev.Date) {
			bad("%s: date %q is not a TIMEX3 date (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, ...)", where, ev.Date)
		}
		if ev.Place != "" && types[ev.Place] != string(graph.Place) {
			bad("%s: place %q is not a gold place", where, ev.Place)
		}
		seen := map[GoldParticipant]bool{}
		for _, p := range ev.Participants {
			if types[p.Name] == "" {
				bad("%s: participant %q is not a gold entity", where, p.Name)
			}
			switch p.Role {
			case graph.RoleAgent, graph.RoleTarget, graph.RoleOther:
			default:
				bad("%s: participant %q has role %q (want agent, target or other)", where, p.Name, p.Role)
			}
			if seen[p] {
				bad("%s: participant %q listed twice as %s", where, p.Name, p.Role)
			}
			seen[p] = true
		}
		if len(ev.Sentences) == 0 {
			bad("%s: no sentences", where)
		}
		for k, s := range ev.Sentences {
			if s < 0 || (k > 0 && s <= ev.Sentences[k-1]) {
				bad("%s: sentences %v are not increasing indexes from 0", where, ev.Sentences)
				break
			}
		}
		if strings.TrimSpace(ev.Trigger) == "" {
			bad("%s: no trigger", where)
		}
	}
	return errors.Join(errs...)
}

// CheckText checks a gold annotation against its article: every alias occurs
// in the text, every sentence index is one of the splitter's sentences, and
// the trigger occurs in the event's first sentence. A failure means the gold
// no longer fits the text or the sentence splitter (re-index it).
func (g *EventGold) CheckText(text string, sentences []graph.Span) error {
	var errs []error
	for _, e := range g.Entities {
		for _, a := range e.Aliases {
			if !strings.Contains(text, a) {
				errs = append(errs, fmt.Errorf("entity %q: alias %q does not occur in the text", e.Name, a))
			}
		}
	}
	for i, ev := range g.Events {
		where := fmt.Sprintf("event %d (%s %q)", i, ev.Type, ev.Trigger)
		if len(ev.Sentences) == 0 {
			continue
		}
		if last := ev.Sentences[len(ev.Sentences)-1]; last >= len(sentences) {
			errs = append(errs, fmt.Errorf("%s: sentence %d, but the splitter finds %d sentences", where, last, len(sentences)))
			continue
		}
		s := sentences[ev.Sentences[0]]
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			errs = append(errs, fmt.Errorf("%s: sentence %d has bad offsets %d-%d", where, ev.Sentences[0], s.Start, s.End))
			continue
		}
		if !strings.Contains(strings.ToLower(text[s.Start:s.End]), strings.ToLower(ev.Trigger)) {
			errs = append(errs, fmt.Errorf("%s: trigger does not occur in sentence %d", where, ev.Sentences[0]))
		}
	}
	return errors.Join(errs...)
}

// normName is the form names are compared in: case folded, periods removed,
// white space collapsed, a leading "the" dropped.
func normName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, ".", ""))
	s = strings.Join(strings.Fields(s), " ")
	if rest, ok := strings.CutPrefix(s, "the "); ok {
		s = rest
	}
	return s
}

// Counts are the gold, predicted and matched items of an evaluation.
type Counts struct {
	Gold, Pred, Match int
}

// Precision is Match over Pred, in percent.
func (c Counts) Precision() float64 { return 100 * timexRatio(c.Match, c.Pred) }

// Recall is Match over Gold, in percent.
func (c Counts) Recall() float64 { return 100 * timexRatio(c.Match, c.Gold) }

// F1 is the harmonic mean of precision and recall, in percent.
func (c Counts) F1() float64 { return timexF1(c.Precision(), c.Recall()) }

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Pred += o.Pred
	c.Match += o.Match
}

// EventDocScores are the figures of one article.
type EventDocScores struct {
	Gold  *EventGold
	Delta *graph.Delta

	Events, Entities Counts
	EventsByType     map[string]Counts
	EntitiesByType   map[string]Counts
	// Correct arguments over the Events.Match matched pairs.
	AgentCorrect, PlaceCorrect, DateCorrect int
	// Gold events with a date, and those matched with the same date.
	Dated, DatedMatched int

	// EventPairs[i] is the predicted event matched to gold event i, or -1;
	// EntityPairs likewise for gold entities.
	EventPairs, EntityPairs []int
	// denotes maps a predicted entity id to the names of the gold entities it
	// denotes (types ignored).
	denotes map[string][]string
}

// ScoreEventDoc scores the extraction of one article against its gold.
func ScoreEventDoc(g *EventGold, d *graph.Delta) *EventDocScores {
	s := &EventDocScores{Gold: g, Delta: d, EventsByType: map[string]Counts{}, EntitiesByType: map[string]Counts{}}

	// The forms of each predicted entity: its name and its mentions' texts.
	forms := make(map[string]map[string]bool, len(d.Entities))
	for _, e := range d.Entities {
		forms[e.ID] = map[string]bool{normName(e.Name): true}
	}
	for _, m := range d.Mentions {
		if f := forms[m.Entity]; f != nil {
			f[normName(m.Text)] = true
		}
	}
	goldForms := make([]map[string]bool, len(g.Entities))
	for i, e := range g.Entities {
		goldForms[i] = map[string]bool{normName(e.Name): true}
		for _, a := range e.Aliases {
			goldForms[i][normName(a)] = true
		}
	}
	shares := func(p map[string]bool, gi int) bool {
		for f := range p {
			if f != "" && goldForms[gi][f] {
				return true
			}
		}
		return false
	}
	s.denotes = map[string][]string{}
	for _, e := range d.Entities {
		for gi, ge := range g.Entities {
			if shares(forms[e.ID], gi) {
				s.denotes[e.ID] = append(s.denotes[e.ID], ge.Name)
			}
		}
	}

	// Entities: typed, one-to-one.
	var preds []graph.DeltaEntity
	for _, e := range d.Entities {
		if slices.Contains(entityTypes, string(e.Kind)) {
			preds = append(preds, e)
		}
	}
	cand := make([][]int, len(g.Entities))
	for gi, ge := range g.Entities {
		for pi, p := range preds {
			if string(p.Kind) == ge.Type && shares(forms[p.ID], gi) {
				cand[gi] = append(cand[gi], pi)
			}
		}
	}
	s.EntityPairs = maxMatching(cand, len(preds))
	for gi, ge := range g.Entities {
		c := s.EntitiesByType[ge.Type]
		c.Gold++
		if s.EntityPairs[gi] >= 0 {
			c.Match++
		}
		s.EntitiesByType[ge.Type] = c
	}
	for _, p := range preds {
		c := s.EntitiesByType[string(p.Kind)]
		c.Pred++
		s.EntitiesByType[string(p.Kind)] = c
	}
	for _, c := range s.EntitiesByType {
		s.Entities.add(c)
	}

	// Events: same type and a shared sentence, one-to-one.
	predSents := make([]map[int]bool, len(d.Events))
	for pi, e := range d.Events {
		predSents[pi] = map[int]bool{}
		for _, ev := range e.Evidence {
			predSents[pi][ev.Sentence] = true
		}
	}
	cand = make([][]int, len(g.Events))
	for gi, ge := range g.Events {
		overlap := map[int]int{}
		for pi, p := range d.Events {
			if p.Type != ge.Type {
				continue
			}
			n := 0
			for _, k := range ge.Sentences {
				if predSents[pi][k] {
					n++
				}
			}
			if n > 0 {
				overlap[pi] = n
				cand[gi] = append(cand[gi], pi)
			}
		}
		sort.SliceStable(cand[gi], func(a, b int) bool {
			pa, pb := cand[gi][a], cand[gi][b]
			if overlap[pa] != overlap[pb] {
				return overlap[pa] > overlap[pb]
			}
			return sameDate(d.Events[pa].Date, ge.Date) && !sameDate(d.Events[pb].Date, ge.Date)
		})
	}
	s.EventPairs = maxMatching(cand, len(d.Events))
	for gi, ge := range g.Events {
		c := s.EventsByType[ge.Type]
		c.Gold++
		if ge.Date != "" {
			s.Dated++
		}
		pi := s.EventPairs[gi]
		if pi >= 0 {
			c.Match++
			p := &d.Events[pi]
			if s.agentCorrect(ge, p) {
				s.AgentCorrect++
			}
			if s.placeCorrect(ge, p) {
				s.PlaceCorrect++
			}
			if sameDate(p.Date, ge.Date) {
				s.DateCorrect++
				if ge.Date != "" {
					s.DatedMatched++
				}
			}
		}
		s.EventsByType[ge.Type] = c
	}
	for _, p := range d.Events {
		c := s.EventsByType[p.Type]
		c.Pred++
		s.EventsByType[p.Type] = c
	}
	for _, c := range s.EventsByType {
		s.Events.add(c)
	}
	return s
}

// sameDate reports whether a predicted date is the gold one, its time of
// day aside.
func sameDate(pred, gold string) bool { return predDate(pred) == dateKey(gold) }

// predDate is a predicted date without its time of day, in dateKey's
// notation.
func predDate(v string) string {
	if k := strings.IndexByte(v, 'T'); k >= 0 {
		v = v[:k]
	}
	return dateKey(v)
}

// dateKey writes a decade one way: TimeML values give "the 1970s" as "197"
// (the TIMEX2 and TimeML guidelines' reduced form) or as "197X" (the
// TempEval-3 annotations use both), and both name the same decade.
func dateKey(v string) string {
	if len(v) == 4 && v[3] == 'X' && isDigits(v[:3]) {
		return v[:3]
	}
	return v
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (s *EventDocScores) denote(id, name string) bool {
	return slices.Contains(s.denotes[id], name)
}

func (s *EventDocScores) agentCorrect(g GoldEvent, p *graph.DeltaEvent) bool {
	var gold []string
	for _, x := range g.Participants {
		if x.Role == graph.RoleAgent {
			gold = append(gold, x.Name)
		}
	}
	predicted := false
	for _, x := range p.Participants {
		if x.Role != graph.RoleAgent {
			continue
		}
		predicted = true
		for _, name := range gold {
			if s.denote(x.Entity, name) {
				return true
			}
		}
	}
	return len(gold) == 0 && !predicted
}

func (s *EventDocScores) placeCorrect(g GoldEvent, p *graph.DeltaEvent) bool {
	if g.Place == "" || p.Place == "" {
		return g.Place == "" && p.Place == ""
	}
	return s.denote(p.Place, g.Place)
}

// maxMatching returns a maximum matching of a bipartite graph: cand[l] lists
// the right nodes that left node l may take, in order of preference. The
// result gives each left node its right node, or -1.
func maxMatching(cand [][]int, nRight int) []int {
	left := make([]int, len(cand))
	right := make([]int, nRight)
	for i := range left {
		left[i] = -1
	}
	for i := range right {
		right[i] = -1
	}
	var seen []bool
	var try func(l int) bool
	try = func(l int) bool {
		for _, r := range cand[l] {
			if seen[r] {
				continue
			}
			seen[r] = true
			if right[r] < 0 || try(right[r]) {
				left[l], right[r] = r, l
				return true
			}
		}
		return false
	}
	for l := range cand {
		seen = make([]bool, nRight)
		try(l)
	}
	return left
}

// EventScores are the figures of an evaluation over several articles.
type EventScores struct {
	Docs []*EventDocScores
}

// Add records the figures of one article.
func (s *EventScores) Add(d *EventDocScores) { s.Docs = append(s.Docs, d) }

// Events are the event counts over every article.
func (s *EventScores) Events() Counts {
	var c Counts
	for _, d := range s.Docs {
		c.add(d.Events)
	}
	return c
}

// Entities are the entity counts over every article.
func (s *EventScores) Entities() Counts {
	var c Counts
	for _, d := range s.Docs {
		c.add(d.Entities)
	}
	return c
}

// DatedRecall is the share of gold events with a date that are matched by a
// predicted event with the same date, in percent.
func (s *EventScores) DatedRecall() float64 {
	n, k := 0, 0
	for _, d := range s.Docs {
		n += d.Dated
		k += d.DatedMatched
	}
	return 100 * timexRatio(k, n)
}

// Report writes a line per article, the figures by type, argument accuracy,
// dated-event recall and the entity figures; the last line is "event-F1 NN.NN".
func (s *EventScores) Report(w io.Writer) error {
	var b strings.Builder
	ev, en := s.Events(), s.Entities()
	fmt.Fprintf(&b, "event evaluation: %d documents, %d gold and %d predicted events, %d gold and %d predicted entities\n",
		len(s.Docs), ev.Gold, ev.Pred, en.Gold, en.Pred)
	fmt.Fprintf(&b, "%-32s %-41s | %s\n", "", "events", "entities")
	fmt.Fprintf(&b, "%-32s %5s %5s %5s %7s %7s %7s | %5s %5s %5s %7s\n", "document", "gold", "pred", "match", "P", "R", "F1", "gold", "pred", "match", "F1")
	evByType, enByType := map[string]Counts{}, map[string]Counts{}
	var agent, place, date, dated, datedMatched int
	for _, d := range s.Docs {
		fmt.Fprintf(&b, "%-32s %5d %5d %5d %7.2f %7.2f %7.2f | %5d %5d %5d %7.2f\n", d.Gold.File,
			d.Events.Gold, d.Events.Pred, d.Events.Match, d.Events.Precision(), d.Events.Recall(), d.Events.F1(),
			d.Entities.Gold, d.Entities.Pred, d.Entities.Match, d.Entities.F1())
		for t, c := range d.EventsByType {
			x := evByType[t]
			x.add(c)
			evByType[t] = x
		}
		for t, c := range d.EntitiesByType {
			x := enByType[t]
			x.add(c)
			enByType[t] = x
		}
		agent += d.AgentCorrect
		place += d.PlaceCorrect
		date += d.DateCorrect
		dated += d.Dated
		datedMatched += d.DatedMatched
	}
	table := func(title string, order []string, byType map[string]Counts) {
		fmt.Fprintf(&b, "%-12s %5s %5s %5s %9s %7s %7s\n", title, "gold", "pred", "match", "precision", "recall", "F1")
		var rest []string
		for t := range byType {
			if !slices.Contains(order, t) {
				rest = append(rest, t)
			}
		}
		sort.Strings(rest)
		for _, t := range append(slices.Clone(order), rest...) {
			c, ok := byType[t]
			if !ok {
				continue
			}
			fmt.Fprintf(&b, "%-12s %5d %5d %5d %9.2f %7.2f %7.2f\n", t, c.Gold, c.Pred, c.Match, c.Precision(), c.Recall(), c.F1())
		}
	}
	table("event type", EventTypes, evByType)
	pct := func(k, n int) string { return fmt.Sprintf("%.2f (%d/%d)", 100*timexRatio(k, n), k, n) }
	fmt.Fprintf(&b, "arguments of the %d matched events: agent %s, place %s, date %s\n", ev.Match, pct(agent, ev.Match), pct(place, ev.Match), pct(date, ev.Match))
	fmt.Fprintf(&b, "dated-event recall %s\n", pct(datedMatched, dated))
	table("entity type", entityTypes, enByType)
	fmt.Fprintf(&b, "entity-P %.2f entity-R %.2f entity-F1 %.2f\n", en.Precision(), en.Recall(), en.F1())
	fmt.Fprintf(&b, "event-P %.2f event-R %.2f\n", ev.Precision(), ev.Recall())
	fmt.Fprintf(&b, "event-F1 %.2f\n", ev.F1())
	_, err := io.WriteString(w, b.String())
	return err
}

// ReportErrors writes, for each article, the gold events missed, the
// predicted events that match none, the matched events whose agent, place or
// date is wrong, and the gold and predicted entities left unmatched.
func (s *EventScores) ReportErrors(w io.Writer) error {
	var b strings.Builder
	for _, d := range s.Docs {
		g, dl := d.Gold, d.Delta
		name := func(id string) string {
			if e, ok := dl.Entity(id); ok {
				return e.Name
			}
			return id
		}
		predArgs := func(p *graph.DeltaEvent) string {
			var agents []string
			for _, x := range p.Participants {
				if x.Role == graph.RoleAgent {
					agents = append(agents, name(x.Entity))
				}
			}
			place := ""
			if p.Place != "" {
				place = name(p.Place)
			}
			return fmt.Sprintf("agent=%q place=%q date=%q", strings.Join(agents, "; "), place, p.Date)
		}
		goldArgs := func(e GoldEvent) string {
			var agents []string
			for _, x := range e.Participants {
				if x.Role == graph.RoleAgent {
					agents = append(agents, x.Name)
				}
			}
			return fmt.Sprintf("agent=%q place=%q date=%q", strings.Join(agents, "; "), e.Place, e.Date)
		}
		sentences := func(p *graph.DeltaEvent) []int {
			var out []int
			for _, e := range p.Evidence {
				out = append(out, e.Sentence)
			}
			return out
		}
		matched := make([]bool, len(dl.Events))
		for gi, e := range g.Events {
			pi := d.EventPairs[gi]
			if pi < 0 {
				fmt.Fprintf(&b, "missed    %s %-10s sentences=%v trigger=%q %s\n", g.File, e.Type, e.Sentences, e.Trigger, goldArgs(e))
				continue
			}
			matched[pi] = true
			p := &dl.Events[pi]
			if !d.agentCorrect(e, p) || !d.placeCorrect(e, p) || !sameDate(p.Date, e.Date) {
				fmt.Fprintf(&b, "arguments %s %-10s sentences=%v trigger=%q gold %s, predicted %s\n", g.File, e.Type, e.Sentences, e.Trigger, goldArgs(e), predArgs(p))
			}
		}
		for pi := range dl.Events {
			if !matched[pi] {
				p := &dl.Events[pi]
				fmt.Fprintf(&b, "spurious  %s %-10s sentences=%v label=%q %s\n", g.File, p.Type, sentences(p), p.Label, predArgs(p))
			}
		}
		taken := map[int]bool{}
		for gi, e := range g.Entities {
			if pi := d.EntityPairs[gi]; pi >= 0 {
				taken[pi] = true
				continue
			}
			fmt.Fprintf(&b, "missed    %s %-12s %q\n", g.File, e.Type, e.Name)
		}
		pi := 0
		for _, e := range dl.Entities {
			if !slices.Contains(entityTypes, string(e.Kind)) {
				continue
			}
			if !taken[pi] {
				fmt.Fprintf(&b, "spurious  %s %-12s %q\n", g.File, e.Kind, e.Name)
			}
			pi++
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DocumentExtractor turns one document into what kg stores for it; kg's own
// extraction (ingest/extract) is one.
type DocumentExtractor interface {
	Extract(graph.Document) (*graph.Delta, error)
}

// EvalEvents reads the article of each gold annotation from dataDir (the
// TempEval-3 training folder), runs the extractor on its text with its
// creation time as publication date, and scores each article on its own.
// An article whose creation time differs from the gold's, or whose gold
// does not fit the text and the sentences the extractor found, is an error.
func EvalEvents(golds []*EventGold, dataDir string, x DocumentExtractor) (*EventScores, error) {
	s := &EventScores{}
	for _, g := range golds {
		path := filepath.Join(dataDir, filepath.FromSlash(g.File))
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.Path, err)
		}
		doc, err := ReadTimeML(path, data)
		if err != nil {
			return nil, err
		}
		if dct := doc.DCT.Format(time.DateOnly); doc.DCT.IsZero() || dct != g.DCT {
			return nil, fmt.Errorf("%s: dct %s, but %s was created %s", g.Path, g.DCT, g.File, dct)
		}
		delta, err := x.Extract(graph.Document{ID: graph.DocumentID(doc.Text), Text: doc.Text, Published: doc.DCT, Source: path})
		if err != nil {
			return nil, fmt.Errorf("extract %s: %w", g.File, err)
		}
		if err := g.CheckText(doc.Text, delta.Sentences); err != nil {
			return nil, fmt.Errorf("%s does not fit %s: %w", g.Path, g.File, err)
		}
		s.Add(ScoreEventDoc(g, delta))
	}
	return s, nil
}
