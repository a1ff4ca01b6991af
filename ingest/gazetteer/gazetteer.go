// Package gazetteer knows the names of well-known places, organizations and
// people: countries, first-level regions and cities of 15,000 people or more
// (GeoNames), continents and regions such as the Middle East, international
// organizations, armed groups, companies, news media, and heads of state and
// ministers. The tables are compact files derived from shared/data (see
// data/README.md for sources, licences and filters), embedded in the binary
// and loaded once, on first use.
//
// Names are matched by their graph.NameKey, so "U.S." matches "US" and
// "François" matches "Francois". A few names that are also common English
// words are matched only as written: "US" and "IS" (the Islamic State), the
// city of "Nice"; "us", "is" and "nice" match nothing.
package gazetteer

import (
	"sort"
	"strings"
	"sync"

	"kg/graph"
)

// Class is the class of an entry.
type Class string

// Entry classes.
const (
	Country    Class = "country"     // a country or territory (ISO 3166-1), or a former one
	Admin1     Class = "admin1"      // a first-level division: a state, province, oblast
	City       Class = "city"        // a populated place
	Region     Class = "region"      // a continent or region: Europe, the Middle East, the West
	Org        Class = "org"         // an international organization, agency or NGO
	Media      Class = "media"       // a news agency, newspaper or broadcaster
	ArmedGroup Class = "armed_group" // an armed or militant group
	Company    Class = "company"
	Forum      Class = "forum" // an informal forum: G20, G7, BRICS
	Person     Class = "person"
)

// Kind is the graph kind of entries of the class.
func (c Class) Kind() graph.Kind {
	switch c {
	case Country, Admin1, City, Region:
		return graph.Place
	case Person:
		return graph.Person
	}
	return graph.Organization
}

// Entry is one gazetteer entry.
type Entry struct {
	// ID is a stable gazetteer id: "geonames:2988507" for GeoNames places,
	// "region:middle-east", "former:su", "org:islamic-state",
	// "person:vladimir-putin:ru".
	ID         string
	Name       string // canonical English name ("Russia", "Islamic State", "Vladimir Putin")
	Class      Class
	Kind       graph.Kind // graph.Place, graph.Organization or graph.Person
	Country    string     // ISO 3166-1 alpha-2 where known
	Admin1     string     // GeoNames admin1 code of cities and admin1 entries
	GeonameID  int        // places from GeoNames
	Feature    string     // GeoNames feature code: "PCLI" country, "ADM1", "PPLC" capital, "PPLA" admin seat, "PPL" ...
	Lat, Lon   float64    // a capital's coordinates for countries; 0, 0 when unknown
	Population int64
	Role       string // persons: the latest office in the source ("Prime minister", "Minister of Finance")
}

// IsPlace, IsOrganization and IsPerson tell the entry's kind.
func (e Entry) IsPlace() bool        { return e.Kind == graph.Place }
func (e Entry) IsOrganization() bool { return e.Kind == graph.Organization }
func (e Entry) IsPerson() bool       { return e.Kind == graph.Person }

// Gazetteer is a set of entries indexed by name. It is safe for concurrent
// use.
type Gazetteer struct {
	entries   []Entry
	aliases   []string         // per entry, its aliases as in the table ("|"-separated, "=" marks case-sensitive ones)
	index     map[string]int32 // key -> entry, or -(1+i) for the entries multi[i]
	multi     [][]int32        // entries sharing a key, best first
	one       []int32          // one[i] == i, so that a single posting needs no allocation
	cs        map[string][]csPosting
	demonyms  map[string]int32 // key -> country entry
	countries map[string]int32 // ISO2 -> country entry
	given     map[string]struct{}
	surnames  map[string][]int32
	maxWords  int
}

// csPosting is a case-sensitive name: it matches only text equal to form
// once periods are removed.
type csPosting struct {
	entry int32
	form  string
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, loading it on the first call. It
// panics if the embedded tables are corrupt, which the tests rule out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := load(embedded)
		if err != nil {
			panic("gazetteer: embedded tables: " + err.Error())
		}
		defaultGaz = g
	})
	return defaultGaz
}

