package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// manualRow is one row of the hand-written table data/manual.tsv:
//
//	class	name	country	aliases	lat	lon	ref	role
//
// aliases are "|"-separated; a leading "=" makes an alias case-sensitive.
// class "country" adds aliases to the GeoNames country of the ISO code in
// country; "city"/"admin1" to the GeoNames entry of ref ("geonames:ID");
// "region" makes a place; "org", "media", "armed_group", "company" and
// "forum" make an organization that absorbs the source entries it names;
// "person" makes (or adds aliases to) a person; "given_name" adds given names.
type manualRow struct {
	line                 int
	class, name, country string
	aliases              []string
	csAlias              map[string]bool
	lat, lon, ref, role  string
}

func (b *builder) readManual() error {
	rows, err := readTSV(b.Manual, 4)
	if err != nil {
		return err
	}
	for i, r := range rows {
		for len(r) < 8 {
			r = append(r, "")
		}
		m := manualRow{line: i + 1, class: r[0], name: strings.TrimSpace(r[1]), country: r[2], lat: r[4], lon: r[5], ref: r[6], role: r[7], csAlias: map[string]bool{}}
		if m.name == "" {
			return fmt.Errorf("%s: row %d has no name", b.Manual, i+1)
		}
		if strings.HasPrefix(m.name, "=") {
			m.name = m.name[1:]
			m.csAlias[m.name] = true
		}
		for _, a := range strings.Split(r[3], "|") {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			if strings.HasPrefix(a, "=") {
				a = a[1:]
				m.csAlias[a] = true
			}
			m.aliases = append(m.aliases, a)
		}
		switch m.class {
		case "given_name":
			for _, n := range append([]string{m.name}, m.aliases...) {
				b.givenNames[key(n)] = true
				b.manualGiven[key(n)] = true
			}
		case "country", "city", "admin1", "region", "person":
		default:
			if !orgClasses[m.class] {
				return fmt.Errorf("%s: row %d: unknown class %q", b.Manual, i+1, m.class)
			}
		}
		b.manual = append(b.manual, m)
	}
	return nil
}

// applyManual adds the hand-written places and people (organizations are
// merged in readOrgs).
func (b *builder) applyManual() error {
	byID := map[string]*place{}
	for _, p := range b.places {
		byID[p.id] = p
	}
	people := map[string]*person{}
	for _, p := range b.people {
		people[p.id] = p
	}
	for _, m := range b.manual {
		var as aliasSet
		switch m.class {
		case "country":
			p := b.countryPlace[m.country]
			if p == nil {
				if m.ref == "" {
					return fmt.Errorf("manual row %d: no country %q", m.line, m.country)
				}
				// a former country ("Soviet Union"): a place of its own
				p = &place{id: m.ref, class: "country", name: m.name, country: m.country, aliases: aliasSet{}}
				p.lat, p.lon = m.lat, m.lon
				b.places = append(b.places, p)
				byID[p.id] = p
			}
			if m.name != p.name && p.id != m.ref {
				p.aliases.add(p.name, 0)
				p.name = m.name
			}
			as = p.aliases
		case "city", "admin1":
			p := byID[m.ref]
			if p == nil {
				return fmt.Errorf("manual row %d: no place %q", m.line, m.ref)
			}
			as = p.aliases
		case "region":
			p := &place{id: "region:" + slug(m.name), class: "region", name: m.name, country: m.country, lat: m.lat, lon: m.lon, aliases: aliasSet{}}
			if m.lat != "" {
				if _, err := strconv.ParseFloat(m.lat, 64); err != nil {
					return fmt.Errorf("manual row %d: lat: %w", m.line, err)
				}
			}
			b.places = append(b.places, p)
			as = p.aliases
		case "person":
			id := "person:" + slug(m.name)
			if m.country != "" {
				id += ":" + strings.ToLower(m.country)
			}
			p := people[id]
			if p == nil {
				p = &person{id: id, name: m.name, country: m.country, aliases: aliasSet{}}
				people[id] = p
				b.people = append(b.people, p)
			}
			if m.role != "" {
				p.role = m.role
			}
			as = p.aliases
			if g := givenName(m.name); g != "" {
				b.givenNames[g] = true
			}
		default:
			continue
		}
		for _, n := range append([]string{m.name}, m.aliases...) {
			if m.csAlias[n] {
				as.addCS(n, -1)
			} else if !as.add(n, -1) {
				as.addCS(n, -1)
			}
		}
	}
	return nil
}
