package extract

import (
	"strconv"
	"strings"

	"kg/graph"
	"kg/ingest/gazetteer"
)

var typeKinds = map[string]graph.Kind{"PER": graph.Person, "ORG": graph.Organization, "LOC": graph.Place}

var kindTypes = map[graph.Kind]string{graph.Person: "PER", graph.Organization: "ORG", graph.Place: "LOC"}

// cleanName strips what is not part of a name: a leading article and
// surrounding punctuation.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{"the ", "The ", "THE "} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			s = s[len(p):]
		}
	}
	return strings.Trim(s, " \"'“”‘’()[],;:")
}

// resolve groups the mentions of a document into entities: the same name,
// a surname standing for a full name seen in the document, a demonym for its
// country, and gazetteer aliases for one entry ("ISIS", "Islamic State").
// It sets each mention's entity and returns the entities in order of first
// mention. MISC mentions that are not demonyms get no entity.
func (x *Extractor) resolve(ms []*mention) []*local {
	byKey := map[string]*local{}
	var order []*local
	get := func(kind graph.Kind, key, name string, attrs map[string]string) *local {
		id := graph.EntityID(kind, key)
		if l, ok := byKey[id]; ok {
			return l
		}
		l := &local{DeltaEntity: graph.DeltaEntity{ID: id, Kind: kind, Key: key, Name: name, Attrs: attrs}, votes: map[string]int{}}
		byKey[id] = l
		order = append(order, l)
		return l
	}

	// Votes: the type each name gets most often in the document wins.
	votes := map[string]map[string]int{}
	for _, m := range ms {
		name := cleanName(m.text)
		if name == "" || m.typ == "MISC" {
			continue
		}
		k := graph.NameKey(name)
		if votes[k] == nil {
			votes[k] = map[string]int{}
		}
		votes[k][m.typ]++
	}
	typeOf := func(m *mention) string {
		v := votes[graph.NameKey(cleanName(m.text))]
		best, n := m.typ, 0
		for _, t := range []string{"PER", "ORG", "LOC"} {
			if v[t] > n {
				best, n = t, v[t]
			}
		}
		return best
	}

	// Full person names, to resolve surnames against.
	surname := map[string]string{} // surname key -> full name key
	fullName := map[string]string{}
	for _, m := range ms {
		name := cleanName(m.text)
		if typeOf(m) != "PER" || len(strings.Fields(name)) < 2 {
			continue
		}
		f := strings.Fields(name)
		last := graph.NameKey(f[len(f)-1])
		k := graph.NameKey(name)
		if prev, ok := surname[last]; ok && prev != k {
			surname[last] = "" // two people share it: leave surnames alone
			continue
		}
		surname[last] = k
		if len(name) > len(fullName[k]) {
			fullName[k] = name
		}
	}

	for _, m := range ms {
		name := cleanName(m.text)
		if name == "" {
			continue
		}
		if m.typ == "MISC" {
			if c, ok := x.Gaz.Demonym(name); ok {
				m.demonym = true
				m.entity = get(graph.Place, placeKey(c), c.Name, placeAttrs(c))
			}
			continue
		}
		typ := typeOf(m)
		kind := typeKinds[typ]
		key := graph.NameKey(name)
		if typ == "PER" && len(strings.Fields(name)) == 1 {
			if full := surname[key]; full != "" {
				key, name = full, fullName[full]
			}
		} else if typ != "PER" {
			if full := surname[key]; full != "" && len(strings.Fields(name)) == 1 {
				// A surname the tagger typed otherwise is still the person.
				kind, key, name = graph.Person, full, fullName[full]
			}
		}
		if kind == graph.Person {
			if l := byKey[graph.EntityID(kind, key)]; l != nil {
				m.entity = l
				continue
			}
		}
		if e, ok := x.link(name, kind); ok {
			if e.Kind == graph.Place {
				m.entity = get(graph.Place, placeKey(e), e.Name, placeAttrs(e))
			} else {
				m.entity = get(e.Kind, e.ID, e.Name, orgAttrs(e))
			}
			continue
		}
		m.entity = get(kind, key, name, nil)
		if len(name) > len(m.entity.Name) && graph.NameKey(name) == m.entity.Key {
			m.entity.Name = name
		}
	}
	return order
}

// link finds the gazetteer entry of a name, of the given kind.
func (x *Extractor) link(name string, kind graph.Kind) (gazetteer.Entry, bool) {
	for _, e := range x.Gaz.Lookup(name) {
		if e.Kind == kind {
			return e, true
		}
	}
	return gazetteer.Entry{}, false
}

// placeKey is the canonical key of a gazetteer place: its gazetteer id
// ("geonames:2988507"), the same in every document.
func placeKey(e gazetteer.Entry) string { return e.ID }

func placeAttrs(e gazetteer.Entry) map[string]string {
	a := map[string]string{"class": string(e.Class)}
	if e.Country != "" {
		a["country"] = e.Country
	}
	if e.GeonameID != 0 {
		a["geonames_id"] = strconv.Itoa(e.GeonameID)
	}
	if e.Lat != 0 || e.Lon != 0 {
		a["lat"] = strconv.FormatFloat(e.Lat, 'f', 5, 64)
		a["lon"] = strconv.FormatFloat(e.Lon, 'f', 5, 64)
	}
	if e.Admin1 != "" {
		a["admin1"] = e.Admin1
	}
	return a
}

func orgAttrs(e gazetteer.Entry) map[string]string {
	a := map[string]string{"class": string(e.Class)}
	if e.Country != "" {
		a["country"] = e.Country
	}
	return a
}

// Lexicon adapts the gazetteer to what ner.Baseline needs.
type Lexicon struct{ G *gazetteer.Gazetteer }

// Type implements ner.Lexicon.
func (l Lexicon) Type(phrase string) (string, bool) {
	es := l.G.Lookup(phrase)
	if len(es) == 0 {
		return "", false
	}
	t, ok := kindTypes[es[0].Kind]
	return t, ok
}

// IsDemonym implements ner.Lexicon.
func (l Lexicon) IsDemonym(w string) bool { _, ok := l.G.Demonym(w); return ok }

// IsGivenName implements ner.Lexicon.
func (l Lexicon) IsGivenName(w string) bool { return l.G.IsGivenName(w) }

// IsSurname implements ner.Lexicon.
func (l Lexicon) IsSurname(w string) bool { return len(l.G.Surname(w)) > 0 }

// MaxWords implements ner.Lexicon.
func (l Lexicon) MaxWords() int { return l.G.MaxWords() }
