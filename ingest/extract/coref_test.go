package extract

import (
	"strings"
	"testing"

	"kg/graph"
	"kg/ingest/events"
)

// eventMention builds an event mention: "type|date|place|role=entity ...|trigger|sentence[|alt]".
func eventMention(spec string) events.Event {
	f := strings.Split(spec, "|")
	e := events.Event{Type: f[0], Date: f[1], Place: f[2], Trigger: f[4], Label: f[4]}
	if w, ok := strings.CutPrefix(e.Trigger, "its "); ok {
		e.Trigger, e.Label, e.Anaphor = w, w, true
	}
	for _, r := range strings.Fields(f[3]) {
		role, ent, _ := strings.Cut(r, "=")
		e.Participants = append(e.Participants, graph.DeltaParticipant{Entity: ent, Role: role})
	}
	for _, c := range f[5] {
		e.Sentence = e.Sentence*10 + int(c-'0')
	}
	if len(f) > 6 {
		e.Alt = f[6]
	}
	e.Bare = len(e.Participants) == 0 && e.Place == "" && e.Date == ""
	e.Noun = !strings.HasSuffix(e.Trigger, "ed") // the tests' verbs are past tenses
	return e
}

func TestCorefer(t *testing.T) {
	for _, tc := range []struct {
		name     string
		mentions []string
		want     []string // "type|date|place|sentences" per event
	}{
		{"verb and nouns of one kidnapping",
			[]string{"attack|1996-03||target=Howes|abducted|0", "attack|||target=Howes|abduction|3", "attack|1996-03-26||agent=KR target=Howes|kidnapped|5"},
			[]string{"attack|1996-03-26||0 3 5"}},
		{"a capture of the kidnapped man is the kidnapping",
			[]string{"attack|1996||target=Howes|kidnapped|0", "arrest|1996-03-26||target=Howes|capture|2|attack"},
			[]string{"attack|1996-03-26||0 2"}},
		{"a bare mention joins the nearest happening of its type",
			[]string{"meeting|||agent=SinnFein|talks|0", "meeting||Belfast|agent=Blair target=Ahern|talks|1", "meeting||||talks|4"},
			[]string{"meeting|||0", "meeting||Belfast|1 4"}},
		{"a bare noun alone says too little",
			[]string{"meeting||||talks|2"}, nil},
		{"a bare verb asserts a happening",
			[]string{"arrest||||arrested|2"}, []string{"arrest|||2"}},
		{"two bare mentions tell one happening",
			[]string{"meeting||||talks|2", "meeting||||talks|6"},
			[]string{"meeting|||2 6"}},
		{"conflicting dates are two happenings",
			[]string{"attack|1998-08-07|Nairobi||bombing|0", "attack|1998-01|Birmingham||bombing|3", "attack|1998-08-07|Nairobi||blast|4"},
			[]string{"attack|1998-08-07|Nairobi|0 4", "attack|1998-01|Birmingham|3"}},
		{"conflicting places are two happenings",
			[]string{"attack|||agent=X|bombing|0", "attack||Nairobi|agent=X|bombing|1", "attack||Dar|agent=X|bombing|2"},
			[]string{"attack||Nairobi|0 1", "attack||Dar|2"}},
		{"different targets are two happenings",
			[]string{"arrest|||target=A|arrested|0", "arrest|||target=B|arrested|1"},
			[]string{"arrest|||0", "arrest|||1"}},
		{"one agent's interview and telegram are two meetings",
			[]string{"meeting|2015-11-13||agent=Putin|interview|0", "meeting|||agent=Putin target=Hollande|telegram|1"},
			[]string{"meeting|2015-11-13||0", "meeting|||1"}},
		{"each appeal is its own event",
			[]string{"appeal|||agent=Albright|urged|0", "appeal|||agent=Albright|called for|1"},
			[]string{"appeal|||0", "appeal|||1"}},
		{"the same accusation told twice",
			[]string{"accusation|||agent=A target=B|accused|0", "accusation|||agent=A|accused|2"},
			[]string{"accusation|||0 2"}},
		{"a bare blast after a bombing is the bombing",
			[]string{"attack|1998-08-07|Nairobi||bombing|1", "disaster||||blast|7|attack", "disaster||||explosion|9|attack"},
			[]string{"attack|1998-08-07|Nairobi|1 7 9"}},
		{"a bare blast with no bombing told is a blast",
			[]string{"disaster||||blast|7|attack", "disaster||||explosion|9|attack"},
			[]string{"disaster|||7 9"}},
		{"the same word dated twice, one date within the other",
			[]string{"attack|1997|||coup|1", "attack|1997-07||agent=HunSen target=Ranariddh|coup|4"},
			[]string{"attack|1997-07||1 4"}},
		{"a plural with only the agent shared is a series of its own",
			[]string{"attack|1997-07||agent=HunSen target=Ranariddh|coup|4", "attack|||agent=HunSen|attacks|6"},
			[]string{"attack|1997-07||4", "attack|||6"}},
		{"another verb with the agent shared is the same happening",
			[]string{"attack|1996||agent=KR target=Howes|kidnapped|0", "attack|||agent=KR|killed|3"},
			[]string{"attack|1996||0 3"}},
		{"other happenings told with other words are apart",
			[]string{"other||||breakup|2", "other|1997||agent=Ukraine|exercises|5"},
			[]string{"other|1997||5"}},
		{"other happenings told again with a derived word",
			[]string{"other|1998-03-06|Iraq||inspection|0", "other||||inspected|2"},
			[]string{"other|1998-03-06|Iraq|0 2"}},
		{"the same word after a possessive pronoun tells the happening again",
			[]string{"other|||target=NATO|founded|0", "other|1949|||its founding|4"},
			[]string{"other|1949||0 4"}},
		{"the same word without the pronoun may be another happening",
			[]string{"other|||target=NATO|founded|0", "other|1949|||founding|4"},
			[]string{"other|||0", "other|1949||4"}},
		{"same place and located type",
			[]string{"protest||Portadown||rallied|0", "protest|1998-03-22|Portadown||march|3"},
			[]string{"protest|1998-03-22|Portadown|0 3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var found []events.Event
			for _, m := range tc.mentions {
				found = append(found, eventMention(m))
			}
			evidence := func(i int) graph.Evidence { return graph.Evidence{Sentence: i} }
			var got []string
			for _, e := range corefer(found, evidence, nil) {
				var ss []string
				for _, ev := range e.Evidence {
					ss = append(ss, string(rune('0'+ev.Sentence)))
				}
				got = append(got, strings.Join([]string{e.Type, e.Date, e.Place, strings.Join(ss, " ")}, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestCoreferNamed(t *testing.T) {
	g20 := events.Event{Type: "meeting", Label: "G20 summit", Named: true, Trigger: "summit"}
	nato := events.Event{Type: "meeting", Label: "NATO summit", Named: true, Trigger: "summit", Sentence: 1}
	again := g20
	again.Sentence = 2
	got := corefer([]events.Event{g20, nato, again}, func(i int) graph.Evidence { return graph.Evidence{Sentence: i} }, nil)
	if len(got) != 2 || len(got[0].Evidence) != 2 || got[1].Label != "NATO summit" {
		t.Errorf("named summits: got %+v, want the G20 summit twice and the NATO summit once", got)
	}
}

// A city within a country is no conflicting place: the mentions are one
// happening, placed in the city.
func TestCoreferPlaceWithin(t *testing.T) {
	in := within(func(a, b string) bool { return a == "Nairobi" && b == "Kenya" })
	found := []events.Event{eventMention("attack|||target=US|bombing|0"), eventMention("attack||Kenya|target=US|bombing|1"),
		eventMention("attack|1998-08-07|Nairobi||blasts|2"), eventMention("attack||Tanzania|target=US|bombing|3")}
	got := corefer(found, func(i int) graph.Evidence { return graph.Evidence{Sentence: i} }, in)
	if len(got) != 2 || got[0].Place != "Nairobi" || got[0].Date != "1998-08-07" || len(got[0].Evidence) != 3 || got[1].Place != "Tanzania" {
		t.Errorf("got %+v, want the Nairobi bombing told three times and the Tanzania one", got)
	}
}

func TestPlaceWithin(t *testing.T) {
	kenya := map[string]string{"class": "country", "country": "KE"}
	nairobi := map[string]string{"class": "city", "country": "KE"}
	tanzania := map[string]string{"class": "country", "country": "TZ"}
	africa := map[string]string{"class": "region"}
	europe := map[string]string{"class": "region"}
	for _, tc := range []struct {
		name string
		a, b map[string]string
		want bool
	}{
		{"a city within its country", nairobi, kenya, true},
		{"a city within another country", nairobi, tanzania, false},
		{"a country within a city", kenya, nairobi, false},
		{"a country within a region", tanzania, africa, true},
		{"a city within a region", nairobi, africa, true},
		{"a region within a region", europe, africa, false},
		{"a region within a country", africa, kenya, false},
		{"a country within a country", kenya, tanzania, false},
	} {
		if got := placeWithin(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: placeWithin = %v, want %v", tc.name, got, tc.want)
		}
	}
}
