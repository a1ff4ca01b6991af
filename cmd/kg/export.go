package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/graph/export"
	"kg/store"
)

type exportOpts struct {
	format   string
	center   []string
	depth    int
	from, to string
	output   string
	noCooc   bool
}

func newExportCmd(g *globals) *cobra.Command {
	o := &exportOpts{}
	cmd := &cobra.Command{
		Use:   "export --format dot|json [flags]",
		Short: "Write the graph, or part of it, for other tools",
		Long: `export writes the whole graph, or the neighborhood of --center entities, or
the events of a date range with their participants, in DOT (graphviz) or JSON
(node-link). Edges whose ends are both in the selection are written.`,
		Example: `  kg export --format dot -o graph.dot && dot -Tsvg graph.dot -o graph.svg
  kg export --format dot --center Putin --depth 2 -o putin.dot
  kg export --format json --from 2015-11-01 --to 2015-11-30`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(g, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "dot", "output format: dot or json")
	cmd.Flags().StringArrayVar(&o.center, "center", nil, "export only the neighborhood of this entity (repeatable)")
	cmd.Flags().IntVar(&o.depth, "depth", 1, "hops from --center")
	cmd.Flags().StringVar(&o.from, "from", "", "only events on or after this date")
	cmd.Flags().StringVar(&o.to, "to", "", "only events on or before this date")
	cmd.Flags().BoolVar(&o.noCooc, "no-cooccurrence", false, "leave out CO_OCCURS_WITH edges")
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write to this file instead of stdout")
	return cmd
}

func runExport(g *globals, o *exportOpts, out, errw io.Writer) error {
	var encode func(io.Writer, *graph.Subgraph) error
	switch o.format {
	case "dot":
		encode = func(w io.Writer, in *graph.Subgraph) error { return export.DOT(w, in) }
	case "json":
		encode = func(w io.Writer, in *graph.Subgraph) error { return writeJSON(w, in) }
	default:
		return fmt.Errorf("--format %q: want dot or json", o.format)
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
	opts := store.SubgraphOptions{Depth: o.depth, From: o.from, To: o.to, NoCooccurrence: o.noCooc}
	for _, name := range o.center {
		e, err := findEntity(r, name, errw)
		if err != nil {
			return err
		}
		opts.Center = append(opts.Center, e.ID)
	}
	sub, _, err := r.Subgraph(opts)
	if err != nil {
		return err
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
	bw := bufio.NewWriter(w)
	if err := encode(bw, sub); err != nil {
		if f != nil {
			f.Close()
		}
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(errw, "kg: wrote %d entities, %d events, %d edges to %s\n", len(sub.Entities), len(sub.Events), len(sub.Edges), o.output)
	}
	return nil
}
