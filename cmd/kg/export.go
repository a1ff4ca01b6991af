package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/graph/export"
	"kg/store"
)

type exportOpts struct {
	format    string
	center    []string
	depth     int
	from, to  string
	output    string
	noCooc    bool
	documents bool
}

func newExportCmd(g *globals) *cobra.Command {
	o := &exportOpts{}
	cmd := &cobra.Command{
		Use:   "export --format dot|graphml|json|nquads|csv|gdelt [flags]",
		Short: "Write the graph, or part of it, for other tools",
		Long: `export writes the whole graph, or the neighborhood of --center entities, or
the events of a date range with their participants, for other tools:

  dot      graphviz (dot -Tsvg); Gephi reads it too
  graphml  Gephi, yEd, networkx: typed node and edge attributes
  json     node-link JSON (d3, networkx) with every property and evidence
  nquads   RDF N-Quads in schema.org terms, one named graph per source document
  csv      node and relationship files for neo4j-admin database import;
           -o names the folder to write them in (created if needed)
  gdelt    events as tab-separated rows of the GDELT 2.0 event table (61 columns)

Edges whose ends are both in the selection are written. --documents adds the
documents as nodes, with MENTIONED_IN edges (dot, graphml, json, csv; N-Quads
always describe documents). Exports stream: a whole store is written in
bounded memory.`,
		Example: `  kg export --format dot -o graph.dot && dot -Tsvg graph.dot -o graph.svg
  kg export --format dot --center Putin --depth 2 -o putin.dot
  kg export --format graphml -o graph.graphml
  kg export --format json --from 2015-11-01 --to 2015-11-30
  kg export --format nquads -o graph.nq
  kg export --format csv --documents -o neo4j-import/
  kg export --format gdelt -o events.tsv
  kg export --format dgraph-schema -o kg.schema`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(g, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "dot", "output format: "+strings.Join(export.Formats, ", ")+", or dgraph-schema (the Dgraph schema of the nquads)")
	cmd.Flags().StringArrayVar(&o.center, "center", nil, "export only the neighborhood of this entity (repeatable)")
	cmd.Flags().IntVar(&o.depth, "depth", 1, "hops from --center")
	cmd.Flags().StringVar(&o.from, "from", "", "only events on or after this date")
	cmd.Flags().StringVar(&o.to, "to", "", "only events on or before this date")
	cmd.Flags().BoolVar(&o.noCooc, "no-cooccurrence", false, "leave out CO_OCCURS_WITH edges")
	cmd.Flags().BoolVar(&o.documents, "documents", false, "also write documents and MENTIONED_IN edges")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file (csv: this folder) instead of stdout")
	return cmd
}

func runExport(g *globals, o *exportOpts, out, errw io.Writer) error {
	known := false
	for _, f := range export.Formats {
		known = known || f == o.format || o.format == "dgraph-schema"
	}
	if !known {
		return fmt.Errorf("--format %q: want one of %s", o.format, strings.Join(export.Formats, ", "))
	}
	if o.format == "dgraph-schema" {
		return runDgraphSchema(g, o, out)
	}
	if o.format == "csv" && (o.output == "" || o.output == "-") {
		return errors.New("--format csv writes several files: name a folder with -o DIR")
	}
	for _, d := range []struct{ flag, v string }{{"--from", o.from}, {"--to", o.to}} {
		if d.v != "" && !datePattern.MatchString(d.v) {
			return fmt.Errorf("%s %q: want YYYY, YYYY-MM or YYYY-MM-DD", d.flag, d.v)
		}
	}
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	sel := store.SubgraphOptions{Depth: o.depth, From: o.from, To: o.to, NoCooccurrence: o.noCooc}
	for _, name := range o.center {
		e, err := findEntity(r, name, errw)
		if err != nil {
			return err
		}
		sel.Center = append(sel.Center, e.ID)
	}
	selection, err := r.Select(sel)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	src := &countingSource{Source: r.Stream(selection, o.noCooc)}
	opts := export.Options{Documents: o.documents}

	if o.format == "csv" {
		if fi, err := os.Stat(o.output); err == nil && !fi.IsDir() {
			return fmt.Errorf("export: %s is a file: csv writes a folder of files", o.output)
		}
		if err := os.MkdirAll(o.output, 0o755); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		files, err := export.WriteCSV(func(name string) (io.WriteCloser, error) {
			return os.Create(filepath.Join(o.output, name))
		}, src, opts)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(errw, "kg: wrote %s to %s\n", src.summary(), o.output)
		fmt.Fprintf(errw, "kg: load into Neo4j with\n  %s\n", neo4jImportCommand(o.output, files))
		return nil
	}

	w := out
	var f *os.File
	if o.output != "" && o.output != "-" {
		f, err = os.Create(o.output)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		w = f
	}
	if err := export.Write(w, o.format, src, opts); err != nil {
		if f != nil {
			f.Close()
			os.Remove(o.output) // no half-written file
		}
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(errw, "kg: wrote %s to %s\n", src.summary(), o.output)
	}
	return nil
}

// neo4jImportCommand is the neo4j-admin command that loads a CSV export.
func neo4jImportCommand(dir string, files []string) string {
	args := []string{"neo4j-admin database import full neo4j"}
	for _, f := range files {
		flag := "--relationships="
		for _, n := range export.CSVNodeFiles {
			if n == f {
				flag = "--nodes="
			}
		}
		args = append(args, flag+filepath.Join(dir, f))
	}
	return strings.Join(args, " \\\n    ")
}

// countingSource counts what an encoder reads, for the closing summary.
// Encoders that read the entities twice (GraphML, CSV) count them once.
type countingSource struct {
	export.Source
	entities, events, edges, documents, mentions int
}

func (c *countingSource) Entities(fn func(*graph.Entity) error) error {
	c.entities = 0
	return c.Source.Entities(func(e *graph.Entity) error { c.entities++; return fn(e) })
}

func (c *countingSource) Events(fn func(*graph.Event) error) error {
	return c.Source.Events(func(e *graph.Event) error { c.events++; return fn(e) })
}

func (c *countingSource) Edges(fn func(*graph.Edge) error) error {
	return c.Source.Edges(func(e *graph.Edge) error { c.edges++; return fn(e) })
}

func (c *countingSource) Documents(fn func(*graph.Document) error) error {
	return c.Source.Documents(func(d *graph.Document) error { c.documents++; return fn(d) })
}

func (c *countingSource) Mentions(fn func(node, doc, date string, ms []graph.Mention) error) error {
	return c.Source.Mentions(func(node, doc, date string, ms []graph.Mention) error {
		c.mentions++
		return fn(node, doc, date, ms)
	})
}

func (c *countingSource) summary() string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{c.entities, "entities"}, {c.events, "events"}, {c.edges, "edges"}, {c.documents, "documents"}, {c.mentions, "MENTIONED_IN edges"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// runDgraphSchema writes the Dgraph schema of the N-Quads export, with the
// RELATED_TO predicates the store holds.
func runDgraphSchema(g *globals, o *exportOpts, out io.Writer) error {
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	preds, err := r.RelatedPredicates()
	if err != nil {
		return err
	}
	w := out
	if o.output != "" && o.output != "-" {
		f, err := os.Create(o.output)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer f.Close()
		w = f
	}
	return export.DgraphSchema(w, preds)
}
