package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"kg/graph"
	"kg/store"
)

// globals are the flags every command shares.
type globals struct {
	db      string
	verbose bool
	json    bool
}

func defaultDB() string {
	if d := os.Getenv("KG_DB"); d != "" {
		return d
	}
	return "kg.db"
}

func newRootCmd() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "kg",
		Short: "Turn news articles into a knowledge graph you can question",
		Long: `kg reads news articles, finds the people, organizations, places and dated
events in them, resolves every name to one node, keeps the sentence behind
every fact, and stores the graph in an embedded store (--db, default $KG_DB
or ./kg.db). Query it from the command line, or export it for other tools.`,
		Example: `  kg ingest --date 2015-11-20 examples/
  kg entities --type person --limit 10
  kg show Putin
  kg events --from 2015-09-01 --to 2015-11-30 --type attack
  kg neighbors "Islamic State" --depth 2
  kg export --format dot --center Putin --depth 1 -o putin.dot`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&g.db, "db", defaultDB(), "store directory (default $KG_DB, else ./kg.db)")
	root.PersistentFlags().BoolVarP(&g.verbose, "verbose", "v", false, "log what the store does to stderr")
	prof := &profiler{}
	prof.flags(root)
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if cmd.Annotations[interruptible] == "" && restoreSignals != nil {
			restoreSignals()
		}
		return prof.start()
	}
	root.PersistentPostRunE = func(*cobra.Command, []string) error { return prof.stop() }
	root.AddCommand(
		newIngestCmd(g),
		newLoadCmd(g),
		newEntitiesCmd(g),
		newShowCmd(g),
		newEventsCmd(g),
		newNeighborsCmd(g),
		newExportCmd(g),
		newStatsCmd(g),
		newMergeCmd(g),
		newSplitCmd(g),
		newRenameCmd(g),
		newRetypeCmd(g),
		newAliasCmd(g),
		newCheckCmd(g),
		newQueryCmd(g),
		newPathCmd(g),
		newRankCmd(g),
		newCommunitiesCmd(g),
		newTimelineCmd(g),
		newParseCmd(g),
		newServeCmd(g),
	)
	// Model tools appear only once a model registers a subcommand.
	for _, t := range []struct {
		subs []func(*globals) *cobra.Command
		make func(*globals) *cobra.Command
	}{{tagCmds, newTagCmd}, {evalCmds, newEvalCmd}, {trainCmds, newTrainCmd}} {
		if len(t.subs) > 0 {
			root.AddCommand(t.make(g))
		}
	}
	return root
}

// addJSONFlag gives a query command its --json flag.
func addJSONFlag(cmd *cobra.Command, g *globals) {
	cmd.Flags().BoolVar(&g.json, "json", false, "print JSON only, on stdout")
}

// openReader opens the store read-only and starts a snapshot.
func openReader(g *globals) (*store.Store, *store.Reader, error) {
	st, err := store.Open(g.db, store.Options{ReadOnly: true, Verbose: g.verbose})
	if err != nil {
		return nil, nil, err
	}
	return st, st.Reader(), nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 2, 4, 2, ' ', 0) }

// findEntity resolves a name or id to one entity; an ambiguous name picks the
// most mentioned and says so.
func findEntity(r *store.Reader, name string, stderr io.Writer) (*graph.Entity, error) {
	es, err := r.FindEntities(name)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("no entity named %q: try `kg entities` to list them", name)
	}
	if len(es) > 1 && stderr != nil {
		var others []string
		for _, e := range es[1:min(len(es), 4)] {
			others = append(others, fmt.Sprintf("%s (%s, %s)", e.Name, e.Kind, e.ID))
		}
		fmt.Fprintf(stderr, "kg: %q matches %d entities; using %s (%s, %s); others: %s\n",
			name, len(es), es[0].Name, es[0].Kind, es[0].ID, strings.Join(others, ", "))
	}
	return es[0], nil
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
