package ingest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kg/graph"
	"kg/ingest"
	"kg/ingest/extract"
	"kg/ingest/source"
	"kg/store"
)

var examples = filepath.Join("..", "examples")

// dump is the whole store as JSON, for comparing stores.
func dump(t *testing.T, dir string) string {
	t.Helper()
	st, err := store.Open(dir, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := st.Reader()
	defer r.Close()
	sub, _, err := r.Subgraph(store.SubgraphOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	if err := r.Documents(func(d *store.Document) error { docs = append(docs, d.ID+" "+d.Title); return nil }); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(struct {
		Sub  *graph.Subgraph
		Docs []string
	}{sub, docs})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func run(t *testing.T, dir string, paths []string, opts ingest.Options) ingest.Summary {
	t.Helper()
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts.Source.DefaultDate = time.Date(2015, 11, 20, 0, 0, 0, 0, time.UTC)
	sum, err := ingest.Run(context.Background(), st, extract.New(), paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// The store is the same whatever the number of workers and the batch size.
func TestDeterministic(t *testing.T) {
	var want string
	for _, o := range []ingest.Options{{Workers: 1, BatchSize: 64}, {Workers: 4, BatchSize: 1}, {Workers: 3, BatchSize: 5}} {
		dir := filepath.Join(t.TempDir(), "kg.db")
		sum := run(t, dir, []string{examples}, o)
		if sum.Ingested != 11 || sum.Failed != 0 || sum.Duplicates != 0 {
			t.Errorf("workers %d batch %d: %+v, want 11 ingested", o.Workers, o.BatchSize, sum)
		}
		got := dump(t, dir)
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("workers %d batch %d gave another store", o.Workers, o.BatchSize)
		}
	}
}

func TestProblemsAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"a.txt":       "Obama Meets Putin\n\nBarack Obama met Vladimir Putin in Antalya on Sunday.\n",
		"b.txt":       "Obama Meets Putin\n\nBarack Obama met Vladimir Putin in Antalya on Sunday.\n", // same text
		"empty.txt":   "",
		"lines.jsonl": `{"text":"Angela Merkel spoke in Berlin."}` + "\n" + `{"text": ` + "\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var problems []string
	sum := run(t, filepath.Join(dir, "kg.db"), []string{in}, ingest.Options{Problem: func(p ingest.Problem) {
		problems = append(problems, p.Err.Error())
	}})
	if sum.Ingested != 2 || sum.Duplicates != 1 || sum.Failed != 2 {
		t.Errorf("summary %+v, want 2 ingested, 1 duplicate, 2 failed", sum)
	}
	joined := strings.Join(problems, "\n")
	if !strings.Contains(joined, "empty.txt") || !strings.Contains(joined, "lines.jsonl:2") {
		t.Errorf("problems:\n%s", joined)
	}
}

type panicky struct{}

func (panicky) Extract(d graph.Document) (*graph.Delta, error) {
	if strings.Contains(d.Text, "boom") {
		panic("boom")
	}
	if strings.Contains(d.Text, "fail") {
		return nil, errors.New("cannot")
	}
	return &graph.Delta{Document: d}, nil
}

// A panic or an error in an extractor fails that document, not the run.
func TestExtractorFailures(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(p, []byte(`{"text":"fine one"}`+"\n"+`{"text":"boom"}`+"\n"+`{"text":"fail"}`+"\n"+`{"text":"fine two"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "kg.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var problems []string
	sum, err := ingest.Run(context.Background(), st, panicky{}, []string{p}, ingest.Options{Workers: 2,
		Problem: func(p ingest.Problem) { problems = append(problems, p.Err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 2 || sum.Failed != 2 {
		t.Errorf("summary %+v", sum)
	}
	if len(problems) != 2 || !strings.Contains(problems[0], "internal error") || !strings.Contains(problems[1], "cannot") {
		t.Errorf("problems %q", problems)
	}
}

// A cancelled run stops early and stores whole batches only.
func TestCancel(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "kg.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sum, err := ingest.Run(ctx, st, extract.New(), []string{examples}, ingest.Options{Source: source.Options{}})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted {
		t.Errorf("summary %+v: not marked interrupted", sum)
	}
}

// recordingSink keeps the batches it is given (the slices themselves, so a
// pipeline that reused a batch's array after handing it over would show
// here) and fails on batch failAt (from 1; 0 never).
type recordingSink struct {
	batches [][]*graph.Delta
	failAt  int
}

var errSinkFull = errors.New("sink: disk full")

func (s *recordingSink) Apply(deltas []*graph.Delta) ([]store.Result, error) {
	s.batches = append(s.batches, deltas)
	if len(s.batches) == s.failAt {
		return nil, errSinkFull
	}
	res := make([]store.Result, len(deltas))
	for i, d := range deltas {
		res[i].Document = d.Document.ID
	}
	return res, nil
}

func jsonlDocs(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"doc-%d","text":"Report number %d from Paris."}`+"\n", i, i)
	}
	p := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The writer stores batches while the next ones are extracted: they still
// arrive in input order, each whole and untouched after it is handed over.
func TestBatchesInOrder(t *testing.T) {
	p := jsonlDocs(t, 50)
	sink := &recordingSink{}
	var progress []int
	sum, err := ingest.Run(context.Background(), sink, extract.New(), []string{p}, ingest.Options{Workers: 3, BatchSize: 7,
		Progress: func(pr ingest.Progress) { progress = append(progress, pr.Ingested) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ingested != 50 || len(sink.batches) != 8 {
		t.Fatalf("summary %+v in %d batches, want 50 documents in 8", sum, len(sink.batches))
	}
	var titles []string
	for _, b := range sink.batches {
		for _, d := range b {
			titles = append(titles, d.Document.Text)
		}
	}
	for i, text := range titles {
		if want := fmt.Sprintf("Report number %d from Paris.", i); text != want {
			t.Fatalf("document %d stored is %q, want %q", i, text, want)
		}
	}
	if len(progress) != 8 || progress[7] != 50 {
		t.Errorf("progress after each batch: %v", progress)
	}
}

// A batch the sink cannot store ends the run with its error, after the
// batches before it; nothing hangs.
func TestSinkFailure(t *testing.T) {
	p := jsonlDocs(t, 100)
	sink := &recordingSink{failAt: 2}
	sum, err := ingest.Run(context.Background(), sink, extract.New(), []string{p}, ingest.Options{Workers: 2, BatchSize: 10})
	if !errors.Is(err, errSinkFull) {
		t.Fatalf("error %v, want %v", err, errSinkFull)
	}
	if sum.Ingested != 10 {
		t.Errorf("summary %+v, want the first batch of 10 ingested", sum)
	}
	if len(sink.batches) != 2 {
		t.Errorf("the sink got %d batches, want none after the failure", len(sink.batches))
	}
}
