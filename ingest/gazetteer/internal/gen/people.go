package gen

import (
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

type person struct {
	id, name, country, role string
	leader                  bool
	start                   string
	aliases                 aliasSet
}

// titles are honorifics, dropped from the front of a person name; they
// and the particles never count as given names. Words that are titles in
// some names and given names in others (Amir, Sultan, Shah, Sayed) are not
// in the list.
var titles = wordSet(`sheikh shaikh sheik shaykh mullah mulla haji hajji hadji sardar mawlawi
maulvi maulana mawlana ayatollah grand prince princess king queen sir dame lord lady baron baroness
count countess duke dr doctor prof professor gen general col colonel lt maj major capt captain adm
admiral brig marshal field rev reverend father bishop archbishop cardinal pope his her hon honorable
mr mrs ms miss chief president premier judge justice imam tunku tengku datuk dato datin pehin dasho
lyonpo pandit st saint`)

// surnameFirst are countries whose names are written family name first in
// the lists, so the first word is not a given name.
var surnameFirst = map[string]bool{"CN": true, "TW": true, "HK": true, "MO": true, "KR": true, "KP": true, "VN": true, "SG": true, "KH": true, "MN": true, "HU": false}

// leaderUnitCountry maps the CountryInfo units without ISO codes whose rows
// look right; the others (GAZA, whose rows are Panama's presidents, CROATIAN
// REPUBLIC OF HERZEG/BOSNIA, TIBET) are left out.
var leaderUnitCountry = map[string]string{
	"BOSNIAK/CROAT FEDERATION":         "BA",
	"BOSNIAN SERB REPUBLICA":           "BA",
	"SERBIA AND MONTENEGRO":            "RS",
	"TURKISH REPUBLIC OF NORTH CYPRUS": "CY",
}

// readPeople reads lexicons/world_leaders_countryinfo.tsv: heads of state
// and government (section Leaders) and the ministers and officials of the CIA
// directory (section Government). One entry per name and country; its role
// is the most recent Leaders role, else the most recent Government one.
func (b *builder) readPeople() error {
	rows, err := readTSV(filepath.Join(b.Data, "lexicons", "world_leaders_countryinfo.tsv"), 12)
	if err != nil {
		return err
	}
	byID := map[string]*person{}
	for _, r := range rows {
		cc := b.cc(r[0], r[1])
		if cc == "" {
			cc = leaderUnitCountry[r[2]]
		}
		if cc == "" || r[4] == "CountryName" || r[4] == "CountryCode" {
			b.drop("person row without a usable country", r[5])
			continue
		}
		raw := cleanSpaces(sanitize(r[5]))
		name, ok := cleanPersonName(raw)
		if !ok {
			b.drop("person name not usable", raw)
			continue
		}
		leader := r[3] == "Leaders"
		role := cleanRole(r[4], leader)
		id := "person:" + slug(name)
		if cc != "" {
			id += ":" + strings.ToLower(cc)
		}
		p := byID[id]
		if p == nil {
			p = &person{id: id, name: name, country: cc, aliases: aliasSet{}}
			p.aliases.add(name, 0)
			byID[id] = p
			b.people = append(b.people, p)
		}
		start := r[7]
		if start == "in-office-at-start" {
			start = "20030101"
		}
		if (leader && !p.leader) || (leader == p.leader && start >= p.start) {
			p.leader, p.start, p.role = leader, start, role
		}
		for _, v := range strings.Split(r[6], "|") {
			v = strings.Trim(cleanSpaces(v), "{}")
			for _, vv := range strings.Split(v, "}{") {
				if vn, ok := cleanPersonName(cleanSpaces(sanitize(vv))); ok {
					p.aliases.add(vn, 1)
				}
			}
		}
		if cc != "" && !surnameFirst[cc] {
			if g := givenName(name); g != "" {
				b.givenNames[g] = true
			}
		}
		if leader {
			if s := surnameKey(name); s != "" {
				b.surnames[s] = true
			}
		}
	}
	return nil
}

// cleanPersonName re-cases an UPPER CASE name and drops leading titles;
// names with digits or brackets, or of one word, are refused.
func cleanPersonName(raw string) (string, bool) {
	if raw == "" || strings.ContainsAny(raw, "()[]#0123456789/") {
		return "", false
	}
	ws := strings.Fields(raw)
	for len(ws) > 1 && titles[strings.ToLower(strings.Trim(ws[0], "."))] {
		ws = ws[1:]
	}
	if len(ws) < 2 {
		return "", false
	}
	if _, ok := fold(strings.Join(ws, " ")); !ok {
		return "", false
	}
	return recase(strings.Join(ws, " "), true, nil), true
}

// givenName is the key of the first word of a person name when it can be a
// given name: not a title, particle or initial.
func givenName(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return ""
	}
	w := ws[0]
	k := key(w)
	if len(k) < 2 || strings.Contains(w, ".") || titles[k] || particles[k] || functionWords[k] || k == "abu" {
		return ""
	}
	for _, r := range k {
		if !unicode.IsLetter(r) && r != '\'' {
			return ""
		}
	}
	return k
}

