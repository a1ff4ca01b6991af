package gazetteer

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"fmt"
	"golang.org/x/text/unicode/norm"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Table files.
const (
	placesFile     = "data/places.tsv.gz"
	orgsFile       = "data/orgs.tsv.gz"
	peopleFile     = "data/people.tsv.gz"
	demonymsFile   = "data/demonyms.tsv"
	givenNamesFile = "data/given_names.txt"
)

// The tables; data/README.md describes them. manual.tsv is an input of the
// generator and is not embedded.
//
//go:embed data/places.tsv.gz data/orgs.tsv.gz data/people.tsv.gz data/demonyms.tsv data/given_names.txt
var embedded embed.FS

// readTable returns the text of a table, gunzipped if its name ends in .gz.
func readTable(fsys fs.FS, name string) (string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "", err
	}
	if !strings.HasSuffix(name, ".gz") {
		if !utf8.Valid(data) {
			return "", fmt.Errorf("%s: not UTF-8", name)
		}
		return string(data), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	var sb strings.Builder
	if len(data) >= 4 { // the gzip trailer ends with the size mod 2^32
		sb.Grow(int(binary.LittleEndian.Uint32(data[len(data)-4:])))
	}
	if _, err := io.Copy(&sb, zr); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	text := sb.String()
	if !utf8.ValidString(text) {
		return "", fmt.Errorf("%s: not UTF-8", name)
	}
	return text, nil
}

// eachRow calls fn with the fields of every line that is not blank or a
// "#" comment; fields are substrings of text.
func eachRow(text, name string, nfields int, fn func(line int, f []string) error) error {
	f := make([]string, nfields)
	line := 0
	for len(text) > 0 {
		line++
		l := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if l == "" || l[0] == '#' {
			continue
		}
		n := 0
		for n < nfields-1 {
			i := strings.IndexByte(l, '\t')
			if i < 0 {
				break
			}
			f[n], l = l[:i], l[i+1:]
			n++
		}
		f[n] = l
		if n != nfields-1 || strings.IndexByte(l, '\t') >= 0 {
			return fmt.Errorf("%s:%d: want %d fields", name, line, nfields)
		}
		if err := fn(line, f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return nil
}

// part is one table: its text, where its entries go in Gazetteer.entries,
// and the names to index. Keys are appended to one buffer, arena, and
// taken as substrings of it, to spare an allocation per name.
type part struct {
	file     string
	nf       int
	parse    func(f []string) (Entry, error)
	text     string
	rows     int
	base     int32
	names    []posting
	forms    []string  // forms of case-sensitive names
	surnames []posting // people: family-name keys
	arena    []byte
	keyer    keyer
	keys     string // arena as a string, once parsed
	err      error
}

// posting is a name to index; it holds no pointers, so that the garbage
// collector need not scan the postings.
type posting struct {
	entry    int32
	off, end int32 // the key is keys[off:end]
	form     int32 // case-sensitive names: index in part.forms, else -1
}

func load(fsys fs.FS) (*Gazetteer, error) {
	// Decompressing and parsing the three big tables is most of the work:
	// do it concurrently; then index sequentially.
	parts := []*part{
		{file: placesFile, nf: 11, parse: parsePlace},
		{file: orgsFile, nf: 5, parse: parseOrg},
		{file: peopleFile, nf: 5, parse: parsePerson},
	}
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if p.text, p.err = readTable(fsys, p.file); p.err == nil {
				p.rows = countRows(p.text)
			}
		}()
	}
	small := map[string]string{}
	var smallErr error
	for _, name := range []string{demonymsFile, givenNamesFile} {
		t, err := readTable(fsys, name)
		if err != nil && smallErr == nil {
			smallErr = err
		}
		small[name] = t
	}
	wg.Wait()
	if smallErr != nil {
		return nil, smallErr
	}
	n := 0
	for _, p := range parts {
		if p.err != nil {
			return nil, p.err
		}
		p.base = int32(n)
		n += p.rows
	}
	g := &Gazetteer{
		entries:   make([]Entry, n),
		aliases:   make([]string, n),
		cs:        map[string][]csPosting{},
		demonyms:  map[string]int32{},
		countries: map[string]int32{},
		given:     map[string]struct{}{},
		surnames:  map[string][]int32{},
	}
	for _, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.err = g.parsePart(p)
		}()
	}
	wg.Wait()
	names := 0
	for _, p := range parts {
		if p.err != nil {
			return nil, p.err
		}
		names += len(p.names)
	}
	g.index = make(map[string]int32, names)
	for _, p := range parts {
		for _, ps := range p.names {
			form := ""
			if ps.form >= 0 {
				form = p.forms[ps.form]
			}
			g.index1(ps.entry, p.keys[ps.off:ps.end], form)
		}
		for _, ps := range p.surnames {
			k := p.keys[ps.off:ps.end]
			g.surnames[k] = append(g.surnames[k], ps.entry)
		}
	}
	for i := range g.entries {
		if e := &g.entries[i]; e.Class == Country && e.Country != "" {
			g.countries[e.Country] = int32(i)
		}
	}
	if err := g.loadDemonyms(small[demonymsFile]); err != nil {
		return nil, err
	}
	if err := g.loadGivenNames(small[givenNamesFile]); err != nil {
		return nil, err
	}
	g.one = make([]int32, len(g.entries))
	for i := range g.one {
		g.one[i] = int32(i)
	}
	for _, ids := range g.multi {
		sort.Slice(ids, func(i, j int) bool { return g.less(ids[i], ids[j]) })
	}
	for _, ps := range g.cs {
		if len(ps) > 1 {
			sort.Slice(ps, func(i, j int) bool { return g.less(ps[i].entry, ps[j].entry) })
		}
	}
	for _, ids := range g.surnames {
		if len(ids) > 1 {
			sort.Slice(ids, func(i, j int) bool { return g.less(ids[i], ids[j]) })
		}
	}
	return g, nil
}

