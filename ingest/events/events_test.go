package events

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/ingest/text"
	"kg/ingest/timex"
)

// sentence builds a Sentence from text, marking the given names as entities
// ("Russia=place", "Putin=person", "Russian=demonym:Russia", "G20=misc").
func sentence(t *testing.T, s string, dct time.Time, names ...string) Sentence {
	t.Helper()
	out := Sentence{Text: s, End: len(s)}
	toks := text.Tokenize(s)
	for _, tk := range toks {
		out.Tokens = append(out.Tokens, Token{Text: tk.Text, Start: tk.Start, End: tk.End})
	}
	for _, spec := range names {
		name, kind, _ := strings.Cut(spec, "=")
		words := strings.Fields(name)
		found := false
		for i := 0; i+len(words) <= len(toks) && !found; i++ {
			match := true
			for k, w := range words {
				match = match && toks[i+k].Text == w
			}
			if !match {
				continue
			}
			e := Entity{ID: name, Name: name, Start: i, End: i + len(words)}
			switch {
			case strings.HasPrefix(kind, "demonym:"):
				e.Kind, e.Demonym, e.ID, e.Name = graph.Place, true, kind[8:], kind[8:]
			case kind == "misc":
			default:
				e.Kind = graph.Kind(kind)
			}
			out.Entities = append(out.Entities, e)
			found = true
		}
		if !found {
			t.Fatalf("%q not in %q", name, s)
		}
	}
	sortEntities(out.Entities)
	out.Timexes = timex.Rules{}.Tag(s, dct)
	return out
}

func sortEntities(es []Entity) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Start < es[j-1].Start; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func roles(ev Event) string {
	var parts []string
	for _, p := range ev.Participants {
		parts = append(parts, p.Role+"="+p.Entity)
	}
	return strings.Join(parts, " ")
}

