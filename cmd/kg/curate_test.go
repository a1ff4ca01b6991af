package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Two example articles name the same people in different forms; each is
// one node.
func TestOneNodePerPerson(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	mustKG(t, db, "ingest", "--date", "2015-11-20", "../../examples/jsonl/wire.jsonl", "../../examples/text/moscow-coalition-call.txt")
	es := entitiesJSON(t, db)
	for _, surname := range []string{"Putin", "Hollande", "Lavrov", "Assad", "Obama"} {
		var found []string
		for _, e := range es {
			if e.Type == "person" && strings.Contains(e.Name, surname) {
				found = append(found, e.Name)
			}
			for _, a := range e.Aliases {
				if e.Type != "person" && a.Name == surname {
					t.Errorf("%s is an alias of the %s %s", surname, e.Type, e.Name)
				}
			}
		}
		if len(found) != 1 {
			t.Errorf("%s: %d person nodes %q, want one", surname, len(found), found)
		}
	}
}

// A merge survives re-ingesting, and applies to new documents.
func TestMergeSurvivesReingest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	a := filepath.Join(t.TempDir(), "a.txt")
	b := filepath.Join(t.TempDir(), "b.txt")
	writeFile(t, a, "Talks were held\n\nOn Monday, Olezhek Smirnovich met Sergei Lavrov in Moscow.\n")
	writeFile(t, b, "More talks were held\n\nOleg Smirnovich met Sergei Lavrov in Sochi on Tuesday.\n")
	mustKG(t, db, "ingest", "--date", "2015-11-20", a)
	var res struct {
		Entity     string `json:"entity"`
		Reresolved int    `json:"reresolved"`
	}
	// Merge needs both present: ingest b, merge, re-ingest both.
	mustKG(t, db, "ingest", "--date", "2015-11-20", b)
	out := mustKG(t, db, "merge", "Oleg Smirnovich", "Olezhek Smirnovich", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Reresolved != 1 {
		t.Fatalf("merge: %s %v", out, err)
	}
	before := mustKG(t, db, "stats", "--json")
	mustKG(t, db, "ingest", "--date", "2015-11-20", a, b)
	if after := mustKG(t, db, "stats", "--json"); after != before {
		t.Errorf("re-ingest changed the store:\n%s\n%s", before, after)
	}
	c := filepath.Join(t.TempDir(), "c.txt")
	writeFile(t, c, "A speech was given\n\nOlezhek Smirnovich spoke in Kazan on Wednesday.\n")
	mustKG(t, db, "ingest", "--date", "2015-11-20", c)
	var e struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		Documents int    `json:"documents"`
	}
	if err := json.Unmarshal([]byte(mustKG(t, db, "show", "Olezhek Smirnovich", "--json")), &e); err != nil {
		t.Fatal(err)
	}
	if e.ID != res.Entity || e.Documents != 3 {
		t.Errorf("after a new document: %+v, want entity %s in 3 documents", e, res.Entity)
	}
	// The other curation commands run and say what they did.
	for _, args := range [][]string{
		{"rename", "Oleg Smirnovich", "Oleg V. Smirnovich"},
		{"retype", "Kazan", "organization"},
		{"alias", "add", "Oleg V. Smirnovich", "OVS"},
		{"split", "Oleg V. Smirnovich", "--alias", "Olezhek Smirnovich"},
	} {
		out := mustKG(t, db, args...)
		if !strings.Contains(out, "recorded:") {
			t.Errorf("kg %v: %q", args, out)
		}
	}
	if _, errs, code := kg(t, db, "", "alias", "move", "x", "y"); code == 0 || !strings.Contains(errs, "add or remove") {
		t.Errorf("bad alias op: %d %q", code, errs)
	}
}
