package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/ingest/gazetteer"
	"kg/ingest/timex"
)

// dictTagger tags the phrases it is given, so these tests do not depend on
// what a trained model predicts.
type dictTagger map[string]string

func (d dictTagger) Tag(doc [][]string) [][]string {
	out := make([][]string, len(doc))
	for si, toks := range doc {
		tags := make([]string, len(toks))
		for i := range tags {
			tags[i] = "O"
		}
		// Longest phrases first; a token is tagged once.
		phrases := make([]string, 0, len(d))
		for p := range d {
			phrases = append(phrases, p)
		}
		sort.Slice(phrases, func(i, j int) bool { return len(phrases[i]) > len(phrases[j]) })
		for _, phrase := range phrases {
			ws := strings.Fields(phrase)
			for i := 0; i+len(ws) <= len(toks); i++ {
				match := true
				for k, w := range ws {
					match = match && toks[i+k] == w && tags[i+k] == "O"
				}
				if match {
					tags[i] = "B-" + d[phrase]
					for k := 1; k < len(ws); k++ {
						tags[i+k] = "I-" + d[phrase]
					}
				}
			}
		}
		out[si] = tags
	}
	return out
}

func extractor(tags dictTagger) *Extractor {
	return &Extractor{NER: tags, Dates: timex.Rules{}, Gaz: gazetteer.Default()}
}

const article = `Putin Condemns Paris Attacks

Russian President Vladimir Putin sent a telegram to Francois Hollande on Saturday. Putin said Russia would help.

Islamic State (ISIS) claimed the attacks in Paris. ISIS fighters are in Syria, and the Paris attacks shocked Europe.`

func TestExtract(t *testing.T) {
	x := extractor(dictTagger{"Vladimir Putin": "PER", "Putin": "PER", "Francois Hollande": "PER", "Russian": "MISC",
		"Russia": "LOC", "Islamic State": "ORG", "ISIS": "ORG", "Paris": "LOC", "Syria": "LOC", "Europe": "LOC"})
	doc := graph.Document{ID: graph.DocumentID(article), Text: article, Published: time.Date(2015, 11, 15, 0, 0, 0, 0, time.UTC)}
	d, err := x.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]*graph.DeltaEntity{}
	for i := range d.Entities {
		e := &d.Entities[i]
		if names[e.Name] != nil {
			t.Errorf("two entities named %s", e.Name)
		}
		names[e.Name] = e
	}
	for name, kind := range map[string]graph.Kind{"Vladimir Putin": graph.Person, "Francois Hollande": graph.Person, "Russia": graph.Place,
		"Islamic State": graph.Organization, "Paris": graph.Place, "Syria": graph.Place, "Europe": graph.Place} {
		if e := names[name]; e == nil || e.Kind != kind {
			t.Errorf("%s: %+v, want a %s", name, e, kind)
		}
	}
	if len(d.Entities) != 7 {
		t.Errorf("%d entities, want 7: %+v", len(d.Entities), d.Entities)
	}
	if names["Paris"] != nil && names["Paris"].Attrs["country"] != "FR" {
		t.Errorf("Paris is not linked to France: %+v", names["Paris"].Attrs)
	}
	// Every mention's offsets give its text; "Putin" and "Russian" resolve.
	count := map[string]int{}
	for _, m := range d.Mentions {
		if article[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v: offsets give %q", m, article[m.Start:m.End])
		}
		s := d.Sentences[m.Sentence]
		if m.Start < s.Start || m.End > s.End {
			t.Errorf("mention %+v outside its sentence %+v", m, s)
		}
		for name, e := range names {
			if e.ID == m.Entity {
				count[name]++
			}
		}
	}
	if count["Vladimir Putin"] != 3 || count["Russia"] != 2 || count["Islamic State"] != 3 || count["Paris"] != 3 {
		t.Errorf("mention counts %v", count)
	}
	// The attacks in Paris are one event, with evidence from the three
	// sentences that name them, the headline included.
	var attacks []graph.DeltaEvent
	for _, ev := range d.Events {
		if ev.Type == "attack" {
			attacks = append(attacks, ev)
		}
	}
	if len(attacks) != 1 || attacks[0].Place != names["Paris"].ID || len(attacks[0].Evidence) != 3 || attacks[0].Label != "attacks in Paris" {
		t.Errorf("attacks: %+v", attacks)
	}
	for _, ev := range d.Events {
		for _, e := range ev.Evidence {
			if article[e.Start:e.End] != e.Text || e.Document != doc.ID {
				t.Errorf("evidence %+v is not its sentence", e)
			}
		}
	}
	// Co-occurrence: Putin and Hollande share a sentence.
	found := false
	for _, r := range d.Relations {
		a, b := names["Vladimir Putin"].ID, names["Francois Hollande"].ID
		found = found || r.Type == graph.CoOccursWith && (r.From == a && r.To == b || r.From == b && r.To == a)
	}
	if !found {
		t.Error("no co-occurrence of Putin and Hollande")
	}
}