func TestFind(t *testing.T) {
	dct := time.Date(2015, 11, 14, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		text string
		ents []string
		want []string // "type|date|place|roles|label" per event
	}{
		{"airstrikes", "Russia began launching airstrikes in Syria on Sept. 30, saying this was meant to protect itself.",
			[]string{"Russia=place", "Syria=place"},
			[]string{"attack|2015-09-30|Syria|agent=Russia|Russia airstrikes in Syria"}},
		{"demonym agent", "Russian airstrikes hit rebels near Hama on Friday.",
			[]string{"Russian=demonym:Russia", "Hama=place"},
			[]string{"attack|2015-11-13|Hama|agent=Russia|Russia airstrikes in Hama"}},
		{"place compound", "Security was tightened after the Paris attacks.",
			[]string{"Paris=place"},
			[]string{"attack||Paris||attacks in Paris"}},
		{"named summit", "In an interview on Friday ahead of the G20 summit, Putin vented his frustration.",
			[]string{"G20=misc", "Putin=person"},
			[]string{"meeting|2015-11-13||agent=Putin|Putin interview", "meeting||||G20 summit"}},
		{"telegram", "In a condolences telegram sent to French President Francois Hollande, Putin said the attack was barbaric.",
			[]string{"French=demonym:France", "Francois Hollande=person", "Putin=person"},
			[]string{"meeting|||agent=Putin target=Francois Hollande|Putin telegram Francois Hollande"}},
		{"verb with object", "Washington has accused Russia of hitting the wrong targets.",
			[]string{"Washington=place", "Russia=place"},
			[]string{"accusation|||agent=Washington target=Russia|Washington accused Russia"}},
		{"relative clause has no agent; an attacked place is the place", "Russia is fighting those who attacked Paris.",
			[]string{"Russia=place", "Paris=place"},
			[]string{"attack||Paris||attacked in Paris"}}, // an attack on a place happened there
		{"reporting and mental verbs are not events", "Putin said he hoped the incident would bring the West to its senses, Reuters reported.",
			[]string{"Putin=person", "Reuters=organization"}, nil},
		{"hypothetical", "Moscow is wary of an ISIS terrorist attack.",
			[]string{"Moscow=place", "ISIS=organization"}, nil},
		{"bare gerund is a verb", "Washington accused Russia of bombing rebels.",
			[]string{"Washington=place", "Russia=place"},
			[]string{"accusation|||agent=Washington target=Russia|Washington accused Russia"}},
		{"nothing known", "The talks went on.", nil, nil},
		{"pronoun subject", "Pushkov is a lawmaker, and he later met Hollande.",
			[]string{"Pushkov=person", "Hollande=person"},
			[]string{"meeting|||agent=Pushkov target=Hollande|Pushkov met Hollande"}},
		{"a habit is no happening", "Orangemen march each July through Portadown.",
			[]string{"Portadown=place"}, nil},
		{"what happens every year is no happening", "The leaders meet in Brussels every year.",
			[]string{"Brussels=place"}, nil},
		{"a determiner before a year and a name makes a noun of a gerund", "The 1996 Olympic bombing killed one person.",
			nil,
			[]string{"attack|1996|||bombing"}},
		{"one of a series named with including", "He is charged in four Atlanta attacks, including the 1996 Centennial bombing.",
			[]string{"Atlanta=place"},
			[]string{"legal|||target=Atlanta|charged Atlanta", "attack|1996|Atlanta||bombing"}},
		{"an appeal to a court is a court motion", "The Justice Department asked the Supreme Court to hear the case.",
			[]string{"Justice Department=organization", "Supreme Court=organization"},
			[]string{"legal|||agent=Justice Department target=Supreme Court|Justice Department asked Supreme Court"}},
		{"protesters are out protesting", "Earlier Sunday, protesters prayed for divine help.",
			nil,
			[]string{"protest|2015-11-08|||protesters"}},
		{"a name before protesters names no event", "Catholic protesters prayed for divine help.",
			[]string{"Catholic=misc"},
			nil},
		{"the start of a range dates no happening", "The alliance has expanded since 1949 and Putin met Obama in Paris.",
			[]string{"Putin=person", "Obama=person", "Paris=place"},
			[]string{"meeting||Paris|agent=Putin target=Obama|Putin met Obama in Paris"}},
		{"several names each with a date are several happenings", "Adams held meetings with Tony Blair 10 days ago and President Bill Clinton last week.",
			[]string{"Adams=person", "Tony Blair=person", "Bill Clinton=person"},
			[]string{"meeting|2015-11-04||agent=Adams target=Tony Blair|Adams meetings Tony Blair", "meeting|2015-W45||agent=Adams target=Bill Clinton|Adams meetings Bill Clinton"}},
		{"an alliance enlarged to include countries: each joins it on its date", "NATO has been expanded to include Greece and Turkey in 1952, Germany in 1955 and Spain in 1982.",
			[]string{"NATO=organization", "Greece=place", "Turkey=place", "Germany=place", "Spain=place"},
			[]string{"agreement|1952||agent=Greece other=NATO|Greece expanded to include", "agreement|1955||other=NATO agent=Germany|Germany expanded to include", "agreement|1982||other=NATO agent=Spain|Spain expanded to include"}},
		{"a program expanded to include people is no accession", "The program was expanded to include children in 1990.",
			nil, nil},
		{"a noun of frequency is a habit", "Catholics rallied in Portadown against the annual protest by the Orange Order.",
			[]string{"Portadown=place", "Orange Order=organization"},
			[]string{"protest||Portadown||rallied in Portadown"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sentence(t, tc.text, dct, tc.ents...)
			got := Find([]Sentence{s})
			var gs []string
			for _, ev := range got {
				gs = append(gs, strings.Join([]string{ev.Type, ev.Date, ev.Place, roles(ev), ev.Label}, "|"))
			}
			if strings.Join(gs, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("events of %q:\n got %q\nwant %q", tc.text, gs, tc.want)
			}
			for _, ev := range got {
				if strings.ToLower(strings.Join(strings.Fields(tc.text[ev.Start:ev.End]), " ")) != ev.Trigger {
					t.Errorf("trigger %q has offsets %d:%d (%q)", ev.Trigger, ev.Start, ev.End, tc.text[ev.Start:ev.End])
				}
			}
		})
	}
}

