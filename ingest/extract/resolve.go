package extract

import (
	"strconv"
	"strings"
	"unicode"

	"kg/graph"
	"kg/ingest/gazetteer"
)

var typeKinds = map[string]graph.Kind{"PER": graph.Person, "ORG": graph.Organization, "LOC": graph.Place}

var kindTypes = map[graph.Kind]string{graph.Person: "PER", graph.Organization: "ORG", graph.Place: "LOC"}

// titles are words before a name that are not part of it ("President
// Putin", "Mr. Hollande", "Prime Minister Ahmet Davutoglu").
var titles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`mr mrs ms dr prof president vice prime minister foreign defence defense interior
		finance secretary general gen lt col colonel sgt capt captain maj major adm admiral sen senator rep representative
		gov governor mayor king queen prince princess pope sheikh sir lord lady chancellor premier ambassador judge justice
		chairman chairwoman chief deputy former late rev reverend cardinal archbishop bishop imam ayatollah emir crown
		state spokesman spokeswoman`) {
		titles[w] = true
	}
}

// cleanName strips what is not part of a name: a leading article,
// surrounding punctuation and, for people, leading titles. It returns the
// name and how many bytes were cut from the front of s.
func cleanName(s string, person bool) (string, int) {
	orig := s
	s = strings.TrimLeft(s, " \"'“”‘’([,;:")
	for _, p := range []string{"the ", "The ", "THE "} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			s = s[len(p):]
		}
	}
	if person {
		for {
			w, rest, ok := strings.Cut(s, " ")
			if !ok || !titles[strings.ToLower(strings.TrimSuffix(w, "."))] {
				break
			}
			s = strings.TrimLeft(rest, " ")
		}
	}
	cut := len(orig) - len(s)
	s = strings.TrimRight(s, " \"'“”‘’)],;:")
	return strings.Join(strings.Fields(s), " "), cut
}

// initials of a multi-word name: "Federal Bureau of Investigation" -> "FBI".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch strings.ToLower(w) {
		case "of", "the", "and", "for", "&", "de", "du":
			continue
		}
		r := []rune(w)
		if len(r) > 0 && unicode.IsUpper(r[0]) {
			b.WriteRune(r[0])
		}
	}
	return b.String()
}

// abbreviates reports whether acronym can stand for name: a name of two
// words or more whose first letter is the acronym's, and whose letters hold
// the acronym's in order ("ALCOA" for "Aluminum Company of America", not
// for "America").
func abbreviates(acronym, name string) bool {
	a := []rune(strings.ToLower(strings.ReplaceAll(acronym, ".", "")))
	n := []rune(strings.ToLower(name))
	if len(strings.Fields(name)) < 2 || len(a) == 0 || len(n) == 0 || a[0] != n[0] {
		return false
	}
	k := 0
	for _, r := range n {
		if k < len(a) && r == a[k] {
			k++
		}
	}
	return k == len(a)
}

