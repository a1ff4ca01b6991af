package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"kg/graph"
	"kg/graph/export/exporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sample() *graph.Subgraph {
	russia := &graph.Entity{ID: graph.EntityID(graph.Place, "geonames:2017370"), Kind: graph.Place, Name: "Russia", Attrs: map[string]string{"country": "RU"}}
	syria := &graph.Entity{ID: graph.EntityID(graph.Place, "geonames:163843"), Kind: graph.Place, Name: "Syria", Attrs: map[string]string{"country": "SY"}}
	putin := &graph.Entity{ID: graph.EntityID(graph.Person, "vladimir putin"), Kind: graph.Person, Name: `Vladimir "V." Putin`}
	isis := &graph.Entity{ID: graph.EntityID(graph.Organization, "org:islamic-state"), Kind: graph.Organization, Name: "Islamic State"}
	ev := &graph.Event{ID: graph.EventID("attack", "2015-09-30", russia.ID), Type: "attack", Label: "Russia airstrikes in Syria", Date: "2015-09-30",
		Place: &graph.Ref{ID: syria.ID, Name: "Syria"}}
	return &graph.Subgraph{
		Entities: []*graph.Entity{russia, syria, putin, isis},
		Events:   []*graph.Event{ev},
		Edges: []graph.Edge{
			{From: russia.ID, To: ev.ID, Type: graph.ParticipantIn, Qualifier: "agent", Weight: 1},
			{From: isis.ID, To: ev.ID, Type: graph.ParticipantIn, Qualifier: "target", Weight: 1},
			{From: ev.ID, To: syria.ID, Type: graph.OccurredIn, Weight: 1},
			{From: putin.ID, To: russia.ID, Type: graph.CoOccursWith, Weight: 7},
			{From: putin.ID, To: russia.ID, Type: graph.RelatedTo, Qualifier: "president_of", Weight: 2},
			{From: putin.ID, To: "0000000000000000", Type: graph.CoOccursWith, Weight: 1}, // an end outside: left out
		},
	}
}

func TestDOTGolden(t *testing.T) {
	var b bytes.Buffer
	if err := DOT(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.dot")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("DOT differs from %s (run go test -update to accept):\n%s", golden, b.String())
	}

	// It parses back with gonum's decoder, every node and line kept, and
	// graphviz renders it.
	g := exporttest.DOT(t, b.Bytes())
	if n := len(g.ByID); n != 5 {
		t.Errorf("%d nodes parsed back, want 5", n)
	}
	if n := len(g.AllLines); n != 5 {
		t.Errorf("%d lines parsed back, want 5", n)
	}
}

func TestDOTEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := DOT(&b, &graph.Subgraph{}); err != nil {
		t.Fatal(err)
	}
	exporttest.DOT(t, b.Bytes())
}
