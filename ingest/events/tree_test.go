package events

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"kg/ingest/depparse"
)

// withTree parses a test sentence with the shipped beam parser.
func withTree(t *testing.T, s Sentence) Sentence {
	t.Helper()
	return withTreeOf(t, depparse.Default, s)
}

// withTreeOf parses a test sentence with the parser load gives.
func withTreeOf(t *testing.T, load func() (*depparse.Parser, error), s Sentence) Sentence {
	t.Helper()
	p, err := load()
	if err != nil {
		t.Fatal(err)
	}
	words := make([]string, len(s.Tokens))
	for i, tk := range s.Tokens {
		words[i] = tk.Text
	}
	var tree depparse.Tree
	p.Parse(words, &tree)
	s.Syntax = &Syntax{UPOS: tree.UPOS, Head: tree.Head, Deprel: tree.Deprel}
	return s
}

// The tree gives the arguments the words around a trigger do not.
func TestFindWithTree(t *testing.T) {
	dct := time.Date(2015, 11, 14, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		text string
		ents []string
		want []string // "type|date|place|roles" per event
	}{
		{"passive with by", "Christopher Howes was kidnapped by the Khmer Rouge in Cambodia in March 1996.",
			[]string{"Christopher Howes=person", "Khmer Rouge=organization", "Cambodia=place"},
			[]string{"attack|1996-03|Cambodia|agent=Khmer Rouge target=Christopher Howes"}},
		{"passive without by", "Two opposition leaders were arrested in Minsk on Monday.",
			[]string{"Minsk=place"},
			[]string{"arrest|2015-11-09|Minsk|"}},
		{"support verb and target", "Russia launched airstrikes against Islamic State in Syria on Sept. 30.",
			[]string{"Russia=place", "Islamic State=organization", "Syria=place"},
			[]string{"attack|2015-09-30|Syria|agent=Russia target=Islamic State"}},
		{"the date of another event", "Putin met Hollande in Paris, a week after the attacks of Nov. 13.",
			[]string{"Putin=person", "Hollande=person", "Paris=place"},
			[]string{"meeting||Paris|agent=Putin target=Hollande", "attack|2015-11-13|Paris|"}},
		{"a by phrase named by its modifier", "The demand was refused by the Taliban government.",
			[]string{"Taliban=organization"},
			[]string{"rejection|||agent=Taliban"}},
		{"a subject named by its possessor", "Hun Sen's troops attacked the stronghold on Friday.",
			[]string{"Hun Sen=person"},
			[]string{"attack|2015-11-13||agent=Hun Sen"}},
		{"the date of a clause without a trigger", "Kuchma's visit aimed to double trade, which fell sharply last year.",
			[]string{"Kuchma=person"},
			[]string{"meeting|||agent=Kuchma"}},
		{"a common noun subject", "The bombings at embassies in Nairobi, Kenya, and Dar es Salaam, Tanzania, killed 258 people.",
			[]string{"Nairobi=place", "Kenya=place", "Dar es Salaam=place", "Tanzania=place"},
			[]string{"attack||Nairobi|"}},
		{"a name subject", "In Sudan, Kenya killed 20 people.",
			[]string{"Sudan=place", "Kenya=place"},
			[]string{"attack||Sudan|agent=Kenya"}},
		{"counted people acted on", "Officers arrested four fishermen after the clash at the harbour.",
			nil,
			[]string{"arrest|||"}},
		{"people acted on, not counted", "Police arrested the suspects on suspicion of rioting.",
			nil,
			nil},
		{"counted people, passive", "Six men were arrested.",
			nil,
			nil},
		{"a noun in the dated verb's clause", "Albright paid tribute Tuesday to the victims on a visit to Kenya.",
			[]string{"Albright=person", "Kenya=place"},
			[]string{"meeting|2015-11-10||target=Kenya"}},
		{"a participle after a noun dates it, whatever the tree", "The Justice Department wants the appeals court to suspend the temporary injunction issued Thursday and also order the great-uncle to release the boy.",
			[]string{"Justice Department=organization"},
			[]string{"legal|2015-11-12||"}},
		{"a date on a noun inside the verb's oblique", "Sinn Fein was expelled from the peace talks on Feb. 20 after the shooting.",
			[]string{"Sinn Fein=organization"},
			[]string{"sanction|2015-02-20||target=Sinn Fein"}},
		{"a participle takes the time of the clause", "He said he was in Kansas City working with the underground in 1968 when troops swept through Prague in the invasion of the country.",
			[]string{"Kansas City=place", "Prague=place"},
			[]string{"attack|1968||"}},
		{"a when clause dates the clause it modifies", "Pol Pot is blamed for the policies that led to the deaths of many people when the group held power in the late 1970s.",
			[]string{"Pol Pot=person"},
			[]string{"accusation|||target=Pol Pot", "death|197X||"}},
		{"a participle of the noun's type tells its happening", "The Feb. 23 accord signed by Kofi Annan opened the sites to the inspectors.",
			[]string{"Kofi Annan=person"},
			[]string{"agreement|2015-02-23||agent=Kofi Annan"}},
		{"a relative clause keeps its own time", "The man who attacked the guards was identified on Thursday.",
			nil,
			nil},
		{"a relative pronoun subject makes a relative clause", "The man was identified Thursday as one of two suspects who had been arrested.",
			nil,
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := withTree(t, sentence(t, tc.text, dct, tc.ents...))
			var gs []string
			for _, ev := range Find([]Sentence{s}) {
				gs = append(gs, strings.Join([]string{ev.Type, ev.Date, ev.Place, roles(ev)}, "|"))
			}
			if strings.Join(gs, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("events of %q:\n got %q\nwant %q", tc.text, gs, tc.want)
			}
		})
	}
}

