// Command reuters2jsonl converts the Reuters-21578 SGML files into JSON
// Lines that `kg ingest` reads: one object per article with a body, with
// its id, title, date and text. With -replicate N it writes the corpus N
// times, each copy with rewritten ids, dates shifted by whole years and a
// marker line added to the text, so that no copy is a duplicate of another.
//
//	go run ./bench/reuters2jsonl -data ../shared/data/reuters21578 -o /tmp/reuters.jsonl
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"kg/bench/reuters"
)

func main() {
	data := flag.String("data", "../shared/data/reuters21578", "folder holding reut2-*.sgm")
	out := flag.String("o", "-", "output file (- for standard output)")
	replicate := flag.Int("replicate", 1, "write the corpus this many times, each copy distinct")
	flag.Parse()
	if err := run(*data, *out, *replicate); err != nil {
		fmt.Fprintln(os.Stderr, "reuters2jsonl:", err)
		os.Exit(1)
	}
}

func run(data, out string, replicate int) error {
	articles, err := reuters.Load(data)
	if err != nil {
		return err
	}
	var w io.Writer = os.Stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	n, err := reuters.WriteJSONL(w, articles, replicate)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "reuters2jsonl: %d articles with a body, %d lines written\n", len(articles), n)
	return nil
}
