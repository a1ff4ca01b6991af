package gen

import (
	"path/filepath"
	"strings"
)

// readEvidence collects, per country, the keys of place names that English
// sources use: CountryInfo's Capital, MajorCities and Regions fields, and the
// names in Phoenix's country dictionary. City alternate names must be among
// them to be kept.
func (b *builder) readEvidence() error {
	lex := filepath.Join(b.Data, "lexicons")
	rows, err := readTSV(filepath.Join(lex, "country_name_variants_countryinfo.tsv"), 5)
	if err != nil {
		return err
	}
	add := func(cc, name string) {
		if cc == "" {
			return
		}
		m := b.cityEvidence[cc]
		if m == nil {
			m = map[string]bool{}
			b.cityEvidence[cc] = m
		}
		m[key(name)] = true
	}
	for _, r := range rows {
		switch r[3] {
		case "Capital", "MajorCities", "Regions":
			add(b.rowCC(r[0], r[1], r[2]), r[4])
		}
	}
	rows, err = readTSV(filepath.Join(lex, "phoenix_normalized", "phoenix_Countries.tsv"), 4)
	if err != nil {
		return err
	}
	for _, r := range rows {
		for _, code := range strings.Split(r[3], ";") {
			if len(code) >= 3 {
				add(b.iso3[code[:3]], r[1])
			}
		}
	}
	return nil
}

// cc maps a CountryInfo ISO3 code (or failing that its ISO2 column, which is
// sometimes a FIPS code, e.g. "IS" for Israel) to ISO 3166-1 alpha-2.
func (b *builder) cc(iso3, iso2 string) string {
	if c, ok := b.iso3[iso3]; ok {
		return c
	}
	if b.countries[iso2] != nil {
		return iso2
	}
	return ""
}

// rowCC is cc for a CountryInfo row whose country column is name: a name
// that is GeoNames' name of a country wins over the codes (CountryInfo files
// GUATEMALA under GLP, Guadeloupe's code).
func (b *builder) rowCC(iso3, iso2, name string) string {
	if c, ok := b.countryByName[key(name)]; ok {
		return c
	}
	return b.cc(iso3, iso2)
}

// genericCountryWords may appear in a country-name variant besides the words
// of GeoNames' and CountryInfo's own country names.
var genericCountryWords = strings.Fields(`of the and republic democratic people's peoples
people united states state kingdom federation federal islamic arab great commonwealth union
socialist popular plurinational principality grand duchy sultanate emirates islands island dr rep`)

// readCountryVariants adds country-name variants from CountryInfo: the
// CountryName field and the country column; from the noisy Nationality field
// only (a) acronyms that are the initials of a name of the same country
// ("UAE", "U.K.", "DPRK") and (b) names whose every word is a word of a
// country name or a generic word ("Democratic Republic of Congo"), never a
// demonym and never a string claimed by two countries.
func (b *builder) readCountryVariants() error {
	rows, err := readTSV(filepath.Join(b.Data, "lexicons", "country_name_variants_countryinfo.tsv"), 5)
	if err != nil {
		return err
	}
	generic := map[string]bool{}
	for _, w := range genericCountryWords {
		generic[w] = true
	}
	// own[cc]: the words of the country's own names (GeoNames' name,
	// CountryInfo's CountryName and country column); names[cc] the names.
	own := map[string]map[string]bool{}
	names := map[string][]string{}
	addName := func(cc, n string) {
		if own[cc] == nil {
			own[cc] = map[string]bool{}
		}
		for _, w := range words(key(n)) {
			own[cc][w] = true
		}
		names[cc] = append(names[cc], n)
	}
	for _, c := range b.countries {
		addName(c.iso2, c.name)
	}
	for _, r := range rows {
		if cc := b.rowCC(r[0], r[1], r[2]); cc != "" && r[3] == "CountryName" {
			addName(cc, r[2])
			addName(cc, r[4])
		}
	}
	type cand struct{ cc, form string }
	byKey := map[string][]cand{}
	for _, r := range rows {
		cc := b.rowCC(r[0], r[1], r[2])
		if cc == "" || b.countryPlace[cc] == nil {
			continue
		}
		v := cleanSpaces(r[4])
		if strings.ContainsAny(v, "(),&\uFFFD") || spacedInitials(v) {
			continue
		}
		k := key(v)
		if _, isDemonym := b.demonyms[k]; isDemonym {
			continue
		}
		ok := false
		switch r[3] {
		case "CountryName":
			ok = true
		case "Nationality":
			ok = isCountryAcronym(v, names[cc]) || ownWords(words(k), own[cc], generic)
		}
		if ok {
			byKey[k] = append(byKey[k], cand{cc, v})
		}
		if r[3] == "CountryName" {
			// the country column itself ("RUSSIAN FEDERATION")
			if c := cleanSpaces(r[2]); !strings.ContainsAny(c, "(),&") {
				byKey[key(c)] = append(byKey[key(c)], cand{cc, c})
			}
		}
	}
	for k, cs := range byKey {
		cc := cs[0].cc
		same := true
		for _, c := range cs {
			if c.cc != cc {
				same = false
			}
		}
		if !same {
			b.drop("country variant claimed by two countries", k)
			continue
		}
		p := b.countryPlace[cc]
		if _, have := p.aliases[k]; have {
			continue
		}
		form := cs[0].form
		if !isCountryAcronym(form, names[cc]) {
			form = recase(form, false, nil)
		}
		p.aliases.add(form, 5)
	}
	return nil
}

// ownWords: every word is one of the country's own words or a generic
// word, and at least one is the country's own ("Russian Federation" for
// Russia; not "Republic of Dominica" for the Dominican Republic, nor the
// misspelt "Puerto Rica").
func ownWords(ws []string, own, generic map[string]bool) bool {
	n := 0
	for _, w := range ws {
		switch {
		case own[w]:
			n++
		case generic[w]:
		default:
			return false
		}
	}
	return n > 0
}

// spacedInitials: "U S A", "U. S." (two or more one-letter words).
func spacedInitials(v string) bool {
	n := 0
	for _, w := range strings.Fields(strings.ReplaceAll(v, ".", " ")) {
		if len(w) == 1 {
			n++
		}
	}
	return n >= 2
}

// isCountryAcronym reports whether v (periods and spaces aside) is a 2-5
// letter acronym equal to the initials of one of names.
func isCountryAcronym(v string, names []string) bool {
	a := strings.NewReplacer(".", "", " ", "").Replace(v)
	if len(a) < 2 || len(a) > 5 || !isUpperWord(a) || !isLetters(a) {
		return false
	}
	for _, n := range names {
		if len(strings.Fields(n)) < 2 {
			continue
		}
		if initials(n, true) == a || initials(n, false) == a {
			return true
		}
	}
	return false
}
