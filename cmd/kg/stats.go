package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/spf13/cobra"
)

func newStatsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   "Count what the store holds",
		Example: "  kg stats\n  kg stats --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStats(g, cmd.OutOrStdout())
		},
	}
	addJSONFlag(cmd, g)
	return cmd
}

func runStats(g *globals, out io.Writer) error {
	st, r, err := openReader(g)
	if err != nil {
		return err
	}
	defer st.Close()
	defer r.Close()
	s, err := r.Stats()
	if err != nil {
		return err
	}
	if g.json {
		return writeJSON(out, s)
	}
	tw := newTable(out)
	fmt.Fprintf(tw, "store\t%s (schema %d)\n", st.Dir(), s.SchemaVersion)
	fmt.Fprintf(tw, "documents\t%d\n", s.Documents)
	fmt.Fprintf(tw, "entities\t%d\n", s.Entities)
	for _, k := range sortedKeys(s.EntitiesByKind) {
		fmt.Fprintf(tw, "  %s\t%d\n", k, s.EntitiesByKind[k])
	}
	fmt.Fprintf(tw, "mentions\t%d\n", s.Mentions)
	fmt.Fprintf(tw, "events\t%d\n", s.Events)
	for _, k := range sortedKeys(s.EventsByType) {
		fmt.Fprintf(tw, "  %s\t%d\n", k, s.EventsByType[k])
	}
	fmt.Fprintf(tw, "edges\t%d\n", s.Edges)
	for _, k := range sortedKeys(s.EdgesByType) {
		fmt.Fprintf(tw, "  %s\t%d\n", k, s.EdgesByType[k])
	}
	return tw.Flush()
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
