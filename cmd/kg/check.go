package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"kg/store"
)

func newCheckCmd(g *globals) *cobra.Command {
	var repair bool
	cmd := &cobra.Command{
		Use:   "check [--repair]",
		Short: "Verify the store: every derived record is what its documents contributed",
		Long: `check replays what every stored document contributed, in ingest order, and
compares the result with the store: entities and their counts and aliases,
events and their participants, edge weights, mentions, and every index (names,
dates, adjacency both ways, surnames). It also checks that every edge's ends
exist and that the store's schema version is the one this kg reads. Problems
are listed and kg exits with status 1.

--repair rebuilds every derived record and index from the documents. It needs
the store writable (no other kg process using it); if it is interrupted, run
it again.`,
		Example: "  kg check\n  kg check --repair\n  kg check --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(g, repair, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&repair, "repair", false, "rebuild derived records and indexes from the documents")
	addJSONFlag(cmd, g)
	return cmd
}

func runCheck(g *globals, repair bool, out io.Writer) error {
	st, err := store.Open(g.db, store.Options{ReadOnly: !repair, Verbose: g.verbose})
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.Check(repair)
	if err != nil {
		return err
	}
	if g.json {
		if err := writeJSON(out, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "store %s, schema %d: %d documents, %d entities, %d events, %d edges\n",
			st.Dir(), rep.SchemaVersion, rep.Documents, rep.Entities, rep.Events, rep.Edges)
		for _, p := range rep.Examples {
			fmt.Fprintf(out, "  %s %s", p.What, p.Key)
			if p.Detail != "" {
				fmt.Fprintf(out, ": %s", p.Detail)
			}
			fmt.Fprintln(out)
		}
		if rep.Problems > len(rep.Examples) {
			fmt.Fprintf(out, "  ... and %d more\n", rep.Problems-len(rep.Examples))
		}
		switch {
		case rep.OK():
			fmt.Fprintln(out, "ok: every record agrees with the documents")
		case rep.Repaired:
			fmt.Fprintf(out, "repaired: %d problems; derived records rebuilt from the documents\n", rep.Problems)
		default:
			fmt.Fprintf(out, "%d problems: run kg check --repair to rebuild from the documents\n", rep.Problems)
		}
	}
	if !rep.OK() && !rep.Repaired {
		return exitError{code: 1}
	}
	return nil
}
