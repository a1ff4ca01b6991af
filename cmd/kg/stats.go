package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kg/store"
)

func newStatsCmd(g *globals) *cobra.Command {
	var quality bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count what the store holds",
		Long: `stats counts documents, entities, mentions, events and edges. With --quality it
also measures entity resolution: person nodes named by a lone surname of another
person in the same document (near zero is right), places without a GeoNames
link, and the entities with the largest alias sets.`,
		Example: "  kg stats\n  kg stats --quality --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStats(g, quality, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&quality, "quality", false, "also measure entity resolution")
	addJSONFlag(cmd, g)
	return cmd
}

func runStats(g *globals, quality bool, out io.Writer) error {
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
	var q *store.Quality
	if quality {
		if q, err = r.Quality(); err != nil {
			return err
		}
	}
	if g.json {
		if q != nil {
			return writeJSON(out, struct {
				*store.Stats
				Quality *store.Quality `json:"quality"`
			}{s, q})
		}
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
	if err := tw.Flush(); err != nil {
		return err
	}
	if q != nil {
		printQuality(out, q)
	}
	return nil
}

func printQuality(out io.Writer, q *store.Quality) {
	fmt.Fprintf(out, "\nresolution quality:\n")
	fmt.Fprintf(out, "  lone surnames beside their full name in a document: %d", q.SurnameDuplicates)
	if len(q.SurnameExamples) > 0 {
		fmt.Fprintf(out, " (%s)", strings.Join(q.SurnameExamples, "; "))
	}
	fmt.Fprintf(out, "\n  places without a GeoNames link: %d of %d", q.UnlinkedPlaces, q.Places)
	if len(q.UnlinkedSamples) > 0 {
		fmt.Fprintf(out, " (%s)", strings.Join(q.UnlinkedSamples, ", "))
	}
	fmt.Fprintf(out, "\n  largest alias sets:\n")
	for _, a := range q.LargestAliasSets {
		fmt.Fprintf(out, "    %s (%s): %s\n", a.Name, a.Type, truncate(strings.Join(a.Aliases, ", "), 100))
	}
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
