package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"kg/ingest"
	"kg/store"
)

func newLoadCmd(g *globals) *cobra.Command {
	memLimit := defaultMemoryLimit
	cmd := &cobra.Command{
		Use:         "load DELTAS.jsonl...",
		Annotations: map[string]string{interruptible: "yes"},
		Short:       "Apply delta files written by kg ingest --emit-deltas to the store",
		Long: `load applies the deltas that kg ingest --emit-deltas wrote (on this machine or
others) to the store. Entities are resolved here, against the store, in a
canonical order — by publication date, then document id — so the files can
come in any order and the store is the same: the store an ingest of the same
articles in that order would give. Documents already stored are skipped.`,
		Example: `  # extract on two machines...
  kg ingest --emit-deltas a.deltas.jsonl corpus/a/
  kg ingest --emit-deltas b.deltas.jsonl corpus/b/
  # ...and load both into one store
  kg load b.deltas.jsonl a.deltas.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			softMemoryLimit(memLimit)
			errw := cmd.ErrOrStderr()
			st, err := store.Open(g.db, store.Options{Verbose: g.verbose, MappedLimit: mappedLimit(memLimit)})
			if err != nil {
				return err
			}
			defer st.Close()
			sum, err := ingest.Load(cmd.Context(), st, args, ingest.LoadOptions{
				Problem: func(p ingest.Problem) { fmt.Fprintf(errw, "kg: skipped: %v\n", p.Err) },
			})
			fmt.Fprintf(errw, "kg: %d documents loaded, %d skipped as duplicates, %d failed; %d new entities, %d new events; in %s\n",
				sum.Ingested, sum.Duplicates, sum.Failed, sum.NewEntities, sum.NewEvents, sum.Elapsed.Round(time.Millisecond))
			if err != nil {
				return fmt.Errorf("load stopped: %w (every batch before the error is stored)", err)
			}
			if sum.Interrupted {
				return exitError{code: 130, msg: "interrupted: run the same command again to finish"}
			}
			if sum.Failed > 0 {
				return exitError{code: 1, msg: fmt.Sprintf("%d deltas could not be loaded (see above)", sum.Failed)}
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&memLimit, "memory-limit", defaultMemoryLimit, memoryLimitUsage)
	return cmd
}
