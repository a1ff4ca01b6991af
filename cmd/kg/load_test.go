package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"kg/graph"
)

// Two halves of a corpus extracted apart (kg ingest --emit-deltas) and
// loaded together (kg load, files in any order) give the store of one
// whole ingest of the corpus in the canonical order.
func TestSplitIngestAndLoad(t *testing.T) {
	b, err := os.ReadFile(bigInput(t, 60))
	if err != nil {
		t.Fatal(err)
	}
	type rec struct {
		line string
		date time.Time
		id   string
	}
	var recs []rec
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r struct {
			Date, Text string
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		d, _ := time.Parse(time.DateOnly, r.Date)
		recs = append(recs, rec{line, d, graph.DocumentID(r.Text)})
	}
	// The canonical order: publication date, then document id.
	sort.Slice(recs, func(i, j int) bool {
		if !recs[i].date.Equal(recs[j].date) {
			return recs[i].date.Before(recs[j].date)
		}
		return recs[i].id < recs[j].id
	})
	dir := t.TempDir()
	write := func(name string, keep func(i int) bool) string {
		var lines []string
		for i, r := range recs {
			if keep(i) {
				lines = append(lines, r.line)
			}
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	whole := write("whole.jsonl", func(int) bool { return true })
	odd := write("odd.jsonl", func(i int) bool { return i%2 == 1 })
	even := write("even.jsonl", func(i int) bool { return i%2 == 0 })

	wholeDB := filepath.Join(dir, "whole.db")
	mustKG(t, wholeDB, "ingest", whole)
	want := mustKG(t, wholeDB, "export", "--format", "json")

	oddDeltas, evenDeltas := filepath.Join(dir, "odd.deltas.jsonl"), filepath.Join(dir, "even.deltas.jsonl")
	mustKG(t, filepath.Join(dir, "unused.db"), "ingest", "--emit-deltas", oddDeltas, odd)
	mustKG(t, filepath.Join(dir, "unused.db"), "ingest", "--emit-deltas", evenDeltas, even)
	if _, err := os.Stat(filepath.Join(dir, "unused.db")); !os.IsNotExist(err) {
		t.Error("ingest --emit-deltas opened a store")
	}
	for i, order := range [][]string{{oddDeltas, evenDeltas}, {evenDeltas, oddDeltas}} {
		db := filepath.Join(dir, "loaded"+string(rune('a'+i))+".db")
		mustKG(t, db, append([]string{"load"}, order...)...)
		if got := mustKG(t, db, "export", "--format", "json"); got != want {
			t.Errorf("load %v gives another store than the whole ingest", order)
		}
		mustKG(t, db, "check")
	}

	// A broken line is reported with its place; the rest loads.
	broken := filepath.Join(dir, "broken.deltas.jsonl")
	data, _ := os.ReadFile(oddDeltas)
	if err := os.WriteFile(broken, append([]byte("{not json\n"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := kg(t, filepath.Join(dir, "broken.db"), "", "load", broken)
	if code != 1 || !strings.Contains(errs, "broken.deltas.jsonl:1") || !strings.Contains(errs, "30 documents loaded") {
		t.Errorf("load of a broken file: exit %d, %q", code, errs)
	}
}
