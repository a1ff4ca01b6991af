package eval

import (
	"strings"
	"testing"

	"kg/graph"
)

func TestNormName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Vladimir Putin", "vladimir putin"},
		{"U.S.", "us"},
		{"The Associated Press", "associated press"},
		{"the  Kremlin", "kremlin"},
		{"Prince\nNorodom   Ranariddh", "prince norodom ranariddh"},
		{"Hun Sen.", "hun sen"},
		{"Theodore Roosevelt", "theodore roosevelt"}, // "the" only as a word
		{"The", "the"},
		{" . ", ""},
	} {
		if got := normName(c.in); got != c.want {
			t.Errorf("normName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// ent makes a predicted entity; its mentions are given as texts.
type predEnt struct {
	id, kind, name string
	mentions       []string
}

func delta(ents []predEnt, evs []graph.DeltaEvent) *graph.Delta {
	d := &graph.Delta{Events: evs}
	for _, e := range ents {
		d.Entities = append(d.Entities, graph.DeltaEntity{ID: e.id, Kind: graph.Kind(e.kind), Name: e.name})
		for _, m := range e.mentions {
			d.Mentions = append(d.Mentions, graph.Mention{Entity: e.id, Text: m})
		}
	}
	return d
}

func TestScoreEntities(t *testing.T) {
	putin := GoldEntity{Name: "Vladimir Putin", Type: "person", Aliases: []string{"Vladimir Putin", "Putin"}}
	us := GoldEntity{Name: "United States", Type: "place", Aliases: []string{"U.S.", "American"}}
	ap := GoldEntity{Name: "Associated Press", Type: "organization", Aliases: []string{"AP", "Associated Press"}}
	embassy1 := GoldEntity{Name: "U.S. Embassy in Nairobi", Type: "organization", Aliases: []string{"U.S. Embassy"}}
	embassy2 := GoldEntity{Name: "U.S. Embassy in Pakistan", Type: "organization", Aliases: []string{"U.S. Embassy"}}
	for _, c := range []struct {
		name  string
		gold  []GoldEntity
		pred  []predEnt
		want  Counts
		pairs []int
	}{
		{"same name", []GoldEntity{putin}, []predEnt{{"p", "person", "Vladimir Putin", nil}}, Counts{1, 1, 1}, []int{0}},
		{"name is an alias", []GoldEntity{putin}, []predEnt{{"p", "person", "Putin", nil}}, Counts{1, 1, 1}, []int{0}},
		{"mention is an alias", []GoldEntity{us}, []predEnt{{"p", "place", "United States of America", []string{"US"}}}, Counts{1, 1, 1}, []int{0}},
		{"case, periods, the", []GoldEntity{ap}, []predEnt{{"p", "organization", "the ASSOCIATED PRESS", nil}}, Counts{1, 1, 1}, []int{0}},
		{"other type", []GoldEntity{us}, []predEnt{{"p", "organization", "U.S.", nil}}, Counts{1, 1, 0}, []int{-1}},
		{"no shared form", []GoldEntity{putin}, []predEnt{{"p", "person", "Vladimir", nil}}, Counts{1, 1, 0}, []int{-1}},
		{"split in two", []GoldEntity{putin}, []predEnt{{"p", "person", "Vladimir Putin", nil}, {"q", "person", "Putin", nil}}, Counts{1, 2, 1}, []int{0}},
		{"two merged in one", []GoldEntity{embassy1, embassy2}, []predEnt{{"p", "organization", "U.S. Embassy", nil}}, Counts{2, 1, 1}, []int{0, -1}},
		{"maximal matching", []GoldEntity{embassy1, embassy2},
			[]predEnt{{"p", "organization", "U.S. Embassy", []string{"U.S. Embassy in Pakistan"}}, {"q", "organization", "U.S. Embassy in Pakistan", nil}},
			Counts{2, 2, 2}, []int{0, 1}},
		{"events and documents are not entities", []GoldEntity{putin}, []predEnt{{"p", "person", "Putin", nil}, {"e", "event", "Putin", nil}}, Counts{1, 1, 1}, []int{0}},
		{"nothing predicted", []GoldEntity{putin, us}, nil, Counts{2, 0, 0}, []int{-1, -1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := ScoreEventDoc(&EventGold{Entities: c.gold}, delta(c.pred, nil))
			if s.Entities != c.want {
				t.Errorf("entities %+v, want %+v", s.Entities, c.want)
			}
			if !equalInts(s.EntityPairs, c.pairs) {
				t.Errorf("pairs %v, want %v", s.EntityPairs, c.pairs)
			}
		})
	}
}

func TestScoreEntitiesByType(t *testing.T) {
	g := &EventGold{Entities: []GoldEntity{
		{Name: "Vladimir Putin", Type: "person", Aliases: []string{"Putin"}},
		{Name: "Russia", Type: "place", Aliases: []string{"Russia", "Russian"}},
		{Name: "Kremlin", Type: "organization", Aliases: []string{"Kremlin"}},
	}}
	s := ScoreEventDoc(g, delta([]predEnt{
		{"a", "person", "Putin", nil},
		{"b", "place", "Russia", []string{"Russian"}},
		{"c", "place", "Kremlin", nil},
	}, nil))
	want := map[string]Counts{"person": {1, 1, 1}, "place": {1, 2, 1}, "organization": {1, 0, 0}}
	for typ, c := range want {
		if s.EntitiesByType[typ] != c {
			t.Errorf("%s: %+v, want %+v", typ, s.EntitiesByType[typ], c)
		}
	}
	if s.Entities != (Counts{3, 3, 2}) {
		t.Errorf("total %+v", s.Entities)
	}
}

// ev makes a predicted event with evidence in the given sentences.
func ev(typ, date, place string, agents []string, sents ...int) graph.DeltaEvent {
	e := graph.DeltaEvent{Type: typ, Date: date, Place: place}
	for _, a := range agents {
		e.Participants = append(e.Participants, graph.DeltaParticipant{Entity: a, Role: graph.RoleAgent})
	}
	for _, s := range sents {
		e.Evidence = append(e.Evidence, graph.Evidence{Sentence: s})
	}
	return e
}

func TestScoreEventMatching(t *testing.T) {
	attack := func(sents ...int) GoldEvent { return GoldEvent{Type: "attack", Sentences: sents, Trigger: "x"} }
	for _, c := range []struct {
		name  string
		gold  []GoldEvent
		pred  []graph.DeltaEvent
		want  Counts
		pairs []int
	}{
		{"same type, shared sentence", []GoldEvent{attack(1, 4)}, []graph.DeltaEvent{ev("attack", "", "", nil, 4)}, Counts{1, 1, 1}, []int{0}},
		{"evidence overlaps the gold sentences", []GoldEvent{attack(1, 4)}, []graph.DeltaEvent{ev("attack", "", "", nil, 2, 3, 4)}, Counts{1, 1, 1}, []int{0}},
		{"other type", []GoldEvent{attack(1)}, []graph.DeltaEvent{ev("meeting", "", "", nil, 1)}, Counts{1, 1, 0}, []int{-1}},
		{"no shared sentence", []GoldEvent{attack(1, 4)}, []graph.DeltaEvent{ev("attack", "", "", nil, 2, 3)}, Counts{1, 1, 0}, []int{-1}},
		{"happening found twice", []GoldEvent{attack(1, 4)}, []graph.DeltaEvent{ev("attack", "", "", nil, 1), ev("attack", "", "", nil, 4)}, Counts{1, 2, 1}, []int{0}},
		{"two happenings merged", []GoldEvent{attack(1), attack(4)}, []graph.DeltaEvent{ev("attack", "", "", nil, 1, 4)}, Counts{2, 1, 1}, []int{0, -1}},
		{"maximal matching", []GoldEvent{attack(1, 2), attack(2)},
			[]graph.DeltaEvent{ev("attack", "", "", nil, 2), ev("attack", "", "", nil, 1)}, Counts{2, 2, 2}, []int{1, 0}},
		{"most shared sentences first", []GoldEvent{attack(1, 2, 3)},
			[]graph.DeltaEvent{ev("attack", "", "", nil, 3), ev("attack", "", "", nil, 1, 2)}, Counts{1, 2, 1}, []int{1}},
		{"then the same date", []GoldEvent{{Type: "attack", Date: "2015-11-13", Sentences: []int{1}}},
			[]graph.DeltaEvent{ev("attack", "2015", "", nil, 1), ev("attack", "2015-11-13", "", nil, 1)}, Counts{1, 2, 1}, []int{1}},
		{"nothing predicted", []GoldEvent{attack(1)}, nil, Counts{1, 0, 0}, []int{-1}},
		{"nothing to find", nil, []graph.DeltaEvent{ev("attack", "", "", nil, 1)}, Counts{0, 1, 0}, []int{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := ScoreEventDoc(&EventGold{Events: c.gold}, delta(nil, c.pred))
			if s.Events != c.want {
				t.Errorf("events %+v, want %+v", s.Events, c.want)
			}
			if !equalInts(s.EventPairs, c.pairs) {
				t.Errorf("pairs %v, want %v", s.EventPairs, c.pairs)
			}
		})
	}
}

func TestScoreEventArguments(t *testing.T) {
	gold := &EventGold{Entities: []GoldEntity{
		{Name: "Russia", Type: "place", Aliases: []string{"Russia", "Russian"}},
		{Name: "Syria", Type: "place", Aliases: []string{"Syria"}},
		{Name: "Islamic State", Type: "organization", Aliases: []string{"Islamic State", "ISIS"}},
	}}
	ents := []predEnt{
		{"ru", "place", "Russian Federation", []string{"Russian"}}, // denotes Russia through a mention
		{"sy", "organization", "Syria", nil},                       // mistyped, still denotes Syria
		{"is", "organization", "ISIS", nil},
		{"xx", "person", "Nobody", nil},
	}
	withAgent := func(e GoldEvent, names ...string) GoldEvent {
		for _, n := range names {
			e.Participants = append(e.Participants, GoldParticipant{Name: n, Role: graph.RoleAgent})
		}
		return e
	}
	base := GoldEvent{Type: "attack", Date: "2015-09-30", Place: "Syria", Sentences: []int{0}, Trigger: "airstrikes"}
	for _, c := range []struct {
		name               string
		gold               GoldEvent
		pred               graph.DeltaEvent
		agent, place, date bool
	}{
		{"all correct", withAgent(base, "Russia"), ev("attack", "2015-09-30", "sy", []string{"ru"}, 0), true, true, true},
		{"one of several agents", withAgent(base, "Russia", "Islamic State"), ev("attack", "2015-09-30", "sy", []string{"xx", "is"}, 0), true, true, true},
		{"wrong agent", withAgent(base, "Russia"), ev("attack", "2015-09-30", "sy", []string{"is"}, 0), false, true, true},
		{"agent missing", withAgent(base, "Russia"), ev("attack", "2015-09-30", "sy", nil, 0), false, true, true},
		{"agent where the gold has none", base, ev("attack", "2015-09-30", "sy", []string{"ru"}, 0), false, true, true},
		{"no agent on either side", base, ev("attack", "2015-09-30", "sy", nil, 0), true, true, true},
		{"wrong place", base, ev("attack", "2015-09-30", "ru", nil, 0), true, false, true},
		{"place missing", base, ev("attack", "2015-09-30", "", nil, 0), true, false, true},
		{"time of day dropped", base, ev("attack", "2015-09-30T15:00", "sy", nil, 0), true, true, true},
		{"less precise date", base, ev("attack", "2015-09", "sy", nil, 0), true, true, false},
		{"date missing", base, ev("attack", "", "sy", nil, 0), true, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := *gold
			g.Events = []GoldEvent{c.gold}
			s := ScoreEventDoc(&g, delta(ents, []graph.DeltaEvent{c.pred}))
			if s.Events.Match != 1 {
				t.Fatalf("not matched: %+v", s.Events)
			}
			if got := s.AgentCorrect == 1; got != c.agent {
				t.Errorf("agent correct %v, want %v", got, c.agent)
			}
			if got := s.PlaceCorrect == 1; got != c.place {
				t.Errorf("place correct %v, want %v", got, c.place)
			}
			if got := s.DateCorrect == 1; got != c.date {
				t.Errorf("date correct %v, want %v", got, c.date)
			}
			if s.Dated != 1 || (s.DatedMatched == 1) != c.date {
				t.Errorf("dated %d, matched with the date %d", s.Dated, s.DatedMatched)
			}
		})
	}
}

func TestDatedRecall(t *testing.T) {
	g := &EventGold{Events: []GoldEvent{
		{Type: "attack", Date: "2015-09-30", Sentences: []int{0}},  // matched, same date
		{Type: "meeting", Date: "2015-11-15", Sentences: []int{1}}, // matched, other date
		{Type: "meeting", Date: "2015-11-13", Sentences: []int{2}}, // missed
		{Type: "death", Sentences: []int{3}},                       // no date: not counted
	}}
	d := delta(nil, []graph.DeltaEvent{ev("attack", "2015-09-30", "", nil, 0), ev("meeting", "2015-11", "", nil, 1), ev("death", "", "", nil, 3)})
	s := &EventScores{}
	s.Add(ScoreEventDoc(g, d))
	if s.Docs[0].Dated != 3 || s.Docs[0].DatedMatched != 1 {
		t.Errorf("dated %d, matched with the date %d; want 3, 1", s.Docs[0].Dated, s.Docs[0].DatedMatched)
	}
	if r := s.DatedRecall(); r < 33.33 || r > 33.34 {
		t.Errorf("dated-event recall %.2f, want 33.33", r)
	}
	if s.Docs[0].DateCorrect != 2 { // the attack, and the death without a date
		t.Errorf("date correct %d, want 2", s.Docs[0].DateCorrect)
	}
}

func TestMaxMatching(t *testing.T) {
	for _, c := range []struct {
		cand   [][]int
		nRight int
		want   []int
	}{
		{nil, 0, []int{}},
		{[][]int{{0}, {0}}, 1, []int{0, -1}},
		{[][]int{{0, 1}, {0}}, 2, []int{1, 0}},
		{[][]int{{0}, {0, 1}, {1, 2}}, 3, []int{0, 1, 2}},
		{[][]int{{}, {1}}, 2, []int{-1, 1}},
	} {
		if got := maxMatching(c.cand, c.nRight); !equalInts(got, c.want) {
			t.Errorf("maxMatching(%v) = %v, want %v", c.cand, got, c.want)
		}
	}
}

const goodGold = `{
  "file": "TimeBank/sample.tml",
  "dct": "2015-11-14",
  "entities": [
    {"name": "Russia", "type": "place", "aliases": ["Russia"]},
    {"name": "Syria", "type": "place", "aliases": ["Syria"]}
  ],
  "events": [
    {"type": "attack", "date": "2015-09-30", "place": "Syria", "participants": [{"name": "Russia", "role": "agent"}], "sentences": [0, 2], "trigger": "airstrikes"}
  ]
}`

func TestReadEventGold(t *testing.T) {
	g, err := ReadEventGold("good.json", []byte(goodGold))
	if err != nil {
		t.Fatal(err)
	}
	if g.Path != "good.json" || len(g.Entities) != 2 || len(g.Events) != 1 || g.Events[0].Participants[0].Role != "agent" {
		t.Errorf("read %+v", g)
	}
	for name, c := range map[string]struct{ old, new, want string }{
		"unknown field":         {`"dct"`, `"date": "x", "dct"`, "unknown field"},
		"trailing data":         {`"trigger": "airstrikes"}`, `"trigger": "airstrikes"}]}{"x": [{`, "after the JSON"},
		"bad dct":               {`"2015-11-14"`, `"14/11/2015"`, "dct"},
		"absolute file":         {`"TimeBank/sample.tml"`, `"/data/sample.tml"`, "relative"},
		"not a tml file":        {`"TimeBank/sample.tml"`, `"TimeBank/sample.txt"`, ".tml"},
		"entity type":           {`"type": "place", "aliases": ["Syria"]`, `"type": "country", "aliases": ["Syria"]`, "entity \"Syria\": type"},
		"entity twice":          {`{"name": "Syria", "type": "place"`, `{"name": "Russia", "type": "place"`, "annotated twice"},
		"no aliases":            {`"aliases": ["Syria"]`, `"aliases": []`, "no aliases"},
		"event type":            {`"type": "attack"`, `"type": "airstrike"`, "taxonomy"},
		"date":                  {`"2015-09-30"`, `"Sept. 30"`, "not a TIMEX3 date"},
		"unknown participant":   {`{"name": "Russia", "role": "agent"}`, `{"name": "Moscow", "role": "agent"}`, "not a gold entity"},
		"role":                  {`"role": "agent"`, `"role": "actor"`, "role"},
		"place not a gold":      {`"place": "Syria"`, `"place": "Damascus"`, "not a gold place"},
		"sentences not ordered": {`[0, 2]`, `[2, 0]`, "increasing"},
		"no sentences":          {`[0, 2]`, `[]`, "no sentences"},
		"no trigger":            {`"airstrikes"`, `""`, "no trigger"},
	} {
		data := strings.Replace(goodGold, c.old, c.new, 1)
		if data == goodGold {
			t.Fatalf("%s: the replacement changes nothing", name)
		}
		_, err := ReadEventGold("bad.json", []byte(data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, c.want)
		}
	}
	for _, date := range []string{"", "2015", "2015-09", "2015-09-30", "2015-W45", "2015-SU", "2015-Q3", "197", "19"} {
		data := strings.Replace(goodGold, `"2015-09-30"`, `"`+date+`"`, 1)
		if _, err := ReadEventGold("date.json", []byte(data)); err != nil {
			t.Errorf("date %q: %v", date, err)
		}
	}
}

func TestCheckText(t *testing.T) {
	text := "Russia began airstrikes in Syria. They went on. Moscow said so."
	sents := []graph.Span{{Start: 0, End: 33}, {Start: 34, End: 47}, {Start: 48, End: 63}}
	g, err := ReadEventGold("good.json", []byte(goodGold))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.CheckText(text, sents); err != nil {
		t.Errorf("good gold: %v", err)
	}
	for name, c := range map[string]struct {
		edit func(g *EventGold)
		want string
	}{
		"alias not in the text": {func(g *EventGold) { g.Entities[0].Aliases = append(g.Entities[0].Aliases, "Russian") }, `alias "Russian"`},
		"alias case differs":    {func(g *EventGold) { g.Entities[1].Aliases = []string{"SYRIA"} }, `alias "SYRIA"`},
		"sentence past the end": {func(g *EventGold) { g.Events[0].Sentences = []int{0, 3} }, "finds 3 sentences"},
		"trigger elsewhere":     {func(g *EventGold) { g.Events[0].Sentences = []int{1, 2} }, "trigger does not occur in sentence 1"},
	} {
		g, _ := ReadEventGold("good.json", []byte(goodGold))
		c.edit(g)
		err := g.CheckText(text, sents)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, c.want)
		}
	}
}