func TestTypesHaveTriggers(t *testing.T) {
	have := map[string]bool{}
	for _, tr := range triggers {
		have[tr.typ] = true
	}
	for _, ty := range Types {
		if !have[ty.Type] && ty.Type != "economic" && ty.Type != "other" {
			t.Errorf("type %s has no trigger", ty.Type)
		}
	}
	for w, tr := range triggers {
		known := false
		for _, ty := range Types {
			known = known || ty.Type == tr.typ
		}
		if !known {
			t.Errorf("trigger %q has type %q outside the taxonomy", w, tr.typ)
		}
	}
	for _, w := range []string{"said", "told", "reported", "hoped", "believes", "says"} {
		if _, ok := triggers[w]; ok {
			t.Errorf("%q must not be a trigger", w)
		}
	}
}

// A sentence of a million characters is read in windows, in linear time.
func TestLongSentence(t *testing.T) {
	var b strings.Builder
	var names []string
	for i := range 3000 {
		fmt.Fprintf(&b, "Lavrov%d met Kerry%d in Vienna and ", i, i)
		names = append(names, fmt.Sprintf("Lavrov%d=person", i), fmt.Sprintf("Kerry%d=person", i))
	}
	s := sentence(t, b.String(), time.Time{}, append(names, "Vienna=place")...)
	start := time.Now()
	evs := Find([]Sentence{s})
	if len(evs) < 2900 {
		t.Errorf("%d events in a long sentence, want about 3000", len(evs))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a long sentence took %v", d)
	}
}

