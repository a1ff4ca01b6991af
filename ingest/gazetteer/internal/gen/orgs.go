package gen

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type org struct {
	id, class, name, country string
	prio                     int // of the source; lower wins the canonical name
	aliases                  aliasSet
	strong                   []string // keys that may merge this entry with another
}

// Source priorities: the hand-written table, then the lists with clean
// mixed-case names, then Phoenix (UPPER CASE, noisy).
const (
	prioManual = iota
	prioSupraverden
	prioSP500
	prioFundus
	prioFortune
	prioNewspapers
	prioPhoenixMedia
	prioPhoenixArmed
	prioPhoenixIGO
	prioPhoenixNGO
	prioPhoenixMNC
)

// roleWords mark strings that name a person by role or a group of people
// ("UN SECRETARY GENERAL", "HAMAS MILITANTS"), not an organization.
var roleWords = wordSet(`secretary spokesman spokeswoman spokesperson spokesmen envoy envoys chief
president chairman chairwoman director representative representatives rapporteur peacekeeper
peacekeepers monitors official officials minister ministers ambassador employee employees
worker workers member members leader leaders journalist journalists reporter reporters contingent
resident executive head commander commanders militant militants fighter fighters supporter
supporters activist activists gunmen gunman soldier soldiers troops staff personnel delegation
delegate delegates inspector inspectors investigator investigators observer observers expert
experts negotiator negotiators mediator coordinator administrator governor officer officers agent
agents operative operatives sympathizer sympathizers insurgent insurgents rebels
guerrillas guerillas bodies spokespeople founder chairperson secretariat`)

// orgWords mark a name as an organization even when its first word is a
// given name ("George Washington University").
var orgWords = wordSet(`university college school foundation bank corp corporation inc incorporated
group company co association institute institution fund council committee organization
organisation party front army brigade brigades movement union league society agency news times
post press network international trust center centre church federation alliance forces force
commission service services media radio tv television channel journal daily herald tribune
industries holdings partners airlines airways motors energy oil systems technologies club mission
ministry assembly court tribunal program programme initiative project watch aid relief rights
hospital museum library stores brands foods products pharmaceuticals insurance financial capital
resources communications electric mining steel motor entertainment studios records publishing
ltd llc plc limited sa ag nv gmbh`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var (
	basedPrefix = regexp.MustCompile(`^(?i)[a-z' -]+-based ((broadcaster|newspaper|channel|daily|agency|news agency|television|tv|network) )?`)
	parenRE     = regexp.MustCompile(`\s*\(([^)]*)\)`)
	// company legal suffixes stripped to make a short alias
	companySuffix = regexp.MustCompile(`(?i)(,?\s+(inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|l\.l\.c|lp|l\.p|s\.?a|ag|n\.?v|se|s\.?p\.?a|ab|asa|oyj|b\.?v|gmbh|kgaa|holdings?|group|the)\.?)+$|^the\s+`)
)

// orgNames cleans a raw name into its usable forms: the first is the name,
// the others aliases (a bracketed acronym, the halves of "A/B"). upper says
// the source is in capitals, so that names are re-cased.
func (b *builder) orgNames(raw string, upper bool) []string {
	raw = cleanSpaces(sanitize(raw))
	var extra []string
	raw = parenRE.ReplaceAllStringFunc(raw, func(m string) string {
		inner := strings.TrimSpace(parenRE.FindStringSubmatch(m)[1])
		if isUpperWord(inner) && isLetters(inner) && len(inner) >= 2 && len(inner) <= 8 {
			extra = append(extra, inner)
		}
		return ""
	})
	raw = basedPrefix.ReplaceAllString(raw, "")
	parts := []string{raw}
	if strings.Contains(raw, "/") {
		parts = strings.Split(raw, "/")
	}
	var out []string
	for _, p := range parts {
		p = cleanSpaces(p)
		if p == "" {
			continue
		}
		if upper {
			if !strings.Contains(p, " ") && len(p) <= 4 && isLetters(p) {
				// a short single word in a capitals-only list is most
				// likely an acronym ("AQAP", "TASS")
			} else {
				p = recase(p, false, b.acronyms)
			}
		}
		p = stripThe(p)
		if b.roleLike(p) || b.personLike(p) {
			b.drop("organization name that names a person or role", p)
			continue
		}
		out = append(out, p)
	}
	if len(out) > 0 {
		for _, e := range extra {
			if initials(out[0], true) == e || initials(out[0], false) == e {
				out = append(out, e)
			}
		}
	}
	return out
}

func (b *builder) roleLike(name string) bool {
	for _, w := range words(key(name)) {
		if roleWords[w] {
			return true
		}
	}
	return false
}

// personLike: two to four words, the first a given name, a title or an
// initial, and no word that marks an organization.
func (b *builder) personLike(name string) bool {
	ws := words(key(name))
	if len(ws) < 2 || len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		if orgWords[w] {
			return false
		}
	}
	f := ws[0]
	if arabicOrgWords[f] || arabicOrgWords[ws[len(ws)-1]] || f == "al" || f == "el" {
		return false
	}
	if b.givenNames[f] || titles[f] || len(f) == 1 || f == "abu" {
		return true
	}
	// "Haitham al-Badri": an Arabic name "X al-Y"
	return len(ws) <= 4 && ws[len(ws)-2] == "al"
}

