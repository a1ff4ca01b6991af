package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"kg/ingest/perceptron"
	"kg/ingest/text"
)

// LexiconSource names the files a model's lexicon is built from when
// training. Empty names leave their part out.
type LexiconSource struct {
	// Clusters is a word cluster table in the format of Liang's
	// implementation of Brown clustering: "path<TAB>word<TAB>count" lines,
	// the path a string of 0s and 1s (see ingest/ner/clusters).
	Clusters string
	// Profile is a capitalization profile table:
	// "word<TAB>lower<TAB>capitalized<TAB>capitals" lines counting how a
	// lower-cased word was written inside sentences of unlabeled text.
	Profile string
	// Gazetteer is a folder of the tables of kg/ingest/gazetteer
	// (places.tsv.gz, orgs.tsv.gz, people.tsv.gz, demonyms.tsv,
	// given_names.txt).
	Gazetteer string

	names gazNames  // the gazetteer's names by entity type, for augmentation
	words nameWords // the words of its names by class, for the name model
}

// nameClass is the class of the name model of a gazetteer category: 0
// people, 1 places, 2 organizations, -1 none.
func nameClass(cat int) int {
	switch cat {
	case gazPerson:
		return 0
	case gazCountry, gazAdmin1, gazRegion, gazCityBig, gazCitySmall:
		return 1
	case gazOrg, gazMedia, gazArmedGroup, gazCompany:
		return 2
	}
	return -1
}

// gazNames are names of the gazetteer by CoNLL type (index in entityTypes).
type gazNames [len(entityTypes)][]string

func (g *gazNames) add(name string, cat int) {
	typ := -1
	switch cat {
	case gazCountry, gazAdmin1, gazRegion, gazCityBig, gazCitySmall:
		typ = 2
	case gazOrg, gazMedia, gazArmedGroup, gazCompany:
		typ = 1
	case gazPerson:
		typ = 0
	}
	if typ >= 0 && name != "" && !strings.HasPrefix(name, "=") {
		g[typ] = append(g[typ], name)
	}
}