// Lookup returns the entries whose name or an alias matches name, best
// first: countries, then regions, then large cities (a million people, or a
// capital of 100,000), first-level divisions, organizations, people and other
// cities, and by population within each. A leading "the" is tried without it
// when the whole name matches nothing. Surnames alone match nothing; see
// Surname.
func (g *Gazetteer) Lookup(name string) []Entry {
	ids := g.lookup(name)
	if len(ids) == 0 {
		if rest, ok := cutThe(name); ok {
			ids = g.lookup(rest)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	out := make([]Entry, len(ids))
	for i, id := range ids {
		out[i] = g.entries[id]
	}
	return out
}

func (g *Gazetteer) lookup(name string) []int32 {
	k := nameKey(name)
	if k == "" {
		return nil
	}
	ids := g.postings(k)
	if ps := g.cs[k]; len(ps) > 0 {
		form := csForm(name)
		var extra []int32
		for _, p := range ps {
			if p.form == form {
				extra = append(extra, p.entry)
			}
		}
		if len(extra) > 0 {
			ids = append(append([]int32(nil), ids...), extra...)
			sort.Slice(ids, func(i, j int) bool { return g.less(ids[i], ids[j]) })
		}
	}
	return ids
}

// cutThe removes a leading "the ".
func cutThe(name string) (string, bool) {
	s := strings.TrimSpace(name)
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:], true
	}
	return "", false
}

// csForm is the form a case-sensitive name is compared with: trimmed,
// without a possessive ending or periods.
func csForm(name string) string {
	s := strings.TrimSpace(name)
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+1 {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	return strings.ReplaceAll(s, ".", "")
}

// Aliases returns the other names of an entry found by Lookup, Demonym,
// Country or Surname ("ISIS", "ISIL", "Daesh" ... for the Islamic State).
func (g *Gazetteer) Aliases(e Entry) []string {
	ids := g.postings(nameKey(e.Name))
	for _, p := range g.cs[nameKey(e.Name)] {
		ids = append(ids[:len(ids):len(ids)], p.entry)
	}
	for _, id := range ids {
		if g.entries[id].ID != e.ID || g.aliases[id] == "" {
			continue
		}
		out := strings.Split(g.aliases[id], "|")
		for i, a := range out {
			out[i] = strings.TrimPrefix(a, "=")
		}
		return out
	}
	return nil
}

// Demonym returns the country of a demonym or nationality adjective:
// "Russian" and "Russians" give Russia, "French" France. Strings shared by
// several countries give the preferred one ("Chinese": China), or the most
// populous ("Congolese": DR Congo).
func (g *Gazetteer) Demonym(word string) (Entry, bool) {
	id, ok := g.demonyms[nameKey(word)]
	if !ok {
		return Entry{}, false
	}
	return g.entries[id], true
}

// Country returns the country with an ISO 3166-1 alpha-2 code ("RU", "ru").
func (g *Gazetteer) Country(iso2 string) (Entry, bool) {
	id, ok := g.countries[strings.ToUpper(strings.TrimSpace(iso2))]
	if !ok {
		return Entry{}, false
	}
	return g.entries[id], true
}

// IsGivenName reports whether word is a known given name: a first word of
// the names of heads of state and ministers (outside countries that write
// the family name first) or of a short list of common English given names.
func (g *Gazetteer) IsGivenName(word string) bool {
	_, ok := g.given[nameKey(word)]
	return ok
}

// Surname returns the people whose family name is word ("Putin"), best
// known first (heads of state and government before ministers). A family
// name with a particle matches with and without it ("al-Assad", "Assad").
func (g *Gazetteer) Surname(word string) []Entry {
	ids := g.surnames[nameKey(word)]
	if len(ids) == 0 {
		return nil
	}
	out := make([]Entry, len(ids))
	for i, id := range ids {
		out[i] = g.entries[id]
	}
	return out
}

// MaxWords is the number of words of the longest name, for phrase matching.
func (g *Gazetteer) MaxWords() int { return g.maxWords }

// Len is the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// tier orders entries of different classes in Lookup results.
func tier(e *Entry) int {
	switch e.Class {
	case Country:
		return 0
	case Region:
		return 1
	case City:
		if e.Population >= 1_000_000 || (e.Feature == "PPLC" && e.Population >= 100_000) {
			return 2
		}
		return 6
	case Admin1:
		return 3
	case Person:
		return 5
	}
	return 4
}

func (g *Gazetteer) less(a, b int32) bool {
	ea, eb := &g.entries[a], &g.entries[b]
	if ta, tb := tier(ea), tier(eb); ta != tb {
		return ta < tb
	}
	if ea.Population != eb.Population {
		return ea.Population > eb.Population
	}
	if ra, rb := roleRank(ea), roleRank(eb); ra != rb {
		return ra < rb
	}
	return ea.ID < eb.ID
}

// roleRank puts heads of state and government before other people.
func roleRank(e *Entry) int {
	if e.Class != Person {
		return 0
	}
	r := strings.ToLower(e.Role)
	for _, p := range []string{"president", "prime minister", "chancellor", "king", "queen", "emir", "sultan", "supreme leader", "premier"} {
		if strings.HasPrefix(r, p) && !strings.Contains(r, ",") {
			return 0
		}
	}
	return 1
}