// New trigger classes, and the readings that are no event.
func TestTriggerClasses(t *testing.T) {
	dct := time.Date(1998, 3, 22, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text string
		ents []string
		want string // the types of the events found, space-separated
	}{
		{"Police seized a bomb in Dundalk on Saturday.", []string{"Dundalk=place"}, "arrest"},
		{"Protesters clashed with police in Belfast on Sunday.", []string{"Belfast=place"}, "protest attack"},
		{"Ukraine held joint naval exercises with NATO in the Black Sea.", []string{"Ukraine=place", "NATO=organization", "Black Sea=place"}, "other"},
		{"The group began to fall apart after the defection of Ieng Sary.", []string{"Ieng Sary=person"}, "other"},
		{"The United States deployed warships to the Persian Gulf.", []string{"United States=place", "Persian Gulf=place"}, "other"},
		{"Kenya denied the report on Monday.", []string{"Kenya=place"}, "rejection"},
		{"The court's ruling on Thursday sent Elian home.", []string{"Elian=person"}, "legal"},
		{"Schwarz was named chairman of U.S. Trust.", []string{"Schwarz=person", "U.S. Trust=organization"}, "personnel"},
		{"A man named Schwarz runs U.S. Trust.", []string{"Schwarz=person", "U.S. Trust=organization"}, ""},
		{"Schwarz's great-grandfather founded the toy store in 1862.", []string{"Schwarz=person"}, "other"},
		{"Police found Howes' remains in Cambodia.", []string{"Howes=person", "Cambodia=place"}, ""},
		{"Adams invited Blair and Ahern to the talks last week.", []string{"Adams=person", "Blair=person", "Ahern=person"}, "appeal meeting"},
		{"Kopp was slain in Amherst in October.", []string{"Kopp=person", "Amherst=place"}, "attack"},
		{"The boy's mother drowned in the Florida Straits in November.", []string{"Florida Straits=place"}, "disaster"},
		{"Poland and Hungary today became full-fledged members of NATO.", []string{"Poland=place", "Hungary=place", "NATO=organization"}, "agreement"},
		{"Slovakia became a member of the European Union in 2004.", []string{"Slovakia=place", "European Union=organization"}, "agreement"},
		{"The board became members' property.", nil, ""},
		{"She became famous, and members of the press followed her.", nil, ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var got []string
			for _, ev := range FindMentions([]Sentence{sentence(t, tc.text, dct, tc.ents...)}) {
				got = append(got, ev.Type)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("events of %q: got %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// The one who undergoes an event: the subject of a passive verb, the
// possessor of a noun such as "capture".
func TestUndergoer(t *testing.T) {
	for _, tc := range []struct {
		text string
		ents []string
		want string // roles of the first event
	}{
		{"Howes was working for the group when he was abducted in March 1996.", []string{"Howes=person"}, "target=Howes"},
		{"Howes died within weeks of his capture.", []string{"Howes=person"}, "target=Howes"},
		{"Pushkov is a lawmaker, and his visit to Paris was short.", []string{"Pushkov=person", "Paris=place"}, "agent=Pushkov target=Paris"},
		{"Rudolph's arrest was announced.", []string{"Rudolph=person"}, "target=Rudolph"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := FindMentions([]Sentence{sentence(t, tc.text, time.Time{}, tc.ents...)})
			if len(evs) == 0 {
				t.Fatalf("no event in %q", tc.text)
			}
			if got := roles(evs[len(evs)-1]); got != tc.want {
				t.Errorf("roles in %q: got %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// A date said of a statement is not the date of the event it reports, and
// a terrorist blast is an attack.
func TestStatementDate(t *testing.T) {
	dct := time.Date(1998, 2, 19, 0, 0, 0, 0, time.UTC)
	s := withTree(t, sentence(t, "Officials said Thursday that Britain has pushed to resolve the case of his abduction.", dct, "Britain=place"))
	for _, ev := range FindMentions([]Sentence{s}) {
		if ev.Date != "" {
			t.Errorf("%s %q dated %s by the statement's date", ev.Type, ev.Trigger, ev.Date)
		}
	}
	// "said privately Thursday": the parser hangs the date on the adverb.
	s = withTree(t, sentence(t, "Thai officials said privately Thursday that Britain has been pushing to resolve the case as the anniversary of his abduction nears.", dct, "Britain=place"))
	for _, ev := range FindMentions([]Sentence{s}) {
		if ev.Date != "" {
			t.Errorf("%s %q dated %s by the statement's date", ev.Type, ev.Trigger, ev.Date)
		}
	}
	// "was quoted Friday as saying": a statement too.
	s = withTree(t, sentence(t, "A senior government official was quoted Friday by local media as saying that an Egyptian group planned the attacks.", dct))
	for _, ev := range FindMentions([]Sentence{s}) {
		if ev.Date != "" {
			t.Errorf("%s %q dated %s by the statement's date", ev.Type, ev.Trigger, ev.Date)
		}
	}
	s = sentence(t, "The terrorist blasts shook Nairobi.", dct, "Nairobi=place")
	if evs := FindMentions([]Sentence{s}); len(evs) != 1 || evs[0].Type != "attack" {
		t.Errorf("terrorist blasts: got %+v, want one attack", evs)
	}
}

// A noun after a possessive pronoun speaks of a happening told before.
func TestAnaphor(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"The mission has changed since its founding in 1949.", true},
		{"The founding of the party came in 1949.", false},
		{"The party was founded in 1949.", false},
	} {
		evs := FindMentions([]Sentence{sentence(t, tc.text, time.Time{})})
		if len(evs) != 1 || evs[0].Anaphor != tc.want {
			t.Errorf("%q: got %+v, want one mention with Anaphor %v", tc.text, evs, tc.want)
		}
	}
}

// Every two-word trigger must be found: lookupTrigger joins a word with the
// next only when pairFirst holds it.
func TestPairFirst(t *testing.T) {
	pairs := 0
	for form := range triggers {
		first, second, ok := strings.Cut(form, " ")
		if !ok {
			continue
		}
		pairs++
		toks := []Token{{Text: first}, {Text: second}}
		if _, n, found := lookupTrigger(toks, 0); !found || n != 2 {
			t.Errorf("%q: lookupTrigger gives %d words, found %v", form, n, found)
		}
	}
	if pairs == 0 {
		t.Error("no two-word triggers in the lexicon")
	}
}