// functionWords never count as given names.
var functionWords = map[string]bool{"the": true, "and": true, "of": true, "an": true, "a": true, "to": true, "in": true, "on": true, "is": true, "it": true, "as": true, "at": true, "by": true, "or": true, "be": true, "we": true, "he": true, "me": true, "my": true, "no": true, "so": true, "up": true, "us": true, "do": true, "go": true, "if": true}

// surnameKey is the key of the last word of a person name, without
// generational suffixes.
func surnameKey(name string) string {
	ws := strings.Fields(name)
	for len(ws) > 1 {
		l := strings.ToLower(strings.Trim(ws[len(ws)-1], ".,"))
		if l == "jr" || l == "sr" || romanNumerals[l] {
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	if len(ws) < 2 {
		return ""
	}
	return key(ws[len(ws)-1])
}

// cleanRole turns a Leaders sub-tag ("Prime ministers") into a singular
// title ("Prime minister") and tidies Government titles.
func cleanRole(role string, leader bool) string {
	role = cleanSpaces(sanitize(role))
	if i := strings.Index(role, "(TITLE"); i >= 0 {
		role = strings.TrimSpace(role[:i])
	}
	if i := strings.Index(role, " & "); i > 0 {
		role = role[:i] // "Minister of Finance & Minister of Economy"
	}
	if !leader || role == "" {
		return role
	}
	role = strings.ToLower(role)
	head, tail, hasOf := strings.Cut(role, " of ")
	hw := strings.Fields(head)
	if len(hw) > 0 {
		last := hw[len(hw)-1]
		if i := strings.Index(last, "s-"); i > 0 {
			last = last[:i] + last[i+1:]
		} else if strings.HasSuffix(last, "men") {
			last = strings.TrimSuffix(last, "men") + "man"
		} else if strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") {
			last = strings.TrimSuffix(last, "s")
		}
		hw[len(hw)-1] = last
	}
	role = strings.Join(hw, " ")
	if hasOf {
		role += " of " + tail
	}
	r := []rune(role)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// slug is a lower-case ASCII id part: "Vladimir Putin" -> "vladimir-putin".
func slug(name string) string {
	f, _ := fold(name)
	if f == "" {
		f = name
	}
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(f) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
			continue
		}
		if r == '&' {
			if sb.Len() > 0 {
				sb.WriteString("-and")
			}
		}
		dash = true
	}
	return sb.String()
}

func (b *builder) personLines() []string {
	sort.Slice(b.people, func(i, j int) bool { return b.people[i].id < b.people[j].id })
	lines := []string{header("id", "name", "country", "role", "aliases")}
	for _, p := range b.people {
		lines = append(lines, strings.Join([]string{p.id, p.name, p.country, p.role, p.aliases.encode(p.name)}, "\t"))
	}
	return lines
}

func (b *builder) givenNameLines() []string {
	// a country name is not taken for a given name ("France Albert René")
	countries := map[string]bool{}
	for _, p := range b.countryPlace {
		for k := range p.aliases {
			countries[k] = true
		}
	}
	keys := make([]string, 0, len(b.givenNames))
	for k := range b.givenNames {
		if !countries[k] || b.manualGiven[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return append([]string{"# given names (keys: lower case, no diacritics), one a line"}, keys...)
}
