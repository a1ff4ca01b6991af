// Package gen builds the gazetteer tables of kg/ingest/gazetteer from the
// GeoNames extracts and lexicons under shared/data. The command
// ingest/gazetteer/internal/build runs it; data/README.md describes every
// table, its sources, licences and filters.
package gen

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files are the tables Build writes, in the output folder.
var Files = []string{"places.tsv.gz", "orgs.tsv.gz", "people.tsv.gz", "demonyms.tsv", "given_names.txt"}

// ManualFile is the hand-written table Build reads besides the data folder.
const ManualFile = "manual.tsv"

// Options say where to read and write.
type Options struct {
	Data   string // shared/data
	Manual string // the hand-written table (data/manual.tsv)
	Out    string // output folder
	Log    io.Writer
}

type builder struct {
	Options
	countries     map[string]*country
	iso3          map[string]string // ISO3 -> ISO2
	countryByName map[string]string // key of GeoNames' name -> ISO2
	capitals      map[string]*cityRow
	countryPlace  map[string]*place
	admin1        map[string]*place
	places        []*place
	cityEvidence  map[string]map[string]bool // ISO2 -> keys of English place names
	surnames      map[string]bool            // keys of leaders' surnames
	demonyms      map[string]demonym
	people        []*person
	givenNames    map[string]bool
	manualGiven   map[string]bool // given names of manual.tsv
	orgs          []*org
	manual        []manualRow
	acronyms      map[string]bool // kept in capitals when re-casing
	placeKeys     map[string]bool // keys of place names
	dropped       map[string]int
	examples      map[string][]string
}

// drop counts a name left out, and keeps a few examples for the log.
func (b *builder) drop(reason, name string) {
	b.dropped[reason]++
	if len(b.examples[reason]) < 6 {
		b.examples[reason] = append(b.examples[reason], name)
	}
}

// Build reads the sources and writes the tables.
func Build(o Options) error {
	if o.Log == nil {
		o.Log = io.Discard
	}
	b := &builder{
		Options:       o,
		countries:     map[string]*country{},
		iso3:          map[string]string{},
		countryByName: map[string]string{},
		capitals:      map[string]*cityRow{},
		countryPlace:  map[string]*place{},
		admin1:        map[string]*place{},
		cityEvidence:  map[string]map[string]bool{},
		surnames:      map[string]bool{},
		demonyms:      map[string]demonym{},
		givenNames:    map[string]bool{},
		manualGiven:   map[string]bool{},
		dropped:       map[string]int{},
		examples:      map[string][]string{},
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"manual table", b.readManual},
		{"countries", b.readCountries},
		{"demonyms", b.readDemonyms},
		{"people", b.readPeople},
		{"place evidence", b.readEvidence},
		{"places", b.buildPlaces},
		{"country variants", b.readCountryVariants},
		{"organizations", b.readOrgs},
		{"manual entries", b.applyManual},
		{"write", b.write},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("gazetteer %s: %w", s.name, err)
		}
	}
	keys := make([]string, 0, len(b.dropped))
	for k := range b.dropped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(b.Log, "dropped %6d  %s (%s ...)\n", b.dropped[k], k, strings.Join(b.examples[k], ", "))
	}
	return nil
}

func (b *builder) buildPlaces() error {
	rows, err := b.readCities()
	if err != nil {
		return err
	}
	b.countryPlaces()
	if err := b.readAdmin1(); err != nil {
		return err
	}
	b.cityPlaces(rows)
	return nil
}

// readTSV reads a tab-separated file, skipping blank lines and lines that
// start with "#"; every row must have at least min fields.
func readTSV(path string, min int) ([][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < min {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", path, i+1, len(f), min)
		}
		rows = append(rows, f)
	}
	return rows, nil
}

func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// write writes every table; gzip output carries no name or time, so that
// the bytes depend on the content only.
func (b *builder) write() error {
	if err := os.MkdirAll(b.Out, 0o755); err != nil {
		return err
	}
	tables := map[string][]string{
		"places.tsv.gz":   b.placeLines(),
		"orgs.tsv.gz":     b.orgLines(),
		"people.tsv.gz":   b.personLines(),
		"demonyms.tsv":    b.demonymLines(),
		"given_names.txt": b.givenNameLines(),
	}
	for _, name := range Files {
		lines := tables[name]
		var buf bytes.Buffer
		for _, l := range lines {
			buf.WriteString(l)
			buf.WriteByte('\n')
		}
		data := buf.Bytes()
		if strings.HasSuffix(name, ".gz") {
			var z bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			zw.Write(data)
			if err := zw.Close(); err != nil {
				return err
			}
			data = z.Bytes()
		}
		if err := os.WriteFile(filepath.Join(b.Out, name), data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(b.Log, "wrote %-16s %6d rows %8d bytes\n", name, len(lines)-1, len(data))
	}
	return nil
}

// header lines start with "#".
func header(cols ...string) string { return "# " + strings.Join(cols, "\t") }

func (b *builder) placeLines() []string {
	sort.Slice(b.places, func(i, j int) bool { return b.places[i].id < b.places[j].id })
	lines := []string{header("id", "class", "name", "country", "admin1", "geonameid", "feature", "lat", "lon", "population", "aliases")}
	for _, p := range b.places {
		gid := ""
		if p.geonameid != 0 {
			gid = fmt.Sprint(p.geonameid)
		}
		pop := ""
		if p.population != 0 {
			pop = fmt.Sprint(p.population)
		}
		name := sanitize(p.name)
		if a, ok := p.aliases[key(name)]; ok && a.cs {
			name = "=" + a.form
		}
		lines = append(lines, strings.Join([]string{p.id, p.class, name, p.country, p.admin1, gid, p.feature, p.lat, p.lon, pop, p.aliases.encode(p.name)}, "\t"))
	}
	return lines
}
