package gen

import (
	"path/filepath"
	"sort"
)

type demonym struct {
	form      string
	cc        string
	preferred bool
	pop       int64
}

// readDemonyms reads lexicons/demonyms.tsv. A string that maps to several
// countries takes its preferred row; when none is preferred ("Congolese",
// "Koreans"), the most populous country.
func (b *builder) readDemonyms() error {
	rows, err := readTSV(filepath.Join(b.Data, "lexicons", "demonyms.tsv"), 11)
	if err != nil {
		return err
	}
	for _, r := range rows {
		cc := r[2]
		c := b.countries[cc]
		if c == nil {
			continue
		}
		k := key(r[0])
		if k == "" {
			continue
		}
		d := demonym{form: r[0], cc: cc, preferred: r[9] == "1", pop: c.population}
		old, ok := b.demonyms[k]
		if !ok || better(d, old) {
			b.demonyms[k] = d
		}
	}
	return nil
}

func better(d, old demonym) bool {
	if d.preferred != old.preferred {
		return d.preferred
	}
	if d.pop != old.pop {
		return d.pop > old.pop
	}
	return d.cc < old.cc
}

func (b *builder) demonymLines() []string {
	keys := make([]string, 0, len(b.demonyms))
	for k := range b.demonyms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines := []string{header("demonym", "country")}
	for _, k := range keys {
		lines = append(lines, sanitize(b.demonyms[k].form)+"\t"+b.demonyms[k].cc)
	}
	return lines
}