// openTable opens a text file, gunzipping it if its name ends in .gz.
func openTable(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

// eachLine calls fn with the tab-separated fields of every line of a table
// that is not blank or a "#" comment.
func eachLine(path string, fn func(f []string) error) error {
	r, err := openTable(path)
	if err != nil {
		return err
	}
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		if err := fn(strings.Split(l, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (s *LexiconSource) build() (*lexicon, uint32, []perceptron.Section, error) {
	lex := &lexicon{}
	var flags uint32
	var ck, pk, gk, nk []uint64
	var cv, pv, gv, nv []int32
	var err error
	if s.Clusters != "" {
		if ck, cv, err = s.readClusters(lex); err != nil {
			return nil, 0, nil, err
		}
		if lex.words, err = tableIndex(ck, cv); err != nil {
			return nil, 0, nil, err
		}
		flags |= featClusters
	}
	if s.Profile != "" {
		if pk, pv, err = readProfile(s.Profile); err != nil {
			return nil, 0, nil, err
		}
		if lex.profile, err = tableIndex(pk, pv); err != nil {
			return nil, 0, nil, err
		}
		flags |= featCaseProfile
	}
	if s.Gazetteer != "" {
		if gk, gv, err = readGazetteer(s.Gazetteer, lex, &s.names, &s.words); err != nil {
			return nil, 0, nil, err
		}
		nk, nv = s.words.table()
		if lex.names, err = tableIndex(nk, nv); err != nil {
			return nil, 0, nil, err
		}
		flags |= featNameModel
		if lex.gaz, err = tableIndex(gk, gv); err != nil {
			return nil, 0, nil, err
		}
		flags |= featGazetteer
	}
	secs, err := lex.sections(ck, cv, pk, pv, gk, gv)
	if err == nil && len(nk) > 0 {
		var t []byte
		if t, err = perceptron.EncodeTable(nk, nv); err == nil {
			secs = append(secs, perceptron.Section{Name: secNames, Data: t})
		}
	}
	return lex, flags, secs, err
}

// tableIndex builds the Index of a table the way a model file loads it.
func tableIndex(keys []uint64, vals []int32) (*perceptron.Index, error) {
	b, err := perceptron.EncodeTable(keys, vals)
	if err != nil {
		return nil, err
	}
	return perceptron.DecodeTable(b)
}

// readClusters reads a cluster table into lex.paths and returns the word
// keys and their clusters.
func (s *LexiconSource) readClusters(lex *lexicon) ([]uint64, []int32, error) {
	ids := map[string]int32{}
	words := map[uint64]int32{}
	err := eachLine(s.Clusters, func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want path, word and count")
		}
		path, word := f[0], f[1]
		id, ok := ids[path]
		if !ok {
			if len(path) == 0 || len(path) > 63 || strings.Trim(path, "01") != "" {
				return fmt.Errorf("cluster path %q: want 1 to 63 bits", path)
			}
			p := uint64(1)
			for _, c := range path {
				p = p<<1 | uint64(c-'0')
			}
			id = int32(len(lex.paths))
			ids[path] = id
			lex.paths = append(lex.paths, p)
		}
		var t token
		analyze(word, &t)
		words[t.word] = id
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	keys, vals := sortedTable(words)
	return keys, vals, nil
}

func sortedTable(m map[uint64]int32) ([]uint64, []int32) {
	keys := make([]uint64, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	vals := make([]int32, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}

// Capitalization profiles: how often a word is capitalized inside
// sentences, in buckets, and how frequent it is.
func profileCode(lower, capInit, capAll int) int32 {
	n := lower + capInit + capAll
	if n < 3 {
		return 0
	}
	frac := float64(capInit+capAll) / float64(n)
	var c int32
	switch {
	case frac < 0.02:
		c = 1
	case frac < 0.25:
		c = 2
	case frac < 0.75:
		c = 3
	case frac < 0.98:
		c = 4
	default:
		c = 5
	}
	if capAll > capInit && capAll > lower {
		c = 6
	}
	f := int32(0)
	switch {
	case n >= 1000:
		f = 3
	case n >= 100:
		f = 2
	case n >= 10:
		f = 1
	}
	return c | f<<3
}

func readProfile(path string) ([]uint64, []int32, error) {
	m := map[uint64]int32{}
	err := eachLine(path, func(f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want word and three counts")
		}
		var n [3]int
		for i := range n {
			v, err := strconv.Atoi(f[i+1])
			if err != nil {
				return err
			}
			n[i] = v
		}
		if c := profileCode(n[0], n[1], n[2]); c != 0 {
			m[perceptron.HashLower(text.Norm(f[0]))] = c
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	keys, vals := sortedTable(m)
	return keys, vals, nil
}

// Gazetteer categories, bits of the gazetteer features.
const (
	gazCountry = iota
	gazAdmin1
	gazRegion
	gazCityBig
	gazCitySmall
	gazOrg
	gazMedia
	gazArmedGroup
	gazCompany
	gazForum
	gazPerson
	gazGivenName
	gazSurname
	gazDemonym
)

// gazMaxTokens is the longest name kept, in tokens.
const gazMaxTokens = 8

// readGazetteer reads the gazetteer tables into a phrase table: for every
// name and alias, its key with its categories, and the keys of its proper
// prefixes marked gazPrefix.
func readGazetteer(dir string, lex *lexicon, names *gazNames, words *nameWords) ([]uint64, []int32, error) {
	m := map[uint64]int32{}
	add := func(name string, cat int) {
		name = strings.TrimPrefix(strings.TrimSpace(name), "=")
		if name == "" {
			return
		}
		addPhrase(m, name, cat, lex)
	}
	addAll := func(name, aliases string, cat int) {
		add(name, cat)
		names.add(name, cat)
		if c := nameClass(cat); c >= 0 {
			words.add(name, c)
		}
		if aliases != "" {
			for _, a := range strings.Split(aliases, "|") {
				add(a, cat)
			}
		}
	}
	err := eachLine(filepath.Join(dir, "places.tsv.gz"), func(f []string) error {
		if len(f) != 11 {
			return fmt.Errorf("places: want 11 fields")
		}
		var cat int
		switch f[1] {
		case "country":
			cat = gazCountry
		case "admin1":
			cat = gazAdmin1
		case "region":
			cat = gazRegion
		default:
			pop, _ := strconv.Atoi(f[9])
			cat = gazCitySmall
			if pop >= 100000 || f[6] == "PPLC" {
				cat = gazCityBig
			}
		}
		addAll(f[2], f[10], cat)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachLine(filepath.Join(dir, "orgs.tsv.gz"), func(f []string) error {
		if len(f) != 5 {
			return fmt.Errorf("orgs: want 5 fields")
		}
		cat := gazOrg
		switch f[1] {
		case "media":
			cat = gazMedia
		case "armed_group":
			cat = gazArmedGroup
		case "company":
			cat = gazCompany
		case "forum":
			cat = gazForum
		}
		addAll(f[2], f[4], cat)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachLine(filepath.Join(dir, "people.tsv.gz"), func(f []string) error {
		if len(f) != 5 {
			return fmt.Errorf("people: want 5 fields")
		}
		addAll(f[1], f[4], gazPerson)
		if ws := strings.Fields(f[1]); len(ws) >= 2 {
			if last := ws[len(ws)-1]; len(last) > 2 && !isNameSuffix(last) {
				add(last, gazSurname)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachLine(filepath.Join(dir, "demonyms.tsv"), func(f []string) error {
		add(f[0], gazDemonym)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachLine(filepath.Join(dir, "given_names.txt"), func(f []string) error {
		add(f[0], gazGivenName)
		words.add(f[0], 0)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	keys, vals := sortedTable(m)
	return keys, vals, nil
}

func isNameSuffix(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "jr", "sr", "ii", "iii", "iv":
		return true
	}
	return false
}

// addPhrase adds a name, tokenized as text is, to the phrase table, with
// the variants hyphens make: "Ban Ki Moon" is also "Ban Ki-moon", and
// "Al-Qaeda" also "Al Qaeda".
func addPhrase(m map[uint64]int32, name string, cat int, lex *lexicon) {
	var words []string
	for _, t := range text.Tokenize(name) {
		words = append(words, t.Text)
	}
	if len(words) == 0 {
		return
	}
	addTokens(m, words, cat, lex)
	if len(words) <= 4 {
		for i := 0; i+1 < len(words); i++ {
			joined := append(append(append([]string(nil), words[:i]...), words[i]+"-"+words[i+1]), words[i+2:]...)
			addTokens(m, joined, cat, lex)
		}
	}
	var split []string
	for _, w := range words {
		if strings.Trim(w, "-") != w || !strings.Contains(w, "-") {
			split = append(split, w)
			continue
		}
		split = append(split, strings.Split(w, "-")...)
	}
	if len(split) != len(words) {
		addTokens(m, split, cat, lex)
	}
}

func addTokens(m map[uint64]int32, words []string, cat int, lex *lexicon) {
	if len(words) > gazMaxTokens {
		return
	}
	h := gazSeed
	var t token
	for i, w := range words {
		analyze(w, &t)
		h = gazChain(h, t.gazKey)
		if i < len(words)-1 {
			m[h] |= gazPrefix
		}
	}
	m[h] |= 1 << cat
	lex.gazMax = max(lex.gazMax, len(words))
}