func TestExtractEmptyAndOdd(t *testing.T) {
	x := New()
	for _, text := range []string{"", "   \n\n ", "\xff\xfe\x00", strings.Repeat("A. ", 2000), "((((((", "Mr."} {
		d, err := x.Extract(graph.Document{ID: graph.DocumentID(text), Text: text})
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		for _, m := range d.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Errorf("%q: bad mention %+v", text, m)
			}
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	for _, bc := range []struct {
		name     string
		off      bool
		noEvents bool
	}{{"resolution", false, false}, {"no-resolution", true, false}, {"no-events", false, true}} {
		b.Run(bc.name, func(b *testing.B) {
			x := New()
			x.noResolution, x.EntitiesOnly = bc.off, bc.noEvents
			text := strings.Repeat(article+"\n\n", 20)
			doc := graph.Document{ID: graph.DocumentID(text), Text: text, Published: time.Date(2015, 11, 15, 0, 0, 0, 0, time.UTC)}
			b.SetBytes(int64(len(text)))
			if _, err := x.Extract(doc); err != nil { // loads the models
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if _, err := x.Extract(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestResolveWithinDocument(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		tags dictTagger
		want map[string][]string // entity name -> its mention texts
	}{
		{"surname and title", "Sergei Sobyanin spoke first. Then Mr. Sobyanin left, and Mayor Sobyanin returned.",
			dictTagger{"Sergei Sobyanin": "PER", "Mr. Sobyanin": "PER", "Mayor Sobyanin": "PER", "Sobyanin": "PER"},
			map[string][]string{"Sergei Sobyanin": {"Sergei Sobyanin", "Sobyanin", "Sobyanin"}}},
		{"acronym in parentheses", "The Federal Bureau of Investigation (FBI) opened a case. The FBI said more.",
			dictTagger{"Federal Bureau of Investigation": "ORG", "FBI": "ORG"},
			map[string][]string{"Federal Bureau of Investigation": {"Federal Bureau of Investigation", "FBI", "FBI"}}},
		{"a parenthesis is not always an acronym", "Aluminum Co of America (ALCOA) said. America (ALCOA) said.",
			dictTagger{"Aluminum Co of America": "ORG", "America": "LOC", "ALCOA": "ORG"},
			map[string][]string{"Aluminum Co of America": {"Aluminum Co of America", "ALCOA", "ALCOA"}, "United States": {"America"}}},
		{"acronym from initials", "The Northern Valley Water Authority met. NVWA kept prices.",
			dictTagger{"Northern Valley Water Authority": "ORG", "NVWA": "ORG"},
			map[string][]string{"Northern Valley Water Authority": {"Northern Valley Water Authority", "NVWA"}}},
		{"gazetteer aliases", "Islamic State fighters fled. ISIS denied it, and Daesh said nothing.",
			dictTagger{"Islamic State": "ORG", "ISIS": "ORG", "Daesh": "ORG"},
			map[string][]string{"Islamic State": {"Islamic State", "ISIS", "Daesh"}}},
		{"well-known surname", "Putin spoke in Moscow.",
			dictTagger{"Putin": "PER", "Moscow": "LOC"},
			map[string][]string{"Vladimir Putin": {"Putin"}, "Moscow": {"Moscow"}}},
		{"demonym", "Russian jets flew over Russia.",
			dictTagger{"Russian": "MISC", "Russia": "LOC"},
			map[string][]string{"Russia": {"Russian", "Russia"}}},
		{"majority type", "Reuters reported it. Reuters said so. Reuters wrote.",
			dictTagger{"Reuters": "ORG"},
			map[string][]string{"Reuters": {"Reuters", "Reuters", "Reuters"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := extractor(tc.tags).Extract(graph.Document{ID: graph.DocumentID(tc.text), Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, e := range d.Entities {
				for _, m := range d.Mentions {
					if m.Entity == e.ID {
						got[e.Name] = append(got[e.Name], m.Text)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("entities of %q:\n got %v\nwant %v", tc.text, got, tc.want)
			}
		})
	}
}

// Paris is the one in France, unless the article is about Texas.
func TestPlaceContext(t *testing.T) {
	for _, tc := range []struct {
		text, country string
	}{
		{"Police in Paris arrested two men.", "FR"},
		{"The storm hit Paris, a town in Texas, United States, on Monday.", "US"},
	} {
		d, err := extractor(dictTagger{"Paris": "LOC", "Texas": "LOC", "United States": "LOC"}).Extract(graph.Document{ID: graph.DocumentID(tc.text), Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Entities {
			if e.Name == "Paris" && e.Attrs["country"] != tc.country {
				t.Errorf("%q: Paris in %s, want %s", tc.text, e.Attrs["country"], tc.country)
			}
		}
	}
}

// An acronym whose expansion the tagger called MISC makes no entity of an
// unknown kind.
func TestAcronymOfMisc(t *testing.T) {
	text := "The International Coffee Agreement (ICA) lapsed. ICA members met."
	d, err := extractor(dictTagger{"International Coffee Agreement": "MISC", "ICA": "ORG"}).Extract(graph.Document{ID: graph.DocumentID(text), Text: text})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range d.Entities {
		if e.Kind != graph.Organization {
			t.Errorf("entity %+v", e)
		}
	}
}

// A country's name is the country, even when its capital shares it and the
// document speaks of the country.
func TestCountryOverCity(t *testing.T) {
	text := "Mexico's central bank met. Mexico raised rates, and Mexican banks rose."
	d, err := extractor(dictTagger{"Mexico": "LOC", "Mexican": "MISC"}).Extract(graph.Document{ID: graph.DocumentID(text), Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Entities) != 1 || d.Entities[0].Name != "Mexico" || d.Entities[0].Attrs["class"] != "country" {
		t.Errorf("entities %+v", d.Entities)
	}
}
