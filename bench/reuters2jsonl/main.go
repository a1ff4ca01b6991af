// Command reuters2jsonl converts the Reuters-21578 SGML files into JSON
// Lines that `kg ingest` reads: one object per article with a body, with
// its id, title, date and text. With -replicate N it writes the corpus N
// times, each copy with rewritten ids, dates shifted by whole years and a
// marker line added to the text, so that no copy is a duplicate of another.
//
//	go run ./bench/reuters2jsonl -data ../shared/data/reuters21578 -o /tmp/reuters.jsonl
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
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
	files, err := filepath.Glob(filepath.Join(data, "reut2-*.sgm"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no reut2-*.sgm files in %s", data)
	}
	sort.Strings(files)
	var articles []Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		articles = append(articles, Parse(b)...)
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
	bw := bufio.NewWriterSize(w, 1<<20)
	n := 0
	for copyN := 0; copyN < max(replicate, 1); copyN++ {
		for _, a := range articles {
			line, err := a.JSON(copyN)
			if err != nil {
				return err
			}
			bw.Write(line)
			bw.WriteByte('\n')
			n++
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "reuters2jsonl: %d articles with a body, %d lines written\n", len(articles), n)
	return nil
}