// arabicOrgWords head or end the names of Arabic-named groups ("Jabhat
// al-Nusra", "Tawhid al-Jihad"), which are not person names.
var arabicOrgWords = wordSet(`jabhat jabha jaish jaysh ansar ahrar hizb harakat haraka harakat kataib
katibat liwa jamaat jamaa jamaah jamiat tanzim tanzeem majlis saraya asaib fatah fateh jund junud
tawhid jihad islam islami islamiya islamiyya islamiyah sham sharia nusra haqq mahdi quds aqsa qaeda
qaida muqawama intifada mujahideen mujahidin shabaab shabab dawa dawla ummah umma`)

// shortCompanyName strips legal suffixes ("Exxon Mobil Corporation" ->
// "Exxon Mobil"); "" when nothing usable is left.
func (b *builder) shortCompanyName(name string) string {
	s := strings.TrimSpace(companySuffix.ReplaceAllString(name, ""))
	s = strings.TrimRight(s, ",& ")
	if s == "" || key(s) == key(name) {
		return ""
	}
	ws := words(key(s))
	if len(ws) == 1 {
		k := ws[0]
		if len(k) < 3 || b.givenNames[k] || b.placeKeys[k] {
			return ""
		}
	}
	return s
}

// newOrg makes an entry from cleaned names.
func newOrg(class, country string, prio int, names []string, strongAll bool) *org {
	o := &org{class: class, name: names[0], country: country, prio: prio, aliases: aliasSet{}}
	for i, n := range names {
		if !o.aliases.add(n, prio*10+min(i, 9)) {
			continue
		}
		if i == 0 || strongAll {
			o.strong = append(o.strong, key(n))
		}
	}
	if len(o.aliases) == 0 {
		return nil
	}
	if _, ok := o.aliases[key(o.name)]; !ok {
		// the name itself was refused (a common word): the first alias left
		// becomes the name
		for _, n := range names {
			if _, ok := o.aliases[key(n)]; ok {
				o.name = n
				break
			}
		}
	}
	return o
}

