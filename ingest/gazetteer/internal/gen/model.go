package gen

import (
	"sort"
	"strings"
)

// place is one row of places.tsv.
type place struct {
	id         string
	class      string
	name       string
	country    string
	admin1     string
	geonameid  int
	feature    string
	lat, lon   string
	population int64
	aliases    aliasSet
}

// aliasSet holds the surface forms of an entry by key. A form that is a
// common English word is kept case-sensitive: the loader matches it only when
// the text has exactly that form (less periods).
type aliasSet map[string]alias

type alias struct {
	form string
	cs   bool
	prio int // lower wins when two forms have the same key
}

// add records form under its key unless a better form is there; it returns
// false when the form was rejected.
func (a aliasSet) add(form string, prio int) bool {
	form = cleanSpaces(form)
	k := key(form)
	if k == "" || len([]rune(k)) < 2 {
		return false
	}
	cs := false
	if stopWords[k] {
		if !isCode(form) && !isUpperWord(form) {
			return false
		}
		cs = true
		form = strings.ReplaceAll(form, ".", "")
	}
	if old, ok := a[k]; ok && (old.prio <= prio || old.cs != cs) {
		return true
	}
	a[k] = alias{form: form, cs: cs, prio: prio}
	return true
}

// addCS records form as case-sensitive whatever its key.
func (a aliasSet) addCS(form string, prio int) {
	form = cleanSpaces(form)
	k := key(form)
	if k == "" {
		return
	}
	if old, ok := a[k]; ok && old.prio <= prio {
		return
	}
	a[k] = alias{form: strings.ReplaceAll(form, ".", ""), cs: true, prio: prio}
}

// encode writes the aliases other than the name, sorted by key, "|"-joined;
// case-sensitive forms start with "=".
func (a aliasSet) encode(name string) string {
	nk := key(name)
	keys := make([]string, 0, len(a))
	for k := range a {
		if k != nk {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		al := a[k]
		if al.cs {
			parts = append(parts, "="+al.form)
		} else {
			parts = append(parts, al.form)
		}
	}
	return strings.Join(parts, "|")
}

// sanitize removes characters that would break the TSV format.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '|', '=':
			return ' '
		case '\uFFFD':
			return -1
		}
		return r
	}, s)
}
