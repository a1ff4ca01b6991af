package gazetteer

import (
	"testing"

	"kg/graph"
)

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		query     string
		name      string // canonical name of the first entry; "" for no match
		class     Class
		country   string
		geonameID int // checked when not 0
	}{
		{"Paris", "Paris", City, "FR", 2988507},
		{"Moscow", "Moscow", City, "RU", 524901},
		{"Syria", "Syria", Country, "SY", 0},
		{"Russia", "Russia", Country, "RU", 0},
		{"Russia's", "Russia", Country, "RU", 0},
		{"Russian Federation", "Russia", Country, "RU", 0},
		{"Ukraine", "Ukraine", Country, "UA", 0},
		{"Europe", "Europe", Region, "", 0},
		{"Middle East", "Middle East", Region, "", 0},
		{"the West", "the West", Region, "", 0},
		{"ISIS", "Islamic State", ArmedGroup, "", 0},
		{"ISIL", "Islamic State", ArmedGroup, "", 0},
		{"Islamic State", "Islamic State", ArmedGroup, "", 0},
		{"Daesh", "Islamic State", ArmedGroup, "", 0},
		{"IS", "Islamic State", ArmedGroup, "", 0},
		{"Reuters", "Reuters", Media, "", 0},
		{"Tass", "TASS", Media, "RU", 0},
		{"Interfax", "Interfax", Media, "RU", 0},
		{"RIA Novosti", "RIA Novosti", Media, "RU", 0},
		{"Kremlin", "Kremlin", Org, "RU", 0},
		{"the Kremlin", "Kremlin", Org, "RU", 0},
		{"White House", "White House", Org, "US", 0},
		{"Pentagon", "Pentagon", Org, "US", 0},
		{"G20", "G20", Forum, "", 0},
		{"G-20", "G20", Forum, "", 0},
		{"NATO", "NATO", Org, "", 0},
		{"EU", "European Union", Org, "", 0},
		{"UN", "United Nations", Org, "", 0},
		{"U.N.", "United Nations", Org, "", 0},
		{"U.S.", "United States", Country, "US", 0},
		{"US", "United States", Country, "US", 0},
		{"USA", "United States", Country, "US", 0},
		{"America", "United States", Country, "US", 0},
		{"UK", "United Kingdom", Country, "GB", 0},
		{"Britain", "United Kingdom", Country, "GB", 0},
		{"Great Britain", "United Kingdom", Country, "GB", 0},
		{"Holland", "Netherlands", Country, "NL", 0},
		{"UAE", "United Arab Emirates", Country, "AE", 0},
		{"Georgia", "Georgia", Country, "GE", 0},
		{"Washington", "Washington", City, "US", 4140963},
		{"Kiev", "Kyiv", City, "UA", 703448},
		{"Bombay", "Mumbai", City, "IN", 0},
		{"New York", "New York City", City, "US", 0},
		{"Sankt Peterburg", "Saint Petersburg", City, "RU", 0},
		{"St. Petersburg", "Saint Petersburg", City, "RU", 0},
		{"São Paulo", "São Paulo", City, "BR", 0},
		{"Sao Paulo", "São Paulo", City, "BR", 0},
		{"Soviet Union", "Soviet Union", Country, "SU", 0},
		{"Vladimir Putin", "Vladimir Putin", Person, "RU", 0},
		{"Sergei Sobyanin", "Sergei Sobyanin", Person, "RU", 0},
		{"Francois Hollande", "Francois Hollande", Person, "FR", 0},
		{"François Hollande", "Francois Hollande", Person, "FR", 0},
		{"Nice", "Nice", City, "FR", 0},
		// surnames and common words match nothing
		{"Putin", "", "", "", 0},
		{"us", "", "", "", 0},
		{"is", "", "", "", 0},
		{"nice", "", "", "", 0},
		{"who", "", "", "", 0},
		{"Of", "", "", "", 0},
		{"Police", "", "", "", 0},
		{"Union", "", "", "", 0},
		{"Mobile", "", "", "", 0},
		{"Bath", "", "", "", 0},
		{"Obama", "", "", "", 0},
		{"", "", "", "", 0},
	}
	for _, tt := range tests {
		got := g.Lookup(tt.query)
		if tt.name == "" {
			if len(got) > 0 {
				t.Errorf("Lookup(%q) = %s (%s), want nothing", tt.query, got[0].Name, got[0].Class)
			}
			continue
		}
		if len(got) == 0 {
			t.Errorf("Lookup(%q) = nothing, want %s", tt.query, tt.name)
			continue
		}
		e := got[0]
		if e.Name != tt.name || e.Class != tt.class || (tt.country != "" && e.Country != tt.country) ||
			(tt.geonameID != 0 && e.GeonameID != tt.geonameID) {
			t.Errorf("Lookup(%q)[0] = %s/%s/%s/%d, want %s/%s/%s/%d", tt.query,
				e.Name, e.Class, e.Country, e.GeonameID, tt.name, tt.class, tt.country, tt.geonameID)
		}
		if e.Kind != e.Class.Kind() {
			t.Errorf("Lookup(%q)[0].Kind = %s, want %s", tt.query, e.Kind, e.Class.Kind())
		}
	}
}

