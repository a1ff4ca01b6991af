package relations

import (
	"strings"
	"testing"

	"kg/graph"
	"kg/ingest/depparse"
	"kg/ingest/events"
	"kg/ingest/text"
)

// parsed builds a parsed sentence from text with the shipped parser,
// marking the given names as entities ("Moscow=place", "Russian=place").
func parsed(t *testing.T, s string, names ...string) *events.Sentence {
	t.Helper()
	p, err := depparse.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := &events.Sentence{Text: s, End: len(s)}
	var words []string
	for _, tk := range text.Tokenize(s) {
		out.Tokens = append(out.Tokens, events.Token{Text: tk.Text, Start: tk.Start, End: tk.End})
		words = append(words, tk.Text)
	}
	for _, spec := range names {
		name, kind, _ := strings.Cut(spec, "=")
		n := len(strings.Fields(name))
		found := false
		for i := 0; i+n <= len(words) && !found; i++ {
			if strings.Join(words[i:i+n], " ") == name {
				out.Entities = append(out.Entities, events.Entity{ID: name, Name: name, Kind: graph.Kind(kind), Start: i, End: i + n})
				found = true
			}
		}
		if !found {
			t.Fatalf("%q not in %q", name, s)
		}
	}
	var tree depparse.Tree
	p.Parse(words, &tree)
	out.Syntax = &events.Syntax{UPOS: tree.UPOS, Head: tree.Head, Deprel: tree.Deprel}
	return out
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		ents       []string
		rels       []string // "from predicate to"
		titles     []string // "entity: title"
	}{
		{"apposition with a conjunction",
			"Sergei Sobyanin, a close Putin ally and the mayor of Moscow, said the killings in Paris were another reason to unite.",
			[]string{"Sergei Sobyanin=person", "Putin=person", "Moscow=place", "Paris=place"},
			[]string{"Sergei Sobyanin ally_of Putin", "Sergei Sobyanin mayor_of Moscow"},
			[]string{"Sergei Sobyanin: Putin ally", "Sergei Sobyanin: mayor of Moscow"}},
		{"title and demonym before the name",
			"In a telegram sent to French President Francois Hollande, Putin offered his condolences.",
			[]string{"French=place", "Francois Hollande=person", "Putin=person"},
			[]string{"Francois Hollande president_of French"},
			[]string{"Francois Hollande: President"}},
		{"possessive title before the name",
			"Russia's deputy prime minister in charge of the defence industry Dmitry Rogozin said new measures were taken.",
			[]string{"Russia=place", "Dmitry Rogozin=person"},
			[]string{"Dmitry Rogozin deputy_prime_minister_of Russia"},
			[]string{"Dmitry Rogozin: deputy prime minister in charge of the defence industry"}},
		{"a role with no entity is a title",
			"Alexey Pushkov, the chairman of the foreign affairs committee, said he hoped for peace.",
			[]string{"Alexey Pushkov=person"},
			nil,
			[]string{"Alexey Pushkov: chairman of the foreign affairs committee"}},
		{"no role, no relation",
			"Vladimir Putin met Francois Hollande in Paris on Monday.",
			[]string{"Vladimir Putin=person", "Francois Hollande=person", "Paris=place"},
			nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rels, titles := Find(parsed(t, tc.text, tc.ents...))
			var got, gotTitles []string
			for _, r := range rels {
				got = append(got, r.From+" "+r.Predicate+" "+r.To)
			}
			for _, ti := range titles {
				gotTitles = append(gotTitles, ti.Entity+": "+ti.Title)
			}
			if strings.Join(got, "\n") != strings.Join(tc.rels, "\n") {
				t.Errorf("relations:\n got %q\nwant %q", got, tc.rels)
			}
			if strings.Join(gotTitles, "\n") != strings.Join(tc.titles, "\n") {
				t.Errorf("titles:\n got %q\nwant %q", gotTitles, tc.titles)
			}
		})
	}
}

// A sentence without a tree, or with a tree of another length, gives
// nothing and does not panic.
func TestNoTree(t *testing.T) {
	s := &events.Sentence{Text: "Sobyanin, the mayor of Moscow, spoke.", Tokens: []events.Token{{Text: "Sobyanin"}}}
	if r, ti := Find(s); r != nil || ti != nil {
		t.Errorf("no tree: %v %v", r, ti)
	}
	s.Syntax = &events.Syntax{UPOS: []string{"X", "X"}, Head: []int{-1, 0}, Deprel: []string{"root", "dep"}}
	if r, ti := Find(s); r != nil || ti != nil {
		t.Errorf("mismatched tree: %v %v", r, ti)
	}
}

// HasCandidate is the gate that spares the parser the sentences Find can
// take nothing from: it must hold wherever Find finds something.
func TestHasCandidate(t *testing.T) {
	for _, tc := range []struct {
		text  string
		names []string
		want  bool
	}{
		{"Sergei Sobyanin, a close Putin ally and the mayor of Moscow, spoke.", []string{"Sergei Sobyanin=person", "Putin=person", "Moscow=place"}, true},
		{"French President Francois Hollande arrived.", []string{"Francois Hollande=person", "French=place"}, true},
		{"Russia's deputy prime minister, Dmitry Rogozin, wrote on Twitter.", []string{"Dmitry Rogozin=person", "Russia=place"}, true},
		{"Putin met Hollande in Paris on Friday.", []string{"Putin=person", "Hollande=person", "Paris=place"}, false},
		{"John Smith said profits rose 12 pct in the quarter.", []string{"John Smith=person"}, false},
		{"Ministers met in Brussels.", []string{"Brussels=place"}, false},
	} {
		s := parsed(t, tc.text, tc.names...)
		if got := HasCandidate(s.Tokens); got != tc.want {
			t.Errorf("%q: HasCandidate %v, want %v", tc.text, got, tc.want)
		}
		if r, ti := Find(s); (len(r) > 0 || len(ti) > 0) && !HasCandidate(s.Tokens) {
			t.Errorf("%q: Find gives %v %v but HasCandidate is false", tc.text, r, ti)
		}
	}
}
