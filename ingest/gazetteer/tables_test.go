package gazetteer

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kg/graph"
	"kg/ingest/gazetteer/internal/gen"
)

// tableText returns the text of an embedded table.
func tableText(t *testing.T, name string) string {
	t.Helper()
	text, err := readTable(embedded, "data/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// rows returns the non-comment rows of a table, split into fields.
func rows(text string) [][]string {
	var out [][]string
	for _, l := range strings.Split(text, "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		out = append(out, strings.Split(l, "\t"))
	}
	return out
}

// TestTablesSorted checks that every table is sorted by id (or key) with no
// duplicates, and that each entry's aliases are sorted by key, distinct and
// different from its name.
func TestTablesSorted(t *testing.T) {
	for _, tab := range []struct {
		file            string
		nameCol, aliCol int
	}{
		{"places.tsv.gz", 2, 10},
		{"orgs.tsv.gz", 2, 4},
		{"people.tsv.gz", 1, 4},
	} {
		prev := ""
		for _, f := range rows(tableText(t, tab.file)) {
			if f[0] <= prev {
				t.Errorf("%s: id %s after %s", tab.file, f[0], prev)
			}
			prev = f[0]
			name := strings.TrimPrefix(f[tab.nameCol], "=")
			nk := graph.NameKey(name)
			if f[tab.aliCol] == "" {
				continue
			}
			prevKey := ""
			for _, a := range strings.Split(f[tab.aliCol], "|") {
				k := graph.NameKey(strings.TrimPrefix(a, "="))
				if k == nk {
					t.Errorf("%s %s: alias %q is the name", tab.file, f[0], a)
				}
				if k <= prevKey {
					t.Errorf("%s %s: alias %q not sorted or repeated", tab.file, f[0], a)
				}
				prevKey = k
			}
		}
	}
	prev := ""
	for _, f := range rows(tableText(t, "demonyms.tsv")) {
		k := graph.NameKey(f[0])
		if k <= prev {
			t.Errorf("demonyms.tsv: %q not sorted or repeated", f[0])
		}
		prev = k
	}
	prev = ""
	for _, f := range rows(tableText(t, "given_names.txt")) {
		if f[0] <= prev || f[0] != graph.NameKey(f[0]) {
			t.Errorf("given_names.txt: %q not sorted, repeated or not a key", f[0])
		}
		prev = f[0]
	}
}

// TestNameKeyMatchesGraph checks the loader's fast key function against
// graph.NameKey on every name in the tables, and on tricky strings.
func TestNameKeyMatchesGraph(t *testing.T) {
	names := []string{"", " ", "U.S.", "Russia's", "Russia’s", "Ali'", "s'", "a's", "  New   York ", "Guinea-Bissau",
		"François", "São Paulo", "St.-Petersburg", "Côte d’Ivoire", "Xi’an", "A - B", "-x-", "İstanbul", "ŁÓDŹ", "Ærø"}
	for _, file := range []string{"places.tsv.gz", "orgs.tsv.gz", "people.tsv.gz"} {
		for _, f := range rows(tableText(t, file)) {
			for _, col := range f[1:] {
				for _, a := range strings.Split(col, "|") {
					names = append(names, strings.TrimPrefix(a, "="))
				}
			}
		}
	}
	var k keyer
	for _, n := range names {
		want := graph.NameKey(n)
		if got := nameKey(n); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", n, got, want)
		}
		if got := string(k.appendKey([]byte("x"), n)); got != "x"+want {
			t.Errorf("appendKey(x, %q) = %q, want %q", n, got, "x"+want)
		}
	}
}

// TestLoadErrors checks that a corrupt table is an error, not a panic.
func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"places.tsv.gz", "orgs.tsv.gz", "people.tsv.gz", "demonyms.tsv", "given_names.txt"} {
		data, err := embedded.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "orgs.tsv.gz" {
			data = gzipBytes(t, "org:x\tnot-a-class\tX\t\t\n")
		}
		if err := os.WriteFile(filepath.Join(dir, "data", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := load(os.DirFS(dir)); err == nil || !strings.Contains(err.Error(), "not-a-class") {
		t.Errorf("load with a bad class: err = %v", err)
	}
	if _, err := load(os.DirFS(t.TempDir())); err == nil {
		t.Error("load of an empty folder: no error")
	}
}

func gzipBytes(t *testing.T, s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, s)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sharedData is ../shared/data beside the project's root.
const sharedData = "../../../shared/data"

// TestGeneratorDeterministic runs the generator twice and compares the
// output with itself and with the embedded tables, which must be up to
// date: after changing the generator, manual.tsv or the data, run
//
//	go run ./ingest/gazetteer/internal/build -data ../shared/data -o ingest/gazetteer/data
func TestGeneratorDeterministic(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedData, "geonames", "cities15000.txt")); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	var outs [2]string
	var errs [2]error
	var wg sync.WaitGroup
	for i := range outs {
		outs[i] = t.TempDir()
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = gen.Build(gen.Options{Data: sharedData, Manual: filepath.Join("data", gen.ManualFile), Out: outs[i]})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range gen.Files {
		a, b := readOut(t, outs[0], name), readOut(t, outs[1], name)
		if a != b {
			t.Errorf("%s differs between two runs", name)
		}
		if emb := tableText(t, name); a != emb {
			t.Errorf("data/%s is not what the generator makes now: rebuild the tables (see data/README.md)", name)
		}
	}
}

func readOut(t *testing.T, dir, name string) string {
	t.Helper()
	text, err := readTable(os.DirFS(dir), name)
	if err != nil {
		t.Fatal(err)
	}
	return text
}
