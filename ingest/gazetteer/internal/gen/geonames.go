package gen

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// Thresholds of the GeoNames filters (documented in data/README.md).
const (
	// A city whose name is a common English word is kept (case-sensitive)
	// only from this population on, or when it is a capital.
	commonWordCityPop = 250_000
	// At most this many alternate names are kept per city.
	maxCityAliases = 6
)

type country struct {
	iso2, iso3, name, capital, continent string
	population                           int64
	geonameid                            int
}

// readCountries reads geonames/countryInfo.txt.
func (b *builder) readCountries() error {
	rows, err := readTSV(filepath.Join(b.Data, "geonames", "countryInfo.txt"), 17)
	if err != nil {
		return err
	}
	for _, r := range rows {
		pop, _ := strconv.ParseInt(r[7], 10, 64)
		id, _ := strconv.Atoi(r[16])
		c := &country{iso2: r[0], iso3: r[1], name: r[4], capital: r[5], continent: r[8], population: pop, geonameid: id}
		b.countries[c.iso2] = c
		b.iso3[c.iso3] = c.iso2
		b.countryByName[key(c.name)] = c.iso2
	}
	if len(b.countries) < 200 {
		return fmt.Errorf("countryInfo.txt: only %d countries", len(b.countries))
	}
	return nil
}

// countryPlaces makes the country entries. Coordinates are those of the
// capital (GeoNames' countryInfo has none of its own).
func (b *builder) countryPlaces() {
	for _, c := range b.countries {
		p := &place{
			id:         fmt.Sprintf("geonames:%d", c.geonameid),
			class:      "country",
			name:       stripThe(c.name),
			country:    c.iso2,
			geonameid:  c.geonameid,
			feature:    "PCLI",
			population: c.population,
			aliases:    aliasSet{},
		}
		if cap := b.capitals[c.iso2]; cap != nil {
			p.lat, p.lon = cap.lat, cap.lon
		}
		p.aliases.add(c.name, 0)
		b.places = append(b.places, p)
		b.countryPlace[c.iso2] = p
	}
}

func (b *builder) readAdmin1() error {
	rows, err := readTSV(filepath.Join(b.Data, "geonames", "admin1CodesASCII.txt"), 4)
	if err != nil {
		return err
	}
	for _, r := range rows {
		cc, code, ok := strings.Cut(r[0], ".")
		if !ok || b.countries[cc] == nil {
			continue
		}
		id, _ := strconv.Atoi(r[3])
		name := r[1]
		if key(name) == "" {
			continue
		}
		p := &place{
			id:        fmt.Sprintf("geonames:%d", id),
			class:     "admin1",
			name:      name,
			country:   cc,
			admin1:    code,
			geonameid: id,
			feature:   "ADM1",
			aliases:   aliasSet{},
		}
		if stopWords[key(name)] {
			b.drop("admin1 named with a common word", name)
			continue
		}
		p.aliases.add(name, 0)
		p.aliases.add(r[2], 1)
		b.places = append(b.places, p)
		b.admin1[r[0]] = p
	}
	return nil
}

type cityRow struct {
	geonameid           int
	name, ascii         string
	alts                []string
	lat, lon            string
	feature, cc, admin1 string
	population          int64
}

// readCities reads geonames/cities15000.txt. The capitals are noted first so
// that countries can take their coordinates.
func (b *builder) readCities() ([]cityRow, error) {
	rows, err := readTSV(filepath.Join(b.Data, "geonames", "cities15000.txt"), 19)
	if err != nil {
		return nil, err
	}
	var out []cityRow
	for _, r := range rows {
		id, _ := strconv.Atoi(r[0])
		pop, _ := strconv.ParseInt(r[14], 10, 64)
		c := cityRow{geonameid: id, name: r[1], ascii: r[2], lat: r[4], lon: r[5], feature: r[7], cc: r[8], admin1: r[10], population: pop}
		if r[3] != "" {
			c.alts = strings.Split(r[3], ",")
		}
		out = append(out, c)
		if c.feature == "PPLC" {
			if old := b.capitals[c.cc]; old == nil || old.population < c.population {
				cc := c
				b.capitals[c.cc] = &cc
			}
		}
	}
	return out, nil
}