// readOrgs reads every organization list, merges entries that are the same
// organization and keeps the result in b.orgs.
func (b *builder) readOrgs() error {
	lex := filepath.Join(b.Data, "lexicons")
	b.placeKeys = map[string]bool{}
	for _, p := range b.places {
		for k := range p.aliases {
			b.placeKeys[k] = true
		}
	}
	if err := b.collectAcronyms(lex); err != nil {
		return err
	}
	var cands []*org
	for _, m := range b.manual {
		if orgClasses[m.class] {
			names := append([]string{m.name}, m.aliases...)
			o := &org{class: m.class, name: m.name, country: m.country, prio: prioManual, aliases: aliasSet{}}
			for _, n := range names {
				if m.csAlias[n] {
					o.aliases.addCS(n, 0)
				} else if !o.aliases.add(n, 0) {
					o.aliases.addCS(n, 0)
				}
				o.strong = append(o.strong, key(n))
			}
			cands = append(cands, o)
		}
	}
	phoenix := []struct {
		file  string
		class string
		prio  int
		armed bool
	}{
		{"news_media_phoenix.tsv", "media", prioPhoenixMedia, false},
		{"armed_groups_phoenix.tsv", "armed_group", prioPhoenixArmed, true},
		{"intl_orgs_phoenix.tsv", "org", prioPhoenixIGO, false},
		{"ngos_phoenix.tsv", "org", prioPhoenixNGO, false},
		{"companies_mnc_phoenix.tsv", "company", prioPhoenixMNC, false},
	}
	for _, src := range phoenix {
		os, err := b.readPhoenix(filepath.Join(lex, src.file), src.class, src.prio, src.armed)
		if err != nil {
			return err
		}
		cands = append(cands, os...)
	}
	os, err := b.readSupraverden(filepath.Join(lex, "intl_orgs_supraverden.tsv"))
	if err != nil {
		return err
	}
	cands = append(cands, os...)
	if os, err = b.readSP500(filepath.Join(lex, "companies_sp500.csv")); err != nil {
		return err
	}
	cands = append(cands, os...)
	if os, err = b.readNameList(filepath.Join(lex, "companies_fortune500_2014_corpora.txt"), "company", prioFortune); err != nil {
		return err
	}
	cands = append(cands, os...)
	if os, err = b.readNameList(filepath.Join(lex, "newspapers_us_corpora.txt"), "media", prioNewspapers); err != nil {
		return err
	}
	cands = append(cands, os...)
	if os, err = b.readFundus(filepath.Join(lex, "news_media_fundus.tsv")); err != nil {
		return err
	}
	cands = append(cands, os...)
	b.orgs = mergeOrgs(cands)
	b.assignOrgIDs()
	return nil
}

var orgClasses = map[string]bool{"org": true, "media": true, "armed_group": true, "company": true, "forum": true}

// collectAcronyms gathers the acronyms that re-casing keeps in capitals:
// supraverden's abbreviations and the hand-written table's.
func (b *builder) collectAcronyms(lex string) error {
	b.acronyms = map[string]bool{}
	rows, err := readTSV(filepath.Join(lex, "intl_orgs_supraverden.tsv"), 5)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if strings.Contains(r[4], "abbreviation") && isUpperWord(r[3]) && !strings.Contains(r[3], " ") {
			b.acronyms[strings.ReplaceAll(r[3], ".", "")] = true
		}
	}
	for _, m := range b.manual {
		for _, a := range append([]string{m.name}, m.aliases...) {
			if isUpperWord(a) && !strings.Contains(a, " ") {
				b.acronyms[strings.ReplaceAll(a, ".", "")] = true
			}
		}
	}
	return nil
}