func isAcronym(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// resolve groups the mentions of a document into entities: the same name,
// a surname or a titled surname standing for a full name seen in the
// document, an acronym for its expansion ("Islamic State (ISIS)", "the
// Federal Bureau of Investigation ... the FBI"), a demonym for its country,
// and gazetteer aliases for one entry ("ISIS", "Islamic State"). Places are
// linked to the gazetteer entry that fits the countries the document
// speaks of. It sets each mention's entity and returns the entities in
// order of first mention. MISC mentions that are not demonyms get no entity.
func (x *Extractor) resolve(ms []*mention, docText string) []*local {
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

	// Clean names; cut titles off people's mentions.
	names := make([]string, len(ms))
	for i, m := range ms {
		name, cut := cleanName(m.text, m.typ == "PER")
		if cut > 0 && name != "" {
			m.start += cut
			m.text = docText[m.start:m.end]
			name, _ = cleanName(m.text, false)
		}
		names[i] = name
	}

	// Votes: the type each name gets most often in the document wins.
	votes := map[string]map[string]int{}
	for i, m := range ms {
		if names[i] == "" || m.typ == "MISC" {
			continue
		}
		k := graph.NameKey(names[i])
		if votes[k] == nil {
			votes[k] = map[string]int{}
		}
		votes[k][m.typ]++
	}
	typeOf := func(i int) string {
		v := votes[graph.NameKey(names[i])]
		best, n := ms[i].typ, 0
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
	for i := range ms {
		name := names[i]
		f := strings.Fields(name)
		if typeOf(i) != "PER" || len(f) < 2 {
			continue
		}
		last := graph.NameKey(f[len(f)-1])
		k := graph.NameKey(name)
		if prev, ok := surname[last]; ok && prev != k && !strings.HasSuffix(prev, " "+k) && !strings.HasSuffix(k, " "+prev) {
			surname[last] = "" // two people share it: leave surnames alone
			continue
		}
		if len(name) > len(fullName[k]) {
			fullName[k] = name
		}
		if prev := surname[last]; prev == "" || len(k) > len(prev) {
			surname[last] = k
		}
	}

	// Acronyms: "Islamic State (ISIS)" and initials of a longer name.
	expansion := map[string]int{} // acronym key -> index of a mention of the expansion
	for i, m := range ms {
		if m.typ == "PER" || m.typ == "MISC" || names[i] == "" {
			continue
		}
		if j := i + 1; j < len(ms) && isAcronym(names[j]) && strings.TrimSpace(docText[m.end:ms[j].start]) == "(" && abbreviates(names[j], names[i]) {
			expansion[graph.NameKey(names[j])] = i
		}
		if len(strings.Fields(names[i])) >= 2 {
			if a := initials(names[i]); len(a) >= 2 {
				if _, ok := expansion[graph.NameKey(a)]; !ok {
					expansion[graph.NameKey(a)] = i
				}
			}
		}
	}

	// Countries the document speaks of, to choose among places of one name.
	context := map[string]int{}
	for i, m := range ms {
		if m.typ == "MISC" {
			if c, ok := x.Gaz.Demonym(names[i]); ok {
				context[c.Country]++
			}
			continue
		}
		if typeOf(i) != "LOC" {
			continue
		}
		if es := x.Gaz.Lookup(names[i]); len(es) > 0 && (len(es) == 1 || es[0].Class == gazetteer.Country) {
			context[es[0].Country]++
		}
	}

	for i, m := range ms {
		name := names[i]
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
		typ := typeOf(i)
		kind := typeKinds[typ]
		key := graph.NameKey(name)
		if j, ok := expansion[key]; ok && isAcronym(name) && j != i && names[j] != "" && typeKinds[typeOf(j)] != "" {
			// The acronym is its expansion's entity; type it the same.
			name, key, typ = names[j], graph.NameKey(names[j]), typeOf(j)
			kind = typeKinds[typ]
		}
		if kind == "" {
			continue // a type kg has no node for
		}
		if len(strings.Fields(name)) == 1 {
			if full := surname[key]; full != "" {
				// A surname, even one the tagger typed otherwise, is the person.
				kind, key, name = graph.Person, full, fullName[full]
			}
		}
		if kind == graph.Person {
			if l := byKey[graph.EntityID(kind, key)]; l != nil {
				m.entity = l
				continue
			}
		}
		if e, ok := x.link(name, kind, context); ok {
			if e.Kind == graph.Place {
				m.entity = get(graph.Place, placeKey(e), e.Name, placeAttrs(e))
			} else {
				m.entity = get(e.Kind, e.ID, e.Name, orgAttrs(e))
			}
			continue
		}
		if kind == graph.Person && len(strings.Fields(name)) == 1 {
			// A well-known person's surname alone ("Putin").
			if ps := x.Gaz.Surname(name); len(ps) == 1 {
				m.entity = get(graph.Person, ps[0].ID, ps[0].Name, orgAttrs(ps[0]))
				continue
			}
		}
		m.entity = get(kind, key, name, nil)
		if len(name) > len(m.entity.Name) && graph.NameKey(name) == m.entity.Key {
			m.entity.Name = name
		}
	}
	return order
}

// nameOnly is resolution switched off: one entity per distinct name and
// type (see Extractor.noResolution).
func (x *Extractor) nameOnly(ms []*mention, docText string) []*local {
	byID := map[string]*local{}
	var order []*local
	for _, m := range ms {
		kind := typeKinds[m.typ]
		name, _ := cleanName(m.text, false)
		if kind == "" || name == "" {
			continue
		}
		key := graph.NameKey(name)
		id := graph.EntityID(kind, key)
		l := byID[id]
		if l == nil {
			l = &local{DeltaEntity: graph.DeltaEntity{ID: id, Kind: kind, Key: key, Name: name}}
			byID[id] = l
			order = append(order, l)
		}
		m.entity = l
	}
	return order
}

// link finds the gazetteer entry of a name, of the given kind. Among places
// of one name it prefers one in the country the document speaks of most
// ("Georgia" in an article about the United States is the state), then the
// gazetteer's order (countries, then the most populous: "Mexico" is the
// country, not Mexico City).
func (x *Extractor) link(name string, kind graph.Kind, context map[string]int) (gazetteer.Entry, bool) {
	var best gazetteer.Entry
	found, bestScore := false, -1
	for _, e := range x.Gaz.Lookup(name) {
		if e.Kind != kind {
			continue
		}
		score := 0
		if kind == graph.Place {
			score = context[e.Country]
		}
		if score > bestScore {
			best, bestScore, found = e, score, true
		}
	}
	return best, found
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