// cityPlaces makes the city entries, with the filters of data/README.md.
func (b *builder) cityPlaces(rows []cityRow) {
	// An English alternate name goes to the most populous city of the
	// country that lists it (CountryInfo's "WASHINGTON" is the capital, not
	// Reisterstown, Maryland, which GeoNames also calls Washington).
	altOwner := map[string]int{} // cc + key -> geonameid
	altPop := map[string]int64{}
	for _, c := range rows {
		ev := b.cityEvidence[c.cc]
		for _, alt := range c.alts {
			if !b.goodCityAlias(alt, ev) {
				continue
			}
			k := c.cc + "\x00" + key(alt)
			if old, ok := altPop[k]; !ok || c.population > old || (c.population == old && c.geonameid < altOwner[k]) {
				altPop[k], altOwner[k] = c.population, c.geonameid
			}
		}
	}
	for _, c := range rows {
		nk := key(c.name)
		capital := c.feature == "PPLC"
		cs := false
		if stopWords[nk] || stopWords[key(c.ascii)] || len([]rune(nk)) <= 2 {
			if c.population < commonWordCityPop && !capital {
				b.drop("city named with a common word or one or two letters", c.name)
				continue
			}
			cs = true
		}
		if b.surnames[nk] && c.population < surnameCityPop && !capital && !b.cityEvidence[c.cc][nk] {
			b.drop("small city named like a leader's surname", c.name)
			continue
		}
		p := &place{
			id:         fmt.Sprintf("geonames:%d", c.geonameid),
			class:      "city",
			name:       c.name,
			country:    c.cc,
			admin1:     c.admin1,
			geonameid:  c.geonameid,
			feature:    c.feature,
			lat:        c.lat,
			lon:        c.lon,
			population: c.population,
			aliases:    aliasSet{},
		}
		if cs {
			p.aliases.addCS(c.name, 0)
			p.aliases.addCS(c.ascii, 1)
		} else {
			p.aliases.add(c.name, 0)
			p.aliases.add(c.ascii, 1)
		}
		b.addSaintForms(p)
		n := 0
		ev := b.cityEvidence[c.cc]
		for _, alt := range c.alts {
			if n >= maxCityAliases {
				break
			}
			ak := key(alt)
			if _, dup := p.aliases[ak]; dup {
				continue
			}
			if !b.goodCityAlias(alt, ev) || altOwner[c.cc+"\x00"+ak] != c.geonameid {
				continue
			}
			if p.aliases.add(alt, 2) {
				n++
			}
		}
		b.places = append(b.places, p)
	}
}

// surnameCityPop: a city smaller than this whose one-word name is the
// surname of a head of state or government ("Obama", Japan) is dropped,
// unless an English source names it (Farah, Afghanistan).
const surnameCityPop = 100_000

// goodCityAlias keeps a GeoNames alternate name only when it is Latin
// script and ASCII-foldable, starts with a capital, is not a 2-4 letter code
// or a common word, and an English source (CountryInfo's capitals and major
// cities, Phoenix's country dictionary) names a place of the same country
// with it: this keeps "Kiev" for Kyiv and drops "Parigi" for Paris.
func (b *builder) goodCityAlias(alt string, ev map[string]bool) bool {
	f, ok := fold(alt)
	if !ok || f == "" {
		return false
	}
	r := []rune(alt)
	if !unicode.IsUpper(r[0]) || isCode(alt) {
		return false
	}
	k := key(alt)
	if stopWords[k] || len(k) < 3 {
		return false
	}
	return ev[k]
}

// addSaintForms adds "St. X" for "Saint X" and the reverse.
func (b *builder) addSaintForms(p *place) {
	for _, pre := range [][2]string{{"Saint ", "St. "}, {"St. ", "Saint "}, {"Sankt ", "St. "}} {
		if strings.HasPrefix(p.name, pre[0]) {
			p.aliases.add(pre[1]+p.name[len(pre[0]):], 3)
		}
	}
}