func TestLookupOrder(t *testing.T) {
	g := Default()
	paris := g.Lookup("Paris")
	if len(paris) < 2 {
		t.Fatalf("Lookup(Paris): %d entries, want several", len(paris))
	}
	for i := 1; i < len(paris); i++ {
		if paris[i].Class == City && paris[i-1].Class == City && paris[i].Population > paris[i-1].Population {
			t.Errorf("Lookup(Paris): %s (%d) after %s (%d)", paris[i].Country, paris[i].Population, paris[i-1].Country, paris[i-1].Population)
		}
	}
	// a country comes before a first-level division of the same name
	if got := g.Lookup("Georgia"); len(got) < 2 || got[0].Class != Country || got[1].Class != Admin1 {
		t.Errorf("Lookup(Georgia) = %v, want the country, then the US state", got)
	}
	// ISIS and Islamic State are the same entry
	a, b := g.Lookup("ISIS"), g.Lookup("Islamic State")
	if len(a) != 1 || len(b) != 1 || a[0].ID != b[0].ID {
		t.Errorf("Lookup(ISIS) = %v, Lookup(Islamic State) = %v, want one and the same entry", a, b)
	}
	if m := g.Lookup("Moscow"); m[0].Kind != graph.Place || m[0].Lat == 0 {
		t.Errorf("Lookup(Moscow)[0] = %+v, want a place with coordinates", m[0])
	}
	if c := g.Lookup("Russia")[0]; c.Lat == 0 || c.Population == 0 || c.GeonameID == 0 {
		t.Errorf("Lookup(Russia)[0] = %+v, want coordinates, population and geonameid", c)
	}
}

func TestAliases(t *testing.T) {
	g := Default()
	e := g.Lookup("Islamic State")[0]
	have := map[string]bool{}
	for _, a := range g.Aliases(e) {
		have[a] = true
	}
	for _, want := range []string{"ISIS", "ISIL", "Daesh", "IS"} {
		if !have[want] {
			t.Errorf("Aliases(Islamic State) lacks %q", want)
		}
	}
}

func TestDemonym(t *testing.T) {
	g := Default()
	tests := []struct{ word, country string }{
		{"Russian", "RU"}, {"Russians", "RU"}, {"French", "FR"}, {"American", "US"},
		{"British", "GB"}, {"Chinese", "CN"}, {"Syrian", "SY"}, {"Ukrainian", "UA"},
		{"Emirati", "AE"}, {"Dutch", "NL"}, {"Congolese", "CD"}, {"Russia", ""}, {"table", ""},
	}
	for _, tt := range tests {
		e, ok := g.Demonym(tt.word)
		if tt.country == "" {
			if ok {
				t.Errorf("Demonym(%q) = %s, want none", tt.word, e.Name)
			}
			continue
		}
		if !ok || e.Country != tt.country || e.Class != Country {
			t.Errorf("Demonym(%q) = %s/%s %v, want the country %s", tt.word, e.Name, e.Country, ok, tt.country)
		}
	}
}

func TestCountry(t *testing.T) {
	g := Default()
	for _, tt := range []struct{ code, name string }{
		{"RU", "Russia"}, {"ru", "Russia"}, {"US", "United States"}, {"GB", "United Kingdom"},
		{"FR", "France"}, {"SU", "Soviet Union"}, {"XX", ""},
	} {
		e, ok := g.Country(tt.code)
		if ok != (tt.name != "") || e.Name != tt.name {
			t.Errorf("Country(%q) = %q %v, want %q", tt.code, e.Name, ok, tt.name)
		}
	}
}

func TestIsGivenName(t *testing.T) {
	g := Default()
	for _, w := range []string{"Vladimir", "Sergei", "Sergey", "Francois", "François", "Barack", "John", "Angela", "Dmitry", "Alexey"} {
		if !g.IsGivenName(w) {
			t.Errorf("IsGivenName(%q) = false", w)
		}
	}
	for _, w := range []string{"the", "Putin", "Russia", "of", "Sheikh", "al"} {
		if g.IsGivenName(w) {
			t.Errorf("IsGivenName(%q) = true", w)
		}
	}
}

func TestSurname(t *testing.T) {
	g := Default()
	for _, tt := range []struct{ word, first string }{
		{"Putin", "Vladimir Putin"}, {"Assad", "Bashar al-Assad"}, {"al-Assad", "Bashar al-Assad"},
		{"Hollande", "Francois Hollande"}, {"Merkel", "Angela Merkel"},
	} {
		got := g.Surname(tt.word)
		if len(got) == 0 || got[0].Name != tt.first || got[0].Class != Person {
			t.Errorf("Surname(%q) = %v, want %s first", tt.word, got, tt.first)
		}
	}
	if got := g.Surname("Russia"); len(got) != 0 {
		t.Errorf("Surname(Russia) = %v, want none", got)
	}
}

func TestMaxWords(t *testing.T) {
	if n := Default().MaxWords(); n < 4 || n > 30 {
		t.Errorf("MaxWords() = %d", n)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := Default()
	queries := []string{"Paris", "Moscow", "ISIS", "U.S.", "Vladimir Putin", "the Kremlin", "nothing here", "Nice", "São Paulo"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Lookup(queries[i%len(queries)])
	}
}
