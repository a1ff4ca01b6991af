package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kg/graph"
	"kg/ingest"
	"kg/ingest/extract"
	"kg/ingest/source"
	"kg/store"
)

// xssArticle is an article that tries to run script in the explorer.
const xssArticle = `<img src=x onerror="window.pwned=3"> Kremlin notes
MOSCOW - Vladimir Putin met officials in Moscow on Nov. 19 <script>window.pwned=1</script> to discuss the airstrikes.
Putin said the <img src=x onerror="window.pwned=2"> talks went well, and <b onmouseover="window.pwned=4">nothing</b> else.
`

var fixtures struct {
	once     sync.Once
	root     string
	examples string // store of examples/ plus xssArticle
	large    string // synthetic store with a 500-node neighbourhood
	err      error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtures.root != "" {
		os.RemoveAll(fixtures.root)
	}
	os.Exit(code)
}

// stores builds the test stores once per run.
func stores(t testing.TB) (examples, large string) {
	t.Helper()
	fixtures.once.Do(func() {
		fixtures.root, fixtures.err = os.MkdirTemp("", "kg-web-test-")
		if fixtures.err != nil {
			return
		}
		fixtures.examples, fixtures.err = buildExamples(fixtures.root)
		if fixtures.err != nil {
			return
		}
		fixtures.large, fixtures.err = buildLarge(filepath.Join(fixtures.root, "large.db"), 10, 40)
	})
	if fixtures.err != nil {
		t.Fatal(fixtures.err)
	}
	return fixtures.examples, fixtures.large
}

// buildExamples ingests examples/ and the script payload with the real pipeline.
func buildExamples(root string) (string, error) {
	xss := filepath.Join(root, "kremlin-notes.txt")
	if err := os.WriteFile(xss, []byte(xssArticle), 0o644); err != nil {
		return "", err
	}
	dir := filepath.Join(root, "examples.db")
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return "", err
	}
	defer st.Close()
	sum, err := ingest.Run(context.Background(), st, extract.New(), []string{"../examples", xss},
		ingest.Options{Workers: 2, Source: source.Options{DefaultDate: time.Date(2015, 11, 20, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		return "", err
	}
	if sum.Ingested < 10 || sum.Failed > 0 {
		return "", fmt.Errorf("ingest of the examples: %+v", sum)
	}
	return dir, st.Close()
}

// buildLarge writes a synthetic store: one person ("Alpha Center") meets
// docs*per others (people, organizations and places in turn), each meeting
// a dated event, so that the center's neighbourhood has 2*docs*per+1 nodes.
func buildLarge(dir string, docs, per int) (string, error) {
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return "", err
	}
	defer st.Close()
	kinds := []graph.Kind{graph.Person, graph.Organization, graph.Place}
	center := "Alpha Center"
	var deltas []*graph.Delta
	for d := 0; d < docs; d++ {
		var b strings.Builder
		delta := &graph.Delta{}
		cid := graph.EntityID(graph.Person, graph.NameKey(center))
		delta.Entities = append(delta.Entities, graph.DeltaEntity{ID: cid, Kind: graph.Person, Key: graph.NameKey(center), Name: center})
		for j := 0; j < per; j++ {
			n := d*per + j
			kind := kinds[n%3]
			name := fmt.Sprintf("Node%03d %s", n, strings.ToUpper(string(kind[:1]))+string(kind[1:]))
			date := fmt.Sprintf("2015-%02d-%02d", 1+n%12, 1+n%28)
			start := b.Len()
			sentence := fmt.Sprintf("%s met %s on %s.", center, name, date)
			b.WriteString(sentence)
			b.WriteString(" ")
			sp := graph.Span{Start: start, End: start + len(sentence)}
			delta.Sentences = append(delta.Sentences, sp)
			id := graph.EntityID(kind, graph.NameKey(name))
			delta.Entities = append(delta.Entities, graph.DeltaEntity{ID: id, Kind: kind, Key: graph.NameKey(name), Name: name})
			ns := start + len(center) + len(" met ")
			delta.Mentions = append(delta.Mentions,
				graph.Mention{Entity: cid, Sentence: j, Start: start, End: start + len(center), Text: center},
				graph.Mention{Entity: id, Sentence: j, Start: ns, End: ns + len(name), Text: name})
			ev := graph.Evidence{Sentence: j, Start: sp.Start, End: sp.End}
			delta.Events = append(delta.Events, graph.DeltaEvent{Type: "meeting", CAMEO: "036", Label: center + " met " + name, Date: date,
				Participants: []graph.DeltaParticipant{{Entity: cid, Role: graph.RoleAgent}, {Entity: id, Role: graph.RoleTarget}}, Evidence: []graph.Evidence{ev}})
			delta.Relations = append(delta.Relations, graph.DeltaRelation{From: cid, To: id, Type: graph.CoOccursWith, Weight: 1, Evidence: []graph.Evidence{ev}})
		}
		text := b.String()
		delta.Document = graph.Document{ID: graph.DocumentID(text), Title: fmt.Sprintf("Meetings %d", d), Text: text,
			Published: time.Date(2015, 12, 1+d, 0, 0, 0, 0, time.UTC), Source: fmt.Sprintf("synthetic-%d", d)}
		for i := range delta.Events {
			delta.Events[i].Evidence[0].Document = delta.Document.ID
		}
		for i := range delta.Relations {
			delta.Relations[i].Evidence[0].Document = delta.Document.ID
		}
		deltas = append(deltas, delta)
	}
	if _, err := st.Apply(deltas); err != nil {
		return "", err
	}
	return dir, st.Close()
}

// newTestServer serves a store on a loopback httptest server.
func newTestServer(t testing.TB, db string, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	opts.DB = db
	opts.Loopback = true
	if opts.IdleClose == 0 {
		opts.IdleClose = -1
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		hs.Close()
		s.Close()
	})
	return s, hs
}