// readPhoenix reads one of the Phoenix-derived tables. Entries are grouped
// by entry id; the primary name comes first. The country is the ISO3 code
// at the start of the first code, after a type prefix such as MNC or NGO.
func (b *builder) readPhoenix(path, class string, prio int, armed bool) ([]*org, error) {
	rows, err := readTSV(path, 5)
	if err != nil {
		return nil, err
	}
	type entry struct {
		names []string
		codes string
	}
	var order []string
	entries := map[string]*entry{}
	for _, r := range rows {
		id, name, primary, codes := r[0], r[1], r[2], r[3]
		if armed {
			id, name, primary, codes = r[0]+"/"+r[1], r[2], r[3], r[4]
		}
		e := entries[id]
		if e == nil {
			e = &entry{codes: codes}
			entries[id] = e
			order = append(order, id)
		}
		if primary == "1" {
			e.names = append([]string{name}, e.names...)
		} else {
			e.names = append(e.names, name)
		}
	}
	var out []*org
	for _, id := range order {
		e := entries[id]
		var names []string
		for _, n := range e.names {
			names = append(names, b.orgNames(n, true)...)
		}
		if len(names) == 0 {
			continue
		}
		if o := newOrg(class, b.phoenixCountry(e.codes), prio, names, false); o != nil {
			if class == "company" {
				if s := b.shortCompanyName(o.name); s != "" {
					o.aliases.add(s, prio*10+5)
				}
			}
			out = append(out, o)
		}
	}
	return out, nil
}

func (b *builder) phoenixCountry(codes string) string {
	for _, c := range strings.Split(codes, ";") {
		for _, pre := range []string{"MNC", "NGO", "IGO", "MED", ""} {
			if strings.HasPrefix(c, pre) && len(c) >= len(pre)+3 {
				if cc, ok := b.iso3[c[len(pre):len(pre)+3]]; ok {
					return cc
				}
			}
		}
	}
	return ""
}

// readSupraverden reads intl_orgs_supraverden.tsv: current names and
// abbreviations (former ones are left out: they may name a predecessor).
func (b *builder) readSupraverden(path string) ([]*org, error) {
	rows, err := readTSV(path, 5)
	if err != nil {
		return nil, err
	}
	var order []string
	names := map[string][]string{}
	for _, r := range rows {
		id := r[0]
		if _, ok := names[id]; !ok {
			order = append(order, id)
			names[id] = []string{r[2]}
		}
		switch r[4] {
		case "name", "abbreviation", "other_name", "other_abbreviation":
			names[id] = append(names[id], r[3])
		}
	}
	var out []*org
	for _, id := range order {
		var ns []string
		for _, n := range names[id] {
			ns = append(ns, b.orgNames(n, false)...)
		}
		if len(ns) == 0 {
			continue
		}
		if o := newOrg("org", "", prioSupraverden, ns, true); o != nil {
			out = append(out, o)
		}
	}
	return out, nil
}

func (b *builder) readSP500(path string) ([]*org, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []*org
	for _, r := range recs[1:] {
		ns := b.orgNames(r[1], false)
		if len(ns) == 0 {
			continue
		}
		if o := newOrg("company", "US", prioSP500, ns, true); o != nil {
			b.addShortName(o)
			out = append(out, o)
		}
	}
	return out, nil
}

// addShortName adds the name without its legal suffix; a short name that is
// a common word ("Apple", "Target") is kept case-sensitive.
func (b *builder) addShortName(o *org) {
	s := b.shortCompanyName(o.name)
	if s == "" {
		return
	}
	if !o.aliases.add(s, o.prio*10+5) && len(words(key(s))) == 1 {
		o.aliases.addCS(s, o.prio*10+5)
	}
	o.strong = append(o.strong, key(s))
}

func (b *builder) readNameList(path, class string, prio int) ([]*org, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var out []*org
	for _, l := range lines {
		ns := b.orgNames(l, false)
		if len(ns) == 0 {
			continue
		}
		if o := newOrg(class, "US", prio, ns, true); o != nil {
			if class == "company" {
				b.addShortName(o)
			}
			out = append(out, o)
		}
	}
	return out, nil
}

var fundusCountry = map[string]string{"UK": "GB", "IND": "IN", "ISL": "IS"}

func (b *builder) readFundus(path string) ([]*org, error) {
	rows, err := readTSV(path, 2)
	if err != nil {
		return nil, err
	}
	var out []*org
	for _, r := range rows {
		cc := r[0]
		if c, ok := fundusCountry[cc]; ok {
			cc = c
		}
		if b.countries[cc] == nil {
			cc = ""
		}
		ns := b.orgNames(r[1], false)
		if len(ns) == 0 {
			continue
		}
		if o := newOrg("media", cc, prioFundus, ns, true); o != nil {
			out = append(out, o)
		}
	}
	return out, nil
}

