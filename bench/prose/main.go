// Command prose compares kg with prose (github.com/jdkato/prose/v2), the Go
// NLP library a Go developer would otherwise reach for, on the same
// Reuters-21578 text: prose's named-entity throughput (tokenizing, tagging
// and NER of each article) against kg's whole pipeline (extraction,
// resolution and the store) on the same articles. It is a module of its
// own, so that kg does not depend on prose.
//
//	cd bench/prose && go run . -data ../../../shared/data/reuters21578 -kg ../../bin/kg -n 300
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/jdkato/prose/v2"

	"kg/bench/reuters"
	"kg/ingest/text"
)

func main() {
	data := flag.String("data", "../../../shared/data/reuters21578", "Reuters-21578 folder")
	kg := flag.String("kg", "../../bin/kg", "the kg binary")
	n := flag.Int("n", 300, "articles to run prose on (it is slow: about 650 tokens/s)")
	flag.Parse()
	if err := run(*data, *kg, *n); err != nil {
		fmt.Fprintln(os.Stderr, "prose:", err)
		os.Exit(1)
	}
}

func run(data, kg string, n int) error {
	articles, err := reuters.Load(data)
	if err != nil {
		return err
	}
	if n > len(articles) {
		n = len(articles)
	}
	sample := articles[:n]
	tokens := 0
	for _, a := range sample {
		tokens += len(text.Tokenize(a.Text))
	}

	// prose: one document at a time, as its API works.
	start := time.Now()
	entities := 0
	for _, a := range sample {
		doc, err := prose.NewDocument(a.Text)
		if err != nil {
			return err
		}
		entities += len(doc.Entities())
	}
	proseTime := time.Since(start)

	// kg: the whole pipeline on the same articles, into a fresh store.
	dir, err := os.MkdirTemp("", "kg-prose-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	input := filepath.Join(dir, "sample.jsonl")
	var buf bytes.Buffer
	if _, err := reuters.WriteJSONL(&buf, sample, 1); err != nil {
		return err
	}
	if err := os.WriteFile(input, buf.Bytes(), 0o644); err != nil {
		return err
	}
	start = time.Now()
	cmd := exec.Command(kg, "--db", filepath.Join(dir, "kg.db"), "ingest", "--quiet", input)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("kg ingest: %w", err)
	}
	kgTime := time.Since(start)

	fmt.Printf("%d Reuters-21578 articles, %d tokens\n", n, tokens)
	fmt.Printf("prose v2 (tokenize, tag, NER):          %8.1f s  %9.0f tokens/s  (%d entities)\n", proseTime.Seconds(), float64(tokens)/proseTime.Seconds(), entities)
	fmt.Printf("kg ingest (whole pipeline and store):   %8.1f s  %9.0f tokens/s\n", kgTime.Seconds(), float64(tokens)/kgTime.Seconds())
	fmt.Printf("kg is %.0f times faster\n", proseTime.Seconds()/kgTime.Seconds())
	return nil
}