func TestEventReport(t *testing.T) {
	g, err := ReadEventGold("good.json", []byte(goodGold))
	if err != nil {
		t.Fatal(err)
	}
	g.Events = append(g.Events, GoldEvent{Type: "meeting", Sentences: []int{1}, Trigger: "met"})
	d := delta([]predEnt{{"ru", "place", "Russia", nil}, {"sy", "place", "Syria", nil}, {"pu", "person", "Putin", nil}},
		[]graph.DeltaEvent{ev("attack", "2015-09-30", "sy", []string{"ru"}, 0), ev("threat", "", "", nil, 2)})
	s := &EventScores{}
	s.Add(ScoreEventDoc(g, d))
	var b strings.Builder
	if err := s.Report(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if last := lines[len(lines)-1]; last != "event-F1 50.00" {
		t.Errorf("last line %q, want event-F1 50.00\n%s", last, out)
	}
	for _, want := range []string{
		"1 documents, 2 gold and 2 predicted events, 2 gold and 3 predicted entities",
		"TimeBank/sample.tml",
		"agent 100.00 (1/1), place 100.00 (1/1), date 100.00 (1/1)",
		"dated-event recall 100.00 (1/1)",
		"entity-P 66.67 entity-R 100.00 entity-F1 80.00",
		"event-P 50.00 event-R 50.00",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	if err := s.ReportErrors(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"missed    TimeBank/sample.tml meeting", "spurious  TimeBank/sample.tml threat", `spurious  TimeBank/sample.tml person       "Putin"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("errors lack %q:\n%s", want, b.String())
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A predicted date is the gold one without its time of day, and a decade
// is the same in either TimeML notation.
func TestSameDate(t *testing.T) {
	for _, tc := range []struct {
		pred, gold string
		want       bool
	}{
		{"1998-08-07", "1998-08-07", true},
		{"1998-08-07T10:30", "1998-08-07", true},
		{"197X", "197", true},
		{"197", "197X", true},
		{"197X", "197X", true},
		{"198X", "197", false},
		{"19XX", "19", false},
		{"1970", "197", false},
		{"XXXX", "XXX", false},
		{"", "", true},
		{"1998", "", false},
	} {
		if got := sameDate(tc.pred, tc.gold); got != tc.want {
			t.Errorf("sameDate(%q, %q) = %v, want %v", tc.pred, tc.gold, got, tc.want)
		}
	}
}