// mergeOrgs joins entries that name the same organization: an entry's strong
// keys (its name; every name for the cleaner lists) join it with the
// entries that have that key as a name or alias. A short single-word key
// (an acronym) joins only when exactly one other entry has it, so that "ICC"
// does not join the International Criminal Court with the International
// Chamber of Commerce.
func mergeOrgs(cands []*org) []*org {
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].prio < cands[j].prio })
	parent := make([]int, len(cands))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	holders := map[string][]int{} // key -> entries with it as an alias
	named := map[string][]int{}   // key -> entries with it as their name
	for i, o := range cands {
		for k := range o.aliases {
			if k == key(o.name) {
				named[k] = append(named[k], i)
			} else {
				holders[k] = append(holders[k], i)
			}
		}
	}
	union := func(i, h int) {
		a, c := find(i), find(h)
		if a == c {
			return
		}
		if a > c {
			a, c = c, a
		}
		parent[c] = a // the higher-priority entry is the root
	}
	for i, o := range cands {
		for _, k := range o.strong {
			for _, h := range named[k] {
				union(i, h)
			}
			hs := holders[k]
			short := !strings.Contains(k, " ") && len(k) <= 6
			others := map[int]bool{}
			for _, h := range hs {
				if r := find(h); r != find(i) {
					others[r] = true
				}
			}
			if short && len(others) > 1 {
				continue
			}
			for _, h := range hs {
				union(i, h)
			}
		}
	}
	groups := map[int][]*org{}
	var roots []int
	for i := range cands {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], cands[i])
	}
	var out []*org
	for _, r := range roots {
		g := groups[r]
		m := &org{class: g[0].class, name: g[0].name, country: g[0].country, prio: g[0].prio, aliases: aliasSet{}}
		for _, o := range g {
			if m.country == "" {
				m.country = o.country
			}
			if o.class == "armed_group" && m.prio != prioManual {
				m.class = "armed_group"
			}
			for k, a := range o.aliases {
				if old, ok := m.aliases[k]; !ok || a.prio < old.prio {
					m.aliases[k] = a
				}
			}
		}
		out = append(out, m)
	}
	return out
}

func (b *builder) assignOrgIDs() {
	sort.Slice(b.orgs, func(i, j int) bool {
		a, c := b.orgs[i], b.orgs[j]
		if a.prio != c.prio {
			return a.prio < c.prio
		}
		if a.name != c.name {
			return a.name < c.name
		}
		return a.aliases.encode(a.name) < c.aliases.encode(c.name)
	})
	seen := map[string]bool{}
	for _, o := range b.orgs {
		id := "org:" + slug(o.name)
		if o.country != "" && seen[id] {
			id += ":" + strings.ToLower(o.country)
		}
		base, n := id, 2
		for seen[id] {
			id = base + "-" + itoa(n)
			n++
		}
		seen[id] = true
		o.id = id
	}
}

func itoa(n int) string {
	const d = "0123456789"
	if n < 10 {
		return d[n : n+1]
	}
	return itoa(n/10) + d[n%10:n%10+1]
}

func (b *builder) orgLines() []string {
	sort.Slice(b.orgs, func(i, j int) bool { return b.orgs[i].id < b.orgs[j].id })
	lines := []string{header("id", "class", "name", "country", "aliases")}
	for _, o := range b.orgs {
		name := sanitize(o.name)
		if a, ok := o.aliases[key(name)]; ok && a.cs {
			name = "=" + a.form
		}
		lines = append(lines, strings.Join([]string{o.id, o.class, name, o.country, o.aliases.encode(o.name)}, "\t"))
	}
	return lines
}
