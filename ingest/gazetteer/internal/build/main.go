// Command build regenerates the gazetteer tables of kg/ingest/gazetteer from
// shared/data:
//
//	go run ./ingest/gazetteer/internal/build -data ../shared/data -o ingest/gazetteer/data
//
// See ingest/gazetteer/data/README.md for the tables, sources and licences.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"kg/ingest/gazetteer/internal/gen"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("o", "ingest/gazetteer/data", "output folder")
	manual := flag.String("manual", "", "hand-written table (default: manual.tsv in the output folder)")
	quiet := flag.Bool("q", false, "do not print counts")
	flag.Parse()
	if *manual == "" {
		*manual = filepath.Join(*out, gen.ManualFile)
	}
	o := gen.Options{Data: *data, Manual: *manual, Out: *out, Log: os.Stderr}
	if *quiet {
		o.Log = nil
	}
	if err := gen.Build(o); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}