// countRows counts the lines that are neither blank nor comments.
func countRows(text string) int {
	n := 0
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			i = len(text) - 1
		}
		if text[0] != '\n' && text[0] != '#' {
			n++
		}
		text = text[i+1:]
	}
	return n
}

// parsePart parses the rows of a table into g.entries[p.base:]. A name or
// alias written with a leading "=" is case-sensitive.
func (g *Gazetteer) parsePart(p *part) error {
	p.names = make([]posting, 0, 2*p.rows)
	p.arena = make([]byte, 0, len(p.text)/2)
	row := 0
	err := eachRow(p.text, p.file, p.nf, func(_ int, f []string) error {
		e, err := p.parse(f)
		if err != nil {
			return err
		}
		if e.ID == "" || e.Name == "" || e.Name == "=" {
			return fmt.Errorf("entry without id or name")
		}
		id := p.base + int32(row)
		row++
		aliasField := f[p.nf-1]
		csName := strings.HasPrefix(e.Name, "=")
		if csName {
			e.Name = e.Name[1:]
		}
		e.Kind = e.Class.Kind()
		g.entries[id] = e
		g.aliases[id] = aliasField
		p.name(id, e.Name, csName)
		for rest := aliasField; rest != ""; {
			a := rest
			if i := strings.IndexByte(rest, '|'); i >= 0 {
				a, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			cs := strings.HasPrefix(a, "=")
			if cs {
				a = a[1:]
			}
			if a == "" {
				return fmt.Errorf("%s: empty alias", e.ID)
			}
			p.name(id, a, cs)
		}
		if e.Class == Person {
			p.surname(id, e.Name)
		}
		return nil
	})
	if err == nil && row != p.rows {
		err = fmt.Errorf("%s: %d rows, counted %d", p.file, row, p.rows)
	}
	p.keys = string(p.arena)
	p.arena = nil
	return err
}

func (p *part) name(id int32, name string, cs bool) {
	off := int32(len(p.arena))
	p.arena = p.keyer.appendKey(p.arena, name)
	end := int32(len(p.arena))
	if end == off {
		return
	}
	ps := posting{entry: id, off: off, end: end, form: -1}
	if cs {
		ps.form = int32(len(p.forms))
		p.forms = append(p.forms, strings.ReplaceAll(name, ".", ""))
	}
	p.names = append(p.names, ps)
}

// index1 indexes entry id under key; form is the form of a case-sensitive
// name, "" for others.
func (g *Gazetteer) index1(id int32, key, form string) {
	if n := strings.Count(key, " ") + 1; n > g.maxWords {
		g.maxWords = n
	}
	if form != "" {
		g.cs[key] = append(g.cs[key], csPosting{entry: id, form: form})
		return
	}
	old, ok := g.index[key]
	switch {
	case !ok:
		g.index[key] = id
	case old >= 0:
		g.multi = append(g.multi, []int32{old, id})
		g.index[key] = -int32(len(g.multi))
	default:
		g.multi[-old-1] = append(g.multi[-old-1], id)
	}
}

// postings returns the entries indexed under k, best first.
func (g *Gazetteer) postings(k string) []int32 {
	v, ok := g.index[k]
	switch {
	case !ok:
		return nil
	case v >= 0:
		return g.one[v : v+1]
	}
	return g.multi[-v-1]
}

func parsePlace(f []string) (Entry, error) {
	e := Entry{ID: f[0], Class: Class(f[1]), Name: f[2], Country: f[3], Admin1: f[4], Feature: f[6]}
	var err error
	if f[5] != "" {
		if e.GeonameID, err = strconv.Atoi(f[5]); err != nil {
			return e, err
		}
	}
	if f[7] != "" {
		if e.Lat, err = strconv.ParseFloat(f[7], 64); err != nil {
			return e, err
		}
		if e.Lon, err = strconv.ParseFloat(f[8], 64); err != nil {
			return e, err
		}
	}
	if f[9] != "" {
		if e.Population, err = strconv.ParseInt(f[9], 10, 64); err != nil {
			return e, err
		}
	}
	switch e.Class {
	case Country, Admin1, City, Region:
	default:
		return e, fmt.Errorf("class %q is not a place class", e.Class)
	}
	return e, nil
}

func parseOrg(f []string) (Entry, error) {
	e := Entry{ID: f[0], Class: Class(f[1]), Name: f[2], Country: f[3]}
	switch e.Class {
	case Org, Media, ArmedGroup, Company, Forum:
	default:
		return e, fmt.Errorf("class %q is not an organization class", e.Class)
	}
	return e, nil
}

func parsePerson(f []string) (Entry, error) {
	return Entry{ID: f[0], Class: Person, Name: f[1], Country: f[2], Role: f[3]}, nil
}

// surname indexes the key of the last word of a person name, less
// generational suffixes; with and without a particle ("al-Assad" is
// indexed as "al assad" and "assad").
func (p *part) surname(id int32, name string) {
	name = strings.TrimSpace(name)
	var last string
	for {
		i := strings.LastIndexByte(name, ' ')
		if i < 0 {
			return // one word: no surname
		}
		last = name[i+1:]
		if isSuffix(strings.Trim(last, ".,")) {
			name = strings.TrimSpace(name[:i])
			continue
		}
		break
	}
	off := int32(len(p.arena))
	p.arena = p.keyer.appendKey(p.arena, last)
	end := int32(len(p.arena))
	if end == off {
		return
	}
	p.surnames = append(p.surnames, posting{entry: id, off: off, end: end})
	k := p.arena[off:end]
	for _, pre := range []string{"al ", "el ", "ad ", "as ", "ash "} {
		if len(k) > len(pre)+1 && string(k[:len(pre)]) == pre {
			p.surnames = append(p.surnames, posting{entry: id, off: off + int32(len(pre)), end: end})
		}
	}
}

func (g *Gazetteer) loadDemonyms(text string) error {
	const name = demonymsFile
	return eachRow(text, name, 2, func(_ int, f []string) error {
		id, ok := g.countries[f[1]]
		if !ok {
			return fmt.Errorf("demonym %q: no country %q", f[0], f[1])
		}
		g.demonyms[nameKey(f[0])] = id
		return nil
	})
}

func (g *Gazetteer) loadGivenNames(text string) error {
	const name = givenNamesFile
	return eachRow(text, name, 1, func(_ int, f []string) error {
		g.given[f[0]] = struct{}{}
		return nil
	})
}

// nameKey is graph.NameKey, computed without its allocations
// (TestNameKeyMatchesGraph checks that it agrees on every name in the
// tables).
func nameKey(s string) string {
	var k keyer
	return string(k.appendKey(nil, s))
}

// keyer computes keys; it keeps a buffer for the NFD form of non-ASCII
// names.
type keyer struct{ nfd []byte }

// appendKey appends graph.NameKey(s) to dst.
func (k *keyer) appendKey(dst []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	s = strings.TrimSpace(s)
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+1 {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	start := len(dst)
	space := false
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch c {
			case '.':
				continue
			case ' ', '-', '\t', '\n', '\v', '\f', '\r':
				space = len(dst) > start
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	k.nfd = norm.NFD.AppendString(k.nfd[:0], s)
	for b := k.nfd; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case unicode.Is(unicode.Mn, r), r == '.':
			continue
		case unicode.IsSpace(r) || r == '-' || r == '‐' || r == '–':
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

func isSuffix(w string) bool {
	for _, s := range []string{"jr", "sr", "ii", "iii", "iv"} {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}