// A meeting that is the occasion of a statement is the speaker's, on the
// day the statement is dated: in its sentence, or in the one before.
func TestStatementOccasion(t *testing.T) {
	dct := time.Date(1998, 2, 19, 0, 0, 0, 0, time.UTC) // a Thursday
	for _, tc := range []struct {
		name  string
		texts []string
		ents  [][]string
		want  string // "type|date|place|roles" of the last sentence's event
	}{
		{"dated in its sentence", []string{"Nhek Bunchhay said Thursday in an interview that he hopes to recover the remains."},
			[][]string{{"Nhek Bunchhay=person"}}, "meeting|1998-02-19||agent=Nhek Bunchhay"},
		{"dated in the sentence before", []string{"The commander said Thursday he has sent a team.", "Nhek Bunchhay said in an interview that he hopes to recover the remains."},
			[][]string{nil, {"Nhek Bunchhay=person"}}, "meeting|1998-02-19||agent=Nhek Bunchhay"},
		{"the speaker after the verb", []string{"Louis Freeh said here Friday that the raid is not linked with the probe.", "\"Nothing is ruled out,\" said Freeh at a news conference."},
			[][]string{{"Louis Freeh=person"}, {"Freeh=person"}}, "meeting|1998-02-13||agent=Freeh"},
		{"no statement before", []string{"The team left on Thursday.", "Nhek Bunchhay said in an interview that he hopes to recover the remains."},
			[][]string{nil, {"Nhek Bunchhay=person"}}, "meeting|||agent=Nhek Bunchhay"},
		{"a date right after the verb, then a clause", []string{"Officials said Friday the team has left the capital.", "Nhek Bunchhay said in an interview that he hopes to recover the remains."},
			[][]string{nil, {"Nhek Bunchhay=person"}}, "meeting|1998-02-13||agent=Nhek Bunchhay"},
		{"a date that modifies the next noun", []string{"Officials said Friday's storm has left the capital.", "Nhek Bunchhay said in an interview that he hopes to recover the remains."},
			[][]string{nil, {"Nhek Bunchhay=person"}}, "meeting|||agent=Nhek Bunchhay"},
		{"the speaker before the verb, after the quote", []string{"Louis Freeh said here Friday that the raid is not linked with the probe.", "\"This is an investigation,\" Freeh said at a press conference."},
			[][]string{{"Louis Freeh=person"}, {"Freeh=person"}}, "meeting|1998-02-13||agent=Freeh"},
		{"the hearer after the verb", []string{"Louis Freeh said here Friday that the raid is not linked with the probe.", "\"This is an investigation,\" he told Freeh at a press conference."},
			[][]string{{"Louis Freeh=person"}, {"Freeh=person"}}, "meeting|1998-02-13||"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sents []Sentence
			for k, text := range tc.texts {
				s := withTree(t, sentence(t, text, dct, tc.ents[k]...))
				s.Index = k
				sents = append(sents, s)
			}
			var got string
			for _, ev := range FindMentions(sents) {
				if ev.Sentence == len(sents)-1 {
					got = strings.Join([]string{ev.Type, ev.Date, ev.Place, roles(ev)}, "|")
				}
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// NeedsTree decides which sentences the pipeline parses: over each small
// document (sentences split at " | "), the events read with trees only
// where it asks for one must be those read with a tree everywhere, with
// each shipped parser.
func TestNeedsTree(t *testing.T) {
	dct := time.Date(1987, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		doc   string
		names []string
		want  []bool // NeedsTree of each sentence
	}{
		{"The company said on March 2 that profits rose.", nil, []bool{false}},
		{"In March, the board agreed to a merger.", nil, []bool{true}},
		{"Thousands of students march through the capital.", nil, []bool{true}},
		{"Shares rose 12 pct in the quarter.", nil, []bool{false}},
		{"Prices have fallen since March.", nil, []bool{false}},
		{"The rescue was delayed by the weather.", nil, []bool{false}},
		{"The board would agree to a merger only at a higher price.", nil, []bool{false}},
		{"The directors may meet again.", nil, []bool{false}},
		{"Talks between Acme and Zenith broke down.", []string{"Acme=organization", "Zenith=organization"}, []bool{true}},
		// A number counts those acted on; a pronoun is the last person.
		{"Police arrested six men after the raid.", nil, []bool{true}},
		{"Police arrested twenty men after the raid.", nil, []bool{true}},
		{"Police arrested one man after the raid.", nil, []bool{true}},
		{"He met the delegation at the airport.", nil, []bool{true}},
		// Two triggers of one happening are joined by the tree.
		{"The attack killed the guard.", nil, []bool{true}},
		{"The accord signed by the parties collapsed.", nil, []bool{true}},
		// The occasion of a statement takes the date of the one before.
		{"Officials said Thursday that the ceasefire held. | The minister said in an interview that the work went on.", nil, []bool{true, true}},
		// A statement with no trigger is parsed only when an occasion
		// follows it (Sentence.Parse).
		{"Officials said on Thursday that possible attacks were discussed. | He said in an interview that the work went on.", nil, []bool{false, true}},
	} {
		var sents []Sentence
		for i, text := range strings.Split(tc.doc, " | ") {
			s := sentence(t, text, dct, namesIn(text, tc.names)...)
			s.Index = i
			sents = append(sents, s)
		}
		for i := range sents {
			if got := NeedsTree(&sents[i]); got != tc.want[i] {
				t.Errorf("%q: NeedsTree %v, want %v", sents[i].Text, got, tc.want[i])
			}
		}
		for _, p := range []struct {
			name string
			load func() (*depparse.Parser, error)
		}{{"beam", depparse.Default}, {"greedy", depparse.Greedy}} {
			gated := make([]Sentence, len(sents))
			all := make([]Sentence, len(sents))
			for i, s := range sents {
				all[i] = withTreeOf(t, p.load, s)
				gated[i] = s
				if NeedsTree(&s) {
					gated[i] = all[i]
				} else {
					tree := all[i].Syntax
					gated[i].Parse = func() *Syntax { return tree }
				}
			}
			evs := FindMentions(gated)
			got := fmt.Sprintf("%+v", evs)
			// The occasion of a statement takes the statement's date,
			// from its tree, which the gate may leave to Parse.
			occasion := strings.Contains(tc.doc, "in an interview")
			for _, ev := range evs {
				if occasion && ev.Sentence == len(sents)-1 && ev.Date == "" {
					t.Errorf("%q, %s parser: %s undated", tc.doc, p.name, ev.Label)
				}
			}
			if want := fmt.Sprintf("%+v", FindMentions(all)); got != want {
				t.Errorf("%q, %s parser: with trees where NeedsTree asks\n%s\ninstead of\n%s", tc.doc, p.name, got, want)
			}
		}
	}
}

// namesIn keeps the names of specs ("Acme=organization") found in text.
func namesIn(text string, specs []string) []string {
	var out []string
	for _, spec := range specs {
		if name, _, _ := strings.Cut(spec, "="); strings.Contains(text, name) {
			out = append(out, spec)
		}
	}
	return out
}
