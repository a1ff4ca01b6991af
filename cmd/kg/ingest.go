package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"kg/ingest"
	"kg/ingest/extract"
	"kg/ingest/source"
	"kg/store"
)

type ingestOpts struct {
	emit      string
	date      string
	format    string
	workers   int
	batch     int
	quiet     bool
	noProgess bool
	memLimit  int
	entities  bool
	parser    string
}

func newIngestCmd(g *globals) *cobra.Command {
	o := &ingestOpts{}
	cmd := &cobra.Command{
		Use:         "ingest [flags] PATH...",
		Annotations: map[string]string{interruptible: "yes"},
		Short:       "Read articles and add what they say to the graph",
		Long: `ingest reads articles from files, folders (recursively, skipping hidden
files), standard input (-) or http(s) URLs of an article or a feed, extracts
entities, events and relations, and writes them to the store.

Formats by extension, or sniffed: .txt/.md (a short first line is the title),
.html/.htm (the article's main text and publication date), .json/.jsonl/.ndjson
(objects with text|body|content, title, date|published, url, id), .xml/.rss/.atom
feeds. Ingesting the same article twice adds nothing. A bad file or line is
reported and skipped; the rest is ingested and kg exits with status 1.`,
		Example: `  kg ingest --date 2015-11-20 examples/
  kg ingest --format jsonl - < articles.jsonl
  kg ingest https://example.org/world/rss.xml
  kg ingest --entities-only corpus/   # names and co-occurrences only, about twice as fast
  kg ingest --parser beam corpus/     # the more accurate parser, at about 85% of the speed
  kg ingest --emit-deltas part1.deltas.jsonl corpus/part1/   # extract here, load elsewhere with kg load`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), g, o, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.emit, "emit-deltas", "", "write what is extracted to this JSON Lines file (- for stdout) instead of the store, for kg load")
	cmd.Flags().StringVar(&o.date, "date", "", "publication date (YYYY-MM-DD) for documents that carry none")
	cmd.Flags().StringVar(&o.format, "format", "auto", "input format: auto, text, html, jsonl or rss")
	cmd.Flags().IntVar(&o.workers, "workers", 0, "extraction workers (default: the number of CPUs)")
	cmd.Flags().IntVar(&o.batch, "batch", 64, "documents per store transaction")
	cmd.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "print only problems, no summary")
	cmd.Flags().BoolVar(&o.noProgess, "no-progress", false, "no progress bar even on a terminal")
	cmd.Flags().IntVar(&o.memLimit, "memory-limit", defaultMemoryLimit, memoryLimitUsage)
	cmd.Flags().BoolVar(&o.entities, "entities-only", false, "extract only entities and their co-occurrence (no dates, syntax, events or relations): a first look at a large corpus, about twice as fast")
	cmd.Flags().StringVar(&o.parser, "parser", parserGreedy, parserUsage)
	return cmd
}

func runIngest(ctx context.Context, g *globals, o *ingestOpts, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	softMemoryLimit(o.memLimit)
	format, err := source.ParseFormat(o.format)
	if err != nil {
		return err
	}
	if err := checkParser(o.parser); err != nil {
		return err
	}
	var date time.Time
	if o.date != "" {
		date, err = time.Parse(time.DateOnly, o.date)
		if err != nil {
			return fmt.Errorf("--date %q: want YYYY-MM-DD", o.date)
		}
	}
	var sink ingest.Sink
	var deltas *ingest.DeltaFile
	if o.emit != "" {
		// Extraction only: the store is not opened.
		out := stdout
		if o.emit != "-" {
			f, err := os.Create(o.emit)
			if err != nil {
				return fmt.Errorf("--emit-deltas: %w", err)
			}
			defer f.Close()
			out = f
		}
		deltas = ingest.NewDeltaFile(out)
		sink = deltas
	} else {
		st, err := store.Open(g.db, store.Options{Verbose: g.verbose, MappedLimit: mappedLimit(o.memLimit)})
		if err != nil {
			return err
		}
		defer st.Close()
		sink = st
	}

	opts := ingest.Options{
		Workers:   o.workers,
		BatchSize: o.batch,
		Source:    source.Options{Format: format, DefaultDate: date, Stdin: stdin},
		Problem: func(p ingest.Problem) {
			if p.Warning {
				fmt.Fprintf(stderr, "kg: warning: %v\n", p.Err)
			} else {
				fmt.Fprintf(stderr, "kg: skipped: %v\n", p.Err)
			}
		},
	}
	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && !o.quiet && !o.noProgess && isatty.IsTerminal(f.Fd()) {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		opts.Progress = func(p ingest.Progress) { _ = bar.Set(p.Read) }
		problem := opts.Problem
		opts.Problem = func(p ingest.Problem) { _ = bar.Clear(); problem(p) }
	}
	// The models load after the store is open: a store killed while they
	// load is there, and whole.
	x := extract.New()
	x.EntitiesOnly = o.entities
	if x.Parser, err = loadParser("", o.parser, "", false); err != nil {
		return err
	}
	sum, err := ingest.Run(ctx, sink, x, args, opts)
	if deltas != nil {
		if ferr := deltas.Flush(); ferr != nil && err == nil {
			err = ferr
		}
	}
	if bar != nil {
		_ = bar.Finish()
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "kg: %d documents ingested, %d skipped as duplicates, %d failed; %d new entities, %d new events; %s of text in %s\n",
			sum.Ingested, sum.Duplicates, sum.Failed, sum.NewEntities, sum.NewEvents, byteSize(sum.Bytes), sum.Elapsed.Round(time.Millisecond))
	}
	if err != nil {
		return fmt.Errorf("ingest stopped: %w (every batch before the error is stored)", err)
	}
	if sum.Interrupted {
		return exitError{code: 130, msg: "interrupted: the documents read before the signal are stored; run the same command again to finish"}
	}
	if sum.Failed > 0 {
		return exitError{code: 1, msg: fmt.Sprintf("%d inputs could not be ingested (see above); the rest was stored", sum.Failed)}
	}
	return nil
}

// byteSize prints a size in B, KB, MB or GB (powers of 1000).
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000_000:
		return fmt.Sprintf("%.1f KB", float64(n)/1e3)
	case n < 1000_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
